"""providers.yaml loaded and validated into typed, immutable objects.

Every fault is reported as `PATH:LINE: message`, all of them at once, so a person editing the file
can fix it in one pass. Numbers are validated and compared in E.164 with `phonenumbers`.
"""
from __future__ import annotations

import calendar
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from . import numbers, yamltext
from .hours import ALL_DAYS, DAY_KEYS, WEEKDAYS, Hours, Window
from .yamltext import Map

REGIONS = ("domestic", "mobile", "abroad")
COSTS = ("free", "paid")
LINE_KINDS = ("voice", "fax")
CHANNEL_KINDS = ("chat", "app", "web", "form", "callback", "email")
_CLOCK = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


@dataclass(frozen=True)
class Line:
    id: str
    name: str
    number: str  # as written in the catalogue (the provider's published form)
    e164: str
    purpose: str
    hours: Hours
    cost: str
    reach: frozenset[str]
    transfer: bool
    dial_e164: str  # what a transfer dials; the published number unless `dial` says otherwise
    kind: str = "voice"
    urgent: bool = False
    source: str = ""
    national: str = ""  # 03-6625-9100: what a caller in Japan dials, in the published grouping
    international: str = ""  # +81-3-6625-9100: what a caller abroad dials ("" if it cannot be dialled from abroad)
    name_abroad: str = ""  # the name that fits for a caller abroad ("" = name)
    note: str = ""  # one sentence a caller given this line is told (「コンピューター音声が応答します」)
    note_abroad: str = ""  # the same for a caller abroad ("" = note)
    menu: tuple["MenuKey", ...] = ()  # the automated menu the line answers with
    quotes: tuple["Quote", ...] = ()  # the words of the source that state this line

    def number_for(self, region: str) -> str:
        """The number in the form a caller in `region` (domestic, mobile, abroad) can dial."""
        return self.international if region == "abroad" and self.international else self.national or self.number

    def name_for(self, region: str) -> str:
        return self.name_abroad if region == "abroad" and self.name_abroad else self.name

    def note_for(self, region: str) -> str:
        return self.note_abroad if region == "abroad" and self.note_abroad else self.note

    def key_for(self, problem_id: str | None) -> "MenuKey | None":
        """The key of the line's automated menu for this problem, else its key for a person, else None."""
        return next((k for k in self.menu if problem_id in k.kinds), None) or \
            next((k for k in self.menu if k.operator), None)


@dataclass(frozen=True)
class Source:
    """Where an entry's facts come from: a file of the seeds folder, and the words quoted from it."""
    file: str
    line: int  # the catalogue line naming it
    quotes: tuple["Quote", ...] = ()


@dataclass(frozen=True)
class MenuKey:
    """One choice of a line's automated menu: the keys, what they are for, and the problems they serve."""
    keys: tuple[str, ...]
    what: str
    kinds: tuple[str, ...] = ()
    operator: bool = False  # the keys reach a person


@dataclass(frozen=True)
class Quote:
    """Words of a source file, with the catalogue line that quotes them (provenance is checked against the seeds)."""
    source: str
    text: str
    line: int


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    kind: str
    how: str
    hours: Hours
    source: str = ""
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Kind:
    """A kind of problem, defined once for every provider, and whether it is urgent. What callers call it is
    language data (ivr/ja/data/lexicon.yaml); `words` here are extra words a catalogue may add."""
    id: str
    name: str
    words: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    urgent: bool = False
    abroad: bool = False
    spoken: str = ""  # a noun phrase that fits 「…は1」 and 「楽天カードの、…のご相談」 ("" = the name)


