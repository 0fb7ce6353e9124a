"""Where a caller goes: the catalogue's routing rules in one place.

- A problem's lines are tried in the catalogue's order; the first one the caller can reach and that is
  open now takes the call.
- An urgent problem never waits for opening hours while the provider has a 24-hour line that can act
  (`urgent: true`): that line is used instead.
- Otherwise the caller hears the preferred line, when it next opens, and the channels open now.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import phonenumbers

from .catalogue import Catalogue, Line, Problem, Provider
from .hours import is_open, next_opening


@dataclass(frozen=True)
class Decision:
    outcome: str  # "transfer" | "closed" | "info"
    provider: str
    problem: str | None  # None: the provider's general line (operator requested, or caller not understood)
    line: str | None
    number: str | None  # E.164 of the line given to the caller
    open: bool | None
    fallback: bool = False  # an urgent problem sent to the 24-hour line because the preferred one is closed
    region: str = "domestic"  # where the caller is (domestic, mobile, abroad): the form numbers are given in

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def caller_region(e164: str | None) -> str:
    """'abroad', 'mobile' (Japanese mobile or IP phone) or 'domestic' (fixed line, or unknown)."""
    return about_caller(e164)[0]


def can_receive_sms(e164: str | None) -> bool:
    """SMS follow-ups go only to Japanese mobile numbers (070/080/090)."""
    return about_caller(e164)[1]


def about_caller(e164: str | None) -> tuple[str, bool]:
    """(caller_region, can_receive_sms) from one parse of the number: parsing it is most of what either costs,
    and a new call asks both."""
    if not e164:
        return "domestic", False
    try:
        number = phonenumbers.parse(e164, "JP")
    except phonenumbers.NumberParseException:
        return "domestic", False
    if number.country_code != 81:
        return "abroad", False
    kind = phonenumbers.number_type(number)
    mobile = kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.VOIP) or _mobile_prefix(number)
    return "mobile" if mobile else "domestic", kind == phonenumbers.PhoneNumberType.MOBILE


def _mobile_prefix(number: phonenumbers.PhoneNumber) -> bool:
    """070/080/090 numbers of a range phonenumbers does not know yet are still mobiles: a mobile cannot
    reach a 0120 line, so when in doubt the caller gets the line a mobile can dial."""
    national = str(number.national_number)
    return len(national) == 10 and national[:2] in ("70", "80", "90")


def _candidates(provider: Provider, line_ids: tuple[str, ...], region: str) -> list[Line]:
    """The problem's lines the caller can reach; failing that (a caller abroad and a 0120-only problem),
    any of the provider's lines they can reach; failing that, the problem's lines as they are."""
    lines = [provider.line(i) for i in line_ids if provider.line(i).kind == "voice"]
    reachable = [line for line in lines if region in line.reach]
    elsewhere = [line for line in provider.lines if line.kind == "voice" and region in line.reach]
    return reachable or elsewhere or lines


def route(provider: Provider, problem: Problem | None, now: dt.datetime, region: str) -> Decision:
    line_ids = problem.lines if problem is not None else (provider.general_line,)
    problem_id = problem.id if problem is not None else None
    if not line_ids:
        return Decision("info", provider.id, problem_id, None, None, None, region=region)
    if problem is not None and problem.info and all(provider.line(i).kind != "voice" for i in line_ids):
        # a FAX asked for: read out, never dialled
        fax = provider.line(line_ids[0])
        return Decision("info", provider.id, problem_id, fax.id, fax.e164, is_open(fax.hours, now), region=region)
    candidates = _candidates(provider, line_ids, region) or [provider.line(provider.general_line)]
    for line in candidates:
        if line.transfer and is_open(line.hours, now):
            return Decision("transfer", provider.id, problem_id, line.id, line.e164, True, region=region)
    if problem is not None and problem.urgent:
        for line in provider.lines:
            if line.urgent and line.transfer and line.hours.always and region in line.reach:
                return Decision("transfer", provider.id, problem_id, line.id, line.e164, True, fallback=True,
                                region=region)
    best = min(candidates, key=lambda line: next_opening(line.hours, now) or now + dt.timedelta(days=365))
    return Decision("closed", provider.id, problem_id, best.id, best.e164, False, region=region)


def open_channels(provider: Provider, problem: Problem | None, now: dt.datetime) -> list:
    ids = problem.channels if problem is not None else tuple(c.id for c in provider.channels)
    return [provider.channel(i) for i in ids if is_open(provider.channel(i).hours, now)]


def covered_names(catalogue: Catalogue) -> str:
    return "、".join(p.spoken_name for p in catalogue.providers)
