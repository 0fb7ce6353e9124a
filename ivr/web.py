"""The phone adapter: a Flask app answering Twilio Programmable Voice webhooks with TwiML.

The dialog state of a call travels in the action URLs of the TwiML, signed with the service's secret,
so any worker of any instance can answer any webhook of the call. The call log goes to SQLite.

Routes (all POST, all signed by Twilio):
  /voice           a new incoming call
  /voice/turn      the result of a <Gather> (speech or keys, or nothing)
  /voice/dial      the end of a <Dial> transfer
  /voice/fallback  Twilio's fallback URL, when the primary URL fails
  /voice/status    the call-status callback that closes the call's record
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, abort, current_app, request
from itsdangerous import BadSignature, URLSafeSerializer
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import VoiceResponse
from werkzeug.exceptions import HTTPException

from . import calllog, script
from .actions import Action, End, Input, Keys, Say, SendSms, Speech, Transfer
from .catalogue import CatalogueError, load
from .dialog import Assistant, State
from .hours import TOKYO, to_tokyo
from .sms import SmsSender
from .twiml import VoiceSettings, dial_from_form, input_from_form, render

log = logging.getLogger("ivr.web")
bp = Blueprint("voice", __name__)


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
    log: calllog.Connections


def config_from_env(env: os._Environ | dict) -> dict:
    keys = ("TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_NUMBER", "TWILIO_API_BASE", "IVR_PUBLIC_URL",
            "IVR_PROVIDERS", "IVR_DB", "IVR_NOW", "IVR_VOICE", "IVR_SPEECH_MODEL", "IVR_SKIP_SIGNATURE",
            "IVR_STATE_SECRET")
    return {key: env[key] for key in keys if env.get(key)}


def create_app(config: dict | None = None) -> Flask:
    """Build the service from the environment (or `config`, which overrides it)."""
    app = Flask(__name__)
    app.config.update(config_from_env(os.environ))
    app.config.update(config or {})
    app.extensions["ivr"] = _build_service(app.config)
    app.register_blueprint(bp)
    app.register_error_handler(Exception, _on_error)
    return app


def _build_service(config: dict) -> Service:
    token = config.get("TWILIO_AUTH_TOKEN")
    skip = str(config.get("IVR_SKIP_SIGNATURE", "")).lower() in ("1", "true", "yes")
    if not token and not skip:
        raise ConfigError("TWILIO_AUTH_TOKEN is not set: it is needed to check that requests come from Twilio "
                          "(for local experiments only, IVR_SKIP_SIGNATURE=1 switches the check off).")
    if skip:
        log.warning("IVR_SKIP_SIGNATURE is set: webhook signatures are NOT checked. Never expose this service.")
    from .cli import providers_path
    try:
        catalogue = load(providers_path(config.get("IVR_PROVIDERS")))
    except CatalogueError as error:
        raise ConfigError("the catalogue has faults:\n" + "\n".join(error.faults)) from None
    fixed_now = None
    if config.get("IVR_NOW"):
        try:
            fixed_now = to_tokyo(dt.datetime.fromisoformat(config["IVR_NOW"]))
        except ValueError:
            raise ConfigError(f"IVR_NOW '{config['IVR_NOW']}' is not an ISO-8601 moment") from None
    config.setdefault("IVR_DB", str(calllog.default_path()))
    secret = config.get("IVR_STATE_SECRET") or token or "local-development-only"
    sms = None
    if token and config.get("TWILIO_ACCOUNT_SID") and config.get("TWILIO_NUMBER"):
        sms = SmsSender(config["TWILIO_ACCOUNT_SID"], token, config["TWILIO_NUMBER"], config.get("TWILIO_API_BASE"))
    voice = VoiceSettings(voice=config.get("IVR_VOICE", "Polly.Mizuki"),
                          speech_model=config.get("IVR_SPEECH_MODEL", "phone_call"),
                          caller_id=config.get("TWILIO_NUMBER"))
    public_url = config.get("IVR_PUBLIC_URL", "").rstrip("/") or None
    return Service(Assistant(catalogue), URLSafeSerializer(secret, salt="ivr-call-state"),
                   None if skip else RequestValidator(token), voice, sms, public_url, fixed_now,
                   calllog.Connections(config["IVR_DB"]))


def _service() -> Service:
    return current_app.extensions["ivr"]


def _db() -> sqlite3.Connection:
    return _service().log.get()


def _now() -> dt.datetime:
    return _service().fixed_now or dt.datetime.now(TOKYO)


def _stamp() -> str:
    return dt.datetime.now(TOKYO).isoformat(timespec="seconds")


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
    catalogue = _service().assistant.catalogue
    response = render([Say("申し訳ありません、ただいまご案内を続けられません。"), script.general_numbers(catalogue),
                       Say(script.GOODBYE)], "", "", _service().voice)
    response.hangup()
    return _twiml(response)


def _respond(call_sid: str, seq: int, state: State, actions: list[Action]) -> Response:
    actions = _carry_out_sms(call_sid, actions)
    token = _service().tokens.dumps({"c": call_sid, "n": seq, "s": state.to_dict()})
    voice = _service().voice
    return _twiml(render(actions, _url("turn", token), _url("dial", token), voice))


def _carry_out_sms(call_sid: str, actions: list[Action]) -> list[Action]:
    done: list[Action] = []
    for action in actions:
        if isinstance(action, Transfer) and not _service().assistant.catalogue.dialable(action.number):
            log.error("refused to dial %s: not a transfer line of the catalogue", action.number)
            return done + [Say(script.GOODBYE), End()]
        if not isinstance(action, SendSms):
            done.append(action)
            continue
        sender = _service().sms
        sid = sender.send(action.to, action.body) if sender else None
        calllog.record(_db(), call_sid, _stamp(), sms_status="sent" if sid else "failed")
        done.append(Say(action.sent if sid else action.failed))
    return done


def _continue() -> tuple[str, int, State] | None:
    """The call's SID, turn number and state from the signed token, or None for a forged or foreign token."""
    call_sid = request.form.get("CallSid", "")
    try:
        payload = _service().tokens.loads(request.args.get("t", ""))
        state = State.from_dict(payload["s"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    if not call_sid or payload.get("c") != call_sid:
        return None
    return call_sid, int(payload.get("n", 0)), state


@bp.post("/voice")
def incoming_call() -> Response:
    call_sid = request.form.get("CallSid", "")
    if not call_sid:
        return _apology()
    caller = request.form.get("From") or None
    state, actions = _service().assistant.start(_now(), caller, sms=_service().sms is not None)
    calllog.start_call(_db(), call_sid, _stamp(), caller)
    return _respond(call_sid, 0, state, actions)


def _next_step(event: Input, log_step) -> Response:
    """Continue the call named by the signed token with one input; an unusable token ends politely."""
    continued = _continue()
    if continued is None:
        return _apology()
    call_sid, seq, state = continued
    new_state, actions = _service().assistant.step(state, event, _now())
    log_step(call_sid, seq + 1, state, new_state)
    return _respond(call_sid, seq + 1, new_state, actions)


@bp.post("/voice/turn")
def caller_turn() -> Response:
    event = input_from_form(request.form)
    kind, heard, confidence = "silence", None, None
    if isinstance(event, Speech):
        kind, heard, confidence = "speech", event.text[:500], event.confidence
    elif isinstance(event, Keys):
        kind, heard = "dtmf", event.digits

    def log_turn(call_sid: str, seq: int, before: State, after: State) -> None:
        understood = kind != "silence" and after.misses <= before.misses
        calllog.log_turn(_db(), call_sid, seq, _stamp(), kind, heard, confidence, understood, after.outcome)
    return _next_step(event, log_turn)


@bp.post("/voice/dial")
def dial_ended() -> Response:
    event = dial_from_form(request.form)

    def log_dial(call_sid: str, _seq: int, _before: State, _after: State) -> None:
        calllog.record(_db(), call_sid, _stamp(), transfer_status=event.status)
    return _next_step(event, log_dial)


@bp.post("/voice/fallback")
def fallback() -> Response:
    return _apology()


@bp.post("/voice/status")
def call_status() -> tuple[str, int]:
    call_sid = request.form.get("CallSid", "")
    if call_sid:
        try:
            duration = int(request.form.get("CallDuration", ""))
        except ValueError:
            duration = None
        status = request.form.get("CallStatus", "completed")[:20]
        calllog.record(_db(), call_sid, _stamp(), status=status, ended_at=_stamp(), duration_s=duration)
    return "", 204


def _on_error(error: Exception):
    if isinstance(error, HTTPException):
        return error
    log.exception("webhook failed; the caller hears the apology")
    try:
        return _apology()
    except Exception:  # the apology itself failed: still valid TwiML, never a 500
        fallback_twiml = VoiceResponse()
        fallback_twiml.say(script.GOODBYE, language="ja-JP")
        fallback_twiml.hangup()
        return _twiml(fallback_twiml)


def wsgi_app() -> Flask:
    """Entry point for WSGI servers (gunicorn 'ivr.web:wsgi_app()')."""
    return create_app()
