import json
import logging
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from conftest import PROVIDERS, DEV
from ivr.core.catalogue import load
from ivr.ja import assistant as japanese_assistant
from ivr.core.call import play
from ivr.core.hours import parse_moment
from ivr.ja.phrasing import speak_phone_number
from ivr.calllog import open_log
from ivr.server import ConfigError, create_app
from ivr.phone.emulator import TwilioEmulator, flask_sender, heard_text

TOKEN = "test-auth-token-0123456789abcdef"
PUBLIC = "https://ivr.example.test"
ACCOUNT = "AC" + "1" * 32
LANDLINE, MOBILE = "+81312345678", "+819012345678"

CATALOGUE = load(PROVIDERS)
ASSISTANT = japanese_assistant(CATALOGUE)
DEV_CASES = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()
             if line.strip()]


def make_app(tmp_path, now="2026-11-24T10:00:00+09:00", **extra):
    config = {"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": str(tmp_path / "calls.sqlite3"),
              "IVR_NOW": now, "TESTING": True, **extra}
    return create_app(config)


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path)


@pytest.fixture
def twilio(app):
    return TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)


def calllog(app):
    """The app's call log, read through the CallLog interface like every reader."""
    return open_log(app.config["IVR_DB"], create=False)


def published(number_e164):
    """The forms a caller may hear: national (in Japan), or +81 (a caller who said they are abroad)."""
    for provider in CATALOGUE.providers:
        for line in provider.lines:
            if line.e164 == number_e164:
                return [form for form in (line.national, line.international) if form]
    raise KeyError(number_e164)


@pytest.mark.slow
@pytest.mark.parametrize("case", DEV_CASES, ids=[c["id"] for c in DEV_CASES])
def test_dev_calls_through_the_webhook(tmp_path, case):
    # Each webhook of the call goes to a different app instance: nothing of the call lives in one of them.
    apps = [make_app(tmp_path, now=case["at"]) for _ in range(3)]
    twilio = TwilioEmulator(flask_sender(*(a.test_client() for a in apps)), TOKEN, PUBLIC, ACCOUNT)
    result = twilio.call(_with_yes(case), caller=LANDLINE)
    assert set(result.statuses) == {200}
    expect = case["expect"]
    if expect["outcome"] == "transfer":
        assert len(result.dialled) == 1 and result.dialled[0] in expect["numbers"]
        spoken = [speak_phone_number(form) for form in published(result.dialled[0])]
        assert max(result.text.count(form) for form in spoken) == 2  # read out twice before the transfer
    else:
        assert result.dialled == []
    if expect["outcome"] == "closed":
        assert any(speak_phone_number(form) in result.text for n in expect["numbers"] for form in published(n))
        assert "受付時間外" in result.text or "受付をお休みしております" in result.text  # the hour, or the day
    if expect["outcome"] == "unsupported":
        assert "こちらではご案内しておりません" in result.text
    outcome = calllog(apps[0]).call(result.call_sid)
    assert outcome["outcome"] == expect["outcome"]


def _with_yes(case):
    """The dev set's outcomes assume every yes/no is answered はい, as `simulate --yes` does: insert them."""
    record = play(ASSISTANT, case["turns"], parse_moment(case["at"]), auto_yes=True)
    return [e.get("text", "dtmf:" + e.get("dtmf", "")) for e in record.events if e["who"] == "caller"]


def test_first_twiml_is_a_japanese_gather(twilio):
    status, body = twilio.post("/voice", twilio.base_params("CA" + "a" * 32, LANDLINE, "+815011112222", "ringing"))
    assert status == 200
    root = ET.fromstring(body)
    gather, redirect = list(root)
    assert gather.tag == "Gather" and redirect.tag == "Redirect"
    assert gather.get("input") == "speech dtmf"
    assert gather.get("language") == "ja-JP"
    assert gather.get("speechModel") == "googlev2_telephony"  # phone_call is the deprecated V1
    assert gather.get("speechTimeout").isdigit()
    assert gather.get("actionOnEmptyResult") == "true"
    assert gather.get("numDigits") == "1"
    assert gather.get("action").startswith(f"{PUBLIC}/voice/turn?t=")
    assert redirect.text == gather.get("action")
    assert "楽天カード" in gather.get("hints") and "アマゾン" in gather.get("hints")
    says = list(gather)
    assert all(s.tag == "Say" and s.get("language") == "ja-JP" and s.get("voice") == "Polly.Mizuki" for s in says)
    assert says[0].text.startswith("お電話ありがとうございます")
    assert "ご用件" in says[1].text and gather.get("timeout") == "3"  # open question: a short silence brings the menu
    _, menu = twilio.post(gather.get("action"), twilio.base_params("CA" + "a" * 32, LANDLINE, "+815011112222"))
    assert "楽天カードは1" in "".join(ET.fromstring(menu).itertext())


