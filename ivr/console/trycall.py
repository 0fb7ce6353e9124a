"""/try: a phone in the browser on the same dialog, logged as rehearsals.

The call's state, its moment and its transcript travel in a signed token in the page (never in server
memory), so any worker answers any turn. Every form works without JavaScript; try.js adds speech input
and spoken answers where the browser has them, and updates the page without reloading it.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import secrets

from flask import Blueprint, current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from itsdangerous import BadSignature, URLSafeSerializer

from ..core.actions import Action, DialEnded, Input, Keys, Silence, Speech
from ..core.call import as_keys, assistant_turn
from ..core.dialog import Phase, State
from ..core.hours import TOKYO, holiday_name, to_tokyo
from .auth import require_operator
from .display import published
from .context import close_idle_rehearsals, current, relay_rehearsals

log = logging.getLogger("ivr.console")
bp = Blueprint("try", __name__, url_prefix="/try", template_folder="templates")
bp.before_request(require_operator)

# Sample callers: the dialog uses a number for what it tells (region, whether SMS can reach it).
CALLERS = {"unknown": ("非通知", None), "landline": ("固定電話 (03)", "+81312345678"),
           "mobile": ("携帯電話 (090)", "+819012345678"), "abroad": ("海外 (+1)", "+14155550123")}
DIAL_STATUSES = {"completed": "つながった", "busy": "話し中", "no-answer": "応答なし", "failed": "つながらない"}
MAX_TEXT = 200
MAX_DIGITS = 20
MAX_TURNS = 60  # a rehearsal longer than this is ended: the page carries its transcript
# The ways a rehearsal can go: the dialog as the <Gather> webhooks play it, or through the ConversationRelay
# adapter's socket (streamed sentences, barge-in), which needs try.js in the browser.
FLOWS = {"gather": "通常(Gather)", "relay": "ConversationRelay(割り込みあり)"}


class TurnError(Exception):
    """A request that cannot continue a call (forged or stale token, unusable input): said politely."""


def _tokens() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="ivr-try-call")


def _wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


def presets(now: dt.datetime) -> list[tuple[str, str]]:
    """Moments worth rehearsing: now, tonight at 23:30, the next weekend morning, the next national holiday."""
    today = now.date()
    items = [("今", ""), ("今夜 23:30", f"{today}T23:30")]
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    items.append((f"土曜 {saturday.month}/{saturday.day} 10:00", f"{saturday}T10:00"))
    for offset in range(1, 366):
        day = today + dt.timedelta(days=offset)
        name = holiday_name(day)
        if name:
            items.append((f"{name} {day.month}/{day.day} 10:00", f"{day}T10:00"))
            break
    return items


def _moment(text: str) -> dt.datetime:
    if not text.strip():
        return current().now()
    try:
        return to_tokyo(dt.datetime.fromisoformat(text.strip()))
    except ValueError:
        raise TurnError("日時は 2026-11-24T23:30 のように入力してください。") from None


# --- the pages ---------------------------------------------------------------------------------------------
def _page(**view):
    now = current().now()
    view.setdefault("at_value", now.strftime("%Y-%m-%dT%H:%M"))
    view.setdefault("caller_value", "landline")
    view.setdefault("flow_value", "gather")
    return render_template("console/try.html", presets=presets(now), callers=CALLERS,
                           flows=FLOWS if relay_rehearsals() is not None else None, **view)


@bp.get("")
def try_page():
    return _page(call=None)


def _new_call() -> tuple[str, dt.datetime, str]:
    """A rehearsal's SID, moment and kind of caller from the start form, logged as begun."""
    at = _moment(request.form.get("at", ""))
    caller_key = request.form.get("caller", "landline")
    if caller_key not in CALLERS:
        raise TurnError("発信者の種類を選び直してください。")
    console, call_sid = current(), "TRY" + secrets.token_hex(16)
    console.log.start_call(call_sid, _stamp(), CALLERS[caller_key][1], rehearsal=True)
    console.log.record(call_sid, _stamp(), rehearsed_at=at.isoformat(timespec="seconds"))  # its clock, for the console
    close_idle_rehearsals(console)
    return call_sid, at, caller_key


@bp.post("/start")
def start_call():
    if request.form.get("flow") == "relay":  # try.js sends these to /try/relay/start
        return _refuse("ConversationRelay で試すには、JavaScript を有効にしてください。")
    try:
        call_sid, at, caller_key = _new_call()
    except TurnError as error:
        return _refuse(str(error))
    state, actions = current().assistant.start(at, CALLERS[caller_key][1], sms=True)
    call = {"c": call_sid, "n": 0, "at": at.isoformat(timespec="minutes"), "k": caller_key, "s": state.to_dict(),
            "t": [_assistant_turn(actions)]}
    return _show(call, new=call["t"])


