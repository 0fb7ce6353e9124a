"""The phone adapter: a Flask app answering Twilio Programmable Voice webhooks with TwiML.

The dialog state of a call travels in the action URLs of the TwiML, signed with the service's secret,
so any worker of any instance can answer any webhook of the call. The caller's number is never in it:
Twilio sends `From` with every webhook. The call log is written after the answer is computed and never
stands between a caller and their number.

Idempotent steps: each action URL carries the step's position in the call (`n`). Twilio retries a
webhook that timed out or failed, so one step may arrive twice, and an old one may be replayed. The log
keeps the TwiML answered at each step: a repeat gets the same document back and does nothing else; a
step for a call that has moved on or ended is answered without side effects (no SMS, no log row that
rewrites what a later step recorded). The SMS is claimed once per call in the log before it is sent.
When the log cannot be reached the call goes on as if each step were new.

Routes (all POST, all signed by Twilio, under the voice blueprint):
  /voice           a new incoming call
  /voice/turn      the result of a <Gather> (speech or keys, or nothing)
  /voice/dial      the end of a <Dial> transfer (its action)
  /voice/transfer  the dialled leg's status callback: the transfer's result even if the caller hung up first
  /voice/fallback  Twilio's fallback URL, when the primary URL fails
  /voice/status    the call-status callback that closes the call's record
and GET /healthz for load balancers and readiness probes.
"""
from __future__ import annotations

import datetime as dt
import hmac
import logging
import re
import time
from dataclasses import dataclass
from typing import Callable

from flask import Blueprint, Flask, Response, abort, current_app, g, request
from itsdangerous import BadSignature, URLSafeSerializer
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import VoiceResponse
from werkzeug.exceptions import ClientDisconnected, HTTPException
from werkzeug.utils import get_content_type
from werkzeug.wsgi import get_content_length

from ..calllog import BackgroundWriter, GuardedLog, Write
from ..config import DEFAULT_VOICE, Config, ConfigError
from ..core.actions import Action, End, Input, Keys, Say, SendSms, Speech, Transfer
from ..core.dialog import Assistant, State
from ..core.hours import TOKYO, holiday_name
from ..core.routing import caller_region
from .form import SignedParams, parse_urlencoded
from .sms import SmsSender, sender_problem
from .tokens import StateTokens
from .twiml import (DEFAULT_SPEECH_MODEL, DIAL_STATUSES, VoiceSettings, dial_from_form, input_from_form, render,
                    render_xml)

log = logging.getLogger("ivr.phone")
bp = Blueprint("voice", __name__)
MAX_BODY_BYTES = 64 * 1024  # Twilio's webhooks are a few KB; anything bigger is refused before parsing
MAX_DURATION_S = 7 * 24 * 3600
SMS_WAIT_S = 10  # a repeated SMS step waits this long at most for the first delivery's result


@dataclass(frozen=True)
class Service:
    config: Config
    tokens: URLSafeSerializer
    validator: RequestValidator | None  # None only when validation was switched off explicitly
    voice: VoiceSettings
    sms: SmsSender | None
    public_url: str | None

    @property
    def assistant(self) -> Assistant:
        return self.config.assistant

    @property
    def log(self) -> GuardedLog:
        return self.config.log

    @property
    def writer(self) -> BackgroundWriter | None:  # None: a webhook's writes are done inline, after its answer
        return self.config.writer


def init_app(app: Flask, config: Config) -> None:
    """Add the webhooks (and /healthz) to `app`, on the service's one configuration."""
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.extensions["ivr"] = _build_service(config)
    app.register_blueprint(bp)
    app.add_url_rule("/healthz", "healthz", _healthz)


def _build_service(config: Config) -> Service:
    token = config.get("TWILIO_AUTH_TOKEN")
    skip = config.flag("IVR_SKIP_SIGNATURE")
    if not token and not skip:
        raise ConfigError("TWILIO_AUTH_TOKEN is not set: it is needed to check that requests come from Twilio "
                          "(for local experiments only, IVR_SKIP_SIGNATURE=1 switches the check off).")
    if skip:
        log.warning("IVR_SKIP_SIGNATURE is set: webhook signatures are NOT checked. Never expose this service.")
    secret = config.get("IVR_STATE_SECRET") or token or "local-development-only"
    sms = None
    if token and config.get("TWILIO_ACCOUNT_SID"):
        problem = sender_problem(config.get("TWILIO_SMS_FROM"))
        if problem:
            log.warning("%s.", problem)
        else:
            sms = SmsSender(config.get("TWILIO_ACCOUNT_SID"), token, config.get("TWILIO_SMS_FROM"),
                            config.get("TWILIO_API_BASE"))
    else:
        log.warning("TWILIO_ACCOUNT_SID is not set, so SMS follow-ups are not offered.")
    voice = VoiceSettings(voice=config.get("IVR_VOICE", DEFAULT_VOICE),
                          speech_model=config.get("IVR_SPEECH_MODEL") or DEFAULT_SPEECH_MODEL,
                          caller_id=config.get("TWILIO_NUMBER"))
    public_url = (config.get("IVR_PUBLIC_URL") or "").rstrip("/") or None
    if public_url is None and not skip:
        log.warning("IVR_PUBLIC_URL is not set: signatures are checked against the URL each request arrived at. "
                    "Behind a tunnel or proxy that is not the URL Twilio called, and every webhook is refused (403): "
                    "set IVR_PUBLIC_URL to the public https base URL.")
    return Service(config, StateTokens(secret, salt="ivr-call-state"),
                   None if skip else RequestValidator(token), voice, sms, public_url)


