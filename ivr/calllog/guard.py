"""A call log that never costs a caller their number: write failures are swallowed, reported once per
interval, and writes resume by themselves when the database is back."""
from __future__ import annotations

import logging
import threading
import time

from .base import CallLog

log = logging.getLogger("ivr.calllog")
REPORT_INTERVAL_S = 60.0
RETRY_AFTER_S = 1.0  # after a failure, writes are dropped at once for this long: no thread waits on a dead log


class GuardedLog:
    """Wraps a CallLog's writes. Reads are left to the log itself: a reader wants to see the error."""

    def __init__(self, inner: CallLog, interval: float = REPORT_INTERVAL_S, clock=time.monotonic,
                 retry_after: float = RETRY_AFTER_S):
        self.inner = inner
        self.interval, self.clock, self.retry_after = interval, clock, retry_after
        self._failed_at: float | None = None
        self._lock = threading.Lock()
        self._last_report: float | None = None
        self._failures = 0
        self.failing = False

    def _guard(self, write, *args, **kwargs) -> bool:
        if self.failing and self._failed_at is not None and self.clock() - self._failed_at < self.retry_after:
            with self._lock:
                self._failures += 1
            return False
        try:
            write(*args, **kwargs)
        except Exception as error:  # any driver error: disk full, read-only, locked, corrupt, unreachable
            self._failed(error)
            return False
        if self.failing:
            with self._lock:
                self.failing = False
                log.warning("call log %s is writable again (%d writes were lost)", self.inner.description,
                            self._failures)
                self._failures, self._last_report = 0, None
        return True

    def _failed(self, error: Exception) -> None:
        with self._lock:
            self.failing = True
            self._failures += 1
            now = self._failed_at = self.clock()
            if self._last_report is None or now - self._last_report >= self.interval:
                self._last_report = now
                log.error("call log %s cannot be written (%s: %s); calls go on, writes are retried "
                          "(%d lost so far)", self.inner.description, type(error).__name__, error, self._failures)

    def start_call(self, *args, **kwargs) -> bool:
        return self._guard(self.inner.start_call, *args, **kwargs)

    def log_turn(self, *args, **kwargs) -> bool:
        return self._guard(self.inner.log_turn, *args, **kwargs)

    def record(self, *args, **kwargs) -> bool:
        return self._guard(self.inner.record, *args, **kwargs)
