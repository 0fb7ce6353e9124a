"""`ivr calls`: recent calls, totals by provider, problem and outcome, and phrases not understood."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from . import calllog


def register(sub: argparse._SubParsersAction) -> None:
    calls = sub.add_parser("calls", help="recent calls and totals from the call log")
    calls.add_argument("--db", help="call-log database (default $IVR_DB or the per-user state file)")
    calls.add_argument("--limit", type=int, default=20, help="how many recent calls to list")
    calls.set_defaults(func=cmd_calls)


def cmd_calls(args: argparse.Namespace) -> int:
    path = Path(args.db or os.environ.get("IVR_DB") or calllog.default_path())
    if not path.exists():
        print(f"No call log at {path} yet: it is created by the first call to `ivr serve`.")
        return 0
    db = calllog.connect(path)
    rows = calllog.recent_calls(db, args.limit)
    print(f"Recent calls ({path}):")
    for row in rows:
        opened = {1: "open", 0: "closed"}.get(row["open"], "")
        print(f"  {row['started_at']}  {row['caller'] or '-':>13}  {row['outcome']:<11} {row['provider'] or '-':<20}"
              f" {row['problem'] or '-':<17} {row['number'] or '-':<13} {opened:<6} transfer={row['transfer_status'] or '-'}"
              f" sms={row['sms_status'] or '-'} {row['status']} {row['duration_s'] if row['duration_s'] is not None else '-'}s")
    for column in ("provider", "problem", "outcome"):
        print(f"By {column}: " + ", ".join(f"{name} {count}" for name, count in calllog.totals(db, column)))
    phrases = calllog.not_understood(db)
    print("Not understood:" + ("" if phrases else " none"))
    for phrase, count in phrases:
        print(f"  {count:>4}  {phrase}")
    return 0