def _healthz():
    """Up (200) whatever the log does: calls are answered without it. Says whether the log takes writes
    and how many webhooks' writes wait in this machine's spool for it."""
    guarded = _service().log
    return {"status": "ok", "call_log": "failing" if guarded.failing else "ok", "spooled": guarded.waiting()}


def _service() -> Service:
    return current_app.extensions["ivr"]


_stamped: tuple[int, str] = (0, "")


def _stamp() -> str:
    """This second in Tokyo, as the log writes it. A second's webhooks share one string: formatting an aware
    datetime costs a webhook more than reading the clock."""
    global _stamped
    second = int(time.time())
    if _stamped[0] != second:
        _stamped = (second, dt.datetime.fromtimestamp(second, TOKYO).isoformat(timespec="seconds"))
    return _stamped[1]


def _after_answer(call_sid: str, *writes: Write) -> None:
    """Log after the answer is on its way: a slow or broken log never delays or costs a caller's answer."""
    scope = g._get_current_object()  # one context lookup, not one per attribute
    scope.log_call = call_sid
    scope.setdefault("log_writes", []).extend(writes)


@bp.after_request
def _schedule_log_writes(response: Response) -> Response:
    scope = g._get_current_object()
    writes = scope.pop("log_writes", [])
    if writes:
        service, call_sid = _service(), scope.log_call
        if service.writer is not None:
            response.call_on_close(lambda: service.writer.submit(call_sid, writes))
        else:
            response.call_on_close(lambda: service.log.write_all(writes))  # one batch: one transaction
    return response


# --- requests ------------------------------------------------------------------------------------------
def _form() -> SignedParams:
    """The POSTed parameters, parsed once. Twilio posts application/x-www-form-urlencoded, which
    parse_urlencoded reads in a fraction of the time of werkzeug's general form parser."""
    form = g.get("form")
    if form is None:
        form = g.form = SignedParams(_read_form())
    return form


def _read_form() -> dict[str, str]:
    req = request._get_current_object()  # one context lookup, not one per attribute
    # werkzeug's own reading of the length from the environ, without building the request's header view
    length, urlencoded = get_content_length(req.environ), req.mimetype == "application/x-www-form-urlencoded"
    if length is None and req.environ.get("wsgi.input_terminated"):
        # A chunked body has no length to refuse it by, and werkzeug's stream stops quietly at the
        # bound: read one byte past it from the server's de-chunked input to know.
        body = req.environ["wsgi.input"].read(MAX_BODY_BYTES + 1)
        if len(body) > MAX_BODY_BYTES:
            abort(413)
        return parse_urlencoded(body.decode("utf-8", "replace")) if urlencoded else {}
    if urlencoded and length is not None:
        # Twilio's case: the body read as werkzeug's get_data() reads it (refused over the bound, a
        # body cut short is the client gone), without the guarded stream it builds around the input.
        if length > MAX_BODY_BYTES:
            abort(413)
        body = req.environ["wsgi.input"].read(length) if length else b""
        if len(body) < length:
            raise ClientDisconnected()
        return parse_urlencoded(body.decode("utf-8", "replace"))
    if urlencoded:  # no length and no terminated stream: werkzeug reads nothing, and neither does this
        return {}
    return req.form.to_dict()


def _requested_url(service: Service) -> str:
    """The URL Twilio signed: the public base (behind a proxy or tunnel) plus the path and query."""
    req = request._get_current_object()
    base = service.public_url or req.host_url.rstrip("/")
    query = req.query_string.decode("latin-1")
    return base + req.path + (f"?{query}" if query else "")


