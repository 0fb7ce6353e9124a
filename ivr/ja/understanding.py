"""Caller words to provider, problem, place, yes/no and commands: a pipeline of small stages with a trace.

    normalise -> find (words of the lexicon, words apart, kana chunks) -> weigh (negation, taking back,
    asking) -> names (providers, other organisations) -> decide (a problem per provider) -> place (abroad)
    -> model (only when the rules found no problem, or contest one) -> commands -> confirm policy

Each stage is a function of the `Turn` being understood; each records what it did as `Evidence` (which
words, which rule, which weight), and the `Understood` it ends with carries that trace (`ivr explain`).
No stage names a kind of problem: rules refer to the lexicon's data (ivr/ja/data/lexicon.yaml) and to
the catalogue's flags (urgent, abroad).

Helpers: vocabulary.py (the catalogue's and lexicon's words, and where they occur), finding.py (the find
stage), weighing.py (the weigh stage), clauses.py (negation, taking back, asking), names.py (other
organisations, which provider, abroad), deciding.py (the decide stage), fallback.py (the learned model),
commands.py (yes/no, commands, menu numbers).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core.language import Evidence, Understood
from .analysis import Token, normal
from .commands import NOTHING_MORE, PUTTING_ASIDE, adds_one_more, menu_choice, says_any, trouble_over, yes_no
from .dialect import standard
from .spelling import spelled
from .text import clean, katakana_speech, surface
from .vocabulary import Hit, Vocabulary, join_fragments, join_words

__all__ = ["Vocabulary", "understand", "menu_choice", "clean", "Turn"]


@dataclass
class Turn:
    """One caller turn on its way through the stages: each stage reads what earlier ones found."""
    text: str  # cleaned
    view: str  # folded surface, for commands and fuzzy names
    analysed: str  # what the analyser read (dialect rewritten, recogniser spaces gone)
    tokens: tuple[Token, ...] = ()
    order: list[int] = field(default_factory=list)  # positions of the tokens that matter
    hits: list[Hit] = field(default_factory=list)
    clauses: list[int] = field(default_factory=list)
    thought: set[int] = field(default_factory=set)  # clauses the caller takes back (〜と思ったけど), from the weigh stage
    corrected: set[tuple[int, int]] = field(default_factory=set)  # (clause, position): corrected before (あ、違う)
    card_request: bool = False  # a request of a card's with no company said in the turn (policy.general_request)
    hours_request: bool = False  # the number or hours asked, no company said in the turn (policy.general_request)
    trouble_told: bool = False  # a sentence of something, nothing of ours read in it, no other organisation's
    own_card: bool = False  # the request is of the caller's own card (a trip with it, it turned up): not off-topic
    providers: tuple[str, ...] = ()
    fuzzy: bool = False
    not_covered: tuple[str, ...] = ()
    problems: dict[str, str] = field(default_factory=dict)
    urgent: set[str] = field(default_factory=set)
    unsure: set[str] = field(default_factory=set)
    possibly_urgent: dict[str, str] = field(default_factory=dict)  # provider -> urgent problem heard too
    set_aside: dict[str, str] = field(default_factory=dict)  # problems given to another company named
    other_chosen: bool = False  # another company picked outright (〜のほうでした), none of ours named
    shop_only: bool = False  # every problem is one any shop's customer has, and no company is named
    near_names: list[str] = field(default_factory=list)  # providers a spotted name nearly reads as (アメエックス)
    off_topic: bool = False
    everyday_only: bool = False  # only everyday words were heard, nothing of ours named (給湯器にエラーが出て)
    about_another: str | None = None  # an institution or shop the request is about (歯医者, 区役所), none of ours
    impersonated: tuple[str, ...] = ()  # other companies a fake message or call only pretended to be
    places: tuple[str, ...] = ()  # providers named only as where a card was used or a charge came from (アマゾンの請求)
    no_account: tuple[str, ...] = ()  # shops of ours the caller has no account at (アマゾンのアカウント持ってない)
    weights: dict[str, dict[str, float]] = field(default_factory=dict)  # provider -> problem -> weight
    abroad: bool | None = None
    command: str | None = None
    trace: list[Evidence] = field(default_factory=list)

    def words(self, start: int, end: int) -> str:
        """The caller's words at content positions [start, end), as they were analysed."""
        if start >= end or end > len(self.order):
            return ""
        return self.analysed[self.tokens[self.order[start]].start:self.tokens[self.order[end - 1]].end]

    def lemmas(self, start: int, end: int) -> list[str]:
        """The lemmas at content positions [start, end)."""
        return [self.tokens[i].lemma for i in self.order[start:end]]

    def note(self, stage: str, rule: str, words: str = "", target: str = "", weight: float | None = None) -> None:
        self.trace.append(Evidence(stage, rule, words, target, None if weight is None else round(weight, 2)))

    @property
    def live(self) -> list[Hit]:
        return [h for h in self.hits if h.live]


def normalise(text: str) -> Turn | None:
    text = spelled(clean(text))
    view = surface(text)
    if not view:
        return None
    # Recognisers put spaces between words (届か ない): they carry no meaning between Japanese words.
    return Turn(text, view, standard(join_words(join_fragments(katakana_speech(normal(text))))))


def understand(text: str, vocabulary: Vocabulary, model=None) -> Understood:
    """What one caller turn says. `model` (ivr.ja.fallback) is the slow path, asked only when the rules find
    no problem or contest one."""
    from . import deciding, finding, names, weighing
    from .policy import a_story_opening, commands, confirm_policy, everyday_words_only, general_request

    turn = normalise(text)
    if turn is None:
        return Understood(clean(text))
    finding.find(turn, vocabulary)
    weighing.weigh(turn, vocabulary)
    names.name(turn, vocabulary)
    deciding.decide(turn, vocabulary)
    names.place(turn, vocabulary)
    commands(turn)
    everyday_words_only(turn, vocabulary)
    if model is not None and not turn.everyday_only:
        model.consult(turn, vocabulary)
    deciding.a_cards_own_delivery(turn, vocabulary)
    general_request(turn, vocabulary)
    confirm_policy(turn, vocabulary)
    yes = None if a_story_opening(turn.view) else yes_no(turn.view)
    return Understood(turn.text, turn.providers, turn.fuzzy, turn.not_covered, turn.problems,
                      frozenset(turn.urgent), turn.abroad, yes, turn.command,
                      unsure=frozenset(turn.unsure), choice=menu_choice(turn.view),
                      possibly_urgent=dict(turn.possibly_urgent), off_topic=turn.off_topic, trace=tuple(turn.trace),
                      set_aside=dict(turn.set_aside), no_guess=turn.shop_only,
                      general_if_named_before=turn.card_request or turn.hours_request,
                      nothing_more=says_any(turn.view, NOTHING_MORE), trouble_told=turn.trouble_told,
                      adds=adds_one_more(turn.view), places=turn.places, over=trouble_over(turn.view),
                      instead=says_any(turn.view, PUTTING_ASIDE))