@dataclass(frozen=True)
class Problem:
    """A kind as one provider handles it (its id is the kind's id)."""
    id: str
    name: str
    words: tuple[str, ...]  # words of the catalogue's own for it (the kind's, the provider's); the lexicon adds its
    lines: tuple[str, ...]
    channels: tuple[str, ...]
    prepare: tuple[str, ...]
    urgent: bool = False
    abroad: bool = False
    info: str = ""
    menu: bool = True  # on the keypad menus (false: reached by speech, or the operator key)
    spoken: str = ""  # the kind's spoken form, or the provider's own (never empty once loaded)
    note: str = ""  # one sentence every caller with this problem is told (「盗難の場合は、警察にも届け出てください」)
    abroad_as: str = ""  # the kind this provider handles it as when it happened abroad, wherever the caller is now


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    spoken_name: str
    keypad: str  # one digit for the most called few, "" for providers reached by name only
    words: tuple[str, ...]
    general_line: str
    lines: tuple[Line, ...]
    channels: tuple[Channel, ...]
    problems: tuple[Problem, ...]

    def line(self, line_id: str) -> Line:
        return next(line for line in self.lines if line.id == line_id)

    def channel(self, channel_id: str) -> Channel:
        return next(channel for channel in self.channels if channel.id == channel_id)

    def problem(self, problem_id: str | None) -> Problem | None:
        return next((p for p in self.problems if p.id == problem_id), None)

    @property
    def one_line(self) -> bool:
        """Every problem with a phone line has the general line: whatever the trouble, that is where it goes."""
        return all(set(p.lines) <= {self.general_line} for p in self.problems)


@dataclass(frozen=True)
class NotCovered:
    name: str
    words: tuple[str, ...]
    of: str = ""  # a covered provider's brand on a product that is not covered (アメックスの他のカード)
    brand_on: tuple[str, ...] = ()  # a card network these providers' cards carry: named with one, it is its brand


@dataclass(frozen=True)
class Catalogue:
    providers: tuple[Provider, ...]
    not_covered: tuple[NotCovered, ...] = ()
    path: str = ""
    kinds: tuple[Kind, ...] = ()
    sources: tuple[Source, ...] = ()  # every line's and channel's, in catalogue order

    def kind(self, kind_id: str | None) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def provider(self, provider_id: str | None) -> Provider | None:
        return next((p for p in self.providers if p.id == provider_id), None)

    def by_keypad(self, digit: str) -> Provider | None:
        return next((p for p in self.providers if p.keypad == digit), None)

    def dialable(self, e164: str) -> bool:
        """Whether a number may be dialled: a transfer line of the catalogue, nothing else, ever."""
        return any(line.transfer and line.dial_e164 == e164 for p in self.providers for line in p.lines)


class CatalogueError(Exception):
    def __init__(self, faults: list[str]):
        super().__init__("\n".join(faults))
        self.faults = faults


def to_e164(number: str) -> str | None:
    """E.164 form of a Japanese number written as the catalogue writes it, or None if it is not one."""
    return numbers.to_e164(number)


def reachable_from_abroad(e164: str) -> bool:
    return numbers.parse(e164).reachable_from_abroad


# --- schema -------------------------------------------------------------------------------------
# key -> required?  (types are checked by the builders below, which know each field's meaning)
PROVIDER_KEYS = {"id": True, "name": True, "spoken_name": False, "keypad": False, "words": True,
                 "general_line": True, "lines": True, "channels": False, "problems": True}
LINE_KEYS = {"id": True, "name": True, "name_abroad": False, "number": True, "purpose": True, "hours": True,
             "cost": True, "reach": True, "transfer": True, "dial": False, "kind": False, "urgent": False,
             "note": False, "note_abroad": False, "menu": False, "source": True, "quotes": False}
CHANNEL_KEYS = {"id": True, "name": True, "kind": True, "how": True, "hours": True, "source": False, "quotes": False}
MENU_KEYS = {"keys": True, "what": True, "kinds": False, "operator": False}
KIND_KEYS = {"id": True, "name": True, "spoken": False, "words": False, "examples": False, "urgent": False,
             "abroad": False}
PROBLEM_KEYS = {"kind": True, "name": False, "spoken": False, "words": False, "lines": True, "channels": False,
                "prepare": True, "info": False, "menu": False, "note": False, "abroad_as": False}
HOURS_KEYS = {"weekly": True, "holidays": False, "closed_dates": False}
WINDOW_KEYS = {"days": True, "open": True, "close": True}
NOT_COVERED_KEYS = {"name": True, "words": True, "of": False, "brand_on": False}


