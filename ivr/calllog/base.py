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

    @abc.abstractmethod
    def _start_call(self, call_sid: str, at: str, masked_caller: str | None, rehearsal: bool) -> None: ...

    @abc.abstractmethod
    def _log_turn(self, call_sid: str, seq: int, at: str, kind: str, heard: str | None,
                  confidence: float | None, understood: bool, outcome: dict | None) -> None: ...

    @abc.abstractmethod
    def _record(self, call_sid: str, at: str, fields: dict) -> None: ...

    # --- reading ---------------------------------------------------------------------------------
    @abc.abstractmethod
    def recent_calls(self, limit: int = 20) -> list[dict]: ...

    @abc.abstractmethod
    def turns(self, call_sid: str) -> list[dict]: ...

    @abc.abstractmethod
    def totals(self, column: str) -> list[tuple[str, int]]: ...

    @abc.abstractmethod
    def not_understood(self, limit: int = 30) -> list[tuple[str, int]]: ...

    def close(self) -> None:
        pass
