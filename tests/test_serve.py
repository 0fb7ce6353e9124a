"""`ivr serve` for real: gunicorn with several worker processes, reached over loopback HTTP."""
import os
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from ivr.phone.emulator import TwilioEmulator, http_sender

TOKEN = "serve-test-token"
PUBLIC = "https://ivr-tunnel.example.test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("serve") / "calls.sqlite3"
    port = free_port()
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": str(db),
           "IVR_NOW": "2026-11-24T10:00:00+09:00"}
    proc = subprocess.Popen([sys.executable, "-m", "ivr", "serve", "--port", str(port), "--workers", "3"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    local = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            requests.post(local + "/voice", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    yield {"local": local, "db": db, "proc": proc}
    proc.terminate()
    proc.communicate(timeout=15)


def test_several_workers_answer_one_call(server):
    twilio = TwilioEmulator(http_sender(PUBLIC, server["local"]), TOKEN, PUBLIC)
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda turns: twilio.call(turns),
                                [["楽天カード", "カードを紛失しました"], ["", "dtmf:3", "dtmf:2"],
                                 ["アメックス", "もう一度", "ポイント"]] * 4))
    assert all(set(r.statuses) == {200} for r in results)
    assert [r.dialled for r in results[:3]] == [["+81120866910"], ["+81120899543"], ["+81120010120"]]
    db = sqlite3.connect(server["db"])
    assert db.execute("SELECT COUNT(*) FROM calls").fetchone()[0] == 12
    assert db.execute("SELECT COUNT(*) FROM calls WHERE status='completed'").fetchone()[0] == 12
    assert db.execute("SELECT COUNT(*) FROM turns").fetchone()[0] == 4 * (2 + 3 + 3)


def test_requests_were_spread_over_worker_processes(server):
    # gunicorn's workers are separate processes; count the distinct ones that answered.
    pids = subprocess.run(["pgrep", "-P", str(server["proc"].pid)], capture_output=True, text=True).stdout.split()
    assert len(pids) == 3


def test_unsigned_request_is_refused_by_the_server(server):
    assert requests.post(server["local"] + "/voice", data={"CallSid": "CA1"}, timeout=5).status_code == 403


def test_serve_without_token_says_what_to_do(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TWILIO_AUTH_TOKEN"}
    result = subprocess.run([sys.executable, "-m", "ivr", "serve", "--port", str(free_port())], env=env,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "TWILIO_AUTH_TOKEN is not set" in result.stderr and "Traceback" not in result.stderr
