"""The find stage: where the lexicon's and the catalogue's words occur in the turn.

Words match as words (vocabulary.scan); two words a few words apart can name a kind together (the lexicon's
`near` rules); kana a recogniser put between spaces is read chunk by chunk; romaji is read as kana. Matches
found the looser ways are weak: evidence to confirm with the caller.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .analysis import Token, analyse, fold, long_units, normal
from .clauses import CARD_WORDS, PASSIVE, is_negation, negated_after, only_opened
from .lexicon import lexicon
from .mending import mend
from .vocabulary import Hit, Vocabulary, chunk_hits, romaji_as_kana, scan

_LATIN_ONLY = re.compile(r"[a-z]{3}")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@dataclass(frozen=True)
class NearRule:
    kind: str
    first: frozenset[str]
    second: frozenset[str]
    gap: int
    first_negated: bool
    particles: frozenset[str]
    after_first: frozenset[str]
    second_negated: bool
    second_done: bool | None  # True: the second must be done (教えてしまった); False: not yet (止めてほしい); None: either
    second_plain: bool  # the second not in its potential form (行ってない, not 行けない)
    yields_to: frozenset[str]
    joined_by: frozenset[str]  # one of these stands between the two (家にいたのに…請求: a concession)
    not_after: frozenset[str]  # the second is not right after one of these (見方がわからない: another noun's)
    across_sentences: bool  # the second may come in a later sentence of the turn (…来ました。押してません。報告です)
    unless_done: frozenset[str]  # none of these stands done between the two (パスワードを入れちゃいました。報告です)
    unless_said: frozenset[str]  # none of these is said anywhere in the turn (これ本物ですか: a question for the line)


def _tri(value) -> bool | None:
    return None if value is None else str(value) == "true"


@lru_cache(maxsize=4)
def near_rules(vocabulary: Vocabulary) -> tuple[NearRule, ...]:
    return tuple(NearRule(str(rule["kind"]), frozenset(fold(w) for w in rule["first"]),
                          frozenset(fold(w) for w in rule["second"]), int(rule.get("gap", 4)),
                          str(rule.get("first_negated", "false")) == "true", frozenset(rule.get("particles", ())),
                          frozenset(rule.get("after_first", ())), str(rule.get("second_negated", "false")) == "true",
                          _tri(rule.get("second_done")), str(rule.get("second_plain", "false")) == "true",
                          frozenset(rule.get("yields_to", ())), frozenset(fold(w) for w in rule.get("joined_by", ())),
                          frozenset(rule.get("not_after", ())), str(rule.get("across_sentences", "false")) == "true",
                          frozenset(fold(w) for w in rule.get("unless_done", ())),
                          frozenset(fold(w) for w in rule.get("unless_said", ())))
                 for rule in vocabulary.lexicon.rules.get("near", ()))


def find(turn, vocabulary: Vocabulary) -> None:
    turn.analysed = mend(turn.analysed, vocabulary.spoken_names)
    for word, katakana in vocabulary.kana_names.items():
        turn.analysed = turn.analysed.replace(word, katakana)
    turn.tokens = analyse(turn.analysed)
    inside = _inside_compound_verbs(turn)
    turn.order, turn.hits = scan(turn.tokens, vocabulary, inside)
    turn.hits += near_hits(turn.tokens, turn.order, vocabulary)
    turn.hits += chunk_hits(normal(turn.text), turn.analysed, turn.tokens, turn.order, turn.hits, vocabulary)
    if _LATIN_ONLY.search(turn.analysed) and not _JAPANESE.search(turn.analysed):
        _read_romaji(turn, vocabulary)  # romaji from a recogniser or a keyboard: "henpin"
    turn.hits = [hit for hit in turn.hits if turn.order[hit.start] not in inside]  # near rules, kana chunks
    for hit in turn.hits:
        turn.note("find", hit.rule, turn.words(hit.start, hit.end), hit.entry.target)


def _inside_compound_verbs(turn) -> frozenset[int]:
    """Indices of the tokens inside a compound verb, not at its start: 引き|落とされた is 引き落とす (a debit),
    見|落とした 見落とす, 見|知らぬ: no word of the vocabulary starts there."""
    units = [(start, end) for _, pos, start, end in long_units(turn.analysed) if pos[0] == "動詞"]
    return frozenset(i for i, token in enumerate(turn.tokens)
                     if any(start < token.start < end for start, end in units))


def _read_romaji(turn, vocabulary: Vocabulary) -> None:
    romaji = romaji_as_kana(turn.analysed, vocabulary.latin)
    tokens = analyse(romaji)
    order, hits = scan(tokens, vocabulary)
    if len(hits) > len(turn.hits):
        turn.analysed, turn.tokens, turn.order, turn.hits = romaji, tokens, order, hits
        turn.note("find", "romaji read as kana", romaji)


def _spans(tokens: tuple[Token, ...], order: list[int]) -> list[tuple[str | None, str | None, str, str]]:
    """At each position: the surfaces of three and of two positions joined, the surface and the lemma (made once
    a turn, for every near rule to look up)."""
    surfaces = [tokens[i].surface for i in order]
    return [("".join(surfaces[p:p + 3]) if p + 3 <= len(order) else None,
             "".join(surfaces[p:p + 2]) if p + 2 <= len(order) else None, surfaces[p], tokens[order[p]].lemma)
            for p in range(len(order))]


_BUT = frozenset(lexicon().words("but"))
_KNOWING = frozenset(lexicon().words("knowing"))


def _second_after(tokens: tuple[Token, ...], order: list[int], start: int, rule: NearRule,
                  unsure: bool = False) -> int | None:
    """Position of a second word within the rule's gap after `start`, in the same sentence unless the rule
    reaches across sentences."""
    later, end = start, min(len(order), start + rule.gap + 1)
    while later < end:
        token = tokens[order[later]]
        if token.punctuation and token.pos[1] == "句点" and not rule.across_sentences:
            return None
        if unsure and token.pos[1] == "接続助詞" and token.lemma in _BUT:
            return None  # やってるかわからないけど、利用限度額を…: not knowing was of another clause
        if _a_second_word(tokens, order, later, rule) and _after_what_it_needs(tokens, order, start, later, rule):
            if _second_holds(tokens, order, start, later, rule):
                return later
            if rule.second_done and _only_told(tokens, order, later):
                end = min(len(order), later + rule.gap + 1)  # 教えろって言われて、言っちゃった: asked, then done
        later += 1
    return None


def _after_what_it_needs(tokens: tuple[Token, ...], order: list[int], start: int, later: int, rule: NearRule) -> bool:
    """The second word comes after the particle the rule asks for, and not after a word it excludes."""
    if rule.particles and tokens[order[later - 1]].lemma not in rule.particles:
        return False
    return not (rule.not_after and _right_after(tokens, order, start, later) in rule.not_after)


def _a_second_word(tokens: tuple[Token, ...], order: list[int], at: int, rule: NearRule) -> bool:
    token = tokens[order[at]]
    return token.lemma in rule.second or token.surface in rule.second or _split_verb(tokens, order, at, rule.second)


def _split_verb(tokens: tuple[Token, ...], order: list[int], at: int, words: frozenset[str]) -> bool:
    """A verb the analyser split in two, joined again, begins with one of the words a rule names that way (知ら|せれ
    ば: 知らせ), as clauses.only_reported reads it."""
    if at + 1 >= len(order):
        return False
    surface = tokens[order[at]].surface
    joined = surface + tokens[order[at + 1]].surface
    return any(joined[:n] in words for n in range(len(surface) + 1, len(joined) + 1))


def _right_after(tokens: tuple[Token, ...], order: list[int], start: int, later: int) -> str:
    """The lemma the word at `later` follows, adverbs between passed over (見方が|いまいち|わからない)."""
    back = later - 1
    while back > start and tokens[order[back]].pos[0] == "副詞":
        back -= 1
    return tokens[order[back]].lemma


def _second_holds(tokens: tuple[Token, ...], order: list[int], start: int, later: int, rule: NearRule) -> bool:
    """The second word at `later` is in the form the rule asks for."""
    if rule.second_negated and not negated_after(tokens, order, _past_its_particle(tokens, order, later)):
        return False
    if _not_an_absence(tokens, order, start, later):
        return False
    if rule.second_plain and _potential(tokens[order[later]]):
        return False  # (お店に行けない: could not, not did not)
    if rule.second_done is not None and rule.second_done != _done(tokens, order, later + 1):
        return False
    if rule.second_done and _only_told(tokens, order, later):
        return False  # 番号を押せって言われた: asked of the caller, not done
    if rule.unless_done and _something_done(tokens, order, start, later, rule.unless_done):
        return False
    return not rule.joined_by or _joined(tokens, order, start, later, rule.joined_by)


def _not_an_absence(tokens: tuple[Token, ...], order: list[int], start: int, later: int) -> bool:
    """カード自体は問題ない, 不正とかじゃない, カードは特に何もなくて: the ない of what comes before it, no absence."""
    if tokens[order[later]].lemma not in _ABSENT or later <= start:
        return False
    before = tokens[order[later - 1]]
    if before.pos[0] == "名詞" or before.surface in _COPULA:
        return True
    return tokens[order[start - 1]].surface in CARD_WORDS and "".join(  # (not 財布の中に何もなくて)
        tokens[i].surface for i in order[max(start, later - 2):later]).endswith(_NOTHING)


_NOTHING = tuple(lexicon().words("nothing_at_all"))


def _something_done(tokens: tuple[Token, ...], order: list[int], start: int, end: int, verbs: frozenset[str]) -> bool:
    """One of `verbs` between start and end, not negated (入れちゃいました, not 押してません or 押さずに), and done
    by the caller, not only told to them (1を押せって言われた, 入力してくださいって), nor only opened (開いただけ)."""
    return any(tokens[order[p]].lemma in verbs and not negated_after(tokens, order, p + 1)
               and not _only_told(tokens, order, p) and not only_opened(tokens, order, p) for p in range(start, end))


def _only_told(tokens: tuple[Token, ...], order: list[int], at: int) -> bool:
    """The verb at `at` is what someone asked of the caller, quoted (押せって, 入力してくださいと), or a saying done to
    them (言われた); a verb done before the quote (押したって) is the caller's own."""
    if tokens[order[at]].lemma in _SAYING and at + 1 < len(order) and tokens[order[at + 1]].lemma in PASSIVE:
        return True
    if _so_called(tokens, order, at):
        return True
    for position in range(at + 1, min(len(order), at + 5)):
        token = tokens[order[position]]
        if token.lemma in _DONE:
            return False
        if token.surface in _QUOTING and token.pos[0] == "助詞":
            return True
        if not (token.pos[0] == "助動詞" or token.pos[1] == "非自立可能" or token.lemma in ("て", "で")):
            return False
    return False


