"""The baseline for bench/webhook.py: a bare Flask endpoint returning fixed TwiML."""
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