# --- a rehearsal through the ConversationRelay adapter ------------------------------------------------------
# The browser plays Twilio's side of the socket (try.js): it opens the relay socket with a ticket, sends
# setup, prompt, dtmf and interrupt, and speaks the text tokens as they come. The session hands off as it
# does to Twilio; the handoff comes back here and the rest of the call (the dial result) goes on as above.
@bp.post("/relay/start")
def start_relay_call():
    rehearsals = relay_rehearsals()
    if rehearsals is None:
        return _refuse("この環境では ConversationRelay を試せません。")
    try:
        call_sid, at, caller_key = _new_call()
    except TurnError as error:
        return _refuse(str(error))
    proxied = bool(request.headers.get("X-Forwarded-For") or request.headers.get("X-Forwarded-Proto"))
    socket = rehearsals.socket_url(request.host_url, proxied) + "?try=" + rehearsals.ticket(call_sid, at)
    call = {"c": call_sid, "n": 0, "at": at.isoformat(timespec="minutes"), "k": caller_key, "relay": True}
    view = {"call_sid": call_sid, "at": call["at"], "caller": CALLERS[caller_key][0], "turns": [],
            "token": _tokens().dumps(call), "relay": True, "done": False, "transferring": False,
            "outcome": {"outcome": "incomplete", "number": None, "provider": None, "problem": None, "open": None},
            "number": None, "dial": None}
    html = render_template("console/_call.html", call=view, dial_statuses=DIAL_STATUSES)
    # The sample caller's number goes in `setup`, as Twilio's `from` does, never in the socket's URL.
    return jsonify(html=html, socket=socket, call_sid=call_sid, caller=CALLERS[caller_key][1] or "")


@bp.post("/relay/end")
def end_relay_call():
    """The session's `end`: its handoff read back by the relay adapter, and the call shown from there on."""
    rehearsals = relay_rehearsals()
    try:
        call = _tokens().loads(request.form.get("token", ""))
        if not call.get("relay") or rehearsals is None:
            raise ValueError("not a relay rehearsal")
        handed = rehearsals.handoff(call["c"], request.form.get("handoff", ""))
        if handed is None:
            raise ValueError("a handoff that is not this call's")
        turns = _streamed_turns(request.form.get("transcript", "[]"))
    except TurnError as error:
        return _refuse(str(error))
    except (BadSignature, KeyError, TypeError, ValueError):
        return _refuse("この通話は続けられません。新しい通話を始めてください。")
    seq, state, actions = handed
    last = _assistant_turn(actions)
    call = {"c": call["c"], "n": seq, "at": call["at"], "k": call["k"], "s": state.to_dict(), "t": turns + [last]}
    if state.phase == Phase.DONE:
        stamp = _stamp()
        current().log.record(call["c"], stamp, status="completed", ended_at=stamp)
    return _show(call, new=[last])


def _streamed_turns(text: str) -> list[dict]:
    """The turns the page showed while the socket was open (the page's own record, for display only: the
    session logged each one), kept to what the transcript shows."""
    try:
        given = json.loads(text)
    except ValueError:
        raise TurnError("この通話は続けられません。新しい通話を始めてください。") from None
    if not isinstance(given, list) or len(given) > MAX_TURNS:
        raise TurnError("この通話は続けられません。新しい通話を始めてください。")
    turns = []
    for item in given:
        if not isinstance(item, dict):
            continue
        if item.get("who") == "assistant":
            turns.append({"who": "assistant", "say": str(item.get("say", ""))[:2000], "speak": "",
                          "interrupted": bool(item.get("interrupted"))})
        elif item.get("who") == "caller" and item.get("dtmf"):
            turns.append({"who": "caller", "dtmf": str(item["dtmf"])[:MAX_DIGITS]})
        elif item.get("who") == "caller" and item.get("text"):
            turns.append({"who": "caller", "text": str(item["text"])[:MAX_TEXT], "confidence": None,
                          "typed": item.get("typed") is not False})
        elif item.get("who") == "caller":
            turns.append({"who": "caller", "silence": True})
    return turns


@bp.post("/turn")
def take_turn():
    try:
        call = _tokens().loads(request.form.get("token", ""))
        state = State.from_dict(call["s"])
        at = to_tokyo(dt.datetime.fromisoformat(call["at"]))
        event = _input()
    except TurnError as error:
        return _refuse(str(error))
    except (BadSignature, KeyError, TypeError, ValueError):
        return _refuse("この通話は続けられません。新しい通話を始めてください。")
    if state.phase == Phase.DONE or len(call["t"]) >= MAX_TURNS:
        return _refuse("この通話は終了しています。新しい通話を始めてください。")
    new_state, actions = current().assistant.step(state, event, at)
    call["n"] += 1
    _log(call["c"], call["n"], event, new_state)
    turns = [_caller_turn(event), _assistant_turn(actions)]
    call["s"], call["t"] = new_state.to_dict(), call["t"] + turns
    return _show(call, new=turns)


