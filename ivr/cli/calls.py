"""`ivr calls`: recent calls, totals by provider, problem and outcome, and phrases not understood."""
from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata

from ..calllog import LogUnavailable, UnsupportedLog, default_path, open_log

WIDTH = 100  # a row never wraps in a terminal of 100 columns
# (title, width): "provider / problem" takes what is left and shortens its text with … when it must.
COLUMNS = (("started", 16), ("caller", 9), ("outcome", 11), ("provider / problem", 28), ("number", 13),
           ("result", 11))
assert 2 + sum(width for _, width in COLUMNS) + 2 * (len(COLUMNS) - 1) == WIDTH


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
                  "counted": {"real_calls": sum(n for _, n in log.count_by("outcome", None, None)),
                              "rehearsals_left_out": sum(n for _, n in log.count_by("outcome", None, None,
                                                                                    rehearsal=True))},
                  "not_understood": [{"heard": h, "count": n} for h, n in log.not_understood()]}
    except UnsupportedLog as error:
        print(f"ivr calls: {error}", file=sys.stderr)
        return 2
    except LogUnavailable as error:
        print(f"ivr calls: {error}", file=sys.stderr)
        return 1
    finally:
        if log is not None:
            log.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(f"Call log: {report['log']}")
    print("Recent calls, Tokyo time, latest first:" if report["calls"] else "No calls yet.")
    if report["calls"]:
        print(_row(title for title, _ in COLUMNS))
        for call in report["calls"]:
            print(_row(_cells(call)))
        if any(call.get("rehearsal") for call in report["calls"]):
            print("  (rehearsal: a call played on /try, not a real caller; every field: ivr calls --json)")
    real, rehearsals = report["counted"]["real_calls"], report["counted"]["rehearsals_left_out"]
    print(f"Totals of the {_count(real, 'real call')} in the whole log"
          + (f" ({_count(rehearsals, 'rehearsal')} left out):" if rehearsals else ":"))
    for column, counts in report["totals"].items():
        if counts:
            print(f"  by {column}: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    phrases = report["not_understood"]
    print("Not understood in real calls (add such words to providers.yaml):" if phrases
          else "Not understood in real calls: none")
    for item in phrases:
        print(f"  {item['count']:>4}  {item['heard']}")
    return 0


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


def _cells(call: dict) -> list[str]:
    started = (call.get("started_at") or "-")[:16].replace("T", " ")
    caller = "rehearsal" if call.get("rehearsal") else ("…" + call["caller"][-4:] if call.get("caller") else "-")
    subject = " / ".join(x for x in (call.get("provider"), call.get("problem")) if x) or "-"
    if call.get("outcome") == "transfer" and call.get("transfer_status"):
        result = call["transfer_status"]  # how the dial ended
    elif call.get("sms_status"):
        result = f"sms {call['sms_status']}"
    else:
        result = call.get("status") or "-"
    return [started, caller, call.get("outcome") or "-", subject, call.get("number") or "-", result]


def _row(cells) -> str:
    return ("  " + "  ".join(_fit(str(cell), width) for cell, (_, width) in zip(cells, COLUMNS))).rstrip()


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` terminal columns (wide characters count two), shortened with … if need be."""
    if _width(text) > width:
        while _width(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