def _so_called(tokens: tuple[Token, ...], order: list[int], at: int) -> bool:
    """暗証番号っていうのを忘れちゃって: っていう before a noun names a thing; nothing was said to anyone."""
    token = tokens[order[at]]
    if token.lemma not in _SAYING or token.surface != token.lemma and token.surface not in ("いう", "ゆう"):
        return False
    quoted = at > 0 and tokens[order[at - 1]].surface in _QUOTING
    named = at + 1 < len(order) and (tokens[order[at + 1]].pos[0] == "名詞" or tokens[order[at + 1]].surface == "の")
    return quoted and named


_SAYING = frozenset(lexicon().words("told_by_saying"))
_QUOTING = frozenset(lexicon().words("quoting"))


_ABSENT = frozenset({"無い", "ない"})
_COPULA = frozenset(lexicon().words("copula_negated"))


def _past_its_particle(tokens: tuple[Token, ...], order: list[int], at: int) -> int:
    """After a noun and the に or が that ties its negation to it (記憶にない, 覚えがない)."""
    following = at + 1
    if tokens[order[at]].pos[0] == "名詞" and following < len(order) and tokens[order[following]].lemma in ("に", "が"):
        return following + 1
    return following


def _joined(tokens: tuple[Token, ...], order: list[int], start: int, end: int, words: frozenset[str]) -> bool:
    """One of `words` (one or two positions: のに, 日|に) between start and end."""
    surfaces = [fold(tokens[order[p]].surface) for p in range(start, end)]
    return any(w in words for w in surfaces) or any(a + b in words for a, b in zip(surfaces, surfaces[1:]))


