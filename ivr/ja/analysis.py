"""Japanese morphological analysis (SudachiPy with its core dictionary): words as words.

Each token carries the keys it can be matched by: its normalised lemma (無くす, なくす and 失くす
are one), its surface in hiragana, and the reading of its dictionary form (なくし -> なくす), so
vocabulary matches whole words whatever the script, and never a fragment of another word (the なくなっ
inside 見られなくなった is ない + なる, not 無くなる).
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import jaconv

_DICTIONARY = None
_LOCAL = threading.local()
_LOCK = threading.Lock()
_MODE_A = _MODE_C = None


def _tokenizer():
    """A tokenizer for this thread: SudachiPy's tokenizer is not safe to share between threads (a web server's
    worker threads answer calls at once), while the dictionary is, and loads once."""
    global _DICTIONARY, _MODE_A, _MODE_C
    tokenizer = getattr(_LOCAL, "tokenizer", None)
    if tokenizer is None:
        with _LOCK:
            if _DICTIONARY is None:
                from sudachipy import Dictionary, SplitMode

                _DICTIONARY = Dictionary(dict="core")
                _MODE_A, _MODE_C = SplitMode.A, SplitMode.C
        tokenizer = _LOCAL.tokenizer = _DICTIONARY.tokenizer()
    return tokenizer


_KANJI = re.compile(r"[\u4e00-\u9fff\u3005]")


@dataclass(frozen=True)
class Token:
    surface: str  # NFKC, lower case, katakana folded to hiragana
    lemma: str  # Sudachi's normalised form, folded the same way
    reading: str  # hiragana reading of the surface
    base_reading: str  # hiragana reading of the dictionary form (conjugation undone)
    pos: tuple[str, ...]
    start: int  # character offsets in the analysed text
    end: int
    keys: frozenset[str] = frozenset()  # what this word may be matched by (_keys)

    @property
    def function_word(self) -> bool:
        return self.pos[0] in ("助詞", "助動詞", "補助記号", "空白") or self.pos[1] == "非自立可能"

    @property
    def punctuation(self) -> bool:
        return self.pos[0] in ("補助記号", "空白")

    @property
    def proper(self) -> bool:
        return self.pos[1] == "固有名詞"


def normal(text: str) -> str:
    """What the analyser reads: NFKC (full-width letters and digits made plain), latin in lower case."""
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """NFKC, lower case, katakana as hiragana; cached, for the same words are folded on every turn."""
    return jaconv.kata2hira(unicodedata.normalize("NFKC", text).lower())


@lru_cache(maxsize=8192)
def _base_reading(dictionary_form: str) -> str:
    return fold("".join(m.reading_form() for m in _tokenizer().tokenize(dictionary_form, _MODE_A)))


def analyse(text: str) -> tuple[Token, ...]:
    """Short-unit tokens of `text` (already cleaned)."""
    return _analysed(text)[0]


def long_units(text: str) -> tuple[tuple[str, tuple[str, ...], int, int], ...]:
    """Long-unit words (三井住友カード as one word) with their part of speech: for spotting names."""
    return _analysed(text)[1]


@lru_cache(maxsize=4096)
def _analysed(text: str) -> tuple[tuple[Token, ...], tuple[tuple[str, tuple[str, ...], int, int], ...]]:
    """Both analyses of `text` from one pass: Sudachi finds one path and only splits its long units for the
    short mode, so splitting them here gives what tokenizing twice would (checked on every corpus turn), in
    two thirds of the time. Cached because prompts and words repeat."""
    tokens, units = [], []
    for unit in _tokenizer().tokenize(text, _MODE_C):
        units.append((unit.surface(), tuple(unit.part_of_speech()), unit.begin(), unit.end()))
        parts = unit.split(_MODE_A)  # (not add_single=True: sudachipy 0.7.0 panics on it for some symbols)
        tokens += (_token(m) for m in (parts if len(parts) else (unit,)))
    return tuple(tokens), tuple(units)


def clear_cache() -> None:
    """Forget every analysis (benchmarks measure turns that were never analysed before)."""
    _analysed.cache_clear()


def _token(m) -> Token:
    surface = fold(m.surface())
    dictionary = m.dictionary_form()
    reading = fold(m.reading_form())
    base = reading if dictionary == m.surface() else _base_reading(dictionary)
    lemma = fold(m.normalized_form())
    return Token(surface, lemma, reading, base, tuple(m.part_of_speech()), m.begin(), m.end(),
                 _keys(surface, lemma, base))


@lru_cache(maxsize=16384)
def _keys(surface: str, lemma: str, base_reading: str) -> frozenset[str]:
    """What a word may be matched by. A word written in kanji is matched as written and by its lemma; only a
    word written in kana is also matched by reading (弾かれる is not 引かれる, though both read ひく). Cached:
    the same words come back turn after turn, and one frozenset per word keeps the scan's lookups cheap."""
    if _KANJI.search(surface):
        return frozenset(k for k in (surface, lemma) if k)
    return frozenset(k for k in (surface, lemma, base_reading) if k)


@lru_cache(maxsize=1024)
def readings_of(kanji: str) -> frozenset[str]:
    """Every reading the dictionary gives one kanji as a word of its own (甘: あま, うま, かん; 損: そん, ぞん): a
    recogniser that wrote a name in the wrong kanji (甘ゾン, 雨ックス) wrote one of them."""
    _tokenizer()
    return frozenset(fold(m.reading_form()) for m in _DICTIONARY.lookup(kanji) if m.reading_form())


