"""The embedded call log: a SQLite file shared by every worker of one machine (WAL mode)."""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
import urllib.parse
from pathlib import Path

from .base import CallLog, LogUnavailable, clean
from .schema import MIGRATIONS, statements

BUSY_TIMEOUT_MS = 2000  # a locked file makes a write give up after this, never a caller wait 15 s
READ_RECHECK_S = 1.0  # how stale a read may be about which file the path names


def _use_wal(db: sqlite3.Connection) -> None:
    """WAL journal: readers never block the workers' writes. Switching a new file to WAL needs it to itself,
    and SQLite answers 'locked' at once, without waiting, while another process opens it at the same moment;
    so the switch is tried again until the busy timeout, as any other write waits."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _migrate(db: sqlite3.Connection) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for index in range(version, len(MIGRATIONS)):
        db.execute("BEGIN IMMEDIATE")  # one worker migrates; the others wait, then see the new version
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] == index:
                for statement in statements(MIGRATIONS[index]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version={index + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


class SqliteLog(CallLog):
    """One connection per thread, opened on first use and kept; reopened (and the file recreated) when
    the file was deleted or replaced under it, so a rotated log is never written into the void, and
    given up after any failure but a busy file: a connection SQLite opened read-only, or on a file since
    found damaged, stays that way, and only a new one sees the file writable or replaced."""

    def __init__(self, path: str | os.PathLike, create: bool = True):
        self.path = Path(path)
        self.description = str(self.path)
        self.create = create
        self._local = threading.local()
        if not create:
            self._connection()  # a reader learns at once that the log is missing or unusable

    def _open(self) -> sqlite3.Connection:
        if not self.create and not self.path.exists():
            raise LogUnavailable(f"No call log at {self.path} yet: it is created by the first call to `ivr serve`.")
        try:
            return self._open_writable()
        except LogUnavailable:
            if self.create:
                raise
            # A reader (`ivr calls`) of a log it may not write: a read-only mount, a copy from a backup.
            return self._open_read_only()

    def _open_read_only(self) -> sqlite3.Connection:
        uri = "file:" + urllib.parse.quote(str(self.path.resolve())) + "?mode=ro"
        try:
            db = sqlite3.connect(uri, uri=True, isolation_level=None)
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # A WAL log whose -shm cannot be made (the folder is read-only too): nothing can change
                # it meanwhile, so it may be read as an immutable file.
                db.close()
                db = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            raise LogUnavailable(_explain(self.path, error)) from None
        db.row_factory = sqlite3.Row
        db.text_factory = _text
        return db

    def _open_writable(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.text_factory = _text
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            _use_wal(db)
            # In WAL mode NORMAL loses no committed row when the process dies, only on power loss: right for a log.
            db.execute("PRAGMA synchronous=NORMAL")
            _migrate(db)
        except sqlite3.DatabaseError as error:
            raise LogUnavailable(_explain(self.path, error)) from None
        except OSError as error:
            raise LogUnavailable(f"The call log {self.path} cannot be opened: {error.strerror}.") from None
        return db

    def migrate(self) -> None:
        """Create or upgrade the schema now, on a connection of its own (closed: no socket or file handle
        is carried across gunicorn's fork)."""
        self._open().close()

    def _connection(self, reading: bool = False) -> sqlite3.Connection:
        """This thread's connection, to the file the path names now. A write checks that every time; a read
        at most once a second (a stat costs as much as the read itself, and a read of a file just moved
        aside only answers from the rows it already had)."""
        db, now = getattr(self._local, "db", None), time.monotonic()
        if db is not None and reading and now - getattr(self._local, "checked", 0.0) < READ_RECHECK_S:
            return db
        identity = _identity(self.path)
        if db is not None and identity != getattr(self._local, "identity", None):
            self._forget()  # deleted, rotated or replaced: start a new file rather than write to the old inode
            db = None
        if db is None:
            db = self._open()
            identity = _identity(self.path)
        self._local.db, self._local.identity, self._local.checked = db, identity, now
        return db

    def _execute(self, sql: str, args: tuple = (), reading: bool = False) -> sqlite3.Cursor:
        db = getattr(self._local, "db", None)
        if db is None or not db.in_transaction:  # inside a batch the file was checked when it began
            db = self._connection(reading)
        try:
            return db.execute(sql, clean(args))
        except sqlite3.DatabaseError as error:
            if not self.transient(error):
                self._forget_after(db)
            if "malformed" in str(error) or "not a database" in str(error):
                raise LogUnavailable(_explain(self.path, error)) from None
            raise

    def _forget_after(self, db: sqlite3.Connection) -> None:
        """This thread's connection is given up: now, or when the batch it is in has rolled back."""
        if db.in_transaction:
            self._local.stale = True
        else:
            self._forget()

    def _forget(self) -> None:
        db = getattr(self._local, "db", None)
        self._local.db, self._local.stale = None, False
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def _rows(self, sql: str, args: tuple = ()) -> list[dict]:
        try:
            return [{key: _text(value) if isinstance(value, bytes) else value for key, value in zip(row.keys(), row)}
                    for row in self._execute(sql, args, reading=True)]
        except sqlite3.DatabaseError as error:
            if self.transient(error):
                raise
            raise LogUnavailable(_explain(self.path, error)) from None

    def _run(self, sql: str, args: tuple = ()) -> int:
        return self._execute(sql, args).rowcount

    @contextlib.contextmanager
    def batch(self):
        db = self._connection()
        if db.in_transaction:  # already inside a batch
            yield
            return
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as error:
            if not self.transient(error):
                self._forget()
            raise
        try:
            yield
            db.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            if getattr(self._local, "stale", False):
                self._forget()
            raise

    def transient(self, error: Exception) -> bool:
        return isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error))

    def bad_value(self, error: Exception) -> bool:
        return super().bad_value(error) or isinstance(error, (sqlite3.IntegrityError, sqlite3.InterfaceError,
                                                              sqlite3.DataError))

    def close(self) -> None:
        self._forget()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _text(value: bytes) -> str:
    """Text as stored, whatever bytes another program put there (invalid UTF-8 is shown as U+FFFD)."""
    return value.decode("utf-8", "replace")


def _explain(path: Path, error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "no such table" in text or "no such column" in text or "has no column" in text:
        return (f"The call log {path} lacks a table or column the service writes ({text}): it was damaged or "
                f"made by another program; move it aside and a new one is created.")
    if "not a database" in text or "malformed" in text:
        return f"The call log {path} is damaged or not a call-log database: move it aside and a new one is created."
    if "readonly" in text or "read-only" in text:
        return f"The call log {path} is read-only: give the service write access to it and its folder."
    if "locked" in text:
        return f"The call log {path} is locked by another program."
    return f"The call log {path} cannot be used: {text}."
