"""Cost of the console's reads on a busy log: the statistics queries and the pages, on this machine.

Fills a SQLite call log with N calls over the last 7 days (3 turns each, some not understood), then times
statistics(today), statistics(7 days), the phrases not understood, and GET /console/calls and /console/.

Run: .venv/bin/python bench/console.py [--calls 20000] [--rounds 20]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ivr.calllog import open_log  # noqa: E402
from ivr.core.hours import TOKYO  # noqa: E402
from ivr.server import create_app  # noqa: E402

OUTCOMES = [("transfer", "rakuten_card", "lost_stolen", "+81120866910"), ("closed", "amex_gold_preferred", "points",
            "+81120010120"), ("info", "amazon", "returns", None), ("unsupported", None, None, None)]
PHRASES = ["ふにゃふにゃ", "JCBのカード", "えっと", "あのー、その", "ポイントカードのやつ"]


def fill(log, calls: int, now: dt.datetime) -> None:
    rng = random.Random(7)
    db = log._connection()
    db.execute("BEGIN")
    for index in range(calls):
        started = now - dt.timedelta(seconds=rng.randrange(7 * 24 * 3600))
        stamp = started.isoformat(timespec="seconds")
        sid = f"CA{index:032x}"
        outcome, provider, problem, number = rng.choice(OUTCOMES)
        log.start_call(sid, stamp, "+8190" + f"{rng.randrange(10**8):08d}")
        log.log_turn(sid, 1, stamp, "speech", rng.choice(PHRASES), 0.5, False, None)
        log.log_turn(sid, 2, stamp, "speech", "楽天カード", 0.9, True, None)
        log.log_turn(sid, 3, stamp, "dtmf", "1", None, True, {"outcome": outcome, "provider": provider,
                                                              "problem": problem, "number": number, "open": True})
        if outcome == "transfer":
            log.record(sid, stamp, transfer_status=rng.choice(["completed", "completed", "busy", "no-answer"]))
    db.execute("COMMIT")


def timed(what, rounds: int) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        what()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    now = dt.datetime.now(TOKYO)
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    bounds = {"today": (today, today + dt.timedelta(days=1)), "7 days": (today - dt.timedelta(days=6),
                                                                        today + dt.timedelta(days=1))}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "calls.sqlite3"
        log = open_log(path)
        start = time.perf_counter()
        fill(log, args.calls, now)
        print(f"filled {args.calls} calls ({3 * args.calls} turns) in {time.perf_counter() - start:.1f} s, "
              f"{path.stat().st_size / 1e6:.1f} MB")
        for name, (since, until) in bounds.items():
            median, worst = timed(lambda: log.statistics(since.isoformat(timespec="seconds"),
                                                         until.isoformat(timespec="seconds")), args.rounds)
            print(f"statistics({name}): median {median:.1f} ms, max {worst:.1f} ms")
        median, worst = timed(lambda: log.unheard_phrases(limit=100), args.rounds)
        print(f"unheard_phrases(100): median {median:.1f} ms, max {worst:.1f} ms")
        app = create_app({"TWILIO_AUTH_TOKEN": "bench-token", "IVR_DB": str(path), "IVR_DEV": "1"}, dev=True)
        client = app.test_client()
        for page in ("/console/calls", "/console/phrases", "/console/"):
            assert client.get(page).status_code == 200
            median, worst = timed(lambda: client.get(page), args.rounds)
            print(f"GET {page}: median {median:.1f} ms, max {worst:.1f} ms")
        log.close()


if __name__ == "__main__":
    main()
