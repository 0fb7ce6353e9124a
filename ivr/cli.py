"""The `ivr` command: check, simulate, serve, calls, local, models."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import calllog_cli, local_cli, models_cli, web_cli
from .catalogue import Catalogue, CatalogueError, load

DEFAULT_PROVIDERS = "providers.yaml"


def providers_path(explicit: str | None = None) -> str:
    """--providers, else $IVR_PROVIDERS, else ./providers.yaml, else the file shipped beside the package."""
    if explicit:
        return explicit
    if os.environ.get("IVR_PROVIDERS"):
        return os.environ["IVR_PROVIDERS"]
    if Path(DEFAULT_PROVIDERS).exists():
        return DEFAULT_PROVIDERS
    shipped = Path(__file__).resolve().parent.parent / DEFAULT_PROVIDERS
    return str(shipped) if shipped.exists() else DEFAULT_PROVIDERS


def load_or_exit(path: str) -> Catalogue:
    try:
        return load(path)
    except CatalogueError as error:
        for fault in error.faults:
            print(fault, file=sys.stderr)
        raise SystemExit(2)


def cmd_check(args: argparse.Namespace) -> int:
    from .hours import is_open, next_opening
    from .phrasing import say_hours, say_when
    from .simulate import parse_moment

    path = providers_path(args.path)
    catalogue = load_or_exit(path)
    now = parse_moment(args.at)
    rows = [("provider", "line", "number", "E.164", "hours", "open now")]
    for provider in catalogue.providers:
        for line in provider.lines:
            opened = is_open(line.hours, now)
            reopen = next_opening(line.hours, now)
            status = "open" if opened else ("closed, opens " + say_when(reopen, now) if reopen else "closed")
            kind = " (FAX)" if line.kind == "fax" else ""
            rows.append((provider.name, line.name + kind, line.number, line.e164, say_hours(line.hours), status))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths)).rstrip())
    counts = (len(catalogue.providers), sum(len(p.lines) for p in catalogue.providers),
              sum(len(p.problems) for p in catalogue.providers))
    print(f"{path}: OK — {counts[0]} providers, {counts[1]} lines, {counts[2]} problems "
          f"(at {now.isoformat(timespec='minutes')})")
    return 0


def _width(text: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cmd_simulate(args: argparse.Namespace) -> int:
    from .dialog import Assistant
    from .simulate import parse_moment, play, print_human, run_cases, typed_turns

    assistant = Assistant(load_or_exit(providers_path(args.providers)))
    if args.cases:
        with open(args.cases, encoding="utf-8") as handle:
            summary = run_cases(assistant, handle, print)
        return 0 if summary["routed_correctly"] == summary["cases"] else 1
    try:
        now = parse_moment(args.at)
    except ValueError:
        print(f"--at: '{args.at}' is not an ISO-8601 moment (e.g. 2026-11-24T10:00:00+09:00)", file=sys.stderr)
        return 2
    emit = (lambda e: print(json.dumps(e, ensure_ascii=False))) if args.json else print_human
    if not args.turns and sys.stdin.isatty():
        print("(話す内容を入力して Enter。キー入力は dtmf:1、無言は空行、終了は Ctrl-D)", file=sys.stderr)
    turns = args.turns if args.turns or not sys.stdin.isatty() else typed_turns()
    record = play(assistant, turns, now, getattr(args, "from"), args.yes, emit)
    if args.json:
        print(json.dumps(record.outcome, ensure_ascii=False))
    else:
        print(f"--- 結果: {json.dumps(record.outcome, ensure_ascii=False)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ivr", description="Japanese voice assistant for support lines")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate providers.yaml and show every line with its hours")
    check.add_argument("path", nargs="?", help="catalogue file (default: providers.yaml)")
    check.add_argument("--at", help="moment for the 'open now' column (ISO-8601, default now)")
    check.set_defaults(func=cmd_check)

    sim = sub.add_parser("simulate", help="play one call in text, or a file of scripted calls")
    sim.add_argument("--at", help="moment of the call, ISO-8601 (default now, Asia/Tokyo)")
    sim.add_argument("--from", dest="from", help="caller's number in E.164")
    sim.add_argument("--yes", action="store_true", help="answer every yes/no question with はい")
    sim.add_argument("--json", action="store_true", help="one JSON object per line")
    sim.add_argument("--providers", help="catalogue file")
    sim.add_argument("--cases", help="JSON-lines file of scripted calls to run")
    sim.add_argument("turns", nargs="*", help="what the caller says; dtmf:12 for keys, '' for silence")
    sim.set_defaults(func=cmd_simulate)

    # Each registers its subcommand; the heavy parts (Flask, Vosk, pyttsx3) are imported only when run.
    for module in (web_cli, calllog_cli, local_cli, models_cli):
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
