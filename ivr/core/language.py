"""The seam between the dialog and a language: what one caller turn meant, and what to say.

The dialog depends only on these protocols; `ivr.ja` provides Japanese. Another language would provide
its own `Language` without touching the dialog.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, Protocol

from .actions import Say
from .catalogue import Kind, Problem, Provider
from .routing import Decision

# general: the number or hours, no problem; wrong: 「違います」 to what the assistant said it understood; misdialled: a wrong number;
# mistaken: the caller says they got something wrong (a wrong number before anything was asked for, else a restart)
Command = Literal["repeat", "operator", "bye", "restart", "general", "wrong", "misdialled", "mistaken"]



@dataclass(frozen=True)
class Evidence:
    """One step of how a turn was understood: which stage, which rule, on which of the caller's words, for
    what, with which weight. A decision carries its evidence so it can be explained (`ivr explain`)."""
    stage: str  # find, weigh, names, decide, place, model, confirm, command
    rule: str  # the rule or data entry that applied (a lexicon word, "negated", "near", "model"...)
    words: str = ""  # the caller's words it applied to
    target: str = ""  # provider id, "provider/problem", a name, ...
    weight: float | None = None

    def __str__(self) -> str:
        weight = "" if self.weight is None else f" ({self.weight:g})"
        words = f" 「{self.words}」" if self.words else ""
        target = f" -> {self.target}" if self.target else ""
        return f"{self.stage:<8} {self.rule}{words}{target}{weight}"


@dataclass(frozen=True)
class Understood:
    """What one caller turn said, as far as the language can tell."""
    text: str
    providers: tuple[str, ...] = ()  # provider ids named, the one the request is about last
    fuzzy_provider: bool = False  # the provider was guessed from a near match: confirm it
    not_covered: tuple[str, ...] = ()  # names of services the catalogue does not cover
    problems: dict[str, str] = field(default_factory=dict)  # provider id -> best problem id
    urgent: frozenset[str] = frozenset()  # provider ids whose chosen problem is urgent
    abroad: bool | None = None  # True: the caller is abroad; False: said they are not; None: not said
    yes: bool | None = None
    command: Command | None = None
    unsure: frozenset[str] = frozenset()  # provider ids whose problem is a guess (weak or contested): confirm it
    choice: str | None = None  # a menu number said aloud ("2番で"): the same as pressing that key
    possibly_urgent: dict[str, str] = field(default_factory=dict)  # provider id -> an urgent problem heard too
    off_topic: bool = False  # a sentence about something this line does not handle (a dentist, a timetable)
    trace: tuple[Evidence, ...] = field(default=(), compare=False)  # how it was understood, stage by stage
    # Problems heard with another company named and none of ours (インスタの広告の激安サイトで買ったら…): that
    # company's, unless the call is already about one of ours.
    set_aside: dict[str, str] = field(default_factory=dict)
    no_guess: bool = False  # no company may be guessed from these problems alone (an order, a parcel: any shop's)
    # A request with no problem and no company in it (…カードの一時停止を解除してほしい): the general line of the
    # company the caller named before, if any; else nothing was understood.
    general_if_named_before: bool = False
    nothing_more: bool = False  # the caller has nothing else to ask (「いいえ、それだけです」): no refusal of the line
    trouble_told: bool = False  # a trouble told in words not understood, of no other organisation (同じもの二つ頼んじゃって)
    adds: bool = False  # the turn adds one more thing to what was said before (あと、それで再発行も): not instead of it
    # Providers named only in passing: where a card was used or a charge came from (アマゾンで使われた, アマゾンの
    # 請求), or whose matter is done (アマゾンの登録はもう変えた): a card named before keeps the call when it handles
    # the problem.
    places: tuple[str, ...] = ()
    over: bool = False  # the trouble told before is over: the card turned up, the charge was the caller's own
    instead: bool = False  # the turn puts aside what was asked before (やっぱりそれじゃなくて, それは後でいいです、先に…)

    @property
    def empty(self) -> bool:
        return not (self.providers or self.not_covered or self.problems or self.command or self.yes is not None
                    or self.choice)


class Script(Protocol):
    """Every sentence the assistant says, in one language."""
    greeting: str
    goodbye: str
    not_heard: str
    sms_sent: str
    sms_failed: str
    yes: str  # the word a caller says for yes (used by rehearsals that answer every question yes)
    no_such_key: str  # a key that is no choice of the menu just read
    cannot_continue: str  # a request that cannot go on (a broken or forged call state)
    sorry: str  # after the caller said the assistant got it wrong (いいえ, 違います)
    relieved: str  # the card turned up, or the charge was the caller's own, as the 24-hour line was to be dialled

    # Questions: open at first; `menu` reads the keypad menu (after a silence, or to a caller who uses the
    # keypad); `retry` (after a miss) says so and reads the menu; `page` is which problem menu (1 and on: behind その他);
    # `heard_problem`: the caller has said what is wrong, only the provider is missing.
    # `operator`: the caller asked for a person, who is reached once the provider is known.
    def ask_provider(self, retry: bool = False, menu: bool = False, heard_problem: bool = False,
                     operator: bool = False) -> Say: ...
    def ask_problem(self, provider: Provider, retry: bool = False, menu: bool = False, page: int = 0) -> Say: ...
    def ask_confirm(self, provider: Provider, problem: Problem | None, retry: bool = False) -> Say: ...
    def ask_sms(self, result: Decision, retry: bool = False) -> Say: ...
    def ask_urgent_after(self, provider: Provider, urgent: tuple[Problem, ...], retry: bool = False) -> Say: ...
    def ask_anything_else(self, retry: bool = False) -> Say: ...  # after an answer with no line to dial or text
    def unsupported(self, names: tuple[str, ...]) -> Say: ...
    def not_handled(self, provider: Provider, kind: Kind) -> str: ...  # this provider has no line for it
    def decision(self, result: Decision, now: dt.datetime) -> list[Say]: ...
    def dial_failed(self, result: Decision, status: str) -> list[Say]: ...
    def sms_body(self, result: Decision) -> str: ...
    def general_numbers(self, region: str = "domestic") -> list[Say]: ...  # one a sentence, as `region` dials
    def off_topic(self) -> Say: ...  # one sentence on what this line is for, before the choices


class Language(Protocol):
    script: Script
    hints: tuple[str, ...]  # phrases to bias a speech recogniser toward
    yes_no_hints: tuple[str, ...]

    def problem_hints(self, provider_id: str) -> tuple[str, ...]: ...  # once the provider is known

    def understand(self, text: str) -> Understood: ...
