"""The budget on the script's text: the standard calls, timed from the readings of every sentence (morae at
6.6 per second, as Open JTalk speaks at a normal rate), must put the number in the caller's ear in time.
A longer sentence fails here, not in a caller's ear. bench/time_to_number.py measures the same calls with
real synthesis."""
import pytest

from ivr.core.actions import Ask
from ivr.phone.twiml import VoiceSettings
from timing import MORE_CALLS, STANDARD_CALLS, Call, MoraClock, morae, time_call

SETTINGS = VoiceSettings()
CLOCK = MoraClock(6.6)


def silence(ask: Ask) -> float:
    return SETTINGS.menu_after if ask.menu_on_silence else SETTINGS.gather_timeout


@pytest.mark.parametrize("call", STANDARD_CALLS, ids=[c.name for c in STANDARD_CALLS])
def test_standard_call_gives_the_number_within_its_goal(assistant, call):
    timing = time_call(assistant, call, CLOCK, silence)
    assert timing.outcome["outcome"] in ("transfer", "closed")
    assert timing.number_starts is not None and timing.number_starts <= call.goal, timing.transcript
    assert timing.number_heard - timing.number_starts < 5  # the digits themselves, in groups


@pytest.mark.parametrize("call", MORE_CALLS, ids=[c.name for c in MORE_CALLS])
def test_more_calls_are_timed_to_the_number(assistant, call):
    timing = time_call(assistant, call, CLOCK, silence)
    if timing.outcome["number"]:
        assert timing.number_starts is not None and timing.number_starts < 45, timing.transcript


def test_keypad_caller_waits_for_the_menu_then_presses(assistant):
    timing = time_call(assistant, STANDARD_CALLS[2], CLOCK, silence)
    turns = [what for _, who, what in timing.transcript if who == "caller"]
    assert turns == ["(silence)", "key:1", "key:1"]  # nothing said which key means 楽天カード until the menu
    index = [what for _, _, what in timing.transcript].index("(silence)")
    assert timing.transcript[index + 1][0] - timing.transcript[index][0] == SETTINGS.menu_after


def test_a_longer_sentence_is_caught(assistant):
    class Verbose:
        """The same script with a long greeting."""
        def __init__(self, script):
            self._script = script
            self.greeting = script.greeting + "カード会社やショップのサポート窓口をご案内する自動音声アシスタントです。"

        def __getattr__(self, name):
            return getattr(self._script, name)

    original = assistant.script
    try:
        assistant.script = Verbose(original)
        timing = time_call(assistant, STANDARD_CALLS[0], CLOCK, silence)
    finally:
        assistant.script = original
    assert timing.number_starts > STANDARD_CALLS[0].goal


@pytest.mark.parametrize("text, count", [("キャッシュ", 3), ("お電話ありがとうございます。", 14), ("ゼロイチニーゼロ", 8),
                                         ("0120", 8), ("", 0)])
def test_morae_are_counted_from_the_reading(text, count):
    assert morae(text) == count


def test_a_call_without_a_number_has_no_number_time(assistant):
    timing = time_call(assistant, Call("silent", ("", "", ""), "2026-11-24T10:00:00+09:00"), CLOCK, silence)
    assert timing.outcome["outcome"] == "hangup" and timing.number_starts is None  # general numbers, then goodbye
    assert timing.caller_turns == 3 and timing.spoken > 0
