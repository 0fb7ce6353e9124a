"""The shared call log: PostgreSQL, for several `ivr serve` instances behind a load balancer.

psycopg 3 with a psycopg_pool connection pool per process (created on first use, so that gunicorn's
workers, forked from a master that preloaded the app, never share a socket). The base class's portable
SQL (`?` placeholders, never inside string literals) is translated to psycopg's `%s` here.
"""
from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import os
import threading
from urllib.parse import urlsplit, urlunsplit

import psycopg
import psycopg.errors
from psycopg.rows import dict_row, tuple_row
from psycopg_pool import ConnectionPool, PoolTimeout

from .base import CallLog, LogUnavailable, clean
from .schema import MIGRATIONS, statements

CONNECT_TIMEOUT_S = 2  # libpq's least; connections are made by the pool's threads, never on a caller's time
WRITE_WAIT_S = 2.0  # the background writer waits this long for a connection, and for each statement's answer
# What the answer depends on (has this step been answered, may this call's SMS be sent) is asked on the
# caller's time: a connection within ANSWER_WAIT_S, an answer within ANSWER_DEADLINE_S, else the call
# goes on as if the log could not tell. The deadline is the client's own: a frozen server (SIGSTOP, a
# stalled disk, a network that drops packets) never answers, so a server-side statement_timeout never fires.
BATCH_DEADLINE_S = 5.0  # the background writer's transactions: each statement, and the commit
ANSWER_WAIT_S = 0.3
ANSWER_DEADLINE_S = 0.5
FIRST_WAIT_S = 1.0  # a process's first connection (made as its pool opens) is worth waiting for this long
STATEMENT_TIMEOUT_MS = 800
POOL_SIZE = 8  # per process: one per gunicorn thread is enough, each request holds one at a time
MIGRATION_LOCK = 0x1F0C_A11  # pg_advisory_xact_lock key: instances starting together migrate one by one
# The pool warns at every reconnection attempt; GuardedLog reports an outage once per interval instead.
logging.getLogger("psycopg.pool").setLevel(logging.ERROR)


class DeadlineConnection(psycopg.Connection):
    """A connection whose every exchange with the server has a client-side deadline (`deadline_s`, set
    by whoever borrows it). A server that does not answer in time leaves the connection in an unknown
    state: it is closed at once (the pool then replaces it) and the caller gets an OperationalError."""

    deadline_s: float | None = WRITE_WAIT_S

    def wait(self, gen, interval: float = 0.1, timeout: float | None = None):
        try:
            return super().wait(gen, interval=interval, timeout=timeout if timeout is not None else self.deadline_s)
        except psycopg.errors._WaitTimeout:  # psycopg's own "did not complete within timeout"
            self.pgconn.finish()
            raise DeadlineExceeded(f"the server did not answer within {self.deadline_s} s") from None


class DeadlineExceeded(psycopg.OperationalError):
    pass


