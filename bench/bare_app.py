"""The baseline for bench/webhook.py: a bare Flask endpoint returning fixed TwiML.

Run as a server with exactly `ivr serve`'s gunicorn settings:
    python bench/bare_app.py --port 8001 --workers 1 --threads 8
"""
import argparse
import sys
from pathlib import Path

from flask import Flask, Response
from twilio.twiml.voice_response import VoiceResponse

_fixed = VoiceResponse()
_fixed.say("お電話ありがとうございます。", language="ja-JP")
_fixed.hangup()
BODY = str(_fixed)

app = Flask("bare")


@app.post("/voice")
@app.post("/voice/<path:rest>")
def voice(rest: str = "") -> Response:
    return Response(BODY, mimetype="text/xml")


@app.get("/healthz")
def healthz():
    return "ok\n", 200, {"Content-Type": "text/plain"}


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ivr.cli.serve import run_gunicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    run_gunicorn(app, args.host, args.port, args.workers, args.threads)
