"""Is a place name abroad? The analyser tags place names (地名) and countries (地名,国); Japanese places
are written in kanji or kana, places abroad mostly in katakana or latin letters, with a few well-known kanji
exceptions listed here."""
from __future__ import annotations

import re

import jaconv

from .lexicon import lexicon

KANJI_ABROAD = frozenset(lexicon().words("kanji_abroad"))
NOT_ABROAD = frozenset(lexicon().words("not_abroad"))
_KATAKANA_OR_LATIN = re.compile(r"[ァ-ヶーa-zA-Z・\-]+")


def abroad_country(word: str, pos: tuple[str, ...]) -> bool:
    """A country or a well-known place abroad: abroad whatever follows it. A one-character country the
    analyser finds (明, 米, 英) is the first half of a word misheard or abbreviated (明債 for 明細), not a place."""
    return word not in NOT_ABROAD and (word in KANJI_ABROAD or (len(pos) > 3 and pos[3] == "国" and len(word) > 1))


def abroad_place(word: str, pos: tuple[str, ...]) -> bool:
    """Probably a place abroad (katakana place names too, which can also be a shop: ヨドバシ); the caller
    decides with what follows it."""
    if word in NOT_ABROAD:
        return False
    if abroad_country(word, pos):
        return True
    katakana = jaconv.hira2kata(word)  # token surfaces are folded to hiragana
    return (len(pos) > 2 and pos[2] == "地名" and _KATAKANA_OR_LATIN.fullmatch(katakana) is not None
            and katakana not in NOT_ABROAD and len(word) >= 2)

