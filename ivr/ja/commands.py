"""Yes and no, the commands a caller gives (repeat, a person, goodbye, start over), and menu numbers said aloud."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon
from .text import surface


_WORDS = lexicon().commands  # ivr/ja/data/commands.yaml
YES_WORDS, NO_WORDS, NO_ANYWHERE = _WORDS["yes"], _WORDS["no"], _WORDS["no_anywhere"]
REPEAT_WORDS, OPERATOR_WORDS, BYE_WORDS, RESTART_WORDS = (_WORDS["repeat"], _WORDS["operator"], _WORDS["bye"],
                                                          _WORDS["restart"])
WRONG_OPENINGS = _WORDS["wrong"]
MISDIALLED_WORDS = _WORDS["misdialled"]
SOMEONE_WORDS = _WORDS["someone"]
MISTAKEN_WORDS = _WORDS["mistaken"]
NOT_ME = _WORDS["not_me"]
NOTHING_MORE = _WORDS["nothing_more"]
ADDING = _WORDS["adding"]
PUTTING_ASIDE = _WORDS["putting_aside"]
FOUND_IT, WAS_OURS, BEFELL_BY = _WORDS["found_it"], _WORDS["was_ours"], _WORDS["befell_by"]
NOT_FOUND_AFTER, NOT_FOUND_BEFORE = _WORDS["not_found_after"], _WORDS["not_found_before"]


_FILLERS = re.compile(r"^(?:えーと|えっと|えーっと|あのー|あの|うーん|まあ|ええと|すみません|いやあ|いやー|いやぁ|あっ?(?=[、,])|[、。,.!?！？])*")


@lru_cache(maxsize=64)
def _forms(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(surface(word) for word in words)


_NO_LEAD = re.compile(r"^(?:いいえ|いえ|いや|ううん|うううん)?[、,。 ]*")


def says_wrong(text: str) -> bool:
    """「違います」 (after 「いいえ」 too) as the answer's opening words."""
    return _NO_LEAD.sub("", _FILLERS.sub("", text)).startswith(_forms(WRONG_OPENINGS))


@lru_cache(maxsize=64)
def _anywhere(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(form) for form in sorted(_forms(words), key=len, reverse=True)))


def says_any(text: str, words: tuple[str, ...]) -> bool:
    return _anywhere(words).search(text) is not None


def yes_no(text: str) -> bool | None:
    """Yes/no only from how the answer starts (はい…, いいえ…) or a clear refusal anywhere: "はい" also
    hides inside ordinary sentences (返金はいつ…)."""
    text = _anywhere(NOT_ME).sub("", _FILLERS.sub("", text))
    if says_any(text, NO_ANYWHERE) or text.startswith(_forms(NO_WORDS)):
        return False
    if text.startswith(_forms(YES_WORDS)):
        return True
    return None


_NUMERALS = {"0": "0", "ぜろ": "0", "れい": "0", "1": "1", "いち": "1", "一": "1", "2": "2", "に": "2", "二": "2",
             "3": "3", "さん": "3", "三": "3", "4": "4", "よん": "4", "し": "4", "四": "4", "5": "5", "ご": "5",
             "五": "5", "6": "6", "ろく": "6", "六": "6", "7": "7", "なな": "7", "しち": "7", "七": "7",
             "8": "8", "はち": "8", "八": "8", "9": "9", "きゅう": "9", "く": "9", "九": "9"}


_CHOICE = re.compile(r"^(?:じゃあ|では|えっと|えーと|あの)?(?P<n>%s)(?:ばん|番)(?:で|です|を|に|が|でおねがいします|でお願いします"
                     r"|をおねがいします|をお願いします|おねがいします|お願いします|。|、)*$"
                     % "|".join(sorted(map(re.escape, _NUMERALS), key=len, reverse=True)))


def menu_choice(view: str) -> str | None:
    """'2番で', 'にばんです', '一番でお願いします' -> the key it stands for; a sentence that merely
    contains a number is not a menu choice."""
    match = _CHOICE.match(view) or _LAST_KEY.search(view)
    return _NUMERALS[match["n"]] if match else None


# 「えっ、番号で選ぶの、じゃあ、3」: a digit said alone at the end, after a pause, is the key chosen
_LAST_KEY = re.compile(r"(?:じゃあ|では|なら|えっと)[、,]?(?P<n>[0-9])[。.]?$")


def adds_one_more(text: str) -> bool:
    """あと、それで再発行も…; それと…; ついでに…: the turn opens by adding one more thing to what was said."""
    return _FILLERS.sub("", text).startswith(_forms(ADDING))


def trouble_over(text: str) -> bool:
    """あった、鞄の底にありました; 見つかりました; 息子の課金でした、不正じゃないです: what the caller feared is over.
    Not 請求があった or 電話もあった (something else there), あったら (a case supposed), さっきまであったのに (there
    before, gone now), 同じ目にあった (what befell someone)."""
    return says_any(text, WAS_OURS) or any(_found_at(text, at, word) for word in _forms(FOUND_IT)
                                           for at in _places(text, word))


def _places(text: str, word: str) -> list[int]:
    """Where `word` stands in `text` (str.find from one place to the next, not a test at every character)."""
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _found_at(text: str, at: int, word: str) -> bool:
    before, after = text[:at], text[at + len(word):]
    return not (before.endswith(_forms(NOT_FOUND_AFTER) + _forms(BEFELL_BY)) or after.startswith(_forms(NOT_FOUND_BEFORE)))
