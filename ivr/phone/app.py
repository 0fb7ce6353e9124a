"""The phone adapter: a Flask app answering Twilio Programmable Voice webhooks with TwiML.

The dialog state of a call travels in the action URLs of the TwiML, signed with the service's secret,
so any worker of any instance can answer any webhook of the call. The caller's number is never in it:
Twilio sends `From` with every webhook. The call log is written after the answer is computed and never
stands between a caller and their number.

Routes (all POST, all signed by Twilio, under the voice blueprint):
  /voice           a new incoming call
  /voice/turn      the result of a <Gather> (speech or keys, or nothing)
  /voice/dial      the end of a <Dial> transfer
  /voice/fallback  Twilio's fallback URL, when the primary URL fails
  /voice/status    the call-status callback that closes the call's record
and GET /healthz for load balancers and readiness probes.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from typing import Callable

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from itsdangerous import BadSignature, URLSafeSerializer
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import VoiceResponse
from werkzeug.exceptions import HTTPException

from ..calllog import GuardedLog, default_path, open_log
from ..core.actions import Action, End, Input, Keys, Say, SendSms, Speech, Transfer
from ..core.catalogue import CatalogueError, load, shipped_path
from ..core.dialog import Assistant, State
from ..core.hours import TOKYO, to_tokyo
from ..ja import assistant as japanese_assistant
from .sms import SmsSender
from .twiml import VoiceSettings, dial_from_form, input_from_form, render

log = logging.getLogger("ivr.phone")
bp = Blueprint("voice", __name__)
MAX_BODY_BYTES = 64 * 1024  # Twilio's webhooks are a few KB; anything bigger is refused before parsing
MAX_DURATION_S = 7 * 24 * 3600
CONFIG_KEYS = ("TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_NUMBER", "TWILIO_API_BASE", "IVR_PUBLIC_URL",
               "IVR_PROVIDERS", "IVR_DB", "IVR_NOW", "IVR_VOICE", "IVR_SPEECH_MODEL", "IVR_SKIP_SIGNATURE",
               "IVR_STATE_SECRET")


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Service:
    assistant: Assistant
    tokens: URLSafeSerializer
    validator: RequestValidator | None  # None only when validation was switched off explicitly
    voice: VoiceSettings
    sms: SmsSender | None
    public_url: str | None
    fixed_now: dt.datetime | None
    log: GuardedLog


def config_from_env(env: os._Environ | dict) -> dict:
    return {key: env[key] for key in CONFIG_KEYS if env.get(key)}


def create_app(config: dict | None = None) -> Flask:
    """The service configured by `config` alone, or by the environment when no config is given."""
    app = Flask(__name__)
    app.config.update(config if config is not None else config_from_env(os.environ))
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.extensions["ivr"] = _build_service(app.config)
    app.register_blueprint(bp)
    app.add_url_rule("/healthz", "healthz", lambda: ("ok\n", 200, {"Content-Type": "text/plain"}))
    return app


def _build_service(config: dict) -> Service:
    token = config.get("TWILIO_AUTH_TOKEN")
    skip = str(config.get("IVR_SKIP_SIGNATURE", "")).lower() in ("1", "true", "yes")
    if not token and not skip:
        raise ConfigError("TWILIO_AUTH_TOKEN is not set: it is needed to check that requests come from Twilio "
                          "(for local experiments only, IVR_SKIP_SIGNATURE=1 switches the check off).")
    if skip:
        log.warning("IVR_SKIP_SIGNATURE is set: webhook signatures are NOT checked. Never expose this service.")
    try:
        catalogue = load(config.get("IVR_PROVIDERS") or shipped_path())
    except CatalogueError as error:
        raise ConfigError("the catalogue has faults:\n" + "\n".join(error.faults)) from None
    fixed_now = None
    if config.get("IVR_NOW"):
        try:
            fixed_now = to_tokyo(dt.datetime.fromisoformat(config["IVR_NOW"]))
        except ValueError:
            raise ConfigError(f"IVR_NOW '{config['IVR_NOW']}' is not an ISO-8601 moment") from None
    config.setdefault("IVR_DB", str(default_path()))
    secret = config.get("IVR_STATE_SECRET") or token or "local-development-only"
    sms = None
    if token and config.get("TWILIO_ACCOUNT_SID") and config.get("TWILIO_NUMBER"):
        sms = SmsSender(config["TWILIO_ACCOUNT_SID"], token, config["TWILIO_NUMBER"], config.get("TWILIO_API_BASE"))
    voice = VoiceSettings(voice=config.get("IVR_VOICE", "Polly.Mizuki"),
                          speech_model=config.get("IVR_SPEECH_MODEL", "phone_call"),
                          caller_id=config.get("TWILIO_NUMBER"))
    public_url = config.get("IVR_PUBLIC_URL", "").rstrip("/") or None
    return Service(japanese_assistant(catalogue), URLSafeSerializer(secret, salt="ivr-call-state"),
                   None if skip else RequestValidator(token), voice, sms, public_url, fixed_now,
                   GuardedLog(open_log(config["IVR_DB"])))


def _service() -> Service:
    return current_app.extensions["ivr"]


def _now() -> dt.datetime:
    return _service().fixed_now or dt.datetime.now(TOKYO)


def _stamp() -> str:
    return dt.datetime.now(TOKYO).isoformat(timespec="seconds")


def _after_answer(write: Callable[[], object]) -> None:
    """Log after the answer is on its way: a slow or broken log never delays or costs a caller's answer."""
    g.setdefault("log_writes", []).append(write)


