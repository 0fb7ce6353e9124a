"""Caller words (speech-recognition text, any script) to provider, problem, yes/no and commands.

Two views of each utterance are searched: the surface (NFKC, lower case, katakana folded to hiragana,
spaces removed) and a full kana reading (pykakasi), so 楽天/らくてん/ラクテン and 明細/めいさい match
the same vocabulary. The vocabulary itself lives in providers.yaml. Longer words win over the words they
contain (楽天モバイル over 楽天), and a word directly followed by a negation (なくしてはいない,
楽天カードじゃなくて) does not count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jaconv
from rapidfuzz import fuzz, process

from ..core.catalogue import Catalogue
from ..core.language import Understood
from .text import clean, reading, surface

FUZZY_ACCEPT = 80  # rapidfuzz partial_ratio on readings; below this a provider name is not guessed
MIN_READING_MATCH = 3  # a reading shorter than this is too likely to occur by accident inside other words

_NEGATION = re.compile(r"^(?:した|して|し|て|で|っ|ん)?(?:は|も)?(?:じゃ|では|で)?(?:は|も)?(?:い|あり|ありま)?"
                       r"(?:ない|なく|なかっ|ません|ねえ)|^(?:た|て|し)?(?:という)?わけ(?:では|じゃ)(?:な|あり)")

YES_WORDS = ("はい", "ええ", "うん", "そうです", "そう", "おねがいします", "お願い", "おねがい", "よろしく", "合って",
             "あって", "いいです", "大丈夫", "だいじょうぶ", "yes", "ok", "おっけー", "オッケー", "了解", "りょうかい")
NO_WORDS = ("いいえ", "いえ", "いや", "違", "ちが", "ちゃう", "no", "結構", "けっこう", "不要", "いらない", "いりません")
NO_ANYWHERE = ("違います", "ちがいます", "違う", "じゃないです", "ではないです", "じゃありません", "ではありません",
               "いりません", "いらないです", "結構です", "けっこうです")
_FILLERS = re.compile(r"^(?:えーと|えっと|えーっと|あのー|あの|うーん|まあ|ええと|すみません|[、。,.!?！？])*")
REPEAT_WORDS = ("もう一度", "もういちど", "もう1度", "もう一回", "もういっかい", "もう1回", "繰り返", "くりかえ",
                "聞き取れ", "ききとれ", "聞こえな", "きこえな", "再度", "リピート", "repeat")
OPERATOR_WORDS = ("オペレーター", "おぺれーたー", "operator", "人と話", "ひとと話", "ひととはな", "担当者", "たんとうしゃ",
                  "人間", "にんげん", "係の人", "かかりのひと", "直接話", "有人")
BYE_WORDS = ("さようなら", "さよなら", "切ります", "きります", "電話を切", "終了", "もういいです", "もう大丈夫",
             "失礼します", "しつれいします", "用は済", "解決しました")
ABROAD_WORDS = ("海外", "かいがい", "外国", "がいこく", "旅行先", "旅行中", "出張中", "アメリカで", "ハワイ", "韓国", "台湾",
                "ヨーロッパ", "abroad")


@dataclass(frozen=True)
class _Entry:
    kind: str  # "provider" | "problem" | "not_covered" | "abroad"
    target: str  # provider id, "provider_id/problem_id", or a not-covered name
    latin: bool


class Vocabulary:
    """Every word of the catalogue, indexed by surface and by reading, longest first."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        forms: dict[str, list[_Entry]] = {}
        readings: dict[str, list[_Entry]] = {}

        def add(word: str, kind: str, target: str) -> None:
            form = surface(word)
            if not form:
                return
            latin = form.isascii()
            forms.setdefault(form, []).append(_Entry(kind, target, latin))
            if not latin:
                read = reading(form)
                if len(read) >= MIN_READING_MATCH:
                    readings.setdefault(read, []).append(_Entry(kind, target, False))

        for provider in catalogue.providers:
            for word in (provider.name, provider.spoken_name, *provider.words):
                add(word, "provider", provider.id)
            for problem in provider.problems:
                for word in problem.words:
                    add(word, "problem", f"{provider.id}/{problem.id}")
        for other in catalogue.not_covered:
            for word in (other.name, *other.words):
                add(word, "not_covered", other.name)
        for word in ABROAD_WORDS:
            add(word, "abroad", "abroad")
        self.forms = sorted(forms.items(), key=lambda item: -len(item[0]))
        self.readings = sorted(readings.items(), key=lambda item: -len(item[0]))
        self.provider_readings = {
            reading(surface(word)): provider.id
            for provider in catalogue.providers
            for word in (provider.spoken_name, *provider.words)
            if len(reading(surface(word))) >= 4 and not surface(word).isascii()
        }

    def abroad_problem(self, target: str) -> bool:
        provider_id, problem_id = target.split("/")
        return self.catalogue.provider(provider_id).problem(problem_id).abroad

    def hints(self) -> list[str]:
        """Phrases worth biasing a recogniser toward: names and whole words as written. Kana spellings
        and word stems (見当たらな, 乗っ取) are for matching transcripts, not for recognition."""
        words: list[str] = []
        for provider in self.catalogue.providers:
            words += [provider.name, provider.spoken_name, *provider.words]
            for problem in provider.problems:
                words += problem.words
        kana_only = re.compile(r"^[\u3040-\u309f]+$")
        stem = re.compile(r"[なっらえしれ]$")
        return list(dict.fromkeys(w for w in words
                                  if not w.isascii() and not kana_only.match(w) and not stem.search(w)))