def _input() -> Input:
    form = request.form
    if form.get("silence"):
        return Silence()
    if form.get("dial"):
        if form["dial"] not in DIAL_STATUSES:
            raise TurnError("転送の結果を選び直してください。")
        return DialEnded(form["dial"])
    if form.get("dtmf"):
        digits = form["dtmf"].strip()
        if len(digits) > MAX_DIGITS or not all(d in "0123456789*#" for d in digits):
            raise TurnError("キーは 0〜9、*、# で入力してください。")
        return Keys(digits)
    text = form.get("text", "").strip()
    if len(text) > MAX_TEXT:
        raise TurnError(f"一度に話せるのは{MAX_TEXT}文字までです。")
    if not text:
        return Silence()
    if as_keys(text):  # "1" typed (or heard) where the assistant says 「1を押してください」, as in `ivr simulate`
        return as_keys(text)
    confidence = None
    if form.get("confidence"):
        try:
            confidence = min(1.0, max(0.0, float(form["confidence"])))
        except ValueError:
            confidence = None
    return Speech(text, confidence if _voiced() else None)


def _voiced() -> bool:
    """Words heard by the browser's recogniser (try.js says so), not typed: the dialog takes both as speech,
    the log and the transcript tell them apart."""
    return request.form.get("input") == "voice"


def _log(call_sid: str, seq: int, event: Input, after: State) -> None:
    """The same rows the phone adapter writes, on a call marked as a rehearsal when it started."""
    console, stamp = current(), _stamp()
    if isinstance(event, DialEnded):
        console.log.record(call_sid, stamp, transfer_status=event.status)
    else:
        kind, heard, confidence = "silence", None, None
        if isinstance(event, Speech):
            kind = "speech" if _voiced() else "typed"
            heard, confidence = event.text, event.confidence
        elif isinstance(event, Keys):
            kind, heard = "dtmf", event.digits
        understood = kind != "silence" and after.understood
        console.log.log_turn(call_sid, seq, stamp, kind, heard, confidence, understood, after.outcome)
    if after.phase == Phase.DONE:
        console.log.record(call_sid, stamp, status="completed", ended_at=stamp)


def _stamp() -> str:
    return dt.datetime.now(TOKYO).isoformat(timespec="seconds")


# --- turns as the page shows them ----------------------------------------------------------------------------
def _caller_turn(event: Input) -> dict:
    if isinstance(event, Keys):
        return {"who": "caller", "dtmf": event.digits}
    if isinstance(event, Speech):
        return {"who": "caller", "text": event.text, "confidence": event.confidence, "typed": not _voiced()}
    if isinstance(event, DialEnded):
        return {"who": "caller", "dial": event.status}
    return {"who": "caller", "silence": True}


def _assistant_turn(actions: list[Action]) -> dict:
    """The call loop's turn, with the SMS as its text (the page shows it; there is no caller's number here)."""
    turn = assistant_turn(actions)
    if "sms" in turn:
        turn["sms"] = turn["sms"]["body"]
    return turn


def _show(call: dict, new: list[dict]):
    state = State.from_dict(call["s"])
    token = _tokens().dumps(call)
    outcome = state.outcome
    view = {"call_sid": call["c"], "at": call["at"], "caller": CALLERS[call["k"]][0], "turns": call["t"],
            "token": token, "phase": str(state.phase), "done": state.phase == Phase.DONE,
            "transferring": state.phase == Phase.TRANSFERRING, "outcome": outcome,
            "number": published(outcome["number"]) if outcome["number"] else None,
            "expecting": next((t.get("ask") for t in reversed(call["t"]) if t["who"] == "assistant"), None),
            "dial": next((t["dial"] for t in reversed(call["t"]) if t.get("dial")), None)}
    if _wants_json():
        html = render_template("console/_call.html", call=view, dial_statuses=DIAL_STATUSES)
        return jsonify(html=html, speak=[t["speak"] for t in new if t["who"] == "assistant" and t["speak"]],
                       done=view["done"], outcome=outcome)
    return _page(call=view, at_value=call["at"][:16], caller_value=call["k"], dial_statuses=DIAL_STATUSES,
                 flow_value="relay" if call.get("relay") else "gather")


@bp.errorhandler(CSRFError)
def _stale(_error):
    return _refuse("ページの有効期限が切れました。ページを読み込み直して、新しい通話を始めてください。")


def _refuse(message: str):
    if _wants_json():
        return jsonify(error=message), 400
    return _page(call=None, error=message), 400
