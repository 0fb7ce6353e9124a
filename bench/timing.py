"""How long a caller waits for the number: calls played through the dialog with every sentence timed.

The caller does not interrupt: they answer once the assistant has stopped talking, at once (a spoken answer
lasts as long as its words take to say; a key press takes no time). A silence lasts as long as the phone
adapter waits before it treats the question as unanswered. Two clocks say how long words take:
`MoraClock` counts morae in the readings (fast, for tests) and `OpenJTalkClock` synthesises the speech
(for bench/time_to_number.py). Both need pyopenjtalk, which only the `test` extra installs: that is why this
module lives in bench/ and not in the ivr package (the tests import it from here too).
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from typing import Callable, Protocol

from ivr.core.actions import Action, Ask, Keys, Say, Silence, Speech
from ivr.core.catalogue import to_e164
from ivr.core.dialog import Assistant, Phase
from ivr.core.hours import parse_moment
from ivr.ja.phrasing import speak_phone_number

KEY = "key:"  # a turn "key:1": press 1 once the assistant has said which key means what; silent until then
SMALL_KANA = set("ァィゥェォャュョヮ")
PUBLISHED = re.compile(r"\+?\d[\d\-()]*\d")  # a phone number as the catalogue publishes it, in a Say's text


@dataclass(frozen=True)
class Call:
    name: str
    turns: tuple[str, ...]  # speech, "dtmf:1" (pressed at once), "key:1" (see KEY) or "" (silence)
    at: str  # ISO moment of the call
    goal: float | None = None  # seconds until the number starts


STANDARD_CALLS = (
    Call("one speech turn", ("楽天カードをなくしました",), "2026-11-24T10:00:00+09:00", 12),
    Call("two speech turns", ("アマゾン", "荷物が届かない"), "2026-11-24T10:00:00+09:00", 20),
    Call("keypad (1, then 1)", ("key:1", "key:1"), "2026-11-24T10:00:00+09:00", 30),
    Call("closed line at night, two turns", ("楽天カード", "支払い金額を確認したい"), "2026-11-24T23:30:00+09:00", 20),
)
MORE_CALLS = (
    Call("one speech turn, closed", ("楽天カードの引き落とし日を知りたい",), "2026-11-24T09:15:00+09:00"),
    Call("urgent at night, 24-hour line", ("アメックスのカードをなくしました",), "2026-11-24T23:30:00+09:00"),
    Call("problem first, then the name", ("荷物が届かない", "アマゾン"), "2026-11-24T10:00:00+09:00"),
    Call("keypad, その他 menu", ("key:1", "key:9", "key:2"), "2026-11-24T10:00:00+09:00"),
    Call("not understood once", ("ふにゃふにゃ", "アマゾン", "返品したい"), "2026-11-24T10:00:00+09:00"),
)


class Clock(Protocol):
    def seconds(self, text: str) -> float:
        """How long the words take to say."""

    def span(self, before: str, words: str) -> tuple[float, float]:
        """When `words`, said right after `before` in one sentence, start and end."""


def _quietly(call, *args, **kwargs):
    """pyopenjtalk warns about its own use of its dependencies (and pytest makes warnings errors)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args, **kwargs)


def morae(text: str) -> int:
    """Morae in the reading of Japanese text (small kana belong to the mora before them)."""
    import pyopenjtalk

    reading = _quietly(pyopenjtalk.g2p, text, kana=True)
    return sum(1 for ch in reading if ("ァ" <= ch <= "ヶ" or ch == "ー") and ch not in SMALL_KANA)


@dataclass(frozen=True)
class MoraClock:
    """Speech at a steady rate of morae per second, pauses not counted."""
    rate: float = 6.6

    def seconds(self, text: str) -> float:
        return morae(text) / self.rate if text.strip() else 0.0

    def span(self, before: str, words: str) -> tuple[float, float]:
        start = self.seconds(before)
        return start, start + self.seconds(words)


