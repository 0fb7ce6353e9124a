"""`ivr check`: validate the catalogue and show every line, its hours and whether it is open."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import unicodedata

from ..core import provenance
from ..core.catalogue import Catalogue
from ..core.hours import DAY_KANJI, Hours, holiday_name, is_closed_day, is_open, next_opening, parse_moment, to_tokyo
from ..ja.phrasing import say_hours, say_when
from .common import add_at, add_providers, load_or_exit, providers_path

CLOSURE_DAYS = 60


def register(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check", help="validate providers.yaml and show every line with its hours")
    check.add_argument("path", nargs="?", help="catalogue file (default: the shipped providers.yaml)")
    add_at(check)
    add_providers(check)
    check.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    path = providers_path(args.path or args.providers)
    catalogue = load_or_exit(path)
    folder = provenance.seeds_folder(path)
    if folder is not None:
        faults = provenance.faults(catalogue, folder)
        if faults:
            for fault in faults:
                print(fault, file=sys.stderr)
            return 2

    from ..ja.lexicon import lexicon  # the language data must fit this catalogue too

    faults = lexicon().faults(catalogue)
    if faults:
        for fault in faults:
            print(fault, file=sys.stderr)
        return 2
    now = args.at or parse_moment(None)
    rows: list[tuple[str, ...]] = []
    for provider in catalogue.providers:
        rows.append((f"{provider.name} ({provider.id})",))
        for line in provider.lines:
            reopen = next_opening(line.hours, now)
            # In Japanese, like the hours beside it.
            if is_open(line.hours, now):
                status = "受付中"
            else:
                status = say_when(reopen, now) + "から" if reopen else "受付なし"
            kind = " (FAX)" if line.kind == "fax" else ""
            rows.append(("", line.id + kind, line.number, say_hours(line.hours), status))
    widths = [max(_width(r[i]) for r in rows if len(r) > 1) for i in range(1, 5)]
    for row in rows:
        if len(row) == 1:
            print(row[0])
            continue
        cells = (cell + " " * (w - _width(cell)) for cell, w in zip(row[1:], widths))
        print(("  " + "  ".join(cells)).rstrip())
    for row in closures(catalogue, now):
        print(row)
    print(_sources_row(catalogue, path, folder))
    counts = (len(catalogue.providers), sum(len(p.lines) for p in catalogue.providers),
              sum(len(p.problems) for p in catalogue.providers))
    for warning in _warnings(catalogue):
        print(f"{path}: warning: {warning}", file=sys.stderr)
    holiday = holiday_name(now.date())
    print(f"{path}: OK — {counts[0]} providers, {counts[1]} lines, {counts[2]} problems "
          f"(at {now.isoformat(timespec='minutes')}{', ' + holiday if holiday else ''})")
    return 0


def _warnings(catalogue) -> list[str]:
    """What the catalogue allows but a caller would regret: a lost or stolen card with no line open at night."""
    warnings = []
    for provider in catalogue.providers:
        lines = {line.id: line for line in provider.lines}
        for problem in provider.problems:
            if problem.id != "lost_stolen":
                continue
            voice = [lines[i] for i in problem.lines if i in lines and lines[i].kind != "fax"]
            if not any(line.hours.always for line in voice):
                warnings.append(f"{provider.name} ({provider.id}) has no 24-hour line for lost or stolen cards: "
                                f"a caller who loses a card at night is told to wait (list a line with hours: 24h "
                                f"under its lost_stolen problem)")
    return warnings


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)



def closures(catalogue: Catalogue, now: dt.datetime) -> list[str]:
    """The days of the next 60 the catalogue closes a line or channel that its weekly hours would open:
    its closed_dates, and national holidays for those closed on them. None are invented (the seeds name no
    year-end closure)."""
    today = to_tokyo(now).date()
    days: dict[dt.date, dict[str, list[str]]] = {}
    for provider in catalogue.providers:
        for item in (*provider.lines, *provider.channels):
            for offset in range(CLOSURE_DAYS):
                day = today + dt.timedelta(days=offset)
                if _closes(item.hours, day):
                    days.setdefault(day, {}).setdefault(provider.id, []).append(item.id)
    if not days:
        return [f"closures in the next {CLOSURE_DAYS} days: none the catalogue holds"]
    rows = [f"closures in the next {CLOSURE_DAYS} days (closed_dates, and holidays for lines closed on them):"]
    for day in sorted(days):
        why = holiday_name(day) or "closed_dates"
        for provider_id, ids in days[day].items():
            rows.append(f"  {day.isoformat()} ({DAY_KANJI[day.weekday()]}) {why}: {provider_id} {', '.join(ids)}")
    return rows


def _closes(hours: Hours, day: dt.date) -> bool:
    return (not hours.always and is_closed_day(hours, day)
            and any(day.weekday() in window.days for window in hours.windows))


def _sources_row(catalogue: Catalogue, path: str, folder) -> str:
    if folder is None:
        return "sources not checked: no seeds folder beside the catalogue (seeds/, ../shared/seeds, $IVR_SEEDS)"
    quotes = sum(len(source.quotes) for source in catalogue.sources)
    files = len({source.file for source in catalogue.sources})
    where = os.path.relpath(folder, os.path.dirname(os.path.abspath(path)))
    return f"sources: {len(catalogue.sources)} entries cite {files} files of {where}, {quotes} quotes found there"
