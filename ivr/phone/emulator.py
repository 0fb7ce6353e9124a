"""A stand-in for Twilio's side of a voice call, faithful where the service can tell the difference.

It signs every request with the account's auth token (X-Twilio-Signature over the public URL and the
POST parameters, computed by the twilio library's RequestValidator), posts the parameters Twilio posts
(CallSid, From, To, SpeechResult, Confidence, Digits, DialCallStatus…), and follows the TwiML it gets
back: <Say>, <Pause>, <Gather> (speech, keys or nothing, with actionOnEmptyResult), <Redirect>,
<Dial> with a <Number> (the dialled leg's status callback, then the Dial action with the result) and
<Hangup>. When the call ends it posts the call's status callback.

Twilio's retries: a webhook whose connection fails, times out or gets a 5xx is sent again, `retries`
times (Twilio's default is one; a `#rc=N` fragment on the URL overrides it, and is never sent). With
`deliver_twice` every webhook is delivered twice, as when the first answer was lost on its way back:
the second answer is the one followed, and both are kept for comparison.
"""
from __future__ import annotations

import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import parse_qs, urldefrag, urljoin

from twilio.request_validator import RequestValidator

Send = Callable[[str, dict, dict], tuple[int, str]]  # (url, form, headers) -> (status, body)


BARGE = "barge:"  # a scripted turn said in a moment nothing is asked (「違います」 before a transfer)


