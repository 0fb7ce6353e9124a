"""The catalogue's vocabulary, analysed into words once, and where its words occur in a caller's turn.

A vocabulary word matches as words (by lemma, by the surface as written, and for words written in kana by
reading), never as a fragment of another word. Looser matches are marked weak: two words a few words apart
(the lexicon's near rules, finding.py), a kana word a recogniser put between spaces, read on its own.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import jaconv

from ..core.catalogue import Catalogue
from .analysis import Token, analyse, fold, normal
from .clauses import NEGATORS
from .lexicon import Lexicon, lexicon as shipped_lexicon
from .text import reading, surface


MIN_READING_MATCH = 4  # a reading shorter than this matches only as a whole word


ABROAD_WORDS = tuple(shipped_lexicon().words("abroad_words"))




# Readings shared with everyday verbs: a word with one of these readings matches only as written.
COMMON_READINGS = {"する", "いる", "ある", "なる", "くる", "いく", "みる", "いう", "おる", "やる", "でる", "かう", "とる",
                   "もつ", "きる", "かける", "つく", "あう", "とまる", "とめる", "かえる", "おく", "だす", "かく", "うる"}


_SPACES = re.compile(r"\s+")


_KATAKANA_CHAR = re.compile(r"[ァ-ヺー]")


def _kana_words(text: str, match: re.Match) -> bool:
    """Both sides of the space are words of three kana or more: a recogniser's kana words, not a split ending."""
    left = re.search(r"[ぁ-ゖー]+$", text[:match.start()])
    right = _HIRAGANA_WORD.match(text, match.end())
    return bool(left and right) and min(len(left.group()), len(right.group())) >= 3


_ANSWERS = frozenset(shipped_lexicon().commands["answers"])  # each a reply
_FRAGMENT_MARKS = re.compile(r"[。、．，,.!！?？\s]+")


def join_fragments(text: str) -> str:
    """楽天。カード。ない。: words said one by one, each a sentence of its own, are one sentence (楽天カードない);
    a turn with any longer piece is left as it is."""
    pieces = [p for p in _FRAGMENT_MARKS.split(text) if p]
    if len(pieces) >= 3 and all(len(p) <= 3 and p not in _ANSWERS for p in pieces) and not all(p.isascii() for p in pieces):
        return "".join(pieces)
    return text


def join_words(text: str) -> str:
    """Spaces a recogniser puts between Japanese words go (届か ない -> 届かない); spaces between latin
    words, and between two katakana words (ゲンドガク アゲタイ), stay: there they separate words."""
    def keep(match: re.Match) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if before.isascii() and after.isascii():
            return " "
        if _KATAKANA_CHAR.match(before) and _KATAKANA_CHAR.match(after):
            return " "
        if _kana_words(text, match):
            return " "  # さいふ とられた: words a recogniser wrote in kana, kept apart (not さい|ふとられた)
        return ""
    return _SPACES.sub(keep, text).strip()


@dataclass(frozen=True)
class Entry:
    kind: str  # "provider" | "problem" | "not_covered" | "abroad"
    target: str  # provider id, "provider_id/problem_id", a not-covered name, or "abroad"
    pattern: tuple[frozenset[str], ...]  # each word's keys
    chars: int  # length of the word as written: longer, more specific words weigh more
    negative: bool  # the word itself holds a negation (見当たらない): its own ない is not a negation of it
    reading: str  # the word's reading, for matching across the analyser's segmentation


@dataclass
class Hit:
    entry: Entry
    start: int  # token indices [start, end)
    end: int
    negated: bool = False
    retracted: bool = False
    retracted_by: str = ""  # the rule that took it back (a lexicon rule's name, "thought", "corrected")
    requested: bool = False
    leads: bool = False  # the urgent one of two things the caller has: seen to first, whatever the weights
    clause: int = 0
    weak: bool = False  # found by a looser rule (words apart, kana read alone): evidence to confirm
    rule: str = "word"  # how it was found, for the trace
    why: list[str] = field(default_factory=list)  # what the weigh stage found about it, for the trace

    @property
    def live(self) -> bool:
        return not (self.negated or self.retracted)

    @property
    def kind_id(self) -> str:
        """The last part of the target: a problem hit's kind (rakuten_card/lost_stolen -> lost_stolen)."""
        return self.entry.target.rsplit("/", 1)[-1]


