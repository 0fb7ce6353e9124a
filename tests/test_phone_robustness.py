"""The phone adapter under bad input and a broken call log: the caller always gets their number."""
import base64
import json
import logging
import os
import re
import sqlite3
import time
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlparse

import pytest

from ivr.calllog.sqlite import BUSY_TIMEOUT_MS
from ivr.server import create_app
from ivr.phone.emulator import TwilioEmulator, flask_sender
from ivr.calllog import open_log
from test_web import (ACCOUNT, LANDLINE, MOBILE, PUBLIC, TOKEN, _FakeTwilioApi, app, fake_api,  # noqa: F401
                      make_app, sms_app, twilio)


def log_of(app):
    """The app's call log, read through the CallLog interface like every other reader."""
    return open_log(app.config["IVR_DB"], create=False)

LOST_DESK_SPOKEN = "ゼロイチニーゼロ、ハチロク、ロクキュウイチゼロ"


def _urls(result):
    for document in result.documents:
        root = ET.fromstring(document)
        for element in root.iter():
            for attribute in ("action",):
                if element.get(attribute):
                    yield element.get(attribute)
            if element.tag == "Redirect":
                yield element.text


def _payload(url):
    token = parse_qs(urlparse(url).query)["t"][0]
    body = token.split(".")[0]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()


def test_callers_number_is_in_no_action_url_and_no_signed_state(tmp_path, fake_api):
    app = sms_app(tmp_path, fake_api, "2026-11-24T19:00:00+09:00")
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
    result = twilio.call(["楽天カード", "支払い金額を確認したい", "はい"], caller=MOBILE)
    urls = list(_urls(result))
    assert urls and len(_FakeTwilioApi.received) == 1  # the SMS still reached the caller's number
    digits = re.sub(r"\D", "", MOBILE)
    for url in urls:
        for run in (digits, digits[2:], digits[-8:]):  # +81 9012345678, 09012345678 without 0, last eight
            assert run not in url and run not in _payload(url)


def test_card_and_phone_numbers_said_aloud_are_masked_in_the_log(app, twilio):
    result = twilio.call(["カード番号は1234 5678 9012 3456で電話は090-1111-2222です", "アマゾン", "返品"])
    heard = log_of(app).turns(result.call_sid)[0]["heard"]
    assert "1234" not in heard and "5678" not in heard and "1111" not in heard
    assert heard.endswith("**** **** **** 3456で電話は***-****-2222です")


