"""The call log's statistics (what the console shows), against every call-log backend.

Each backend is one entry of BACKENDS: a function (request, tmp_path) -> an empty CallLog. The PostgreSQL
backend joins with one line, e.g.
    "postgresql": lambda request, tmp_path: open_log(request.getfixturevalue("postgres_url")),
and every test below runs against it too.
"""
import re

import pytest

from ivr.calllog import open_log
from ivr.calllog.sqlite import SqliteLog

BACKENDS = {
    "sqlite": lambda request, tmp_path: open_log(tmp_path / "calls.sqlite3"),
}

DAY = "2026-11-24"
TODAY = (f"{DAY}T00:00:00+09:00", "2026-11-25T00:00:00+09:00")
WEEK = ("2026-11-18T00:00:00+09:00", "2026-11-25T00:00:00+09:00")


@pytest.fixture(params=sorted(BACKENDS))
def calllog(request, tmp_path):
    log = BACKENDS[request.param](request, tmp_path)
    try:
        yield log
    finally:
        log.close()


def at(day: str, clock: str) -> str:
    return f"{day}T{clock}+09:00"


def add_call(log, sid, started, outcome=None, provider="rakuten_card", problem="lost_stolen",
             number="+81120866910", transfer=None, heard=(), rehearsal=False, caller="+81312345678"):
    """One call: its start, the caller's turns (text, understood), the decision, and the dial result."""
    log.start_call(sid, started, caller, rehearsal=rehearsal)
    seq = 0
    for seq, (text, understood) in enumerate(heard, start=1):
        log.log_turn(sid, seq, started, "speech", text, 0.8, understood, None)
    if outcome:
        decision = {"outcome": outcome, "provider": provider, "problem": problem,
                    "number": number if outcome in ("transfer", "closed") else None, "open": outcome == "transfer"}
        log.log_turn(sid, seq + 1, started, "dtmf", "1", None, True, decision)
    if transfer:
        log.record(sid, started, transfer_status=transfer)


@pytest.fixture
def week_of_calls(calllog):
    add_call(calllog, "CA01", at(DAY, "09:05:00"), "transfer", transfer="completed")
    add_call(calllog, "CA02", at(DAY, "09:40:10"), "transfer", transfer="busy")
    add_call(calllog, "CA03", at(DAY, "10:15:00"), "transfer")  # Twilio has not said how the dial ended yet
    add_call(calllog, "CA04", at(DAY, "23:59:59"), "closed", provider="amex", problem="points", number="+81120010120")
    add_call(calllog, "CA05", at("2026-11-21", "14:00:00"), "info", provider="amazon", problem="returns")
    add_call(calllog, "CA06", at("2026-11-18", "00:00:00"), "transfer", transfer="completed")  # the week's start
    add_call(calllog, "CA07", at("2026-11-17", "23:59:59"), "transfer", transfer="completed")  # the day before
    add_call(calllog, "CA08", at("2026-11-25", "00:00:00"), "transfer", transfer="completed")  # tomorrow
    add_call(calllog, "CA09", at(DAY, "11:00:00"), heard=[("ふにゃふにゃ", False)])  # hung up, nothing decided
    add_call(calllog, "TRY1", at(DAY, "10:30:00"), "transfer", transfer="completed", rehearsal=True)
    add_call(calllog, "TRY2", at(DAY, "10:31:00"), "closed", provider="amex", problem="points", rehearsal=True)
    return calllog


def test_today_and_the_week_count_real_calls_in_their_window(week_of_calls):
    today = week_of_calls.statistics(*TODAY)
    assert today["calls"] == 5
    assert dict(today["by"]["outcome"]) == {"transfer": 3, "closed": 1, "incomplete": 1}
    assert today["by"]["outcome"][0] == ("transfer", 3)  # most first
    assert dict(today["by"]["provider"]) == {"rakuten_card": 3, "amex": 1, "-": 1}
    assert dict(today["by"]["problem"]) == {"lost_stolen": 3, "points": 1, "-": 1}
    week = week_of_calls.statistics(*WEEK)
    assert week["calls"] == 7  # CA01-06 and CA09; not the day before, not tomorrow, no rehearsal
    assert dict(week["by"]["provider"]) == {"rakuten_card": 4, "amex": 1, "amazon": 1, "-": 1}


def test_a_call_whose_provider_is_unknown_counts_as_dash(calllog):
    add_call(calllog, "CA1", at(DAY, "09:00:00"), heard=[("えっと", False)])
    stats = calllog.statistics(*TODAY)
    assert stats["by"]["provider"] == [("-", 1)] and stats["by"]["outcome"] == [("incomplete", 1)]


def test_transfer_success_rate_counts_only_dials_that_ended(week_of_calls):
    transfers = week_of_calls.statistics(*TODAY)["transfers"]
    assert transfers["attempted"] == 3
    assert transfers["results"] == {"completed": 1, "busy": 1, "unknown": 1}
    assert transfers["ended"] == 2 and transfers["completed"] == 1
    assert transfers["success_rate"] == pytest.approx(0.5)
    assert week_of_calls.statistics(*WEEK)["transfers"]["success_rate"] == pytest.approx(2 / 3)


def test_no_transfer_has_no_rate_rather_than_zero(calllog):
    add_call(calllog, "CA1", at(DAY, "09:00:00"), "closed")
    transfers = calllog.statistics(*TODAY)["transfers"]
    assert transfers == {"attempted": 0, "ended": 0, "completed": 0, "results": {}, "success_rate": None}
    empty = calllog.statistics("2026-12-01T00:00:00+09:00", "2026-12-02T00:00:00+09:00")
    assert empty["calls"] == 0 and empty["per_hour"] == {} and empty["by"]["outcome"] == []