@dataclass
class _Checker:
    path: str
    faults: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def fault(self, node: Any, key: Any, message: str) -> None:
        self.faults.append(f"{self.path}:{yamltext.line_of(node, key)}: {message}")

    def keys(self, node: Any, allowed: dict[str, bool], what: str, where: Any = None) -> bool:
        if not isinstance(node, Map):
            self.fault(where if where is not None else node, None, f"{what} must be a mapping")
            return False
        for key in node:
            if key not in allowed:
                self.fault(node, key, f"unknown key '{key}' in {what} (expected one of: {', '.join(allowed)})")
        for key, required in allowed.items():
            if required and key not in node:
                self.fault(node, None, f"missing key '{key}' in {what}")
        return True

    def text(self, node: Map, key: str, what: str, default: str = "") -> str:
        value = node.get(key, default)
        if not isinstance(value, str) or (key in node and value.strip() == ""):
            self.fault(node, key, f"{what}.{key} must be a non-empty text")
            return default
        return str(value)

    def flag(self, node: Map, key: str, what: str, default: bool = False) -> bool:
        if key not in node:
            return default
        value = node[key]
        if not isinstance(value, str) or value.lower() not in ("true", "false"):
            self.fault(node, key, f"{what}.{key} must be true or false, not '{value}'")
            return default
        return value.lower() == "true"

    def texts(self, node: Map, key: str, what: str) -> tuple[str, ...]:
        value = node.get(key, [])
        if not isinstance(value, list) or any(not isinstance(v, str) or not v.strip() for v in value):
            self.fault(node, key, f"{what}.{key} must be a list of non-empty texts")
            return ()
        return tuple(str(v) for v in value)

    def choice(self, node: Map, key: str, options: Iterable[str], what: str, default: str) -> str:
        value = str(node.get(key, default))
        if value not in options:
            self.fault(node, key, f"{what}.{key} '{value}' is not one of: {', '.join(options)}")
            return default
        return value


def _clock(check: _Checker, node: Map, key: str, what: str) -> int | None:
    value = str(node.get(key, ""))
    match = _CLOCK.match(value)
    if not match or int(match[1]) * 60 + int(match[2]) > 1440:
        check.fault(node, key, f"{what}.{key} '{value}' is not a time of day HH:MM (quote it: \"09:30\")")
        return None
    return int(match[1]) * 60 + int(match[2])


def _days(check: _Checker, node: Map, what: str) -> frozenset[int] | None:
    raw = str(node.get("days", "")).strip().lower()
    if raw in ("every day", "everyday", "daily"):
        return ALL_DAYS
    if raw == "weekdays":
        return WEEKDAYS
    days: set[int] = set()
    for part in re.split(r"[,\s]+", raw):
        ends = part.split("-")
        if not part or len(ends) > 2 or any(end not in DAY_KEYS for end in ends):
            check.fault(node, "days", f"{what}.days '{raw}' is not a day list such as mon-fri, sat, sun or 'every day'")
            return None
        first, last = DAY_KEYS.index(ends[0]), DAY_KEYS.index(ends[-1])
        if last < first:
            check.fault(node, "days", f"{what}.days range '{part}' runs backwards")
            return None
        days.update(range(first, last + 1))
    return frozenset(days)


def _hours(check: _Checker, owner: Map, what: str) -> Hours:
    node = owner.get("hours")
    if isinstance(node, str) and node.strip().lower() in ("24h", "24/7", "always"):
        return Hours.around_the_clock()
    if not check.keys(node, HOURS_KEYS, f"{what}.hours", where=owner):
        return Hours()
    windows: list[Window] = []
    weekly = node.get("weekly")
    if not isinstance(weekly, list) or not weekly:
        check.fault(node, "weekly", f"{what}.hours.weekly must be a non-empty list of {{days, open, close}}")
        weekly = []
    for index, item in enumerate(weekly):
        where = f"{what}.hours.weekly[{index}]"
        if not check.keys(item, WINDOW_KEYS, where, where=weekly):
            continue
        days, start, end = _days(check, item, where), _clock(check, item, "open", where), _clock(check, item, "close", where)
        if days is None or start is None or end is None:
            continue
        if start >= end:
            check.fault(item, "close", f"{where}: closing time {item['close']} is not after opening time {item['open']}")
            continue
        for other in windows:
            if other.days & days and start < other.close and other.open < end:
                check.fault(item, None, f"{where} overlaps another window of the same line on the same day")
        windows.append(Window(days, start, end))
    holidays_mode = check.choice(node, "holidays", ("open", "closed"), f"{what}.hours", "open")
    closed_dates = []
    for index, value in enumerate(check.texts(node, "closed_dates", f"{what}.hours")):
        where = (node["closed_dates"], index)  # the item's own line when the list spans several
        match = _MONTH_DAY.match(value)
        if not match:
            check.fault(*where, f"{what}.hours.closed_dates '{value}' is not MM-DD")
            continue
        if int(match[2]) > calendar.monthrange(2024, int(match[1]))[1]:  # 2024: a leap year, so 02-29 is a date
            check.fault(*where, f"{what}.hours.closed_dates '{value}' is not a date: "
                                f"month {int(match[1])} has no day {int(match[2])}")
            continue
        closed_dates.append((int(match[1]), int(match[2])))
    return Hours(tuple(windows), False, holidays_mode == "closed", tuple(closed_dates))