_HIRAGANA_WORD = re.compile(r"[ぁ-ゖー]+")


def _word_keys(token: Token) -> frozenset[str]:
    """How a vocabulary word's token may be matched: its lemma only when the lemma reads like the word's own
    dictionary form (使えん is not every 使う)."""
    keys = {token.surface, token.base_reading}
    lemma_reading = _lemma_reading(token.lemma)
    if lemma_reading in (token.base_reading, "") or token.pos[0] == "名詞":
        keys.add(token.lemma)
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=4096)
def _lemma_reading(lemma: str) -> str:
    return "".join(t.reading for t in analyse(lemma)) if lemma else ""


class Vocabulary:
    """Every word of the catalogue, analysed into words once."""

    def __init__(self, catalogue: Catalogue, lexicon: Lexicon | None = None):
        self.catalogue = catalogue
        self.lexicon = lexicon or shipped_lexicon()
        self.entries: list[Entry] = []
        self.by_key: dict[str, list[Entry]] = defaultdict(list)
        self.by_reading: dict[str, list[Entry]] = defaultdict(list)
        self._starting_with: dict[frozenset[str], tuple[Entry, ...]] = {}
        self._add_names()
        for word in ABROAD_WORDS:
            self._add(word, "abroad", "abroad")
        self.provider_readings = _provider_readings(catalogue)
        self.kana_names = _kana_names(catalogue)
        self.spoken_names = _spoken_names(catalogue)
        self.not_covered_of = {other.name: other.of for other in catalogue.not_covered}
        self.brand_on = {other.name: frozenset(other.brand_on) for other in catalogue.not_covered}
        self.urgent_kinds = frozenset(kind.id for kind in catalogue.kinds if kind.urgent)
        self.latin = frozenset(part for entry in self.entries for keys in entry.pattern for part in keys
                               if re.fullmatch(r"[a-z]+", part))
        # One stand-in entry per provider handling a kind, for problems found by the lexicon's near rules.
        self.kind_entries: dict[str, list[Entry]] = defaultdict(list)
        for provider in catalogue.providers:
            for problem in provider.problems:
                self.kind_entries[problem.id].append(
                    Entry("problem", f"{provider.id}/{problem.id}", (), 6, False, ""))

    def starting_with(self, keys: frozenset[str]) -> tuple[Entry, ...]:
        """The entries whose first word is matched by one of `keys` (each once); kept, as words recur (and
        forgotten past a bound, so a long-running server's memory stays flat)."""
        entries = self._starting_with.get(keys)
        if entries is None:
            if len(self._starting_with) >= 50_000:
                self._starting_with.clear()
            entries = self._starting_with[keys] = tuple(
                {id(e): e for key in keys for e in self.by_key.get(key, ())}.values())
        return entries

    @cached_property
    def longest_reading(self) -> dict[str, int]:
        """By the first two kana: the longest reading of the entries spelled from them (how far to read on)."""
        return {prefix: max(len(e.reading) for e in entries) for prefix, entries in self.by_reading.items()}

    @cached_property
    def whole_readings(self) -> dict[str, tuple[Entry, ...]]:
        """Every entry of three kana or more by its whole reading (lone kana chunks are looked up here)."""
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            if len(entry.reading) >= 3:
                index[entry.reading].append(entry)
        return {reading: tuple(entries) for reading, entries in index.items()}

    def _add_names(self) -> None:
        for provider in self.catalogue.providers:
            for word in (provider.name, provider.spoken_name, *provider.words):
                self._add(word, "provider", provider.id)
            for problem in provider.problems:
                for word in self.problem_words(problem):
                    self._add(word, "problem", f"{provider.id}/{problem.id}")
        for other in self.catalogue.not_covered:
            for word in (other.name, *other.words):
                self._add(word, "not_covered", other.name)

    def _add(self, word: str, kind: str, target: str) -> None:
        tokens = [t for t in analyse(normal(word)) if not t.punctuation]
        if not tokens:
            return
        entry = _entry(word, tokens, kind, target)
        self.entries.append(entry)
        hiragana = _HIRAGANA_WORD.fullmatch(word) is not None
        if kind not in ("provider", "not_covered") or not hiragana or len(tokens) == 1:
            # A hiragana spelling the analyser splits oddly (いおん -> いお|ん) matches by its reading only.
            for key in entry.pattern[0]:
                self.by_key[key].append(entry)
        if len(entry.reading) >= MIN_READING_MATCH or (hiragana and len(entry.reading) >= 3):
            self.by_reading[entry.reading[:2]].append(entry)

    def problem_words(self, problem) -> tuple[str, ...]:
        """The lexicon's words for the problem's kind, then the catalogue's own (a provider's extra words)."""
        return tuple(dict.fromkeys((*self.lexicon.kind_words.get(problem.id, ()), *problem.words)))

    def abroad_problem(self, target: str) -> bool:
        provider_id, problem_id = target.split("/")
        return self.catalogue.provider(provider_id).problem(problem_id).abroad

    def hints(self, provider_id: str | None = None) -> list[str]:
        """Phrases worth biasing a recogniser toward: names and whole words as written, no kana spellings.
        With `provider_id`, the words of that provider's problems only (every name still: a caller may switch)."""
        words: list[str] = []
        for provider in self.catalogue.providers:  # every name first: a recogniser may take only the first few hundred
            words += [provider.name, provider.spoken_name, *provider.words]
        for provider in self.catalogue.providers:
            if provider_id in (None, provider.id):
                for problem in provider.problems:
                    words += self.problem_words(problem)
        kana_only = re.compile(r"^[\u3040-\u309f]+$")
        return list(dict.fromkeys(w for w in words if not w.isascii() and not kana_only.match(w)))


