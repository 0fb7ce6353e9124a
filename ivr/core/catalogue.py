"""providers.yaml loaded and validated into typed, immutable objects.

Every fault is reported as `PATH:LINE: message`, all of them at once, so a person editing the file
can fix it in one pass. Numbers are validated and compared in E.164 with `phonenumbers`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import phonenumbers
from . import yamltext
from .hours import ALL_DAYS, DAY_KEYS, WEEKDAYS, Hours, Window
from .yamltext import Map

REGIONS = ("domestic", "mobile", "abroad")
COSTS = ("free", "paid")
LINE_KINDS = ("voice", "fax")
CHANNEL_KINDS = ("chat", "app", "web", "form", "callback", "email")
# Japanese toll-free (0120/0800) and navi-dial (0570) numbers cannot be dialled from outside Japan.
DOMESTIC_ONLY_TYPES = {phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.UAN,
                       phonenumbers.PhoneNumberType.SHARED_COST}
_CLOCK = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")
_PHONE_TEXT = re.compile(r"\+?[\d\- ()]+")
_MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


@dataclass(frozen=True)
class Line:
    id: str
    name: str
    number: str  # as the provider publishes it; this grouping is what callers hear
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


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    kind: str
    how: str
    hours: Hours
    source: str = ""


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


@dataclass(frozen=True)
class NotCovered:
    name: str
    words: tuple[str, ...]
    of: str = ""  # a covered provider's brand on a product that is not covered (アメックスの他のカード)


@dataclass(frozen=True)
class Catalogue:
    providers: tuple[Provider, ...]
    not_covered: tuple[NotCovered, ...] = ()
    path: str = ""
    kinds: tuple[Kind, ...] = ()

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
    """E.164 form of a Japanese or international number, or None if it is not a valid number.
    Only digits, one leading +, hyphens, spaces and brackets are accepted: phonenumbers alone would
    read letters as a keypad (vanity) number and drop an empty extension."""
    if not _PHONE_TEXT.fullmatch(number.strip()):
        return None
    try:
        parsed = phonenumbers.parse(number, "JP")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def reachable_from_abroad(e164: str) -> bool:
    return phonenumbers.number_type(phonenumbers.parse(e164)) not in DOMESTIC_ONLY_TYPES


# --- schema -------------------------------------------------------------------------------------
# key -> required?  (types are checked by the builders below, which know each field's meaning)
PROVIDER_KEYS = {"id": True, "name": True, "spoken_name": False, "keypad": False, "words": True,
                 "general_line": True, "lines": True, "channels": False, "problems": True}
LINE_KEYS = {"id": True, "name": True, "number": True, "purpose": True, "hours": True, "cost": True,
             "reach": True, "transfer": True, "dial": False, "kind": False, "urgent": False, "source": True}
CHANNEL_KEYS = {"id": True, "name": True, "kind": True, "how": True, "hours": True, "source": False}
KIND_KEYS = {"id": True, "name": True, "spoken": False, "words": False, "examples": False, "urgent": False,
             "abroad": False}
PROBLEM_KEYS = {"kind": True, "name": False, "spoken": False, "words": False, "lines": True, "channels": False,
                "prepare": True, "info": False, "menu": False}
HOURS_KEYS = {"weekly": True, "holidays": False, "closed_dates": False}
WINDOW_KEYS = {"days": True, "open": True, "close": True}
NOT_COVERED_KEYS = {"name": True, "words": True, "of": False}


@dataclass
class _Checker:
    path: str
    faults: list[str] = field(default_factory=list)

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
    for value in check.texts(node, "closed_dates", f"{what}.hours"):
        match = _MONTH_DAY.match(value)
        if not match:
            check.fault(node, "closed_dates", f"{what}.hours.closed_dates '{value}' is not MM-DD")
            continue
        closed_dates.append((int(match[1]), int(match[2])))
    return Hours(tuple(windows), False, holidays_mode == "closed", tuple(closed_dates))


def _build_line(check: _Checker, node: Map, what: str) -> Line | None:
    if not check.keys(node, LINE_KEYS, what):
        return None
    line_id = check.text(node, "id", what)
    what = f"{what} '{line_id}'"
    number = check.text(node, "number", what)
    e164 = to_e164(number)
    if number and e164 is None:
        check.fault(node, "number", f"{what}: '{number}' is not a valid Japanese or international phone number")
    dial = node.get("dial")
    dial_e164 = to_e164(str(dial)) if dial is not None else e164
    if dial is not None and dial_e164 is None:
        check.fault(node, "dial", f"{what}: dial number '{dial}' is not a valid phone number")
    reach = frozenset(check.texts(node, "reach", what))
    for region in reach - set(REGIONS):
        check.fault(node, "reach", f"{what}.reach '{region}' is not one of: {', '.join(REGIONS)}")
    kind = check.choice(node, "kind", LINE_KINDS, what, "voice")
    transfer = check.flag(node, "transfer", what)
    if transfer and kind == "fax":
        check.fault(node, "transfer", f"{what} is a fax line: it can be read out but never dialled (transfer: false)")
    for label, value in (("number", e164), ("dial", dial_e164)):
        if value and "abroad" in reach and not reachable_from_abroad(value):
            check.fault(node, label, f"{what}: {value} cannot be dialled from abroad, but reach lists 'abroad'")
    return Line(
        id=line_id, name=check.text(node, "name", what), number=number, e164=e164 or "",
        purpose=check.text(node, "purpose", what), hours=_hours(check, node, what),
        cost=check.choice(node, "cost", COSTS, what, "paid"), reach=reach, transfer=transfer,
        dial_e164=dial_e164 or "", kind=kind, urgent=check.flag(node, "urgent", what),
        source=check.text(node, "source", what),
    )


def _build_channel(check: _Checker, node: Map, what: str) -> Channel | None:
    if not check.keys(node, CHANNEL_KEYS, what):
        return None
    channel_id = check.text(node, "id", what)
    what = f"{what} '{channel_id}'"
    return Channel(channel_id, check.text(node, "name", what), check.choice(node, "kind", CHANNEL_KINDS, what, "web"),
                   check.text(node, "how", what), _hours(check, node, what), check.text(node, "source", what))


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
    if kind is None:
        if kind_id:
            check.fault(node, "kind", f"{what}: there is no kind '{kind_id}' (kinds: {', '.join(kinds)})")
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
    if known and all(line.kind != "voice" for line in known):
        check.fault(node, "lines", f"{what} has only a fax line: give it a voice line a caller can be given")
    if kind.abroad and known and not any("abroad" in line.reach for line in known):
        check.fault(node, "lines", f"{what} is for callers abroad, but none of its lines can be reached from abroad")
    name = check.text(node, "name", what) if "name" in node else kind.name
    spoken = check.text(node, "spoken", what, default=kind.spoken or name)
    words = tuple(dict.fromkeys(kind.words + check.texts(node, "words", what)))
    return Problem(kind.id, name, words, line_ids, channel_ids, check.texts(node, "prepare", what),
                   kind.urgent, kind.abroad, info, check.flag(node, "menu", what, default=True), spoken)


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
        check.text(n, "name", w), check.texts(n, "words", w), check.text(n, "of", w) if "of" in n else "")
        if check.keys(n, NOT_COVERED_KEYS, w) else None)
    known = {p.id for p in providers}
    for node, other in zip(root.get("not_covered") or [], not_covered):
        if other.of and other.of not in known:
            check.fault(node, "of", f"not_covered '{other.name}': 'of' names no provider ('{other.of}')")
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
    return Catalogue(tuple(providers), tuple(not_covered), path, tuple(kinds))


def shipped_path() -> Path:
    """The catalogue installed with the package (in a checkout, the top-level providers.yaml people edit)."""
    from importlib import resources

    return Path(str(resources.files("ivr") / "providers.yaml")).resolve()


def load(path: str | Path) -> Catalogue:
    """The catalogue at `path`, parsed once per version of the file (the objects are immutable)."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        stat = None
    if stat is not None:
        return _load_version(str(path), stat.st_mtime_ns, stat.st_size)
    return _load_text(path)


@lru_cache(maxsize=8)
def _load_version(path: str, _mtime_ns: int, _size: int) -> Catalogue:
    return _load_text(Path(path))


def _load_text(path: Path) -> Catalogue:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogueError([f"{path}:1: cannot read the catalogue: {error.strerror}"]) from None
    except UnicodeDecodeError:
        raise CatalogueError([f"{path}:1: the catalogue is not UTF-8 text"]) from None
    return parse(text, str(path))


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
