"""Text simulation of a call: the adapter that tests and people use to rehearse call flows."""
from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .actions import Action, Ask, End, Input, Keys, Say, SendSms, Silence, Speech, Transfer
from .dialog import Assistant, State
from .hours import TOKYO, to_tokyo


def parse_turn(turn: str) -> Input:
    """'dtmf:12' is keypad input, '' is silence, anything else is speech."""
    if turn.startswith("dtmf:"):
        return Keys(turn[len("dtmf:"):])
    if not turn.strip():
        return Silence()
    return Speech(turn)


def typed_turns(prompt: str = "発信者> ") -> Iterator[str]:
    """Turns typed at the keyboard, one per line (dtmf:1 for keys, an empty line for silence); Ctrl-D
    hangs up. The prompt goes to stderr so that --json output stays clean."""
    while True:
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            return
        yield line.rstrip("\n")


def parse_moment(text: str | None) -> dt.datetime:
    """ISO-8601; a moment without an offset is Tokyo time; None is now."""
    if not text:
        return dt.datetime.now(TOKYO)
    return to_tokyo(dt.datetime.fromisoformat(text))


@dataclass
class CallRecord:
    events: list[dict] = field(default_factory=list)
    state: State | None = None

    @property
    def outcome(self) -> dict:
        return self.state.outcome


def _assistant_turn(actions: list[Action]) -> dict:
    """Everything the assistant does before it waits for the caller (or hangs up), as one turn."""
    turn: dict = {"who": "assistant", "say": ""}
    said = []
    for action in actions:
        if isinstance(action, Say):
            said.append(action.text)
        elif isinstance(action, Ask):
            turn["ask"] = action.expecting
        elif isinstance(action, Transfer):
            turn["transfer"], turn["line"] = action.number, action.line
        elif isinstance(action, SendSms):
            turn["sms"] = {"to": action.to, "body": action.body}
            said.append(action.sent)
        elif isinstance(action, End):
            turn["end"] = True
    turn["say"] = "".join(said)
    return turn


def play(assistant: Assistant, turns: Iterable[str | Input], now: dt.datetime, caller: str | None = None,
         auto_yes: bool = False, on_event: Callable[[dict], None] | None = None,
         on_answer: Callable[[list[Action]], None] | None = None) -> CallRecord:
    """Play one call. Turns are text (see parse_turn) or inputs already made (a recogniser's Speech);
    they are taken only when the assistant waits for one. Turns run out: the caller has hung up."""
    record = CallRecord()

    def emit(event: dict) -> None:
        record.events.append(event)
        if on_event:
            on_event(event)

    def emit_actions(actions: list[Action]) -> str | None:
        if on_answer:
            on_answer(actions)
        turn = _assistant_turn(actions)
        emit(turn)
        return turn.get("ask")

    state, actions = assistant.start(now, caller)
    expecting = emit_actions(actions)
    pending: Iterator[str | Input] = iter(turns)
    while state.phase not in ("done", "transferring"):
        if expecting == "yesno" and auto_yes:
            emit({"who": "caller", "text": "はい", "auto": True})
            event: Input = Speech("はい")
        else:
            turn = next(pending, None)
            if turn is None:
                break
            event = parse_turn(turn) if isinstance(turn, str) else turn
            emit(_caller_event(event))
        state, actions = assistant.step(state, event, now)
        expecting = emit_actions(actions)
    record.state = state
    return record


def _caller_event(event: Input) -> dict:
    if isinstance(event, Keys):
        return {"who": "caller", "dtmf": event.digits}
    if isinstance(event, Speech):
        heard = {"heard": event.text, "confidence": event.confidence} if event.confidence is not None else {}
        return {"who": "caller", "text": event.text, **heard}
    return {"who": "caller", "text": ""}


def print_human(event: dict) -> None:
    if event["who"] == "caller":
        what = f"[キー {event['dtmf']}]" if "dtmf" in event else (event["text"] or "(無言)")
        print(f"  発信者: {what}{' (自動)' if event.get('auto') else ''}")
        return
    print(f"アシスタント: {event['say']}")
    if "sms" in event:
        print(f"  >>> SMS to {event['sms']['to']}:\n{event['sms']['body']}")
    if "transfer" in event:
        print(f"  >>> {event['transfer']} に転送 ({event['line']})")
    if event.get("end"):
        print("  (通話終了)")


def run_cases(assistant: Assistant, lines: Iterable[str], out: Callable[[str], None]) -> dict:
    total = correct = wrong_transfers = 0
    for raw in lines:
        if not raw.strip():
            continue
        case = json.loads(raw)
        expect = case["expect"]
        record = play(assistant, case["turns"], parse_moment(case.get("at")), case.get("from"), auto_yes=True)
        got = record.outcome
        numbers = expect.get("numbers", [])
        number_ok = got["number"] in numbers if numbers else got["number"] is None
        ok = got["outcome"] == expect["outcome"] and number_ok
        wrong = got["outcome"] == "transfer" and not (expect["outcome"] == "transfer" and number_ok)
        total, correct, wrong_transfers = total + 1, correct + ok, wrong_transfers + wrong
        out(json.dumps({"id": case.get("id"), "ok": ok, **got, "expected": expect}, ensure_ascii=False))
    summary = {"cases": total, "routed_correctly": correct, "wrong_transfers": wrong_transfers}
    out(json.dumps(summary, ensure_ascii=False))
    return summary