def _entry(word: str, tokens: list[Token], kind: str, target: str) -> Entry:
    negative = any(t.lemma in NEGATORS or t.lemma == "無い" for t in tokens[1:])
    pattern = tuple(_word_keys(t) for t in tokens)
    if len(tokens) == 1 and tokens[0].base_reading in COMMON_READINGS:
        pattern = (tokens[0].keys - {tokens[0].base_reading} | {tokens[0].surface},)  # 掏る is not する
    return Entry(kind, target, pattern, len(word), negative, "".join(t.reading for t in tokens))


def _spoken_names(catalogue: Catalogue) -> tuple[str, ...]:
    """Names a caller may say in pieces (mending.py): in Japanese script, long enough to be no accident."""
    return tuple(sorted({word for provider in catalogue.providers for word in provider.words
                         if len(word) >= 4 and not word.isascii()}))


def _kana_names(catalogue: Catalogue) -> dict[str, str]:
    """Names written in hiragana the analyser breaks into fillers (あ|ま|ぞ|んで): written in katakana first."""
    return {word: jaconv.hira2kata(word) for provider in catalogue.providers
            for word in provider.words if len(word) >= 4 and _HIRAGANA_WORD.fullmatch(word)}


def _provider_readings(catalogue: Catalogue) -> dict[str, str]:
    """Readings of providers' names, for guessing a name the recogniser got slightly wrong."""
    return {reading(surface(word)): provider.id
            for provider in catalogue.providers
            for word in (provider.spoken_name, *provider.words)
            if len(reading(surface(word))) >= 4 and not surface(word).isascii()}


def _content(tokens: tuple[Token, ...]) -> list[int]:
    """Indices of the tokens that matter: spaces and in-word symbols (アメリカン・エキスプレス) dropped,
    commas and full stops kept (they end clauses)."""
    return [i for i, t in enumerate(tokens)
            if t.pos[0] != "空白" and (t.pos[0] != "補助記号" or t.pos[1] in ("読点", "句点"))]


# Between a verb and its negation, the aspect and politeness a word of the vocabulary leaves out: 来ない is
# also 来とらん, 来ません; 来てない is also 来ていない, 来ていません; 届かない is 届かへん. (Only the caller's
# side is folded: a word's own aspect stays, since 使っていない is not 使わない.)
_ASPECT = frozenset({"て", "で", "てる", "でる", "いる", "居る", "とる", "おる", "ちゃう", "じゃう", "ます"})
_NEGATION = frozenset(NEGATORS - {"ん"}) | {"へん", "ひん"}  # lemmas: a negative ん is read as ず
_STRESS = frozenset({"も", "は", "すら", "さえ"})