class OpenJTalkClock:
    """Open JTalk's voice at its normal speed: durations of the synthesised audio."""
    SILENT = 0.02  # of the loudest sample: quieter samples at the ends are the synthesiser's padding

    def __init__(self):
        import pyopenjtalk

        self._tts = pyopenjtalk.tts
        self._cache: dict[str, tuple[float, float, float]] = {}

    def _measure(self, text: str) -> tuple[float, float, float]:
        """(total seconds, leading silence, trailing silence)."""
        if text not in self._cache:
            import numpy as np

            audio, rate = _quietly(self._tts, text)
            loud = np.nonzero(np.abs(audio) > np.abs(audio).max() * self.SILENT)[0]
            lead, trail = (loud[0], len(audio) - 1 - loud[-1]) if len(loud) else (0, 0)
            self._cache[text] = (len(audio) / rate, lead / rate, trail / rate)
        return self._cache[text]

    def seconds(self, text: str) -> float:
        return self._measure(text)[0] if text.strip() else 0.0

    def span(self, before: str, words: str) -> tuple[float, float]:
        total, _, trail = self._measure(before + words)
        alone, lead, alone_trail = self._measure(words)
        end = total - trail
        return end - (alone - lead - alone_trail), end


@dataclass
class Timing:
    call: Call
    outcome: dict
    number_starts: float | None  # seconds from the start of the call until the number's first digit
    number_heard: float | None  # ... until its first complete reading ends
    spoken: float  # seconds the assistant spoke in the whole call
    caller_turns: int
    transcript: list[tuple[float, str, str]] = field(default_factory=list)  # (start, who, what)
    speech: list[str] = field(default_factory=list)  # every assistant sentence as spoken


def time_call(assistant: Assistant, call: Call, clock: Clock, silence: Callable[[Ask], float]) -> Timing:
    """Play one call and time it. `silence(ask)` is how long the adapter waits for an answer to `ask`."""
    now = parse_moment(call.at)
    state, actions = assistant.start(now)
    clock_at, spoken, turns = 0.0, 0.0, 0
    said: list[tuple[float, Say]] = []
    transcript: list[tuple[float, str, str]] = []

    def speak(actions: list[Action]) -> tuple[Ask | None, str]:
        nonlocal clock_at, spoken
        ask, text = None, ""
        for action in actions:
            if isinstance(action, Say):
                said.append((clock_at, action))
                transcript.append((clock_at, "assistant", action.text))
                seconds = clock.seconds(action.spoken) + action.pause_after
                clock_at, spoken, text = clock_at + seconds, spoken + seconds, text + action.text
            elif isinstance(action, Ask):
                ask = action
        return ask, text

    ask, text = speak(actions)
    pending = list(call.turns)
    while ask is not None and state.phase not in (Phase.DONE, Phase.TRANSFERRING) and pending:
        turn = pending[0]
        if turn.startswith(KEY) and turn[len(KEY):] not in text:
            event, seconds, turn = Silence(), silence(ask), ""  # waiting for the menu
        else:
            pending.pop(0)
            event, seconds = _event(turn, clock, ask, silence)
        transcript.append((clock_at, "caller", turn or "(silence)"))
        clock_at, turns = clock_at + seconds, turns + 1
        state, actions = assistant.step(state, event, now)
        ask, text = speak(actions)
    starts, heard = _number(said, state.decision, clock)
    return Timing(call, state.outcome, starts, heard, spoken, turns, transcript, [say.spoken for _, say in said])


def _event(turn: str, clock: Clock, ask: Ask, silence: Callable[[Ask], float]):
    if turn.startswith(KEY) or turn.startswith("dtmf:"):
        return Keys(turn.split(":", 1)[1]), 0.0
    if not turn.strip():
        return Silence(), silence(ask)
    return Speech(turn), clock.seconds(turn)


def _number(said: list[tuple[float, Say]], decision: dict | None, clock: Clock) -> tuple[float | None, float | None]:
    """When the decision's number is first heard: its first digit, and the end of that reading."""
    if not decision or not decision.get("number"):
        return None, None
    for start, say in said:
        for published in PUBLISHED.findall(say.text):
            digits = speak_phone_number(published)
            if digits in say.spoken and to_e164(published) == decision["number"]:
                begin, end = clock.span(say.spoken[:say.spoken.index(digits)], digits)
                return start + begin, start + end
    return None, None


def run(assistant: Assistant, calls: tuple[Call, ...], clock: Clock, silence: Callable[[Ask], float]) -> list[Timing]:
    return [time_call(assistant, call, clock, silence) for call in calls]
