"""The `ivr` command: one module per subcommand, each registering itself on the parser.

Heavy parts (Flask, Vosk, pyttsx3, the Japanese analyser) are imported only by the subcommand that runs.
"""
from __future__ import annotations

import argparse
import sys

from .. import __version__
from . import calls, check, evaluate, explain, local, models, serve, simulate

COMMANDS = (check, simulate, explain, evaluate, serve, calls, local, models)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ivr", description="Japanese voice assistant for support lines")
    parser.add_argument("--version", action="version", version=f"ivr {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