def _after_stress(tokens: tuple[Token, ...], order: list[int], position: int, keys: frozenset[str]) -> int:
    """発送|も|されない, 届き|も|しない: a stress between a verb and its negation is passed over."""
    if position < len(order) and tokens[order[position]].lemma in _STRESS and not tokens[order[position]].keys & keys:
        return position + 1
    return position


DEGREE = frozenset(shipped_lexicon().words("degree"))  # adverbs of degree: also read by weighing


def _after_degree(tokens: tuple[Token, ...], order: list[int], position: int, keys: frozenset[str]) -> int:
    """どこにあるか|全然|わからない, 覚えが|全く|ない: an adverb of degree inside a phrase is passed over."""
    if position + 1 < len(order) and tokens[order[position]].lemma in DEGREE and not tokens[order[position]].keys & keys:
        return position + 1
    return position


def _match_at(tokens: tuple[Token, ...], order: list[int], at: int, entry: Entry) -> int | None:
    """Position in `order` after the match of entry starting at order[at], or None."""
    if at + len(entry.pattern) > len(order):
        return None
    position = at
    for offset, keys in enumerate(entry.pattern):
        if offset:
            position = _after_degree(tokens, order, position, keys)
        if offset == 1 and entry.negative:
            position = _after_stress(tokens, order, position, keys)
        if offset and entry.negative and "ない" in keys:
            position = _past_aspect(tokens, order, position)
            if position < len(order) and tokens[order[position]].lemma in _NEGATION:
                position += 1
                continue
        if position >= len(order) or not (tokens[order[position]].keys & keys):
            return None
        position += 1
    return position


def _past_aspect(tokens: tuple[Token, ...], order: list[int], position: int) -> int:
    """Past ている, てしまう and the like before a negation (届いていない)."""
    while position + 1 < len(order) and tokens[order[position]].lemma in _ASPECT and \
            tokens[order[position]].pos[0] in ("助詞", "助動詞", "動詞"):
        position += 1
    return position


def _readings_from(tokens: tuple[Token, ...], order: list[int], at: int, longest: int) -> dict[str, int]:
    """The readings spelled from order[at] up to each later word boundary (らくてん|かーど: らくてん, らくてんかーど)
    -> the position after it; none from a function word, none longer than `longest` kana."""
    if tokens[order[at]].pos[0] in ("助詞", "助動詞", "補助記号"):
        return {}
    ends, text = {}, ""
    for end in range(at, len(order)):
        text += tokens[order[end]].reading
        if len(text) > longest:
            break
        ends.setdefault(text, end + 1)
    return ends


def _spelled_at(tokens: tuple[Token, ...], order: list[int], at: int, vocabulary: Vocabulary) -> list[Hit]:
    """The words whose reading is spelled from here across word boundaries (らくてん|かーど)."""
    prefix = _reading_prefix(tokens, order, at)
    spelled = vocabulary.by_reading.get(prefix, ())
    ends = _readings_from(tokens, order, at, vocabulary.longest_reading[prefix]) if spelled else {}
    return [Hit(entry, at, ends[entry.reading]) for entry in spelled if entry.reading in ends]


def _reading_prefix(tokens: tuple[Token, ...], order: list[int], at: int) -> str:
    """The first two kana read from here on, across a name split into one-kana words (あ|ま|ぞ|ん)."""
    reading = tokens[order[at]].reading
    if len(reading) < 2 and at + 1 < len(order):
        reading += tokens[order[at + 1]].reading
    return reading[:2]


