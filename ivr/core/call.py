"""One call played from start to end: the loop every turn-by-turn adapter uses (text, local voice).

Turns are taken only when the assistant waits for one; when they run out, the caller has hung up.
Each assistant turn (everything said and done before it waits again) is reported as one event dict.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from . import keypad
from .actions import Action, Ask, End, Input, Keys, Say, SendSms, Silence, Speech, Transfer
from .dialog import Assistant, Phase, State
from .privacy import mask_number


KEYS = re.compile(r"[0-9*#]{1,10}")


def as_keys(text: str) -> Keys | None:
    """Keys when what the caller typed or said is key digits only: "1" typed where the assistant says
    「1を押してください」, or いち transcribed by the phone's recogniser as "1" (or "１。")."""
    keys = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip("。.、,!?！？")
    return Keys(keys) if KEYS.fullmatch(keys) else None


def parse_turn(turn: str) -> Input:
    """'dtmf:12' or '12' is keypad input, '' is silence, anything else is speech."""
    if turn.startswith("dtmf:"):
        return Keys(turn[len("dtmf:"):])
    if not turn.strip():
        return Silence()
    return as_keys(turn) or Speech(turn)


@dataclass
class CallRecord:
    events: list[dict] = field(default_factory=list)
    state: State | None = None

    @property
    def outcome(self) -> dict:
        return self.state.outcome


def assistant_turn(actions: list[Action], caller: str | None = None) -> dict:
    """Everything the assistant does before it waits for the caller (or hangs up), as one turn: what it
    said as shown ("say") and as spoken ("speak": numbers spelled for a voice)."""
    turn: dict = {"who": "assistant", "say": ""}
    shown, spoken = [], []
    for action in actions:
        if isinstance(action, Say):
            shown.append(action.text)
            spoken.append(action.spoken)
        elif isinstance(action, Ask):
            turn["ask"] = action.expecting
        elif isinstance(action, Transfer):
            turn["transfer"], turn["line"] = action.number, action.line
        elif isinstance(action, SendSms):
            turn["sms"] = {"to": mask_number(caller), "body": action.body}  # shown and logged: never the number
            shown.append(action.sent)
            spoken.append(action.sent)
        elif isinstance(action, End):
            turn["end"] = True
    turn["say"], turn["speak"] = "".join(shown), "".join(spoken)
    return turn


def caller_event(event: Input) -> dict:
    if isinstance(event, Keys):
        return {"who": "caller", "dtmf": event.digits}
    if isinstance(event, Speech):
        heard = {"heard": event.text, "confidence": event.confidence} if event.confidence is not None else {}
        return {"who": "caller", "text": event.text, **heard}
    return {"who": "caller", "text": ""}


def play(assistant: Assistant, turns: Iterable[str | Input], now: dt.datetime, caller: str | None = None,
         auto_yes: bool = False, on_event: Callable[[dict], None] | None = None,
         on_answer: Callable[[list[Action]], None] | None = None) -> CallRecord:
    """Play one call. Turns are text (see parse_turn) or inputs already made (a recogniser's Speech).
    With auto_yes every yes/no question is answered yes without using a turn."""
    record = CallRecord()

    def emit(event: dict) -> None:
        record.events.append(event)
        if on_event:
            on_event(event)

    def emit_actions(actions: list[Action]) -> str | None:
        if on_answer:
            on_answer(actions)
        turn = assistant_turn(actions, caller)
        emit(turn)
        return turn.get("ask")

    state, actions = assistant.start(now, caller)
    expecting = emit_actions(actions)
    left = list(turns)
    pending: Iterator[str | Input] = iter(left)
    while state.phase != Phase.DONE:
        if state.phase == Phase.TRANSFERRING:  # a turn left is said in the moment before the dial
            state = _before_the_dial(assistant, state, next(pending, None), now, emit, emit_actions)
            if state.phase == Phase.TRANSFERRING:
                break
            expecting = record.events[-1].get("ask")
            continue
        said = sum(1 for e in record.events if e["who"] == "caller" and not e.get("auto"))
        # The SMS offer is answered はい only when the caller has nothing more to say: words said after the
        # answer (「いや、やっぱりカードをなくした」) are said instead of the yes.
        offer_with_more = state.phase == Phase.SMS and said < len(left)
        if expecting == "yesno" and auto_yes and not offer_with_more:
            yes = assistant.script.yes
            emit({"who": "caller", "text": yes, "auto": True})
            event: Input = Speech(yes)
        else:
            turn = next(pending, None)
            if turn is None:
                break
            event = parse_turn(turn) if isinstance(turn, str) else turn
            emit(caller_event(event))
        state, actions = assistant.step(state, event, now)
        expecting = emit_actions(actions)
    record.state = state
    return record


def _before_the_dial(assistant: Assistant, state: State, turn, now: dt.datetime, emit, emit_actions) -> State:
    """The Gather flow's short window before <Dial>: 「違います」 or another company asks or routes again; other
    words let the same transfer go ahead (not shown again)."""
    if turn is None:
        return state
    event = parse_turn(turn) if isinstance(turn, str) else turn
    emit(caller_event(event))
    after, actions = assistant.step(state, event, now)
    if after.phase != Phase.TRANSFERRING or after.decision != state.decision:
        emit_actions(actions)
    return after


def is_repeat(assistant: Assistant, event: Input) -> bool:
    """Whether the caller asks to hear the assistant's last words again (the repeat key, or words meaning it)."""
    if isinstance(event, Keys):
        return event.digits == keypad.REPEAT
    if isinstance(event, Speech) and event.text.strip():
        return assistant.language.understand(event.text).command == "repeat"
    return False


def unheard(actions: list[Action], heard: str) -> list[Action]:
    """What of an interrupted turn the caller did not hear whole: its sentences from the first one not wholly
    within `heard` (the words spoken before the interruption), and what followed them (the question)."""
    spoken = "".join(heard.split())
    said = 0
    for index, action in enumerate(actions):
        if isinstance(action, Say):
            words = "".join(action.spoken.split())
            if spoken[said:said + len(words)] != words:
                return [a for a in actions[index:] if isinstance(a, (Say, Ask))]
            said += len(words)
    return [a for a in actions if isinstance(a, Ask)]
