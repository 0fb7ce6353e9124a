"""How numbers, times and days are said in Japanese: one place for every adapter.

Each helper returns text for display (digits as published) or for speech (kana, so any TTS engine
reads it the same way, digit by digit as Japanese callers expect for phone numbers).
"""
from __future__ import annotations

import datetime as dt
import re

from ..core.hours import ALL_DAYS, DAY_KANJI, WEEKDAYS, Hours, Window, holiday_name, to_tokyo

# Phone digits are read one by one; 2 and 5 are lengthened (にー, ごー) as Japanese operators do.
PHONE_DIGITS = {"0": "ゼロ", "1": "イチ", "2": "ニー", "3": "サン", "4": "ヨン", "5": "ゴー",
                "6": "ロク", "7": "ナナ", "8": "ハチ", "9": "キュウ"}
_SMALL = ["", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"]
_HOUR_READING = {4: "よ", 7: "しち", 9: "く"}
_MINUTE_READING = {1: "いっぷん", 2: "にふん", 3: "さんぷん", 4: "よんぷん", 5: "ごふん", 6: "ろっぷん",
                   7: "ななふん", 8: "はっぷん", 9: "きゅうふん", 0: "じゅっぷん"}


def speak_phone_number(published: str, pause: str = "、") -> str:
    """'0120-86-6910' -> 'ゼロイチニーゼロ、ハチロク、ロクキュウイチゼロ' (groups as published, `pause` between)."""
    groups = [g for g in published.replace("(", "-").replace(")", "-").replace(" ", "-").split("-") if g]
    spoken = []
    for group in groups:
        prefix = "プラス" if group.startswith("+") else ""
        spoken.append(prefix + "".join(PHONE_DIGITS[d] for d in group if d.isdigit()))
    return pause.join(spoken)


# Spellings text-to-speech engines read letter by letter, as callers say them.
SPOKEN_SPELLINGS = {"e-NAVI": "イーナビ", "IP電話": "アイピー電話"}
_ASIDE = re.compile(r"[(（][^()（）]*[)）]")


# 紛失・盗難デスク: two words of a desk's name, said as one (紛失盗難デスク), not as a list.
_NAME_DOT = re.compile(r"(?<=[\u4e00-\u9fff])・(?=[\u4e00-\u9fff]+(?:デスク|センター|窓口))")
_KATAKANA_DOT = re.compile(r"(?<=[\u30a0-\u30ff])・(?=[\u30a0-\u30ff])")


# What for_speech changes: a sentence with none of these (most of them) is said as it is written.
_FOR_SPEECH = re.compile("|".join(["[(（・「」]", "、、", "、$", *map(re.escape, SPOKEN_SPELLINGS)]))


def for_speech(text: str) -> str:
    """Catalogue text as it is said: known spellings in katakana, an aside in brackets said as a clause of its
    own, and no 「・」, which a listener cannot hear: between katakana words a short gap (a name such as
    アメックス・ゴールド・プリファード), elsewhere 「や」 (紛失・盗難 -> 紛失や盗難)."""
    if not _FOR_SPEECH.search(text):
        return text.strip()
    text = _ASIDE.sub(lambda m: "、" + m.group(0)[1:-1] + "、", text).replace("、、", "、").rstrip("、")
    for spelling, spoken in SPOKEN_SPELLINGS.items():
        text = text.replace(spelling, spoken)
    text = _KATAKANA_DOT.sub(" ", text)
    text = _NAME_DOT.sub("", text).replace("・", "や").replace("「", "").replace("」", "")
    return text.strip()


_UNITS = ((1000, "せん", {3: "さんぜん", 8: "はっせん"}), (100, "ひゃく", {3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}),
          (10, "じゅう", {}))


def number_reading(n: int) -> str:
    """Kana reading of 0..9999: 365 -> 'さんびゃくろくじゅうご'."""
    if n == 0:
        return "ゼロ"
    text = ""
    for size, unit, irregular in _UNITS:
        digit, n = divmod(n, size)
        if digit:
            text += irregular.get(digit, ("" if digit == 1 else _SMALL[digit]) + unit)
    return text + _SMALL[n]


def say_time(minutes: int) -> str:
    """570 -> '9時30分' (display); minutes since midnight, 1440 allowed as 24時."""
    hour, minute = divmod(minutes, 60)
    return f"{hour}時" + (f"{minute}分" if minute else "")


def speak_time(minutes: int) -> str:
    """570 -> 'くじさんじゅっぷん'."""
    hour, minute = divmod(minutes, 60)
    tens, ones = divmod(hour, 10)
    head = "" if tens == 0 else ("じゅう" if tens == 1 else _SMALL[tens] + "じゅう")
    text = (head + (_HOUR_READING.get(ones, _SMALL[ones]) if ones else "") or "れい") + "じ"
    if minute:
        tens, ones = divmod(minute, 10)
        head = "" if tens == 0 else ("じゅう" if tens == 1 else _SMALL[tens] + "じゅう")
        text += head[:-3] + "じゅっぷん" if ones == 0 else head + _MINUTE_READING[ones]
    return text


def say_days(days: frozenset[int]) -> str:
    if days == ALL_DAYS:
        return "毎日"
    if days == WEEKDAYS:
        return "平日"
    if days == frozenset({5, 6}):
        return "土日"
    return "・".join(DAY_KANJI[d] for d in sorted(days)) + "曜日"


def say_window(window: Window) -> str:
    return f"{say_days(window.days)}{say_time(window.open)}から{say_time(window.close)}まで"


def say_hours(hours: Hours) -> str:
    """Hours in words, e.g. '平日9時から17時まで(土日祝日は休み)', '24時間365日'."""
    if hours.always:
        return "24時間365日"
    text = "、".join(say_window(w) for w in hours.windows)
    covered = frozenset().union(*(w.days for w in hours.windows)) if hours.windows else frozenset()
    closed = [DAY_KANJI[d] for d in sorted(ALL_DAYS - covered)]
    if hours.closed_on_holidays:
        closed.append("祝")
    if closed:
        suffix = "".join(closed) + "日" if len(closed) > 1 else closed[0] + ("日" if closed[0] == "祝" else "曜日")
        text += f"({suffix}は休み)"
    if hours.closed_dates:
        text += "(" + "・".join(f"{m}月{d}日" for m, d in hours.closed_dates) + "は休み)"
    return text


def say_when(moment: dt.datetime, now: dt.datetime) -> str:
    """When a line next opens, relative to now: '今日の9時30分', '明日の9時', '11月24日(火)の9時'."""
    moment, now = to_tokyo(moment), to_tokyo(now)
    days = (moment.date() - now.date()).days
    clock = say_time(moment.hour * 60 + moment.minute)
    if days == 0:
        return f"今日の{clock}"
    if days == 1:
        return f"明日の{clock}"
    if days == 2:
        return f"明後日の{clock}"
    return f"{moment.month}月{moment.day}日({DAY_KANJI[moment.weekday()]})の{clock}"


def _period(minutes: int) -> str:
    """朝, 午後 or 夜 before a clock time, as a Japanese operator says it (「明日の朝9時」)."""
    return "朝" if minutes < 12 * 60 else "午後" if minutes < 18 * 60 else "夜"


def speak_when(moment: dt.datetime, now: dt.datetime, abroad: bool = False) -> str:
    """When a line next opens, as said on the phone: '明日の朝9時', '11月30日、月曜日の朝9時'; a caller abroad
    hears that it is Japan time ('日本時間の明日の朝9時')."""
    moment, now = to_tokyo(moment), to_tokyo(now)
    days = (moment.date() - now.date()).days
    minutes = moment.hour * 60 + moment.minute
    hour = minutes // 60 if minutes < 13 * 60 else minutes // 60 - 12  # 午後1時, never 午後13時
    clock = f"{_period(minutes)}{hour}時" + (f"{moment.minute}分" if moment.minute else "")
    day = {0: "今日", 1: "明日", 2: "明後日"}.get(days) or f"{moment.month}月{moment.day}日、{DAY_KANJI[moment.weekday()]}曜日"
    return f"{'日本時間の' if abroad else ''}{day}の{clock}"


def closed_reason(hours: Hours, now: dt.datetime) -> str:
    """Why a line is closed today, when there is more to say than 'outside its hours': '本日は祝日のため',
    '土曜日は', or '' (open today, only not now)."""
    today = to_tokyo(now).date()
    if (today.month, today.day) in hours.closed_dates:
        return "本日は休業日のため"
    if hours.closed_on_holidays and holiday_name(today):
        return "本日は祝日のため"
    if not any(today.weekday() in window.days for window in hours.windows):
        return f"{DAY_KANJI[today.weekday()]}曜日は"
    return ""