def _build_line(check: _Checker, node: Map, what: str) -> Line | None:
    if not check.keys(node, LINE_KEYS, what):
        return None
    line_id = check.text(node, "id", what)
    what = f"{what} '{line_id}'"
    kind = check.choice(node, "kind", LINE_KINDS, what, "voice")
    number = check.text(node, "number", what)
    published = _number(check, node, "number", what, number, kind == "fax") if number else None
    dial = node.get("dial")
    dialled = _number(check, node, "dial", what, str(dial), kind == "fax") if dial is not None else published
    reach = frozenset(check.texts(node, "reach", what))
    for region in reach - set(REGIONS):
        check.fault(node, "reach", f"{what}.reach '{region}' is not one of: {', '.join(REGIONS)}")
    transfer = check.flag(node, "transfer", what)
    if transfer and kind == "fax":
        check.fault(node, "transfer", f"{what} is a fax line: it can be read out but never dialled (transfer: false)")
    for label, value in (("number", published), ("dial", dialled)):
        if value and "abroad" in reach and not value.reachable_from_abroad:
            check.fault(node, label, f"{what}: {value.e164} cannot be dialled from abroad, but reach lists 'abroad'")
    e164 = published.e164 if published else ""
    return Line(
        id=line_id, name=check.text(node, "name", what), number=number, e164=e164,
        purpose=check.text(node, "purpose", what), hours=_hours(check, node, what),
        cost=check.choice(node, "cost", COSTS, what, "paid"), reach=reach, transfer=transfer,
        dial_e164=dialled.e164 if dialled else "", kind=kind, urgent=check.flag(node, "urgent", what),
        source=check.text(node, "source", what),
        national=published.national if published else "",
        international=published.international if published and published.reachable_from_abroad else "",
        name_abroad=_optional(check, node, "name_abroad", what), note=_optional(check, node, "note", what),
        note_abroad=_optional(check, node, "note_abroad", what), menu=_menu(check, node, what),
        quotes=_quotes(check, node, what),
    )


def _optional(check: _Checker, node: Map, key: str, what: str) -> str:
    return check.text(node, key, what) if key in node else ""


def _quotes(check: _Checker, node: Map, what: str) -> tuple[Quote, ...]:
    """The source's words that state this entry; each is looked up in the source file by `ivr check`."""
    texts = check.texts(node, "quotes", what)
    if texts and "source" not in node:
        check.fault(node, "quotes", f"{what} quotes a source but names none (source: …)")
    items = node.get("quotes") or []
    quotes = tuple(Quote(str(node.get("source", "")), text, yamltext.line_of(items, index))
                   for index, text in enumerate(texts))
    if isinstance(node.get("source"), str) and node["source"].strip():
        check.sources.append(Source(str(node["source"]), yamltext.line_of(node, "source"), quotes))
    return quotes


def _menu(check: _Checker, node: Map, what: str) -> tuple[MenuKey, ...]:
    items = node.get("menu", [])
    if not isinstance(items, list):
        check.fault(node, "menu", f"{what}.menu must be a list of {{keys, what, kinds}}")
        return ()
    menu = []
    for index, item in enumerate(items):
        where = f"{what}.menu[{index}]"
        if not check.keys(item, MENU_KEYS, where, where=items):
            continue
        keys = check.texts(item, "keys", where)
        for key in keys:
            if not re.fullmatch(r"[0-9*#]", key):
                check.fault(item, "keys", f"{where}: key '{key}' is not one keypad key (0-9, * or #)")
        operator = check.flag(item, "operator", where)
        kinds = check.texts(item, "kinds", where)
        if not kinds and not operator:
            check.fault(item, None, f"{where} serves no problem: give it kinds, or operator: true")
        menu.append(MenuKey(keys, check.text(item, "what", where), kinds, operator))
    return tuple(menu)


