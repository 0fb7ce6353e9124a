"""The streaming phone adapter: Twilio ConversationRelay (or Telnyx's, which speaks the same messages).

Twilio does the speech recognition and synthesis; the call's conversation comes over one WebSocket
(ivr/phone/relay_server.py serves it). This module holds what does not depend on the socket:

- the TwiML that starts a session (`<Connect action><ConversationRelay url …/></Connect>`), answered at
  POST /relay/voice (or at /voice when IVR_PHONE_MODE=relay);
- `RelayCall`, one call's session: messages from Twilio (setup, prompt, dtmf, interrupt, error) in, messages
  to Twilio (text tokens, end) out, on the same dialog as the <Gather> flow;
- POST /relay/action, the <Connect action>: the session's last turn, handed over in the `end` message's
  handoffData, answered with TwiML by the <Gather> flow's own code (catalogue numbers only, the SMS sent
  once, the <Dial> with its status callbacks, the step logged so a retried callback never dials twice).

Why the last turn is TwiML: ConversationRelay says nothing when its speech has been played, and `end` stops
it. A <Say> before <Dial> or <Hangup> is heard whole, so the number and the goodbye are never cut short.

Speech: every sentence is streamed as text tokens, cut after punctuation. A number read out is sent with
interruption off; everything else (greeting, menus) can be interrupted by voice or keys. After an interrupt,
what the caller heard (utteranceUntilInterrupt) decides what "repeat" says again: the sentences they missed.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from twilio.twiml.voice_response import VoiceResponse

from ..calllog import BackgroundWriter, Write
from ..config import Config, ConfigError
from ..core.actions import Action, Ask, End, Input, Keys, Say, SendSms, Silence, Speech, Transfer
from ..core.call import is_repeat, unheard
from ..core.dialog import Phase, State
from ..core.hours import to_tokyo
from . import app as gather
from .twiml import hints

log = logging.getLogger("ivr.phone.relay")
bp = Blueprint("relay", __name__)
bp.before_request(gather._check_signature)
bp.after_request(gather._schedule_log_writes)
bp.errorhandler(Exception)(gather._on_error)

SOCKET_PATH = "/relay/ws"
TOKEN_END = re.compile(r"(?<=[、。，．,.？！?!])")  # a token ends after a punctuation mark
SPOKEN_CHARS_PER_S = 6.0  # how fast the caller hears our text, to know when a silence has begun
MAX_PROMPT = 500
MAX_MESSAGE = 16 * 1024  # Twilio's messages are a few hundred bytes; a bigger one is refused by the server
TICKET_PARAM = "try"  # /try's rehearsals open the socket with ?try=<ticket> instead of Twilio's signature
TICKET_MAX_AGE_S = 120  # a ticket opens a socket at once; it is no use later


@dataclass(frozen=True)
class Relay:
    """What the relay adapter adds to the phone service: where the socket is and how it speaks."""
    service: gather.Service
    mode: str  # what /voice answers: "gather" (webhooks) or "relay" (a ConversationRelay session)
    socket_url: str | None  # the public wss:// URL Twilio connects to (and signs); None: from the request
    tts_provider: str | None
    voice: str | None
    writer: BackgroundWriter  # the sessions' log writes: never on the event loop that serves the sockets
    speech_rate: float = SPOKEN_CHARS_PER_S

    def rehearsal(self, ticket: str) -> dict | None:
        """The rehearsal a /try ticket opens ({"c": call SID, "at": its moment}), or None when the ticket is
        not this service's, or too old."""
        try:
            found = _tickets(self.service).loads(ticket, max_age=TICKET_MAX_AGE_S)
            to_tokyo(dt.datetime.fromisoformat(found["at"]))
        except (BadSignature, KeyError, TypeError, ValueError):
            return None
        return found if isinstance(found.get("c"), str) and found["c"].startswith("TRY") else None

    def socket_url_for(self, host_url: str) -> str:
        if self.socket_url:
            return self.socket_url
        base = self.service.public_url or host_url.rstrip("/")
        return re.sub(r"^http", "ws", base) + SOCKET_PATH


def init_app(app: Flask, config: Config) -> Relay:
    """Add the relay adapter beside the <Gather> webhooks (phone.app.init_app, which comes first in
    ivr.server.ADAPTERS and whose service, signature check and steps it shares): its routes, and /voice
    answered with a relay session when IVR_PHONE_MODE=relay."""
    service = app.extensions.get("ivr")
    if service is None:
        raise ConfigError("the ConversationRelay adapter needs the phone webhooks' adapter before it in ADAPTERS")
    socket_url = config.relay_url
    if socket_url is None and service.public_url:
        socket_url = re.sub(r"^http", "ws", service.public_url) + SOCKET_PATH
    provider, voice = config.relay_voice or (None, None)
    relay = Relay(service, config.phone_mode, socket_url, provider, voice,
                  service.writer or BackgroundWriter(service.log))
    app.extensions["ivr_relay"] = relay
    app.register_blueprint(bp)
    if relay.mode == "relay":
        app.view_functions["voice.incoming_call"] = incoming_call
    return relay