def scan(tokens: tuple[Token, ...], vocabulary: Vocabulary,
         no_start: frozenset[int] = frozenset()) -> tuple[list[int], list[Hit]]:
    """Every word of the vocabulary in the tokens; `no_start`: token indices no word may start at (the second
    half of a compound verb: 見|知らぬ, 引き|落とす), left out before longer words hide shorter ones."""
    order = _content(tokens)
    found: list[Hit] = []
    for at, index in enumerate(order):
        if index in no_start:
            continue
        for entry in vocabulary.starting_with(tokens[index].keys):
            end = _match_at(tokens, order, at, entry)
            if end is not None:
                found.append(Hit(entry, at, end))
        found += _spelled_at(tokens, order, at, vocabulary)
    # Longer matches win over the words they contain (楽天モバイル over 楽天, 不正ログイン over ログイン).
    found.sort(key=lambda h: (-(h.end - h.start), -h.entry.chars, h.start))
    # Names compete with names; each provider's problem words compete only with that provider's own, so a long
    # word of one provider (メールが届かなくなる) never hides a word of another (届かない, for a parcel).
    taken: dict[str, list[bool]] = defaultdict(lambda: [False] * len(order))
    hits: list[Hit] = []
    seen: set[tuple[str, str, int, int]] = set()
    for hit in found:
        key = (hit.entry.kind, hit.entry.target, hit.start, hit.end)
        if key in seen:
            continue  # the same word reached by two spellings of the vocabulary (amazon, アマゾン)
        seen.add(key)
        group = taken[hit.entry.target.split("/")[0] if hit.entry.kind == "problem" else "names"]
        if any(group[hit.start:hit.end]):
            continue
        for i in range(hit.start, hit.end):
            group[i] = True
        hits.append(hit)
    hits.sort(key=lambda h: h.start)
    return order, hits


def chunk_hits(spaced: str, joined: str, tokens: tuple[Token, ...], order: list[int], hits: list[Hit],
                vocabulary: Vocabulary) -> list[Hit]:
    """Words a recogniser spelled in kana between spaces (らくてん カード とうなん): the joined text can
    analyse badly, so each chunk is also read on its own, and a word it holds whole is added where no
    word was found."""
    chunks = [c for c in spaced.split() if c]
    if len(chunks) < 2:
        return []
    covered = {i for h in hits for i in range(h.start, h.end)}
    added, offset = [], 0
    for chunk in chunks:
        start = joined.find(chunk, offset)
        if start < 0:
            continue
        end = offset = start + len(chunk)
        chunk, start = _after_a_names_no(chunk, start)
        positions = [p for p, i in enumerate(order) if start <= tokens[i].start and tokens[i].end <= end]
        if positions and not any(p in covered for p in positions):
            added += [Hit(entry, positions[0], positions[-1] + 1, weak=True, rule="kana chunk read alone")
                      for entry in _whole_chunk(chunk, vocabulary)]
    return added


def _after_a_names_no(chunk: str, start: int) -> tuple[str, int]:
    """アメックスのとくてん: the kana word after a name's の, read alone (joined, the analyser reads のと|くてん)."""
    tail = _KANA_AFTER_NO.search(chunk)
    return (tail.group(1), start + tail.start(1)) if tail else (chunk, start)


def _whole_chunk(chunk: str, vocabulary: Vocabulary) -> list[Entry]:
    """The vocabulary entries a chunk holds whole, read on its own."""
    chunk_tokens = analyse(chunk)
    chunk_order, found = scan(chunk_tokens, vocabulary)
    whole = [h.entry for h in found if h.start == 0 and h.end == len(chunk_order)]
    if not whole and _KANA.fullmatch(chunk):
        whole = _by_reading(fold(chunk), vocabulary)  # the analyser reads lone kana words badly (とうなん)
    return whole


_KANA = re.compile(r"[ぁ-ゖァ-ヺー]+")
_KANA_AFTER_NO = re.compile(r"(?<=[^ぁ-ゖー])の([ぁ-ゖー]{3,})$")


def _by_reading(kana: str, vocabulary: Vocabulary) -> list[Entry]:
    """Entries whose reading the kana chunk is, or starts with (ふせい, げんどがく, へんぴん, ろぐいん): the longest
    such reading's (looked up prefix by prefix, longest first, not by a pass over every entry)."""
    readings = vocabulary.whole_readings
    for length in range(len(kana), 2, -1):
        found = readings.get(kana[:length])
        if found:
            return list(found)
    return []


def romaji_as_kana(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Each latin word that is not a word of the catalogue read as romaji: 'amex kaado nakushita' ->
    'amex かあど なくした'."""
    return " ".join(jaconv.alphabet2kana(word) if re.fullmatch(r"[a-z]+", word) and word not in keep else word
                    for word in text.split())
