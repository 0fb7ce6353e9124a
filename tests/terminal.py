"""A command on a real terminal (a pseudo-terminal of a given width), as an operator runs it: what it prints,
how it exits, and keys sent to it (Ctrl-C is the byte \\x03, turned into SIGINT by the terminal itself)."""
from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

from conftest import ROOT


class Terminal:
    def __init__(self, *argv: str, columns: int = 100, env: dict | None = None, cwd=ROOT):
        self.output = b""
        self.status: int | None = None
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the command itself, on the terminal
            try:
                # A shell started in the background (sh -c 'cmd &') ignores SIGINT and its children inherit
                # that; an operator's terminal does not, so Ctrl-C here must stop the command as it would there.
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.chdir(cwd)
                os.execve(argv[0], list(argv), {**os.environ, "COLUMNS": str(columns), **(env or {})})
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))

    @classmethod
    def ivr(cls, *args: str, **kwargs) -> "Terminal":
        return cls(str(ROOT / ".venv" / "bin" / "ivr") if (ROOT / ".venv" / "bin" / "ivr").exists()
                   else os.path.join(os.path.dirname(sys.executable), "ivr"), *args, **kwargs)

    def _read(self, wait: float) -> bool:
        """Reads what is there within `wait` seconds; False once the command has closed the terminal."""
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # the command ended and closed its side
                return False
            if not chunk:
                return False
            self.output += chunk
        return True

    def _drain(self) -> None:
        """Reads everything printed so far, without waiting for more."""
        while select.select([self.fd], [], [], 0.05)[0] and self._read(0):
            pass

    def read_until(self, marker: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while marker.encode() not in self.output:
            assert time.monotonic() < deadline, f"no {marker!r} in:\n{self.text}"
            if not self._read(0.5):
                assert marker.encode() in self.output, f"ended without {marker!r}:\n{self.text}"
        return self.text

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def wait(self, timeout: float = 60) -> int:
        """The exit status (128 + N for a signal), once everything it printed has been read."""
        deadline = time.monotonic() + timeout
        while self.status is None:
            self._drain()  # a silent command must not keep this loop from its deadline
            ended, status = os.waitpid(self.pid, os.WNOHANG)
            if ended:
                self.status = os.waitstatus_to_exitcode(status)
                if self.status < 0:
                    self.status = 128 - self.status
            assert self.status is not None or time.monotonic() < deadline, f"still running:\n{self.text}"
        self._drain()
        return self.status

    @property
    def text(self) -> str:
        return self.output.decode(errors="replace").replace("\r\n", "\n")

    def close(self) -> None:
        if self.status is None:  # a failed expectation must not leave the command running
            try:
                os.kill(self.pid, signal.SIGINT)  # first as Ctrl-C, so it stops what it started
                deadline = time.monotonic() + 20
                while not os.waitpid(self.pid, os.WNOHANG)[0]:
                    if time.monotonic() > deadline:
                        os.kill(self.pid, signal.SIGKILL)
                        os.waitpid(self.pid, 0)
                        break
                    self._read(0.1)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
