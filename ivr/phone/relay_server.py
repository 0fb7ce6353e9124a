"""The ConversationRelay WebSocket server: one asyncio event loop, one socket and one session per call.

A call's socket stays open for minutes while the caller thinks and talks; on an event loop it costs a few
kilobytes and no thread (bench/relay.py --compare measures it against flask-sock on gunicorn threads, and
the README has the figures). The dialog's steps take about a millisecond and run on the loop; the call log
is written on a thread of its own (BackgroundWriter).

The upgrade request must carry X-Twilio-Signature: the public wss:// URL (IVR_RELAY_URL) signed with the
auth token and no parameters, as Twilio computes it for webhooks; or, for a rehearsal played on /try from
an operator's browser (which cannot send that header), a short-lived ticket signed by this service in the
query (?try=…). Anything else is refused with 403 before a socket exists.

`ivr serve` runs it in a process of its own beside gunicorn (see run()); `ivr serve --dev` and the tests run
it on a thread (start_in_thread()).
"""
from __future__ import annotations

import asyncio
import contextlib
import gc
import hmac
import json
import logging
import os
import resource
import signal
import threading
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

from twilio.request_validator import RequestValidator
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosedError
from websockets.http11 import Request, Response

from .relay import MAX_MESSAGE, SOCKET_PATH, TICKET_PARAM, Relay, RelayCall

log = logging.getLogger("ivr.phone.relay")