def _scan(text: str, table: list[tuple[str, list[_Entry]]]) -> list[tuple[_Entry, int, int, bool]]:
    """(entry, start, length, negated) for every non-overlapping match, longest words first."""
    taken = [False] * len(text)
    hits = []
    for form, entries in table:
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            if not any(taken[start:end]) and not _latin_inside_word(text, start, end, entries[0].latin):
                for i in range(start, end):
                    taken[i] = True
                after = text[end:end + 12].lstrip("、。,.!?！？ ")
                negated = bool(_NEGATION.match(after))
                hits += [(entry, start, len(form), negated) for entry in entries]
            start = text.find(form, start + 1)
    return hits


def _latin_inside_word(text: str, start: int, end: int, latin: bool) -> bool:
    if not latin:
        return False
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())


@lru_cache(maxsize=64)
def _forms(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(surface(word) for word in words)


def _any(text: str, words: tuple[str, ...]) -> bool:
    return any(form in text for form in _forms(words))


_NUMERALS = {"0": "0", "ぜろ": "0", "れい": "0", "1": "1", "いち": "1", "一": "1", "2": "2", "に": "2", "二": "2",
             "3": "3", "さん": "3", "三": "3", "4": "4", "よん": "4", "し": "4", "四": "4", "5": "5", "ご": "5",
             "五": "5", "6": "6", "ろく": "6", "六": "6", "7": "7", "なな": "7", "しち": "7", "七": "7",
             "8": "8", "はち": "8", "八": "8", "9": "9", "きゅう": "9", "く": "9", "九": "9"}
_CHOICE = re.compile(r"^(?:じゃあ|では|えっと|えーと|あの)?(?P<n>%s)(?:ばん|番)(?:で|です|を|に|が|でおねがいします|でお願いします|をおねがいします|をお願いします|おねがいします|お願いします|。|、)*$"
                     % "|".join(sorted(map(re.escape, _NUMERALS), key=len, reverse=True)))


def menu_choice(view: str) -> str | None:
    """'2番で', 'にばんです', '一番でお願いします' -> the key it stands for; a sentence that merely
    contains a number is not a menu choice."""
    match = _CHOICE.match(view)
    return _NUMERALS[match["n"]] if match else None


def _yes_no(text: str) -> bool | None:
    """Yes/no only from how the answer starts (はい…, いいえ…) or a clear refusal anywhere: "はい" also
    hides inside ordinary sentences (返金はいつ…)."""
    text = _FILLERS.sub("", text)
    if _any(text, NO_ANYWHERE) or text.startswith(_forms(NO_WORDS)):
        return False
    if text.startswith(_forms(YES_WORDS)):
        return True
    return None


def _near(query: str, choice: str, **_: object) -> float:
    return max(fuzz.ratio(query, choice), fuzz.partial_ratio(query, choice))


def understand(text: str, vocabulary: Vocabulary) -> Understood:
    text = clean(text)
    view = surface(text)
    if not view:
        return Understood(text)
    hits = _scan(view, vocabulary.forms)
    hits += _scan(reading(view), vocabulary.readings)
    if re.search(r"[a-z]{3}", view):  # romaji from a recogniser or a keyboard: "henpin", "nakushimashita"
        hits += _scan(jaconv.alphabet2kana(view).replace(" ", ""), vocabulary.readings)

    negated = {(e.kind, e.target) for e, _, _, neg in hits if neg}
    present = [(e, start) for e, start, _, neg in hits if not neg and (e.kind, e.target) not in negated]
    providers = tuple(dict.fromkeys(e.target for e, start in sorted(present, key=lambda h: h[1])
                                    if e.kind == "provider"))
    not_covered = tuple(dict.fromkeys(e.target for e, _ in present if e.kind == "not_covered"))
    fuzzy = False
    named_at_all = any(e.kind in ("provider", "not_covered") for e, _, _, _ in hits)
    if not named_at_all and len(view) >= 3:
        match = process.extractOne(reading(view), list(vocabulary.provider_readings), scorer=_near,
                                   score_cutoff=FUZZY_ACCEPT)
        if match:
            providers, fuzzy = (vocabulary.provider_readings[match[0]],), True

    scores: dict[str, dict[str, int]] = {}
    for entry, _, length, neg in hits:
        if entry.kind == "problem" and not neg and (entry.kind, entry.target) not in negated:
            provider_id, problem_id = entry.target.split("/")
            scores.setdefault(provider_id, {}).setdefault(problem_id, 0)
            scores[provider_id][problem_id] += length
    problems, urgent = {}, set()
    for provider_id, by_problem in scores.items():
        provider = vocabulary.catalogue.provider(provider_id)
        # Emergency words take the urgent path whenever they are heard.
        ranked = sorted(by_problem, key=lambda pid: (provider.problem(pid).urgent, by_problem[pid]), reverse=True)
        problems[provider_id] = ranked[0]
        if provider.problem(ranked[0]).urgent:
            urgent.add(provider_id)

    command = None
    if _any(view, REPEAT_WORDS):
        command = "repeat"
    elif _any(view, OPERATOR_WORDS):
        command = "operator"
    elif _any(view, BYE_WORDS) and not problems and not providers:
        command = "bye"
    abroad = any(e.kind == "abroad" or (e.kind == "problem" and vocabulary.abroad_problem(e.target))
                 for e, _ in present)
    return Understood(text, providers, fuzzy, not_covered, problems, frozenset(urgent), abroad,
                      _yes_no(view), command, choice=menu_choice(view))
