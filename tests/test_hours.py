import pytest

from conftest import tokyo
from ivr.core.hours import ALL_DAYS, WEEKDAYS, Hours, Window, holiday_name, is_open, next_opening

WEEKDAY_9_17_NO_HOLIDAYS = Hours((Window(WEEKDAYS, 9 * 60, 17 * 60),), closed_on_holidays=True)
DAILY_930_1730 = Hours((Window(ALL_DAYS, 9 * 60 + 30, 17 * 60 + 30),))
ALWAYS = Hours.around_the_clock()


@pytest.mark.parametrize("moment, expected", [
    ("2026-11-24 09:29", False),  # the minute before opening
    ("2026-11-24 09:30", True),  # the opening minute
    ("2026-11-24 17:29", True),
    ("2026-11-24 17:30", False),  # [open, close): closing minute is closed
    ("2026-11-24 00:00", False),  # midnight
    ("2026-11-23 10:00", True),  # national holiday: this line is open every day
    ("2026-11-28 11:00", True),  # Saturday
])
def test_daily_line_edges(moment, expected):
    assert is_open(DAILY_930_1730, tokyo(moment)) is expected


@pytest.mark.parametrize("moment, expected", [
    ("2026-11-24 08:59", False),
    ("2026-11-24 09:00", True),
    ("2026-11-24 16:59", True),
    ("2026-11-24 17:00", False),
    ("2026-11-23 10:00", False),  # 勤労感謝の日
    ("2027-03-22 10:00", False),  # substitute holiday for the vernal equinox on Sunday 2027-03-21
    ("2027-03-23 10:00", True),
    ("2026-11-28 10:00", False),  # Saturday
    ("2026-11-29 10:00", False),  # Sunday
])
def test_weekday_line_closed_on_weekends_and_holidays(moment, expected):
    assert is_open(WEEKDAY_9_17_NO_HOLIDAYS, tokyo(moment)) is expected


def test_holiday_names_come_from_the_library():
    assert holiday_name(tokyo("2026-11-23 00:00").date()) == "勤労感謝の日"
    assert holiday_name(tokyo("2027-03-22 00:00").date()) is not None
    assert holiday_name(tokyo("2026-11-24 00:00").date()) is None


@pytest.mark.parametrize("moment", ["2026-11-24 03:00", "2026-12-31 23:59", "2027-01-01 00:00", "2026-11-23 12:00"])
def test_24_hour_line_is_always_open(moment):
    assert is_open(ALWAYS, tokyo(moment))
    assert next_opening(ALWAYS, tokyo(moment)) == tokyo(moment)


@pytest.mark.parametrize("moment, opens", [
    ("2026-11-24 09:15", "2026-11-24 09:30"),  # later today
    ("2026-11-24 17:30", "2026-11-25 09:30"),  # closed at closing minute: tomorrow
    ("2026-11-24 23:59", "2026-11-25 09:30"),
])
def test_next_opening_of_daily_line(moment, opens):
    assert next_opening(DAILY_930_1730, tokyo(moment)) == tokyo(opens)


@pytest.mark.parametrize("moment, opens", [
    ("2026-11-20 17:00", "2026-11-24 09:00"),  # Friday evening -> skips weekend and Monday 11/23 holiday
    ("2026-11-22 10:00", "2026-11-24 09:00"),  # Sunday before a Monday holiday
    ("2027-03-19 18:00", "2027-03-23 09:00"),  # Friday before the substitute holiday
    ("2026-11-24 08:00", "2026-11-24 09:00"),
])
def test_next_opening_skips_weekends_and_holidays(moment, opens):
    assert next_opening(WEEKDAY_9_17_NO_HOLIDAYS, tokyo(moment)) == tokyo(opens)


def test_exceptional_closed_dates():
    hours = Hours((Window(ALL_DAYS, 9 * 60, 17 * 60),), closed_dates=((12, 31), (1, 1)))
    assert not is_open(hours, tokyo("2026-12-31 10:00"))
    assert next_opening(hours, tokyo("2026-12-30 18:00")) == tokyo("2027-01-02 09:00")


def test_naive_moment_is_tokyo_and_other_zones_are_converted():
    import datetime as dt
    from zoneinfo import ZoneInfo
    assert is_open(DAILY_930_1730, dt.datetime(2026, 11, 24, 9, 30))
    # 00:30 UTC is 09:30 in Tokyo
    assert is_open(DAILY_930_1730, dt.datetime(2026, 11, 24, 0, 30, tzinfo=ZoneInfo("UTC")))
    assert not is_open(DAILY_930_1730, dt.datetime(2026, 11, 24, 0, 29, tzinfo=ZoneInfo("UTC")))
