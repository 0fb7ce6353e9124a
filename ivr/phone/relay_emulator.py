"""A stand-in for Twilio's side of a ConversationRelay call, beside the <Gather> emulator (emulator.py).

It does what Twilio does, over a real WebSocket: the incoming call's webhook (signed), the socket's upgrade
with X-Twilio-Signature over the wss:// URL the TwiML names, `setup`, then the caller's turns as `prompt`
and `dtmf` messages, `interrupt` at a chosen moment of the assistant's speech, `error`, or a socket dropped
mid-call. The assistant's `text` tokens make up its turns (a turn ends at a token with last=true). When the
session sends `end`, the <Connect action> is requested with the handoff data, and the TwiML it answers is
followed by the <Gather> emulator (<Say>, <Dial> and its status callbacks, <Hangup>), status callback last.

Caller turns: "words" (a prompt), "dtmf:12" (one dtmf message per key, each answered before the next),
"" (silence: nothing is sent; the service's silence timer answers), Barge(...), Error(...), DROP.
"""
from __future__ import annotations

import asyncio
import json
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from twilio.request_validator import RequestValidator
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from .emulator import CallResult, TwilioEmulator

TURN_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Barge:
    """The caller cuts in while the assistant speaks: once the token containing `at` (or the `after`-th
    token) has been heard, and only where the speech can be interrupted, then says or presses `then`."""
    then: str
    at: str | None = None
    after: int | None = None


@dataclass(frozen=True)
class Error:
    description: str = "Invalid message received"


DROP = "drop"  # the socket is lost mid-call (a network fault): no close handshake


@dataclass
class RelayResult:
    call_sid: str
    turns: list[list[dict]] = field(default_factory=list)  # the text messages of each assistant turn
    heard: list[str] = field(default_factory=list)  # each turn as the caller heard it (cut at an interrupt)
    first_token_ms: list[float] = field(default_factory=list)  # input sent -> first token (or end) back
    handoff: str | None = None
    refused: int | None = None  # the HTTP status of a refused upgrade
    action: CallResult | None = None  # the call after the session: the <Connect action> and what followed
    action_ms: float | None = None  # the <Connect action>'s answer time

    @property
    def said(self) -> list[str]:
        """Everything the caller heard: the session's turns, then the TwiML's <Say>s."""
        return self.heard + (self.action.said if self.action else [])

    @property
    def text(self) -> str:
        return "\n".join(self.said)

    @property
    def dialled(self) -> list[str]:
        return self.action.dialled if self.action else []


class RelaySocket:
    """One call's socket as Twilio holds it: send messages, read the assistant's turns."""

    def __init__(self, socket: ClientConnection):
        self.socket = socket
        self.ended: dict | None = None

    async def send(self, message: dict) -> None:
        await self.socket.send(json.dumps(message, ensure_ascii=False))

    async def turn(self, sent_at: float | None = None, timeout: float = TURN_TIMEOUT_S) -> tuple[list[dict], float | None]:
        """The next assistant turn's text messages (through last=true, or `end`), and the milliseconds from
        `sent_at` to its first message."""
        tokens: list[dict] = []
        first = None
        while True:
            message = json.loads(await asyncio.wait_for(self.socket.recv(), timeout))
            if first is None and sent_at is not None:
                first = (time.perf_counter() - sent_at) * 1000
            if message["type"] == "end":
                self.ended = message
                return tokens, first
            if message["type"] == "text":
                tokens.append(message)
                if message.get("last"):
                    return tokens, first


def heard_until(tokens: list[dict], barge: Barge) -> tuple[str, int] | None:
    """(utteranceUntilInterrupt, tokens heard) where the caller barges in, or None where they cannot."""
    for index, token in enumerate(tokens):
        reached = (barge.at is not None and barge.at in token["token"]) or (barge.after is not None
                                                                             and index + 1 >= barge.after)
        if reached:
            for stop in range(index, len(tokens)):  # speech that cannot be interrupted plays on
                if tokens[stop].get("interruptible", True):
                    return "".join(t["token"] for t in tokens[:stop + 1]), stop + 1
            return None
    return None


