"""`ivr models download NAME` and `ivr models list`."""
from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    models = sub.add_parser("models", help="download or list Vosk speech models in voice_models/")
    actions = models.add_subparsers(dest="models_command", metavar="SUBCOMMAND")
    models.set_defaults(func=lambda args: _usage(models))
    download = actions.add_parser("download", help="fetch an official Vosk Japanese model")
    download.add_argument("name", choices=["ja-small", "ja"], help="ja-small (about 50 MB) or ja (about 1 GB)")
    download.set_defaults(func=cmd_download)
    listing = actions.add_parser("list", help="show the models installed")
    listing.set_defaults(func=cmd_list)


def cmd_download(args: argparse.Namespace) -> int:
    from ..voice.asr import AsrError
    from ..voice.models import download

    try:
        folder = download(args.name)
    except AsrError as error:
        print(f"ivr models: {error}", file=sys.stderr)
        return 1
    print(f"{args.name}: installed in {folder} and loads correctly")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from ..voice.asr import models_dir
    from ..voice.models import describe_installed

    rows = describe_installed()
    print(f"Models in {models_dir()}:" if rows else f"No model in {models_dir()}: run `ivr models download ja-small`.")
    for row in rows:
        print("  " + row)
    return 0


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2