def _relay() -> Relay:
    return current_app.extensions["ivr_relay"]


# --- starting a session ------------------------------------------------------------------------------------
def connect_twiml(relay: Relay, socket_url: str, action_url: str, hint_phrases: tuple[str, ...]) -> str:
    response = VoiceResponse()
    connect = response.connect(action=action_url, method="POST")
    options = {"tts_provider": relay.tts_provider, "voice": relay.voice} if relay.voice else {}
    connect.conversation_relay(url=socket_url, language=relay.service.voice.language, interruptible="any",
                               dtmf_detection=True, hints=hints(hint_phrases), **options)
    return str(response)


@bp.post("/relay/voice")
def incoming_call() -> Response:
    """A new call, answered with a ConversationRelay session; the dialog starts when the socket opens."""
    form = gather._form()
    call_sid = form.get("CallSid", "")
    if not call_sid:
        return gather._apology()
    twiml, _, _ = gather._answered(call_sid, 0)
    if twiml is not None:
        return gather._twiml(twiml)
    relay, caller, stamp = _relay(), form.get("From") or None, gather._stamp()
    base = relay.service.public_url or request.host_url.rstrip("/")
    twiml = connect_twiml(relay, relay.socket_url_for(request.host_url), base + "/relay/action",
                          tuple(relay.service.assistant.hints))
    gather._after_answer(call_sid, Write("start_call", (call_sid, stamp, caller)))
    gather._after_answer(call_sid, Write("log_step", (call_sid, 0, stamp, twiml)))
    return gather._twiml(twiml)


# --- the session -------------------------------------------------------------------------------------------
def text_tokens(actions: list[Action]) -> list[dict]:
    """The turn's sentences as ConversationRelay text messages, cut after punctuation so speech starts on
    the first words; a number read out cannot be interrupted, the rest can. The last one says so."""
    messages = []
    for action in actions:
        if isinstance(action, Say):
            for token in TOKEN_END.split(action.spoken):
                if token:
                    messages.append({"type": "text", "token": token, "last": False,
                                     "interruptible": action.interruptible, "preemptible": False})
    if messages:
        messages[-1]["last"] = True
    return messages


def encode_actions(actions: list[Action]) -> list[list]:
    encoded: list[list] = []
    for action in actions:
        if isinstance(action, Say):
            encoded.append(["say", action.text, action.speech, action.pause_after, action.interruptible])
        elif isinstance(action, Transfer):
            encoded.append(["transfer", action.number, action.line])
        elif isinstance(action, SendSms):
            encoded.append(["sms", action.body, action.sent, action.failed])
        elif isinstance(action, End):
            encoded.append(["end"])
    return encoded


def decode_actions(encoded: list[list]) -> list[Action]:
    kinds = {"say": lambda a: Say(str(a[0]), str(a[1]), float(a[2]), bool(a[3])),
             "transfer": lambda a: Transfer(str(a[0]), str(a[1])),
             "sms": lambda a: SendSms(str(a[0]), str(a[1]), str(a[2])), "end": lambda a: End()}
    return [kinds[item[0]](item[1:]) for item in encoded]


