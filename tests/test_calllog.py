"""The call log's behaviour, the same module against both backends: SQLite and a real PostgreSQL."""
import json
import logging
import sqlite3
import threading

import pytest

from ivr.calllog import GuardedLog, LogUnavailable, open_log
from ivr.calllog.postgres import without_password
from ivr.calllog.schema import MIGRATIONS, statements

AT = "2026-11-24T10:00:00+09:00"
TRANSFER = {"outcome": "transfer", "provider": "rakuten_card", "problem": "lost_card", "number": "+81120866910",
            "open": True}
CLOSED = {"outcome": "closed", "provider": "amazon", "problem": "returns", "number": "+81120899543", "open": False}


@pytest.fixture
def log(log_url):
    opened = open_log(log_url)
    yield opened
    opened.close()


def at(second: int) -> str:
    return f"2026-11-24T10:00:{second:02d}+09:00"


def test_a_call_and_its_turns_with_numbers_masked(log):
    log.start_call("CA1", at(0), "+819012345678")
    log.log_turn("CA1", 1, at(1), "speech", "えっと", 0.5, False, None)
    log.log_turn("CA1", 2, at(2), "speech", "カード番号は1234 5678 9012です", 0.83, True, TRANSFER)
    call = log.call("CA1")
    assert call["caller"] == "*********5678" and "+819012345678" not in json.dumps(call)
    assert (call["outcome"], call["provider"], call["number"], call["open"]) == ("transfer", "rakuten_card",
                                                                               "+81120866910", 1)
    turns = log.turns("CA1")
    assert [(t["seq"], t["kind"], t["understood"]) for t in turns] == [(1, "speech", 0), (2, "speech", 1)]
    assert turns[1]["heard"] == "カード番号は**** **** 9012です"
    assert turns[1]["confidence"] == 0.83  # a double in both databases, not a rounded float4
    assert isinstance(turns[1]["seq"], int) and isinstance(call["open"], int)


def test_every_write_is_idempotent(log):
    for _ in range(3):
        log.start_call("CA1", at(0), "+81312345678")
        log.log_turn("CA1", 1, at(1), "speech", "楽天カード", 0.9, True, None)
        log.log_step("CA1", 1, at(1), "<Response><Say>one</Say></Response>")
        log.end_call("CA1", at(30), "completed", 42)
    assert (log.count("calls"), log.count("turns"), log.count("steps")) == (1, 1, 1)
    log.log_step("CA1", 1, at(9), "<Response><Say>another answer</Say></Response>")
    assert log.step("CA1", 1)["twiml"] == "<Response><Say>one</Say></Response>"  # the first answer stays


def test_a_late_older_step_never_rewrites_what_a_later_one_recorded(log):
    log.start_call("CA1", at(0), None)
    log.log_turn("CA1", 2, at(2), "speech", "アマゾン", 0.9, True, CLOSED)
    log.log_step("CA1", 2, at(2), "<Response/>")
    log.log_turn("CA1", 1, at(1), "speech", "楽天カード", 0.9, True, TRANSFER)  # delivered late
    log.log_step("CA1", 1, at(1), "<Response/>")
    call = log.call("CA1")
    assert (call["outcome"], call["provider"], call["last_seq"]) == ("closed", "amazon", 2)
    assert [t["seq"] for t in log.turns("CA1")] == [1, 2]  # the late turn is still one of the call's turns


def test_step_tells_how_far_a_call_got(log):
    assert log.step("CA1", 1) is None
    log.start_call("CA1", at(0), None)
    assert log.step("CA1", 0) == {"last_seq": -1, "ended": False, "twiml": None}
    log.log_step("CA1", 0, at(0), "<Response>0</Response>")
    log.log_step("CA1", 1, at(1), "<Response>1</Response>")
    assert log.step("CA1", 0) == {"last_seq": 1, "ended": False, "twiml": "<Response>0</Response>"}
    assert log.step("CA1", 2) == {"last_seq": 1, "ended": False, "twiml": None}
    log.end_call("CA1", at(40), "completed", 40)
    assert log.step("CA1", 2)["ended"] is True


