"""gunicorn's threaded worker with a bound on how long a request may take to arrive.

The stock gthread worker parks a connection that sends nothing, but once the first byte is in, a thread
reads the rest for as long as the client cares to trickle it: a handful of slow clients held every thread
and real webhooks timed out. Here each request (headers and body) must arrive within REQUEST_ARRIVAL_S
of its first byte, or its connection is closed. Behind nginx (deploy/nginx) the proxy buffers whole
requests first and this bound is never reached.
"""
from __future__ import annotations

import socket
import time

from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import ThreadWorker

REQUEST_ARRIVAL_S = 5.0  # Twilio's webhooks arrive in milliseconds
SEND_TIMEOUT_S = 10.0  # writing an answer to a client that does not read


class _DeadlineSocket:
    """The client socket as gunicorn reads it: every read gives up when the request's time is over."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.deadline: float | None = None
        self.expired = False

    def _read(self, read, *args):
        if self.deadline is None:  # gunicorn's own reads (draining, lingering close) keep their timeouts
            return read(*args)
        remaining = self.deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise TimeoutError
            self._sock.settimeout(remaining)
            return read(*args)
        except TimeoutError:
            # What gunicorn says of a client that went away: the connection is closed, quietly.
            self.expired = True
            raise NoMoreData(b"request took too long to arrive") from None

    def recv(self, size: int, *flags) -> bytes:
        return self._read(self._sock.recv, size, *flags)

    def recv_into(self, buffer, *args) -> int:
        return self._read(self._sock.recv_into, buffer, *args)

    def send(self, data, *flags) -> int:
        if self.deadline is not None:
            self._sock.settimeout(SEND_TIMEOUT_S)
        return self._sock.send(data, *flags)

    def sendall(self, data, *flags) -> None:
        if self.deadline is not None:
            self._sock.settimeout(SEND_TIMEOUT_S)
        self._sock.sendall(data, *flags)

    def setblocking(self, flag: bool) -> None:
        self._sock.setblocking(flag)

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


class BoundedArrivalWorker(ThreadWorker):
    def handle(self, conn):
        if not isinstance(conn.sock, _DeadlineSocket):
            conn.sock = _DeadlineSocket(conn.sock)
        # The wait for a first byte is not counted: the base worker parks a silent connection on its poller.
        # The bound covers the headers, the body the app reads, and the rest of the body gunicorn drains
        # after answering (a refused request's body included).
        conn.sock.deadline = time.monotonic() + REQUEST_ARRIVAL_S
        try:
            return super().handle(conn)
        finally:
            conn.sock.deadline = None
            if conn.sock.expired:
                # Closed at once, not gracefully: a graceful close would linger on the worker's main
                # loop reading what the slow client still sends.
                conn.sock.close()
