"""Several instances: two `ivr serve` behind nginx (the repository's config), one PostgreSQL call log.

The dev call set is played through nginx one webhook at a time, so its round robin sends the webhooks
of each call to the two instances in turn. Every call completes, the log has exactly one row per call
and one per turn, and `ivr calls` against PostgreSQL shows them.
"""
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import PROVIDERS, DEV
from ivr.calllog import open_log
from ivr.core.call import play
from ivr.core.catalogue import load
from ivr.core.hours import parse_moment
from ivr.ja import assistant as japanese_assistant
from ivr.phone.emulator import TwilioEmulator, http_sender
from ivr.phone.relay_emulator import RelayEmulator
from servers import SERVE_ARGS, IvrServer, Nginx, SlowClients, TricklingBodies, eventually, free_port, ivr_servers

pytestmark = [pytest.mark.postgres, pytest.mark.server, pytest.mark.slow]

TOKEN = "cluster-test-token"
PUBLIC = "https://ivr-cluster.example.test"
CASES = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()
         if line.strip()]
ASSISTANT = japanese_assistant(load(PROVIDERS))


def with_yes(case):
    """The dev set's outcomes assume every yes/no is answered はい (as `simulate --yes`)."""
    record = play(ASSISTANT, case["turns"], parse_moment(case["at"]), auto_yes=True)
    return [e.get("text", "dtmf:" + e.get("dtmf", "")) for e in record.events if e["who"] == "caller"]


@pytest.fixture(scope="module")
def cluster(postgres):
    url = postgres.create_database("cluster")
    ports, relays = [free_port(), free_port()], [free_port(), free_port()]
    with Nginx([f"127.0.0.1:{port}" for port in ports], relays=[f"127.0.0.1:{port}" for port in relays]) as nginx:
        yield {"db": url, "ports": ports, "relays": relays, "nginx": nginx}


def instances(cluster, now, db=None):
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": db or cluster["db"],
           "IVR_NOW": now}
    return ivr_servers(*(IvrServer(env, SERVE_ARGS, port, relay) for port, relay in zip(cluster["ports"],
                                                                                          cluster["relays"])))


