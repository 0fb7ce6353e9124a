"""The slow path: a small learned model for turns the rules cannot settle.

Where word lists end (更新のカードがいつまで待っても来ない, 上着ごと居酒屋に置いてきた), a linear model over the
turn's character n-grams says which kind of problem the turn is most like. It was trained (bench/fallback.py
train, with scikit-learn: TF-IDF of character 1-3-grams, multinomial logistic regression) from the example
sentences of examples.yaml and the labelled turns of the tuning corpus (training.tsv), and ships as
data/fallback.npz: the n-grams, their IDF and the weights. Running it needs numpy only, so a worker does not
import scikit-learn (1.3 s) and the model costs well under a millisecond a turn.

It runs only when the rules find no problem, or contest one (an urgent and a routine reading nearly tied).
What it alone supports is confirmed with the caller before any transfer; an urgent kind it finds merely
likely keeps the 24-hour line open to the caller at night.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from .analysis import fold, normal
from .clauses import NOTHING_AT_RISK, SAFE_CARDS, STOPPING, stops_other_things
from .lexicon import lexicon

# Chosen from the model's 5-fold cross-validated predictions (bench/fallback.py measure): at 0.8 nine proposals
# in ten are right, and each is confirmed with the caller; below it, proposals are mostly words in passing.
ACCEPT = 0.8  # the model alone proposes a kind at this probability or more (the caller then confirms)
ACCEPT_URGENT = 0.6  # an urgent kind sooner: a loss or fraud read as nothing is the worst miss (and is confirmed)
SETTLE = 0.6  # between contested readings, the model's choice at this probability or more
URGENT_POSSIBLE = 0.4  # an urgent kind this likely is offered (confirmed) when the caller's line is closed
SECOND_OPINION = 0.5  # over a routine problem the rules read, an urgent reading this likely is kept in reach
NONE = "none"  # the class of turns that name no problem (a name, a greeting, a call for something else)
MODEL_FILE = "fallback.npz"
MIN_CHARS = 4  # shorter turns (はい, 楽天) are left to the rules
_DROP = re.compile(r"[\s、。,.!?！？「」・ー〜~…]+")


def features(text: str) -> list[str]:
    """Character 1-3-grams of the folded text, with its start and end marked: the same at training and here."""
    folded = "^" + _DROP.sub("", fold(normal(text))) + "$"
    grams = [folded[i:i + n] for n in (1, 2, 3) for i in range(len(folded) - n + 1)]
    return [g for g in grams if g not in ("^", "$")]


@dataclass(frozen=True)
class Guess:
    kind: str
    probability: float
    ranked: tuple[tuple[str, float], ...]  # every class, most likely first

    def probability_of(self, kind: str) -> float:
        return dict(self.ranked).get(kind, 0.0)


class Model:
    """The shipped linear model: n-gram index, IDF, weights and biases."""

    def __init__(self, grams: list[str], idf: np.ndarray, weights: np.ndarray, bias: np.ndarray,
                 classes: list[str]):
        self.index = {str(gram): i for i, gram in enumerate(grams)}
        self.idf, self.weights, self.bias = idf, weights.astype(np.float32), bias
        self.classes = [str(c) for c in classes]

    @classmethod
    def load(cls, path: Path | None = None) -> "Model":
        source = path or resources.files(__package__) / "data" / MODEL_FILE
        data = np.load(io.BytesIO(source.read_bytes()), allow_pickle=False)
        return cls(list(data["grams"]), data["idf"], data["weights"], data["bias"], list(data["classes"]))

    def guess(self, text: str) -> Guess:
        counts = Counter(i for i in map(self.index.get, features(text)) if i is not None)
        logits = self.bias.astype(np.float64)  # (a copy)
        if counts:
            rows = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            values = (1 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[rows]
            values /= np.linalg.norm(values) or 1.0
            logits += values @ self.weights[rows]
        odds = np.exp(logits - logits.max())
        odds /= odds.sum()
        ranked = tuple(sorted(zip(self.classes, odds.tolist()), key=lambda pair: -pair[1]))
        return Guess(ranked[0][0], ranked[0][1], ranked)

    # --- the model stage of the pipeline (ivr/ja/understanding.py) ----------------------------------------
    def consult(self, turn, vocabulary) -> None:
        contested = {pid for pid in turn.unsure if pid in turn.problems and _contested(turn, pid)}
        unread = [pid for pid in turn.providers if pid not in turn.problems] or not turn.problems
        if not (unread or contested or _routine(turn)) or not _readable(turn):
            return
        guess = self.guess(turn.text)
        if not (unread or contested):  # the rules read a routine problem: the model only keeps an urgent
            _keep_urgent_open(turn, vocabulary, guess, SECOND_OPINION)  # reading in reach (confirmed)
            return
        if contested:
            _settle(turn, vocabulary, guess, contested)
        else:
            _propose(turn, vocabulary, guess)
        _keep_urgent_open(turn, vocabulary, guess)


@lru_cache(maxsize=1)
def shipped() -> Model:
    return Model.load()


def _routine(turn) -> bool:
    """The rules read a routine problem, for a provider named or for one named in an earlier turn: a second
    opinion on whether it is urgent."""
    return not turn.urgent and any(pid in turn.problems for pid in turn.providers or turn.problems)


def _readable(turn) -> bool:
    return len(turn.view) >= MIN_CHARS and (turn.providers or not turn.not_covered) and not _answer_only(turn) \
        and not _said_before(turn)


def _said_before(turn) -> bool:
    """さっきも言いましたけどアメックスです, だから言ったとおりです: the caller points back at what they said; the
    words are no new matter for the model (what they said before was read then)."""
    return any(word in turn.view for word in _SAID_BEFORE)


_SAID_BEFORE = tuple(lexicon().words("said_before"))


def _contested(turn, provider_id: str) -> bool:
    return any(e.stage == "decide" and e.rule == "contested" and e.target.startswith(provider_id + "/")
               for e in turn.trace)


def _answer_only(turn) -> bool:
    """A yes, a no, a menu number or a command: nothing for the model to read."""
    from .commands import menu_choice, yes_no

    return turn.command is not None or menu_choice(turn.view) is not None or (
        yes_no(turn.view) is not None and len(turn.view) <= 8)


def _handlers(turn, vocabulary, kind: str) -> list[str]:
    """The providers that could mean this kind: those named, else every provider that handles it; never a shop the
    caller has no account at (アマゾンのアカウント持ってない: its charges are a card's matter)."""
    allowed = [p.id for p in vocabulary.catalogue.providers if p.id not in turn.no_account]
    named = [pid for pid in turn.providers if pid in allowed] or allowed
    return [pid for pid in named if vocabulary.catalogue.provider(pid).problem(kind) is not None]


def _propose(turn, vocabulary, guess: Guess) -> None:
    turn.note("model", f"most like {guess.kind}", target=guess.ranked[1][0], weight=guess.probability)
    kind = vocabulary.catalogue.kind(guess.kind)
    if kind is None or guess.probability < (ACCEPT_URGENT if kind.urgent else ACCEPT) or _ruled_out(turn, kind) or (
            kind.urgent and _nothing_of_the_callers_at_risk(turn)):
        return
    for provider_id in _handlers(turn, vocabulary, guess.kind):
        if provider_id in turn.problems:
            continue  # the rules read this provider's problem: the model only fills what they left
        turn.problems[provider_id] = guess.kind
        turn.unsure.add(provider_id)  # the model alone: confirmed with the caller before any transfer
        if vocabulary.catalogue.kind(guess.kind).urgent:
            turn.urgent.add(provider_id)
        turn.note("model", "proposes (to confirm)", target=f"{provider_id}/{guess.kind}", weight=guess.probability)


def _nothing_of_the_callers_at_risk(turn) -> bool:
    """What the caller would stop is no card, or what they hold is someone else's, found; or their card turned up
    and no loss is read by the rules (停止してもらったカードが見つかったので解除を): no loss or fraud is read."""
    return _stopping_something_else(turn) or _picked_up(turn) or _a_damaged_card_in_hand(turn) or (
        not turn.urgent and any(safe(turn.tokens, turn.order) for safe in SAFE_CARDS)) or (
        bool(turn.problems) and set(turn.problems.values()) <= NOTHING_AT_RISK)  # (a message left alone, by the rules)


_PICKING_UP = frozenset(lexicon().words("picking_up"))
_DAMAGED = frozenset(lexicon().words("a_card_damaged"))


def _a_damaged_card_in_hand(turn) -> bool:
    """ポケットに入れたまま座って、カードが曲がってしまいました: the card is in the caller's hand, damaged; the rules read no loss
    or fraud, so the model reads none either."""
    return not turn.urgent and any(turn.tokens[i].lemma in _DAMAGED for i in turn.order)


def _picked_up(turn) -> bool:
    """財布を拾ったんですけど、警察に…中に楽天カードが: the caller found someone else's card; nothing of theirs is
    lost (拾われた, picked up by someone else, is another story)."""
    lemmas = [turn.tokens[i].lemma for i in turn.order]
    return any(lemma in _PICKING_UP and lemmas[p + 1:p + 2] not in (["れる"], ["られる"]) for p, lemma in enumerate(lemmas))


def _ruled_out(turn, kind) -> bool:
    """The rules found this kind's words and took them back (imagined, found again), or denied an urgent one
    (盗まれたわけじゃない): the model does not bring it back. A routine word denied may still be the problem
    (発送されていない is a delivery problem)."""
    return any(h.entry.kind == "problem" and h.entry.target.endswith("/" + kind.id)
               and (h.retracted or (h.negated and kind.urgent)) for h in turn.hits)


def _stopping_something_else(turn) -> bool:
    """利用お知らせメールが多すぎて止めたい, メールマガジンを止めたい: what the caller would stop is no card (the
    lexicon's not_a_card), so no loss or fraud is read into it."""
    stops = [p for p, i in enumerate(turn.order) if turn.tokens[i].lemma in STOPPING]
    return stops_other_things(turn.tokens, turn.order, stops)


def _urgent_only_imagined(turn, vocabulary) -> bool:
    """The rules read urgent words and took every one back as imagined (ドラマで泥棒がカードを盗むシーン,
    盗まれたときのために), as another sense of the word (手数料を取られた, 年会費が落とされる: a charge; 亡くなった: a
    death), or as corrected into a routine problem said instead (なくしたんじゃなくて暗証番号を忘れた): the model,
    which reads the same words, does not bring an urgency back."""
    urgent = [h for h in turn.hits if h.entry.kind == "problem" and h.kind_id in vocabulary.urgent_kinds]
    instead = bool(turn.problems) and not turn.urgent
    return bool(urgent) and all(h.retracted_by in _ANOTHER_SENSE or (instead and h.retracted_by in _CORRECTED)
                                for h in urgent)


_ANOTHER_SENSE = ("hypothetical", "debited", "a_death", "used_by_someone_known",  # (旦那が使ってたやつでした)
                  "a_case_followed_up", "a_stop_to_lift", "asked_if_stopped", "not_a_member",  # (調査をお願いした件、結果が)
                  "only_heard_of", "not_on_a_record",  # (不正利用ってよく聞くから心配で; 明細にまだ出てこない)
                  "an_old_case", "reported_already", "a_report_withdrawn")  # (昔、身に覚えのない請求で調べてもらった…今回は; 盗難で止めてもらった件)
_CORRECTED = ("corrected", "denied_after")


def _found_again(turn, kind) -> bool:
    """The rules read this kind's words and the caller found the card again, a machine keeps it, they only
    thought it lost (なくしたと思ってたら車の中に) or corrected the word (なくし…あ、違う): the model does not reopen it (a denial it may: a negation misread is the costlier miss)."""
    return any(h.entry.kind == "problem" and h.entry.target.endswith("/" + kind.id)
               and h.retracted_by in ("found_again", "thought", "kept_by_a_machine", "corrected", "cut_off") for h in turn.hits)


def _settle(turn, vocabulary, guess: Guess, contested: set[str]) -> None:
    """Between an urgent and a routine reading the rules nearly tie on, the model's choice, still confirmed."""
    for provider_id in contested:
        readings = set(turn.weights.get(provider_id, {}))
        best = max(readings, key=guess.probability_of)
        if guess.probability_of(best) >= SETTLE and best != turn.problems[provider_id]:
            turn.problems[provider_id] = best
            urgent = vocabulary.catalogue.kind(best).urgent
            (turn.urgent.add if urgent else turn.urgent.discard)(provider_id)
            turn.note("model", "settles the contest", target=f"{provider_id}/{best}", weight=guess.probability_of(best))


def _keep_urgent_open(turn, vocabulary, guess: Guess, threshold: float = 0.0) -> None:
    if _urgent_only_imagined(turn, vocabulary) or _nothing_of_the_callers_at_risk(turn):
        return
    for kind, probability in guess.ranked:
        if probability < max(threshold, URGENT_POSSIBLE):
            break
        known = vocabulary.catalogue.kind(kind) if kind != NONE else None
        if known is not None and known.urgent and not _found_again(turn, known):
            for provider_id in _handlers(turn, vocabulary, kind):
                if turn.problems.get(provider_id) != kind:
                    turn.possibly_urgent.setdefault(provider_id, kind)
            turn.note("model", "urgent reading possible", target=kind, weight=probability)
