"""The call log: one row per call and one per turn, behind one interface.

`open_log(url)` picks the backend from the URL: a file path or `sqlite:///path` (the embedded default), or
`postgresql://user@host/db` (shared by several instances).
Everything that reads or writes the log (the phone adapter, `ivr calls`, tests) goes through `CallLog`.
Callers' numbers, and digit runs in what they said, are masked here, before any backend sees them.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .base import CallLog, LogUnavailable
from .guard import GuardedLog
from .spool import Spool, Write, spool_dir
from .writer import BackgroundWriter


class UnsupportedLog(ValueError):
    """A call-log URL of a kind no backend reads (mysql://...)."""


def default_path() -> Path:
    """Outside the source tree: $XDG_STATE_HOME/ivr/calls.sqlite3 (~/.local/state/ivr/...)."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "ivr" / "calls.sqlite3"


def open_log(url: str | os.PathLike | None = None, create: bool = True) -> CallLog:
    """The call log at `url` (default: the per-user SQLite file). With create=False a missing log is
    LogUnavailable instead of a new empty file (for readers such as `ivr calls`)."""
    target = str(url or default_path())
    if target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresLog

        return PostgresLog(target, create=create)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///"):]
    elif re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", target):
        raise UnsupportedLog(f"'{target.split('://')[0]}://' is not a call log this program can use: give a "
                             f"SQLite file path (or sqlite:///path) or a postgresql:// URL")
    from .sqlite import SqliteLog

    return SqliteLog(target, create=create)


def guarded_log(url: str | os.PathLike | None = None, spool: str | os.PathLike | None = None) -> GuardedLog:
    """The log the service writes through: failures never reach a caller, and what cannot be written
    waits in a local spool (under `spool`, default beside a SQLite log or in the per-user state folder)."""
    inner = open_log(url)
    if spool is None:
        spool = (Path(inner.path).parent if hasattr(inner, "path") else default_path().parent) / "spool"
    return GuardedLog(inner, spool=Spool(spool_dir(spool, inner.description)))


__all__ = ["BackgroundWriter", "CallLog", "GuardedLog", "LogUnavailable", "Spool", "UnsupportedLog", "Write",
           "default_path", "guarded_log", "open_log"]
