"""The conversation as a pure state machine: (state, caller input, now) -> (new state, actions).

The state is a small JSON-serialisable value, so a phone call's state can travel in a signed URL or
a database row and any worker can take the next turn. Nothing here reads the clock, a file or the
network: `now` and the catalogue are passed in.

Phases: provider -> problem -> (confirm) -> decision -> (sms) -> done.
The language (what the caller meant, every sentence said) is given to the Assistant, never imported.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
from dataclasses import dataclass, field
from typing import Literal

from . import keypad
from .actions import Action, Ask, Say, DialEnded, End, Input, Keys, SendSms, Speech, Transfer
from .catalogue import Catalogue
from .language import Language, Understood
from .routing import Decision, about_caller, route

MAX_RETRIES = 2  # re-asks after no input or no match; the next miss gives the general line
GENERAL = "-"  # State.routine when the caller was given the general line
LOW_CONFIDENCE = 0.45  # below this a recognised provider is confirmed before routing


class Phase(enum.StrEnum):
    PROVIDER = "provider"
    PROBLEM = "problem"
    CONFIRM = "confirm"  # is it this provider?
    CHECK = "check"  # is it this problem? (a guess from weak or contested evidence)
    SMS = "sms"
    AFTER = "after"  # a closed line's answer given: a loss or fraud can still reach the 24-hour line
    TRANSFERRING = "transferring"
    DONE = "done"


@dataclass
class State:
    phase: Phase = Phase.PROVIDER
    provider: str | None = None
    proposed: str | None = None  # provider awaiting a yes/no confirmation
    hints: dict[str, str] = field(default_factory=dict)  # provider id -> problem heard before the provider
    problem: str | None = None
    operator: bool = False
    abroad: bool = False
    region: Literal["domestic", "mobile", "abroad"] = "domestic"  # from the caller's number; never the number
    sms: bool = False  # the caller can be sent an SMS (a Japanese mobile, and the adapter can send)
    misses: int = 0
    decision: dict | None = None
    unsupported: bool = False  # the last thing decided was "not covered"
    elsewhere: bool = False  # told what this line is for after a call about something else, nothing ours since
    ended_by: Literal["assistant", "caller"] | None = None
    understood: bool = True  # whether the last caller turn could be used (for the log's "not understood")
    guesses: list[str] = field(default_factory=list)  # provider ids whose problem hint is a guess to confirm
    keypad: bool = False  # the caller has used the keypad: questions read their keypad menus straight away
    more: str | None = None  # the provider whose その他 problem menus are open
    page: int = 0  # which of its problem menus (1 = the first behind その他)
    menu_read: bool = False  # the last question read its keypad menu (「もう一度」 reads the same again)
    urgent_possible: dict[str, str] = field(default_factory=dict)  # provider -> urgent problem heard too
    others_urgent: dict[str, str] = field(default_factory=dict)  # another provider named -> its urgent problem
    routine: str | None = None  # the routine problem kept while the caller is asked about the urgent one
    decided_at: str | None = None  # when the decision was made (ISO): what was open then

    def to_dict(self) -> dict:
        """A compact JSON-ready copy: default values left out, containers copied."""
        values = ((name, getattr(self, name), default) for name, default in _defaults().items())
        return {k: (dict(v) if isinstance(v, dict) else list(v) if isinstance(v, list) else
                    str(v) if isinstance(v, enum.Enum) else v)
                for k, v, default in values if v != default}

    def copy(self) -> "State":
        """State.from_dict(self.to_dict()) without the round trip through a dict (a webhook's step makes one):
        the same values, each dict and list the copy's own, the phase a Phase."""
        clone = object.__new__(type(self))  # what copy.copy does for a dataclass, without its reduce protocol
        clone.__dict__.update({name: dict(value) if isinstance(value, dict) else
                               list(value) if isinstance(value, list) else value
                               for name, value in self.__dict__.items()})
        clone.phase = Phase(clone.phase)
        return clone

    @classmethod
    def from_dict(cls, data: dict) -> "State":
        names = _defaults().keys()
        state = cls(**{k: v for k, v in data.items() if k in names})
        state.phase = Phase(state.phase)
        return state

    @property
    def outcome(self) -> dict:
        """The call's result in the simulate/log shape."""
        if self.decision:
            d = self.decision
            if d["outcome"] == "info" and d["number"]:  # a FAX read out: no phone line is given
                return {"outcome": "info", "provider": d["provider"], "problem": d["problem"], "number": None,
                        "open": d["open"], "fax": d["number"]}
            return {"outcome": d["outcome"], "provider": d["provider"], "problem": d["problem"],
                    "number": d["number"], "open": d["open"]}
        if self.unsupported or self.elsewhere:
            return {"outcome": "unsupported", "provider": None, "problem": None, "number": None, "open": None}
        outcome = "hangup" if self.ended_by else "incomplete"
        return {"outcome": outcome, "provider": self.provider, "problem": self.problem, "number": None, "open": None}


def _region(state: State) -> str:
    """Where the caller is: abroad if they said so, otherwise what their number tells."""
    return "abroad" if state.abroad else state.region


def _the_general_line_again(state: State, heard: Understood) -> bool:
    """「いや、何かあったわけじゃなくて、普通の問い合わせの窓口が知りたいだけで」 before the general line's dial: the
    same line asked for again, not a refusal of it."""
    asked = heard.command == "general" or heard.general_if_named_before
    return asked and not heard.problems and state.decision is not None and state.decision.get("problem") is None


def _another_card_after_all(heard: Understood) -> bool:
    """The caller takes back the company and names another, not covered (違う、これJCBだ): not a word in passing."""
    return bool(heard.not_covered) and not heard.providers and (heard.command == "wrong" or heard.yes is False)


def _fresh(state: State) -> State:
    """A call started over: only what the call itself told is kept (region, SMS, abroad, keypad)."""
    return State(region=state.region, sms=state.sms, abroad=state.abroad, keypad=state.keypad)


def _default(f: dataclasses.Field):
    return f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default


@functools.cache
def _defaults() -> dict:
    """Each field of State and its default, read once (every webhook encodes and decodes a state)."""
    return {f.name: _default(f) for f in dataclasses.fields(State)}


class Assistant:
    """The brain shared by every adapter. Holds only immutable knowledge (catalogue, language)."""

    def __init__(self, catalogue: Catalogue, language: Language):
        self.catalogue = catalogue
        self.language = language
        self.script = language.script
        self.hints = language.hints

    # --- entry points --------------------------------------------------------------------------
    def start(self, now: dt.datetime, caller: str | None = None, sms: bool = True) -> tuple[State, list[Action]]:
        """A new call. The caller's number is used for what it tells (region, SMS) and not kept."""
        region, reachable_by_sms = about_caller(caller)
        state = State(region=region, sms=sms and reachable_by_sms)
        return state, [Say(self.script.greeting), *self._ask(state)]

    def step(self, state: State, event: Input, now: dt.datetime) -> tuple[State, list[Action]]:
        state = state.copy()  # never mutate the caller's value
        if state.phase == Phase.DONE:
            return state, [End()]
        state.understood = True
        if isinstance(event, DialEnded):
            return self._dial_ended(state, event.status, now)
        if state.phase == Phase.TRANSFERRING:
            return self._before_dial(state, event, now)
        if isinstance(event, Keys):
            return self._keys(state, event.digits, now)
        if isinstance(event, Speech) and event.text.strip():
            heard = self.language.understand(event.text)
            return self._heard(state, heard, event.confidence, now)
        return self._miss(state, now, silent=True)

    # --- caller input ------------------------------------------------------------------------------
    def _keys(self, state: State, digits: str, now: dt.datetime) -> tuple[State, list[Action]]:
        actions: list[Action] = []
        digits = "".join(d for d in digits if d in "0123456789*#")
        if not digits:
            return self._miss(state, now)
        state.keypad = True
        for index, digit in enumerate(digits):  # type-ahead: "12" answers this question and the next
            state, said = self._key(state, digit, now, typed_ahead=index > 0)
            if index + 1 < len(digits) and said and isinstance(said[-1], Ask):
                said = said[:-2]  # the next key already answers this question: its menu is not read
            actions += said
            if state.phase in (Phase.DONE, Phase.TRANSFERRING):
                break
        return state, actions

    def _key(self, state: State, digit: str, now: dt.datetime,
             typed_ahead: bool = False) -> tuple[State, list[Action]]:
        if digit == keypad.REPEAT:
            return state, self._repeat(state, now)
        if digit == keypad.RESTART and state.phase in (Phase.PROVIDER, Phase.PROBLEM, Phase.CONFIRM, Phase.CHECK):
            return self._restart(state)
        if digit == keypad.OPERATOR and state.phase in (Phase.PROVIDER, Phase.PROBLEM):
            return self._heard(state, Understood("", command="operator"), None, now)
        if state.phase == Phase.PROVIDER:
            provider = self.catalogue.by_keypad(digit)
            if provider is None:
                return self._miss(state, now, lead=self.script.no_such_key)
            return self._heard(state, Understood("", providers=(provider.id,)), None, now)
        if state.phase == Phase.PROBLEM:
            provider = self.catalogue.provider(state.provider)
            page = state.page if state.more == provider.id else 0
            if typed_ahead and not page:  # 「19」: keys from the full list, pressed before any menu was read
                problem = keypad.problem_in_full_list(provider, digit)
                if problem is not None:
                    return self._heard(state, Understood("", problems={state.provider: problem.id}), None, now)
            if keypad.opens_more(provider, digit, page):
                state.more, state.page, state.misses = provider.id, page + 1, 0
                return state, self._ask(state)
            problem = keypad.problem_for_key(provider, digit, page)
            if problem is None:
                return self._miss(state, now, lead=self.script.no_such_key)
            heard = Understood("", problems={state.provider: problem.id})
            return self._heard(state, heard, None, now)
        if state.phase == Phase.AFTER and digit in (keypad.YES, keypad.NO):
            return self._after_answer(state, digit == keypad.YES, now)  # the key the offer names
        if state.phase in (Phase.CONFIRM, Phase.CHECK, Phase.SMS) and digit in (keypad.YES, keypad.NO):
            return self._heard(state, Understood("", yes=digit == keypad.YES), None, now)
        return self._miss(state, now, lead=self.script.no_such_key)

    def _restart(self, state: State) -> tuple[State, list[Action]]:
        """Start over from the first question, keeping only what the call itself told (region, SMS, keypad)."""
        fresh = _fresh(state)
        return fresh, self._ask(fresh, menu=True)

    def _before_dial(self, state: State, event: Input, now: dt.datetime) -> tuple[State, list[Action]]:
        """The caller spoke in the moment before the transfer: 「違います」 (or いいえ) asks the question again;
        another company or another problem named routes again (「あ、アメックスのほうでした」); anything else lets
        the transfer go ahead, to the same catalogue line."""
        if isinstance(event, Speech) and event.text.strip():
            heard = self.language.understand(event.text)
            # 「いいえ、日本にいます」, 「いいえ、それだけです」: where the caller is, or that nothing else is asked
            answered = heard.abroad is False or heard.nothing_more or _the_general_line_again(state, heard)
            if _another_card_after_all(heard):  # 「あ、違う、これJCBだ。アメックスじゃなかった」
                return self._heard(self._reopened(state), heard, event.confidence, now)
            if heard.over and self._urgent_decided(state):  # 「あ、あった、鞄の底にありました」: no loss to report
                return self._trouble_over(state, heard, event.confidence, now)
            if heard.command == "wrong" or heard.yes is False and not (heard.problems or answered) and (
                    not heard.providers or heard.providers[-1] == state.provider):  # (「いや、それは…の話か。楽天カードのほうは…」)
                return self._ask_again(state)
            if self._changes_the_request(state, heard):
                return self._heard(self._reopened(state), heard, event.confidence, now)
            if heard.abroad and not state.abroad:  # 「いま日本じゃなくて、ケアンズにいます」: the line from abroad
                state.abroad = True
                if self._another_line_from_abroad(state, now):
                    return self._decide(state, now)
        line = self.catalogue.provider(state.provider).line(state.decision["line"])
        return state, [Transfer(line.dial_e164, line.id)]

    def _another_line_from_abroad(self, state: State, now: dt.datetime) -> bool:
        provider = self.catalogue.provider(state.provider)
        problem = provider.problem(state.decision["problem"])
        return route(provider, problem, now, _region(state)).line != state.decision["line"]

    def _ask_again(self, state: State, lead: str | None = None) -> tuple[State, list[Action]]:
        """「違います」 after a decision: the provider stays, the problem is asked again."""
        state.decision, state.problem, state.operator, state.misses = None, None, False, 0
        state.hints.pop(state.provider, None)
        state.phase = Phase.PROBLEM if state.provider else Phase.PROVIDER
        return state, [Say(lead or self.script.sorry), *self._ask(state)]

    def _heard(self, state: State, heard: Understood, confidence: float | None,
               now: dt.datetime) -> tuple[State, list[Action]]:
        """A caller's words: a command first, then an answer to the question asked, then a request."""
        for handle in (self._command, self._answer):
            state, actions = handle(state, heard, now)
            if actions is not None:
                return state, actions
        return self._request(state, heard, confidence, now)

    def _command(self, state: State, heard: Understood, now: dt.datetime) -> tuple[State, list[Action] | None]:
        new = bool(heard.providers or heard.problems or heard.not_covered)
        if heard.command == "bye":
            return self._end(state, "caller", [Say(self.script.goodbye)])
        if heard.command == "mistaken":  # 間違えました: before anything was asked for, a wrong number; after, said wrong
            first = state.phase == Phase.PROVIDER and state.provider is None and not (state.decision or state.hints)
            heard = dataclasses.replace(heard, command="misdialled" if first else "restart")
        if heard.command == "misdialled" and not state.decision and state.provider is None:
            state.elsewhere = True  # a wrong number: not a call for this line
            return self._end(state, "caller", [self.script.off_topic(), Say(self.script.goodbye)])
        if heard.command == "misdialled":  # 間違えました once a company is chosen: said wrong, so asked again
            heard = dataclasses.replace(heard, command="restart")
        if heard.command == "repeat":
            return state, self._repeat(state, now)
        if heard.command == "restart" and state.phase != Phase.SMS:
            state, asked = self._restart(state)
            return state, (None if new else asked)  # with a new request said at once, it is heard now
        if heard.choice and not new:
            return self._keys(state, heard.choice, now)
        if heard.command == "wrong" and not (heard.providers or heard.problems):
            if state.decision:
                return self._ask_again(state)
            if state.phase == Phase.PROBLEM:  # 「アマゾンですね」 「違います」: the provider was misheard
                fresh = _fresh(state)
                return fresh, [Say(self.script.sorry), *self._ask(fresh)]
        return state, None

    def _answer(self, state: State, heard: Understood, now: dt.datetime) -> tuple[State, list[Action] | None]:
        """An answer to the question of the phase, if the words are one."""
        if state.phase in (Phase.SMS, Phase.AFTER) and _another_card_after_all(heard):
            return self._reopened(state), None  # 「これJCBだ。楽天カードじゃなかった」: the answer was for another card
        if state.phase == Phase.AFTER and not self._urgent_offer(state)[1] and not self._another_request(state, heard):
            return self._end(state, "assistant", [Say(self.script.goodbye)])  # more said of the matter answered
        if state.phase in (Phase.SMS, Phase.AFTER) and (heard.providers or heard.problems):
            if set(heard.providers) == {state.provider} and not (heard.problems or heard.not_covered or heard.command):
                return state, self._repeat(state, now)  # 「さっきも言いましたけど、アメックスです」: the answer again
            return self._reopened(state), None  # 「いや、やっぱりカードをなくした」 after the answer: a new request
        if state.phase == Phase.SMS:
            return self._sms_answer(state, heard, now)
        if state.phase == Phase.AFTER:
            # A bare spoken はい to "1 or tell us, for a loss or fraud" is thanks when nothing urgent was heard in the
            # call (限度額 asked, the line closed: はい、それでお願いします); 1, or the problem said, takes the line.
            taken = heard.choice == keypad.YES or bool(heard.yes and state.urgent_possible)
            return self._after_answer(state, taken, now)
        if state.phase == Phase.CHECK and not heard.providers and heard.yes is not None:
            return self._check_answer(state, heard.yes, now)
        if state.phase == Phase.CONFIRM and not heard.providers:
            if heard.yes is False:
                state.proposed, state.phase, state.misses = None, Phase.PROVIDER, 0
                return state, [Say(self.script.sorry), *self._ask(state)]
            if heard.yes or heard.problems.get(state.proposed):
                state.provider, state.proposed = state.proposed, None
                state.hints.update(heard.problems)
                state.misses = 0
                return self._advance(state, now)
        return state, None

    def _another_request(self, state: State, heard: Understood) -> bool:
        """After an answer with no line: a request said as one more thing or instead (あと…, やっぱりそれじゃなくて…),
        or of another company; not more words on the matter answered (アマゾンで頼んだやつのことで)."""
        other = bool(heard.providers) and heard.providers[-1] != state.decision["provider"]
        return bool(heard.problems or heard.providers) and (heard.instead or heard.adds or other)

    def _check_answer(self, state: State, yes: bool, now: dt.datetime) -> tuple[State, list[Action]]:
        """「紛失・盗難のご相談でよろしいですか」: yes decides it; no falls back to the routine problem kept, or asks."""
        state.guesses, state.misses = [], 0
        if yes:
            return self._decide(state, now)
        if state.routine:  # not the urgent problem after all: the routine one (or the general line), closed
            general = state.routine == GENERAL
            state.problem = None if general else state.routine
            state.operator, state.routine, state.urgent_possible = general, None, {}
            return self._decide(state, now)
        state.problem, state.phase = None, Phase.PROBLEM
        state.hints.pop(state.provider, None)
        return state, [Say(self.script.sorry), *self._ask(state)]

    @staticmethod
    def _only_where_the_card_was_used(state: State, heard: Understood) -> bool:
        """Every provider named is only where the card named before was used (アマゾンの請求に覚えがない), and that
        card handles the problem heard, or was another company's: the call stays the card's."""
        card_before = (state.provider in heard.problems or not heard.problems) if state.provider else state.unsupported
        # (PayPayカード, then…; 楽天カード, then アマゾンのアカウントは持ってない: nothing asked of the shop)
        return set(heard.providers) <= set(heard.places) and state.provider not in heard.providers and card_before

    def _added(self, state: State, heard: Understood) -> dict[str, str]:
        """The problems heard, but a routine one added to an urgent one told before (あと、再発行も), or said in the
        answer to which card (「楽天カードです、明細はいつもアプリで」 after a loss) stays second: the urgent one is seen
        to first, unless the caller says no (いえ、暗証番号を忘れただけでした)."""
        answering = state.phase == Phase.PROVIDER and heard.providers and heard.yes is not False
        if not (heard.adds or answering):
            return heard.problems
        kept = {}
        for provider_id, problem_id in heard.problems.items():
            provider, before = self.catalogue.provider(provider_id), state.hints.get(provider_id)
            earlier, now = provider.problem(before), provider.problem(problem_id)
            urgent_first = earlier is not None and earlier.urgent and now is not None and not now.urgent
            kept[provider_id] = before if urgent_first else problem_id
        return kept

    def _request(self, state: State, heard: Understood, confidence: float | None,
                 now: dt.datetime) -> tuple[State, list[Action]]:
        """What the caller asks for: a company, a problem, a person or the general line."""
        if heard.abroad:
            state.abroad = True
        if state.phase == Phase.PROBLEM and not heard.providers and state.provider in heard.set_aside:
            heard = dataclasses.replace(heard, problems=dict(heard.set_aside), not_covered=())  # ours, named before
        if heard.general_if_named_before and not (heard.command or heard.problems or heard.providers):
            if state.provider is not None:
                heard = dataclasses.replace(heard, command="general", off_topic=False)
            elif not heard.off_topic:  # 海外で使うって伝えたほうがいい? before the company: its general line, once named
                state.operator, state.phase, state.misses = True, Phase.PROVIDER, 0
                return state, self._ask(state)
        if heard.command in ("operator", "general") and not self._no_line_for(state, heard):
            state.operator = True  # a person, or just the number and hours: the general line
        elif heard.problems and self._no_line_for(state, heard):
            state.operator = False  # a person asked for before, then a matter no line handles: where its help is
        if heard.providers or heard.problems or heard.not_covered:
            state.elsewhere = False
        for provider_id in set(heard.problems) - heard.unsure - heard.urgent - set(heard.possibly_urgent):
            state.urgent_possible.pop(provider_id, None)  # a routine problem said plainly since: no urgency guessed
        if heard.command == "general" and not (heard.problems or heard.possibly_urgent) and state.provider:
            state.urgent_possible.pop(state.provider, None)  # only the number or the general line asked for since
        state.urgent_possible.update(heard.possibly_urgent)
        state.hints.update(self._added(state, heard))
        self._note_others_urgent(state, heard)
        if state.phase == Phase.CHECK and state.provider in heard.problems:
            state.problem = None  # 「紛失・盗難のご相談でよろしいですか」「引き落とし日を…」: the matter said, not the guess
        # a guess not heard again stays a guess (両方持ってる: a loss guessed for both; 楽天カードの方: still to confirm)
        state.guesses = sorted(set(state.guesses) - set(heard.problems) | heard.unsure & set(heard.problems))
        if heard.providers and self._only_where_the_card_was_used(state, heard):
            heard = dataclasses.replace(heard, providers=())  # 楽天カード, then アマゾンで知らない請求が: the card's
        if heard.providers:
            provider = heard.providers[-1]  # the last one named wins: "楽天…いや、アメックス"
            unsure = heard.fuzzy_provider or (confidence is not None and confidence < LOW_CONFIDENCE)
            if unsure and provider != state.provider:
                state.proposed, state.phase, state.misses = provider, Phase.CONFIRM, 0
                return state, self._ask(state)
            if provider != state.provider:
                state.problem = None
            state.provider, state.proposed, state.unsupported = provider, None, False
        elif heard.not_covered and (state.phase in (Phase.PROVIDER, Phase.CONFIRM) or (
                state.phase == Phase.PROBLEM and not heard.problems)):  # 「あ、違った、イオンカードだった」
            state.provider, state.proposed, state.decision, state.unsupported = None, None, None, True
            # Their problem was with another company: never propose ours; but if the caller names one of ours next
            # (免許証もカードも…, then 楽天カード), what they said of it is kept.
            state.hints, state.guesses = dict(heard.set_aside), []
            state.phase, state.misses = Phase.PROVIDER, 0
            return state, [self.script.unsupported(heard.not_covered), *self._ask(state)]
        if heard.trouble_told and state.phase == Phase.PROBLEM and self.catalogue.provider(state.provider).one_line:
            state.operator = True  # a trouble told in words not understood: the provider's only line takes every one
            return self._decide(state, now)
        if not (heard.providers or heard.problems or heard.command):
            return self._miss(state, now, off_topic=heard.off_topic)
        if heard.providers and heard.not_covered and not (heard.problems or heard.command or heard.possibly_urgent):
            # ネットフリックスの解約を…支払いは楽天カード: the business is the other's, ours only named with it. Said
            # so; anything the caller wants of ours is still asked for (and then decides the call).
            state.unsupported, state.phase, state.misses = True, Phase.PROBLEM, 0
            return state, [self.script.unsupported(heard.not_covered), *self._ask(state)]
        # a problem this provider does not handle, asked of it now or named with it (アマゾンで暗証番号を…)
        off_topic = (state.phase == Phase.PROBLEM or heard.providers) and heard.problems \
            and state.provider not in heard.problems
        named_before = [p for p in state.others_urgent if p in heard.problems]
        if off_topic and named_before and not heard.providers:  # 「カードを止めたい」: the card named with it
            state.provider, state.problem = named_before[0], None
            off_topic = False
        if off_topic and state.provider in heard.possibly_urgent:  # 領収書ももらってなくて… and a loss possible:
            state.hints[state.provider] = heard.possibly_urgent[state.provider]  # asked, not "not handled"
            state.guesses, off_topic = [state.provider], False
        if off_topic and not state.operator:  # a problem this provider does not handle: say so, not "unheard"
            state.phase = Phase.PROBLEM  # the provider is known: what else can it do for the caller?
            provider = self.catalogue.provider(state.provider)
            kind = self.catalogue.kind(next(iter(heard.problems.values()), None))
            return self._miss(state, now, lead=self.script.not_handled(provider, kind) if kind else None)
        state.misses = 0
        return self._advance(state, now, guess=not heard.no_guess)

    def _no_line_for(self, state: State, heard: Understood) -> bool:
        """出品者のサポートにつないでほしい: what is asked for has no phone line (its help is elsewhere), so no person
        on the general line is put in its place."""
        provider = self.catalogue.provider(heard.providers[-1] if heard.providers else state.provider)
        problem = provider.problem(heard.problems.get(provider.id)) if provider else None
        return problem is not None and not problem.lines

    # --- moving the call on --------------------------------------------------------------------------
    def _advance(self, state: State, now: dt.datetime, guess: bool = True) -> tuple[State, list[Action]]:
        if state.provider is None:
            candidates = [pid for pid in state.hints if self.catalogue.provider(pid)]
            if guess and len(candidates) == 1 and not state.operator and not state.unsupported:  # never after 「ヨドバシ」
                state.proposed, state.phase = candidates[0], Phase.CONFIRM
            else:
                state.phase = Phase.PROVIDER
            return state, self._ask(state)
        if state.problem is None and state.provider in state.hints:
            state.problem = state.hints[state.provider]
            if state.provider in state.guesses:  # weak or contested: ask rather than guess
                state.phase = Phase.CHECK
                return state, self._ask(state)
        if state.problem is None and not state.operator:
            state.phase = Phase.PROBLEM
            return state, self._ask(state)
        return self._decide(state, now)

    def _decide(self, state: State, now: dt.datetime) -> tuple[State, list[Action]]:
        provider = self.catalogue.provider(state.provider)
        problem = provider.problem(state.problem)
        if state.operator and not (problem is not None and problem.urgent):
            problem = None  # a person at the general line; but an urgent problem's own lines have people too
        result = route(provider, problem, now, _region(state))
        urgent = self._urgent_instead(state, provider, problem, result, now)
        if urgent is not None:  # a loss or fraud is possible and this line is closed: ask, then the 24-hour line
            state.routine = problem.id if problem is not None else GENERAL
            state.problem, state.operator, state.phase = urgent.id, False, Phase.CHECK
            return state, self._ask(state)
        state.decision, state.unsupported, state.misses = result.as_dict(), False, 0
        state.decided_at = now.isoformat()
        actions: list[Action] = list(self.script.decision(result, now))
        if result.outcome == "transfer":
            state.phase = Phase.TRANSFERRING
            line = provider.line(result.line)
            return state, actions + [Transfer(line.dial_e164, line.id)]
        return self._offer_sms(state, actions)

    def _urgent_instead(self, state: State, provider, problem, result: Decision, now: dt.datetime):
        """The urgent problem also heard, when the routine one's line is closed and the urgent one would reach an
        open 24-hour line; asked once."""
        if result.outcome != "closed" or (problem is not None and problem.urgent) or state.routine is not None:
            return None
        urgent = provider.problem(state.urgent_possible.get(provider.id))
        if urgent is None or route(provider, urgent, now, _region(state)).outcome != "transfer":
            return None
        return urgent

    def _offer_sms(self, state: State, actions: list[Action]) -> tuple[State, list[Action]]:
        if state.sms and self._worth_texting(Decision(**state.decision)):
            state.phase = Phase.SMS
            return state, actions + self._ask(state)
        if self._urgent_offer(state)[1] or state.decision["outcome"] == "info":
            state.phase = Phase.AFTER  # (an answer with no line: the caller may have more to ask)
            return state, actions + self._ask(state)
        return self._end(state, "assistant", actions + [Say(self.script.goodbye)])

    def _urgent_offer(self, state: State) -> tuple:
        """After a closed line's answer: the urgent problems whose 24-hour line is open now, and their provider.
        The provider's own, after a routine problem; else those of another provider the caller named with an
        urgent problem of its own (Amazon's account taken over and the 楽天カード on it used: Amazon's line is
        closed, the card's 24-hour line open)."""
        decision = Decision(**state.decision)
        if decision.outcome != "closed" or not state.decided_at:
            return None, ()
        now, region = dt.datetime.fromisoformat(state.decided_at), _region(state)
        provider = self.catalogue.provider(decision.provider)
        problem = provider.problem(decision.problem)
        if not (problem is not None and problem.urgent):
            own = tuple(p for p in provider.problems if p.urgent and route(provider, p, now, region).outcome == "transfer")
            if own:
                return provider, own
        for other_id, problem_id in state.others_urgent.items():
            other = self.catalogue.provider(other_id)
            urgent = other.problem(problem_id) if other and other_id != provider.id else None
            if urgent is not None and route(other, urgent, now, region).outcome == "transfer":
                return other, (urgent,)
        return None, ()

    def _note_others_urgent(self, state: State, heard: Understood) -> None:
        """Each provider named in the turn with an urgent problem of its own, kept in case the one the request
        is about has its line closed."""
        for provider_id in heard.providers:
            provider = self.catalogue.provider(provider_id)
            for problem_id in (heard.problems.get(provider_id), heard.possibly_urgent.get(provider_id)):
                problem = provider.problem(problem_id) if provider else None
                if problem is not None and problem.urgent:
                    state.others_urgent[provider_id] = problem_id
                    break

    def _urgent_decided(self, state: State) -> bool:
        problem = self.catalogue.provider(state.provider).problem(state.decision.get("problem"))
        return problem is not None and problem.urgent

    def _trouble_over(self, state: State, heard: Understood, confidence: float | None,
                      now: dt.datetime) -> tuple[State, list[Action]]:
        """The card turned up, or the charge was the caller's own, as the loss or fraud line was about to be dialled:
        no transfer; a routine problem said with it is answered, else the problem is asked again."""
        routine = {pid: kind for pid, kind in heard.problems.items()
                   if not self.catalogue.provider(pid).problem(kind).urgent}
        if routine.get(state.provider):
            calm = dataclasses.replace(heard, problems=routine, urgent=frozenset(), possibly_urgent={})
            return self._heard(self._reopened(state), calm, confidence, now)
        return self._ask_again(state, self.script.relieved)

    def _changes_the_request(self, state: State, heard: Understood) -> bool:
        """Another company than the decision's, or another problem of its company, named outright."""
        provider = heard.providers[-1] if heard.providers else state.provider
        problem = heard.problems.get(provider)
        return provider != state.provider or (problem is not None and problem != state.decision["problem"]
                                              and provider not in heard.unsure)

    def _reopened(self, state: State) -> State:
        """A new request after the answer: the provider stays, what was decided is put aside."""
        state.decision, state.problem, state.operator, state.misses = None, None, False, 0
        state.routine, state.urgent_possible = None, {}
        state.phase = Phase.PROBLEM if state.provider else Phase.PROVIDER
        return state

    def _after_answer(self, state: State, yes: bool | None, now: dt.datetime) -> tuple[State, list[Action]]:
        """Yes (or 1): the first urgent problem's 24-hour line; anything else: goodbye."""
        provider, urgent = self._urgent_offer(state)
        if yes and urgent:
            state = self._reopened(state)
            state.provider, state.problem = provider.id, urgent[0].id
            return self._decide(state, now)
        return self._end(state, "assistant", [Say(self.script.goodbye)])

    def _worth_texting(self, decision: Decision) -> bool:
        """A number to keep, or at least a channel and how to use it; never an empty message."""
        problem = self.catalogue.provider(decision.provider).problem(decision.problem)
        return bool(decision.line or (problem and problem.channels))

    def _sms_answer(self, state: State, heard: Understood, now: dt.datetime) -> tuple[State, list[Action]]:
        if heard.yes is None:
            return self._miss(state, now)
        if not heard.yes:
            return self._end(state, "assistant", [Say(self.script.goodbye)])
        body = self.script.sms_body(Decision(**state.decision))
        return self._end(state, "assistant", [SendSms(body, self.script.sms_sent, self.script.sms_failed)])

    def _dial_ended(self, state: State, status: str, now: dt.datetime) -> tuple[State, list[Action]]:
        if state.decision is None or status == "completed":
            return self._end(state, "assistant", [])
        said = self.script.dial_failed(Decision(**state.decision), status)
        return self._offer_sms(state, said)

    def _miss(self, state: State, now: dt.datetime, silent: bool = False,
              lead: str | None = None, off_topic: bool = False) -> tuple[State, list[Action]]:
        """A turn that moved nothing on. `lead` says why when nothing was misheard (a key with no choice, a
        problem this provider does not handle); otherwise a miss says it was not heard, a silence says nothing."""
        if state.phase == Phase.AFTER:  # the answer was given: nothing more to ask
            return self._end(state, "assistant", [Say(self.script.goodbye)])
        state.misses += 1
        state.understood = False
        if off_topic and state.misses <= MAX_RETRIES:  # not misheard: say what this line is for, then the choices
            state.elsewhere = state.provider is None
            return state, [self.script.off_topic(), *self._ask(state, menu=True)]
        if state.misses <= MAX_RETRIES:  # a silence brings the keypad menu; a miss says so, then the menu
            if lead:
                return state, [Say(lead), *self._ask(state, menu=True)]
            return state, self._ask(state, retry=not silent, menu=True)
        if state.phase == Phase.SMS:
            return self._end(state, "assistant", [Say(self.script.goodbye)])
        provider = state.provider or (state.proposed if state.phase == Phase.CONFIRM else None)
        if provider is None:  # the last word was about something else: say what this line is for, not "unheard"
            state.elsewhere = off_topic
            return self._end(state, "assistant", [self.script.off_topic() if off_topic else Say(self.script.not_heard),
                                                  *self.script.general_numbers(_region(state)),
                                                  Say(self.script.goodbye)])
        state.provider, state.operator = provider, True
        return self._decide(state, now)

    def _end(self, state: State, by: str, actions: list[Action]) -> tuple[State, list[Action]]:
        state.phase, state.ended_by = Phase.DONE, by
        return state, actions + [End()]

    # --- prompts ---------------------------------------------------------------------------------------
    def _ask(self, state: State, retry: bool = False, menu: bool = False) -> list[Action]:
        """The question of the phase: open at first, with its keypad menu after a silence or a miss, or
        straight away to a caller who uses the keypad."""
        menu = menu or retry or state.keypad
        state.menu_read = menu
        commands = (keypad.OPERATOR, keypad.REPEAT, keypad.RESTART)
        if state.phase == Phase.PROVIDER:
            digits = tuple(digit for digit, _ in keypad.provider_menu(self.catalogue))
            ask = self.script.ask_provider(retry, menu, heard_problem=bool(state.hints) or state.unsupported,
                                           operator=state.operator)
            return [ask, Ask("provider", digits + commands, self.hints, menu_on_silence=not menu)]
        if state.phase == Phase.PROBLEM:
            provider = self.catalogue.provider(state.provider)
            page = state.page if state.more == provider.id else 0
            digits = keypad.problem_keys(provider, page)
            ask = self.script.ask_problem(provider, retry, menu, page)
            hints = self.language.problem_hints(provider.id)
            return [ask, Ask("problem", digits + commands, hints, menu_on_silence=not menu)]
        yes_no = (keypad.YES, keypad.NO, keypad.REPEAT)
        if state.phase == Phase.CONFIRM:
            provider = self.catalogue.provider(state.proposed)
            problem = provider.problem(state.hints.get(state.proposed))
            ask = self.script.ask_confirm(provider, problem, retry)
            return [ask, Ask("yesno", yes_no + (keypad.RESTART,), self.language.yes_no_hints)]
        if state.phase == Phase.CHECK:
            provider = self.catalogue.provider(state.provider)
            ask = self.script.ask_confirm(provider, provider.problem(state.problem), retry)
            return [ask, Ask("yesno", yes_no + (keypad.RESTART,), self.language.yes_no_hints)]
        if state.phase == Phase.SMS:
            ask = self.script.ask_sms(Decision(**state.decision), retry)
            return [ask, Ask("yesno", yes_no, self.language.yes_no_hints)]
        if state.phase == Phase.AFTER:
            provider, urgent = self._urgent_offer(state)
            if not urgent:
                hints = self.language.problem_hints(state.provider) if state.provider else self.hints
                return [self.script.ask_anything_else(retry), Ask("anything", (keypad.REPEAT,), hints)]
            ask = self.script.ask_urgent_after(provider, urgent, retry)
            return [ask, Ask("anything", yes_no, self.language.problem_hints(provider.id))]
        return []

    def _repeat(self, state: State, now: dt.datetime) -> list[Action]:
        if state.decision and state.phase in (Phase.SMS, Phase.AFTER):
            return list(self.script.decision(Decision(**state.decision), now)) + self._ask(state)
        return self._ask(state, menu=state.menu_read)