class PostgresLog(CallLog):
    def __init__(self, url: str, create: bool = True, pool_size: int = POOL_SIZE):
        self.url = url
        self.description = without_password(url)
        self.create, self.pool_size = create, pool_size
        self._pool: ConnectionPool | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._local = threading.local()
        self._migrated = False
        self._warm = False  # whether this process's pool has handed out a connection yet
        if not create:
            self.migrate()  # a reader learns at once that the log is unreachable or was never created

    # --- connections -------------------------------------------------------------------------------
    def _connect_args(self) -> dict:
        return {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S, "application_name": "ivr",
                "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"}

    def migrate(self) -> None:
        """Create or upgrade the schema now (the first write would do it otherwise)."""
        try:
            with DeadlineConnection.connect(self.url, **self._connect_args()) as conn:
                _migrate(conn, self.create, self.description)
        except psycopg.Error as error:
            raise LogUnavailable(self._explain(error)) from None
        self._migrated = True  # inherited by gunicorn's workers: they need not ask again

    def _configure(self, conn: psycopg.Connection) -> None:
        """Run by the pool's thread on each new connection: a process whose log could not be migrated
        before (the server was down at start) does it here, off every caller's time."""
        if not self._migrated:
            _migrate(conn, self.create, self.description)
            self._migrated = True

    def _get_pool(self) -> ConnectionPool:
        if self._pool is None or self._pid != os.getpid():
            with self._lock:
                if self._pool is None or self._pid != os.getpid():
                    # A pool inherited across fork() is left alone: its threads and sockets are the parent's.
                    pool = ConnectionPool(self.url, min_size=1, max_size=self.pool_size, open=False,
                                          timeout=WRITE_WAIT_S, kwargs={**self._connect_args(),
                                                                        "row_factory": dict_row},
                                          connection_class=DeadlineConnection, configure=self._configure,
                                          name="ivr-calllog")
                    pool.open(wait=False)
                    self._pool, self._pid, self._warm = pool, os.getpid(), False
                    atexit.register(self.close)  # its threads are stopped before the interpreter's
        return self._pool

    def prepare(self) -> None:
        """Open this process's pool now (a gunicorn worker, as it starts): its connections are made
        before the first caller needs one."""
        self._get_pool()

    @contextlib.contextmanager
    def _borrow(self, wait: float, deadline: float):
        pool = self._get_pool()
        if not self._warm:
            # A new pool's first connection (and, on a new database, the schema) is being made: worth
            # waiting for once, else a process's first caller would always find the log "unreachable".
            wait = max(wait, FIRST_WAIT_S)
        try:
            conn = pool.getconn(timeout=wait)
            self._warm = True
        except PoolTimeout:
            if pool.get_stats().get("pool_size", 0) == 0:
                # The server is gone and the pool backs off ever longer between reconnections: start
                # afresh next time, so writes resume as soon as the server is back.
                with self._lock:
                    if self._pool is pool:
                        self._pool = None
                pool.close(timeout=0)
            raise LogUnavailable(f"The call log {self.description} cannot be reached "
                                 f"(no connection within {wait} s).") from None
        conn.deadline_s = deadline
        try:
            yield conn
        finally:
            pool.putconn(conn)  # a connection closed by its deadline is dropped by the pool, not reused

    def _execute(self, sql: str, args: tuple, fetch: bool):
        query, args = _placeholders(sql), clean(args)
        pinned = getattr(self._local, "conn", None)
        if pinned is not None:  # inside batch(): the batch's transaction
            return _result(pinned.execute(query, args), fetch)
        # Outside a batch every statement is on a caller's time (the background writer works in batches).
        for attempt in (1, 2):
            conn = None
            try:
                with self._borrow(ANSWER_WAIT_S, ANSWER_DEADLINE_S) as conn:
                    return _result(conn.execute(query, args), fetch)
            except DeadlineExceeded:
                raise  # a frozen server: asking again would only make the caller wait twice
            except psycopg.OperationalError:
                # A server restart leaves every pooled connection broken: have them swept (on the pool's
                # time, not the caller's) and try once more.
                if attempt == 2 or conn is None or not conn.broken:
                    raise
                pool = self._pool
                if pool is not None:
                    threading.Thread(target=pool.check, daemon=True).start()

    def _run(self, sql: str, args: tuple = ()) -> int:
        return self._execute(sql, args, fetch=False)

    def _rows(self, sql: str, args: tuple = ()) -> list[dict]:
        try:
            return self._execute(sql, args, fetch=True)
        except (psycopg.errors.UndefinedTable, psycopg.errors.UndefinedColumn, psycopg.DataError) as error:
            # A log someone altered: one sentence for its reader, not a driver's traceback.
            raise LogUnavailable(self._explain(error)) from None

    @contextlib.contextmanager
    def batch(self):
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        with self._borrow(WRITE_WAIT_S, BATCH_DEADLINE_S) as conn, conn.transaction():
            # Off every caller's time: a batch of many webhooks' writes may wait on a row lock another
            # instance holds for a moment, longer than a caller's statement may.
            conn.execute(f"SET LOCAL statement_timeout = {int(BATCH_DEADLINE_S * 1000) - 500}")
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    def transient(self, error: Exception) -> bool:
        return isinstance(error, (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure,
                                  psycopg.errors.LockNotAvailable))

    def bad_value(self, error: Exception) -> bool:
        return super().bad_value(error) or isinstance(error, (psycopg.DataError, psycopg.IntegrityError))

    def close(self) -> None:
        if self._pool is not None and self._pid == os.getpid():
            self._pool.close()
        self._pool = None

    def _explain(self, error: psycopg.Error) -> str:
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"The call log {self.description} cannot be used: {text}."


def _result(cursor: psycopg.Cursor, fetch: bool):
    return cursor.fetchall() if fetch else cursor.rowcount


@functools.lru_cache(maxsize=512)
def _placeholders(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


def _migrate(conn: psycopg.Connection, create: bool, description: str) -> None:
    cur = conn.cursor(row_factory=tuple_row)  # the pool's connections give dicts
    with conn.transaction():
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        exists = cur.execute("SELECT to_regclass('ivr_schema') IS NOT NULL").fetchone()[0]
        if not exists:
            if not create:
                raise LogUnavailable(f"No call log in {description} yet: it is created by the first call to "
                                     "`ivr serve`.")
            cur.execute("CREATE TABLE ivr_schema (version INTEGER NOT NULL)")
            cur.execute("INSERT INTO ivr_schema (version) VALUES (0)")
        version = cur.execute("SELECT version FROM ivr_schema").fetchone()[0]
        for index in range(version, len(MIGRATIONS)):
            for statement in statements(MIGRATIONS[index]):
                cur.execute(statement)
        if version < len(MIGRATIONS):
            cur.execute("UPDATE ivr_schema SET version=%s", (len(MIGRATIONS),))


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}"))
