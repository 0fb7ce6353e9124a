"""Nothing lost, nothing hangs: every outage of the call log costs no caller their number, and the log
takes up its writes again by itself, without a restart."""
import contextlib
import functools
import os
import shutil
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from ivr.calllog import open_log
from ivr.phone.emulator import TwilioEmulator, flask_sender
from servers import eventually
from test_web import ACCOUNT, PUBLIC, TOKEN, calllog, make_app

NIGHT = "2026-11-24T23:30:00+09:00"
LOST_DESK = "+81120866910"


def lost_card(app, token=TOKEN, public=PUBLIC):
    """One call that must be answered with the lost-card desk, whatever the log is doing."""
    twilio = TwilioEmulator(flask_sender(app.test_client()), token, public, ACCOUNT)
    result = twilio.call(["楽天カードをなくしました"])
    assert set(result.statuses) <= {200, 204} and result.dialled == [LOST_DESK]
    return result.call_sid


def controlled_clock(app) -> list[float]:
    """The guarded log's clock, moved by the test: no waiting out its retry pause."""
    clock = [0.0]
    app.extensions["ivr"].log.clock = lambda: clock[0]
    return clock


def retry_later(app, clock) -> None:
    clock[0] += app.extensions["ivr"].log.retry_after + 0.1


@contextlib.contextmanager
def read_only(path):
    """`path` cannot be written by anyone (root included, by the immutable attribute), then can again."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        os.chmod(path, 0o444)
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        os.chmod(path, 0o644)


def replace_with_copy(db):
    """The log replaced by a consistent copy of itself (a restore from backup), new inode and all."""
    copy = db.with_name("restored.sqlite3")
    with contextlib.closing(sqlite3.connect(db)) as source, contextlib.closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    os.replace(copy, db)


def test_a_log_read_only_then_writable_again_takes_writes_without_a_restart(tmp_path):
    app = make_app(tmp_path, now=NIGHT)
    clock = controlled_clock(app)
    db = tmp_path / "calls.sqlite3"
    before = lost_card(app)
    replace_with_copy(db)
    with read_only(db):
        during = [lost_card(app) for _ in range(3)]
        assert app.extensions["ivr"].log.failing and app.extensions["ivr"].log.waiting() > 0
    retry_later(app, clock)
    after = lost_card(app)
    assert not app.extensions["ivr"].log.failing and app.extensions["ivr"].log.waiting() == 0
    logged = {row["call_sid"]: row for row in calllog(app).recent_calls()}
    assert set(logged) == {before, *during, after}  # not one row lost
    assert all(row["outcome"] == "transfer" and row["number"] == LOST_DESK for row in logged.values())


def test_a_corrupt_log_moved_aside_is_replaced_by_a_new_one(tmp_path):
    app = make_app(tmp_path, now=NIGHT)
    clock = controlled_clock(app)
    db = tmp_path / "calls.sqlite3"
    before = lost_card(app)
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"not a call log " * 1000)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    os.replace(garbage, db)
    during = []
    for _ in range(2):
        retry_later(app, clock)
        during.append(lost_card(app))
        assert app.extensions["ivr"].log.failing
    aside = tmp_path / "aside"
    aside.mkdir()
    for name in ("calls.sqlite3", "calls.sqlite3-wal", "calls.sqlite3-shm"):
        if (tmp_path / name).exists():
            shutil.move(tmp_path / name, aside / name)
    retry_later(app, clock)
    after = lost_card(app)
    assert db.exists() and not app.extensions["ivr"].log.failing
    logged = {row["call_sid"]: row for row in calllog(app).recent_calls()}
    assert set(logged) == {*during, after}  # the calls of the outage too; `before` is in the damaged file
    assert all(row["outcome"] == "transfer" for row in logged.values())
    assert before not in logged


# --- PostgreSQL ----------------------------------------------------------------------------------------
def timed_calls(url: str, count: int, threads: int = 4):
    """`count` lost-card calls to `url` at once; each result with the slowest webhook's seconds."""
    from ivr.phone.emulator import http_sender

    def one(_):
        send, slowest = http_sender(PUBLIC, url, timeout=15), [0.0]

        def timed(u, form, headers):
            started = time.monotonic()
            try:
                return send(u, form, headers)
            finally:
                slowest[0] = max(slowest[0], time.monotonic() - started)
        result = TwilioEmulator(timed, TOKEN, PUBLIC, ACCOUNT, retries=0).call(["楽天カードをなくしました"])
        return result, slowest[0]
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, range(count)))


@pytest.mark.postgres
@pytest.mark.server
@pytest.mark.slow
def test_a_frozen_postgres_costs_no_caller_more_than_a_moment_and_no_row(postgres, tmp_path):
    from servers import IvrServer
    db = postgres.create_database("frozen")
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": db, "IVR_NOW": NIGHT}
    env["IVR_SPOOL"] = str(tmp_path / "spool")
    with IvrServer(env) as server:
        before = timed_calls(server.url, 4)  # every worker has its pool and connections
        with postgres.frozen():
            during = timed_calls(server.url, 16)
            for result, slowest in during:
                assert result.dialled == [LOST_DESK] and set(result.statuses) <= {200, 204}
                assert slowest < 2.0, f"a webhook took {slowest:.1f} s while the log was frozen"
            # The writes the log could not take wait on this machine's disk, and /healthz says so.
            assert eventually(lambda: health(server)["spooled"] > 0, 30)
            assert health(server)["status"] == "ok"
        # Thawed: the spool goes into the log by itself, in order; not one row is lost.
        assert eventually(lambda: health(server)["spooled"] == 0, 30)
        log = open_log(db, create=False)
        try:
            sids = [result.call_sid for result, _ in before + during]
            assert eventually(lambda: all(log.call(sid) for sid in sids), 30)
            assert log.count("calls") == len(sids)
            assert all(log.call(sid)["outcome"] == "transfer" and log.call(sid)["number"] == LOST_DESK
                       for sid in sids)
            assert all(log.call(sid)["status"] == "completed" for sid in sids)
        finally:
            log.close()


