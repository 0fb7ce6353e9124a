"""A call log that never costs a caller their number: failures are swallowed and reported once per
interval; while the database is failing it is left alone for a moment (so no request waits on it again
and again), and writes resume by themselves when it is back."""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from .base import CallLog

log = logging.getLogger("ivr.calllog")
REPORT_INTERVAL_S = 60.0
RETRY_AFTER_S = 1.0  # after a failure, the log is tried again this much later

Write = Callable[[CallLog], object]


class GuardedLog:
    """Wraps what the phone service does with a CallLog. Readers such as `ivr calls` use the log itself:
    they want to see the error."""

    def __init__(self, inner: CallLog, interval: float = REPORT_INTERVAL_S, retry_after: float = RETRY_AFTER_S,
                 clock=time.monotonic):
        self.inner = inner
        self.interval, self.retry_after, self.clock = interval, retry_after, clock
        self._lock = threading.Lock()
        self._last_report: float | None = None
        self._retry_at = 0.0
        self._lost = 0
        self.failing = False

    def _guard(self, operation: Callable[[], object], writes: int, default=None):
        if self.failing and self.clock() < self._retry_at:
            with self._lock:
                self._lost += writes
            return default
        try:
            result = operation()
        except Exception as error:  # any driver error: disk full, read-only, locked, corrupt, unreachable
            self._failed(error, writes)
            return default
        if self.failing:
            with self._lock:
                if self.failing:
                    self.failing = False
                    log.warning("call log %s works again (%d writes were lost)", self.inner.description, self._lost)
                    self._lost, self._last_report = 0, None
        return result

    def _failed(self, error: Exception, writes: int) -> None:
        with self._lock:
            self.failing = True
            self._lost += writes
            now = self.clock()
            self._retry_at = now + self.retry_after
            if self._last_report is None or now - self._last_report >= self.interval:
                self._last_report = now
                log.error("call log %s cannot be used (%s: %s); calls go on, the log is retried "
                          "(%d writes lost so far)", self.inner.description, type(error).__name__,
                          str(error).strip().splitlines()[0] if str(error).strip() else "", self._lost)

    def dropped(self, writes: int, reason: str) -> None:
        """Writes given up before they were tried (counted and reported like failures)."""
        self._failed(RuntimeError(reason), writes)

    # --- writes: True when written --------------------------------------------------------------------
    def write_all(self, writes: list[Write]) -> bool:
        """The writes of one webhook, in one batch (one transaction where the backend has them)."""
        def run() -> bool:
            for attempt in (1, 2):
                try:
                    with self.inner.batch():
                        for write in writes:
                            write(self.inner)
                    return True
                except Exception as error:
                    if attempt == 2 or not self.inner.transient(error):
                        raise
            return False
        return bool(self._guard(run, len(writes), False))

    def start_call(self, *args, **kwargs) -> bool:
        return self.write_all([lambda log: log.start_call(*args, **kwargs)])

    def log_turn(self, *args, **kwargs) -> bool:
        return self.write_all([lambda log: log.log_turn(*args, **kwargs)])

    def record(self, *args, **kwargs) -> bool:
        return self.write_all([lambda log: log.record(*args, **kwargs)])

    # --- what the answer depends on: None when the log cannot tell --------------------------------
    def step(self, call_sid: str, seq: int) -> dict | None:
        return self._guard(lambda: self.inner.step(call_sid, seq), 0)

    def claim_sms(self, call_sid: str, at: str) -> bool | None:
        return self._guard(lambda: self.inner.claim_sms(call_sid, at), 1)

    def call(self, call_sid: str) -> dict | None:
        return self._guard(lambda: self.inner.call(call_sid), 0)
