"""The lines board: every line and channel of every provider, open or closed at a moment, and when that changes."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.catalogue import Catalogue, Channel, Line, Provider
from ..core.hours import LOOKAHEAD_DAYS, Hours, holiday_name, is_closed_day, is_open, next_opening, to_tokyo
from ..ja.phrasing import say_hours, say_when


@dataclass(frozen=True)
class LineNow:
    line: Line
    open: bool
    change: dt.datetime | None  # when it next closes (open now) or opens (closed now); None: never within weeks
    change_text: str
    hours_text: str
    closed_today: bool  # closed all day today: a national holiday or a closed date


@dataclass(frozen=True)
class ChannelNow:
    channel: Channel
    open: bool
    hours_text: str


@dataclass(frozen=True)
class ProviderNow:
    provider: Provider
    lines: tuple[LineNow, ...]
    channels: tuple[ChannelNow, ...]

    @property
    def open_lines(self) -> int:
        return sum(1 for line in self.lines if line.open and line.line.kind == "voice")


def next_closing(hours: Hours, moment: dt.datetime) -> dt.datetime | None:
    """When a line open at `moment` next closes; None when it is closed now or never closes within three weeks.
    Openness only changes at a window's edge or at midnight (holidays and closed dates are whole days)."""
    if hours.always or not is_open(hours, moment):
        return None
    now = to_tokyo(moment)
    for offset in range(LOOKAHEAD_DAYS):
        day = now.date() + dt.timedelta(days=offset)
        midnight = dt.datetime.combine(day, dt.time(0, 0), now.tzinfo)
        closes = [midnight + dt.timedelta(minutes=w.close) for w in hours.windows if day.weekday() in w.days]
        edges = [midnight, *closes]
        for edge in sorted(edges):
            if edge > now and not is_open(hours, edge):
                return edge
    return None


def line_now(line: Line, now: dt.datetime) -> LineNow:
    is_open_now = is_open(line.hours, now)
    if is_open_now:
        change = next_closing(line.hours, now)
        text = "24時間受付" if line.hours.always else (f"{say_when(change, now)}まで" if change else "当面受付")
    else:
        change = next_opening(line.hours, now)
        text = f"{say_when(change, now)}から" if change else "3週間以内の受付予定なし"
    return LineNow(line, is_open_now, change, text, say_hours(line.hours),
                   not line.hours.always and is_closed_day(line.hours, now.date()))


def board(catalogue: Catalogue, now: dt.datetime) -> dict:
    """What the board shows at `now`: today's holiday name (or None) and every provider's lines and channels."""
    now = to_tokyo(now)
    providers = tuple(ProviderNow(p, tuple(line_now(line, now) for line in p.lines),
                                  tuple(ChannelNow(c, is_open(c.hours, now), say_hours(c.hours)) for c in p.channels))
                      for p in catalogue.providers)
    return {"now": now, "holiday": holiday_name(now.date()), "providers": providers}