_DONE = {"た", "しまう", "仕舞う", "ちゃう", "ちまう", "じゃう", "れる", "られる"}  # れる: done to the caller (控えていかれ)


def _done(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """What the caller did, not what they ask for or only tried: 教えてしまった, 入れた (not 教えてください,
    ログインしようとしたら)."""
    for p in range(after - 1, min(len(order), after + 4)):
        token = tokens[order[p]]
        if _volitional(token):
            return False
        if p >= after and token.lemma in _DONE:
            return not _advised(tokens, order, p + 1)
    return False


def _advised(tokens: tuple[Token, ...], order: list[int], after: int) -> bool:
    """止めたほうがいい, 入れた方が: what is better done, not what was done."""
    return after < len(order) and tokens[order[after]].surface in ("ほう", "方")


def _potential(token: Token) -> bool:
    """使え (使う), 買え (買う): a godan verb in its potential form, which the analyser gives the plain lemma (an
    ichidan verb's stem, 教え of 教える, is not one)."""
    surface, lemma = token.surface, token.lemma
    return token.pos[0] == "動詞" and surface[-1:] in "えけせてねめれげべ" and lemma[-1:] in "うくすつぬむるぐぶ" \
        and surface + "る" != lemma and surface[:-1] == lemma[:-1]


def _volitional(token: Token) -> bool:
    """しよう, 入れよう, 教えちゃおう: a verb in its volitional form (an attempt, an intention)."""
    surface = token.surface
    return token.pos[0] in ("動詞", "助動詞") and surface != token.lemma and len(surface) > 1 \
        and surface[-1] == "う" and surface[-2] in "おこごそとのぼもろよ"


def _past_negation(tokens: tuple[Token, ...], order: list[int], after: int) -> int:
    """Where the gap to the second word starts: after the first word's negation (行って|も|い|ない…店), which is
    the first word's, not distance."""
    for position in range(after, min(len(order), after + 6)):
        if is_negation(tokens[order[position]]):
            return position + 1
    return after


def _first_holds(tokens: tuple[Token, ...], order: list[int], position: int, after: int, rule: NearRule) -> bool:
    if rule.first_negated != negated_after(tokens, order, after):
        return False  # 知らない…請求 needs its negation; 旅行保険の話じゃなくて、請求の… has one it must not
    if rule.first_negated and position > 0 and tokens[order[position - 1]].surface == "しか":
        return False  # 楽天カードしか使ってない: only that card, no use denied
    if rule.first_negated and _potential(tokens[order[after - 1]]):
        return False  # 使えなくなって、お店で断られた: could not use, not did not use
    return not rule.after_first or (after < len(order) and tokens[order[after]].lemma in rule.after_first)


def _entries(vocabulary: Vocabulary, rule: NearRule) -> list:
    """The rule's kind for each provider handling it; a provider handling a kind the rule yields to reads it
    as that kind instead (a fake message acted on: a card's details out, or an Amazon account taken over)."""
    entries = []
    for entry in vocabulary.kind_entries.get(rule.kind, ()):
        provider = vocabulary.catalogue.provider(entry.target.split("/")[0])
        instead = next((kind for kind in rule.yields_to if provider.problem(kind) is not None), None)
        entries += [e for e in vocabulary.kind_entries.get(instead, ()) if e.target.startswith(provider.id + "/")] \
            if instead else [entry]
    return entries


@lru_cache(maxsize=4)
def _rules_by_first(vocabulary: Vocabulary) -> dict[str, tuple[int, ...]]:
    """Each first word of the near rules -> the rules (by index) it opens: a turn looks its words up once, not
    every rule at every position."""
    index: dict[str, list[int]] = {}
    for number, rule in enumerate(near_rules(vocabulary)):
        for word in rule.first:
            index.setdefault(word, []).append(number)
    return {word: tuple(numbers) for word, numbers in index.items()}


def _openings(spans: list[tuple[str | None, str | None, str, str]], vocabulary: Vocabulary) -> dict[int, list[tuple[int, int]]]:
    """rule index -> (position, width) of each first word of the rule, in order of position; the longest there."""
    index = _rules_by_first(vocabulary)
    openings: dict[int, list[tuple[int, int]]] = {}
    for position, (three, two, surface, lemma) in enumerate(spans):
        seen: set[int] = set()
        for width, word in ((3, three), (2, two), (1, lemma), (1, surface)):
            for number in index.get(word, ()) if word is not None else ():
                if number not in seen:
                    seen.add(number)
                    openings.setdefault(number, []).append((position, width))
    return openings


PHRASE_END = ", to the end of its phrase"


def _phrase_end(tokens: tuple[Token, ...], order: list[int], end: int, rule: NearRule) -> int:
    """知らない通販|サイト|の|請求: a second word of the rule ending the noun phrase its first second word began is
    part of the words found (the charge unknown is that 請求, no statement question of its own)."""
    last, position = end, end
    while position < len(order) and position < end + 4:
        token = tokens[order[position]]
        if not (token.pos[0] == "名詞" or token.surface == "の"):
            break
        if fold(token.lemma) in rule.second:
            last = position + 1
        position += 1
    return last


def near_hits(tokens: tuple[Token, ...], order: list[int], vocabulary: Vocabulary) -> list[Hit]:
    found = []
    spans = _spans(tokens, order)
    said = {t.lemma for t in tokens} | {t.surface for t in tokens}
    openings = _openings(spans, vocabulary)
    for number, rule in enumerate(near_rules(vocabulary)):
        if number not in openings or rule.unless_said & said:
            continue
        for position, width in openings[number]:
            if not _first_holds(tokens, order, position, position + width, rule):
                continue
            start = _past_negation(tokens, order, position + width) if rule.first_negated else position + width
            unsure = rule.first_negated and tokens[order[position]].lemma in _KNOWING  # (使ってないけど、請求が: fraud)
            later = _second_after(tokens, order, start, rule, unsure)
            if later is not None:  # a negation the rule asks for is part of the words (店|行っ|て|ない), no denial
                end = _past_negation(tokens, order, later + 1) if rule.second_negated else _phrase_end(
                    tokens, order, later + 1, rule)
                how = f"near rule for {rule.kind}" + (PHRASE_END if end > later + 1 and not rule.second_negated else "")
                found += [Hit(entry, position, end, weak=True, rule=how) for entry in _entries(vocabulary, rule)]
    return found
