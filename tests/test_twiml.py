"""The Twilio translation point: form data to dialog inputs, dialog actions to exact TwiML."""
import pytest

from ivr.core.actions import Ask, DialEnded, End, Keys, Say, SendSms, Silence, Speech, Transfer
from ivr.phone.twiml import VoiceSettings, dial_from_form, hints, input_from_form, render, render_xml

HEAD = '<?xml version="1.0" encoding="UTF-8"?>'
SAY = '<Say language="ja-JP" voice="Polly.Mizuki">'


def test_question_is_a_gather_holding_the_prompt_then_a_redirect():
    twiml = render([Say("楽天カードですね。", pause_after=1), Ask("yesno", ("1", "2"), ("はい", "いいえ"))],
                   "https://x/voice/turn?t=a", "https://x/voice/dial?t=a", VoiceSettings())
    assert str(twiml) == (
        f'{HEAD}<Response><Gather action="https://x/voice/turn?t=a" actionOnEmptyResult="true" hints="はい, いいえ" '
        'input="speech dtmf" language="ja-JP" method="POST" numDigits="1" speechModel="googlev2_telephony" '
        f'speechTimeout="2" timeout="6">{SAY}楽天カードですね。<break time="1000ms" /></Say></Gather>'
        '<Redirect method="POST">https://x/voice/turn?t=a</Redirect></Response>')


def test_transfer_is_a_dial_with_action_timeout_caller_id_and_a_status_callback():
    twiml = render([Say("おつなぎします。"), Transfer("+81120866910", "lost_desk")], "https://x/t", "https://x/d",
                   VoiceSettings(caller_id="+815011112222"), "https://x/voice/transfer")
    # 「おつなぎします」 is said in a moment the caller can answer (「違います」); hearing nothing, Twilio dials
    assert str(twiml) == (
        f'{HEAD}<Response><Gather action="https://x/t" actionOnEmptyResult="false" input="speech dtmf" '
        'language="ja-JP" method="POST" numDigits="1" speechModel="googlev2_telephony" speechTimeout="2" '
        f'timeout="1">{SAY}おつなぎします。</Say></Gather><Dial action="https://x/d" answerOnBridge="true" '
        'callerId="+815011112222" method="POST" timeout="30"><Number statusCallback="https://x/voice/transfer" '
        'statusCallbackEvent="completed" statusCallbackMethod="POST">+81120866910</Number></Dial></Response>')


def test_hints_stay_within_twilios_limits():
    many = tuple(f"語{i}" for i in range(700))
    kept = hints(("楽天カード", "あ" * 101, "楽天カード", "い" * 100) + many).split(", ")
    assert len(kept) == 500 and all(len(h) <= 100 for h in kept)
    assert kept[:2] == ["楽天カード", "い" * 100]  # too long left out, duplicates once, order kept
    assert hints(()) is None and hints(("  ",)) is None


def test_end_hangs_up_and_speech_form_is_spoken():
    twiml = render([Say("電話番号は、0120です。", "電話番号は、ゼロイチニーゼロです。"), End()], "", "", VoiceSettings())
    assert str(twiml) == f"{HEAD}<Response>{SAY}電話番号は、ゼロイチニーゼロです。</Say><Hangup /></Response>"


def test_markup_in_text_is_escaped_not_injected():
    twiml = str(render([Say("<Dial>+15555550100</Dial>&"), End()], "", "", VoiceSettings()))
    assert "<Dial>" not in twiml and "&lt;Dial&gt;" in twiml and "&amp;" in twiml


def test_sms_must_be_carried_out_by_the_adapter():
    with pytest.raises(ValueError):
        render([SendSms("+819012345678", "x")], "", "", VoiceSettings())


@pytest.mark.parametrize("form, expected", [
    ({"Digits": "1"}, Keys("1")),
    ({"Digits": "1", "SpeechResult": "楽天"}, Keys("1")),  # keys win
    ({"Digits": "abc*"}, Keys("*")),
    ({"Digits": "abc"}, Silence()),
    ({"SpeechResult": " 楽天カード ", "Confidence": "0.87"}, Speech("楽天カード", 0.87)),
    ({"SpeechResult": "楽天", "Confidence": "1.7"}, Speech("楽天", None)),
    ({"SpeechResult": "楽天", "Confidence": "nan"}, Speech("楽天", None)),
    ({"SpeechResult": "楽天"}, Speech("楽天", None)),
    ({"SpeechResult": "1", "Confidence": "0.9"}, Keys("1")),  # いち, transcribed as a digit: a key press
    ({"SpeechResult": "１。"}, Keys("1")),
    ({"SpeechResult": "1 2"}, Keys("12")),
    ({"SpeechResult": "1番で"}, Speech("1番で", None)),  # a sentence: the language reads its menu number
    ({"SpeechResult": "   "}, Silence()),
    ({}, Silence()),
])
def test_gather_results_become_inputs(form, expected):
    assert input_from_form(form) == expected


@pytest.mark.parametrize("status, expected", [("busy", "busy"), ("no-answer", "no-answer"), ("completed", "completed"),
                                              ("canceled", "canceled"), ("weird", "failed"), (None, "failed")])
def test_dial_results(status, expected):
    form = {} if status is None else {"DialCallStatus": status}
    assert dial_from_form(form) == DialEnded(expected)


# The cache fills URLs into a serialised document by imitating the library's escaping: held to the installed
# twilio's own output with URLs that would break an imitation (quotes, markup, entities, line breaks, tabs,
# CDATA ends, non-ASCII, and the cache's own placeholders inside a URL).
HOSTILE_URLS = (
    ("https://x/voice/turn?t=a.b", "https://x/voice/dial?t=a.b"),
    ('https://x/voice/turn?t=c&u="d"<', "https://x/voice/dial?t=c&u=<'>"),
    ("https://x/t?a=&amp;&lt;&#10;]]>", "https://x/d?q=\"'\"&gt;"),
    ("https://x/t?a=1\nb=2\r\tc", "https://x/d?\u3000楽天=カード&x=%22"),
    ("https://x/t?next=urn:ivr:dial-url", 'https://x/d?u="urn:ivr:turn-url"'),
)


@pytest.mark.parametrize("actions", [
    [Say("楽天カードですね。", pause_after=1), Ask("yesno", ("1", "2"), ("はい", "いいえ"))],
    [Say("おつなぎします。"), Transfer("+81120866910", "lost_desk")],
    [Say("<b>&</b>"), End()],
])
def test_cached_documents_are_the_librarys_byte_for_byte(actions):
    settings = VoiceSettings(caller_id="+815011112222")
    for turn, dial in HOSTILE_URLS:
        for _ in range(2):  # the second time from the cache
            assert render_xml(actions, turn, dial, settings, "https://x/voice/transfer") == \
                str(render(actions, turn, dial, settings, "https://x/voice/transfer"))


def test_speech_hints_hash_once_and_stay_the_tuple_they_are():
    import pickle
    from ivr.core.actions import Ask, Phrases
    phrases = Phrases(("楽天カード", "アマゾン", "はい"))
    assert phrases == ("楽天カード", "アマゾン", "はい") and hash(phrases) == hash(tuple(phrases))
    assert hash(phrases) == hash(phrases) and pickle.loads(pickle.dumps(phrases)) == phrases
    assert Ask("provider", ("1",), phrases) == Ask("provider", ("1",), tuple(phrases))
    assert hash(Ask("provider", ("1",), phrases)) == hash(Ask("provider", ("1",), tuple(phrases)))
