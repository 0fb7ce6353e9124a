"""A call log that never costs a caller their number: failures are swallowed and reported once per
interval; while the database is failing it is left alone for a moment (so no request waits on it again
and again), and writes resume by themselves when it is back."""
from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from .base import CallLog
from .spool import Spool, Write

log = logging.getLogger("ivr.calllog")
REPORT_INTERVAL_S = 60.0
RETRY_AFTER_S = 1.0  # after a failure, the log is tried again this much later


class GuardedLog:
    """Wraps what the phone service does with a CallLog. Readers such as `ivr calls` use the log itself:
    they want to see the error."""

    def __init__(self, inner: CallLog, interval: float = REPORT_INTERVAL_S, retry_after: float = RETRY_AFTER_S,
                 clock=time.monotonic, spool: Spool | None = None):
        self.inner = inner
        self.spool = spool
        self._refused_count = 0
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
        if self.failing and (self.spool is None or not self.spool.has_own):
            self._recovered()
        return result

    def _failed(self, error: Exception, writes: int) -> None:
        with self._lock:
            self.failing = True
            self._lost += writes
            now = self.clock()
            self._retry_at = now + self.retry_after
            if self._last_report is None or now - self._last_report >= self.interval:
                self._last_report = now
                log.error("call log %s cannot be used (%s: %s); calls go on, the log is retried%s "
                          "(%d writes lost so far)", self.inner.description, type(error).__name__,
                          _first_line(error), "" if self.spool is None else
                          f" and its writes wait in the spool {self.spool.dir}", self._lost)

    def dropped(self, writes: int, reason: str) -> None:
        """Writes given up before they were tried (counted and reported like failures)."""
        self._failed(RuntimeError(reason), writes)

    # --- writes: True when written ------------------------------------------------------------------
    def write_all(self, writes: list[Write], replay: bool = True) -> bool:
        """The writes of one webhook, in one batch (one transaction where the backend has them).
        replay=False: on a caller's time, so never the spool's replay (the writes join the spool's end)."""
        return self.write_groups([writes], replay) == 1

    def write_groups(self, groups: list[list[Write]], replay: bool = True) -> int:
        """Several webhooks' writes (a group each), in one transaction if all goes well; how many groups
        are in the log now. A group whose value the log refuses costs no other group its rows; while the
        log cannot be used the groups wait in the spool (if there is one), and go in first, in order,
        when it can again."""
        if not groups:
            return 0
        if self.spool is not None and self.spool.has_own:
            if not replay or (self.failing and self.clock() < self._retry_at) or not self._replay():
                return self._keep(groups, None)  # behind what waits already: the order is kept
        if self.failing and self.clock() < self._retry_at:
            return self._keep(groups, None)
        try:
            self._apply(groups)
        except Exception as error:
            if len(groups) == 1 and not self._bad(error):
                self._failed(error, 0)
                return self._keep(groups, error)
            return self._one_by_one(groups)
        self._recovered()
        return len(groups)

    def _apply(self, groups: list[list[Write]]) -> None:
        for attempt in (1, 2):
            try:
                with self.inner.batch():
                    for group in groups:
                        for write in group:
                            write(self.inner)
                return
            except Exception as error:
                if attempt == 2 or not self.inner.transient(error):
                    raise

    def _one_by_one(self, groups: list[list[Write]]) -> int:
        """Each group in a transaction of its own: a bad value is dropped alone, an outage keeps the rest."""
        done = 0
        for index, group in enumerate(groups):
            try:
                self._apply([group])
                done += 1
            except Exception as error:
                if self._bad(error):
                    self._refused(group, error)
                    continue
                self._failed(error, 0)
                self._keep(groups[index:], error)
                return done
        self._recovered()
        return done

    def _keep(self, groups: list[list[Write]], error: Exception | None) -> int:
        """Into the spool (nothing of them is in the log yet: 0 is returned); counted lost if it cannot."""
        lost = len(groups)
        if self.spool is not None:
            try:
                lost -= self.spool.append(groups)
            except OSError as spool_error:
                log.error("the call-log spool %s cannot be written (%s): these writes are lost",
                          self.spool.dir, spool_error.strerror)
        if lost:
            with self._lock:
                self._lost += sum(len(group) for group in groups[len(groups) - lost:])
                self.failing = True
        return 0

    def _replay(self) -> bool:
        """The spool into the log, in order; True when it is empty."""
        def apply(groups: list[list[Write]]) -> int:
            try:
                self._apply(groups)
                return len(groups)
            except Exception as error:
                if len(groups) == 1 and not self._bad(error):
                    self._failed(error, 0)
                    return 0
            done = 0
            for group in groups:
                try:
                    self._apply([group])
                except Exception as error:
                    if not self._bad(error):
                        self._failed(error, 0)
                        return done
                    self._refused(group, error)
                done += 1
            return done
        try:
            emptied = self.spool.replay(apply)
        except OSError as error:
            log.error("the call-log spool %s cannot be read (%s)", self.spool.dir, error.strerror)
            return False
        if emptied:
            self._recovered()
        return emptied

    def replay(self) -> bool:
        """Replay the spool now if the log is not in its pause (the writer calls it when idle)."""
        if self.spool is None or (self.failing and self.clock() < self._retry_at):
            return False
        return self._replay()

    def waiting(self) -> int:
        """Webhooks' writes waiting in the spool for the log (every process of this machine)."""
        return 0 if self.spool is None else self.spool.waiting()

    def _bad(self, error: Exception) -> bool:
        bad_value = getattr(self.inner, "bad_value", None)
        return bool(bad_value and bad_value(error))

    def _refused(self, group: list[Write], error: Exception) -> None:
        log.error("call log %s refused one webhook's writes (%s: %s); the other calls' rows are kept",
                  self.inner.description, type(error).__name__, _first_line(error))
        with self._lock:
            self._refused_count += 1

    def _recovered(self) -> None:
        if self.failing:
            with self._lock:
                if self.failing:
                    self.failing = False
                    log.warning("call log %s works again (%d writes were lost)", self.inner.description, self._lost)
                    self._lost, self._last_report = 0, None

    # One write on a caller's time (the SMS's result, a rehearsal's step).
    def start_call(self, *args, **kwargs) -> bool:
        return self.write_all([Write("start_call", args, kwargs)], replay=False)

    def log_turn(self, *args, **kwargs) -> bool:
        return self.write_all([Write("log_turn", args, kwargs)], replay=False)

    def record(self, *args, **kwargs) -> bool:
        return self.write_all([Write("record", args, kwargs)], replay=False)

    def close_idle_rehearsals(self, idle_since: str, at: str) -> int | None:
        """Housekeeping, never spooled: while the log cannot take it, the next page that asks does it."""
        return self._guard(lambda: self.inner.close_idle_rehearsals(idle_since, at), 0)

    # --- what the answer depends on: None when the log cannot tell --------------------------------
    def step(self, call_sid: str, seq: int) -> dict | None:
        return self._guard(lambda: self.inner.step(call_sid, seq), 0)

    def claim_sms(self, call_sid: str, at: str) -> bool | None:
        return self._guard(lambda: self.inner.claim_sms(call_sid, at), 1)

    def call(self, call_sid: str) -> dict | None:
        return self._guard(lambda: self.inner.call(call_sid), 0)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else ""
