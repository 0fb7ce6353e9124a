"""What the request deadline in deploy/nginx costs (figures, not a test): the same webhook-sized POST and
GET through nginx with the template as shipped and with its Lua block taken out, to one bare Flask
endpoint on `ivr serve`'s gunicorn settings. Rounds alternate between the two so that drift on a shared
machine falls on both; prints p50/p99 per request and the difference. Every server it starts is stopped.
Run: .venv/bin/python bench/nginx_deadline.py [--rounds N] [--requests N]
"""
from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from servers import BareServer, Nginx, without_body_deadline  # noqa: E402

# About what Twilio posts to /voice/turn: some 30 form fields, 700-odd bytes.
BODY = "&".join(f"Field{i}=value-{i:04d}-{'x' * 8}" for i in range(30)).encode()


def timings(port: int, method: str, count: int) -> list[float]:
    """Sequential requests on one kept-alive connection, milliseconds each."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    body, headers = (BODY, {"Content-Type": "application/x-www-form-urlencoded"}) if method == "POST" else (None, {})
    found = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            connection.request(method, "/voice/turn" if method == "POST" else "/healthz", body, headers)
            response = connection.getresponse()
            response.read()
            found.append((time.perf_counter() - started) * 1000)
            assert response.status == 200, response.status
    finally:
        connection.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--requests", type=int, default=200, help="per round, per config and method")
    args = parser.parse_args()
    env = {**os.environ, "TWILIO_AUTH_TOKEN": "bench-token"}
    with BareServer(env, ("--workers", "1", "--threads", "8")) as bare:
        upstream = [f"127.0.0.1:{bare.port}"]
        with Nginx(upstream) as shipped, Nginx(upstream, edit=without_body_deadline) as without:
            found = {(name, method): [] for name in ("deadline", "without") for method in ("POST", "GET")}
            for port in (shipped.port, without.port):  # warm both up
                timings(port, "POST", 50)
            for _ in range(args.rounds):
                for name, port in (("deadline", shipped.port), ("without", without.port)):
                    for method in ("POST", "GET"):
                        found[name, method] += timings(port, method, args.requests)
    print(f"through nginx to a bare Flask endpoint, {args.rounds} x {args.requests} sequential requests each:")
    for method in ("POST", "GET"):
        medians = {}
        for name in ("deadline", "without"):
            values = sorted(found[name, method])
            medians[name] = statistics.median(values)
            p99 = values[int(len(values) * 0.99) - 1]
            print(f"  {method:<4} {name:<9} p50 {medians[name]:6.3f} ms   p99 {p99:6.3f} ms")
        print(f"  {method:<4} the deadline adds {1000 * (medians['deadline'] - medians['without']):+.0f} µs at p50")


if __name__ == "__main__":
    main()