def test_transfer_twiml_reads_number_pauses_and_dials_with_action(twilio):
    result = twilio.call(["楽天カードをなくしました"])
    root = ET.fromstring(result.documents[-2])  # the document with the Dial
    tags = [v.tag for v in root]
    assert tags[-1] == "Dial" and any(b.tag == "break" for v in root for b in v)  # SSML pauses in the number
    dial = root.find("Dial")
    assert dial.find("Number").text == "+81120866910"
    assert dial.get("action").startswith(f"{PUBLIC}/voice/dial?t=")
    assert dial.get("timeout") == "30"
    said = [heard_text(v) for v in root if v.tag == "Say"]
    assert said.count(next(s for s in said if "ゼロイチニーゼロ、ハチロク、ロクキュウイチゼロ" in s)) == 1
    assert sum("ゼロイチニーゼロ、ハチロク、ロクキュウイチゼロ" in s for s in said) == 2
    assert result.hung_up_by == "assistant"  # completed dial -> Hangup


def test_caller_id_is_the_twilio_number(tmp_path):
    app = make_app(tmp_path, TWILIO_NUMBER="+815011112222", TWILIO_ACCOUNT_SID=ACCOUNT)
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
    result = twilio.call(["アマゾンで返品したい"])
    dial = ET.fromstring(result.documents[-2]).find("Dial")
    assert dial.get("callerId") == "+815011112222"


