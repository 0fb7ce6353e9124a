"""The ConversationRelay adapter over real WebSockets: the asyncio socket server on a thread, the phone
service's webhooks through Flask's client, Twilio played by ivr/phone/relay_emulator.py."""
import dataclasses
import gc
import json

import pytest

from servers import eventually
from twilio_api import FakeMessagesApi
from ivr.core.actions import Ask, Say
from ivr.core.call import unheard
from ivr.ja import script
from ivr.phone.emulator import TwilioEmulator, flask_sender
from ivr.phone.relay import RelayCall, text_tokens
from ivr.phone.relay_emulator import DROP, Barge, Error, RelayEmulator
from ivr.phone.relay_server import ThreadedServer
from ivr.server import ConfigError, create_app
from test_console import login

TOKEN, PUBLIC = "relay-test-token", "https://ivr-relay.example.test"
OPERATOR_PASSWORD = "relay-operator-password"
DAY, NIGHT = "2026-11-24T10:00:00+09:00", "2026-11-24T23:30:00+09:00"


class Line:
    """One phone service (its clock fixed at `now`) with its relay socket server running."""

    def __init__(self, tmp_path, now: str, **config):
        self.app = create_app({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_NOW": now,
                               "IVR_DB": str(tmp_path / f"calls-{now[11:13]}.sqlite3"),
                               "IVR_CONSOLE_PASSWORD": OPERATOR_PASSWORD, **config})
        relay = self.app.extensions["ivr_relay"]
        # Silences are timed from the length of what was said: fast here, so a silence takes a second.
        self.relay = dataclasses.replace(relay, speech_rate=10_000, service=dataclasses.replace(
            relay.service, voice=dataclasses.replace(relay.service.voice, menu_after=1, gather_timeout=1)))
        self.server = ThreadedServer(self.relay).start()
        self.twilio = TwilioEmulator(flask_sender(self.app.test_client()), TOKEN, PUBLIC)
        self.emulator = RelayEmulator(self.twilio, TOKEN, self.server.url)
        self.log = relay.service.log.inner

    def call(self, turns, **kwargs):
        return self.emulator.call(turns, **kwargs)

    def logged(self, call_sid, check):
        self.relay.writer.flush()  # the sessions' writes are on the writer's thread
        return eventually(lambda: (lambda row: row if row and check(row) else None)(self.log.call(call_sid)))

    def close(self):
        self.server.stop()


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    line = Line(tmp_path_factory.mktemp("day"), DAY)
    yield line
    line.close()


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    with FakeMessagesApi() as sms:
        line = Line(tmp_path_factory.mktemp("night"), NIGHT, TWILIO_ACCOUNT_SID="AC" + "1" * 32,
                    TWILIO_SMS_FROM="IVRINFO", TWILIO_API_BASE=sms.base)
        line.sms = sms
        yield line
        line.close()


def test_transfer_reads_the_number_whole_then_dials_through_the_handoff(day):
    result = day.call(["楽天カードをなくしました"])
    assert result.heard[0].startswith("お電話ありがとうございます")
    assert result.handoff and result.dialled == ["+81120866910"]
    # The last turn is TwiML: the number in <Say>s before the <Dial>, so it is heard whole.
    assert "ゼロイチニーゼロ、ハチロク、ロクキュウイチゼロ" in result.action.text
    assert result.action.documents[0].index("<Say") < result.action.documents[0].index("<Dial")
    row = day.logged(result.call_sid, lambda r: r["transfer_status"] == "completed" and r["status"] == "completed")
    assert row["outcome"] == "transfer" and row["provider"] == "rakuten_card"
    assert [t["kind"] for t in day.log.turns(result.call_sid)] == ["speech"]


def test_closed_line_at_night_gives_the_number_and_hangs_up(night):
    result = night.call(["楽天カード", "支払い金額を確認したい", "いいえ"])  # no loss or fraud after all
    assert result.dialled == [] and result.action.hung_up_by == "assistant"
    heard = "".join(result.heard) + result.action.text
    assert "ゼロゴーナナゼロ" in heard and "受付時間外" in heard
    assert "24時間受け付けている窓口" in heard  # the 24-hour line offered, should it be urgent
    assert night.logged(result.call_sid, lambda r: r["status"] == "completed")["outcome"] == "closed"