def test_calls_per_hour_in_tokyo_time(week_of_calls):
    assert week_of_calls.calls_per_hour(*TODAY) == {f"{DAY}T09": 2, f"{DAY}T10": 1, f"{DAY}T11": 1, f"{DAY}T23": 1}
    assert week_of_calls.calls_per_hour(*TODAY, rehearsal=True) == {f"{DAY}T10": 2}
    per_hour = week_of_calls.calls_per_hour(*WEEK)
    assert per_hour["2026-11-18T00"] == 1 and per_hour["2026-11-21T14"] == 1 and sum(per_hour.values()) == 7


def test_rehearsals_are_counted_apart(week_of_calls):
    rehearsals = week_of_calls.statistics(*TODAY, rehearsal=True)
    assert rehearsals["calls"] == 2
    assert dict(rehearsals["by"]["outcome"]) == {"transfer": 1, "closed": 1}
    assert rehearsals["transfers"]["success_rate"] == 1.0
    assert [c["call_sid"] for c in week_of_calls.calls_between(*TODAY, rehearsal=True)] == ["TRY2", "TRY1"]
    # `ivr calls` totals are real calls too
    assert dict(week_of_calls.totals("outcome"))["transfer"] == 6  # CA01-03, CA06-08


def test_recent_calls_latest_first_within_the_window(week_of_calls):
    calls = week_of_calls.calls_between(*WEEK, limit=3)
    assert [c["call_sid"] for c in calls] == ["CA04", "CA09", "CA03"]
    assert calls[0]["caller"] == "********5678"  # masked before any backend saw it
    assert calls[0]["outcome"] == "closed" and calls[0]["number"] == "+81120010120"
    assert week_of_calls.call("CA02")["transfer_status"] == "busy"
    assert week_of_calls.call("CA404") is None


def test_phrases_not_understood_ranked_with_their_calls(calllog):
    add_call(calllog, "CA1", at(DAY, "09:00:00"), heard=[("ふにゃふにゃ", False), ("JCBのカード", False)])
    add_call(calllog, "CA2", at(DAY, "09:10:00"), heard=[("ふにゃふにゃ", False), ("ふにゃふにゃ", False)])
    add_call(calllog, "CA3", at(DAY, "09:20:00"), heard=[("ふにゃふにゃ", False), ("楽天カード", True)])
    add_call(calllog, "CA4", at(DAY, "09:30:00"), heard=[("カード番号は4980123456789012です", False)])
    add_call(calllog, "TRY1", at(DAY, "09:40:00"), heard=[("リハーサルの言葉", False)], rehearsal=True)
    phrases = calllog.unheard_phrases()
    assert [(p["heard"], p["count"]) for p in phrases] == [
        ("ふにゃふにゃ", 4), ("カード番号は************9012です", 1), ("JCBのカード", 1)]
    assert [c["call_sid"] for c in phrases[0]["calls"]] == ["CA3", "CA2", "CA1"]  # latest first, each call once
    assert phrases[0]["last_at"] == at(DAY, "09:20:00")
    assert [c["call_sid"] for c in calllog.unheard_phrases(calls_each=2)[0]["calls"]] == ["CA3", "CA2"]
    assert [p["heard"] for p in calllog.unheard_phrases(limit=1)] == ["ふにゃふにゃ"]
    assert [p["heard"] for p in calllog.unheard_phrases(rehearsal=True)] == ["リハーサルの言葉"]
    assert [p["heard"] for p in calllog.unheard_phrases(since=at(DAY, "09:25:00"))] == [
        "カード番号は************9012です"]
    # `ivr calls`: the same phrases, ties in code-point order (the same on every backend)
    assert calllog.not_understood() == sorted(((p["heard"], p["count"]) for p in phrases), key=lambda p: (-p[1], p[0]))


def test_keypad_and_silence_are_not_phrases(calllog):
    calllog.start_call("CA1", at(DAY, "09:00:00"), None)
    calllog.log_turn("CA1", 1, at(DAY, "09:00:05"), "dtmf", "7", None, False, None)
    calllog.log_turn("CA1", 2, at(DAY, "09:00:10"), "silence", None, None, False, None)
    calllog.log_turn("CA1", 3, at(DAY, "09:00:15"), "speech", "", None, False, None)
    assert calllog.unheard_phrases() == []


def test_statistics_sql_is_portable(tmp_path):
    """Only SQL that PostgreSQL accepts too: no SQLite date functions or SQLite-only syntax."""
    seen: list[str] = []

    class Recording(SqliteLog):
        def _rows(self, sql, args=()):
            seen.append(sql)
            return super()._rows(sql, args)

    log = Recording(tmp_path / "calls.sqlite3")
    add_call(log, "CA1", at(DAY, "09:00:00"), "transfer", heard=[("ふにゃ", False)], transfer="completed")
    log.statistics(*TODAY)
    log.calls_between(*TODAY)
    log.unheard_phrases()
    log.call("CA1")
    log.close()
    sqlite_only = re.compile(r"\b(strftime|datetime|julianday|date|time|ifnull|group_concat|printf|instr|iif|"
                             r"glob|typeof|rowid)\s*\(|\browid\b|`|\bLIMIT\s+\?\s*,", re.IGNORECASE)
    assert seen and not [sql for sql in seen if sqlite_only.search(sql)]
    assert all(sql.count("?") >= 1 for sql in seen)