@bp.before_request
def _check_signature() -> None:
    service = _service()
    if service.validator is None:
        return
    signature = request.headers.get("X-Twilio-Signature", "")
    url = _requested_url(service)
    form = _form()  # a body over the bound is a 413 whether signed or not
    if not signature:
        reason = "no X-Twilio-Signature header"
    elif not _valid(service.validator, url, form, signature):
        reason = "the signature does not match"
    else:
        return
    # One line per refused request, enough to see a wrong public URL; never the token or the signature.
    log.warning("refused %s %s: %s; checked against %s%s", request.method, request.path, reason, _shown(url),
                "" if service.public_url else " (IVR_PUBLIC_URL is not set: this is the URL as it arrived here)")
    abort(403)


def _valid(validator: RequestValidator, url: str, form: SignedParams, signature: str) -> bool:
    """The library's check, which signs the URL twice (with and without an explicit port), run only when
    the URL as it is does not match: that one signature is what Twilio sends nearly always."""
    if hmac.compare_digest(validator.compute_signature(url, form), signature):
        return True
    return validator.validate(url, form, signature)


def _shown(url: str) -> str:
    """The URL with the signed state shortened: it is long, and the base is what usually differs."""
    return re.sub(r"([?&]t=)([^&]{8})[^&]+", r"\1\2…", url)


_TWIML_TYPE = get_content_type("text/xml", "utf-8")  # what Response(mimetype="text/xml") works out each time


def _twiml(response: VoiceResponse | str) -> Response:
    return Response(str(response), content_type=_TWIML_TYPE)


def _apology() -> Response:
    """For a request that cannot continue a call: a calm apology, the general numbers, and goodbye."""
    script = _service().assistant.script
    region = caller_region(_form().get("From"))
    response = render([Say(script.cannot_continue), *script.general_numbers(region), Say(script.goodbye)], "", "",
                      _service().voice)
    response.hangup()
    return _twiml(response)


def _respond(call_sid: str, seq: int, state: State, actions: list[Action], effects: bool = True,
             service: Service | None = None) -> str:
    """The TwiML for step `seq`; with effects=False (a step the call has moved past) no SMS is sent."""
    service = service or _service()
    actions = _carry_out(call_sid, actions, effects)
    token = service.tokens.dumps({"c": call_sid, "n": seq, "s": state.to_dict()})
    base = service.public_url or request.host_url.rstrip("/")
    return render_xml(actions, f"{base}/voice/turn?t={token}", f"{base}/voice/dial?t={token}", service.voice,
                      f"{base}/voice/transfer")


def _carry_out(call_sid: str, actions: list[Action], effects: bool) -> list[Action]:
    """Refuse any number outside the catalogue; send SMS (to the number Twilio says is calling), once."""
    done: list[Action] = []
    for action in actions:
        if isinstance(action, Transfer) and not _service().assistant.catalogue.dialable(action.number):
            log.error("refused to dial %s: not a transfer line of the catalogue", action.number)
            return done + [Say(_service().assistant.script.goodbye), End()]
        if not isinstance(action, SendSms):
            done.append(action)
        elif effects:
            done.append(Say(action.sent if _send_sms(call_sid, action.body) == "sent" else action.failed))
    return done


def _send_sms(call_sid: str, body: str) -> str:
    """'sent' or 'failed'. The log lets one request per call send; a repeat of that step (Twilio retrying
    while the first is still sending) waits for the first one's result instead of sending again. Without
    the log's word nothing is sent: every retry would send again (the caller has heard the number)."""
    service, stamp = _service(), _stamp()
    claimed = service.log.claim_sms(call_sid, stamp)
    if claimed is None:
        log.warning("SMS not sent: the call log cannot say whether this call's SMS was sent already")
        return "failed"
    if claimed is False:
        deadline = time.monotonic() + SMS_WAIT_S
        while time.monotonic() < deadline:
            status = (service.log.call(call_sid) or {}).get("sms_status")
            if status in ("sent", "failed"):
                return status
            time.sleep(0.1)
        return "failed"
    sender, to = service.sms, _form().get("From", "")
    status = "sent" if sender and to and sender.send(to, body) else "failed"
    # Written now, not after the answer: a repeat of this step is waiting for it.
    service.log.record(call_sid, stamp, sms_status=status)
    return status


def _token() -> str:
    """The signed state: the action URLs' only query parameter, taken as it stands (base64url and '.', nothing
    to unescape) instead of parsing the query into a MultiDict; any other query is read as werkzeug reads it."""
    query = request.query_string
    if query.startswith(b"t=") and query.isascii() and b"&" not in query and b"%" not in query and b"+" not in query:
        return query[2:].decode("ascii")
    return request.args.get("t", "")


def _continue(service: Service) -> tuple[str, int, State] | None:
    """The call's SID, turn number and state from the signed token, or None for a forged or foreign token."""
    call_sid = _form().get("CallSid", "")
    try:
        payload = service.tokens.loads(_token())
        state = State.from_dict(payload["s"])
        seq = int(payload.get("n", 0))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    if not call_sid or payload.get("c") != call_sid:
        return None
    return call_sid, seq, state