def test_info_and_unsupported_outcomes(day):
    info = day.call(["アメックス", "旅行保険について聞きたい", "いいえ、それだけです"])  # asked if there is more
    assert info.dialled == [] and info.action.hung_up_by == "assistant"
    assert day.logged(info.call_sid, lambda r: r["outcome"])["outcome"] == "info"
    unsupported = day.call(["JCBカードをなくしました"])  # the caller hangs up after hearing it is not covered
    assert "JCB" in unsupported.heard[1] or "対象" in unsupported.heard[1] or "ご案内" in unsupported.heard[1]
    row = day.logged(unsupported.call_sid, lambda r: r["status"] == "completed")
    assert row["outcome"] == "unsupported" and unsupported.handoff is None


def test_tokens_stream_the_sentences_and_the_number_cannot_be_interrupted(night):
    result = night.call(["楽天カード", "支払い金額を確認したい", "はい"], caller="+819012345678")  # SMS offered
    assert "SMSをお送りしました" in result.action.text and night.sms.received[-1][2]["To"] == ["+819012345678"]
    offer = result.turns[-1]
    assert len(offer) > 3 and offer[-1]["last"] and not any(t["last"] for t in offer[:-1])
    number = [t for t in offer if "ゼロゴーナナゼロ" in t["token"]]
    assert number and all(t["interruptible"] is False for t in number)
    assert offer[-1]["interruptible"] is True  # the question itself can be answered at once
    assert all(t["interruptible"] for t in result.turns[0])  # the greeting can be interrupted


def test_keys_work_as_in_the_gather_flow(day):
    result = day.call(["dtmf:11"])
    assert "紛失や盗難は1" in result.heard[1] and result.dialled == ["+81120866910"]
    day.logged(result.call_sid, lambda r: r["status"] == "completed")
    assert [t["kind"] for t in day.log.turns(result.call_sid)] == ["dtmf", "dtmf"]


def test_barge_in_during_the_menu_with_a_key(day):
    # Silence brings the keypad menu; the caller presses 1 as soon as they hear 「楽天カードは1」.
    result = day.call(["", Barge("dtmf:1", at="楽天カードは1"), "dtmf:1"])
    assert result.heard[1] == "楽天カードは1、"  # cut there: the rest of the menu was never played
    assert result.heard[2].startswith("紛失や盗難は1") and result.dialled == ["+81120866910"]


def test_repeat_after_an_interrupt_says_again_what_was_missed(day):
    # Interrupted by 「もう一度」 right after 「お電話ありがとうございます。」: the question was never heard.
    result = day.call([Barge("もう一度", after=1)])
    assert result.heard[0] == "お電話ありがとうございます。"
    assert result.heard[1] == script.ASK_OPEN
    # Heard whole, 「もう一度」 asks the question again as it was asked (as in the <Gather> flow).
    whole = day.call(["もう一度"])
    assert whole.heard[-1] == script.ASK_OPEN


def test_unheard_keeps_the_sentences_from_the_first_one_cut():
    ask = Ask("provider")
    turn = [Say("一つ目。"), Say("二つ目、三つ目。"), ask]
    assert unheard(turn, "一つ目。二つ") == [Say("二つ目、三つ目。"), ask]
    assert unheard(turn, "一つ目。二つ目、三つ目。") == [ask]
    assert [t["token"] for t in text_tokens(turn)] == ["一つ目。", "二つ目、", "三つ目。"]


def test_error_message_is_logged_and_the_call_goes_on(day, caplog):
    result = day.call([Error("Invalid message: unknown type foo"), "楽天カードをなくしました"])
    assert result.dialled == ["+81120866910"]
    assert "Invalid message: unknown type foo" in caplog.text


