"""Yes and no, the commands a caller gives (repeat, a person, goodbye, start over), and menu numbers said aloud."""
from __future__ import annotations

import re
from functools import lru_cache

from .text import surface


YES_WORDS = ("はい", "ええ", "うん", "そうです", "そう", "おねがいします", "お願い", "おねがい", "よろしく", "合って",
             "あって", "いいです", "大丈夫", "だいじょうぶ", "yes", "ok", "おっけー", "オッケー", "了解", "りょうかい",
             "せや", "そや", "んだ", "だす", "ほい", "うむ", "もちろん", "その通り", "そのとおり", "頼みます", "たのみます")


NO_WORDS = ("いいえ", "いえ", "いや", "違", "ちが", "ちゃう", "no", "結構", "けっこう", "不要", "いらない", "いりません",
            "大丈夫です", "だいじょうぶです")


NO_ANYWHERE = ("違います", "ちがいます", "違う", "じゃないです", "ではないです", "じゃありません", "ではありません",
               "いりません", "いらないです", "結構です", "けっこうです", "ちゃいます", "ちゃう")


_FILLERS = re.compile(r"^(?:えーと|えっと|えーっと|あのー|あの|うーん|まあ|ええと|すみません|[、。,.!?！？])*")


REPEAT_WORDS = ("もう一度", "もういちど", "もう1度", "もう一回", "もういっかい", "もう1回", "繰り返", "くりかえ",
                "聞き取れ", "ききとれ", "聞こえな", "きこえな", "再度", "リピート", "repeat")


OPERATOR_WORDS = ("オペレーター", "おぺれーたー", "operator", "人と話", "ひとと話", "ひととはな", "担当者", "たんとうしゃ",
                  "人間", "にんげん", "係の人", "かかりのひと", "直接話", "有人", "詳しい人", "くわしいひと", "窓口の方",
                  "窓口の人", "生の人", "なまのひと", "人につない", "ひとにつない", "スタッフ", "係員",
                  "人に代わ", "人にかわ", "人と喋", "人としゃべ", "人に相談", "人間と", "専門の方", "担当の方", "担当の人",
                  "誰かと話", "だれかと話", "誰かに代わ", "誰かにつない", "だれかにつない", "係の方", "係りの方",
                  "デスクの方", "人に出て", "方に出て", "つないでいただけ", "つないでください", "つないでほしい",
                  "繋いで", "オペレータ", "電話口の方", "お話しできる方", "人と直接", "直接話したい", "スタッフの方",
                  "人の声", "機械じゃなく", "ロボットじゃなく", "自動音声じゃなく", "カスタマーセンター",
                  "カスタマーサービスにつな", "カスタマーサービスの方", "サポートの方", "デスクの人", "窓口につな",
                  "の方をお願い", "の人をお願い", "の方に直接", "直接相談", "人、お願い", "方、お願い")


BYE_WORDS = ("さようなら", "さよなら", "切ります", "きります", "電話を切", "終了", "もういいです", "もう大丈夫",
             "失礼します", "しつれいします", "用は済", "解決しました")


# 「違います」 to what the assistant just said it understood: only as the answer's opening words (違う商品が届いた
# names a problem).
WRONG_OPENINGS = ("違います", "ちがいます", "違う違う", "違うよ", "違うって", "違うんです", "ちゃいます", "ちゃうちゃう",
                  "そうじゃない", "そうではない", "そうじゃなくて", "そうではなくて", "間違ってます", "間違っています")


_NO_LEAD = re.compile(r"^(?:いいえ|いえ|いや)?[、,。 ]*")


def says_wrong(text: str) -> bool:
    return _NO_LEAD.sub("", _FILLERS.sub("", text)).startswith(_forms(WRONG_OPENINGS))


RESTART_WORDS = ("最初から", "さいしょから", "始めから", "はじめから", "やり直", "やりなお", "戻る", "もどる", "戻って",
                 "もどって", "前に戻", "別の件", "べつのけん", "別の用件", "違う用件", "ちがう用件", "やっぱりいいです",
                 "やっぱりいい", "やっぱり違う", "言い直", "いいなお", "間違えました", "まちがえました")


@lru_cache(maxsize=64)
def _forms(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(surface(word) for word in words)


@lru_cache(maxsize=64)
def _anywhere(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(form) for form in sorted(_forms(words), key=len, reverse=True)))


def says_any(text: str, words: tuple[str, ...]) -> bool:
    return _anywhere(words).search(text) is not None


def yes_no(text: str) -> bool | None:
    """Yes/no only from how the answer starts (はい…, いいえ…) or a clear refusal anywhere: "はい" also
    hides inside ordinary sentences (返金はいつ…)."""
    text = _FILLERS.sub("", text)
    if says_any(text, NO_ANYWHERE) or text.startswith(_forms(NO_WORDS)):
        return False
    if text.startswith(_forms(YES_WORDS)):
        return True
    return None


_NUMERALS = {"0": "0", "ぜろ": "0", "れい": "0", "1": "1", "いち": "1", "一": "1", "2": "2", "に": "2", "二": "2",
             "3": "3", "さん": "3", "三": "3", "4": "4", "よん": "4", "し": "4", "四": "4", "5": "5", "ご": "5",
             "五": "5", "6": "6", "ろく": "6", "六": "6", "7": "7", "なな": "7", "しち": "7", "七": "7",
             "8": "8", "はち": "8", "八": "8", "9": "9", "きゅう": "9", "く": "9", "九": "9"}


_CHOICE = re.compile(r"^(?:じゃあ|では|えっと|えーと|あの)?(?P<n>%s)(?:ばん|番)(?:で|です|を|に|が|でおねがいします|でお願いします"
                     r"|をおねがいします|をお願いします|おねがいします|お願いします|。|、)*$"
                     % "|".join(sorted(map(re.escape, _NUMERALS), key=len, reverse=True)))


def menu_choice(view: str) -> str | None:
    """'2番で', 'にばんです', '一番でお願いします' -> the key it stands for; a sentence that merely
    contains a number is not a menu choice."""
    match = _CHOICE.match(view)
    return _NUMERALS[match["n"]] if match else None