def test_dev_calls_across_two_instances_share_one_postgres_log(cluster):
    """Every third moment of the dev set (with all its calls), and one with each outcome: each moment restarts both
    instances (their clock is fixed by IVR_NOW), and every dev call is routed right in process by test_corpus;
    here the point is one log shared by two instances behind nginx."""
    by_time = defaultdict(list)
    for case in CASES:
        by_time[case["at"]].append(case)
    kept = sorted(by_time)[::3]
    for outcome in sorted({c["expect"]["outcome"] for c in CASES}):  # and a moment with each outcome not yet in
        if not any(c["expect"]["outcome"] == outcome for now in kept for c in by_time[now]):
            kept.append(next(now for now in sorted(by_time) if any(c["expect"]["outcome"] == outcome
                                                                   for c in by_time[now])))
    by_time = {now: by_time[now] for now in kept}
    played = [case for cases in by_time.values() for case in cases]
    assert {c["expect"]["outcome"] for c in played} == {c["expect"]["outcome"] for c in CASES}
    results, served = [], []
    for now, cases in by_time.items():  # the instances' clock is fixed per group (IVR_NOW)
        with instances(cluster, now):
            twilio = TwilioEmulator(http_sender(PUBLIC, cluster["nginx"].url, served_by=served), TOKEN, PUBLIC)
            for case in cases:
                start = len(served)
                result = twilio.call(with_yes(case))
                results.append((case, result, served[start:]))
    log = open_log(cluster["db"], create=False)
    try:
        eventually(lambda: all((log.call(r.call_sid) or {}).get("status") == "completed" for _, r, _ in results))
        for case, result, upstreams in results:
            assert set(result.statuses) == {200}, case["id"]
            assert result.hung_up_by in ("assistant", "caller"), case["id"]
            # One webhook at a time through a round robin: each went to the other instance than the last.
            assert all(a != b for a, b in zip(upstreams, upstreams[1:])), (case["id"], upstreams)
            assert len(set(upstreams)) == 2
            call = log.call(result.call_sid)
            assert call["outcome"] == case["expect"]["outcome"], case["id"]
            assert call["status"] == "completed"
            turns = [url for url, _ in result.requests if url.split("?")[0].endswith("/voice/turn")]
            assert len(log.turns(result.call_sid)) == len(turns), case["id"]
        assert log.count("calls") == len(played)
        assert log.count("turns") == sum(len(log.turns(r.call_sid)) for _, r, _ in results)
    finally:
        log.close()
    shown = subprocess.run([sys.executable, "-m", "ivr", "calls", "--db", cluster["db"], "--json", "--limit", "100"],
                           capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    report = json.loads(shown.stdout)
    assert len(report["calls"]) == len(played) and report["log"].startswith("postgresql://")
    assert sum(report["totals"]["outcome"].values()) == len(played)


def test_concurrent_calls_on_both_instances_lose_no_row(cluster, postgres):
    """Many callers at once: every worker's log writer commits transactions that touch many calls; none
    may lose its rows to another (they once deadlocked, and each deadlock lost a transaction)."""
    db = postgres.create_database("concurrent")
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": db,
           "IVR_NOW": "2026-11-24T19:00:00+09:00"}
    with ivr_servers(*(IvrServer(env, SERVE_ARGS, port) for port in cluster["ports"])):
        def one(i):
            twilio = TwilioEmulator(http_sender(PUBLIC, cluster["nginx"].url), TOKEN, PUBLIC, retries=0)
            return twilio.call(CASES[i % len(CASES)]["turns"] + ["はい"])
        with ThreadPoolExecutor(16) as pool:
            results = list(pool.map(one, range(3 * len(CASES))))
    # The instances have stopped: what they had queued was written before they exited.
    assert all(set(r.statuses) == {200} for r in results)
    turns = sum(sum(u.split("?")[0].endswith("/voice/turn") for u, _ in r.requests) for r in results)
    log = open_log(db, create=False)
    assert (log.count("calls"), log.count("turns")) == (len(results), turns)
    assert {c["status"] for c in log.recent_calls(1000)} == {"completed"}
    log.close()


def test_one_instance_down_nginx_sends_its_webhooks_to_the_other(cluster):
    env = {**os.environ, "TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": cluster["db"],
           "IVR_NOW": "2026-11-24T10:00:00+09:00"}
    with IvrServer(env, SERVE_ARGS, cluster["ports"][1]):  # the first instance is not running
        served = []
        twilio = TwilioEmulator(http_sender(PUBLIC, cluster["nginx"].url, served_by=served), TOKEN, PUBLIC)
        result = twilio.call(["アマゾン", "返品したい"])
    assert set(result.statuses) == {200} and result.dialled == ["+81120899543"]
    assert {u.split(",")[-1].strip() for u in served} == {f"127.0.0.1:{cluster['ports'][1]}"}


def test_nginx_buffers_slow_clients_away_from_the_instances(cluster):
    """Many connections trickling requests into nginx hold no ivr thread: real webhooks are answered."""
    workers, threads = int(SERVE_ARGS[1]), int(SERVE_ARGS[3])
    with instances(cluster, "2026-11-24T10:00:00+09:00"), \
            SlowClients(cluster["nginx"].port, 2 * 2 * workers * threads, every_s=0.5):
        time.sleep(1)
        # Each webhook gets 5 s (Twilio gives 15): nothing may be queued behind the slow clients.
        twilio = TwilioEmulator(http_sender(PUBLIC, cluster["nginx"].url, timeout=5), TOKEN, PUBLIC, retries=0)
        result = twilio.call(["楽天カードをなくしました"])
        assert set(result.statuses) == {200} and result.dialled == ["+81120866910"]


