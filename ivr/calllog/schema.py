"""The call log's schema as versioned migrations, the same SQL for every backend.

MIGRATIONS[i] takes the schema from version i to i+1. The program applies them itself when it opens the
log (SQLite: PRAGMA user_version; PostgreSQL: the ivr_schema table, under an advisory lock so that several
instances starting together migrate once). Never edit a released migration: add the next one.
Types are spelt so that both databases read them alike (DOUBLE PRECISION is REAL affinity in SQLite).
"""
from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: calls and turns
    """
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
        confidence DOUBLE PRECISION,
        understood INTEGER NOT NULL,
        outcome TEXT,
        number TEXT,
        PRIMARY KEY (call_sid, seq)
    );
    CREATE INDEX IF NOT EXISTS calls_started ON calls(started_at);
    """,
    # 2: rehearsal calls (IVR_NOW set) are told apart from real ones
    "ALTER TABLE calls ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0;",
    # 3: idempotent webhooks: the TwiML answered at each step of a call, and how far the call has got
    """
    CREATE TABLE IF NOT EXISTS steps (
        call_sid TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        twiml TEXT NOT NULL,
        PRIMARY KEY (call_sid, seq)
    );
    ALTER TABLE calls ADD COLUMN last_seq INTEGER NOT NULL DEFAULT -1;
    """,
    # 4: the moment a rehearsal plays (its clock, set on /try), shown beside the real one
    "ALTER TABLE calls ADD COLUMN rehearsed_at TEXT;",
    # 5: rehearsals closed after being left idle were 'abandoned', which now means a relay socket lost mid-call
    "UPDATE calls SET status='timed-out' WHERE rehearsal=1 AND status='abandoned';",
    # 6: the step whose outcome the call's row carries: the latest one wins whatever order steps are committed in
    """
    ALTER TABLE calls ADD COLUMN outcome_seq INTEGER NOT NULL DEFAULT -1;
    UPDATE calls SET outcome_seq = last_seq WHERE outcome != 'incomplete';
    """,
    # 7: what every worker and instance counts together: the console's login limits, and its sessions
    # ended by a logout (a cookie captured before the logout is refused after it)
    """
    CREATE TABLE IF NOT EXISTS limits (
        key TEXT PRIMARY KEY,
        hits INTEGER NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ended_sessions (
        session_id TEXT PRIMARY KEY,
        ended_at TEXT NOT NULL
    );
    """,
)


def statements(migration: str) -> list[str]:
    return [s.strip() for s in migration.split(";") if s.strip()]