class RelayEmulator:
    """Twilio's ConversationRelay against a real server: `http` sends the webhooks (emulator.py's senders),
    `socket_url` is where this machine reaches the socket, `public_socket_url` what the TwiML names and
    Twilio signs (None: taken from the TwiML)."""

    def __init__(self, twilio: TwilioEmulator, auth_token: str, socket_url: str,
                 public_socket_url: str | None = None):
        self.twilio = twilio
        self.validator = RequestValidator(auth_token)
        self.socket_url, self.public_socket_url = socket_url, public_socket_url

    def headers(self, public_url: str, forged: bool = False) -> dict:
        validator = RequestValidator("not-the-token-" + secrets.token_hex(8)) if forged else self.validator
        return {"X-Twilio-Signature": validator.compute_signature(public_url, {})}

    def local_url(self, public_url: str) -> str:
        """The TwiML's wss:// URL as reached from here (its path and query on the local socket)."""
        parts = urlsplit(public_url)
        return self.socket_url.split("/relay/")[0] + parts.path + (f"?{parts.query}" if parts.query else "")

    async def open(self, public_url: str, forged: bool = False, unsigned: bool = False) -> RelaySocket:
        headers = {} if unsigned else self.headers(public_url, forged)
        socket = await connect(self.local_url(public_url), additional_headers=headers, max_size=2 ** 20,
                               open_timeout=10, compression=None)
        return RelaySocket(socket)

    def call(self, turns: list, **kwargs) -> RelayResult:
        return asyncio.run(self.call_async(turns, **kwargs))

    async def call_async(self, turns: list, caller: str = "+81312345678", called: str = "+815011112222",
                         path: str = "/relay/voice", dial_status: str = "completed", forged: bool = False,
                         action_twice: bool = False, setup_params: dict | None = None) -> RelayResult:
        """Play a call through the relay: the incoming webhook at `path`, the session, the action."""
        call_sid = "CA" + secrets.token_hex(16)
        result = RelayResult(call_sid)
        start = CallResult(call_sid)
        base = self.twilio.base_params(call_sid, caller, called, "ringing")
        status, body = await asyncio.to_thread(self.twilio.post, path, base, start)
        connect_url, action_url = _connect(body)
        public = self.public_socket_url or connect_url
        session_started = time.perf_counter()
        try:
            socket = await self.open(public, forged=forged)
        except Exception as error:  # a refused upgrade: websockets' InvalidStatus carries the response
            response = getattr(error, "response", None)
            result.refused = response.status_code if response is not None else -1
            return result
        pending = list(turns)
        dropped = False
        try:
            await socket.send({"type": "setup", "sessionId": "VX" + secrets.token_hex(16),
                               "accountSid": self.twilio.account_sid, "parentCallSid": "", "callSid": call_sid,
                               "from": caller, "to": called, "forwardedFrom": called, "callType": "PSTN",
                               "callerName": "", "direction": "inbound", "callStatus": "RINGING",
                               "customParameters": dict(setup_params or {})})
            tokens, _ = await socket.turn()
            self._heard(result, tokens)
            while socket.ended is None and pending:
                turn = pending.pop(0)
                if turn == DROP:
                    socket.socket.transport.abort()
                    dropped = True
                    break
                if isinstance(turn, Error):
                    await socket.send({"type": "error", "description": turn.description})
                    continue
                if isinstance(turn, Barge):
                    cut = heard_until(result.turns[-1], turn)
                    if cut is not None:
                        utterance, count = cut
                        result.heard[-1] = utterance
                        await socket.send({"type": "interrupt", "utteranceUntilInterrupt": utterance,
                                           "durationUntilInterruptMs": str(200 * count)})
                    turn = turn.then
                for tokens, first in await self._take(socket, turn):
                    self._heard(result, tokens)
                    if first is not None:
                        result.first_token_ms.append(first)
            if socket.ended is None and not dropped:
                await socket.socket.close()  # the caller hangs up mid-call
        except ConnectionClosed:
            dropped = True
        finally:
            if not dropped:
                await socket.socket.close()
        if socket.ended is None:
            if dropped:  # the call is still up: Twilio ends the session and asks the action what to do
                form = self._action_form(base, "failed", session_started)
                result.action = await asyncio.to_thread(self._follow_action, call_sid, action_url, form, pending,
                                                        caller, called, dial_status)
            else:
                await asyncio.to_thread(self.twilio.post, "/voice/status",
                                        {**self.twilio.base_params(call_sid, caller, called, "completed"),
                                         "CallDuration": "20"}, None)
            return result
        result.handoff = socket.ended.get("handoffData")
        form = self._action_form(base, "completed", session_started, result.handoff)
        if action_twice:  # Twilio retries an action whose answer was lost: the first answer is never followed
            await asyncio.to_thread(self.twilio.post, action_url, form, None)
        started = time.perf_counter()
        result.action = await asyncio.to_thread(self._follow_action, call_sid, action_url, form, pending, caller,
                                                called, dial_status)
        result.action_ms = (time.perf_counter() - started) * 1000 / max(1, len(result.action.documents))
        return result

    def _follow_action(self, call_sid, action_url, form, pending, caller, called, dial_status) -> CallResult:
        pending_text = [t for t in pending if isinstance(t, str) and t != DROP]
        return self.twilio.follow(CallResult(call_sid), action_url, form, pending_text, caller, called, dial_status)

    def _action_form(self, base: dict, status: str, started: float, handoff: str | None = None) -> dict:
        form = {**base, "CallStatus": "in-progress", "SessionId": "VX" + secrets.token_hex(16),
                "SessionStatus": status, "SessionDuration": str(max(1, round(time.perf_counter() - started)))}
        if handoff is not None:
            form["HandoffData"] = handoff
        return form

    async def _take(self, socket: RelaySocket, turn: str) -> list[tuple[list[dict], float | None]]:
        """Send one caller turn; the assistant's answer to each message of it."""
        answers = []
        if turn.startswith("dtmf:"):
            for digit in turn[5:]:
                sent = time.perf_counter()
                await socket.send({"type": "dtmf", "digit": digit})
                answers.append(await socket.turn(sent))
                if socket.ended is not None:
                    break
        elif turn.strip():
            sent = time.perf_counter()
            await socket.send({"type": "prompt", "voicePrompt": turn, "lang": "ja-JP", "last": True})
            answers.append(await socket.turn(sent))
        else:
            answers.append(await socket.turn(None))  # silence: the service's timer speaks
        return answers

    @staticmethod
    def _heard(result: RelayResult, tokens: list[dict]) -> None:
        if tokens:
            result.turns.append(tokens)
            result.heard.append("".join(t["token"] for t in tokens))


def _connect(twiml: str) -> tuple[str, str]:
    """The socket URL and the action URL of a <Connect><ConversationRelay> answer."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(twiml)
    connect_verb = root.find("Connect")
    if connect_verb is None or connect_verb.find("ConversationRelay") is None:
        raise AssertionError(f"not a ConversationRelay answer: {twiml[:300]}")
    return connect_verb.find("ConversationRelay").get("url"), connect_verb.get("action")