@pytest.mark.parametrize("headers", [{}, {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"},
                                     {"X-Twilio-Signature": ""}])
def test_missing_or_wrong_signature_is_403(app, headers):
    client = app.test_client()
    response = client.post(f"{PUBLIC}/voice", data={"CallSid": "CA1", "From": LANDLINE}, headers=headers)
    assert response.status_code == 403


def test_signature_of_another_account_or_tampered_params_is_403(app):
    client = app.test_client()
    params = {"CallSid": "CA1", "From": LANDLINE}
    forged = TwilioEmulator(flask_sender(client), "another-token", PUBLIC)
    assert forged.post("/voice", params)[0] == 403
    honest = TwilioEmulator(flask_sender(client), TOKEN, PUBLIC)
    signature = honest.validator.compute_signature(f"{PUBLIC}/voice", params)
    tampered = client.post(f"{PUBLIC}/voice", data={**params, "From": "+819099999999"},
                           headers={"X-Twilio-Signature": signature})
    assert tampered.status_code == 403
    for path in ("/voice/turn", "/voice/dial", "/voice/fallback", "/voice/status"):
        assert client.post(f"{PUBLIC}{path}", data=params).status_code == 403


def test_signature_checked_against_public_url_behind_a_tunnel(app):
    # Twilio signs https://ivr.example.test/voice; the app is reached at http://localhost/voice.
    client = app.test_client()
    params = {"CallSid": "CA2", "From": LANDLINE}
    signature = TwilioEmulator(flask_sender(client), TOKEN, PUBLIC).validator.compute_signature(f"{PUBLIC}/voice",
                                                                                                 params)
    assert client.post("http://localhost/voice", data=params,
                       headers={"X-Twilio-Signature": signature}).status_code == 200
    local = TwilioEmulator(flask_sender(client), TOKEN, "http://localhost").validator.compute_signature(
        "http://localhost/voice", params)
    assert client.post("http://localhost/voice", data=params, headers={"X-Twilio-Signature": local}).status_code == 403


def test_forged_or_foreign_state_token_gets_a_polite_ending(twilio):
    base = twilio.base_params("CA" + "b" * 32, LANDLINE, "+815011112222")
    status, body = twilio.post("/voice/turn?t=not-a-token", {**base, "SpeechResult": "楽天"})
    assert status == 200 and "Hangup" in body and "申し訳ございません" in body
    # a real token of one call, replayed for another call
    _, first = twilio.post("/voice", base)
    action = ET.fromstring(first).find("Gather").get("action")
    other = {**base, "CallSid": "CA" + "c" * 32, "SpeechResult": "楽天カード"}
    status, body = twilio.post(action, other)
    assert status == 200 and "Hangup" in body


def test_replayed_webhook_does_not_duplicate_the_log(app, twilio):
    base = twilio.base_params("CA" + "d" * 32, LANDLINE, "+815011112222")
    _, first = twilio.post("/voice", base)
    action = ET.fromstring(first).find("Gather").get("action")
    answers = [twilio.post(action, {**base, "SpeechResult": "アメックス", "Confidence": "0.9"}) for _ in range(3)]
    assert all(a == answers[0] for a in answers)
    assert len(calllog(app).turns(base["CallSid"])) == 1


@pytest.mark.parametrize("field, value", [
    ("SpeechResult", ""), ("SpeechResult", "あ" * 3000), ("SpeechResult", "\x00\x01\x1b[31m楽天"),
    ("SpeechResult", "<Say>evil</Say><Dial>+15555550100</Dial>"), ("SpeechResult", "]]>&amp;<!--"),
    ("Digits", "*"), ("Digits", "#"), ("Digits", "0000"), ("Digits", "abc"), ("Digits", "９"),
    ("Confidence", "NaN"), ("Confidence", "-3"), ("Confidence", "hello"),
])
def test_junk_input_gets_a_reprompt_never_a_5xx(app, twilio, field, value):
    base = twilio.base_params("CA" + "e" * 32, LANDLINE, "+815011112222")
    _, first = twilio.post("/voice", base)
    action = ET.fromstring(first).find("Gather").get("action")
    form = {**base, field: value}
    if field == "Confidence":
        form["SpeechResult"] = "楽天カード"
    status, body = twilio.post(action, form)
    assert status == 200
    root = ET.fromstring(body)
    assert root.find("Gather") is not None or root.find("Hangup") is not None
    assert "+15555550100" not in body and "evil" not in "".join(root.itertext())
    turn = calllog(app).turns(base["CallSid"])
    assert len(turn) == 1 and (turn[0]["heard"] is None or len(turn[0]["heard"]) <= 500)


def test_missing_parameters_and_unknown_calls(app, twilio):
    assert twilio.post("/voice", {})[0] == 200  # no CallSid: apology, not an error
    status, body = twilio.post("/voice/turn", {"CallSid": "CA" + "f" * 32})
    assert status == 200 and "Hangup" in body
    status, body = twilio.post("/voice/dial", {"DialCallStatus": "busy"})
    assert status == 200 and "Hangup" in body
    assert twilio.post("/voice/status", {"CallSid": "CAunknown", "CallStatus": "completed"})[0] == 204
    assert twilio.post("/voice/status", {"CallStatus": "completed", "CallDuration": "x"})[0] == 204
    assert calllog(app).call("CAunknown")["status"] == "completed"


def test_fallback_url_apologises_with_general_numbers(twilio):
    status, body = twilio.post("/voice/fallback", {"CallSid": "CA9", "ErrorCode": "11200"})
    assert status == 200
    text = "".join(heard_text(say) for say in ET.fromstring(body) if say.tag == "Say")
    assert all(speak_phone_number(n) in text for n in ("0570-66-6910", "0120-010120", "0120-899-543"))
    assert ET.fromstring(body)[-1].tag == "Hangup"


def test_internal_error_still_answers_twiml(app, twilio, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr(app.extensions["ivr"].assistant, "start", boom)
    logging.getLogger("ivr.web").disabled = True
    try:
        status, body = twilio.post("/voice", twilio.base_params("CA" + "1" * 32, LANDLINE, "+815011112222"))
    finally:
        logging.getLogger("ivr.web").disabled = False
    assert status == 200 and "Hangup" in body and "申し訳ございません" in body


def test_never_dials_a_number_outside_the_catalogue(app, twilio, monkeypatch):
    from ivr.core.actions import Transfer
    assistant = app.extensions["ivr"].assistant
    real_step = assistant.step

    def rogue_step(state, event, now):
        new_state, actions = real_step(state, event, now)
        return new_state, [Transfer("+15555550100", "rogue") if isinstance(a, Transfer) else a for a in actions]
    monkeypatch.setattr(assistant, "step", rogue_step)
    logging.getLogger("ivr.web").disabled = True
    try:
        result = twilio.call(["楽天カードをなくしました"])
    finally:
        logging.getLogger("ivr.web").disabled = False
    assert result.dialled == [] and result.hung_up_by == "assistant"
    assert app.extensions["ivr"].assistant.catalogue.dialable("+81120866910")
    assert not app.extensions["ivr"].assistant.catalogue.dialable("+81345406869")  # the FAX line


def test_dial_failure_reads_number_again_and_ends_for_landline(twilio):
    result = twilio.call(["アメックスのポイント"], dial_status="busy")
    assert result.dialled == ["+81120010120"]
    after = "".join(heard_text(say) for say in ET.fromstring(result.documents[-1]) if say.tag == "Say")
    assert "話し中" in after and after.count("ゼロイチニーゼロ、ゼロイチゼロイチニーゼロ") == 2
    assert ET.fromstring(result.documents[-1])[-1].tag == "Hangup"


class _FakeTwilioApi(BaseHTTPRequestHandler):
    """Twilio's Messages endpoint, as far as the REST client can tell."""
    received: list = []
    fail = False

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        type(self).received.append((self.path, self.headers.get("Authorization"), parse_qs(body)))
        if type(self).fail:
            self.send_response(500)
            payload = {"code": 20500, "message": "Internal Server Error", "status": 500}
        else:
            self.send_response(201)
            payload = {"sid": "SM" + "0" * 32, "status": "queued", "to": parse_qs(body)["To"][0],
                       "from": parse_qs(body)["From"][0], "body": parse_qs(body)["Body"][0]}
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(payload).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_api():
    _FakeTwilioApi.received, _FakeTwilioApi.fail = [], False
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeTwilioApi)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def sms_app(tmp_path, fake_api, now):
    return make_app(tmp_path, now=now, TWILIO_ACCOUNT_SID=ACCOUNT, TWILIO_NUMBER="+815011112222",
                    TWILIO_SMS_FROM="IVRINFO", TWILIO_API_BASE=f"http://127.0.0.1:{fake_api.server_port}")


def test_sms_after_closed_line_is_sent_through_the_rest_api(tmp_path, fake_api):
    app = sms_app(tmp_path, fake_api, "2026-11-24T19:00:00+09:00")
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
    result = twilio.call(["楽天カード", "支払い金額を確認したい", "はい"], caller=MOBILE)
    assert result.dialled == []
    assert len(_FakeTwilioApi.received) == 1
    path, auth, form = _FakeTwilioApi.received[0]
    assert path == f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json"
    assert auth.startswith("Basic ")
    assert form["To"] == [MOBILE] and form["From"] == ["IVRINFO"]  # never the Japanese voice number
    body = form["Body"][0]
    assert "0570-66-6910" in body and "9時30分から17時30分" in body and "カード番号" in body
    assert len(body) <= 201  # three UCS-2 segments
    assert "SMSをお送りしました" in result.text
    assert calllog(app).recent_calls()[0]["sms_status"] == "sent"


def test_sms_by_keypad_after_failed_dial(tmp_path, fake_api):
    app = sms_app(tmp_path, fake_api, "2026-11-24T10:00:00+09:00")
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
    result = twilio.call(["アマゾンで返品したい", "dtmf:1"], caller=MOBILE, dial_status="no-answer")
    assert result.dialled == ["+81120899543"]
    assert "0120-899-543" in _FakeTwilioApi.received[0][2]["Body"][0]
    assert calllog(app).recent_calls()[0]["transfer_status"] == "no-answer"


def test_sms_failure_is_told_to_the_caller(tmp_path, fake_api):
    _FakeTwilioApi.fail = True
    app = sms_app(tmp_path, fake_api, "2026-11-24T19:00:00+09:00")
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
    result = twilio.call(["楽天カードの明細", "はい"], caller=MOBILE)
    assert "SMSをお送りできませんでした" in result.text
    assert calllog(app).recent_calls()[0]["sms_status"] == "failed"


def test_no_sms_offer_to_landline_or_without_twilio_number(tmp_path, fake_api):
    app = sms_app(tmp_path, fake_api, "2026-11-24T19:00:00+09:00")
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC, ACCOUNT)
    assert "SMSでお送りしましょうか" not in twilio.call(["楽天カードの明細"], caller=LANDLINE).text
    plain = make_app(tmp_path / "plain", now="2026-11-24T19:00:00+09:00")
    twilio = TwilioEmulator(flask_sender(plain.test_client()), TOKEN, PUBLIC, ACCOUNT)
    assert "SMSでお送りしましょうか" not in twilio.call(["楽天カードの明細"], caller=MOBILE).text


