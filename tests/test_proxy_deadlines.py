"""deploy/nginx in front of a real instance: each request whole within 5 s of its first byte, whatever the
pauses between its reads, with a Content-Length or chunked; bodies nginx reads itself as before (the
64 KB with its 413, chunked webhooks, 100-continue)."""
import os
import socket
import time

import pytest
import requests
from twilio.request_validator import RequestValidator

from servers import IvrServer, Nginx, without_body_deadline

pytestmark = [pytest.mark.server, pytest.mark.slow]

TOKEN = "deadline-test-token"
PUBLIC = "https://ivr-deadline.example.test"
CUT_LINE = "request body not in within 5 s of the request's first byte"


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC,
           "IVR_DB": str(tmp_path_factory.mktemp("deadline") / "calls.sqlite3"),
           "IVR_NOW": "2026-11-24T10:00:00+09:00"}
    env.pop("TWILIO_SMS_FROM", None)
    with IvrServer(env, ("--workers", "1", "--threads", "4")) as running:
        yield running


def nginx_for(instance, **options) -> Nginx:
    return Nginx([f"127.0.0.1:{instance.port}"], relays=[f"127.0.0.1:{instance.relay_port}"], **options)


def open_trickle(port: int, chunked: bool) -> socket.socket:
    """A webhook's header, whole; its body is then sent a piece at a time by `goes_on`."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"POST /voice HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                 + (b"Transfer-Encoding: chunked\r\n\r\n" if chunked else b"Content-Length: 100\r\n\r\n"))
    sock.setblocking(False)
    return sock


def goes_on(sock: socket.socket, chunked: bool) -> bool:
    """One more byte of the body; False once nginx has answered or closed the connection."""
    try:
        if sock.recv(1, socket.MSG_PEEK) is not None:  # b"" (closed) or an answer
            return False
    except BlockingIOError:
        pass
    except OSError:
        return False
    try:
        sock.send(b"1\r\nx\r\n" if chunked else b"x")
        return True
    except OSError:
        return False


def test_a_body_trickled_within_the_pause_limit_is_cut_at_the_total_deadline(instance):
    """A body byte every 0.5 s never trips client_body_timeout (2 s): nginx alone lets a 100-byte body take
    50 s (a 64 KB one, 9 hours), and a chunked one for ever. With the deadline both are closed 5 s after
    the request's first byte. The control, the same config without the Lua block, still has both going
    at 9 s or more (and would for 50 s or for ever)."""
    with nginx_for(instance) as guarded, nginx_for(instance, edit=without_body_deadline) as bare:
        trickles = {(name, chunked): open_trickle(server.port, chunked)
                    for name, server in (("guarded", guarded), ("bare", bare)) for chunked in (False, True)}
        guarded_keys = {("guarded", False), ("guarded", True)}
        started, cut_after = time.monotonic(), {}
        try:
            while (elapsed := time.monotonic() - started) < 20 and (elapsed < 9 or guarded_keys - set(cut_after)):
                for (name, chunked), sock in trickles.items():
                    if (name, chunked) not in cut_after and not goes_on(sock, chunked):
                        cut_after[name, chunked] = time.monotonic() - started
                time.sleep(0.5)
        finally:
            for sock in trickles.values():
                sock.close()
        log = guarded.log.read_text(errors="replace")
    assert set(cut_after) == guarded_keys, cut_after
    assert all(t > 3 for t in cut_after.values()), cut_after  # by the deadline, not refused at once
    assert log.count(CUT_LINE) == 2


def test_bodies_nginx_reads_as_before_under_the_deadline(instance):
    """A signed chunked webhook reaches the instance and is answered; a chunked body over 64 KB is 413
    from nginx (L8); a client waiting for 100-continue gets it; requests without a body pass untouched."""
    form = {"CallSid": "CA" + "d" * 32, "From": "+81312345678", "To": "+815011112222", "CallStatus": "ringing"}
    body = "&".join(f"{k}={v}" for k, v in form.items()).replace("+", "%2B").encode()
    signature = RequestValidator(TOKEN).compute_signature(f"{PUBLIC}/voice", form)
    with nginx_for(instance) as nginx:
        chunked = requests.post(nginx.url + "/voice", data=iter([body[:20], body[20:]]), timeout=10, headers={
            "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})
        assert chunked.request.headers.get("Transfer-Encoding") == "chunked"
        assert chunked.status_code == 200 and "<Gather" in chunked.text and chunked.headers["X-Upstream"]

        too_big = requests.post(nginx.url + "/voice", data=iter([b"CallSid=CA1&SpeechResult=" + b"a" * 70000]),
                                timeout=10, headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert too_big.status_code == 413 and not too_big.headers.get("X-Upstream")  # nginx's, not the instance's

        with socket.create_connection(("127.0.0.1", nginx.port), timeout=10) as sock:
            sock.sendall(b"POST /voice HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         b"Content-Length: %d\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n" % len(body))
            assert sock.recv(100).startswith(b"HTTP/1.1 100 Continue")
            sock.sendall(body)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 403")  # the instance's refusal: no signature on this one

        assert requests.get(nginx.url + "/healthz", timeout=10).status_code == 200
