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
from functools import cached_property, lru_cache

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

    @cached_property
    def keys(self) -> frozenset[str]:
        """What this word may be matched by. A word written in kanji is matched as written and by its lemma;
        only a word written in kana is also matched by reading (弾かれる is not 引かれる, though both read ひく)."""
        if _KANJI.search(self.surface):
            return frozenset(k for k in (self.surface, self.lemma) if k)
        return frozenset(k for k in (self.surface, self.lemma, self.base_reading) if k)

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


@lru_cache(maxsize=4096)
def analyse(text: str) -> tuple[Token, ...]:
    """Short-unit tokens of `text` (already cleaned); cached because prompts and words repeat."""
    tokenizer = _tokenizer()
    tokens = []
    for m in tokenizer.tokenize(text, _MODE_A):
        surface = fold(m.surface())
        pos = tuple(m.part_of_speech())
        dictionary = m.dictionary_form()
        reading = fold(m.reading_form())
        base = reading if dictionary == m.surface() else _base_reading(dictionary)
        tokens.append(Token(surface, fold(m.normalized_form()), reading, base, pos, m.begin(), m.end()))
    return tuple(tokens)


@lru_cache(maxsize=1024)
def readings_of(kanji: str) -> frozenset[str]:
    """Every reading the dictionary gives one kanji as a word of its own (甘: あま, うま, かん; 損: そん, ぞん): a
    recogniser that wrote a name in the wrong kanji (甘ゾン, 雨ックス) wrote one of them."""
    _tokenizer()
    return frozenset(fold(m.reading_form()) for m in _DICTIONARY.lookup(kanji) if m.reading_form())


@lru_cache(maxsize=4096)
def long_units(text: str) -> tuple[tuple[str, tuple[str, ...], int, int], ...]:
    """Long-unit words (三井住友カード as one word) with their part of speech: for spotting names."""
    tokenizer = _tokenizer()
    return tuple((m.surface(), tuple(m.part_of_speech()), m.begin(), m.end())
                 for m in tokenizer.tokenize(text, _MODE_C))