@bp.after_request
def _schedule_log_writes(response: Response) -> Response:
    writes = g.pop("log_writes", [])
    if writes:
        app = current_app._get_current_object()

        def write_all() -> None:
            with app.app_context():
                for write in writes:
                    write()
        response.call_on_close(write_all)
    return response


# --- requests ------------------------------------------------------------------------------------------
def _requested_url() -> str:
    """The URL Twilio signed: the public base (behind a proxy or tunnel) plus the path and query."""
    base = _service().public_url or request.host_url.rstrip("/")
    query = request.query_string.decode("latin-1")
    return base + request.path + (f"?{query}" if query else "")


@bp.before_request
def _check_signature() -> None:
    validator = _service().validator
    if validator is None:
        return
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not validator.validate(_requested_url(), request.form.to_dict(), signature):
        abort(403)


def _url(endpoint: str, token: str | None = None) -> str:
    base = _service().public_url or request.host_url.rstrip("/")
    path = {"turn": "/voice/turn", "dial": "/voice/dial"}[endpoint]
    return base + path + (f"?t={token}" if token else "")


def _twiml(response: VoiceResponse) -> Response:
    return Response(str(response), mimetype="text/xml")


def _apology() -> Response:
    """For a request that cannot continue a call: a calm apology, the general numbers, and goodbye."""
    script = _service().assistant.script
    response = render([Say("申し訳ありません、ただいまご案内を続けられません。"), script.general_numbers(),
                       Say(script.goodbye)], "", "", _service().voice)
    response.hangup()
    return _twiml(response)


def _respond(call_sid: str, seq: int, state: State, actions: list[Action]) -> Response:
    actions = _carry_out(call_sid, actions)
    token = _service().tokens.dumps({"c": call_sid, "n": seq, "s": state.to_dict()})
    return _twiml(render(actions, _url("turn", token), _url("dial", token), _service().voice))


def _carry_out(call_sid: str, actions: list[Action]) -> list[Action]:
    """Refuse any number outside the catalogue; send SMS (to the number Twilio says is calling)."""
    done: list[Action] = []
    for action in actions:
        if isinstance(action, Transfer) and not _service().assistant.catalogue.dialable(action.number):
            log.error("refused to dial %s: not a transfer line of the catalogue", action.number)
            return done + [Say(_service().assistant.script.goodbye), End()]
        if not isinstance(action, SendSms):
            done.append(action)
            continue
        sender, to = _service().sms, request.form.get("From", "")
        sid = sender.send(to, action.body) if sender and to else None
        status = "sent" if sid else "failed"
        _after_answer(lambda: _service().log.record(call_sid, _stamp(), sms_status=status))
        done.append(Say(action.sent if sid else action.failed))
    return done


