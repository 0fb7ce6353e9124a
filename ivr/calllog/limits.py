"""Counts that hold across workers and instances, kept in the call log: the `limits` library's storage
(what Flask-Limiter counts failed console logins with) and the console sessions ended by a logout.

The call log is the one storage every worker and every instance shares (the SQLite file of one machine,
or the PostgreSQL database of several), so a limit counted here is one limit, not one per process.
"""
from __future__ import annotations

import time

from limits.storage import Storage

from .base import CallLog


class CallLogStorage(Storage):
    """Fixed-window counters in the log's `limits` table: `Limiter(storage_uri="ivrlog://",
    storage_options={"log": a CallLog})`."""

    STORAGE_SCHEME = ["ivrlog"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, log: CallLog | None = None,
                 **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        if log is None:
            raise ValueError("CallLogStorage needs the call log (storage_options={'log': ...})")
        self.log = log

    @property
    def base_exceptions(self):
        return Exception

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return self.log.count_hit(key, amount, expiry, time.time())

    def get(self, key: str) -> int:
        return self.log.hits(key, time.time())[0]

    def get_expiry(self, key: str) -> float:
        return self.log.hits(key, time.time())[1] or time.time()

    def check(self) -> bool:
        try:
            self.log.hits("-", time.time())
            return True
        except Exception:
            return False

    def reset(self) -> int | None:
        return self.log.clear_hits(None)

    def clear(self, key: str) -> None:
        self.log.clear_hits(key)
