import pytest

from conftest import tokyo
from ivr.core.hours import ALL_DAYS, WEEKDAYS, Hours, Window
from ivr.ja.phrasing import say_hours, say_time, say_when, speak_phone_number, speak_time


@pytest.mark.parametrize("published, spoken", [
    ("0120-86-6910", "ゼロイチニーゼロ、ハチロク、ロクキュウイチゼロ"),
    ("0570-66-6910", "ゼロゴーナナゼロ、ロクロク、ロクキュウイチゼロ"),
    ("0570-666-910", "ゼロゴーナナゼロ、ロクロクロク、キュウイチゼロ"),  # same digits, other grouping
    ("+81-3-6625-9100", "プラスハチイチ、サン、ロクロクニーゴー、キュウイチゼロゼロ"),
])
def test_phone_numbers_are_read_digit_by_digit_in_published_groups(published, spoken):
    assert speak_phone_number(published) == spoken


@pytest.mark.parametrize("minutes, text, spoken", [
    (570, "9時30分", "くじさんじゅっぷん"), (540, "9時", "くじ"), (1050, "17時30分", "じゅうしちじさんじゅっぷん"),
    (1260, "21時", "にじゅういちじ"), (480, "8時", "はちじ"), (245, "4時5分", "よじごふん"), (610, "10時10分", "じゅうじじゅっぷん"),
])
def test_times(minutes, text, spoken):
    assert say_time(minutes) == text
    assert speak_time(minutes) == spoken


def test_hours_in_words():
    assert say_hours(Hours.around_the_clock()) == "24時間365日"
    assert say_hours(Hours((Window(ALL_DAYS, 570, 1050),))) == "毎日9時30分から17時30分まで"
    assert say_hours(Hours((Window(WEEKDAYS, 540, 1020),), closed_on_holidays=True)) == \
        "平日9時から17時まで(土日祝日は休み)"


@pytest.mark.parametrize("opens, now, words", [
    ("2026-11-24 09:30", "2026-11-24 09:15", "今日の9時30分"),
    ("2026-11-25 09:30", "2026-11-24 19:00", "明日の9時30分"),
    ("2026-11-26 09:00", "2026-11-24 19:00", "明後日の9時"),
    ("2026-11-30 09:00", "2026-11-24 19:00", "11月30日(月)の9時"),
])
def test_when_next_open(opens, now, words):
    assert say_when(tokyo(opens), tokyo(now)) == words


@pytest.mark.parametrize("text, said", [
    ("お手元に、連絡先の電話番号をご用意ください。", "お手元に、連絡先の電話番号をご用意ください。"),  # nothing to change
    ("  カード番号\n", "カード番号"),
    ("楽天カード紛失・盗難デスク", "楽天カード紛失盗難デスク"),
    ("アメックス・ゴールド・プリファード", "アメックス ゴールド プリファード"),
    ("紛失・盗難ですね。", "紛失や盗難ですね。"),
    ("楽天e-NAVI（会員サイト）で確認できます、", "楽天イーナビ、会員サイト、で確認できます"),
    ("「IP電話」から、、おかけください、", "アイピー電話から、おかけください"),
    ("最後に読点、 ", "最後に読点、"),
])
def test_sentences_are_said_without_what_a_listener_cannot_hear(text, said):
    from ivr.ja.phrasing import for_speech
    assert for_speech(text) == said