def test_oversized_body_is_refused_before_parsing(app):
    client = app.test_client()
    huge = "SpeechResult=" + "a" * (200 * 1024)
    response = client.post(f"{PUBLIC}/voice/turn", data=huge, headers={
        "X-Twilio-Signature": "bogus", "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413


@pytest.mark.parametrize("duration", [str(2 ** 63), "-5", "1e9", "12abc", "9" * 400])
def test_absurd_call_duration_is_ignored_politely(app, twilio, duration):
    call_sid = "CA" + "d" * 32
    status, _ = twilio.post("/voice/status", {**twilio.base_params(call_sid, LANDLINE, "+815011112222", "completed"),
                                              "CallDuration": duration})
    assert status == 204
    row = log_of(app).call(call_sid)
    assert row["status"] == "completed" and row["duration_s"] is None


def test_the_turn_on_which_the_assistant_gives_up_is_logged_as_not_understood(app, twilio):
    result = twilio.call(["楽天カード", "ふにゃふにゃ", "もにょもにょ", "ぴよぴよ"])
    turns = log_of(app).turns(result.call_sid)
    assert [(t["heard"], t["understood"]) for t in turns] == [
        ("楽天カード", 1), ("ふにゃふにゃ", 0), ("もにょもにょ", 0), ("ぴよぴよ", 0)]
    assert result.dialled == ["+81570666910"]  # it gave up to the general line: still a number


def test_sms_failure_is_logged_with_twilios_reason_never_the_token(tmp_path, fake_api, caplog):
    _FakeTwilioApi.fail = True
    app = sms_app(tmp_path, fake_api, "2026-11-24T19:00:00+09:00")
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
    with caplog.at_level(logging.WARNING, logger="ivr.sms"):
        twilio.call(["楽天カードの明細", "はい"], caller=MOBILE)
    text = caplog.text
    assert "20500" in text and "Internal Server Error" in text and TOKEN not in text


def test_info_outcome_offers_sms_only_with_something_to_send(tmp_path, fake_api):
    app = sms_app(tmp_path, fake_api, "2026-11-24T10:00:00+09:00")
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
    seller = twilio.call(["アマゾンの出品者です", "はい"], caller=MOBILE)  # a channel with how to use it
    body = _FakeTwilioApi.received[0][2]["Body"][0]
    assert "セラーセントラル" in body and "ログイン" in body
    assert "窓口と使い方" in seller.text and "電話番号と受付時間" not in seller.text
    _FakeTwilioApi.received.clear()
    insurance = twilio.call(["アメックスの旅行保険", "はい"], caller=MOBILE)  # no channel, no line: nothing to send
    assert _FakeTwilioApi.received == [] and "SMS" not in insurance.text


# --- the app factory ---------------------------------------------------------------------------------
def test_a_given_config_is_used_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "token-from-the-environment")
    monkeypatch.setenv("IVR_DB", str(tmp_path / "from-env.sqlite3"))
    app = create_app({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": str(tmp_path / "given.sqlite3")})
    signed_by_env = TwilioEmulator(flask_sender(app.test_client()), "token-from-the-environment", PUBLIC)
    assert signed_by_env.call(["楽天カード"]).statuses[0] == 403
    assert TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC).call(["楽天カード"]).statuses[0] == 200
    assert (tmp_path / "given.sqlite3").exists() and not (tmp_path / "from-env.sqlite3").exists()


def test_errors_outside_the_voice_routes_are_not_answered_with_twiml(app):
    app.testing = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("a bug elsewhere")
    logging.getLogger("werkzeug").disabled = True
    try:
        response = app.test_client().get("/boom")
    finally:
        logging.getLogger("werkzeug").disabled = False
    assert response.status_code == 500 and b"<Response>" not in response.data
    assert app.test_client().get("/healthz").status_code == 200


# --- a broken call log never costs a caller their number ------------------------------------------------
def _lost_card_at_night(app):
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
    result = twilio.call(["楽天カードをなくしました"])
    assert set(result.statuses) <= {200, 204}
    assert result.dialled == ["+81120866910"] and LOST_DESK_SPOKEN in result.text
    return result


def test_read_only_database_still_answers(tmp_path):
    app = make_app(tmp_path, now="2026-11-24T23:30:00+09:00")
    _lost_card_at_night(app)
    db = tmp_path / "calls.sqlite3"
    app.extensions["ivr"].log.inner.close()
    os.chmod(db, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        fresh = make_app(tmp_path, now="2026-11-24T23:30:00+09:00")
        if os.geteuid() == 0:  # root writes through permissions: make the file unwritable another way
            fresh.extensions["ivr"].log.inner._run = _read_only
        _lost_card_at_night(fresh)
        assert fresh.extensions["ivr"].log.failing
    finally:
        os.chmod(tmp_path, 0o755)
        os.chmod(db, 0o644)


def _read_only(*args, **kwargs):
    raise sqlite3.OperationalError("attempt to write a readonly database")


def test_corrupt_database_still_answers_and_is_reported_once(tmp_path, caplog):
    (tmp_path / "calls.sqlite3").write_bytes(b"this is not a database" * 100)
    app = make_app(tmp_path, now="2026-11-24T23:30:00+09:00")
    with caplog.at_level(logging.ERROR, logger="ivr.calllog"):
        for _ in range(3):
            _lost_card_at_night(app)
    reports = [r for r in caplog.records if r.name == "ivr.calllog"]
    assert len(reports) == 1 and "damaged" in reports[0].getMessage()


def test_deleted_database_is_recreated_and_writes_resume(tmp_path):
    app = make_app(tmp_path, now="2026-11-24T23:30:00+09:00")
    _lost_card_at_night(app)
    db = tmp_path / "calls.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"calls.sqlite3{suffix}").unlink(missing_ok=True)
    second = _lost_card_at_night(app)
    assert db.exists()
    assert [r["call_sid"] for r in log_of(app).recent_calls()] == [second.call_sid]


@pytest.mark.slow
def test_locked_database_does_not_keep_the_caller_waiting(tmp_path):
    app = make_app(tmp_path, now="2026-11-24T23:30:00+09:00")
    _lost_card_at_night(app)
    guarded, clock = app.extensions["ivr"].log, [0.0]
    guarded.clock = lambda: clock[0]
    blocker = sqlite3.connect(tmp_path / "calls.sqlite3", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        _lost_card_at_night(app)  # one write waits out the busy timeout; the rest are dropped at once
        assert time.monotonic() - started < 4 * BUSY_TIMEOUT_MS / 1000
        assert guarded.failing
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    clock[0] += guarded.retry_after
    _lost_card_at_night(app)
    assert not app.extensions["ivr"].log.failing  # writes resumed by themselves


def test_failures_are_reported_once_per_interval_and_recovery_once():
    import contextlib

    from ivr.calllog import GuardedLog
    clock = [0.0]

    class Flaky:
        description, broken = "flaky", True

        @contextlib.contextmanager
        def batch(self):
            yield

        def transient(self, error):
            return False

        def start_call(self, *args):
            if self.broken:
                raise sqlite3.OperationalError("disk I/O error")

    inner = Flaky()
    guarded = GuardedLog(inner, interval=60, clock=lambda: clock[0])
    write = [lambda log: log.start_call("CA1", "t", None)]
    logger = logging.getLogger("ivr.calllog")
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    try:
        for second in range(0, 150, 5):
            clock[0] = second
            assert not guarded.write_all(write)
        inner.broken = False
        clock[0] += 0.5
        assert not guarded.write_all(write)  # within the retry pause: dropped, not tried
        clock[0] += guarded.retry_after
        assert guarded.write_all(write)
    finally:
        logger.removeHandler(handler)
    messages = [r.getMessage() for r in records]
    assert len([m for m in messages if "cannot be used" in m]) == 3  # at 0 s, 60 s and 120 s
    assert len([m for m in messages if "works again" in m]) == 1


@pytest.mark.parametrize("damage, says", [
    ("missing", "No call log at"), ("corrupt", "is damaged or not a call-log database")])
def test_ivr_calls_on_a_broken_database_says_so_in_one_sentence(run_ivr, tmp_path, damage, says):
    db = tmp_path / "calls.sqlite3"
    if damage == "corrupt":
        db.write_bytes(b"garbage" * 1000)
    result = run_ivr("calls", "--db", str(db))
    assert result.returncode == 1 and says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert damage != "missing" or not db.exists()  # a reader never creates an empty log


CHUNKED = {"wsgi.input_terminated": True}  # what gunicorn says of a chunked body it de-chunks


@pytest.mark.parametrize("signature", ["bogus", None])
def test_a_chunked_body_over_the_bound_is_413(app, signature):
    import io
    body = b"CallSid=CA1&SpeechResult=" + b"a" * (100 * 1024)
    headers = {"Transfer-Encoding": "chunked", "Content-Type": "application/x-www-form-urlencoded"}
    if signature:
        headers["X-Twilio-Signature"] = signature
    response = app.test_client().post(f"{PUBLIC}/voice/turn", input_stream=io.BytesIO(body), headers=headers,
                                      environ_overrides=CHUNKED)
    assert response.status_code == 413


def test_a_chunked_webhook_within_the_bound_is_answered(app):
    import io
    from twilio.request_validator import RequestValidator
    form = {"CallSid": "CA" + "c" * 32, "From": LANDLINE, "To": "+815011112222", "CallStatus": "ringing"}
    body = "&".join(f"{k}={v}" for k, v in form.items()).replace("+", "%2B").encode()
    signature = RequestValidator(TOKEN).compute_signature(f"{PUBLIC}/voice", form)
    response = app.test_client().post(f"{PUBLIC}/voice", input_stream=io.BytesIO(body), headers={
        "Transfer-Encoding": "chunked", "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": signature}, environ_overrides=CHUNKED)
    assert response.status_code == 200 and b"<Gather" in response.data


@pytest.mark.parametrize("duration", ["²", "١٢", "３０"])
def test_unicode_digits_as_duration_are_ignored_and_the_call_still_ends(app, twilio, duration, caplog):
    call_sid = "CA" + "e" * 32
    with caplog.at_level(logging.ERROR, logger="ivr.phone"):
        status, body = twilio.post("/voice/status", {**twilio.base_params(call_sid, LANDLINE, "+815011112222",
                                                                          "completed"), "CallDuration": duration})
    assert status == 204 and "Traceback" not in caplog.text and not caplog.records
    row = log_of(app).call(call_sid)
    assert row["status"] == "completed" and row["duration_s"] is None


def test_a_transfer_callback_for_an_unknown_parent_makes_no_row(app, twilio):
    known = twilio.call(["楽天カードをなくしました"]).call_sid
    for parent in ("CA" + "0" * 32, known):
        status, _ = twilio.post("/voice/transfer", {**twilio.base_params("CA" + "9" * 32, LANDLINE, "+81120866910"),
                                                    "ParentCallSid": parent, "CallStatus": "busy"})
        assert status == 204
    log = log_of(app)
    assert log.call("CA" + "0" * 32) is None and log.count("calls") == 1
    assert log.call(known)["transfer_status"] == "busy"


def _damaged_log(tmp_path, damage):
    db = tmp_path / "calls.sqlite3"
    log = open_log(db)
    log.start_call("CA1", "2026-11-24T10:00:00+09:00", "+819012345678")
    log.log_turn("CA1", 1, "2026-11-24T10:00:01+09:00", "speech", "楽天カード", 0.9, True, None)
    log.close()
    raw = sqlite3.connect(db, isolation_level=None)
    if damage == "dropped table":
        raw.execute("DROP TABLE turns")
    elif damage == "dropped column":
        raw.execute("ALTER TABLE calls DROP COLUMN outcome")
    elif damage == "bytes":
        raw.execute("UPDATE turns SET heard = X'00FF10' WHERE call_sid='CA1'")
        raw.execute("UPDATE calls SET provider = X'E6A5BD' WHERE call_sid='CA1'")
    elif damage == "invalid utf-8":
        raw.execute("UPDATE turns SET heard = CAST(X'E6A5BDFF' AS TEXT) WHERE call_sid='CA1'")
        raw.execute("UPDATE calls SET problem = CAST(X'C3' AS TEXT) WHERE call_sid='CA1'")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    return db


@pytest.mark.parametrize("damage", ["dropped table", "dropped column"])
@pytest.mark.parametrize("as_json", [False, True])
def test_ivr_calls_on_a_damaged_log_is_one_sentence(run_ivr, tmp_path, damage, as_json):
    db = _damaged_log(tmp_path, damage)
    result = run_ivr("calls", "--db", str(db), *(["--json"] if as_json else []))
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "lacks a table or column" in result.stderr and "move it aside" in result.stderr


@pytest.mark.parametrize("damage", ["bytes", "invalid utf-8"])
@pytest.mark.parametrize("as_json", [False, True])
def test_ivr_calls_shows_a_log_with_bytes_or_bad_text_in_it(run_ivr, tmp_path, damage, as_json):
    db = _damaged_log(tmp_path, damage)
    result = run_ivr("calls", "--db", str(db), *(["--json"] if as_json else []))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    if as_json:
        report = json.loads(result.stdout)
        assert report["calls"][0]["call_sid"] == "CA1"
    assert "\ufffd" in result.stdout or "\\ufffd" in result.stdout or "楽" in result.stdout


def test_ivr_calls_reads_a_log_on_a_read_only_mount(run_ivr, tmp_path):
    import subprocess
    folder = tmp_path / "mount"
    folder.mkdir()
    db = folder / "calls.sqlite3"
    log = open_log(db)
    log.start_call("CA1", "2026-11-24T10:00:00+09:00", "+819012345678")
    log.close()
    files = [db, folder]
    root = os.geteuid() == 0
    try:
        for path in files:  # nothing under the folder can be written or created, as on a read-only mount
            subprocess.run(["chattr", "+i", str(path)], check=True) if root else os.chmod(path, 0o555)
        for as_json in (False, True):
            result = run_ivr("calls", "--db", str(db), *(["--json"] if as_json else []))
            assert result.returncode == 0, result.stderr
            # The call's row is read: the table shows the masked caller as its last digits (…5678), the JSON whole.
            assert ("*********5678" if as_json else "…5678") in result.stdout
    finally:
        for path in reversed(files):
            subprocess.run(["chattr", "-i", str(path)], check=True) if root else os.chmod(path, 0o755)


# --- the webhook's own readers: the same answers as the libraries they stand in for ------------------------
TWILIO_SHAPED = [
    # a <Gather> result as Twilio posts it: thirty-odd parameters, '+' for spaces, UTF-8 percent-escaped
    "&".join([f"AccountSid={ACCOUNT}", "ApiVersion=2010-04-01", "CallSid=CA" + "a" * 32, "CallStatus=in-progress",
              "Called=%2B815011112222", "CalledCity=", "CalledCountry=JP", "CalledState=", "CalledZip=",
              "Caller=%2B81312345678", "CallerCity=", "CallerCountry=JP", "CallerState=", "CallerZip=",
              "Confidence=0.91", "Direction=inbound", "From=%2B81312345678", "FromCity=", "FromCountry=JP",
              "FromState=", "FromZip=", "Language=ja-JP", "SpeechResult=%E6%A5%BD%E5%A4%A9%E3%82%AB%E3%83%BC%E3%83"
              "%89+%E3%82%92%E3%81%AA%E3%81%8F%E3%81%97%E3%81%BE%E3%81%97%E3%81%9F", "To=%2B815011112222",
              "ToCity=", "ToCountry=JP", "ToState=", "ToZip=", "msg=Gather+End", "StirVerstat=TN-Validation-Passed-A"]),
    "CallSid=CA1&Digits=&From=%2B81312345678&Empty&&&SpeechResult=",  # blanks, a bare name, empty pieces
    "a=b=c&eq==&=novalue&=&k=%3D%26%2B+x&HandoffData=%7B%22t%22%3A%22eyJ.abc%22%7D",  # '=' inside and escaped
    "CallSid=first&CallSid=second&From=1&CallSid=third",  # repeated: the last value, in the first place
    "bad=%E6%A5&worse=%zz%&tail=%&half=%4&plus=a+b+%2B+c&sp=%20lead",  # broken escapes and bytes kept as parse_qsl
    "&leading&trailing=&", "", "single", "first+name=a+b&+=+", "na%C3%AFve+name=caf%C3%A9",
    "x=%F0%9F%93%9E+%E9%9B%BB%E8%A9%B1",
    # a number's escaped '+' beside other escapes, lower case, doubled, cut short or itself escaped
    "a=%2B81%2B&b=%2b81&c=%%2B&d=%2B%&e=%2B%2&f=%252B&g=%2B2B&h=%2B%E6%A5%BD&i=%2B+1&%2B=%2B",
]


@pytest.mark.parametrize("body", TWILIO_SHAPED)
def test_the_webhook_form_reader_gives_what_parse_qsl_gives(body):
    from urllib.parse import parse_qsl
    from ivr.phone.form import parse_urlencoded
    parsed = parse_urlencoded(body)
    expected = dict(parse_qsl(body, keep_blank_values=True))
    assert parsed == expected and list(parsed) == list(expected)  # the same pairs, in the same order


def test_the_webhook_reads_the_form_it_was_sent(app, twilio):
    from flask import g
    from ivr.phone import app as phone
    form = {**twilio.base_params("CA" + "f" * 32, LANDLINE, "+815011112222"), "SpeechResult": "楽天 カード+α=1&2",
            "Confidence": "", "Digits": "#"}
    signature = twilio.validator.compute_signature(f"{PUBLIC}/voice", form)
    with app.test_request_context(f"{PUBLIC}/voice", method="POST", data=form,
                                  headers={"X-Twilio-Signature": signature}):
        assert phone._form() == form and phone._form() is g.form  # parsed once
        assert phone._valid(app.extensions["ivr"].validator, f"{PUBLIC}/voice", phone._form(), signature)


def test_the_signature_mapping_signs_as_a_plain_dict_and_still_refuses_forgeries():
    from twilio.request_validator import RequestValidator
    from ivr.phone.form import SignedParams
    validator = RequestValidator(TOKEN)
    url = f"{PUBLIC}/voice/turn?t=abc"
    form = {"CallSid": "CA1", "From": LANDLINE, "SpeechResult": "楽天", "Digits": ""}
    params = SignedParams(form)
    assert validator.get_values(params, "From") == [LANDLINE]
    signature = validator.compute_signature(url, form)
    assert validator.compute_signature(url, params) == signature and validator.validate(url, params, signature)
    without_digits = {k: v for k, v in form.items() if k != "Digits"}
    for forged in ({**form, "From": "+819099999999"}, {**form, "Extra": "1"}, without_digits):
        assert not validator.validate(url, SignedParams(forged), signature)
    assert not validator.validate(url + "x", params, signature)
    assert not RequestValidator("another-token").validate(url, params, signature)


STATES = [{"c": "CA" + "a" * 32, "n": 0, "s": {"phase": "ask", "tries": 1}},
          {"c": "CA1", "n": 7, "s": {"phase": "confirm", "heard": "楽天カード" * 3, "keys": [1, 2, None, True]}},
          {"c": "CA1", "n": 9, "s": {"history": ["アメックスのゴールド"] * 30, "extra": list(range(60))}},  # deflated
          {"c": "CA1", "n": 2, "s": {"noise": "".join(chr(0x3040 + (i * 37) % 90) for i in range(300))}}]


@pytest.mark.parametrize("state", STATES)
def test_state_tokens_are_the_ones_itsdangerous_makes(state):
    from itsdangerous import Serializer, URLSafeSerializer
    from itsdangerous.encoding import base64_encode
    from ivr.phone.tokens import StateTokens
    tokens = StateTokens("secret", salt="ivr-call-state")
    library = URLSafeSerializer("secret", salt="ivr-call-state")
    token = tokens.dumps(state)
    compact = Serializer.dump_payload(library, state)
    if len(compact) >= StateTokens.DEFLATE_FROM:
        assert token == library.dumps(state)
    else:  # short states are never deflated: base64 of the compact JSON, signed by the library's signer
        assert token == library.make_signer().sign(base64_encode(compact)).decode()
    assert tokens.loads(token) == library.loads(token) == state == tokens.loads(library.dumps(state))


def test_state_tokens_refuse_tampering_and_other_secrets_or_salts():
    from itsdangerous import BadSignature, URLSafeSerializer
    from ivr.phone.tokens import StateTokens
    tokens = StateTokens("secret", salt="ivr-call-state")
    token = tokens.dumps(STATES[1])
    payload, _, signature = token.rpartition(".")
    for forged in (URLSafeSerializer("other", salt="ivr-call-state").dumps(STATES[1]),
                   URLSafeSerializer("secret", salt="ivr-relay-rehearsal").dumps(STATES[1]),
                   StateTokens("other", salt="ivr-call-state").dumps(STATES[1]),
                   payload[:-2] + ("AA" if not payload.endswith("AA") else "BB") + "." + signature,
                   payload + "." + signature[::-1], payload, ""):
        with pytest.raises(BadSignature):
            tokens.loads(forged)
    for _ in range(2):  # the signer and its key are kept: the same answers the second time
        assert tokens.loads(token) == STATES[1]


def test_the_log_stamp_is_the_second_it_is_in_tokyo(monkeypatch):
    import datetime as dt
    from ivr.core.hours import TOKYO
    from ivr.phone import app as phone
    clock = [1796050799.25]  # 2026-11-30T23:59:59+09:00, then the next second: a new day
    monkeypatch.setattr(phone.time, "time", lambda: clock[0])
    first = phone._stamp()
    assert first == dt.datetime.fromtimestamp(clock[0], TOKYO).isoformat(timespec="seconds") \
        == "2026-11-30T23:59:59+09:00"
    clock[0] += 0.8
    assert phone._stamp() == "2026-12-01T00:00:00+09:00"
    clock[0] += 0.2
    assert phone._stamp() == "2026-12-01T00:00:00+09:00"


def test_a_webhook_answer_sets_no_cookie_and_varies_on_none(app, twilio):
    client = app.test_client()
    form = twilio.base_params("CA" + "9" * 32, LANDLINE, "+815011112222")
    response = client.post(f"{PUBLIC}/voice", data=form,
                           headers={"X-Twilio-Signature": twilio.validator.compute_signature(f"{PUBLIC}/voice", form)})
    assert response.status_code == 200 and response.content_type == "text/xml; charset=utf-8"
    assert "Set-Cookie" not in response.headers and "Vary" not in response.headers


def test_the_signed_state_is_read_from_any_query_werkzeug_would_read_it_from(app, twilio):
    # The action URLs carry only ?t=…; a query of another shape (another parameter before it, the token
    # escaped) is read as werkzeug reads it: the same step, answered the same.
    result = twilio.call(["楽天カード"], still_on_line=True)
    url = ET.fromstring(result.documents[-1]).find("Gather").get("action")
    form = {**twilio.base_params(result.call_sid, LANDLINE, "+815011112222"), "SpeechResult": "カードをなくしました"}
    status, first = twilio.post(url, form)
    assert status == 200 and "<Dial" in first
    base, token = url.split("?t=")
    for variant in (f"{base}?x=1&t={token}", f"{base}?t={token}&x=1", f"{base}?t={token.replace('.', '%2E')}"):
        assert twilio.post(variant, form) == (200, first)
    status, forged = twilio.post(f"{base}?t={token[:-2]}", form)
    assert status == 200 and forged != first and "<Hangup" in forged  # a broken token: the polite apology


def test_a_webhook_body_cut_short_is_a_bad_request_not_an_answer(app):
    import io
    form = "CallSid=CA1&From=%2B81312345678"
    response = app.test_client().post(f"{PUBLIC}/voice", input_stream=io.BytesIO(form.encode()), headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "bogus"},
        environ_overrides={"CONTENT_LENGTH": str(len(form) + 40)})  # the client went before the rest came
    assert response.status_code == 400