@dataclass
class CallResult:
    call_sid: str
    said: list[str] = field(default_factory=list)
    dialled: list[str] = field(default_factory=list)
    gathers: list[ET.Element] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    requests: list[tuple[str, dict]] = field(default_factory=list)  # every webhook of the call, to replay
    repeats: list[tuple[str, str]] = field(default_factory=list)  # (first answer, second) with deliver_twice
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
    def __init__(self, send: Send, auth_token: str, public_url: str, account_sid: str = "AC" + "1" * 32,
                 retries: int = 1, deliver_twice: bool = False):
        self.send = send
        self.validator = RequestValidator(auth_token)
        self.public_url = public_url.rstrip("/")
        self.account_sid = account_sid
        self.retries, self.deliver_twice = retries, deliver_twice
        self.attempts = 0  # HTTP requests actually sent, retries included

    def post(self, url: str, form: dict, result: CallResult | None = None, sign: bool = True) -> tuple[int, str]:
        url, fragment = urldefrag(urljoin(self.public_url + "/", url))
        overrides = {k: v[0] for k, v in parse_qs(fragment).items()}
        retries = int(overrides.get("rc", self.retries))
        headers = {"X-Twilio-Signature": self.validator.compute_signature(url, form)} if sign else {}
        status, body = self._deliver(url, form, headers, retries)
        if self.deliver_twice:
            again = self._deliver(url, form, headers, retries)
            if result is not None:
                result.repeats.append((body, again[1]))
            status, body = again
        if result is not None:
            result.requests.append((url, dict(form)))
            result.statuses.append(status)
            result.documents.append(body)
        return status, body

    def _deliver(self, url: str, form: dict, headers: dict, retries: int) -> tuple[int, str]:
        for attempt in range(retries + 1):
            self.attempts += 1
            try:
                status, body = self.send(url, form, headers)
            except (OSError, IOError) as error:  # refused, reset, timed out (requests' errors are OSErrors)
                if attempt == retries:
                    return 502, f"connection failed: {type(error).__name__}"
                continue
            if status < 500 or attempt == retries:
                return status, body
        raise AssertionError("unreachable")

    def base_params(self, call_sid: str, caller: str, called: str, status: str = "in-progress") -> dict:
        return {"AccountSid": self.account_sid, "ApiVersion": "2010-04-01", "CallSid": call_sid,
                "CallStatus": status, "Direction": "inbound", "From": caller, "Caller": caller, "To": called,
                "Called": called, "FromCountry": "JP" if caller.startswith("+81") else "US", "ToCountry": "JP"}

    def call(self, turns: list[str], caller: str = "+81312345678", called: str = "+815011112222",
             dial_status: str = "completed", confidence: str = "0.91", max_requests: int = 40,
             status_first: bool = False, hangup_during_dial: bool = False,
             still_on_line: bool = False) -> CallResult:
        """Play a call. still_on_line: stop when the turns run out, with the call still up (no status
        callback), so a test can deliver the next webhook itself. status_first: the status callback overtakes the last turn's webhook (Twilio's
        callbacks are not ordered). hangup_during_dial: the caller hangs up while being transferred, so
        Twilio reports the dialled leg's end and the call's end, and never requests the Dial action."""
        result = CallResult("CA" + secrets.token_hex(16))
        pending = list(turns)
        return self.follow(result, "/voice", self.base_params(result.call_sid, caller, called, "ringing"), pending,
                           caller, called, dial_status, confidence, max_requests, status_first,
                           hangup_during_dial, still_on_line)

    def follow(self, result: CallResult, url: str, form: dict, pending: list[str], caller: str, called: str,
               dial_status: str = "completed", confidence: str = "0.91", max_requests: int = 40,
               status_first: bool = False, hangup_during_dial: bool = False,
               still_on_line: bool = False) -> CallResult:
        """Request `url` and follow the TwiML of the call `result` from there until it ends (the relay
        emulator hands its calls over here at the <Connect action>)."""
        call_sid = result.call_sid
        ended = {"posted": False}

        def end_call() -> None:
            if not ended["posted"] and not still_on_line:
                ended["posted"] = True
                self.post("/voice/status", {**self.base_params(call_sid, caller, called, "completed"),
                                            "CallDuration": str(15 * max(1, len(result.documents)))}, None)

        for _ in range(max_requests):
            if status_first and not pending and url.split("?")[0].endswith("/voice/turn"):
                end_call()  # the caller's last words and their hang-up, reported in the wrong order
            status, body = self.post(url, form, result)
            if status != 200:
                result.hung_up_by = f"http-{status}"
                break
            next_request = self._follow(body, result, pending, call_sid, caller, called, dial_status, confidence,
                                        hangup_during_dial)
            if next_request is None:
                break
            url, form = next_request
        end_call()
        return result

    def _follow(self, body: str, result: CallResult, pending: list[str], call_sid: str, caller: str,
                called: str, dial_status: str, confidence: str, hangup_during_dial: bool) -> tuple[str, dict] | None:
        root = ET.fromstring(body)
        assert root.tag == "Response", body
        base = self.base_params(call_sid, caller, called)
        for verb in root:
            if verb.tag == "Say":
                result.said.append(heard_text(verb))
            elif verb.tag == "Gather":
                result.gathers.append(verb)
                result.said += [heard_text(say) for say in verb if say.tag == "Say"]
                asks = verb.get("actionOnEmptyResult") == "true"
                if not asks and not (pending and pending[0].startswith(BARGE)):
                    continue  # a moment to object in (before a transfer), not a question: the caller lets it pass
                if not pending:
                    result.hung_up_by = "caller"
                    return None
                turn = pending.pop(0).removeprefix(BARGE)
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
                return self._dial(verb, result, base, dial_status, hangup_during_dial)
            elif verb.tag == "Hangup":
                result.hung_up_by = "assistant"
                return None
        result.hung_up_by = "twiml-ended"
        return None

    def _dial(self, verb: ET.Element, result: CallResult, base: dict, dial_status: str,
              hangup_during_dial: bool) -> tuple[str, dict] | None:
        noun = verb.find("Number")
        number = ((noun.text if noun is not None else verb.text) or "").strip()
        result.dialled.append(number)
        child = "CA" + secrets.token_hex(16)
        duration = "42" if dial_status == "completed" else "0"
        if noun is not None and noun.get("statusCallback"):
            leg = {**base, "CallSid": child, "ParentCallSid": base["CallSid"], "Direction": "outbound-dial",
                   "From": base["To"], "To": number, "Called": number, "CallStatus": dial_status,
                   "CallDuration": duration}
            self.post(noun.get("statusCallback"), leg, None)
        if hangup_during_dial:
            result.hung_up_by = "caller"
            return None
        form = {**base, "DialCallStatus": dial_status, "DialCallSid": child, "DialCallDuration": duration}
        return verb.get("action"), form


def flask_sender(*clients) -> Send:
    """Send each request to the next Flask test client in turn (one client: always the same app)."""
    state = {"i": 0}

    def send(url: str, form: dict, headers: dict) -> tuple[int, str]:
        client = clients[state["i"] % len(clients)]
        state["i"] += 1
        response = client.post(url, data=form, headers=headers, buffered=True)  # closed as a server would
        return response.status_code, response.get_data(as_text=True)
    return send


def http_sender(public_url: str, local_url: str, timeout: float = 20,
                served_by: list | None = None) -> Send:
    """Send to a real server on loopback, as a tunnel would: Twilio signs the public URL. With
    `served_by`, each answer's X-Upstream header (set by the test's nginx) is appended to it."""
    import requests
    session = requests.Session()

    def send(url: str, form: dict, headers: dict) -> tuple[int, str]:
        response = session.post(local_url.rstrip("/") + url[len(public_url.rstrip("/")):], data=form,
                                headers=headers, timeout=timeout)
        if served_by is not None:
            served_by.append(response.headers.get("X-Upstream"))
        return response.status_code, response.text
    return send
