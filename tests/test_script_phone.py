"""The script on the phone: every question is spoken inside its <Gather> (the caller can answer by voice or
key while it plays), a number read out never is (a caller repeating the digits must not cut it short), and
pauses between a number's groups are SSML breaks where the voice takes SSML."""
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import DEV
from ivr.core.actions import Ask, Keys, Say, Silence, Speech
from ivr.core.call import parse_turn
from ivr.core.dialog import Phase
from ivr.core.hours import parse_moment
from ivr.ja.phrasing import speak_phone_number
from ivr.phone.emulator import heard_text
from ivr.phone.twiml import VoiceSettings, render

CALLS = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
MORE_CALLS = [["", "1", "9", "3"], ["", "", "", ""], ["ふにゃふにゃ", "", "アマゾン", "*", "#", "2", "1"],
              ["三井住友カード", "アマゾン", "9", "4"], ["あめくす", "いいえ", "楽天カード", "9", "0"]]
AT = ["2026-11-24T10:00:00+09:00", "2026-11-24T23:30:00+09:00"]
MOBILE = "+819012345678"


def steps(assistant, turns, at, caller=MOBILE):
    """Every answer of the dialog in a call (SMS questions answered yes, so they are asked too)."""
    now = parse_moment(at)
    state, actions = assistant.start(now, caller)
    yield actions
    pending = list(turns)
    while state.phase not in (Phase.DONE, Phase.TRANSFERRING):
        ask = next((a for a in actions if isinstance(a, Ask)), None)
        if ask is None:
            return
        event = Speech("はい") if ask.expecting == "yesno" and not pending else \
            parse_turn(pending.pop(0)) if pending else None
        if event is None:
            return
        state, actions = assistant.step(state, event, now)
        yield [a for a in actions if not hasattr(a, "body")]  # an SMS is sent by the adapter, not rendered


def every_answer(assistant):
    for case in CALLS:
        yield from steps(assistant, case["turns"], case["at"])
    for turns in MORE_CALLS:
        for at in AT:
            yield from steps(assistant, turns, at)


def test_every_question_is_inside_its_gather_and_no_number_is(assistant):
    questions = 0
    for actions in every_answer(assistant):
        if not any(isinstance(a, Ask) for a in actions):
            continue
        root = ET.fromstring(str(render(actions, "https://x/t", "https://x/d", VoiceSettings())))
        gather = root.find("Gather")
        inside = [heard_text(say) for say in gather]
        outside = [heard_text(say) for say in root if say.tag == "Say"]
        says = [a for a in actions if isinstance(a, Say)]
        question = next(a for a, b in zip(actions, actions[1:]) if isinstance(b, Ask))
        assert question.spoken in inside and question.spoken not in outside
        fixed = max((i + 1 for i, say in enumerate(says) if not say.interruptible), default=0)
        assert [s.spoken for s in says[:fixed]] == outside  # a number, and what leads up to it, is never cut short
        assert [s.spoken for s in says[fixed:]] == inside
        questions += 1
    assert questions > 100


def test_no_question_is_spoken_outside_a_gather_through_the_webhook(twilio_call):
    for turns in (["", "dtmf:1", "dtmf:9", "dtmf:2"], ["アマゾン", "", "返品したい"], ["三井住友カード", "楽天カード", "紛失"]):
        result = twilio_call(turns)
        for document in result.documents:
            root = ET.fromstring(document)
            for verb in root:
                if verb.tag == "Say":
                    text = heard_text(verb)
                    assert not text.endswith(("どうぞ。", "押してください。", "でしょうか。", "ますか。")), text


@pytest.fixture
def twilio_call(tmp_path):
    from ivr.server import create_app
    from ivr.phone.emulator import TwilioEmulator, flask_sender

    app = create_app({"TWILIO_AUTH_TOKEN": "t" * 32, "IVR_PUBLIC_URL": "https://ivr.example",
                      "IVR_DB": str(tmp_path / "calls.sqlite3"), "IVR_NOW": AT[0], "TESTING": True})
    emulator = TwilioEmulator(flask_sender(app.test_client()), "t" * 32, "https://ivr.example")
    return lambda turns: emulator.call(turns)


def test_number_groups_are_ssml_breaks_for_polly_and_commas_otherwise(assistant):
    state, _ = assistant.start(parse_moment(AT[0]))
    _, actions = assistant.step(state, Speech("楽天カードをなくしました"), parse_moment(AT[0]))
    polly = ET.fromstring(str(render(actions, "", "", VoiceSettings())))
    first = [say for say in polly if say.tag == "Say"][1]  # after what was understood, the number
    assert [child.tag for child in first] == ["break", "break", "break"]
    assert [child.get("time") for child in first] == ["400ms", "400ms", "500ms"]
    assert heard_text(first).endswith(speak_phone_number("0120-86-6910") + "。")
    assert not any(verb.tag == "Pause" for verb in polly)
    plain = ET.fromstring(str(render(actions, "", "", VoiceSettings(voice="alice"))))
    assert speak_phone_number("0120-86-6910") in [v for v in plain if v.tag == "Say"][1].text
    assert [v.tag for v in plain].count("Pause") == 2  # after the number, and after it again
    assert not any(len(say) for say in plain if say.tag == "Say")  # no SSML for a voice that would read it out


def test_open_questions_wait_briefly_menus_wait_longer(assistant):
    now = parse_moment(AT[0])
    state, actions = assistant.start(now)
    gather = ET.fromstring(str(render(actions, "u", "d", VoiceSettings()))).find("Gather")
    assert gather.get("timeout") == "3"
    state, actions = assistant.step(state, Silence(), now)
    gather = ET.fromstring(str(render(actions, "u", "d", VoiceSettings()))).find("Gather")
    assert gather.get("timeout") == "6" and "楽天カードは1" in heard_text(gather[0])
    state, actions = assistant.step(state, Keys("3"), now)
    gather = ET.fromstring(str(render(actions, "u", "d", VoiceSettings(menu_after=4)))).find("Gather")
    assert gather.get("timeout") == "6"  # a keypad caller is read the menu: time to choose