def _answered(call_sid: str, seq: int, service: Service | None = None) -> tuple[str | None, bool, bool]:
    """(the TwiML already answered at this step, whether the call has moved past it, whether it ended).
    A log that cannot tell makes every step new: the caller is answered either way."""
    known = (service or _service()).log.step(call_sid, seq)
    if known is None:
        return None, False, False
    return known["twiml"], known["last_seq"] >= seq, known["ended"]


@bp.post("/voice")
def incoming_call() -> Response:
    form, service = _form(), _service()
    call_sid = form.get("CallSid", "")
    if not call_sid:
        return _apology()
    twiml, _, _ = _answered(call_sid, 0, service)
    if twiml is not None:
        return _twiml(twiml)
    caller, stamp = form.get("From") or None, _stamp()
    state, actions = service.assistant.start(service.config.now(), caller, sms=service.sms is not None)
    twiml = _respond(call_sid, 0, state, actions, service=service)
    _after_answer(call_sid, Write("start_call", (call_sid, stamp, caller)),
                  Write("log_step", (call_sid, 0, stamp, twiml)))
    return _twiml(twiml)


def _next_step(event: Input, log_step: Callable[[str, int, str, State], Write]) -> Response:
    """Continue the call named by the signed token with one input; an unusable token ends politely."""
    service = _service()
    continued = _continue(service)
    if continued is None:
        return _apology()
    call_sid, seq, state = continued
    step, stamp = seq + 1, _stamp()
    twiml, moved_on, ended = _answered(call_sid, step, service)
    if twiml is not None:  # Twilio delivered this step again: same answer, nothing else
        return _twiml(twiml)
    new_state, actions = service.assistant.step(state, event, service.config.now())
    # After hang-up a step may still arrive (the status callback overtook it): it is logged, but no SMS.
    twiml = _respond(call_sid, step, new_state, actions, effects=not (moved_on or ended), service=service)
    if not moved_on:
        _after_answer(call_sid, log_step(call_sid, step, stamp, new_state),
                      Write("log_step", (call_sid, step, stamp, twiml)))
    return _twiml(twiml)


@bp.post("/voice/turn")
def caller_turn() -> Response:
    event = input_from_form(_form())
    kind, heard, confidence = "silence", None, None
    if isinstance(event, Speech):
        kind, heard, confidence = "speech", event.text[:500], event.confidence
    elif isinstance(event, Keys):
        kind, heard = "dtmf", event.digits

    def log_turn(call_sid: str, seq: int, stamp: str, after: State) -> Write:
        understood = kind != "silence" and after.understood
        return Write("log_turn", (call_sid, seq, stamp, kind, heard, confidence, understood, after.outcome))
    return _next_step(event, log_turn)


@bp.post("/voice/dial")
def dial_ended() -> Response:
    event = dial_from_form(_form())

    def log_dial(call_sid: str, _seq: int, stamp: str, _after: State) -> Write:
        return Write("record", (call_sid, stamp), {"transfer_status": event.status})
    return _next_step(event, log_dial)


@bp.post("/voice/transfer")
def transfer_ended() -> tuple[str, int]:
    """The dialled leg's status callback: its CallStatus is the transfer's result, on the parent call."""
    parent = _form().get("ParentCallSid", "")
    status = _form().get("CallStatus", "")
    if parent and status in DIAL_STATUSES:
        stamp = _stamp()
        # Only a call this service answered: a callback naming an unknown parent makes no row.
        _after_answer(parent, Write("update_known", (parent,), {"transfer_status": status}))
    return "", 204


@bp.post("/voice/fallback")
def fallback() -> Response:
    return _apology()


@bp.post("/voice/status")
def call_status() -> tuple[str, int]:
    call_sid = _form().get("CallSid", "")
    if call_sid:
        raw = _form().get("CallDuration", "")
        # ASCII digits only: '²' and '١' are digits to str.isdigit() but not to int().
        duration = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 and int(raw) <= MAX_DURATION_S \
            else None
        status = _form().get("CallStatus", "completed")[:20]
        stamp = _stamp()
        _after_answer(call_sid, Write("end_call", (call_sid, stamp, status, duration)))
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


def warm_up(app: Flask) -> None:
    """Build what every worker would otherwise build for itself on its first call (holiday tables for
    this year and the next, the caches of the language analyser): called before gunicorn forks."""
    service: Service = app.extensions["ivr"]
    now = service.config.now()
    for year in (now.year, now.year + 1):
        holiday_name(dt.date(year, 1, 1))
    state, _ = service.assistant.start(now, None, sms=False)
    for event in (Speech("楽天カードをなくしました", 0.9), Keys("1"), Speech("はい", 0.9)):
        state, _ = service.assistant.step(state, event, now)
