"""Phone numbers as the catalogue writes them, and in the form each caller can dial.

A caller in Japan (landline, mobile, or a withheld number) dials the national form: the trunk 0 and the
grouping the provider publishes (03-6625-9100). A caller abroad dials the international form: +81 and the
same groups without the trunk 0 (+81-3-6625-9100). Both are derived from the one form the catalogue
writes, so the published grouping is kept whichever was written; phonenumbers validates, classifies and
groups a number written without separators.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberType as Type

_WRITTEN = re.compile(r"\+?[0-9][0-9\- ()]*")
_SEPARATORS = re.compile(r"[\- ()]+")
# What a caller may be given. Premium-rate 0990, pagers and personal numbers never: they cost a surcharge
# or reach no desk.
VOICE_TYPES = frozenset({Type.FIXED_LINE, Type.FIXED_LINE_OR_MOBILE, Type.MOBILE, Type.TOLL_FREE, Type.UAN,
                         Type.SHARED_COST, Type.VOIP})
FAX_TYPES = frozenset({Type.FIXED_LINE, Type.FIXED_LINE_OR_MOBILE, Type.TOLL_FREE, Type.VOIP})
# Toll-free (0120/0800) and navi-dial (0570) numbers cannot be dialled from outside Japan.
DOMESTIC_ONLY_TYPES = frozenset({Type.TOLL_FREE, Type.UAN, Type.SHARED_COST})
TYPE_NAMES = {Type.PREMIUM_RATE: "a premium-rate (0990) number, which costs callers a surcharge",
              Type.PAGER: "a pager number", Type.PERSONAL_NUMBER: "a personal (0600) number",
              Type.MOBILE: "a mobile number", Type.UAN: "a navi-dial (0570) number",
              Type.SHARED_COST: "a shared-cost number", Type.UNKNOWN: "a number of no known kind"}


class NumberFault(ValueError):
    """Why a written number cannot be given to callers (one sentence, quoting what was written)."""


@dataclass(frozen=True)
class Number:
    e164: str  # +81366259100: what is dialled and compared
    national: str  # 03-6625-9100: what a caller in Japan dials
    international: str  # +81-3-6625-9100: what a caller abroad dials
    type: int  # phonenumbers.PhoneNumberType

    @property
    def reachable_from_abroad(self) -> bool:
        return self.type not in DOMESTIC_ONLY_TYPES

    def for_caller(self, abroad: bool) -> str:
        """The form this caller can dial. A 0120 or 0570 number stays national even for a caller abroad: it
        has no international form that works, and the script says so."""
        return self.international if abroad and self.reachable_from_abroad else self.national


def parse(written: str, fax: bool = False) -> Number:
    """The catalogue's number, or NumberFault saying what is wrong with it."""
    text = written.strip()
    foreign = [ch for ch in text if ch.isdigit() and ch not in "0123456789"]
    if foreign:
        ascii_form = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in unicodedata.normalize("NFKC", text))
        raise NumberFault(f"'{written}' is not a valid Japanese phone number as written: it has full-width or "
                          f"other non-ASCII digits (write {ascii_form})")
    if not _WRITTEN.fullmatch(text):
        raise NumberFault(f"'{written}' is not a valid Japanese phone number (only digits 0-9, hyphens, spaces, "
                          "brackets and a leading + may be written)")
    groups = [group for group in _SEPARATORS.split(text) if group]
    if text.startswith("+"):
        if not text.startswith("+81"):
            raise NumberFault(f"'{written}' is not a valid Japanese phone number: the catalogue lists numbers "
                              "in Japan (+81) only")
        rest = [groups[0][3:]] + groups[1:] if groups[0] != "+81" else groups[1:]
        rest = [group for group in rest if group]
        if rest and rest[0].startswith("0"):
            raise NumberFault(f"'{written}' keeps the trunk 0 after +81: write +81-{'-'.join(_without_zero(rest))} "
                              f"(callers in Japan are given 0{'-'.join(_without_zero(rest))})")
        groups = ["0" + rest[0]] + rest[1:] if rest else []
    elif not text.startswith("0"):
        raise NumberFault(f"'{written}' is not a valid Japanese phone number: in Japan a number starts with 0 "
                          f"(0{text}?), or +81 for the international form")
    digits = "".join(groups)
    try:
        parsed = phonenumbers.parse(digits, "JP")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed) or parsed.country_code != 81:
        raise NumberFault(f"'{written}' is not a valid Japanese phone number")
    kind = phonenumbers.number_type(parsed)
    allowed = FAX_TYPES if fax else VOICE_TYPES
    if kind not in allowed:
        what = TYPE_NAMES.get(kind, "a number of another kind")
        raise NumberFault(f"'{written}' is {what}: not a number the catalogue gives callers"
                          + (" for a fax" if fax and kind in VOICE_TYPES else ""))
    if len(groups) == 1:  # written without separators: phonenumbers' grouping
        groups = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL).split("-")
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    national = "-".join(groups)
    international = "-".join(["+81", groups[0][1:], *groups[1:]])
    return Number(e164, national, international, kind)


def _without_zero(groups: list[str]) -> list[str]:
    head = groups[0].lstrip("0")
    return ([head] if head else []) + groups[1:]


def to_e164(written: str) -> str | None:
    """E.164 form of a number written as the catalogue would, or None if it is not one."""
    try:
        return parse(written).e164
    except NumberFault:
        return None