def test_a_trickle_of_many_slow_bodies_through_nginx_leaves_real_calls_answered(cluster):
    """1,100 connections from one client each send a header, then a body a byte a second (never a pause
    client_body_timeout would see): more than nginx's 1,024 worker connections. The per-client limit
    answers all but 32 of them at once; real calls, from another address, are answered; and the 32 are
    closed by the request deadline, long before their 60,000 bytes could be in."""
    with instances(cluster, "2026-11-24T10:00:00+09:00"), \
            TricklingBodies(cluster["nginx"].port, 1100, every_s=1.0) as trickle:
        assert eventually(lambda: trickle.refused >= 1100 - 32, 60)
        for _ in range(3):
            twilio = TwilioEmulator(http_sender(PUBLIC, cluster["nginx"].url, timeout=5), TOKEN, PUBLIC, retries=0)
            result = twilio.call(["楽天カードをなくしました"])
            assert set(result.statuses) == {200} and result.dialled == ["+81120866910"]
        assert eventually(lambda: trickle.refused == 1100, 60)


RELAY_CASES = [c for c in CASES if c["at"] == "2026-11-24T10:00:00+09:00"][:12]


def test_relay_calls_through_nginx_to_two_instances(cluster, postgres):
    """ConversationRelay calls: the socket upgraded through nginx to either instance's relay server, the
    webhooks and the <Connect action> to either instance, one PostgreSQL log."""
    db = postgres.create_database("relay")
    served = []
    with instances(cluster, "2026-11-24T10:00:00+09:00", db):
        twilio = TwilioEmulator(http_sender(PUBLIC, cluster["nginx"].url, served_by=served), TOKEN, PUBLIC)
        relay = RelayEmulator(twilio, TOKEN, cluster["nginx"].url.replace("http", "ws") + "/relay/ws")
        results = [(case, relay.call(with_yes(case))) for case in RELAY_CASES]
        forged = relay.call(["アマゾン"], forged=True)
    assert forged.refused == 403  # nginx passes the signature on, the instance refuses the forgery
    log = open_log(db, create=False)
    try:
        for case, result in results:
            assert result.refused is None and result.heard, case["id"]
            call = log.call(result.call_sid)
            assert call["outcome"] == case["expect"]["outcome"], (case["id"], result.said)
            if case["expect"]["outcome"] == "transfer":
                assert result.dialled and call["transfer_status"] == "completed", case["id"]
        assert {u.split(",")[-1].strip() for u in served if u} == {f"127.0.0.1:{p}" for p in cluster["ports"]}
    finally:
        log.close()


def test_many_relay_calls_from_one_address_are_not_held_to_the_per_client_limit(cluster):
    """Twilio opens every call's ConversationRelay socket from a few addresses, and each socket stays open
    for the whole call: nginx's per-client limit on requests in progress (32, against slow bodies) must not
    refuse the 33rd call. 40 sockets from one address, all in a call at once, each hears its greeting."""
    import asyncio
    import secrets

    public_socket = PUBLIC.replace("https", "wss") + "/relay/ws"

    async def forty_calls_at_once():
        twilio = TwilioEmulator(http_sender(PUBLIC, cluster["nginx"].url), TOKEN, PUBLIC)
        relay = RelayEmulator(twilio, TOKEN, cluster["nginx"].url.replace("http", "ws") + "/relay/ws")
        sockets, refused = [], []
        try:
            for _ in range(40):
                try:
                    sockets.append(await relay.open(public_socket))
                except Exception as error:  # websockets' InvalidStatus carries nginx's answer
                    response = getattr(error, "response", None)
                    refused.append(response.status_code if response is not None else repr(error))
            for socket in sockets:
                await socket.send({"type": "setup", "sessionId": "VX" + secrets.token_hex(16),
                                   "accountSid": twilio.account_sid, "callSid": "CA" + secrets.token_hex(16),
                                   "from": "+81312345678", "to": "+815011112222", "direction": "inbound"})
            greetings = [(await socket.turn())[0] for socket in sockets]
        finally:
            for socket in sockets:
                await socket.socket.close()
        return refused, greetings

    with instances(cluster, "2026-11-24T10:00:00+09:00"):
        refused, greetings = asyncio.run(forty_calls_at_once())
    assert refused == [] and len(greetings) == 40 and all(greetings)