def test_end_call_keeps_the_first_end_and_duration(log):
    log.start_call("CA1", at(0), None)
    log.end_call("CA1", at(30), "completed", 30)
    log.end_call("CA1", at(59), "completed", None)
    call = log.call("CA1")
    assert (call["status"], call["ended_at"], call["duration_s"]) == ("completed", at(30), 30)
    log.end_call("CA2", at(5), "no-answer", None)  # a status callback for a call never seen before
    assert log.call("CA2")["status"] == "no-answer"


def test_only_one_of_many_concurrent_sms_claims_wins(log_url):
    logs = [open_log(log_url) for _ in range(4)]  # like four workers, each with its own connections
    logs[0].start_call("CA1", at(0), None)
    results, barrier = [], threading.Barrier(8)

    def claim(log):
        barrier.wait()
        results.append(log.claim_sms("CA1", at(1)))
    threads = [threading.Thread(target=claim, args=(logs[i % 4],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
    assert logs[0].claim_sms("CA2", at(1)) is True  # unknown call: the claim creates its row
    logs[0].record("CA1", at(2), sms_status="sent")
    assert logs[1].claim_sms("CA1", at(3)) is False and logs[1].call("CA1")["sms_status"] == "sent"
    for log in logs:
        log.close()


def test_batch_is_all_or_nothing(log):
    with pytest.raises(RuntimeError):
        with log.batch():
            log.start_call("CA1", at(0), None)
            log.log_turn("CA1", 1, at(1), "dtmf", "1", None, True, None)
            raise RuntimeError("worker died mid-way")
    assert log.count("calls") == 0 and log.count("turns") == 0
    with log.batch():
        log.start_call("CA1", at(0), None)
        log.log_turn("CA1", 1, at(1), "dtmf", "1", None, True, None)
    assert log.count("turns") == 1


def test_reports_sort_alike_on_both_backends(log):
    for i, (outcome, heard) in enumerate([(TRANSFER, "ふにゃ"), (CLOSED, "Zebra"), (CLOSED, "apple"),
                                          (None, "ふにゃ"), (None, "-dash")]):
        sid = f"CA{i}"
        log.start_call(sid, at(i), None)
        log.log_turn(sid, 1, at(i), "speech", heard, 0.4, False, None)
        if outcome:
            log.log_turn(sid, 2, at(i), "speech", "x", 0.9, True, outcome)
    assert log.totals("outcome") == [("closed", 2), ("incomplete", 2), ("transfer", 1)]
    assert log.totals("provider") == [("-", 2), ("amazon", 2), ("rakuten_card", 1)]
    assert log.not_understood() == [("ふにゃ", 2), ("-dash", 1), ("Zebra", 1), ("apple", 1)]
    assert log.not_understood(limit=2) == [("ふにゃ", 2), ("-dash", 1)]
    assert [c["call_sid"] for c in log.recent_calls(3)] == ["CA4", "CA3", "CA2"]


def test_the_schema_is_migrated_by_the_program_from_an_older_version(log_url):
    # A log written by the previous release (schema version 2) gets the steps table and keeps its rows.
    if log_url.startswith("postgresql://"):
        import psycopg
        with psycopg.connect(log_url, autocommit=True) as conn:
            conn.execute("CREATE TABLE ivr_schema (version INTEGER NOT NULL)")
            conn.execute("INSERT INTO ivr_schema VALUES (2)")
            for statement in statements(MIGRATIONS[0]) + statements(MIGRATIONS[1]):
                conn.execute(statement)
            conn.execute(f"INSERT INTO calls (call_sid, started_at) VALUES ('CAold', '{at(0)}')")
    else:
        db = sqlite3.connect(log_url)
        for statement in statements(MIGRATIONS[0]) + statements(MIGRATIONS[1]):
            db.execute(statement)
        db.execute(f"INSERT INTO calls (call_sid, started_at) VALUES ('CAold', '{at(0)}')")
        db.execute("PRAGMA user_version=2")
        db.commit()
        db.close()
    log = open_log(log_url)
    assert log.call("CAold")["last_seq"] == -1
    log.log_step("CAold", 3, at(3), "<Response/>")
    assert log.step("CAold", 3)["twiml"] == "<Response/>"
    log.close()


@pytest.mark.parametrize("version", range(len(MIGRATIONS)))
def test_a_log_at_any_earlier_version_is_migrated_to_the_latest(log_url, version):
    # Every released schema, from an empty file up: the later migrations run in order (rehearsed_at 4,
    # idle rehearsals 'timed-out' 5, outcome_seq 6, the shared limits and ended sessions 7), rows are kept.
    earlier = [s for migration in MIGRATIONS[:version] for s in statements(migration)]
    old_row = f"INSERT INTO calls (call_sid, started_at) VALUES ('CAold', '{at(0)}')"
    if log_url.startswith("postgresql://"):
        import psycopg
        with psycopg.connect(log_url, autocommit=True) as conn:
            conn.execute("CREATE TABLE ivr_schema (version INTEGER NOT NULL)")
            conn.execute(f"INSERT INTO ivr_schema VALUES ({version})")
            for statement in earlier + ([old_row] if version else []):
                conn.execute(statement)
    else:
        db = sqlite3.connect(log_url)
        for statement in earlier + ([old_row] if version else []):
            db.execute(statement)
        db.execute(f"PRAGMA user_version={version}")
        db.commit()
        db.close()
    log = open_log(log_url)
    try:
        assert (log.call("CAold") is not None) == (version > 0)
        log.record("CAnew", at(1), rehearsed_at=at(2))
        log.log_turn("CAnew", 2, at(3), "speech", "なくしました", 0.9, True, TRANSFER)
        log.log_turn("CAnew", 1, at(2), "speech", "楽天カード", 0.9, True, CLOSED)  # an older step, late
        call = log.call("CAnew")
        assert (call["rehearsed_at"], call["outcome"], call["outcome_seq"]) == (at(2), "transfer", 2)
        assert log.count_hit("login/127.0.0.1", 1, 60, 1000.0) == 1
        log.end_session("sid", at(4))
        assert log.session_ended("sid")
    finally:
        log.close()
    if not log_url.startswith("postgresql://"):
        db = sqlite3.connect(log_url)
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        db.close()


def test_instances_starting_together_migrate_once(log_url):
    logs = [open_log(log_url) for _ in range(6)]
    errors, barrier = [], threading.Barrier(6)

    def first_write(log, i):
        barrier.wait()
        try:
            log.start_call(f"CA{i}", at(i), None)
        except Exception as error:  # a second CREATE TABLE or a lost race would land here
            errors.append(error)
    threads = [threading.Thread(target=first_write, args=(log, i)) for i, log in enumerate(logs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and logs[0].count("calls") == 6
    for log in logs:
        log.close()


def test_a_reader_never_creates_a_log(log_url):
    with pytest.raises(LogUnavailable, match="No call log"):
        open_log(log_url, create=False)
    writer = open_log(log_url)
    writer.start_call("CA1", at(0), None)
    reader = open_log(log_url, create=False)
    assert reader.count("calls") == 1
    writer.close()
    reader.close()


@pytest.mark.postgres
@pytest.mark.server
@pytest.mark.slow
def test_an_unreachable_server_is_one_sentence(postgres):
    dead = f"postgresql://ivr:secret@127.0.0.1:{postgres.port + 1 if postgres.port < 65535 else 1}/nowhere"
    with pytest.raises(LogUnavailable) as caught:
        open_log(dead, create=False)
    message = str(caught.value)
    assert "cannot be used" in message and "secret" not in message and "\n" not in message
    assert without_password(dead) == dead.replace("ivr:secret@", "ivr@")


def test_guarded_log_reports_once_per_interval_and_resumes(log_url, caplog):
    inner = open_log(log_url)
    inner.start_call("CA0", at(0), None)
    now = [0.0]
    guarded = GuardedLog(inner, interval=60, retry_after=1, clock=lambda: now[0])
    broken = {"on": True}
    real_run = inner._run

    def flaky_run(sql, args=()):
        if broken["on"]:
            raise OSError("disk full")
        return real_run(sql, args)
    inner._run = flaky_run
    with caplog.at_level(logging.ERROR, logger="ivr.calllog"):
        for second in range(10):
            now[0] = second * 0.5
            assert guarded.log_turn("CA0", second + 1, at(second), "speech", "x", 0.9, True, None) is False
    assert caplog.text.count("cannot be used") == 1
    broken["on"] = False
    now[0] = 100
    with caplog.at_level(logging.WARNING, logger="ivr.calllog"):
        assert guarded.log_turn("CA0", 99, at(59), "speech", "back", 0.9, True, None) is True
    assert "works again (10 writes were lost)" in caplog.text
    assert [t["seq"] for t in inner.turns("CA0")] == [99]
    inner.close()


def test_ivr_calls_reads_either_backend(log_url, run_ivr):
    log = open_log(log_url)
    log.start_call("CA1", at(0), "+819012345678")
    log.log_turn("CA1", 1, at(1), "speech", "ふにゃふにゃ", 0.3, False, None)
    log.log_turn("CA1", 2, at(2), "speech", "楽天カードをなくしました", 0.9, True, TRANSFER)
    log.close()
    ran = run_ivr("calls", "--db", log_url)
    assert ran.returncode == 0, ran.stderr
    assert "+81120866910" in ran.stdout and "…5678" in ran.stdout and "9012" not in ran.stdout
    assert "  by outcome: transfer 1" in ran.stdout and "     1  ふにゃふにゃ" in ran.stdout
    ran = run_ivr("calls", "--db", log_url, "--json")
    assert json.loads(ran.stdout)["calls"][0]["call_sid"] == "CA1"


def test_a_transient_failure_is_tried_again_at_once(log_url):
    inner = open_log(log_url)
    if log_url.startswith("postgresql://"):
        import psycopg.errors
        error = psycopg.errors.DeadlockDetected("deadlock detected")
    else:
        error = sqlite3.OperationalError("database is locked")
    assert inner.transient(error) and not inner.transient(OSError("disk full"))
    pending, real_run = [error], inner._run

    def once_deadlocked(sql, args=()):
        if pending:
            raise pending.pop()
        return real_run(sql, args)
    inner._run = once_deadlocked
    guarded = GuardedLog(inner)
    assert guarded.log_turn("CA1", 1, at(1), "dtmf", "1", None, True, None) is True and not guarded.failing
    assert len(inner.turns("CA1")) == 1
    inner.close()


def test_the_outcome_is_the_latest_steps_whatever_order_steps_are_committed_in(log):
    # Two instances answer a call's steps one after the other, but each writes a moment later: the dial
    # step (3) may be committed before the turn (2) that decided the transfer.
    log.start_call("CA1", at(0), None)
    log.log_turn("CA1", 1, at(1), "speech", "楽天カード", 0.9, True, {**TRANSFER, "outcome": "incomplete"})
    log.log_step("CA1", 1, at(1), "<Response>1</Response>")
    log.record("CA1", at(30), transfer_status="completed")
    log.log_step("CA1", 3, at(30), "<Response>3</Response>")
    log.log_turn("CA1", 2, at(2), "speech", "なくしました", 0.9, True, TRANSFER)
    log.log_step("CA1", 2, at(2), "<Response>2</Response>")
    call = log.call("CA1")
    assert (call["outcome"], call["number"], call["transfer_status"], call["last_seq"]) == (
        "transfer", TRANSFER["number"], "completed", 3)


def test_one_calls_bad_value_never_costs_another_call_its_row(log_url):
    from ivr.calllog import BackgroundWriter, Write
    guarded = GuardedLog(open_log(log_url))
    writer = BackgroundWriter(guarded)
    for n in range(14):  # the writer puts webhooks that arrive together in one transaction
        heard = {3: "楽天\x00カード", 7: "\udcff壊れた文字"}.get(n, "楽天カード")
        seq = 2 ** 70 if n == 11 else 1  # a value no log takes: refused, alone
        writer.submit(f"CA{n:02d}", [Write("start_call", (f"CA{n:02d}", at(n), None)),
                                     Write("log_turn", (f"CA{n:02d}", seq, at(n), "speech", heard, 0.9, True,
                                                        TRANSFER))])
    assert writer.flush(30)
    log = open_log(log_url)
    assert log.count("calls") == 13 and log.call("CA11") is None
    assert log.turns("CA03")[0]["heard"] == "楽天カード"
    assert log.turns("CA07")[0]["heard"] == "?壊れた文字"
    assert all(log.call(f"CA{n:02d}")["outcome"] == "transfer" for n in range(14) if n != 11)
    log.close()


def test_a_rehearsal_whose_first_write_was_lost_is_still_a_rehearsal(log):
    log.log_turn("TRY0123", 1, at(1), "typed", "楽天カード", None, True, TRANSFER)  # its start_call was lost
    assert log.call("TRY0123")["rehearsal"] == 1
    assert log.count_by("outcome", None, None) == [] and log.count_by("outcome", None, None, rehearsal=True)


def test_replaying_a_step_never_rewrites_the_outcome(log):
    log.start_call("TRY1", at(0), None, rehearsal=True)
    log.log_turn("TRY1", 2, at(2), "typed", "アマゾン", None, True, CLOSED)
    log.log_turn("TRY1", 2, at(3), "typed", "楽天カード", None, True, TRANSFER)  # the same token, replayed
    log.log_turn("TRY1", 1, at(4), "typed", "楽天カード", None, True, TRANSFER)  # an older one
    assert (log.call("TRY1")["outcome"], log.call("TRY1")["provider"]) == ("closed", "amazon")


@pytest.mark.parametrize("damage", ["DROP TABLE turns", "ALTER TABLE calls DROP COLUMN outcome"])
def test_ivr_calls_on_a_log_with_a_table_or_column_gone_is_one_sentence(log_url, run_ivr, damage):
    log = open_log(log_url)
    log.start_call("CA1", at(0), None)
    log._run(damage)
    log.close()
    ran = run_ivr("calls", "--db", log_url, "--json")
    assert ran.returncode == 1 and "Traceback" not in ran.stderr and len(ran.stderr.strip().splitlines()) == 1
    assert ran.stderr.startswith("ivr calls: The call log")


def test_a_step_written_twice_keeps_its_first_outcome(log_url):
    """A /try token replayed with other words, or a webhook retried, is the same step: it cannot rewrite
    what the call's row says the caller got."""
    log = open_log(log_url)
    try:
        log.start_call("TRYreplay", at(0), None, rehearsal=True)
        log.log_turn("TRYreplay", 3, at(1), "typed", "ええと", None, False, {"outcome": "incomplete"})
        transfer = {"outcome": "transfer", "provider": "amazon", "problem": "delivery", "number": "+81120899543",
                    "open": True}
        log.log_turn("TRYreplay", 3, at(2), "typed", "荷物が届かない", None, True, transfer)
        assert log.call("TRYreplay")["outcome"] in (None, "incomplete")
        log.log_turn("TRYreplay", 4, at(3), "typed", "荷物が届かない", None, True, transfer)  # the next step does
        assert log.call("TRYreplay")["outcome"] == "transfer"
    finally:
        log.close()
