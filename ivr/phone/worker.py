"""gunicorn's threaded worker with a bound on how long a request may take to arrive.

The stock gthread worker parks a connection that sends nothing, but once the first byte is in, a thread
reads the rest for as long as the client cares to trickle it: a handful of slow clients held every thread
and real webhooks timed out. Here each request (headers and body) must arrive within REQUEST_ARRIVAL_S
of its first byte, or its connection is closed. Behind nginx (deploy/nginx) the proxy buffers whole
requests first and this bound is never reached.
"""
from __future__ import annotations

import socket
import struct
import time

from gunicorn.http.errors import NoMoreData
from gunicorn.workers.gthread import ThreadWorker

REQUEST_ARRIVAL_S = 5.0  # Twilio's webhooks arrive in milliseconds
_KERNEL_TIMEOUT = struct.pack("ll", int(REQUEST_ARRIVAL_S), 0)


class _DeadlineSocket:
    """The client socket as gunicorn reads it: a read past the request's deadline ends the request.

    A stalled read gives up after REQUEST_ARRIVAL_S by the kernel's own socket timeouts (SO_RCVTIMEO and
    SO_SNDTIMEO, set once per connection), and a trickle that keeps each read short is stopped by the
    deadline checked before every read; no system call is added to a request's path."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.deadline: float | None = None
        self.expired = False
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, _KERNEL_TIMEOUT)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, _KERNEL_TIMEOUT)

    def _read(self, read, *args):
        if self.deadline is None:  # gunicorn's own reads (lingering close) keep their own timeouts
            return read(*args)
        try:
            if time.monotonic() > self.deadline:
                raise TimeoutError
            return read(*args)
        except (TimeoutError, BlockingIOError):  # BlockingIOError: the kernel's timeout on a blocking socket
            # What gunicorn says of a client that went away: the connection is closed, quietly.
            self.expired = True
            raise NoMoreData(b"request took too long to arrive") from None

    def recv(self, size: int, *flags) -> bytes:
        return self._read(self._sock.recv, size, *flags)

    def recv_into(self, buffer, *args) -> int:
        return self._read(self._sock.recv_into, buffer, *args)

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
