"""Nothing lost, nothing hangs: every outage of the call log costs no caller their number, and the log
takes up its writes again by itself, without a restart."""
import contextlib
import os
import shutil
import sqlite3
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from ivr.phone.emulator import TwilioEmulator, flask_sender
from test_web import ACCOUNT, PUBLIC, TOKEN, calllog, make_app

NIGHT = "2026-11-24T23:30:00+09:00"
LOST_DESK = "+81120866910"


def lost_card(app):
    """One call that must be answered with the lost-card desk, whatever the log is doing."""
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
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
        lost_card(app)
        assert app.extensions["ivr"].log.failing
    retry_later(app, clock)
    after = lost_card(app)
    assert not app.extensions["ivr"].log.failing
    logged = {row["call_sid"]: row for row in calllog(app).recent_calls()}
    assert before in logged and after in logged and logged[after]["outcome"] == "transfer"


def test_a_corrupt_log_moved_aside_is_replaced_by_a_new_one(tmp_path):
    app = make_app(tmp_path, now=NIGHT)
    clock = controlled_clock(app)
    db = tmp_path / "calls.sqlite3"
    lost_card(app)
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"not a call log " * 1000)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    os.replace(garbage, db)
    for _ in range(2):
        retry_later(app, clock)
        lost_card(app)
        assert app.extensions["ivr"].log.failing
    aside = tmp_path / "aside"
    aside.mkdir()
    for name in ("calls.sqlite3", "calls.sqlite3-wal", "calls.sqlite3-shm"):
        if (tmp_path / name).exists():
            shutil.move(tmp_path / name, aside / name)
    retry_later(app, clock)
    after = lost_card(app)
    assert db.exists() and not app.extensions["ivr"].log.failing
    assert calllog(app).call(after)["outcome"] == "transfer"


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
def test_a_frozen_postgres_costs_no_caller_more_than_a_moment(postgres):
    from servers import IvrServer
    db = postgres.create_database("frozen")
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": db, "IVR_NOW": NIGHT}
    with IvrServer(env) as server:
        timed_calls(server.url, 4)  # every worker has its pool and connections
        with postgres.frozen():
            during = timed_calls(server.url, 16)
        for result, slowest in during:
            assert result.dialled == [LOST_DESK] and set(result.statuses) <= {200, 204}
            assert slowest < 2.0, f"a webhook took {slowest:.1f} s while the log was frozen"