@dataclass
class RelayCall:
    """One call's ConversationRelay session. `handle(message)` takes a message from Twilio and returns
    the messages to send back; the state lives here only while the socket is open, and every step is
    in the call log. Not thread-safe: one socket, one session."""
    relay: Relay
    call_sid: str = ""
    state: State | None = None
    seq: int = 0
    last: list[Action] = field(default_factory=list)  # the turn last streamed
    missed: list[Action] = field(default_factory=list)  # what the caller did not hear of it, after an interrupt
    handed_off: bool = False
    now: dt.datetime | None = None
    rehearsal: dict | None = None  # a /try rehearsal (Relay.rehearsal): its call SID, moment and caller

    @property
    def started(self) -> bool:
        return self.state is not None

    @property
    def waiting(self) -> Ask | None:
        """The question the caller is being asked, if the assistant waits for an answer."""
        return next((a for a in self.last if isinstance(a, Ask)), None) if not self.handed_off else None

    def silence_after(self) -> float | None:
        """Seconds after the last turn was sent at which the caller has said nothing: its speech, then the
        wait the <Gather> flow gives the same question."""
        ask = self.waiting
        if ask is None:
            return None
        settings = self.relay.service.voice
        chars = sum(len(a.spoken) for a in self.last if isinstance(a, Say))
        wait = settings.menu_after if ask.menu_on_silence else settings.gather_timeout
        return chars / self.relay.speech_rate + wait

    def handle(self, message: dict) -> list[dict]:
        kind = message.get("type")
        if kind == "setup":
            return self._setup(message)
        if not self.started or self.handed_off:
            return []
        if kind == "prompt":
            text = str(message.get("voicePrompt") or "").strip()[:MAX_PROMPT]
            if message.get("last") is False:
                return []  # a partial prompt: the whole utterance follows
            typed = self.rehearsal is not None and message.get("input") == "typed"  # /try's text box
            return self.step(Speech(text) if text else Silence(), typed=typed)
        if kind == "dtmf":
            digit = str(message.get("digit", ""))[:1]
            return self.step(Keys(digit)) if digit and digit in "0123456789*#" else []
        if kind == "interrupt":
            self.missed = unheard(self.last, str(message.get("utteranceUntilInterrupt") or ""))
            return []
        if kind == "error":
            log.warning("ConversationRelay error on call %s: %s", self.call_sid,
                        str(message.get("description", ""))[:300])
            return []
        log.warning("ConversationRelay message of unknown type %r on call %s", str(kind)[:40], self.call_sid)
        return []

    def silence(self) -> list[dict]:
        """The caller said nothing for as long as the question waits."""
        return self.step(Silence()) if self.waiting else []

    def _setup(self, message: dict) -> list[dict]:
        if self.started:
            return []
        service = self.relay.service
        if self.rehearsal is not None:  # its SID and clock come from the signed ticket, as /try set them
            self.call_sid, caller = self.rehearsal["c"], str(message.get("from") or "")[:20] or None
            self.now = to_tokyo(dt.datetime.fromisoformat(self.rehearsal["at"]))
            self.state, actions = service.assistant.start(self.now, caller, sms=True)  # as /try: SMS shown, not sent
            return self._say(actions)
        self.call_sid = str(message.get("callSid", ""))[:64]
        self.now = service.config.now()
        caller = str(message.get("from") or "") or None
        self.state, actions = service.assistant.start(self.now, caller, sms=service.sms is not None)
        return self._say(actions)

    def step(self, event: Input, typed: bool = False) -> list[dict]:
        service = self.relay.service
        now = self.now if self.rehearsal is not None else service.config.now()
        state, actions = service.assistant.step(self.state, event, now)
        if self.missed and is_repeat(service.assistant, event):
            actions = self.missed  # the sentences the interruption cut off, not the ones already heard
        self.missed = []
        self.seq += 1
        self.state = state
        turn = self._log_turn(event, state, typed)
        if state.phase in (Phase.DONE, Phase.TRANSFERRING) or any(isinstance(a, (End, Transfer)) for a in actions):
            return [self._hand_off(actions, turn)]
        return self._say(actions)

    def _say(self, actions: list[Action]) -> list[dict]:
        self.last = actions
        return text_tokens(actions)

    def _hand_off(self, actions: list[Action], turn: list) -> dict:
        """End the session; Twilio posts the handoff to the <Connect action>, which says the last turn and
        logs it again before its own step (the session's write may still be on its way)."""
        self.handed_off, self.last = True, []
        token = self.relay.service.tokens.dumps({"c": self.call_sid, "n": self.seq, "s": self.state.to_dict(),
                                                 "a": encode_actions(actions), "i": turn})
        return {"type": "end", "handoffData": json.dumps({"t": token})}

    def _log_turn(self, event: Input, after: State, typed: bool = False) -> list:
        """Log the caller's turn; [kind, heard, understood] for the handoff."""
        kind, heard = "silence", None
        if isinstance(event, Speech):
            kind, heard = "typed" if typed else "speech", event.text
        elif isinstance(event, Keys):
            kind, heard = "dtmf", event.digits
        understood = kind != "silence" and after.understood
        call_sid, seq, stamp, outcome = self.call_sid, self.seq, gather._stamp(), after.outcome
        self._write(Write("log_turn", (call_sid, seq, stamp, kind, heard, None, understood, outcome)))
        return [kind, heard, understood]

    def closed(self, dropped: bool) -> None:
        """The socket closed. Twilio closes it when the caller hangs up (the status callback tells the
        rest); a socket lost mid-call, with the caller still there, is logged as abandoned."""
        if dropped and self.started and not self.handed_off:
            call_sid, stamp = self.call_sid, gather._stamp()
            self._write(Write("record", (call_sid, stamp), {"status": "abandoned", "ended_at": stamp}))

    def _write(self, write: Write) -> None:
        if not self.call_sid:
            return
        self.relay.writer.submit(self.call_sid, [write])


