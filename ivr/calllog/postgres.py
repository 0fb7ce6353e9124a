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
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from .base import CallLog, LogUnavailable
from .schema import MIGRATIONS, statements

CONNECT_TIMEOUT_S = 2  # a database that does not answer costs a write this much, never a caller
READ_WAIT_S = 0.5  # reads are on the answer's path: a caller waits this long at most for a connection
STATEMENT_TIMEOUT_MS = 2000
POOL_SIZE = 8  # per process: one per gunicorn thread is enough, each request holds one at a time
MIGRATION_LOCK = 0x1F0C_A11  # pg_advisory_xact_lock key: instances starting together migrate one by one
# The pool warns at every reconnection attempt; GuardedLog reports an outage once per interval instead.
logging.getLogger("psycopg.pool").setLevel(logging.ERROR)


class PostgresLog(CallLog):
    def __init__(self, url: str, create: bool = True, pool_size: int = POOL_SIZE):
        self.url = url
        self.description = without_password(url)
        self.create, self.pool_size = create, pool_size
        self._pool: ConnectionPool | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._local = threading.local()
        if not create:
            self.migrate()  # a reader learns at once that the log is unreachable or was never created

    # --- connections -------------------------------------------------------------------------------
    def _connect_args(self) -> dict:
        return {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S, "application_name": "ivr",
                "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"}

    def migrate(self) -> None:
        """Create or upgrade the schema now (the first write would do it otherwise)."""
        try:
            with psycopg.connect(self.url, **self._connect_args()) as conn:
                _migrate(conn, self.create, self.description)
        except psycopg.Error as error:
            raise LogUnavailable(self._explain(error)) from None

    def _get_pool(self) -> ConnectionPool:
        if self._pool is None or self._pid != os.getpid():
            with self._lock:
                if self._pool is None or self._pid != os.getpid():
                    self.migrate()
                    # A pool inherited across fork() is left alone: its threads and sockets are the parent's.
                    pool = ConnectionPool(self.url, min_size=1, max_size=self.pool_size, open=False,
                                          timeout=CONNECT_TIMEOUT_S, kwargs={**self._connect_args(),
                                                                             "row_factory": dict_row},
                                          name="ivr-calllog")
                    pool.open(wait=False)
                    self._pool, self._pid = pool, os.getpid()
                    atexit.register(self.close)  # its threads are stopped before the interpreter's
        return self._pool

    @contextlib.contextmanager
    def _borrow(self, wait: float):
        pool = self._get_pool()
        try:
            conn = pool.getconn(timeout=wait)
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
        try:
            yield conn
        finally:
            pool.putconn(conn)

    def _execute(self, sql: str, args: tuple, fetch: bool):
        query = _placeholders(sql)
        pinned = getattr(self._local, "conn", None)
        if pinned is not None:  # inside batch(): the batch's transaction
            return _result(pinned.execute(query, args), fetch)
        for attempt in (1, 2):
            conn = None
            try:
                with self._borrow(READ_WAIT_S if fetch else CONNECT_TIMEOUT_S) as conn:
                    return _result(conn.execute(query, args), fetch)
            except psycopg.OperationalError:
                # A server restart leaves every pooled connection broken: sweep them and try once more.
                if attempt == 2 or conn is None or not conn.broken:
                    raise
                self._pool.check()

    def _run(self, sql: str, args: tuple = ()) -> int:
        return self._execute(sql, args, fetch=False)

    def _rows(self, sql: str, args: tuple = ()) -> list[dict]:
        return self._execute(sql, args, fetch=True)

    @contextlib.contextmanager
    def batch(self):
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        with self._borrow(CONNECT_TIMEOUT_S) as conn, conn.transaction():
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    def transient(self, error: Exception) -> bool:
        return isinstance(error, (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure,
                                  psycopg.errors.LockNotAvailable))

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
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        exists = conn.execute("SELECT to_regclass('ivr_schema') IS NOT NULL").fetchone()[0]
        if not exists:
            if not create:
                raise LogUnavailable(f"No call log in {description} yet: it is created by the first call to "
                                     "`ivr serve`.")
            conn.execute("CREATE TABLE ivr_schema (version INTEGER NOT NULL)")
            conn.execute("INSERT INTO ivr_schema (version) VALUES (0)")
        version = conn.execute("SELECT version FROM ivr_schema").fetchone()[0]
        for index in range(version, len(MIGRATIONS)):
            for statement in statements(MIGRATIONS[index]):
                conn.execute(statement)
        if version < len(MIGRATIONS):
            conn.execute("UPDATE ivr_schema SET version=%s", (len(MIGRATIONS),))


def without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}"))