def _number(check: _Checker, node: Map, key: str, what: str, written: str, fax: bool) -> numbers.Number | None:
    try:
        return numbers.parse(written, fax=fax)
    except numbers.NumberFault as fault:
        check.fault(node, key, f"{what}: {fault}")
        return None


def _build_channel(check: _Checker, node: Map, what: str) -> Channel | None:
    if not check.keys(node, CHANNEL_KEYS, what):
        return None
    channel_id = check.text(node, "id", what)
    what = f"{what} '{channel_id}'"
    return Channel(channel_id, check.text(node, "name", what), check.choice(node, "kind", CHANNEL_KINDS, what, "web"),
                   check.text(node, "how", what), _hours(check, node, what), check.text(node, "source", what),
                   _quotes(check, node, what))


def _build_kind(check: _Checker, node: Map, what: str) -> Kind | None:
    if not check.keys(node, KIND_KEYS, what):
        return None
    kind_id = check.text(node, "id", what)
    what = f"kind '{kind_id}'"
    words = check.texts(node, "words", what)
    name = check.text(node, "name", what)
    return Kind(kind_id, name, words, check.texts(node, "examples", what), check.flag(node, "urgent", what),
                check.flag(node, "abroad", what), check.text(node, "spoken", what))


def _build_problem(check: _Checker, node: Map, what: str, lines: dict[str, Line],
                   channels: dict[str, Channel], kinds: dict[str, Kind]) -> Problem | None:
    if not check.keys(node, PROBLEM_KEYS, what):
        return None
    kind_id = check.text(node, "kind", what)
    what = f"{what} '{kind_id}'"
    kind = kinds.get(kind_id)
    if kind is None and kind_id and "name" in node and "words" in node:
        # A problem of this provider only (アメックスのFAX窓口): it names itself and says its own words.
        kind = Kind(kind_id, check.text(node, "name", what), ())
    if kind is None:
        if kind_id:
            check.fault(node, "kind", f"{what}: there is no kind '{kind_id}' (kinds: {', '.join(kinds)}); a problem "
                                      "of this provider only needs its own name and words")
        return None
    line_ids, channel_ids = check.texts(node, "lines", what), check.texts(node, "channels", what)
    for line_id in line_ids:
        if line_id not in lines:
            check.fault(node, "lines", f"{what} refers to line '{line_id}', which this provider does not have")
    for channel_id in channel_ids:
        if channel_id not in channels:
            check.fault(node, "channels", f"{what} refers to channel '{channel_id}', which this provider does not have")
    info = check.text(node, "info", what) if "info" in node else ""
    if not line_ids and not info:
        check.fault(node, "lines", f"{what} has no line; give it 'info' saying where the caller should turn")
    known = [lines[i] for i in line_ids if i in lines]
    if known and all(line.kind != "voice" for line in known) and not info:
        check.fault(node, "lines", f"{what} has only a fax line: give it a voice line a caller can be given, "
                                   "or 'info' saying what the fax is for (its number is read out)")
    if kind.abroad and known and not any("abroad" in line.reach for line in known):
        check.fault(node, "lines", f"{what} is for callers abroad, but none of its lines can be reached from abroad")
    name = check.text(node, "name", what) if "name" in node else kind.name
    spoken = check.text(node, "spoken", what, default=kind.spoken or name)
    words = tuple(dict.fromkeys(kind.words + check.texts(node, "words", what)))
    return Problem(kind.id, name, words, line_ids, channel_ids, check.texts(node, "prepare", what),
                   kind.urgent, kind.abroad, info, check.flag(node, "menu", what, default=True), spoken,
                   _optional(check, node, "note", what), _optional(check, node, "abroad_as", what))


