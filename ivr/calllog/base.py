"""The call-log interface and the masking every backend gets."""
from __future__ import annotations

import abc

from ..core.privacy import mask_digits, mask_number

CALL_FIELDS = ("transfer_status", "sms_status", "status", "ended_at", "duration_s")


class LogUnavailable(Exception):
    """The log cannot be used (missing, corrupt, read-only, unreachable); the message is one sentence."""


class CallLog(abc.ABC):
    """Writes are idempotent per call and per (call, turn number): a retried webhook never duplicates."""

    description: str = ""  # where the log is, for people (a path or a URL without password)

    def start_call(self, call_sid: str, at: str, caller: str | None, rehearsal: bool = False) -> None:
        self._start_call(call_sid, at, mask_number(caller), rehearsal)

    def log_turn(self, call_sid: str, seq: int, at: str, kind: str, heard: str | None,
                 confidence: float | None, understood: bool, outcome: dict | None) -> None:
        self._log_turn(call_sid, seq, at, kind, mask_digits(heard), confidence, understood, outcome)

    def record(self, call_sid: str, at: str, **fields: object) -> None:
        """Set call fields (transfer_status, sms_status, status, ended_at, duration_s) on a known or new call."""
        unknown = set(fields) - set(CALL_FIELDS)
        if unknown:
            raise ValueError(f"not call fields: {', '.join(sorted(unknown))}")
        self._record(call_sid, at, fields)

    # --- the two primitives a backend provides: portable SQL with `?` placeholders -----------------
    @abc.abstractmethod
    def _run(self, sql: str, args: tuple = ()) -> None: ...

    @abc.abstractmethod
    def _rows(self, sql: str, args: tuple = ()) -> list[dict]: ...

    # --- writing -----------------------------------------------------------------------------------
    def _start_call(self, call_sid, at, masked_caller, rehearsal) -> None:
        self._run("INSERT INTO calls (call_sid, started_at, caller, rehearsal) VALUES (?, ?, ?, ?) "
                  "ON CONFLICT DO NOTHING", (call_sid, at, masked_caller, int(rehearsal)))

    def _log_turn(self, call_sid, seq, at, kind, heard, confidence, understood, outcome) -> None:
        self._start_call(call_sid, at, None, False)  # a call first seen mid-way (log reset, another deployment)
        number = outcome.get("number") if outcome else None
        self._run("INSERT INTO turns (call_sid, seq, at, kind, heard, confidence, understood, outcome, number) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  (call_sid, seq, at, kind, heard, confidence, int(understood),
                   outcome.get("outcome") if outcome else None, number))
        if outcome and outcome.get("outcome") != "incomplete":
            self._run("UPDATE calls SET provider=?, problem=?, outcome=?, number=?, open=? WHERE call_sid=?",
                      (outcome["provider"], outcome["problem"], outcome["outcome"], number,
                       None if outcome["open"] is None else int(outcome["open"]), call_sid))

    def _record(self, call_sid, at, fields) -> None:
        self._start_call(call_sid, at, None, False)
        if fields:
            assignments = ", ".join(f"{k}=?" for k in fields)
            self._run(f"UPDATE calls SET {assignments} WHERE call_sid=?", (*fields.values(), call_sid))

    # --- reading -----------------------------------------------------------------------------------
    def recent_calls(self, limit: int = 20) -> list[dict]:
        return self._rows("SELECT * FROM calls ORDER BY started_at DESC LIMIT ?", (limit,))

    def turns(self, call_sid: str) -> list[dict]:
        return self._rows("SELECT * FROM turns WHERE call_sid=? ORDER BY seq", (call_sid,))

    def totals(self, column: str) -> list[tuple[str, int]]:
        if column not in ("provider", "problem", "outcome"):
            raise ValueError(column)
        rows = self._rows(f"SELECT COALESCE({column}, '-') AS name, COUNT(*) AS n FROM calls "
                          f"GROUP BY 1 ORDER BY 2 DESC, 1")
        return [(row["name"], row["n"]) for row in rows]

    def not_understood(self, limit: int = 30) -> list[tuple[str, int]]:
        rows = self._rows("SELECT heard, COUNT(*) AS n FROM turns WHERE understood=0 AND kind='speech' "
                          "AND heard != '' GROUP BY heard ORDER BY 2 DESC, heard LIMIT ?", (limit,))
        return [(row["heard"], row["n"]) for row in rows]

    def close(self) -> None:
        pass