def test_forged_or_missing_signature_is_refused(day):
    assert day.call(["アマゾン"], forged=True).refused == 403
    with pytest.raises(Exception) as refused:
        import asyncio
        asyncio.run(day.emulator.open(PUBLIC.replace("https", "wss") + "/relay/ws", unsigned=True))
    assert getattr(refused.value, "response").status_code == 403


def test_dropped_socket_is_logged_as_abandoned_and_the_caller_hears_the_apology(day):
    result = day.call(["アマゾン", DROP])
    assert result.handoff is None and "申し訳ございません" in result.action.text
    assert "ゼロイチニーゼロ" in result.action.text  # the general numbers: never a call without a number
    row = day.logged(result.call_sid, lambda r: r["status"] == "abandoned" and r["ended_at"])
    assert row["provider"] is None or row["provider"] == "amazon"
    # The operator reads it as a call cut off, not as a rehearsal left idle (「放置のため終了」).
    console = day.app.test_client()
    assert login(console, OPERATOR_PASSWORD).status_code == 302
    page = console.get(f"/console/calls/{result.call_sid}").get_data(as_text=True)
    assert "途中で切断" in page and "放置のため終了" not in page and "通話中" not in page


def test_caller_hanging_up_is_not_abandoned(day):
    result = day.call(["アマゾン"])
    assert day.logged(result.call_sid, lambda r: r["status"] == "completed")["outcome"] == "incomplete"


def test_an_ended_session_is_freed_at_once_not_left_to_the_cyclic_collector(day):
    # Sessions left in reference cycles pile up until a full collection, which then stalls every call's
    # socket on that loop for as long as it takes to walk them (100-200 ms at 1,000 calls).
    gc.collect()
    gc.disable()
    try:
        day.call(["楽天カードをなくしました"])  # handed off
        day.call(["アマゾン", DROP])  # lost mid-call
        day.call(["アマゾン"])  # the caller hangs up
        left = eventually(lambda: not [o for o in gc.get_objects() if type(o) is RelayCall], deadline_s=5)
        assert left, "a finished session is still alive: something holds it in a cycle"
    finally:
        gc.enable()


def test_retried_action_callback_never_dials_twice(day):
    result = day.call(["楽天カードをなくしました"], action_twice=True)
    assert result.dialled == ["+81120866910"]
    first_answer = result.action.documents[0]
    # The same handoff delivered again after the transfer: nothing is dialled, nothing is said.
    url, form = result.action.requests[0]
    status, again = day.twilio.post(url, form)
    assert status == 200 and "<Dial" not in again and "<Hangup" in again
    assert "<Dial" in first_answer
    assert day.log.call(result.call_sid)["transfer_status"] == "completed"


def test_forged_handoff_is_refused_without_a_dial(day):
    result = day.call(["楽天カードをなくしました"])
    url, form = result.action.requests[0]
    forged = dict(form, HandoffData=json.dumps({"t": json.loads(form["HandoffData"])["t"][:-4] + "AAAA"}))
    status, body = day.twilio.post(url, forged)
    assert status == 200 and "<Dial" not in body and "申し訳ございません" in body


