"""Webhook cost, in one run (figures, not a pass/fail test):

1. latency: the webhooks of whole calls (signature check, dialog, TwiML, call log) one at a time,
   beside a bare Flask endpoint returning fixed TwiML: in-process (Flask's test client) and over
   loopback HTTP with the same gunicorn settings (1 worker), p50 and p99 and their ratios;
2. throughput: requests/s with 32 concurrent connections, ivr against the bare endpoint, same settings;
3. memory: RSS of each of 4 workers and their total PSS (the app is preloaded and gc-frozen before fork),
   and the time of a full garbage collection in a process holding the app, with and without gc.freeze().

Every server it starts is stopped on the way out, whatever happens.
Run: .venv/bin/python bench/webhook.py [--rounds N] [--calls N] [--concurrency C]
"""
from __future__ import annotations

import argparse
import gc
import itertools
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from bare_app import app as bare_app  # noqa: E402
from ivr.phone.app import warm_up  # noqa: E402
from ivr.server import create_app  # noqa: E402
from ivr.phone.emulator import TwilioEmulator, http_sender  # noqa: E402
from servers import BareServer, IvrServer  # noqa: E402

TOKEN, PUBLIC = "bench-token", "https://ivr.bench.test"
NOW = "2026-11-24T10:00:00+09:00"
CALLS = [["楽天カード", "カードを紛失しました"], ["アマゾン", "荷物が届かない"], ["", "dtmf:2", "dtmf:4"],
         ["えーと、アメックスなんですけど", "もう一度", "利用明細を確認したい"], ["JCBカード", "楽天", "ポイント"]]


def timed(send, timings):
    def wrapped(url, form, headers):
        started = time.perf_counter()
        result = send(url, form, headers)
        timings.append((time.perf_counter() - started) * 1000)
        return result
    return wrapped


def client_sender(client):
    def send(url, form, headers):
        response = client.post(url, data=form, headers=headers, buffered=True)
        return response.status_code, response.get_data(as_text=True)
    return send


def percentiles(values):
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.99))]


def latency(label: str, ivr_send, bare_send, rounds: int, before_each=None) -> float:
    """Play `rounds` calls through ivr one at a time; send the very same requests (URL with the signed
    state, form, signature header) to the bare endpoint right after each call, so only what the endpoints
    do differs, and a load that comes and goes on the machine weighs on both alike."""
    timings: list[float] = []
    bare_timings: list[float] = []
    sent: list[tuple[str, dict, dict]] = []

    def recorded(url, form, headers):
        sent.append((url, form, headers))
        return ivr_send(url, form, headers)
    twilio = TwilioEmulator(timed(recorded, timings), TOKEN, PUBLIC)
    send_bare = timed(bare_send, bare_timings)
    for turns in CALLS:  # warm-up, every call once: connections, the log's first writes, the bare endpoint
        twilio.call(turns)
    for request in sent:
        send_bare(*request)
    timings.clear()
    bare_timings.clear()
    for i in range(rounds):
        sent.clear()
        if before_each is not None:
            before_each()
        twilio.call(CALLS[i % len(CALLS)])
        for request in sent:
            send_bare(*request)
    ivr_p50, ivr_p99 = percentiles(timings)
    bare_p50, bare_p99 = percentiles(bare_timings)
    print(f"{label}: {len(timings)} webhook requests of {rounds} calls, one at a time")
    print(f"  ivr webhooks   p50 {ivr_p50:7.3f} ms   p99 {ivr_p99:7.3f} ms")
    print(f"  bare endpoint  p50 {bare_p50:7.3f} ms   p99 {bare_p99:7.3f} ms   (the same requests)")
    print(f"  ratio          p50 {ivr_p50 / bare_p50:5.2f}x    p99 {ivr_p99 / bare_p99:5.2f}x")
    return ivr_p50 / bare_p50


