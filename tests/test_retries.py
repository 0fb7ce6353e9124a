"""Twilio delivers a webhook again when it timed out or got a 5xx: the same request twice yields the same
TwiML, one log row and never a second SMS; a replayed old step changes nothing; callbacks out of order
are recorded right. Against both call-log backends."""
import logging
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

import pytest

from ivr.calllog import open_log
from ivr.calllog.guard import RETRY_AFTER_S
from ivr.server import create_app
from ivr.phone.emulator import TwilioEmulator, flask_sender
from twilio_api import FakeMessagesApi

TOKEN = "retry-test-token"
PUBLIC = "https://ivr.example.test"
ACCOUNT = "AC" + "2" * 32
MOBILE = "+819012345678"
EVENING = "2026-11-24T19:00:00+09:00"  # 楽天カード's desk is closed: the assistant offers an SMS
SMS_CALL = ["楽天カード", "支払い金額を確認したい", "はい"]
SPOOL = tempfile.TemporaryDirectory(prefix="ivr-spool-")


@pytest.fixture
def api():
    with FakeMessagesApi() as fake:
        yield fake


def make_app(log_url, api=None, now=EVENING):
    config = {"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": log_url, "IVR_NOW": now,
              "IVR_SPOOL": SPOOL.name}  # never the user's own state folder
    if api is not None:
        config.update(TWILIO_ACCOUNT_SID=ACCOUNT, TWILIO_SMS_FROM="IVRINFO", TWILIO_API_BASE=api.base)
    return create_app(config)


def emulator(*apps, **options):
    return TwilioEmulator(flask_sender(*(a.test_client() for a in apps)), TOKEN, PUBLIC, ACCOUNT, **options)


@pytest.fixture
def log(log_url):
    opened = open_log(log_url)
    yield opened
    opened.close()


def test_every_webhook_delivered_twice_gives_the_same_answer_and_one_row(log_url, api, log):
    apps = [make_app(log_url, api), make_app(log_url, api)]  # the retry may reach another instance
    result = emulator(*apps, deliver_twice=True).call(SMS_CALL, caller=MOBILE)
    assert result.hung_up_by == "assistant" and "SMSをお送りしました" in result.text
    assert len(result.repeats) == 4 and all(first == second for first, second in result.repeats)
    assert len(api.received) == 1  # one SMS
    assert [t["seq"] for t in log.turns(result.call_sid)] == [1, 2, 3]
    assert log.count("calls") == 1 and log.count("steps") == 4
    call = log.call(result.call_sid)
    assert (call["outcome"], call["sms_status"], call["status"]) == ("closed", "sent", "completed")


def test_a_transfer_delivered_twice_dials_once_per_answer(log_url, log):
    result = emulator(make_app(log_url, now="2026-11-24T10:00:00+09:00"), deliver_twice=True).call(
        ["楽天カードをなくしました"], dial_status="busy")
    assert all(first == second for first, second in result.repeats)
    assert result.dialled == ["+81120866910"]
    assert log.call(result.call_sid)["transfer_status"] == "busy" and len(log.turns(result.call_sid)) == 1


def test_replaying_the_yes_after_hang_up_sends_nothing_and_changes_nothing(log_url, api, log):
    app = make_app(log_url, api)
    twilio = emulator(app)
    result = twilio.call(SMS_CALL, caller=MOBILE)
    before = log.call(result.call_sid)
    url, form = result.requests[-1]  # the "はい" that sent the SMS
    for _ in range(3):
        status, body = twilio.post(url, form)
        assert status == 200 and body == result.documents[-1]
    assert len(api.received) == 1
    assert log.call(result.call_sid) == before and len(log.turns(result.call_sid)) == 3


def test_an_old_step_replayed_after_the_call_moved_on_changes_nothing(log_url, api, log):
    app = make_app(log_url, api)
    twilio = emulator(app)
    result = twilio.call(["アメックス", "ポイント"], caller=MOBILE)  # at 19:00 the points desk is closed
    first_url, first_form = result.requests[1]
    replayed_form = {**first_form, "SpeechResult": "楽天カード"}  # what the caller said differently…
    twilio.post(first_url, replayed_form)  # …a forged or stale replay of step 1
    assert log.turns(result.call_sid)[0]["heard"] == "アメックス"
    call = log.call(result.call_sid)
    assert call["provider"] == "amex_gold_preferred" and call["last_seq"] == 2


