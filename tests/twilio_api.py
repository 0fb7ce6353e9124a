"""A stand-in for Twilio's REST Messages endpoint on loopback, as far as the twilio client can tell:
it records each message, can fail, and can be slow (to make Twilio's webhook retry race the first try)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class FakeMessagesApi:
    def __init__(self, fail: bool = False, delay_s: float = 0.0):
        self.fail, self.delay_s = fail, delay_s
        self.received: list[tuple[str, str, dict]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                form = parse_qs(body)
                api.received.append((self.path, self.headers.get("Authorization"), form))
                time.sleep(api.delay_s)
                if api.fail:
                    self.send_response(500)
                    payload = {"code": 20500, "message": "Internal Server Error", "status": 500}
                else:
                    self.send_response(201)
                    payload = {"sid": "SM" + "0" * 32, "status": "queued", "to": form["To"][0],
                               "from": form["From"][0], "body": form["Body"][0]}
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(payload).encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> "FakeMessagesApi":
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
