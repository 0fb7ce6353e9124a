"""`ivr calls`: recent calls, totals by provider, problem and outcome, and phrases not understood."""
from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata

from ..calllog import LogUnavailable, default_path, open_log

COLUMNS = (("started_at", "started", 19), ("caller", "caller", 13), ("outcome", "outcome", 11),
           ("provider", "provider", 19), ("problem", "problem", 16), ("number", "number", 13),
           ("transfer_status", "transfer", 9), ("sms_status", "sms", 6), ("status", "status", 11),
           ("duration_s", "secs", 5))


def register(sub: argparse._SubParsersAction) -> None:
    calls = sub.add_parser("calls", help="recent calls and totals from the call log")
    calls.add_argument("--db", help="call-log database (default $IVR_DB or the per-user state file)")
    calls.add_argument("--limit", type=int, default=20, help="how many recent calls to list")
    calls.add_argument("--json", action="store_true", help="one JSON object with calls, totals and phrases")
    calls.set_defaults(func=cmd_calls)


def cmd_calls(args: argparse.Namespace) -> int:
    where = args.db or os.environ.get("IVR_DB") or str(default_path())
    log = None
    try:
        log = open_log(where, create=False)
        report = {"log": log.description, "calls": log.recent_calls(args.limit),
                  "totals": {c: dict(log.totals(c)) for c in ("provider", "problem", "outcome")},
                  "not_understood": [{"heard": h, "count": n} for h, n in log.not_understood()]}
    except LogUnavailable as error:
        print(f"ivr calls: {error}", file=sys.stderr)
        return 1
    finally:
        if log is not None:
            log.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"Recent calls ({report['log']}):" if report["calls"] else f"No calls yet in {report['log']}.")
    if report["calls"]:
        print("  " + "  ".join(_pad(title, width) for _, title, width in COLUMNS).rstrip())
        for row in report["calls"]:
            cells = ("-" if row.get(key) is None else str(row[key]) for key, _, _ in COLUMNS)
            print("  " + "  ".join(_pad(cell, width) for cell, (_, _, width) in zip(cells, COLUMNS)).rstrip())
    for column, counts in report["totals"].items():
        if counts:
            print(f"By {column}: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    phrases = report["not_understood"]
    print("Not understood (add such words to providers.yaml):" if phrases else "Not understood: none")
    for item in phrases:
        print(f"  {item['count']:>4}  {item['heard']}")
    return 0


def _pad(text: str, width: int) -> str:
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)