def _check_upgrade(relay: Relay, validator: RequestValidator | None):
    def check(connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.split("?", 1)[0]
        if path != SOCKET_PATH:
            return connection.respond(HTTPStatus.NOT_FOUND, "not found\n")
        ticket = _ticket(request.path)
        if ticket is not None:  # a rehearsal from /try, which no Twilio signature covers
            if relay.rehearsal(ticket) is not None:
                return None
            log.warning("refused a rehearsal socket: its ticket is not this service's or has expired")
            return connection.respond(HTTPStatus.FORBIDDEN, "forbidden\n")
        if validator is None:
            return None
        signature = request.headers.get("X-Twilio-Signature", "")
        query = request.path[len(path):]
        base = relay.socket_url or f"ws://{request.headers.get('Host', '')}{SOCKET_PATH}"
        url = base + query
        if signature and (hmac.compare_digest(validator.compute_signature(url, {}), signature)
                          or validator.validate(url, {}, signature)):
            return None
        log.warning("refused a ConversationRelay socket: %s; checked against %s",
                    "the signature does not match" if signature else "no X-Twilio-Signature header", url)
        return connection.respond(HTTPStatus.FORBIDDEN, "forbidden\n")
    return check


def _ticket(path: str) -> str | None:
    values = parse_qs(urlsplit(path).query).get(TICKET_PARAM)
    return values[0] if values else None


async def _session(relay: Relay, socket: ServerConnection) -> None:
    ticket = _ticket(socket.request.path) if socket.request is not None else None
    call = RelayCall(relay, rehearsal=relay.rehearsal(ticket) if ticket else None)
    lock = asyncio.Lock()  # a silence and a message never interleave their tokens
    timer: asyncio.TimerHandle | None = None
    loop = asyncio.get_running_loop()
    dropped = False

    async def send(messages: list[dict]) -> None:
        nonlocal timer
        for message in messages:
            await socket.send(json.dumps(message, ensure_ascii=False))
        if messages and messages[-1]["type"] != "end":
            wait = call.silence_after()
            if wait is not None:
                timer = loop.call_later(wait, lambda: loop.create_task(silent()))

    async def silent() -> None:
        async with lock:
            await send(_safely(call, call.silence))

    try:
        async for raw in socket:
            if isinstance(raw, bytes):
                continue  # ConversationRelay sends text frames only
            try:
                message = json.loads(raw)
            except ValueError:
                log.warning("a ConversationRelay message that is not JSON on call %s", call.call_sid)
                continue
            if not isinstance(message, dict):
                continue
            async with lock:
                if timer is not None and message.get("type") in ("prompt", "dtmf", "interrupt"):
                    timer.cancel()
                    timer = None
                await send(_safely(call, lambda: call.handle(message)))
    except ConnectionClosedError:  # no closing handshake: the socket was lost, not closed by Twilio
        dropped = True
    finally:
        if timer is not None:
            timer.cancel()
        call.closed(dropped)
        # send and silent refer to each other: left so, they and the socket they hold (some sixty objects a
        # call) would wait for the cyclic collector, whose full passes then stalled the loop for 100-200 ms
        # of CPU at 1,000 calls. Freed now, by reference counting, as the session ends.
        send = silent = None  # noqa: F841


def _safely(call: RelayCall, handle) -> list[dict]:
    """A fault in a step ends the session without a handoff: the <Connect action> apologises and gives the
    general numbers, as the <Gather> flow does for a webhook that fails."""
    try:
        return handle()
    except Exception:
        log.exception("ConversationRelay step failed on call %s; the caller hears the apology", call.call_sid)
        call.handed_off = True
        return [{"type": "end"}]


@contextlib.asynccontextmanager
async def serving(relay: Relay, host: str, port: int, reuse_port: bool = False):
    """The server listening on host:port for as long as the context lasts."""
    service = relay.service
    validator = service.validator
    if validator is not None and relay.socket_url is None:
        log.warning("IVR_RELAY_URL (or IVR_PUBLIC_URL) is not set: socket signatures are checked against "
                    "ws://<Host header>%s, which is not the URL Twilio signed behind a proxy", SOCKET_PATH)
    server: Server
    async with serve(lambda socket: _session(relay, socket), host, port, max_size=MAX_MESSAGE,
                     process_request=_check_upgrade(relay, validator), reuse_port=reuse_port,
                     server_header=None, compression=None) as server:
        yield server


def run(relay: Relay, host: str, port: int, reuse_port: bool = False) -> None:
    """Serve until SIGTERM or SIGINT (`ivr serve` runs this in a process of its own), or until the process
    that started this one is gone."""
    parent = os.getppid()
    # The app was built before this loop starts (`ivr serve` froze it before the fork): its objects live as
    # long as the process, so the collector's full passes, which stall the loop, need never walk them.
    gc.freeze()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:  # a socket per call: systemd's default soft limit (1024) would refuse calls long before the CPU
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    async def main() -> None:
        stop = asyncio.get_running_loop().create_future()
        for sig in (signal.SIGTERM, signal.SIGINT):
            asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
        async with serving(relay, host, port, reuse_port):
            log.info("ConversationRelay sockets on ws://%s:%d%s", host, port, SOCKET_PATH)
            while not stop.done():
                await asyncio.wait([stop], timeout=1.0)
                if os.getppid() != parent:  # orphaned: the instance is gone, and so are we
                    break
        relay.writer.flush()

    asyncio.run(main())


class ThreadedServer:
    """The server on a thread of this process (for `ivr serve --dev` and tests); stop() waits for it."""

    def __init__(self, relay: Relay, host: str = "127.0.0.1", port: int = 0):
        self.relay, self.host, self.port = relay, host, port
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Future | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="ivr-relay", daemon=True)

    def _run(self) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = self._loop.create_future()
            async with serving(self.relay, self.host, self.port) as server:
                self.port = next(iter(server.sockets)).getsockname()[1]
                self._ready.set()
                await self._stop
        try:
            asyncio.run(main())
        except BaseException as error:  # reported by start()
            self._error = error
            self._ready.set()

    def start(self) -> "ThreadedServer":
        self._thread.start()
        self._ready.wait(30)
        if self._error is not None:
            raise self._error
        return self

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}{SOCKET_PATH}"

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(lambda: self._stop.done() or self._stop.set_result(None))
        self._thread.join(30)
        self.relay.writer.flush()

    def __enter__(self) -> "ThreadedServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
