"""`ivr serve` for real: gunicorn with several worker processes, reached over loopback HTTP."""
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from ivr.calllog import open_log
from ivr.phone.emulator import TwilioEmulator, http_sender
from servers import IvrServer, SlowClients, eventually

pytestmark = [pytest.mark.server, pytest.mark.slow]

TOKEN = "serve-test-token"
PUBLIC = "https://ivr-tunnel.example.test"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "calls.sqlite3"
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": str(db),
           "IVR_NOW": "2026-11-24T10:00:00+09:00"}
    env.pop("TWILIO_SMS_FROM", None)
    with IvrServer(env, ("--workers", "3", "--threads", "4")) as running:
        yield running, db


def test_several_workers_answer_one_call(server):
    running, db = server
    twilio = TwilioEmulator(http_sender(PUBLIC, running.url), TOKEN, PUBLIC)
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda turns: twilio.call(turns),
                                [["楽天カード", "カードを紛失しました"], ["", "dtmf:3", "dtmf:2"],
                                 ["アメックス", "もう一度", "ポイント"]] * 4))
    assert all(set(r.statuses) == {200} for r in results)
    assert [r.dialled for r in results[:3]] == [["+81120866910"], ["+81120899543"], ["+81120010120"]]
    log = open_log(db, create=False)
    eventually(lambda: log.count("turns") == 4 * (2 + 3 + 3) and
               {c["status"] for c in log.recent_calls(100)} == {"completed"})
    calls = log.recent_calls(100)
    assert len(calls) == 12 and {c["status"] for c in calls} == {"completed"}
    assert log.count("turns") == 4 * (2 + 3 + 3)
    log.close()


def test_serve_runs_the_worker_processes_asked_for(server):
    deadline = time.monotonic() + 30  # readiness means one worker answers; the others may still be forking
    while time.monotonic() < deadline and len(server[0].workers()) < 3:
        time.sleep(0.1)
    assert len(server[0].workers()) == 3


def test_refused_request_is_logged_with_the_url_checked_never_the_token(server):
    running, _ = server
    assert requests.post(running.url + "/voice", data={"CallSid": "CA1"}, timeout=5).status_code == 403
    forged = {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}
    assert requests.post(running.url + "/voice/turn?t=abcdefghijklmnopqrstuvwxyz", data={"CallSid": "CA1"},
                         headers=forged, timeout=5).status_code == 403
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "the signature does not match" not in running.output():
        time.sleep(0.1)  # the worker's log line reaches the file a moment after the answer
    output = running.output()
    assert f"refused POST /voice: no X-Twilio-Signature header; checked against {PUBLIC}/voice" in output
    assert f"refused POST /voice/turn: the signature does not match; checked against {PUBLIC}/voice/turn?t=abcdefgh…" \
        in output
    assert TOKEN not in output and "bm90IGEgc2lnbmF0dXJl" not in output


def test_start_up_says_once_that_sms_is_not_offered(server):
    output = server[0].output()
    assert output.count("TWILIO_ACCOUNT_SID is not set, so SMS follow-ups are not offered") == 1
    assert "call log in " in output


def test_slow_clients_cannot_starve_the_workers(server):
    """Twice as many connections as threads trickle a request a byte at a time; real webhooks still get
    their answer, and the tricklers are cut off once their request has taken too long to arrive."""
    running, _ = server
    with SlowClients(running.port, 3 * 4 * 2) as slow:
        time.sleep(1)  # every worker thread has a trickling connection by now
        twilio = TwilioEmulator(http_sender(PUBLIC, running.url), TOKEN, PUBLIC)
        result = twilio.call(["アマゾン", "返品したい"])  # http_sender gives each webhook 20 s, as Twilio 15
        assert set(result.statuses) == {200} and result.dialled == ["+81120899543"]
        assert eventually(lambda: len(slow.cut_off) == slow.count, 30)


def test_serve_without_token_says_what_to_do():
    env = {k: v for k, v in os.environ.items() if k != "TWILIO_AUTH_TOKEN"}
    result = subprocess.run([sys.executable, "-m", "ivr", "serve", "--port", "0"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "TWILIO_AUTH_TOKEN is not set" in result.stderr and "Traceback" not in result.stderr


def test_serve_takes_providers_like_the_other_commands(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("providers: [", encoding="utf-8")
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN}
    result = subprocess.run([sys.executable, "-m", "ivr", "serve", "--port", "0", "--providers", str(broken)],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and f"{broken}:1" in result.stderr and "Traceback" not in result.stderr



def test_webhooks_skip_the_console_session_but_the_console_keeps_it(tmp_path):
    """Webhook requests never open the console's signed session (Flask would build its signer every time)."""
    from flask import request

    from ivr.server import create_app

    app = create_app({"TWILIO_AUTH_TOKEN": "t", "IVR_PUBLIC_URL": "https://x.test", "IVR_DB": str(tmp_path / "c.db")},
                     dev=True)
    interface = app.session_interface
    cookie = interface.get_signing_serializer(app).dumps({"who": "operator"})
    header = {"Cookie": f"{app.config['SESSION_COOKIE_NAME']}={cookie}"}
    for path, opened in (("/voice/turn", {}), ("/relay/action", {}), ("/console/", {"who": "operator"})):
        with app.test_request_context(path, headers=header):
            assert dict(interface.open_session(app, request)) == opened, path
