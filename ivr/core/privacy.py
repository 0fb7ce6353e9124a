"""Masking what identifies a caller: their phone number, and card or phone numbers they say aloud.

The rule lives here once; the call log, the console and every printout apply it before storing or showing.
"""
from __future__ import annotations

import re

_DIGIT = r"[0-9０-９〇一二三四五六七八九]"
# Six or more digits, possibly grouped by spaces or hyphens as people (and recognisers) group them.
_DIGIT_RUN = re.compile(rf"{_DIGIT}(?:[\s\-‐－ー]?{_DIGIT}){{5,}}")
_ONE_DIGIT = re.compile(_DIGIT)


def mask_number(number: str | None) -> str | None:
    """'+819012345678' -> '********5678': only the last four digits stay."""
    if not number:
        return None
    return "*" * max(0, len(number) - 4) + number[-4:]


def mask_digits(text: str | None) -> str | None:
    """Every run of six or more digits in free text is masked, but for its last four digits."""
    if not text:
        return text

    def hide(match: re.Match) -> str:
        run = match[0]
        positions = [m.start() for m in _ONE_DIGIT.finditer(run)]
        keep = set(positions[-4:])
        return "".join("*" if i in positions and i not in keep else ch for i, ch in enumerate(run))
    return _DIGIT_RUN.sub(hide, text)
