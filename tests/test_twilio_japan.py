"""Twilio's production rules for Japan, through the webhook: the SMS sender, the speech model, hints
within limits, a status callback on every transfer, what a failed 0570/0120 transfer says, and refused
webhooks that say why."""
import logging
import xml.etree.ElementTree as ET

import pytest

from ivr.calllog import open_log
from ivr.server import create_app
from ivr.phone.emulator import TwilioEmulator, flask_sender
from ivr.phone.sms import sender_problem
from twilio_api import FakeMessagesApi

TOKEN = "japan-test-token"
PUBLIC = "https://ivr.example.test"
ACCOUNT = "AC" + "3" * 32
MOBILE = "+819012345678"


def make_app(tmp_path, now="2026-11-24T10:00:00+09:00", **extra):
    return create_app({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": str(tmp_path / "c.sqlite3"),
                       "IVR_NOW": now, **extra})


def emulator(app):
    return TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)


@pytest.mark.parametrize("sender, ok", [("IVRINFO", True), ("Rakuten 1", True), ("+15005550006", True),
                                        ("+815011112222", False), ("", False), (None, False),
                                        ("TOO-LONG-SENDER", False), ("12345", False), ("ivr!", False)])
def test_sms_sender_rules(sender, ok):
    assert (sender_problem(sender) is None) == ok


@pytest.mark.parametrize("extra", [{}, {"TWILIO_SMS_FROM": "+815011112222"}, {"TWILIO_NUMBER": "+815011112222"}])
def test_no_sms_offered_without_a_sender_that_can_send_to_japan(tmp_path, caplog, extra):
    with caplog.at_level(logging.WARNING, logger="ivr.phone"):
        app = make_app(tmp_path, now="2026-11-24T19:00:00+09:00", TWILIO_ACCOUNT_SID=ACCOUNT, **extra)
    assert caplog.text.count("SMS follow-ups are not offered") == 1  # said once, at start-up
    result = emulator(app).call(["楽天カード", "支払い金額を確認したい", "いいえ"], caller=MOBILE)
    assert "SMSでお送りしましょうか" not in result.text and result.hung_up_by == "assistant"
    assert "24時間受け付けている窓口" in result.text  # what is offered instead after a closed line


def test_sms_is_sent_from_the_sms_sender_never_the_japanese_voice_number(tmp_path):
    with FakeMessagesApi() as api:
        app = make_app(tmp_path, now="2026-11-24T19:00:00+09:00", TWILIO_ACCOUNT_SID=ACCOUNT,
                       TWILIO_NUMBER="+815011112222", TWILIO_SMS_FROM="IVRINFO", TWILIO_API_BASE=api.base)
        result = emulator(app).call(["楽天カード", "支払い金額を確認したい", "はい"], caller=MOBILE)
    assert "SMSをお送りしました" in result.text
    assert [form["From"] for _, _, form in api.received] == [["IVRINFO"]]


def test_speech_model_is_a_current_one_that_knows_japanese_and_can_be_overridden(tmp_path):
    def gather(app):
        _, body = emulator(app).post("/voice", emulator(app).base_params("CA" + "1" * 32, MOBILE, "+815011112222"))
        return ET.fromstring(body).find("Gather")
    default = gather(make_app(tmp_path / "a"))
    assert default.get("speechModel") == "googlev2_telephony" and default.get("language") == "ja-JP"
    assert default.get("speechTimeout").isdigit()  # an integer: named models refuse "auto"
    hints = default.get("hints").split(", ")
    assert len(hints) <= 500 and all(len(h) <= 100 for h in hints) and "楽天カード" in hints
    assert gather(make_app(tmp_path / "b", IVR_SPEECH_MODEL="experimental_utterances")).get("speechModel") == \
        "experimental_utterances"


def test_every_dial_reports_its_result_even_when_the_caller_hangs_up_first(tmp_path):
    app = make_app(tmp_path)
    result = emulator(app).call(["アマゾンで返品したい"], dial_status="completed", hangup_during_dial=True)
    dial = ET.fromstring(result.documents[-1]).find("Dial")
    number = dial.find("Number")
    assert number.text == "+81120899543" and number.get("statusCallback") == f"{PUBLIC}/voice/transfer"
    log = open_log(app.config["IVR_DB"])
    call = log.call(result.call_sid)
    assert (call["transfer_status"], call["status"]) == ("completed", "completed")
    busy = emulator(app).call(["アマゾンで返品したい"], dial_status="busy", hangup_during_dial=True)
    assert log.call(busy.call_sid)["transfer_status"] == "busy"


def test_transfer_callbacks_with_junk_change_nothing(tmp_path):
    app = make_app(tmp_path)
    twilio = emulator(app)
    assert twilio.post("/voice/transfer", {"CallStatus": "completed"})[0] == 204  # no parent
    assert twilio.post("/voice/transfer", {"ParentCallSid": "CAx", "CallStatus": "ringing"})[0] == 204
    assert open_log(app.config["IVR_DB"]).count("calls") == 0


@pytest.mark.parametrize("turns, kind", [(["楽天カード", "支払い金額を確認したい"], "ナビダイヤル"),
                                         (["アマゾンで返品したい"], "フリーダイヤル")])
def test_failed_dial_to_0570_or_0120_says_some_phones_cannot_reach_it_and_offers_sms(tmp_path, turns, kind):
    app = make_app(tmp_path, TWILIO_ACCOUNT_SID=ACCOUNT, TWILIO_SMS_FROM="IVRINFO", TWILIO_API_BASE="http://127.0.0.1:9")
    result = emulator(app).call(turns, caller=MOBILE, dial_status="failed")
    after = "".join(ET.fromstring(result.documents[-1]).itertext())
    assert f"{kind}の番号は、一部の携帯電話やIP電話、海外からはつながらないことがあります" in after
    spoken = after.split("直接おかけください。")[1]
    digits = spoken.split("、")[1].split("。")[0]  # the number's digits as read out
    assert spoken.count(digits) == 2  # the number again, twice
    assert "SMSでお送りしましょうか" in after


def test_refused_webhooks_say_which_url_was_checked_and_why_never_the_token(tmp_path, caplog):
    app = make_app(tmp_path)
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="ivr.phone"):
        client.post("http://localhost/voice", data={"CallSid": "CA1"})
        client.post("http://localhost/voice", data={"CallSid": "CA1"}, headers={"X-Twilio-Signature": "Zm9yZ2Vk"})
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("refused")]
    assert lines == [f"refused POST /voice: no X-Twilio-Signature header; checked against {PUBLIC}/voice",
                     f"refused POST /voice: the signature does not match; checked against {PUBLIC}/voice"]
    assert TOKEN not in caplog.text and "Zm9yZ2Vk" not in caplog.text


def test_start_up_warns_when_the_public_url_is_not_set(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="ivr.phone"):
        app = create_app({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_DB": str(tmp_path / "c.sqlite3")})
    assert "IVR_PUBLIC_URL is not set" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="ivr.phone"):
        app.test_client().post("http://localhost:8000/voice", data={"CallSid": "CA1"},
                               headers={"X-Twilio-Signature": "Zm9yZ2Vk"})
    assert ("checked against http://localhost:8000/voice (IVR_PUBLIC_URL is not set: this is the URL as it "
            "arrived here)") in caplog.text