def _tickets(service: gather.Service) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(service.tokens.secret_key, salt="ivr-relay-rehearsal")


class Rehearsals:
    """What /try needs to play a rehearsal through this adapter, handed to the console by ivr.server (the
    console never imports the phone adapter): a ticket that opens the relay socket from the operator's
    browser, the socket's address as that browser reaches it, and the session's handoff read back."""

    def __init__(self, relay: Relay):
        self.relay = relay

    def ticket(self, call_sid: str, at: dt.datetime) -> str:
        """It goes in the socket's URL, so it holds no phone number: the page sends the caller's in `setup`."""
        return _tickets(self.relay.service).dumps({"c": call_sid, "at": at.isoformat(timespec="seconds")})

    def socket_url(self, host_url: str, proxied: bool) -> str:
        """Where the browser opens the socket: the relay port `ivr serve` listens on (IVR_RELAY_PORT in the
        app's config) when the page came straight from it, else the public socket URL, else the page's own
        host at /relay/ws (a proxy passing the upgrade on, as deploy/nginx does)."""
        local_port = current_app.config.get("IVR_RELAY_PORT")
        parts = urlsplit(host_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        if local_port and not proxied:
            return f"{scheme}://{parts.hostname}:{local_port}{SOCKET_PATH}"
        if self.relay.socket_url:
            return self.relay.socket_url
        return f"{scheme}://{parts.netloc}{SOCKET_PATH}"

    def handoff(self, call_sid: str, data: str) -> tuple[int, State, list[Action]] | None:
        """The step, state and last turn the session handed off (its `end` message's handoffData), or None
        when it is forged or another call's."""
        try:
            payload = self.relay.service.tokens.loads(json.loads(data)["t"])
            if payload.get("c") != call_sid:
                return None
            return int(payload["n"]), State.from_dict(payload["s"]), decode_actions(payload["a"])
        except (BadSignature, KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None


# --- the end of a session ------------------------------------------------------------------------------------
def _handoff() -> tuple[str, int, State, list[Action], list] | None:
    """The call's SID, step, state, last turn and the caller's input to it from the signed handoff, or None
    (forged, foreign, none)."""
    form = gather._form()
    call_sid = form.get("CallSid", "")
    try:
        payload = _relay().service.tokens.loads(json.loads(form.get("HandoffData") or "{}")["t"])
        state = State.from_dict(payload["s"])
        seq, actions, turn = int(payload["n"]), decode_actions(payload["a"]), list(payload["i"])
    except (BadSignature, KeyError, TypeError, ValueError, IndexError):
        return None
    if not call_sid or payload.get("c") != call_sid or len(turn) != 3:
        return None
    return call_sid, seq, state, actions, turn


@bp.post("/relay/action")
def session_ended() -> Response:
    """The <Connect action>: the session ended. With a handoff, its last turn as TwiML (the same code as the
    <Gather> flow's steps); without one, the socket was lost mid-call: an apology and the general numbers."""
    handed = _handoff()
    if handed is None:
        call_sid = gather._form().get("CallSid", "")
        if call_sid and gather._form().get("HandoffData"):
            log.warning("refused a handoff that is not this service's for call %s", call_sid)
        elif call_sid and gather._form().get("CallStatus") == "in-progress":  # lost with the caller on the line
            stamp = gather._stamp()
            gather._after_answer(call_sid, Write("record", (call_sid, stamp), {"status": "abandoned"}))
        return gather._apology()
    call_sid, seq, state, actions, (kind, heard, understood) = handed
    known = _relay().service.log.step(call_sid, seq)
    if known is not None and (known["last_seq"] > seq or known["ended"]):
        # Retried after the call moved on (the transfer happened, the call ended): nothing is done again.
        response = VoiceResponse()
        response.hangup()
        return gather._twiml(response)
    if known is not None and known["twiml"] is not None:
        return gather._twiml(known["twiml"])
    twiml = gather._respond(call_sid, seq, state, actions)
    stamp, outcome = gather._stamp(), state.outcome
    gather._after_answer(call_sid, Write("log_turn", (call_sid, seq, stamp, kind, heard, None, bool(understood),
                                                      outcome)))
    gather._after_answer(call_sid, Write("log_step", (call_sid, seq, stamp, twiml)))
    return gather._twiml(twiml)
