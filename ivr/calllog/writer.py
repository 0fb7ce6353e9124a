"""Log writes on a thread of their own: a worker thread hands over a webhook's writes and goes back to
answering calls at once, instead of holding its connection while the database works.

Writes of one process are applied in the order they were handed over. What is still queued when the
process stops is written before it exits (for a few seconds at most). `ivr serve` uses this; tests and
the development server write inline (GuardedLog.write_all), so what they read is already there.
"""
from __future__ import annotations

import atexit
import logging
import os
import queue
import threading
import time

from .guard import GuardedLog
from .spool import Write

log = logging.getLogger("ivr.calllog")
QUEUE_LIMIT = 10_000  # webhooks' worth of writes waiting; beyond this (a dead database and a flood) they are dropped
FLUSH_AT_EXIT_S = 5.0
GATHER_S = 0.02  # writes arriving within this time of each other go in one transaction
GATHER_MAX = 200


class BackgroundWriter:
    def __init__(self, guarded: GuardedLog, limit: int = QUEUE_LIMIT):
        self.guarded = guarded
        self.limit = limit
        self._queue: queue.Queue | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def submit(self, call_sid: str, writes: list[Write]) -> None:
        """The writes of one webhook of the call `call_sid` (the rows they touch are that call's)."""
        try:
            self._started().put_nowait((call_sid, writes))
        except queue.Full:
            self.guarded.dropped(len(writes), "the write queue is full")

    def _started(self) -> queue.Queue:
        # Started on first use in each process: a thread does not survive gunicorn's fork.
        if self._queue is None or self._pid != os.getpid():
            with self._lock:
                if self._queue is None or self._pid != os.getpid():
                    self._queue, self._pid = queue.Queue(self.limit), os.getpid()
                    threading.Thread(target=self._run, args=(self._queue,), name="ivr-calllog-writer",
                                     daemon=True).start()
                    atexit.register(self.flush, FLUSH_AT_EXIT_S)
        return self._queue

    def _run(self, pending: queue.Queue) -> None:
        while True:
            try:
                batches = [pending.get(timeout=self.guarded.retry_after)]
            except queue.Empty:
                self.guarded.replay()  # no new writes to carry the spool in: replay it when the log is back
                continue
            # Let the webhooks of the next moments join this transaction: one commit for many, and the
            # log's work comes in short bursts instead of right beside every request.
            time.sleep(GATHER_S)
            while len(batches) < GATHER_MAX:
                try:
                    batches.append(pending.get_nowait())
                except queue.Empty:
                    break
            # In call order: every writer of every instance takes its rows' locks in the same order, so
            # two transactions never wait on each other in a circle (a deadlock would lose both).
            batches.sort(key=lambda batch: batch[0])
            try:
                self.guarded.write_groups([writes for _, writes in batches])
            finally:
                for _ in batches:
                    pending.task_done()

    def flush(self, timeout: float = FLUSH_AT_EXIT_S) -> bool:
        """Wait until every write handed over so far is done (True), or `timeout` seconds (False)."""
        pending = self._queue
        if pending is None or self._pid != os.getpid():
            return True
        done = threading.Event()

        def wait() -> None:
            pending.join()
            done.set()
        threading.Thread(target=wait, daemon=True).start()
        return done.wait(timeout)