def test_call_log_rows(app, twilio):
    result = twilio.call(["えっと", "アメックス", "ふにゃふにゃ", "dtmf:4"], caller=MOBILE, confidence="0.83")
    call = calllog(app).call(result.call_sid)
    assert call["caller"] == "*********5678"
    assert (call["provider"], call["problem"], call["outcome"]) == ("amex_gold_preferred", "points", "transfer")
    assert (call["number"], call["open"], call["transfer_status"]) == ("+81120010120", 1, "completed")
    assert call["status"] == "completed" and call["duration_s"] > 0 and call["ended_at"]
    turns = calllog(app).turns(result.call_sid)
    assert [(t["seq"], t["kind"], t["heard"], t["understood"]) for t in turns] == [
        (1, "speech", "えっと", 0), (2, "speech", "アメックス", 1), (3, "speech", "ふにゃふにゃ", 0), (4, "dtmf", "4", 1)]
    assert turns[1]["confidence"] == pytest.approx(0.83)
    assert turns[3]["outcome"] == "transfer" and turns[3]["number"] == "+81120010120"
    assert MOBILE not in json.dumps(calllog(app).recent_calls())


def test_ivr_calls_lists_totals_and_not_understood(app, twilio, capsys):
    twilio.call(["楽天カードをなくしました"])
    twilio.call(["ふにゃふにゃ", "ふにゃふにゃ", "アマゾンの返品"])
    twilio.call(["JCBカード"])
    from ivr.cli import main
    assert main(["calls", "--db", app.config["IVR_DB"]]) == 0
    out = capsys.readouterr().out
    assert "Totals of the 3 real calls in the whole log:" in out
    assert "  by provider: - 1, amazon 1, rakuten_card 1" in out
    assert "  by outcome: transfer 2, unsupported 1" in out
    assert "     2  ふにゃふにゃ" in out
    assert "+81120866910" in out