def test_a_step_whose_answer_was_lost_is_answered_without_side_effects(log_url, api, log):
    app = make_app(log_url, api)
    twilio = emulator(app)
    result = twilio.call(SMS_CALL + [], caller=MOBILE)
    log._run("DELETE FROM steps WHERE call_sid=? AND seq=3", (result.call_sid,))  # e.g. the database was down
    log._run("UPDATE calls SET last_seq=4 WHERE call_sid=?", (result.call_sid,))  # while the call went on
    status, body = twilio.post(*result.requests[-1])
    assert status == 200 and "SMS" not in "".join(ET.fromstring(body).itertext())
    assert len(api.received) == 1 and len(log.turns(result.call_sid)) == 3


def test_status_callback_before_the_last_turn(log_url, api, log):
    result = emulator(make_app(log_url, api)).call(SMS_CALL, caller=MOBILE, status_first=True)
    call = log.call(result.call_sid)
    assert (call["status"], call["outcome"]) == ("completed", "closed")
    assert call["ended_at"] is not None and call["duration_s"] > 0
    assert [t["seq"] for t in log.turns(result.call_sid)] == [1, 2, 3]  # the late last turn is still logged
    assert api.received == [] and call["sms_status"] is None  # but no SMS to a caller who is gone


@pytest.mark.slow
def test_twilio_retrying_while_the_first_try_is_still_sending_the_sms(log_url, log):
    # The SMS API is slow, Twilio's read timeout fires, and the retry reaches another instance while the
    # first one is still sending: one SMS, and both answers say it was sent.
    with FakeMessagesApi(delay_s=0.6) as slow:
        apps = [make_app(log_url, slow), make_app(log_url, slow)]
        twilio = emulator(apps[0])
        result = twilio.call(SMS_CALL[:2], caller=MOBILE, still_on_line=True)
        url, form = result.requests[-1]
        yes = {**form, "SpeechResult": "はい", "Confidence": "0.9"}
        yes_url = ET.fromstring(result.documents[-1]).find("Gather").get("action")
        answers = []

        def deliver(app):
            answers.append(TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT).post(yes_url, yes))
        threads = [threading.Thread(target=deliver, args=(app,)) for app in apps]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(slow.received) == 1
    assert [a[0] for a in answers] == [200, 200]
    assert all("SMSをお送りしました" in a[1] for a in answers)
    assert log.call(result.call_sid)["sms_status"] == "sent"


class FlakyNetwork:
    """The first delivery of every `every`-th webhook fails (a 503 from a restarting instance, or a reset)."""

    def __init__(self, send, failure):
        self.send, self.failure, self.count = send, failure, 0

    def __call__(self, url, form, headers):
        self.count += 1
        if self.count % 2 == 1:
            if self.failure == "reset":
                raise ConnectionResetError("connection reset by peer")
            return 503, "Service Unavailable"
        return self.send(url, form, headers)


def spool_emptied(app, within_s: float = 30.0) -> bool:
    """The writes a slow moment left in the spool (a webhook waits only briefly for a connection on the caller's
    time) go into the log, as the background writer carries them when idle: True once the spool is empty."""
    guarded = app.extensions["ivr"].log
    deadline = time.monotonic() + within_s
    while guarded.waiting() and not guarded.replay():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.parametrize("failure", ["503", "reset"])
def test_twilio_retries_a_failed_webhook_and_the_call_goes_on(log_url, log, failure):
    app = make_app(log_url, now="2026-11-24T10:00:00+09:00")
    twilio = TwilioEmulator(FlakyNetwork(flask_sender(app.test_client()), failure), TOKEN, PUBLIC, ACCOUNT)
    result = twilio.call(["アマゾン", "返品したい"])
    assert set(result.statuses) == {200} and result.dialled == ["+81120899543"]
    assert spool_emptied(app)  # (on a loaded machine the first webhook may find no connection yet)
    assert len(log.turns(result.call_sid)) == 2


def test_the_retry_count_comes_from_the_url_fragment():
    sent = []

    def down(url, form, headers):
        sent.append(url)
        return 503, "Service Unavailable"
    twilio = TwilioEmulator(down, TOKEN, PUBLIC, ACCOUNT)
    form = twilio.base_params("CA" + "7" * 32, MOBILE, "+815011112222", "ringing")
    assert twilio.post("/voice#rc=0", form)[0] == 503 and len(sent) == 1
    assert twilio.post("/voice#rc=3&rt=3000", form)[0] == 503 and len(sent) == 5
    assert twilio.post("/voice", form)[0] == 503 and len(sent) == 7  # Twilio's default: one retry
    assert set(sent) == {f"{PUBLIC}/voice"}  # a fragment is never sent