def _build_provider(check: _Checker, node: Map, what: str, kinds: dict[str, Kind]) -> Provider | None:
    if not check.keys(node, PROVIDER_KEYS, what):
        return None
    provider_id = check.text(node, "id", what)
    what = f"provider '{provider_id}'"
    lines = _build_all(check, node, "lines", what, lambda n, w: _build_line(check, n, w))
    channels = _build_all(check, node, "channels", what, lambda n, w: _build_channel(check, n, w))
    by_id = {line.id: line for line in lines}
    channel_ids = {channel.id: channel for channel in channels}
    problems = _build_all(check, node, "problems", what,
                          lambda n, w: _build_problem(check, n, w, by_id, channel_ids, kinds))
    problem_ids = {problem.id for problem in problems}
    for problem in problems:
        if problem.abroad_as and problem.abroad_as not in problem_ids:
            problem_node = next(n for n in node["problems"] if isinstance(n, dict) and n.get("kind") == problem.id)
            check.fault(problem_node, "abroad_as", f"{what} problem '{problem.id}': abroad_as names "
                                                   f"'{problem.abroad_as}', which this provider does not handle")
    for line_node, line in zip(node.get("lines") or [], lines):
        for key in line.menu:
            for kind_id in set(key.kinds) - problem_ids:
                check.fault(line_node, "menu", f"{what}: line '{line.id}' menu names problem '{kind_id}', "
                                               "which this provider does not handle")
    seen_numbers: dict[str, str] = {}
    for line_node, line in zip(node.get("lines") or [], lines):
        if line.e164 and line.e164 in seen_numbers:
            check.fault(line_node, "number", f"{what}: line '{line.id}' has the same number ({line.e164}) "
                                             f"as line '{seen_numbers[line.e164]}'")
        seen_numbers.setdefault(line.e164, line.id)
    general = check.text(node, "general_line", what)
    if general and general not in by_id:
        check.fault(node, "general_line", f"{what}: general_line '{general}' is not one of its lines")
    elif general and not by_id[general].transfer:
        check.fault(node, "general_line", f"{what}: general_line '{general}' cannot be transferred to")
    keypad = str(node.get("keypad", ""))
    if "keypad" in node and not re.fullmatch(r"[1-9]", keypad):
        check.fault(node, "keypad", f"{what}: keypad must be one digit 1-9 (or no keypad key: reached by name), "
                                    f"not '{keypad}'")
        keypad = ""
    _check_problem_words(check, node, what, problems)
    return Provider(provider_id, check.text(node, "name", what),
                    check.text(node, "spoken_name", what, default=str(node.get("name", ""))), keypad,
                    check.texts(node, "words", what), general, tuple(lines), tuple(channels), tuple(problems))


def _build_all(check: _Checker, node: Map, key: str, what: str, build) -> list:
    items = node.get(key, [])
    if items is None or not isinstance(items, list):
        check.fault(node, key, f"{what}.{key} must be a list")
        return []
    built, seen = [], set()
    for index, item in enumerate(items):
        result = build(item, f"{what} {key}[{index}]") if isinstance(item, Map) else None
        if not isinstance(item, Map):
            check.fault(items, index, f"{what}.{key}[{index}] must be a mapping")
        if result is None:
            continue
        item_id = getattr(result, "id", None) or getattr(result, "name")
        if item_id in seen:
            check.fault(item, "id", f"{what}: duplicate {key[:-1]} id '{item_id}'")
        seen.add(item_id)
        built.append(result)
    return built


def parse(text: str, path: str = "providers.yaml") -> Catalogue:
    check = _Checker(path)
    try:
        root = yamltext.load(text)
    except yamltext.YamlFault as fault:
        raise CatalogueError([f"{path}:{fault.line}: {fault.message}"]) from None
    if not check.keys(root, {"kinds": True, "providers": True, "not_covered": False}, "the catalogue", where=Map(1)):
        raise CatalogueError(check.faults)
    kinds = _build_all(check, root, "kinds", "the catalogue", lambda n, w: _build_kind(check, n, w))
    by_kind = {kind.id: kind for kind in kinds}
    providers = _build_all(check, root, "providers", "the catalogue",
                           lambda n, w: _build_provider(check, n, w, by_kind))
    not_covered = _build_all(check, root, "not_covered", "the catalogue", lambda n, w: NotCovered(
        check.text(n, "name", w), check.texts(n, "words", w), check.text(n, "of", w) if "of" in n else "",
        check.texts(n, "brand_on", w) if "brand_on" in n else ())
        if check.keys(n, NOT_COVERED_KEYS, w) else None)
    known = {p.id for p in providers}
    for node, other in zip(root.get("not_covered") or [], not_covered):
        if other.of and other.of not in known:
            check.fault(node, "of", f"not_covered '{other.name}': 'of' names no provider ('{other.of}')")
        for provider_id in set(other.brand_on) - known:
            check.fault(node, "brand_on", f"not_covered '{other.name}': 'brand_on' names no provider ('{provider_id}')")
    _check_names(check, root, providers, not_covered)
    keypads: dict[str, str] = {}
    for node, provider in zip(root.get("providers") or [], providers):
        if not provider.keypad:
            continue
        if provider.keypad in keypads:
            check.fault(node, "keypad", f"provider '{provider.id}' uses keypad {provider.keypad}, "
                                        f"already used by '{keypads[provider.keypad]}'")
        keypads.setdefault(provider.keypad, provider.id)
    if not providers and not check.faults:
        check.fault(root, "providers", "the catalogue lists no provider")
    if check.faults:
        raise CatalogueError(check.faults)
    return Catalogue(tuple(providers), tuple(not_covered), path, tuple(kinds), tuple(check.sources))


