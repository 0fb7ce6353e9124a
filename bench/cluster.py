"""Several instances (figures, not a test): `ivr serve` behind nginx (deploy/nginx) on one PostgreSQL
call log, one instance against two, with the dev call set played by concurrent callers.

Prints requests/s, p50/p99 latency and errors for each, and checks that every call completed and the
log holds exactly one row per call and one per turn, and that each call's row carries the outcome and
number the caller got (what the same assistant decides for the same turns in-process). Every server it
starts (PostgreSQL, nginx, gunicorn) is stopped on the way out, whatever happens.
Run: .venv/bin/python bench/cluster.py [--calls N] [--concurrency C] [--instances 1 2]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import datetime as dt  # noqa: E402

from ivr.calllog import open_log  # noqa: E402
from ivr.core.call import play as play_in_process  # noqa: E402
from ivr.core.catalogue import load, shipped_path  # noqa: E402
from ivr.core.hours import to_tokyo  # noqa: E402
from ivr.ja import assistant as japanese_assistant  # noqa: E402
from ivr.phone.emulator import TwilioEmulator, http_sender  # noqa: E402
from servers import SERVE_ARGS, IvrServer, Nginx, PostgresCluster, eventually, free_port, ivr_servers  # noqa: E402

TOKEN, PUBLIC = "cluster-bench-token", "https://ivr.cluster.test"
NOW = "2026-11-24T19:00:00+09:00"  # evening: transfers, closed lines and SMS offers all happen
CASES = [json.loads(line) for line in (ROOT / "tests" / "corpus" / "dev.jsonl").read_text(encoding="utf-8")
         .splitlines() if line.strip()]


def turns_of(i: int) -> list[str]:
    return CASES[i % len(CASES)]["turns"] + ["はい"]  # a yes for whichever question comes last


def expected_outcomes() -> list[dict]:
    """Per case, the outcome the caller gets: the same assistant, the same turns, the same moment."""
    assistant = japanese_assistant(load(shipped_path()))
    now = to_tokyo(dt.datetime.fromisoformat(NOW))
    return [play_in_process(assistant, turns_of(i), now).outcome for i in range(len(CASES))]


def row_faults(log, results: list, expected: list[dict]) -> list[str]:
    """Each call's row: there, once, with the outcome and number the caller got."""
    faults = []
    for i, result in enumerate(results):
        row, want = log.call(result.call_sid), expected[i % len(CASES)]
        if row is None:
            faults.append(f"{result.call_sid}: no row")
        elif (row["outcome"], row["number"]) != (want["outcome"], want.get("number")):
            faults.append(f"{result.call_sid} ({CASES[i % len(CASES)]['id']}): row says {row['outcome']} "
                          f"{row['number']}, the caller got {want['outcome']} {want.get('number')}")
        elif result.dialled and result.dialled != [row["number"]]:
            faults.append(f"{result.call_sid}: dialled {result.dialled}, row says {row['number']}")
    return faults


def play(url: str, calls: int, concurrency: int) -> dict:
    timings: list[float] = []

    def one(i: int):
        send = http_sender(PUBLIC, url, timeout=15)

        def timed(u, form, headers):
            started = time.perf_counter()
            try:
                return send(u, form, headers)
            finally:
                timings.append((time.perf_counter() - started) * 1000)
        return TwilioEmulator(timed, TOKEN, PUBLIC, retries=0).call(turns_of(i))
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, range(calls)))
    elapsed = time.perf_counter() - started
    timings.sort()
    return {"results": results, "rate": len(timings) / elapsed, "p50": statistics.median(timings),
            "p99": timings[int(len(timings) * 0.99)], "requests": len(timings),
            "errors": sum(1 for r in results for s in r.statuses if s != 200)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000, help="calls played (the dev call set, over and over)")
    parser.add_argument("--concurrency", type=int, default=16, help="client threads calling at once")
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 2], choices=[1, 2])
    args = parser.parse_args()
    expected = expected_outcomes()
    with PostgresCluster(durable=True) as pg:
        ports = [free_port(), free_port()]
        for count in args.instances:
            label, upstreams = ("1 instance " if count == 1 else "2 instances"), ports[:count]
            db = pg.create_database(f"bench{len(upstreams)}")
            env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": db, "IVR_NOW": NOW}
            with ivr_servers(*(IvrServer(env, SERVE_ARGS, p) for p in upstreams)), \
                    Nginx([f"127.0.0.1:{p}" for p in upstreams]) as nginx:
                run = play(nginx.url, args.calls, args.concurrency)
                log = open_log(db, create=False)
                calls = len(run["results"])
                turns = sum(sum(u.split("?")[0].endswith("/voice/turn") for u, _ in r.requests) for r in run["results"])
                eventually(lambda: log.count("calls") == calls and log.count("turns") == turns, 30)
                eventually(lambda: not row_faults(log, run["results"], expected), 30, every_s=1)
                faults = row_faults(log, run["results"], expected)
                complete = sum(1 for r in run["results"] if r.hung_up_by in ("assistant", "caller")
                               and set(r.statuses) == {200})
                print(f"{label} ({' '.join(SERVE_ARGS)} each) behind nginx, PostgreSQL log, {calls} calls from "
                      f"{args.concurrency} concurrent callers:")
                print(f"  {run['requests']} requests  {run['rate']:6.0f} requests/s   p50 {run['p50']:6.1f} ms   "
                      f"p99 {run['p99']:6.1f} ms   errors {run['errors']}")
                print(f"  calls complete {complete}/{calls};  log rows: calls {log.count('calls')} (expected {calls}), "
                      f"turns {log.count('turns')} (expected {turns})")
                print(f"  rows with the outcome and number the caller got: {calls - len(faults)}/{calls}")
                for fault in faults[:10]:
                    print(f"    {fault}")
                log.close()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # Ctrl-C: every server it started was stopped on the way out; no traceback
        print("\ninterrupted: the servers this benchmark started are stopped", file=sys.stderr)
        raise SystemExit(130) from None
