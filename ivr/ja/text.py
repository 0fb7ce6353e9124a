"""Japanese text normalisation shared by understanding and speech output: clean, fold, read."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jaconv

# How a word broken off or a pause reaches the analyser (なくし…, プリファード...じゃなかった): one mark or several.
BREAK_MARKS = frozenset({".", "...", "…", "‥", "……"})
MAX_INPUT_CHARS = 300  # a caller turn longer than this is cut: nobody says 300 characters in one breath
_KEEP_LONG_VOWEL = re.compile(r"[\s\u3000・･「」『』()（）\[\]<>\"'`]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MARKUP = re.compile(r"<[^>]{0,200}>")


def clean(text: str) -> str:
    """Make untrusted transcript text safe and bounded: no control characters, no markup."""
    text = _MARKUP.sub(" ", _CONTROL.sub(" ", text or ""))
    return " ".join(text.split())[:MAX_INPUT_CHARS]


_KATAKANA = re.compile(r"[\u30a1-\u30fa]")
_WRITTEN = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]")
_KATAKANA_GRAMMAR = ("デス", "マス", "マシタ", "ヲ", "ケド", "ナンデ", "タイ", "ナイ", "ノデ", "カラ", "デシタ")


def katakana_speech(text: str) -> str:
    """A recogniser that hands over a whole turn in katakana (アメックスノジュウショヘンコウヲオネガイシマス) leaves the
    analyser nothing but loanwords: read as hiragana, its words and endings are found again. Only when nearly all
    of it is katakana and it has endings of speech (デス, マス, ヲ…): アマゾンプライムビデオ stays as it is."""
    written = len(_WRITTEN.findall(text))
    if written < 8 or len(_KATAKANA.findall(text)) < 0.8 * written or not any(w in text for w in _KATAKANA_GRAMMAR):
        return text
    return jaconv.kata2hira(text)


def surface(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = jaconv.kata2hira(text)
    # Spaces between ASR tokens carry no meaning in Japanese; latin words keep one space.
    text = re.sub(r"(?<=[a-z0-9])\s+(?=[a-z0-9])", "_", text)
    return _KEEP_LONG_VOWEL.sub("", text).replace("_", " ")


@lru_cache(maxsize=4096)
def reading(text: str) -> str:
    """Full hiragana reading (the morphological analyser's readings of each word; symbols kept)."""
    from .analysis import analyse, normal

    return "".join(t.reading if t.pos[0] != "補助記号" else t.surface for t in analyse(normal(text)) if t.pos[0] != "空白")