@pytest.mark.postgres
@pytest.mark.server
@pytest.mark.slow
def test_postgres_stopped_in_the_middle_of_a_call(caplog):
    """Every webhook is answered right while the database is down; the failure is logged once; writes
    resume by themselves when it is back."""
    from servers import PostgresCluster
    with PostgresCluster() as pg:
        url = pg.create_database("outage")
        app = make_app(url, now="2026-11-24T10:00:00+09:00")
        twilio = emulator(app)
        form = twilio.base_params("CA" + "8" * 32, "+81312345678", "+815011112222", "ringing")
        _, greeting = twilio.post("/voice", form)
        action = ET.fromstring(greeting).find("Gather").get("action")
        pg.stop()
        with caplog.at_level(logging.ERROR, logger="ivr.calllog"):
            answers = [twilio.post(action, {**form, "CallStatus": "in-progress", "SpeechResult": "楽天カード"})
                       for _ in range(5)]
        assert all(status == 200 for status, _ in answers)
        assert all("どのようなご用件" in body or "ご用件" in body for _, body in answers), answers[0][1]
        assert len([r for r in caplog.records if "cannot be used" in r.getMessage()]) == 1
        pg.start()
        problem = ET.fromstring(answers[-1][1]).find("Gather").get("action")
        log = open_log(url)
        for _ in range(10):  # the first tries may still meet the connections the restart broke
            time.sleep(RETRY_AFTER_S + 0.1)  # the log is left alone this long after a failure, then tried again
            status, body = twilio.post(problem, {**form, "CallStatus": "in-progress", "SpeechResult": "なくしました"})
            assert status == 200 and "Dial" in body
            if not app.extensions["ivr"].log.failing and app.extensions["ivr"].log.waiting() == 0:
                break
        # The turn of the outage waited in the spool and went in first, then the turn after it.
        assert [t["seq"] for t in log.turns(form["CallSid"])] == [1, 2]
        assert log.call(form["CallSid"])["outcome"] == "transfer"
        log.close()
        app.extensions["ivr"].log.inner.close()


class HeldWrites:
    """A background writer that holds every webhook's writes, so the test decides the order they commit in."""

    def __init__(self):
        self.batches = []

    def submit(self, call_sid, writes):
        self.batches.append(writes)


def test_the_calls_row_has_the_outcome_the_caller_got_whatever_order_steps_commit_in(log_url, log):
    import dataclasses
    app = make_app(log_url, now="2026-11-24T10:00:00+09:00")
    held = HeldWrites()
    service = app.extensions["ivr"]
    # The writer is the service's one configuration's (ivr.config.Config), which every adapter shares.
    app.extensions["ivr"] = dataclasses.replace(service, config=dataclasses.replace(service.config, writer=held))
    result = emulator(app).call(["楽天カード", "なくしました"])
    assert result.dialled == ["+81120866910"]
    for writes in reversed(held.batches):
        assert service.log.write_all(writes)
    call = log.call(result.call_sid)
    assert (call["outcome"], call["number"], call["provider"]) == ("transfer", "+81120866910", "rakuten_card")
    assert call["last_seq"] == len(result.requests) - 1 - sum("/voice/status" in u or "/voice/transfer" in u
                                                             for u, _ in result.requests)


def test_at_most_one_sms_while_the_log_is_locked(tmp_path, api):
    import sqlite3
    db = tmp_path / "calls.sqlite3"
    app = make_app(str(db), api)
    clock = [0.0]
    app.extensions["ivr"].log.clock = lambda: clock[0]
    twilio = emulator(app)
    result = twilio.call(SMS_CALL[:2], caller=MOBILE, still_on_line=True)
    url, form = result.requests[-1]
    yes = {**form, "SpeechResult": "はい", "Confidence": "0.9"}
    yes_url = ET.fromstring(result.documents[-1]).find("Gather").get("action")
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        answers = [twilio.post(yes_url, yes) for _ in range(3)]  # Twilio delivering the yes three times
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert all(status == 200 for status, _ in answers)
    assert len(api.received) <= 1
    clock[0] += RETRY_AFTER_S + 0.1
    twilio.post(yes_url, yes)  # once more with the log back
    assert len(api.received) <= 1
