"""The last stages: the commands a caller gives, and what must be confirmed with the caller before a transfer.

A command word counts only as a word of its own: 人間ドックの支払い asks for no person (人間 is part of a
longer noun), nor does スタッフカード.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .analysis import fold, long_units
from .commands import BYE_WORDS, OPERATOR_WORDS, REPEAT_WORDS, RESTART_WORDS, _forms
from .text import surface

_STARTS_OVER = ("最初から", "やっぱり最初", "やり直し", "始めから")


@lru_cache(maxsize=16)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    forms = sorted({fold(w) for w in _forms(words)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms)))


def _said(turn, words: tuple[str, ...]) -> str | None:
    """The first command word said as a word of its own (not the start of a longer noun), or None."""
    text = fold(turn.analysed)
    for match in _pattern(words).finditer(text):
        if not _inside_longer_noun(turn.analysed, match.start(), match.end()):
            return match.group()
    return None


def _inside_longer_noun(text: str, start: int, end: int) -> bool:
    for word, pos, word_start, word_end in long_units(text):
        if word_start < end <= word_end:
            return pos[0] == "名詞" and word_end > end and end - word_start >= 2 and not _kana_tail(text[end:word_end])
    return False


def _kana_tail(rest: str) -> bool:
    """What follows inside the long unit is only kana inflection or a particle-like tail (話し|たい)."""
    return re.fullmatch(r"[ぁ-ゖ]+", rest) is not None


def commands(turn) -> None:
    named = bool(turn.problems or turn.providers)
    for command, words, allowed in (("repeat", REPEAT_WORDS, not named),
                                    ("restart", RESTART_WORDS, not named or _starts_over(turn.view)),
                                    ("operator", OPERATOR_WORDS, True),
                                    ("bye", BYE_WORDS, not named)):
        word = _said(turn, words) if allowed else None
        if word:
            turn.command = command
            turn.note("command", command, word)
            return


def _starts_over(view: str) -> bool:
    """「やっぱり最初から。アメックスの明細の件です」: starting over, then saying the new request at once."""
    return any(view.find(surface(w)) < 3 for w in _STARTS_OVER if surface(w) in view)


def confirm_policy(turn, vocabulary) -> None:
    """A problem supported only by weak evidence, contested, or by the model alone is confirmed before any
    transfer; an urgent reading heard at all keeps the 24-hour line open to the caller."""
    for provider_id in sorted(turn.unsure & set(turn.problems)):
        turn.note("confirm", "ask the caller first", target=f"{provider_id}/{turn.problems[provider_id]}")
    for provider_id in sorted(turn.possibly_urgent - turn.urgent):
        turn.note("confirm", "urgent reading possible: 24-hour line if the line is closed", target=provider_id)
