"""Opening hours in Asia/Tokyo: is a line open at a moment, and when does it next open.

Intervals are half-open, [open, close): a line open until 17:30 is closed at 17:30.
Japanese national and substitute holidays come from the `holidays` library.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

TOKYO = ZoneInfo("Asia/Tokyo")
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_KANJI = ("月", "火", "水", "木", "金", "土", "日")
ALL_DAYS = frozenset(range(7))
WEEKDAYS = frozenset(range(5))
LOOKAHEAD_DAYS = 21


@dataclass(frozen=True)
class Window:
    days: frozenset[int]  # 0 = Monday
    open: int  # minutes since midnight
    close: int  # minutes since midnight, up to 1440


@dataclass(frozen=True)
class Hours:
    windows: tuple[Window, ...] = ()
    always: bool = False
    closed_on_holidays: bool = False
    closed_dates: tuple[tuple[int, int], ...] = ()  # (month, day), every year

    @classmethod
    def around_the_clock(cls) -> "Hours":
        return cls(always=True)


@lru_cache(maxsize=8)
def _japan_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("JP", years=year, language="ja")


def holiday_name(day: dt.date) -> str | None:
    return _japan_holidays(day.year).get(day)


def to_tokyo(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=TOKYO)
    return moment.astimezone(TOKYO)


def is_closed_day(hours: Hours, day: dt.date) -> bool:
    if (day.month, day.day) in hours.closed_dates:
        return True
    return hours.closed_on_holidays and holiday_name(day) is not None


def is_open(hours: Hours, moment: dt.datetime) -> bool:
    if hours.always:
        return True
    now = to_tokyo(moment)
    if is_closed_day(hours, now.date()):
        return False
    minute = now.hour * 60 + now.minute
    weekday = now.weekday()
    return any(weekday in w.days and w.open <= minute < w.close for w in hours.windows)


def next_opening(hours: Hours, moment: dt.datetime) -> dt.datetime | None:
    """The moment the line is next open: `moment` itself if open now, None if never within three weeks."""
    if is_open(hours, moment):
        return to_tokyo(moment)
    now = to_tokyo(moment)
    for offset in range(LOOKAHEAD_DAYS):
        day = now.date() + dt.timedelta(days=offset)
        if is_closed_day(hours, day):
            continue
        for window in sorted(hours.windows, key=lambda w: w.open):
            if day.weekday() not in window.days:
                continue
            start = dt.datetime.combine(day, dt.time(window.open // 60, window.open % 60), TOKYO)
            if start > now:
                return start
    return None


def parse_moment(text: str | None) -> dt.datetime:
    """ISO-8601; a moment without an offset is Tokyo time; None is now. ValueError if not a moment."""
    if not text:
        return dt.datetime.now(TOKYO)
    return to_tokyo(dt.datetime.fromisoformat(text))