def test_phone_mode_selects_what_voice_answers(tmp_path):
    gather = create_app({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": str(tmp_path / "a.db")})
    relay = create_app({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PUBLIC_URL": PUBLIC, "IVR_DB": str(tmp_path / "b.db"),
                        "IVR_PHONE_MODE": "relay", "IVR_VOICE": "Google.ja-JP-Neural2-B"})
    for app, expected in ((gather, "<Gather"), (relay, "<ConversationRelay")):
        twilio = TwilioEmulator(flask_sender(app.test_client()), TOKEN, PUBLIC)
        status, body = twilio.post("/voice", twilio.base_params("CA" + "1" * 32, "+81312345678", "+815011112222"))
        assert status == 200 and expected in body
    assert 'url="wss://ivr-relay.example.test/relay/ws"' in body and 'language="ja-JP"' in body
    assert 'ttsProvider="Google"' in body and 'voice="ja-JP-Neural2-B"' in body
    assert 'action="https://ivr-relay.example.test/relay/action"' in body
    # A path per number: /relay/voice is a relay session whatever the mode.
    twilio = TwilioEmulator(flask_sender(gather.test_client()), TOKEN, PUBLIC)
    status, body = twilio.post("/relay/voice", twilio.base_params("CA" + "2" * 32, "+81312345678", "+8150"))
    assert "<ConversationRelay" in body
    for key, value, said in (("IVR_PHONE_MODE", "stream", "not one of: gather, relay"),
                             ("IVR_RELAY_URL", "https://ivr.example/relay/ws", "not a ws:// or wss:// URL"),
                             ("IVR_RELAY_VOICE", "Mizuki", "name it as IVR_VOICE does")):
        with pytest.raises(ConfigError, match=f"{key} '{value}' is {said}" if key != "IVR_RELAY_VOICE" else said):
            create_app({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_DB": str(tmp_path / "c.db"), key: value})
    # IVR_RELAY_VOICE names the relay's voice apart from <Say>'s; it comes from the environment like the rest.
    from ivr.config import from_env
    values = from_env({"TWILIO_AUTH_TOKEN": TOKEN, "IVR_PHONE_MODE": "relay", "IVR_RELAY_URL": "wss://r.example/ws",
                       "IVR_RELAY_VOICE": "Polly.Takumi", "IVR_DB": str(tmp_path / "d.db")})
    app = create_app(values)
    relay = app.extensions["ivr_relay"]
    assert (relay.mode, relay.socket_url, relay.tts_provider, relay.voice) == ("relay", "wss://r.example/ws",
                                                                              "Amazon", "Takumi")


def test_a_try_ticket_opens_a_rehearsal_on_its_moment_and_a_forged_one_is_refused(day):
    # /try's browser cannot send X-Twilio-Signature: a short-lived ticket signed by the service opens the socket.
    import asyncio
    import datetime as dt

    from ivr.core.hours import TOKYO
    from ivr.phone.relay import Rehearsals

    rehearsals = Rehearsals(day.relay)
    night = dt.datetime(2026, 11, 28, 23, 30, tzinfo=TOKYO)  # the line is closed then; `day`'s clock says 10:00
    ticket = rehearsals.ticket("TRY" + "a" * 32, night)  # it goes in a URL: no phone number in it
    day.log.start_call("TRY" + "a" * 32, night.isoformat(), "+819012345678", rehearsal=True)

    async def play(query: str) -> list[list[dict]]:
        socket = await day.emulator.open(PUBLIC.replace("https", "wss") + "/relay/ws" + query, unsigned=True)
        try:
            await socket.send({"type": "setup", "callSid": "CAignored", "from": "+819012345678", "to": "",
                               "customParameters": {}})
            turns = [(await socket.turn())[0]]
            for words in ("楽天カード", "支払い金額を確認したい"):
                await socket.send({"type": "prompt", "voicePrompt": words, "lang": "ja-JP", "last": True,
                                   "input": "typed"})
                turns.append((await socket.turn())[0])
            return turns
        finally:
            await socket.socket.close()

    turns = asyncio.run(play("?try=" + ticket))
    last = "".join(t["token"] for t in turns[-1])
    assert "受付時間外" in last  # the ticket's moment, not the service's
    assert "SMS" in last  # offered: the caller's number came in setup, a mobile
    day.relay.writer.flush()
    assert [t["kind"] for t in eventually(lambda: day.log.turns("TRY" + "a" * 32))] == ["typed", "typed"]
    for forged in (ticket[:-3] + "AAA", "nonsense"):
        with pytest.raises(Exception) as refused:
            asyncio.run(day.emulator.open(PUBLIC.replace("https", "wss") + "/relay/ws?try=" + forged, unsigned=True))
        assert getattr(refused.value, "response").status_code == 403
    # The handoff read back for /try is the call's own; another call's SID gets nothing.
    assert rehearsals.handoff("TRY" + "b" * 32, '{"t": "x"}') is None