def in_parallel(work, count: int, concurrency: int) -> list:
    """work(0..count-1) on `concurrency` threads, each taking the next index when it is free. On Ctrl-C the calls
    not yet started are dropped, so the interrupted run ends as soon as the calls under way have. Nothing is queued
    up front: a Ctrl-C that lands while an executor submits 100,000 futures can break a lock inside `threading`
    (RuntimeError: release unlocked lock) instead of raising KeyboardInterrupt; here the main thread only joins."""
    results: list = [None] * count
    indices = itertools.count()  # next() on it is atomic under the GIL
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            i = next(indices)
            if i >= count:
                return
            results[i] = work(i)

    threads = [threading.Thread(target=run, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return results


def throughput(url: str, calls: int, concurrency: int, bare: bool) -> tuple[float, int, list[float]]:
    """Requests/s, errors and latencies of `calls` calls from `concurrency` concurrent callers, each with
    its own connection. Against the bare endpoint each "call" sends the same number of signed webhooks."""
    timings: list[float] = []
    errors = 0

    def one(i: int) -> int:
        twilio = TwilioEmulator(timed(http_sender(PUBLIC, url), timings), TOKEN, PUBLIC, retries=0)
        turns = CALLS[i % len(CALLS)]
        if not bare:
            result = twilio.call(turns)
            return sum(1 for status in result.statuses if status != 200)
        base = twilio.base_params(f"CA{i:032x}", "+81312345678", "+815011112222")
        bad = 0
        for turn in [""] + turns + [""]:  # like a call: /voice, the turns, the status callback
            bad += twilio.post("/voice/turn", {**base, "SpeechResult": turn})[0] != 200
        return bad
    started = time.perf_counter()
    errors = sum(in_parallel(one, calls, concurrency))
    elapsed = time.perf_counter() - started
    return len(timings) / elapsed, errors, timings


def memory(env: dict) -> None:
    with IvrServer(env, ("--workers", "4", "--threads", "8")) as server:
        twilio = TwilioEmulator(http_sender(PUBLIC, server.url), TOKEN, PUBLIC)
        in_parallel(lambda i: twilio.call(CALLS[i % len(CALLS)]), 80, 8)  # every worker answers some calls first
        deadline = time.monotonic() + 30
        while len(server.workers()) < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = server.workers()
        rss = [_rollup(pid, "Rss") for pid in workers]
        pss = sum(_rollup(pid, "Pss") for pid in workers)
        master = _rollup(server.proc.pid, "Rss")
    print("memory of `ivr serve --workers 4` after 80 calls (preloaded app, gc.freeze before fork):")
    print(f"  RSS per worker  {', '.join(f'{r / 1024:.0f}' for r in rss)} MiB   (master {master / 1024:.0f} MiB)")
    print(f"  PSS of the 4 workers together  {pss / 1024:.0f} MiB")


def _rollup(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])  # kB
    raise KeyError(field)


def gc_pause(app) -> None:
    warm_up(app)
    pauses = {}
    for frozen in (False, True):
        if frozen:
            gc.freeze()
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            gc.collect()
            runs.append((time.perf_counter() - started) * 1000)
        pauses[frozen] = statistics.median(runs)
    gc.unfreeze()
    print(f"full garbage collection in a process holding the app: {pauses[False]:.1f} ms, "
          f"{pauses[True]:.1f} ms after gc.freeze()")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200, help="calls played one at a time")
    parser.add_argument("--calls", type=int, default=300, help="calls played concurrently")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = {"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_NOW": NOW}
        app = create_app({**config, "IVR_DB": str(Path(tmp) / "inproc.sqlite3")})
        latency("in-process (Flask test client)", client_sender(app.test_client()),
                client_sender(bare_app.test_client()), args.rounds)
        gc_pause(app)

        env = {**os.environ, **config, "IVR_DB": str(Path(tmp) / "served.sqlite3")}
        settings = ("--workers", "1", "--threads", "8")
        with IvrServer(env, settings) as ivr, BareServer(env, settings) as bare:
            ratio = latency("over loopback HTTP (gunicorn as `ivr serve`: 1 worker, 8 threads)",
                            http_sender(PUBLIC, ivr.url), http_sender(PUBLIC, bare.url), args.rounds)
            print(f"throughput, {args.calls} calls from {args.concurrency} concurrent connections, same settings:")
            ivr_rate, ivr_errors, ivr_timings = throughput(ivr.url, args.calls, args.concurrency, bare=False)
            bare_rate, bare_errors, bare_timings = throughput(bare.url, args.calls, args.concurrency, bare=True)
            for name, rate, errors, timings in (("ivr", ivr_rate, ivr_errors, ivr_timings),
                                                ("bare", bare_rate, bare_errors, bare_timings)):
                p50, p99 = percentiles(timings)
                print(f"  {name:<5} {rate:7.0f} requests/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms   errors {errors}")
        print(f"ratios: p50 latency {ratio:.2f}x the bare endpoint (target <= 1.5x); "
              f"throughput {ivr_rate / bare_rate:.2f} of the bare endpoint's (target >= 0.5)")
        memory(env)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # Ctrl-C: every server it started was stopped on the way out; no traceback
        print("\ninterrupted: the servers this benchmark started are stopped", file=sys.stderr)
        raise SystemExit(130) from None