def _continue() -> tuple[str, int, State] | None:
    """The call's SID, turn number and state from the signed token, or None for a forged or foreign token."""
    call_sid = request.form.get("CallSid", "")
    try:
        payload = _service().tokens.loads(request.args.get("t", ""))
        state = State.from_dict(payload["s"])
        seq = int(payload.get("n", 0))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    if not call_sid or payload.get("c") != call_sid:
        return None
    return call_sid, seq, state


@bp.post("/voice")
def incoming_call() -> Response:
    call_sid = request.form.get("CallSid", "")
    if not call_sid:
        return _apology()
    caller = request.form.get("From") or None
    state, actions = _service().assistant.start(_now(), caller, sms=_service().sms is not None)
    _after_answer(lambda: _service().log.start_call(call_sid, _stamp(), caller))
    return _respond(call_sid, 0, state, actions)


def _next_step(event: Input, log_step: Callable[[str, int, State], None]) -> Response:
    """Continue the call named by the signed token with one input; an unusable token ends politely."""
    continued = _continue()
    if continued is None:
        return _apology()
    call_sid, seq, state = continued
    new_state, actions = _service().assistant.step(state, event, _now())
    _after_answer(lambda: log_step(call_sid, seq + 1, new_state))
    return _respond(call_sid, seq + 1, new_state, actions)


@bp.post("/voice/turn")
def caller_turn() -> Response:
    event = input_from_form(request.form)
    kind, heard, confidence = "silence", None, None
    if isinstance(event, Speech):
        kind, heard, confidence = "speech", event.text[:500], event.confidence
    elif isinstance(event, Keys):
        kind, heard = "dtmf", event.digits

    def log_turn(call_sid: str, seq: int, after: State) -> None:
        understood = kind != "silence" and after.understood
        _service().log.log_turn(call_sid, seq, _stamp(), kind, heard, confidence, understood, after.outcome)
    return _next_step(event, log_turn)


@bp.post("/voice/dial")
def dial_ended() -> Response:
    event = dial_from_form(request.form)

    def log_dial(call_sid: str, _seq: int, _after: State) -> None:
        _service().log.record(call_sid, _stamp(), transfer_status=event.status)
    return _next_step(event, log_dial)


@bp.post("/voice/fallback")
def fallback() -> Response:
    return _apology()


@bp.post("/voice/status")
def call_status() -> tuple[str, int]:
    call_sid = request.form.get("CallSid", "")
    if call_sid:
        raw = request.form.get("CallDuration", "")
        duration = int(raw) if raw.isdigit() and len(raw) < 10 and int(raw) <= MAX_DURATION_S else None
        status = request.form.get("CallStatus", "completed")[:20]
        stamp = _stamp()
        _after_answer(lambda: _service().log.record(call_sid, stamp, status=status, ended_at=stamp,
                                                    duration_s=duration))
    return "", 204


@bp.errorhandler(Exception)
def _on_error(error: Exception):
    """Scoped to the voice routes: a caller hears a calm apology, never an HTTP error."""
    if isinstance(error, HTTPException):
        return error
    log.exception("webhook failed; the caller hears the apology")
    try:
        return _apology()
    except Exception:  # the apology itself failed: still valid TwiML, never a 500
        fallback_twiml = VoiceResponse()
        fallback_twiml.say(_service_goodbye(), language="ja-JP")
        fallback_twiml.hangup()
        return _twiml(fallback_twiml)


def _service_goodbye() -> str:
    try:
        return _service().assistant.script.goodbye
    except Exception:
        return "お電話ありがとうございました。"


def wsgi_app() -> Flask:
    """Entry point for WSGI servers (gunicorn 'ivr.phone.app:wsgi_app()')."""
    return create_app()
