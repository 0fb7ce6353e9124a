"""The call log: one row per call and one per turn, in a SQLite file shared by every worker.

Callers' numbers are stored masked (all but the last four digits). Writes are idempotent per
(call, turn number), so a webhook Twilio retries or a replayed request never duplicates a turn.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS calls (
    call_sid TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    caller TEXT,
    provider TEXT,
    problem TEXT,
    outcome TEXT NOT NULL DEFAULT 'incomplete',
    number TEXT,
    open INTEGER,
    transfer_status TEXT,
    sms_status TEXT,
    status TEXT NOT NULL DEFAULT 'in-progress',
    ended_at TEXT,
    duration_s INTEGER
);
CREATE TABLE IF NOT EXISTS turns (
    call_sid TEXT NOT NULL REFERENCES calls(call_sid),
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    heard TEXT,
    confidence REAL,
    understood INTEGER NOT NULL,
    outcome TEXT,
    number TEXT,
    PRIMARY KEY (call_sid, seq)
);
CREATE INDEX IF NOT EXISTS calls_started ON calls(started_at);
"""


def default_path() -> Path:
    """Outside the source tree: $XDG_STATE_HOME/ivr/calls.sqlite3 (~/.local/state/ivr/...)."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "ivr" / "calls.sqlite3"


def mask(number: str | None) -> str | None:
    if not number:
        return None
    return "*" * max(0, len(number) - 4) + number[-4:]


def connect(path: str | Path) -> sqlite3.Connection:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=15, isolation_level=None, check_same_thread=True)
    db.execute("PRAGMA journal_mode=WAL")  # readers never block the workers' writes
    # In WAL mode NORMAL loses no committed row when the process dies, only on power loss: right for a log.
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=15000")
    db.executescript(SCHEMA)
    return db


class Connections:
    """One connection per thread, opened on first use and kept: a webhook should not pay for opening
    the file and checking the schema on every request."""

    def __init__(self, path: str | Path):
        self.path = path
        self._local = threading.local()

    def get(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = connect(self.path)
        return db


def start_call(db: sqlite3.Connection, call_sid: str, at: str, caller: str | None) -> None:
    db.execute("INSERT OR IGNORE INTO calls (call_sid, started_at, caller) VALUES (?, ?, ?)",
               (call_sid, at, mask(caller)))


def log_turn(db: sqlite3.Connection, call_sid: str, seq: int, at: str, kind: str, heard: str | None,
             confidence: float | None, understood: bool, outcome: dict | None) -> None:
    start_call(db, call_sid, at, None)  # a call first seen mid-way (log reset, another deployment)
    number = outcome.get("number") if outcome else None
    db.execute("INSERT OR IGNORE INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (call_sid, seq, at, kind, heard, confidence, int(understood),
                outcome.get("outcome") if outcome else None, number))
    if outcome and outcome.get("outcome") != "incomplete":
        db.execute("UPDATE calls SET provider=?, problem=?, outcome=?, number=?, open=? WHERE call_sid=?",
                   (outcome["provider"], outcome["problem"], outcome["outcome"], number,
                    None if outcome["open"] is None else int(outcome["open"]), call_sid))


def record(db: sqlite3.Connection, call_sid: str, at: str, **fields: object) -> None:
    """Set call fields (transfer_status, sms_status, status, ended_at, duration_s) on a known or new call."""
    allowed = {"transfer_status", "sms_status", "status", "ended_at", "duration_s"}
    fields = {k: v for k, v in fields.items() if k in allowed}
    start_call(db, call_sid, at, None)
    if fields:
        assignments = ", ".join(f"{k}=?" for k in fields)
        db.execute(f"UPDATE calls SET {assignments} WHERE call_sid=?", (*fields.values(), call_sid))


def recent_calls(db: sqlite3.Connection, limit: int = 20) -> list[sqlite3.Row]:
    db.row_factory = sqlite3.Row
    return db.execute("SELECT * FROM calls ORDER BY started_at DESC LIMIT ?", (limit,)).fetchall()


def totals(db: sqlite3.Connection, column: str) -> list[tuple[str, int]]:
    assert column in ("provider", "problem", "outcome")
    rows = db.execute(f"SELECT COALESCE({column}, '-'), COUNT(*) FROM calls GROUP BY 1 ORDER BY 2 DESC, 1")
    return [tuple(row) for row in rows]


def not_understood(db: sqlite3.Connection, limit: int = 30) -> list[tuple[str, int]]:
    rows = db.execute("SELECT heard, COUNT(*) FROM turns WHERE understood=0 AND kind='speech' AND heard != '' "
                      "GROUP BY heard ORDER BY 2 DESC, heard LIMIT ?", (limit,))
    return [tuple(row) for row in rows]
