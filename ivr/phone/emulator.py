"""A stand-in for Twilio's side of a voice call, faithful where the service can tell the difference.

It signs every request with the account's auth token (X-Twilio-Signature over the public URL and the
POST parameters, computed by the twilio library's RequestValidator), posts the parameters Twilio posts
(CallSid, From, To, SpeechResult, Confidence, Digits, DialCallStatus…), and follows the TwiML it gets
back: <Say>, <Pause>, <Gather> (speech, keys or nothing, with actionOnEmptyResult), <Redirect>,
<Dial> (then its action with the dial result) and <Hangup>. When the call ends it posts the
status callback.
"""
from __future__ import annotations

import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin

from twilio.request_validator import RequestValidator

Send = Callable[[str, dict, dict], tuple[int, str]]  # (url, form, headers) -> (status, body)


@dataclass
class CallResult:
    call_sid: str
    said: list[str] = field(default_factory=list)
    dialled: list[str] = field(default_factory=list)
    gathers: list[ET.Element] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    hung_up_by: str = ""  # "assistant" | "caller" | "twiml-ended"

    @property
    def text(self) -> str:
        return "\n".join(self.said)


def heard_text(say: ET.Element) -> str:
    """A <Say> as the caller hears it: its text, with an SSML <break> between words heard as a comma."""
    parts = [say.text or ""]
    for child in say:
        parts.append(("、" if child.tag == "break" and child.tail else "") + (child.tail or ""))
    return "".join(parts)


class TwilioEmulator:
    def __init__(self, send: Send, auth_token: str, public_url: str, account_sid: str = "AC" + "1" * 32):
        self.send = send
        self.validator = RequestValidator(auth_token)
        self.public_url = public_url.rstrip("/")
        self.account_sid = account_sid

    def post(self, url: str, form: dict, result: CallResult | None = None, sign: bool = True) -> tuple[int, str]:
        url = urljoin(self.public_url + "/", url)
        headers = {"X-Twilio-Signature": self.validator.compute_signature(url, form)} if sign else {}
        status, body = self.send(url, form, headers)
        if result is not None:
            result.statuses.append(status)
            result.documents.append(body)
        return status, body

    def base_params(self, call_sid: str, caller: str, called: str, status: str = "in-progress") -> dict:
        return {"AccountSid": self.account_sid, "ApiVersion": "2010-04-01", "CallSid": call_sid,
                "CallStatus": status, "Direction": "inbound", "From": caller, "Caller": caller, "To": called,
                "Called": called, "FromCountry": "JP" if caller.startswith("+81") else "US", "ToCountry": "JP"}

    def call(self, turns: list[str], caller: str = "+81312345678", called: str = "+815011112222",
             dial_status: str = "completed", confidence: str = "0.91", max_requests: int = 40) -> CallResult:
        call_sid = "CA" + secrets.token_hex(16)
        result = CallResult(call_sid)
        pending = list(turns)
        url, form = "/voice", self.base_params(call_sid, caller, called, "ringing")
        for _ in range(max_requests):
            status, body = self.post(url, form, result)
            if status != 200:
                result.hung_up_by = f"http-{status}"
                break
            next_request = self._follow(body, result, pending, call_sid, caller, called, dial_status, confidence)
            if next_request is None:
                break
            url, form = next_request
        self.post("/voice/status", {**self.base_params(call_sid, caller, called, "completed"),
                                    "CallDuration": str(15 * len(result.documents))}, None)
        return result

    def _follow(self, body: str, result: CallResult, pending: list[str], call_sid: str, caller: str,
                called: str, dial_status: str, confidence: str) -> tuple[str, dict] | None:
        root = ET.fromstring(body)
        assert root.tag == "Response", body
        base = self.base_params(call_sid, caller, called)
        for verb in root:
            if verb.tag == "Say":
                result.said.append(heard_text(verb))
            elif verb.tag == "Gather":
                result.gathers.append(verb)
                result.said += [heard_text(say) for say in verb if say.tag == "Say"]
                if not pending:
                    result.hung_up_by = "caller"
                    return None
                turn = pending.pop(0)
                form = dict(base)
                if turn.startswith("dtmf:"):
                    form["Digits"] = turn[5:][: int(verb.get("numDigits", "99"))]
                elif turn.strip():
                    form["SpeechResult"], form["Confidence"] = turn, confidence
                elif verb.get("actionOnEmptyResult") != "true":
                    continue  # Twilio moves on to the next verb when nothing was heard
                return verb.get("action"), form
            elif verb.tag == "Redirect":
                return verb.text, dict(base)
            elif verb.tag == "Dial":
                number = (verb.text or "").strip()
                result.dialled.append(number)
                form = {**base, "DialCallStatus": dial_status, "DialCallSid": "CA" + secrets.token_hex(16),
                        "DialCallDuration": "42" if dial_status == "completed" else "0"}
                return verb.get("action"), form
            elif verb.tag == "Hangup":
                result.hung_up_by = "assistant"
                return None
        result.hung_up_by = "twiml-ended"
        return None


def flask_sender(*clients) -> Send:
    """Send each request to the next Flask test client in turn (one client: always the same app)."""
    state = {"i": 0}

    def send(url: str, form: dict, headers: dict) -> tuple[int, str]:
        client = clients[state["i"] % len(clients)]
        state["i"] += 1
        response = client.post(url, data=form, headers=headers, buffered=True)  # closed as a server would
        return response.status_code, response.get_data(as_text=True)
    return send


def http_sender(public_url: str, local_url: str) -> Send:
    """Send to a real server on loopback, as a tunnel would: Twilio signs the public URL."""
    import requests
    session = requests.Session()

    def send(url: str, form: dict, headers: dict) -> tuple[int, str]:
        response = session.post(local_url.rstrip("/") + url[len(public_url.rstrip("/")):], data=form,
                                headers=headers, timeout=20)
        return response.status_code, response.text
    return send