def health(server) -> dict:
    import requests
    return requests.get(server.url + "/healthz", timeout=5).json()


@pytest.mark.postgres
@pytest.mark.server
@pytest.mark.slow
def test_postgres_stopped_then_restarted_loses_no_row(postgres, tmp_path):
    db = postgres.create_database("restarted")
    app = make_app(tmp_path, now=NIGHT, IVR_DB=db, IVR_SPOOL=str(tmp_path / "spool"))
    clock = controlled_clock(app)
    before = lost_card(app)
    postgres.stop()
    try:
        during = [lost_card(app) for _ in range(3)]
        assert app.extensions["ivr"].log.failing and app.extensions["ivr"].log.waiting() >= 3 * 4
    finally:
        postgres.start()
    after = []  # the first tries may still meet the connections the restart broke
    for _ in range(10):
        retry_later(app, clock)
        after.append(lost_card(app))
        if app.extensions["ivr"].log.waiting() == 0 and not app.extensions["ivr"].log.failing:
            break
    assert app.extensions["ivr"].log.waiting() == 0 and not app.extensions["ivr"].log.failing
    log = open_log(db, create=False)
    try:
        sids = [before, *during, *after]
        assert log.count("calls") == len(sids) and all(log.call(sid)["outcome"] == "transfer" for sid in sids)
        assert all(log.call(sid)["status"] == "completed" for sid in sids)
    finally:
        log.close()
    app.extensions["ivr"].log.inner.close()


# --- the spool ------------------------------------------------------------------------------------------
def test_the_spool_is_bounded_masked_and_replayed_in_order(tmp_path, caplog):
    from ivr.calllog import GuardedLog, Spool, Write
    db = tmp_path / "calls.sqlite3"
    spool = Spool(tmp_path / "spool", limit=3)
    guarded = GuardedLog(open_log(db), spool=spool, clock=lambda: clock[0])
    clock = [0.0]
    guarded.start_call("CA0", "2026-11-24T10:00:00+09:00", "+819012345678")
    outcome = {"outcome": "transfer", "provider": "rakuten_card", "problem": "lost_card",
               "number": LOST_DESK, "open": True}
    replace_with_copy(db)
    with read_only(db):
        for n in range(1, 5):  # four webhooks' writes; the spool takes three
            assert not guarded.write_all([Write("start_call", (f"CA{n}", f"2026-11-24T10:00:0{n}+09:00",
                                                               "+819012345678")),
                                          Write("log_turn", (f"CA{n}", 1, f"2026-11-24T10:00:0{n}+09:00", "speech",
                                                             "番号は1234 5678 9012です", 0.9, True, outcome))])
        assert guarded.waiting() == 3 and guarded.failing
        on_disk = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "spool").glob("*.jsonl"))
        assert "+819012345678" not in on_disk and "*********5678" in on_disk and "1234" not in on_disk
    clock[0] += guarded.retry_after + 0.1
    assert guarded.write_all([Write("end_call", ("CA1", "2026-11-24T10:01:00+09:00", "completed", 60))])
    assert guarded.waiting() == 0 and not guarded.failing
    log = open_log(db, create=False)
    assert [row["call_sid"] for row in log.recent_calls()] == ["CA3", "CA2", "CA1", "CA0"]  # CA4 did not fit
    assert log.call("CA1")["status"] == "completed" and log.call("CA2")["outcome"] == "transfer"
    assert log.call("CA2")["caller"] == "*********5678"


def test_a_dead_process_spool_is_replayed_by_the_next(tmp_path):
    import gc

    from ivr.calllog import GuardedLog, Spool, Write
    db = tmp_path / "calls.sqlite3"
    open_log(db).close()
    first = Spool(tmp_path / "spool")
    first.append([[Write("start_call", ("CA1", "2026-11-24T10:00:00+09:00", None))]])
    second = GuardedLog(open_log(db), spool=Spool(tmp_path / "spool"))
    assert second.waiting() == 1 and second.replay()
    assert open_log(db).count("calls") == 0  # a live process's spool is its own to replay
    del first
    gc.collect()  # the process "dies": its file and lock are let go
    assert second.replay() and second.waiting() == 0
    assert open_log(db).call("CA1") is not None


def test_healthz_and_the_console_say_how_many_writes_wait(tmp_path):
    import test_console
    app = test_console.make_app(tmp_path, IVR_NOW=NIGHT)
    lost_card = functools.partial(globals()["lost_card"], token=test_console.TOKEN, public=test_console.PUBLIC)
    clock = controlled_clock(app)
    db = tmp_path / "calls.sqlite3"
    lost_card(app)
    replace_with_copy(db)
    with read_only(db):
        lost_card(app)
        health = app.test_client().get("/healthz")
        assert health.status_code == 200
        assert health.json["call_log"] == "failing" and health.json["spooled"] > 0
        client = app.test_client()
        test_console.login(client)
        page = client.get("/console/calls").get_data(as_text=True)
        assert "記録を待っている書き込み" in page and f'id="spooled">{health.json["spooled"]}<' in page
    retry_later(app, clock)
    lost_card(app)
    assert app.test_client().get("/healthz").json == {"status": "ok", "call_log": "ok", "spooled": 0}
