"""The call-log interface and the masking every backend gets."""
from __future__ import annotations

import abc
import contextlib
from typing import Iterator

from ..core.privacy import mask_digits, mask_number

CALL_FIELDS = ("transfer_status", "sms_status", "status", "ended_at", "duration_s", "rehearsed_at")
# What a caller said (speech) or, on /try, typed: the turns whose words can be understood or not.
WORD_KINDS = "('speech', 'typed')"
REHEARSAL_PREFIX = "TRY"  # the console's /try names its calls so (Twilio's call SIDs begin with CA)


def clean(args: tuple) -> tuple:
    """Values any database takes: no NUL (PostgreSQL refuses it in text, and the whole transaction with
    it), no lone surrogate (not UTF-8; Python makes them of undecodable bytes)."""
    if not any(isinstance(a, str) for a in args):
        return args
    return tuple(_clean_text(a) if isinstance(a, str) else a for a in args)


def _clean_text(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


class LogUnavailable(Exception):
    """The log cannot be used (missing, corrupt, read-only, unreachable); the message is one sentence."""


class CallLog(abc.ABC):
    """One row per call and per turn, and the answer given at each step of a call.

    Every write is idempotent: a webhook Twilio delivers twice, or a step replayed after the call moved
    on, never adds a row nor rewrites what a later step recorded. Backends provide two primitives that
    take portable SQL with `?` placeholders (`_run`, `_rows`) and may make `batch()` one transaction.
    """

    description: str = ""  # where the log is, for people (a path or a URL without password)

    # --- writing -------------------------------------------------------------------------------------
    def start_call(self, call_sid: str, at: str, caller: str | None, rehearsal: bool = False) -> None:
        self._start_call(call_sid, at, mask_number(caller), rehearsal)

    def log_turn(self, call_sid: str, seq: int, at: str, kind: str, heard: str | None,
                 confidence: float | None, understood: bool, outcome: dict | None) -> None:
        self._log_turn(call_sid, seq, at, kind, mask_digits(heard), confidence, understood, outcome)

    def log_step(self, call_sid: str, seq: int, at: str, twiml: str) -> None:
        """The TwiML answered at step `seq` (0 = the incoming call): a repeat of that step gets it again.
        Written beside start_call, log_turn or record of the same step, which make sure the call has a row."""
        self._run("INSERT INTO steps (call_sid, seq, at, twiml) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  (call_sid, seq, at, twiml))
        self._run("UPDATE calls SET last_seq=? WHERE call_sid=? AND last_seq<?", (seq, call_sid, seq))

    def end_call(self, call_sid: str, at: str, status: str, duration_s: int | None) -> None:
        """Twilio's status callback; a repeat keeps the first end time and duration, and a call already
        known to be abandoned (its relay socket lost mid-call) stays so."""
        self._start_call(call_sid, at, None, False)
        self._run("UPDATE calls SET status=CASE WHEN status='abandoned' THEN status ELSE ? END, "
                  "ended_at=COALESCE(ended_at, ?), duration_s=COALESCE(duration_s, ?) "
                  "WHERE call_sid=?", (status, at, duration_s, call_sid))

    def claim_sms(self, call_sid: str, at: str) -> bool:
        """True for the one request that may send this call's SMS; every other attempt gets False."""
        claimed = self._run("INSERT INTO calls (call_sid, started_at, sms_status) VALUES (?, ?, 'sending') "
                            "ON CONFLICT (call_sid) DO UPDATE SET sms_status='sending' "
                            "WHERE calls.sms_status IS NULL", (call_sid, at))
        return claimed == 1

    def record(self, call_sid: str, at: str, **fields: object) -> None:
        """Set call fields (transfer_status, sms_status, status, ended_at, duration_s) on a known or new call."""
        unknown = set(fields) - set(CALL_FIELDS)
        if unknown:
            raise ValueError(f"not call fields: {', '.join(sorted(unknown))}")
        self._record(call_sid, at, fields)

    def update_known(self, call_sid: str, **fields: object) -> None:
        """Set call fields on a call the log knows; a call it does not know gets no row."""
        unknown = set(fields) - set(CALL_FIELDS)
        if unknown:
            raise ValueError(f"not call fields: {', '.join(sorted(unknown))}")
        if fields:
            assignments = ", ".join(f"{k}=?" for k in fields)
            self._run(f"UPDATE calls SET {assignments} WHERE call_sid=?", (*fields.values(), call_sid))

    def migrate(self) -> None:
        """Create or upgrade the schema now (else the first use does), raising LogUnavailable if it cannot."""

    def prepare(self) -> None:
        """Get ready to answer in this process (after a fork): open connections before a caller waits on them."""

    def transient(self, error: Exception) -> bool:
        """Whether a failed batch may simply be tried again (a deadlock, a busy database)."""
        return False

    def bad_value(self, error: Exception) -> bool:
        """Whether a failed write was refused for what it tried to store (not because the log is down):
        that webhook's writes are dropped alone and the log is not taken for failing."""
        return isinstance(error, (ValueError, TypeError, UnicodeError, OverflowError))

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """The writes of one webhook together (one transaction where the backend can)."""
        yield

    # --- the two primitives a backend provides: portable SQL with `?` placeholders -----------------
    @abc.abstractmethod
    def _run(self, sql: str, args: tuple = ()) -> int:
        """Execute one statement; the number of rows it changed."""

    @abc.abstractmethod
    def _rows(self, sql: str, args: tuple = ()) -> list[dict]: ...

    def _start_call(self, call_sid, at, masked_caller, rehearsal) -> None:
        # A rehearsal whose first write was lost is still a rehearsal when a later write makes its row.
        rehearsal = rehearsal or call_sid.startswith(REHEARSAL_PREFIX)
        self._run("INSERT INTO calls (call_sid, started_at, caller, rehearsal) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT DO NOTHING", (call_sid, at, masked_caller, int(rehearsal)))

    def _log_turn(self, call_sid, seq, at, kind, heard, confidence, understood, outcome) -> None:
        self._start_call(call_sid, at, None, False)  # a call first seen mid-way (log reset, another deployment)
        number = outcome.get("number") if outcome else None
        inserted = self._run("INSERT INTO turns (call_sid, seq, at, kind, heard, confidence, understood, outcome, "
                             "number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                             (call_sid, seq, at, kind, heard, confidence, int(understood),
                              outcome.get("outcome") if outcome else None, number))
        # A step already written speaks for the call: a repeat of it (a webhook retried, a /try token replayed
        # with other words) never rewrites the outcome.
        if inserted and outcome and outcome.get("outcome") != "incomplete":
            # Only the latest step with an outcome speaks for the call, whatever order the steps are
            # committed in: instances and workers write each step a moment after answering it, so the
            # next step's rows (and its last_seq) may well be in before this one's.
            self._run("UPDATE calls SET provider=?, problem=?, outcome=?, number=?, open=?, outcome_seq=? "
                      "WHERE call_sid=? AND outcome_seq<?",
                      (outcome["provider"], outcome["problem"], outcome["outcome"], number,
                       None if outcome["open"] is None else int(outcome["open"]), seq, call_sid, seq))

    def _record(self, call_sid, at, fields) -> None:
        self._start_call(call_sid, at, None, False)
        if fields:
            assignments = ", ".join(f"{k}=?" for k in fields)
            self._run(f"UPDATE calls SET {assignments} WHERE call_sid=?", (*fields.values(), call_sid))

    def close_idle_rehearsals(self, idle_since: str, at: str) -> int:
        """Rehearsals still in progress with nothing since `idle_since` (a /try page closed mid-call) are
        ended as 'timed-out' at `at`; real calls are ended by Twilio's status callback, never here.
        ('abandoned' is a call whose relay socket was lost mid-call, a different thing for an operator.)"""
        return self._run("UPDATE calls SET status='timed-out', ended_at=? WHERE rehearsal=1 AND ended_at IS NULL "
                         "AND status='in-progress' AND COALESCE((SELECT MAX(t.at) FROM turns t "
                         "WHERE t.call_sid=calls.call_sid), started_at) < ?", (at, idle_since))

    # --- reading -----------------------------------------------------------------------------------
    def step(self, call_sid: str, seq: int) -> dict | None:
        """How far a known call has got: {"last_seq", "ended", "twiml" (the answer at `seq`, or None)};
        None for a call the log has not seen."""
        rows = self._rows("SELECT c.last_seq AS last_seq, c.ended_at AS ended_at, s.twiml AS twiml FROM calls c "
                          "LEFT JOIN steps s ON s.call_sid=c.call_sid AND s.seq=? WHERE c.call_sid=?",
                          (seq, call_sid))
        if not rows:
            return None
        row = rows[0]
        return {"last_seq": row["last_seq"], "ended": row["ended_at"] is not None, "twiml": row["twiml"]}

    # Moments are ISO-8601 text in Asia/Tokyo ('2026-11-24T10:00:00+09:00'), written by one clock format:
    # ranges compare as text and the hour is the first 13 characters. Only SQL that SQLite and PostgreSQL
    # both accept: no date functions of either. Rehearsals (calls from the console's try page) are kept
    # apart from real calls in every count.
    def recent_calls(self, limit: int = 20) -> list[dict]:
        return self._rows("SELECT * FROM calls ORDER BY started_at DESC, call_sid LIMIT ?", (limit,))

    def turns(self, call_sid: str) -> list[dict]:
        return self._rows("SELECT * FROM turns WHERE call_sid=? ORDER BY seq", (call_sid,))

    def call(self, call_sid: str) -> dict | None:
        rows = self._rows("SELECT * FROM calls WHERE call_sid=?", (call_sid,))
        return rows[0] if rows else None

    def totals(self, column: str) -> list[tuple[str, int]]:
        """Real calls (no rehearsal) by provider, problem or outcome, over the whole log."""
        return self.count_by(column, None, None)

    def not_understood(self, limit: int = 30) -> list[tuple[str, int]]:
        """Phrases not understood in real calls, most frequent first (ties in code-point order on both backends)."""
        rows = self._rows("SELECT t.heard AS heard, COUNT(*) AS n FROM turns t JOIN calls c ON c.call_sid = t.call_sid "
                          f"WHERE t.understood = 0 AND t.kind IN {WORD_KINDS} AND t.heard IS NOT NULL AND t.heard != '' "
                          "AND c.rehearsal = 0 GROUP BY t.heard")
        return _by_count((row["heard"], int(row["n"])) for row in rows)[:limit]

    def count_by(self, column: str, since: str | None, until: str | None,
                 rehearsal: bool = False) -> list[tuple[str, int]]:
        """Calls started in [since, until) by provider, problem or outcome ('-' when not known), most first."""
        if column not in ("provider", "problem", "outcome"):
            raise ValueError(column)
        where, args = _window(since, until, rehearsal)
        rows = self._rows(f"SELECT COALESCE({column}, '-') AS name, COUNT(*) AS n FROM calls WHERE {where} "
                          f"GROUP BY COALESCE({column}, '-') ORDER BY 2 DESC, 1", args)
        return _by_count((row["name"], int(row["n"])) for row in rows)

    def calls_per_hour(self, since: str | None, until: str | None, rehearsal: bool = False) -> dict[str, int]:
        """Calls started in [since, until) per hour: {'2026-11-24T10': 3, ...}, hours without calls left out."""
        where, args = _window(since, until, rehearsal)
        rows = self._rows(f"SELECT substr(started_at, 1, 13) AS hour, COUNT(*) AS n FROM calls WHERE {where} "
                          f"GROUP BY substr(started_at, 1, 13) ORDER BY 1", args)
        return {row["hour"]: int(row["n"]) for row in rows}

    def transfer_results(self, since: str | None, until: str | None, rehearsal: bool = False) -> dict[str, int]:
        """Transfers of calls started in [since, until) by how the dial ended ('unknown' before Twilio said)."""
        where, args = _window(since, until, rehearsal)
        rows = self._rows(f"SELECT COALESCE(transfer_status, 'unknown') AS status, COUNT(*) AS n FROM calls "
                          f"WHERE {where} AND outcome = 'transfer' GROUP BY COALESCE(transfer_status, 'unknown')",
                          args)
        return {row["status"]: int(row["n"]) for row in rows}

    def statistics(self, since: str | None, until: str | None, rehearsal: bool = False) -> dict:
        """Everything the console shows about the calls started in [since, until)."""
        by = {column: self.count_by(column, since, until, rehearsal) for column in ("outcome", "provider", "problem")}
        transfers = self.transfer_results(since, until, rehearsal)
        ended = sum(n for status, n in transfers.items() if status != "unknown")
        completed = transfers.get("completed", 0)
        return {"calls": sum(n for _, n in by["outcome"]), "by": by,
                "per_hour": self.calls_per_hour(since, until, rehearsal),
                "transfers": {"attempted": sum(transfers.values()), "ended": ended, "completed": completed,
                              "results": transfers, "success_rate": completed / ended if ended else None}}

    def calls_between(self, since: str | None, until: str | None, rehearsal: bool = False,
                      limit: int = 50) -> list[dict]:
        """Calls started in [since, until), latest first."""
        where, args = _window(since, until, rehearsal)
        return self._rows(f"SELECT * FROM calls WHERE {where} ORDER BY started_at DESC, call_sid LIMIT ?",
                          (*args, limit))

    def unheard_phrases(self, since: str | None = None, rehearsal: bool = False, limit: int = 30,
                        calls_each: int = 3) -> list[dict]:
        """What callers said that could not be used, most frequent first, each with the latest calls that said it:
        [{'heard': ..., 'count': n, 'last_at': ..., 'calls': [{'call_sid': ..., 'at': ...}, ...]}]."""
        where = f"t.understood = 0 AND t.kind IN {WORD_KINDS} AND t.heard IS NOT NULL AND t.heard != '' AND c.rehearsal = ?"
        args: tuple = (int(rehearsal),)
        if since:
            where, args = where + " AND t.at >= ?", (*args, since)
        rows = self._rows(f"SELECT t.heard AS heard, COUNT(*) AS n, MAX(t.at) AS last_at FROM turns t "
                          f"JOIN calls c ON c.call_sid = t.call_sid WHERE {where} GROUP BY t.heard "
                          f"ORDER BY 2 DESC, 3 DESC, 1 LIMIT ?", (*args, limit))
        phrases = [{"heard": r["heard"], "count": int(r["n"]), "last_at": r["last_at"], "calls": []} for r in rows]
        if phrases and calls_each > 0:
            by_heard = {p["heard"]: p for p in phrases}
            marks = ", ".join("?" for _ in phrases)
            for row in self._rows(f"SELECT t.heard AS heard, t.call_sid AS call_sid, MAX(t.at) AS at FROM turns t "
                                  f"JOIN calls c ON c.call_sid = t.call_sid WHERE {where} AND t.heard IN ({marks}) "
                                  f"GROUP BY t.heard, t.call_sid ORDER BY 3 DESC, 2", (*args, *by_heard)):
                calls = by_heard[row["heard"]]["calls"]
                if len(calls) < calls_each:
                    calls.append({"call_sid": row["call_sid"], "at": row["at"]})
        return phrases

    def count(self, table: str) -> int:
        """Rows in calls, turns or steps (for tests and benchmarks)."""
        if table not in ("calls", "turns", "steps"):
            raise ValueError(table)
        return self._rows(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]

    # --- shared counters (ivr.calllog.limits) and ended console sessions ------------------------------
    def count_hit(self, key: str, amount: int, expiry_s: float, now: float) -> int:
        """Add `amount` to the counter `key` (a new window of `expiry_s` if the last one is over); its count."""
        rows = self._rows("INSERT INTO limits (key, hits, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                          "hits = CASE WHEN limits.expires_at <= ? THEN excluded.hits ELSE limits.hits + excluded.hits END, "
                          "expires_at = CASE WHEN limits.expires_at <= ? THEN excluded.expires_at "
                          "ELSE limits.expires_at END RETURNING hits", (key, amount, now + expiry_s, now, now))
        return int(rows[0]["hits"])

    def hits(self, key: str, now: float) -> tuple[int, float | None]:
        """(count, when its window ends) of the counter `key`; (0, None) when it has none running."""
        rows = self._rows("SELECT hits, expires_at FROM limits WHERE key=? AND expires_at > ?", (key, now))
        return (int(rows[0]["hits"]), float(rows[0]["expires_at"])) if rows else (0, None)

    def clear_hits(self, key: str | None) -> int:
        if key is None:
            return self._run("DELETE FROM limits")
        return self._run("DELETE FROM limits WHERE key=?", (key,))

    def end_session(self, session_id: str, at: str) -> None:
        self._run("INSERT INTO ended_sessions (session_id, ended_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                  (session_id, at))

    def session_ended(self, session_id: str) -> bool:
        return bool(self._rows("SELECT 1 AS ended FROM ended_sessions WHERE session_id=?", (session_id,)))

    def close(self) -> None:
        pass


def _window(since: str | None, until: str | None, rehearsal: bool) -> tuple[str, tuple]:
    """WHERE clause for calls started in [since, until) (either end open when None), real calls or rehearsals."""
    where, args = ["rehearsal = ?"], [int(rehearsal)]
    if since:
        where.append("started_at >= ?")
        args.append(since)
    if until:
        where.append("started_at < ?")
        args.append(until)
    return " AND ".join(where), tuple(args)


def _by_count(pairs) -> list[tuple[str, int]]:
    """Most frequent first, ties by code point: sorted here, since databases collate text differently."""
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