def test_config_errors_are_sentences(tmp_path, monkeypatch):
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="TWILIO_AUTH_TOKEN is not set"):
        create_app({"IVR_DB": str(tmp_path / "x.sqlite3")})
    broken = tmp_path / "p.yaml"
    broken.write_text("providers: [", encoding="utf-8")
    with pytest.raises(ConfigError, match="p.yaml:1"):
        create_app({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PROVIDERS": str(broken)})
    with pytest.raises(ConfigError, match="IVR_NOW"):
        create_app({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_NOW": "yesterday"})


def test_signature_check_off_only_explicitly_with_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="ivr.web"):
        app = create_app({"IVR_SKIP_SIGNATURE": "1", "IVR_DB": str(tmp_path / "x.sqlite3")})
    assert "NOT checked" in caplog.text
    response = app.test_client().post("/voice", data={"CallSid": "CA5", "From": LANDLINE})
    assert response.status_code == 200 and b"<Gather" in response.data


def test_wrong_said_before_the_transfer_asks_again_and_dials_nothing(tmp_path):
    """「違います」 in the moment after 「このままおつなぎします」: no <Dial> runs, the question comes again, and
    the caller's real problem is transferred instead."""
    app = make_app(tmp_path, now="2026-11-24T10:00:00+09:00")
    twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC)
    result = twilio.call(["アマゾンの荷物が届かない", "barge:違います", "返品したい"], caller=LANDLINE)
    assert result.dialled == ["+81120899543"]  # once: for the problem the caller confirmed by silence
    assert "失礼いたしました" in result.text and "返品や返金ですね" in result.text  # as spoken
    assert calllog(app).call(result.call_sid)["problem"] == "returns_refunds"
    quiet = twilio.call(["アマゾンの荷物が届かない"], caller=LANDLINE)  # a caller who says nothing is put through
    assert quiet.dialled == ["+81120899543"] and "失礼いたしました" not in quiet.text
