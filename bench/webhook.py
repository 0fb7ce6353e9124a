"""Webhook cost, in one run:

1. median and p99 time of the webhook requests of whole calls (signature check, dialog, TwiML, SQLite log)
   beside a bare Flask endpoint returning fixed TwiML, both in-process through Flask's test client;
2. requests per second and error count of many concurrent simulated calls against `ivr serve`
   (gunicorn, several workers) on loopback.

Run: .venv/bin/python bench/webhook.py [--calls N] [--concurrency C] [--workers W]
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import requests  # noqa: E402

from bare_app import app as bare_app  # noqa: E402

from ivr.web import create_app  # noqa: E402
from twilio_emulator import TwilioEmulator, http_sender  # noqa: E402

TOKEN, PUBLIC = "bench-token", "https://ivr.bench.test"
CALLS = [["楽天カード", "カードを紛失しました"], ["アマゾン", "荷物が届かない"], ["", "dtmf:2", "dtmf:4"],
         ["えーと、アメックスなんですけど", "もう一度", "利用明細を確認したい"], ["JCBカード", "楽天", "ポイント"]]


def timed(send, timings):
    def wrapped(url, form, headers):
        started = time.perf_counter()
        result = send(url, form, headers)
        timings.append((time.perf_counter() - started) * 1000)
        return result
    return wrapped


def test_client_sender(client):
    def send(url, form, headers):
        response = client.post(url, data=form, headers=headers)
        return response.status_code, response.get_data(as_text=True)
    return send


def percentiles(values):
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.99))]


def compare(label: str, ivr_send, bare_send, rounds: int) -> None:
    """Play `rounds` calls through ivr; send the same number of requests to the bare endpoint."""
    timings: list[float] = []
    twilio = TwilioEmulator(timed(ivr_send, timings), TOKEN, PUBLIC)
    for _ in range(3):  # warm-up: imports, SQLite file, connections
        twilio.call(CALLS[0])
    timings.clear()
    for i in range(rounds):
        twilio.call(CALLS[i % len(CALLS)])
    form = twilio.base_params("CA" + "0" * 32, "+81312345678", "+815011112222")
    bare_timings: list[float] = []
    send = timed(bare_send, bare_timings)
    for _ in range(len(timings) + 50):
        send(f"{PUBLIC}/voice", form, {})
    bare_timings = bare_timings[50:]
    ivr_median, ivr_p99 = percentiles(timings)
    bare_median, bare_p99 = percentiles(bare_timings)
    print(f"{label}: {len(timings)} webhook requests of {rounds} calls, one at a time")
    print(f"  ivr webhooks   median {ivr_median:7.3f} ms   p99 {ivr_p99:7.3f} ms")
    print(f"  bare endpoint  median {bare_median:7.3f} ms   p99 {bare_p99:7.3f} ms")
    print(f"  ratio          median {ivr_median / bare_median:5.2f}x    p99 {ivr_p99 / bare_p99:5.2f}x")


def start_server(args: list[str], env: dict) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", *args, "--bind" if args[0] == "gunicorn" else "--port",
                             f"127.0.0.1:{port}" if args[0] == "gunicorn" else str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT / "bench")
    local = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            requests.post(local + "/voice", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    return proc, local


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=15)


def load(local: str, calls: int, concurrency: int, workers: int) -> None:
    twilio = TwilioEmulator(http_sender(PUBLIC, local), TOKEN, PUBLIC)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda i: twilio.call(CALLS[i % len(CALLS)]), range(calls)))
    elapsed = time.perf_counter() - started
    total = sum(len(r.statuses) + 1 for r in results)  # +1: the status callback
    errors = sum(1 for r in results for status in r.statuses if status != 200)
    print(f"ivr serve ({workers} workers) on loopback, {calls} calls from {concurrency} concurrent callers:")
    print(f"  {total} requests in {elapsed:.2f} s = {total / elapsed:.0f} requests/s, errors: {errors}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200, help="calls played one at a time")
    parser.add_argument("--calls", type=int, default=300, help="calls played concurrently against ivr serve")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        config = {"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_NOW": "2026-11-24T10:00:00+09:00"}
        app = create_app({**config, "IVR_DB": str(Path(tmp) / "inproc.sqlite3")})
        compare("in-process (Flask test client)", test_client_sender(app.test_client()),
                test_client_sender(bare_app.test_client()), args.rounds)

        env = {**os.environ, **config, "IVR_DB": str(Path(tmp) / "served.sqlite3"), "PYTHONPATH": str(ROOT)}
        ivr_proc, ivr_url = start_server(["ivr", "serve", "--workers", "1", "--threads", "1"], env)
        bare_proc, bare_url = start_server(["gunicorn", "--workers", "1", "--worker-class", "gthread",
                                            "bare_app:app"], env)
        try:
            compare("over loopback HTTP (gunicorn, 1 worker and 1 thread each)", http_sender(PUBLIC, ivr_url),
                    http_sender(PUBLIC, bare_url), args.rounds)
        finally:
            stop(ivr_proc)
            stop(bare_proc)
        ivr_proc, ivr_url = start_server(["ivr", "serve", "--workers", str(args.workers)], env)
        try:
            load(ivr_url, args.calls, args.concurrency, args.workers)
        finally:
            stop(ivr_proc)


if __name__ == "__main__":
    main()
