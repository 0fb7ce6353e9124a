"""The conversation as a pure state machine: (state, caller input, now) -> (new state, actions).

The state is a small JSON-serialisable value, so a phone call's state can travel in a signed URL or
a database row and any worker can take the next turn. Nothing here reads the clock, a file or the
network: `now` and the catalogue are passed in.

Phases: provider -> problem -> (confirm) -> decision -> (sms) -> done.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from . import script
from .actions import Action, Ask, DialEnded, End, Input, Keys, SendSms, Speech, Transfer
from .catalogue import Catalogue
from .routing import Decision, can_receive_sms, caller_region, route
from .understanding import Understood, Vocabulary, understand

MAX_RETRIES = 2  # re-asks after no input or no match; the next miss gives the general line
LOW_CONFIDENCE = 0.45  # below this a recognised provider is confirmed before routing
YES_NO_HINTS = ("はい", "いいえ", "お願いします", "違います", "もう一度")


@dataclass
class State:
    phase: str = "provider"  # provider | problem | confirm | sms | transferring | done
    provider: str | None = None
    proposed: str | None = None  # provider awaiting a yes/no confirmation
    hints: dict[str, str] = field(default_factory=dict)  # provider id -> problem heard before the provider
    problem: str | None = None
    operator: bool = False
    abroad: bool = False
    caller: str | None = None  # E.164, for the region and SMS
    sms: bool = False  # the caller can be sent an SMS (a Japanese mobile, and the adapter can send)
    misses: int = 0
    decision: dict | None = None
    unsupported: bool = False  # the last thing decided was "not covered"
    ended_by: str | None = None  # "assistant" | "caller" once the call is over

    def to_dict(self) -> dict:
        """A compact JSON-ready copy: default values left out, containers copied."""
        values = ((f.name, getattr(self, f.name)) for f in dataclasses.fields(self))
        return {k: (dict(v) if isinstance(v, dict) else v) for k, v in values if v not in (None, False, 0, {}, "")}

    @classmethod
    def from_dict(cls, data: dict) -> "State":
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    @property
    def outcome(self) -> dict:
        """The call's result in the simulate/log shape."""
        if self.decision:
            d = self.decision
            return {"outcome": d["outcome"], "provider": d["provider"], "problem": d["problem"],
                    "number": d["number"], "open": d["open"]}
        if self.unsupported:
            return {"outcome": "unsupported", "provider": None, "problem": None, "number": None, "open": None}
        outcome = "hangup" if self.ended_by else "incomplete"
        return {"outcome": outcome, "provider": self.provider, "problem": self.problem, "number": None, "open": None}


