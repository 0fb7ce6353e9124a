"""Masking what identifies a caller: their phone number, and card or phone numbers they say aloud.

The rule lives here once; the call log, the console and every printout apply it before storing or showing.
A number said aloud reaches us in many written forms: digits of any width, kanji digits, digits read in
kana (ゼロ, イチ, ニー, …, as a recogniser writes them), grouped by spaces, hyphens, commas, full stops,
slashes, の, ・, wave dashes or dashes. Six or more digits in a row, in whatever mix of these, are masked.
"""
from __future__ import annotations

import re

# One digit: a numeral (any width), a kanji digit, or a digit's reading in katakana or hiragana (as
# recognisers write numbers read out). Longer readings first: キュウ is one digit. Syllables such as に or
# し are often no digit at all, but six of them in a row with nothing else between are a number read out.
_READINGS = ("ゼロ", "レイ", "マル", "イチ", "ニー", "ニ", "サン", "ヨン", "シ", "ゴー", "ゴ", "ロク", "ナナ", "シチ",
             "ハチ", "キュウ", "キュー", "ク")
_HIRAGANA = tuple("".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in r) for r in _READINGS)
_KANA = sorted({*_READINGS, *_HIRAGANA}, key=len, reverse=True)
_DIGIT = rf"(?:[0-9０-９〇一二三四五六七八九]|{'|'.join(_KANA)})"
# Between two digits: spaces (any number), or one grouping mark with spaces around it.
_SEPARATOR = r"(?:\s+|\s*[-‐‑‒–—―－ー−、,，.．/／の・~～〜:：]\s*)?"
_DIGIT_RUN = re.compile(rf"{_DIGIT}(?:{_SEPARATOR}{_DIGIT}){{5,}}")
_ONE_DIGIT = re.compile(_DIGIT)


def mask_number(number: str | None) -> str | None:
    """'+819012345678' -> '********5678': only the last four digits stay."""
    if not number:
        return None
    return "*" * max(0, len(number) - 4) + number[-4:]


def mask_digits(text: str | None) -> str | None:
    """Every run of six or more digits in free text is masked, but for its last four digits (each digit
    read in kana becomes one '*'); the separators stay, so the text still reads as it was said."""
    if not text:
        return text

    def hide(match: re.Match) -> str:
        run = match[0]
        digits = list(_ONE_DIGIT.finditer(run))
        keep = {d.start() for d in digits[-4:]}
        out, at = [], 0
        for digit in digits:
            out.append(run[at:digit.start()])
            out.append(digit[0] if digit.start() in keep else "*")
            at = digit.end()
        out.append(run[at:])
        return "".join(out)
    return _DIGIT_RUN.sub(hide, text)