def shipped_path() -> Path:
    """The catalogue installed with the package (in a checkout, the top-level providers.yaml people edit)."""
    from importlib import resources

    return Path(str(resources.files("ivr") / "providers.yaml")).resolve()


def load(path: str | Path) -> Catalogue:
    """The catalogue at `path`, parsed once per version of the file (the objects are immutable)."""
    path = Path(path)
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None:
        return _load_version(str(path), info.st_mtime_ns, info.st_size)
    return _load_text(path)


@lru_cache(maxsize=8)
def _load_version(path: str, _mtime_ns: int, _size: int) -> Catalogue:
    return _load_text(Path(path))


def _load_text(path: Path) -> Catalogue:
    try:
        text = _read(path)
    except OSError as error:
        raise CatalogueError([f"{path}:1: cannot read the catalogue: {error.strerror}"]) from None
    except UnicodeDecodeError:
        raise CatalogueError([f"{path}:1: the catalogue is not UTF-8 text"]) from None
    return parse(text, str(path))


def _read(path: Path) -> str:
    """The file's text, refusing what is not a regular file before opening it (a FIFO would block the open,
    /dev/zero never ends) and reading no more than a catalogue can be."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        what = "a directory" if stat.S_ISDIR(info.st_mode) else "a FIFO" if stat.S_ISFIFO(info.st_mode) else \
            "a device or special file"
        raise CatalogueError([f"{path}:1: cannot read the catalogue: it is {what}, not a regular file"])
    with path.open("rb") as file:
        data = file.read(yamltext.MAX_BYTES + 1)
    if len(data) > yamltext.MAX_BYTES:
        raise CatalogueError([f"{path}:1: the file is larger than {yamltext.MAX_BYTES // 1_000_000} MB: "
                              "not a catalogue"])
    return data.decode("utf-8")


def _folded(word: str) -> str:
    return unicodedata.normalize("NFKC", word).lower().replace(" ", "").replace("・", "")


def _check_names(check: _Checker, root: Map, providers: list[Provider], not_covered: list[NotCovered]) -> None:
    """A word names one provider only, and nothing is both covered and not covered."""
    owner: dict[str, str] = {}
    for node, provider in zip(root.get("providers") or [], providers):
        for word in (provider.name, provider.spoken_name, *provider.words):
            other = owner.setdefault(_folded(word), provider.id)
            if other != provider.id:
                check.fault(node, "words", f"provider '{provider.id}': the word '{word}' already names "
                                           f"provider '{other}'")
    for node, other in zip(root.get("not_covered") or [], not_covered):
        for word in (other.name, *other.words):
            if _folded(word) in owner:
                check.fault(node, "name", f"not_covered '{other.name}': '{word}' names the covered provider "
                                          f"'{owner[_folded(word)]}'")


def _check_problem_words(check: _Checker, node: Map, what: str, problems: list[Problem]) -> None:
    """Within one provider a word means one problem: otherwise what the caller said is ambiguous."""
    owner: dict[str, str] = {}
    items = node.get("problems") or []
    for item, problem in zip(items, problems):
        for word in problem.words:
            other = owner.setdefault(_folded(word), problem.id)
            if other != problem.id:
                check.fault(item, "kind", f"{what}: the word '{word}' means both '{other}' and '{problem.id}'")