class Assistant:
    """The brain shared by every adapter. Holds only immutable knowledge (catalogue, vocabulary)."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.vocabulary = Vocabulary(catalogue)
        self.hints = tuple(self.vocabulary.hints())

    # --- entry points --------------------------------------------------------------------------
    def start(self, now: dt.datetime, caller: str | None = None, sms: bool = True) -> tuple[State, list[Action]]:
        state = State(caller=caller, sms=sms and can_receive_sms(caller))
        return state, [script.Say(script.GREETING), *self._ask(state)]

    def step(self, state: State, event: Input, now: dt.datetime) -> tuple[State, list[Action]]:
        state = State.from_dict(state.to_dict())  # never mutate the caller's value
        if state.phase == "done":
            return state, [End()]
        if isinstance(event, DialEnded):
            return self._dial_ended(state, event.status, now)
        if isinstance(event, Keys):
            return self._keys(state, event.digits, now)
        if isinstance(event, Speech) and event.text.strip():
            heard = understand(event.text, self.vocabulary)
            return self._heard(state, heard, event.confidence, now)
        return self._miss(state, now)

    # --- caller input ------------------------------------------------------------------------------
    def _keys(self, state: State, digits: str, now: dt.datetime) -> tuple[State, list[Action]]:
        actions: list[Action] = []
        digits = "".join(d for d in digits if d in "0123456789*#")
        if not digits:
            return self._miss(state, now)
        for digit in digits:  # type-ahead: "12" answers this question and the next
            state, said = self._key(state, digit, now)
            actions += said
            if state.phase in ("done", "transferring"):
                break
        return state, actions

    def _key(self, state: State, digit: str, now: dt.datetime) -> tuple[State, list[Action]]:
        if digit == "*":
            return state, self._repeat(state, now)
        if digit == "0" and state.phase in ("provider", "problem"):
            return self._heard(state, Understood("", command="operator"), None, now)
        if state.phase == "provider":
            provider = self.catalogue.by_keypad(digit)
            if provider is None:
                return self._miss(state, now)
            return self._heard(state, Understood("", providers=(provider.id,)), None, now)
        if state.phase == "problem":
            problems = self.catalogue.provider(state.provider).problems
            if not digit.isdigit() or not 1 <= int(digit) <= len(problems):
                return self._miss(state, now)
            problem = problems[int(digit) - 1]
            heard = Understood("", problems={state.provider: problem.id})
            return self._heard(state, heard, None, now)
        if state.phase in ("confirm", "sms") and digit in "12":
            return self._heard(state, Understood("", yes=digit == "1"), None, now)
        return self._miss(state, now)

    def _heard(self, state: State, heard: Understood, confidence: float | None,
               now: dt.datetime) -> tuple[State, list[Action]]:
        if heard.command == "bye":
            return self._end(state, "caller", [script.Say(script.GOODBYE)])
        if heard.command == "repeat":
            return state, self._repeat(state, now)
        if state.phase == "sms":
            return self._sms_answer(state, heard, now)
        if state.phase == "confirm" and not heard.providers:
            if heard.yes is False:
                state.proposed, state.phase, state.misses = None, "provider", 0
                return state, self._ask(state)
            if heard.yes or heard.problems.get(state.proposed):
                state.provider, state.proposed = state.proposed, None
                state.hints.update(heard.problems)
                state.misses = 0
                return self._advance(state, now)
        if heard.abroad:
            state.abroad = True
        if heard.command == "operator":
            state.operator = True
        state.hints.update(heard.problems)
        if heard.providers:
            provider = heard.providers[-1]  # the last one named wins: "楽天…いや、アメックス"
            unsure = heard.fuzzy_provider or (confidence is not None and confidence < LOW_CONFIDENCE)
            if unsure and provider != state.provider:
                state.proposed, state.phase, state.misses = provider, "confirm", 0
                return state, self._ask(state)
            if provider != state.provider:
                state.problem = None
            state.provider, state.proposed, state.unsupported = provider, None, False
        elif heard.not_covered and state.phase in ("provider", "confirm"):
            state.provider, state.proposed, state.decision, state.unsupported = None, None, None, True
            state.phase, state.misses = "provider", 0
            return state, [script.unsupported(self.catalogue, heard.not_covered), *self._ask(state)]
        if not (heard.providers or heard.problems or heard.command):
            return self._miss(state, now)
        off_topic = state.phase == "problem" and not heard.providers and state.provider not in heard.problems
        if off_topic and not state.operator:  # a problem this provider does not handle
            return self._miss(state, now)
        state.misses = 0
        return self._advance(state, now)

    # --- moving the call on --------------------------------------------------------------------------
    def _advance(self, state: State, now: dt.datetime) -> tuple[State, list[Action]]:
        if state.provider is None:
            candidates = [pid for pid in state.hints if self.catalogue.provider(pid)]
            if len(candidates) == 1 and not state.operator:
                state.proposed, state.phase = candidates[0], "confirm"
            else:
                state.phase = "provider"
            return state, self._ask(state)
        if state.problem is None and state.provider in state.hints:
            state.problem = state.hints[state.provider]
        if state.problem is None and not state.operator:
            state.phase = "problem"
            return state, self._ask(state)
        return self._decide(state, now)

    def _decide(self, state: State, now: dt.datetime) -> tuple[State, list[Action]]:
        provider = self.catalogue.provider(state.provider)
        problem = provider.problem(state.problem) if not state.operator else None
        region = "abroad" if state.abroad else caller_region(state.caller)
        result = route(provider, problem, now, region)
        state.decision, state.unsupported, state.misses = result.as_dict(), False, 0
        actions: list[Action] = list(script.decision(self.catalogue, result, now))
        if result.outcome == "transfer":
            state.phase = "transferring"
            line = provider.line(result.line)
            return state, actions + [Transfer(line.dial_e164, line.id)]
        return self._offer_sms(state, actions)

    def _offer_sms(self, state: State, actions: list[Action]) -> tuple[State, list[Action]]:
        if state.sms:
            state.phase = "sms"
            return state, actions + self._ask(state)
        return self._end(state, "assistant", actions + [script.Say(script.GOODBYE)])

    def _sms_answer(self, state: State, heard: Understood, now: dt.datetime) -> tuple[State, list[Action]]:
        if heard.yes is None:
            return self._miss(state, now)
        if not heard.yes:
            return self._end(state, "assistant", [script.Say(script.GOODBYE)])
        body = script.sms_body(self.catalogue, Decision(**state.decision))
        return self._end(state, "assistant", [SendSms(state.caller, body, script.SMS_SENT, script.SMS_FAILED)])

    def _dial_ended(self, state: State, status: str, now: dt.datetime) -> tuple[State, list[Action]]:
        if state.decision is None or status == "completed":
            return self._end(state, "assistant", [])
        said = script.dial_failed(self.catalogue, Decision(**state.decision), status)
        return self._offer_sms(state, said)

    def _miss(self, state: State, now: dt.datetime) -> tuple[State, list[Action]]:
        state.misses += 1
        if state.misses <= MAX_RETRIES:
            return state, self._ask(state, retry=True)
        if state.phase == "sms":
            return self._end(state, "assistant", [script.Say(script.GOODBYE)])
        provider = state.provider or (state.proposed if state.phase == "confirm" else None)
        if provider is None:
            return self._end(state, "assistant", [script.Say(script.NOT_HEARD),
                                                  script.general_numbers(self.catalogue),
                                                  script.Say(script.GOODBYE)])
        state.provider, state.operator = provider, True
        return self._decide(state, now)

    def _end(self, state: State, by: str, actions: list[Action]) -> tuple[State, list[Action]]:
        state.phase, state.ended_by = "done", by
        return state, actions + [End()]

    # --- prompts ---------------------------------------------------------------------------------------
    def _ask(self, state: State, retry: bool = False) -> list[Action]:
        if state.phase == "provider":
            digits = tuple(p.keypad for p in self.catalogue.providers)
            return [script.ask_provider(self.catalogue, retry), Ask("provider", digits + ("0", "*"), self.hints)]
        if state.phase == "problem":
            provider = self.catalogue.provider(state.provider)
            digits = tuple(str(i) for i in range(1, len(provider.problems) + 1))
            return [script.ask_problem(provider, retry), Ask("problem", digits + ("0", "*"), self.hints)]
        if state.phase == "confirm":
            provider = self.catalogue.provider(state.proposed)
            problem = provider.problem(state.hints.get(state.proposed))
            return [script.ask_confirm(provider, problem, retry), Ask("yesno", ("1", "2", "*"), YES_NO_HINTS)]
        if state.phase == "sms":
            return [script.ask_sms(retry), Ask("yesno", ("1", "2", "*"), YES_NO_HINTS)]
        return []

    def _repeat(self, state: State, now: dt.datetime) -> list[Action]:
        if state.decision and state.phase == "sms":
            return list(script.decision(self.catalogue, Decision(**state.decision), now)) + self._ask(state)
        return self._ask(state)
