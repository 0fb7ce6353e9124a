"""Writes the call log could not take, kept on this machine's disk until it can take them again.

Each webhook's writes are one line of JSON (masked like the log itself: a caller's number and the digits
they said never reach the disk in clear), appended and fsync'd before the webhook's writes count as kept.
Each process appends to a file of its own (`<time>-<pid>.jsonl`, held under an flock while the process
lives); a file whose process has died is adopted by the next one that replays. Replay goes file by
file, line by line, in the order the lines were written; how far it got is kept beside each file
(`.done`, fsync'd too), so a replay cut short by a new outage goes on where it stopped. The spool is
bounded: past `limit` webhooks' writes, more are counted and reported as lost, never left to fill the disk.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..core.privacy import mask_digits, mask_number

SPOOL_LIMIT = 50_000  # webhooks' writes waiting; a webhook's writes are a few hundred bytes (its TwiML)


@dataclass(frozen=True)
class Write:
    """One CallLog write method and its arguments: what a webhook asks the log to do, in a form that can
    wait on disk. Calling it on a CallLog does it."""
    method: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    METHODS = ("start_call", "log_turn", "log_step", "end_call", "record", "update_known")

    def __post_init__(self):
        if self.method not in self.METHODS:
            raise ValueError(f"not a call-log write: {self.method}")

    def __call__(self, log) -> object:
        return getattr(log, self.method)(*self.args, **self.kwargs)

    def stored(self) -> list:
        """What is written to disk: masked exactly as the log would mask it (masking twice changes nothing)."""
        args = list(self.args)
        if self.method == "start_call" and len(args) > 2:
            args[2] = mask_number(args[2])
        if self.method == "log_turn" and len(args) > 4:
            args[4] = mask_digits(args[4])
        return [self.method, args, self.kwargs]

    @classmethod
    def loaded(cls, stored: list) -> "Write":
        method, args, kwargs = stored
        return cls(method, tuple(args), dict(kwargs))


def spool_dir(base: str | os.PathLike, description: str) -> Path:
    """The spool of the log described by `description` under `base`: one folder per log, so rows are
    never replayed into another log than the one they were meant for."""
    key = hashlib.sha256(description.encode()).hexdigest()[:16]
    return Path(base) / key


class Spool:
    def __init__(self, directory: str | os.PathLike, limit: int = SPOOL_LIMIT):
        self.dir = Path(directory)
        self.limit = limit
        self._lock = threading.RLock()
        self._own: Path | None = None
        self._handle = None
        self._pid = 0
        self._waiting = 0  # this process's lines not yet replayed (other processes' files are counted on demand)

    # --- appending -------------------------------------------------------------------------------------
    def append(self, groups: list[list[Write]]) -> int:
        """Keep each webhook's writes (one group each), in order; how many groups were kept (those past
        the bound are not). Raises OSError when the disk takes none."""
        with self._lock:
            room = max(0, self.limit - self._waiting)
            kept = groups[:room]
            if not kept:
                return 0
            fd = self._file()
            data = "".join(json.dumps([w.stored() for w in group], ensure_ascii=False) + "\n" for group in kept)
            os.write(fd, data.encode("utf-8"))
            os.fsync(fd)
            self._waiting += len(kept)
            return len(kept)

    def _file(self) -> int:
        if self._handle is None or self._pid != os.getpid():  # a file is never shared across fork()
            self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._own = self.dir / f"{time.time_ns()}-{os.getpid()}.jsonl"
            fd = os.open(self._own, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            weakref.finalize(self, os.close, fd)
            self._handle, self._pid, self._waiting = fd, os.getpid(), 0
        return self._handle

    # --- counting --------------------------------------------------------------------------------------
    @property
    def has_own(self) -> bool:
        return self._waiting > 0 and self._pid == os.getpid()

    def waiting(self) -> int:
        """Webhooks' writes waiting in this log's spool, every process's (for /healthz and the console)."""
        total = 0
        with contextlib.suppress(OSError):
            for path in self.dir.glob("*.jsonl"):
                with contextlib.suppress(OSError):
                    total += _count_lines(path, _done(path))
        return total

    # --- replaying -------------------------------------------------------------------------------------
    def replay(self, apply: Callable[[list[list[Write]]], int], chunk: int = 200) -> bool:
        """Hand the waiting groups to `apply` in order, `chunk` at a time; `apply` returns how many of
        them are done (fewer than it was given: the log failed again, stop there). True when nothing of
        this process's (or of a dead process's) spool is left."""
        with self._lock:
            for path in sorted(self.dir.glob("*.jsonl")) if self.dir.exists() else []:
                with self._claimed(path) as claimed:
                    if claimed is None:
                        continue  # a live process's own file: it replays it itself
                    if not self._replay_file(path, apply, chunk):
                        return False
            return True

    @contextlib.contextmanager
    def _claimed(self, path: Path) -> Iterator[Path | None]:
        if self._handle is not None and self._pid == os.getpid() and path == self._own:
            yield path
            return
        try:
            handle = open(path, "a", encoding="utf-8")
        except OSError:
            yield None
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            yield None
            return
        try:
            yield path
        finally:
            handle.close()

    def _replay_file(self, path: Path, apply: Callable[[list[list[Write]]], int], chunk: int) -> bool:
        offset = _done(path)
        with open(path, "rb") as source:
            source.seek(offset)
            while True:
                lines, ends = [], []
                for raw in source:
                    if not raw.endswith(b"\n"):
                        break  # a line cut short by a crash mid-append: never fsync'd, never counted
                    lines.append(raw)
                    ends.append(source.tell())
                    if len(lines) >= chunk:
                        break
                if not lines:
                    break
                groups = [[Write.loaded(w) for w in json.loads(line)] for line in lines]
                done = apply(groups)
                if done:
                    offset = ends[done - 1]
                    _set_done(path, offset)
                    if path == self._own:
                        self._waiting = max(0, self._waiting - done)
                if done < len(groups):
                    return False
                source.seek(offset)
        self._finished(path)
        return True

    def _finished(self, path: Path) -> None:
        if path == self._own and self._handle is not None:
            os.ftruncate(self._handle, 0)  # the file stays ours and locked; its lines are all in the log
            self._waiting = 0
        else:
            path.unlink(missing_ok=True)
        _done_path(path).unlink(missing_ok=True)


def _done_path(path: Path) -> Path:
    return path.with_suffix(".done")


def _done(path: Path) -> int:
    try:
        return int(_done_path(path).read_text() or 0)
    except (OSError, ValueError):
        return 0


def _set_done(path: Path, offset: int) -> None:
    temporary = _done_path(path).with_suffix(".done-new")
    with open(temporary, "w") as handle:
        handle.write(str(offset))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, _done_path(path))


def _count_lines(path: Path, offset: int) -> int:
    with open(path, "rb") as handle:
        handle.seek(offset)
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 16), b""))
