"""What the assistant says: every sentence of the conversation, built from the catalogue and phrasing.

Each function returns Say actions; the dialog decides when they are said. The script is written for the ear:
a caller wants a number, so questions are short and open (the keypad menus are read after a silence, a miss,
or to a caller who uses the keypad), and a decision starts with the number.
"""
from __future__ import annotations

import datetime as dt
import re

from ..core.actions import PAUSE, Say
from ..core.catalogue import Catalogue, Channel, Kind, Line, Problem, Provider
from ..core.hours import next_opening
from ..core.keypad import MORE, OPERATOR, REPEAT, RESTART, has_more, problem_menu, provider_menu
from ..core.routing import Decision, open_channels
from .phrasing import closed_reason, for_speech, say_hours, speak_phone_number, speak_when

GREETING = "お電話ありがとうございます。"
ASK_OPEN = "カードかサービスと、ご用件をどうぞ。"
ASK_NAME = "カード会社名かサービス名をどうぞ。"
NOT_HEARD = "申し訳ございません、うまく聞き取れませんでした。"
GOODBYE = "お電話ありがとうございました。失礼いたします。"
SMS_SENT = "SMSをお送りしました。" + GOODBYE
SMS_FAILED = "申し訳ございません、SMSをお送りできませんでした。お手数ですが、番号をお控えください。" + GOODBYE
SMS_MAX_CHARS = 3 * 67  # three UCS-2 segments of a concatenated message
PREPARE_SPOKEN = 2  # items to have ready said aloud; the SMS lists them all
LIST_ALL_UP_TO = 5  # providers named one by one (in "not covered" and the last-resort numbers) up to this many
YES_NO_KEYS = "よろしければ1を、違う場合は2を押してください。"  # not 「はいは1」: heard as 「はいはい」
KEY_NAMES = {"*": "米印", "#": "シャープ"}  # as the keys are called on a Japanese phone
STAR_AND_HASH = f"もう一度お聞きになるには{KEY_NAMES[REPEAT]}を、最初に戻るには{KEY_NAMES[RESTART]}を押してください。"
NO_SUCH_KEY = "申し訳ございません、その番号はございません。"
SORRY = "失礼いたしました。"
RELIEVED = "それは何よりです。"
CANNOT_CONTINUE = "申し訳ございません、ただいまご案内を続けられません。"
ASK_NAME_FOR_OPERATOR = "担当者におつなぎします。どちらのカードかサービスか、お名前をどうぞ。"


# --- questions -------------------------------------------------------------------------------------
def provider_menu_text(catalogue: Catalogue) -> str:
    """'楽天カードは1、…、アマゾンは3を押してください。' and, when some providers have no key, how to reach them."""
    keyed = provider_menu(catalogue)
    if not keyed:
        return ASK_NAME
    text = "、".join([f"{p.spoken_name}は{digit}" for digit, p in keyed]) + "を押してください。"
    if len(keyed) < len(catalogue.providers):
        text += "そのほかは、" + ASK_NAME
    return text


def spoken(text: str, **options) -> Say:
    """A sentence with its spoken form: no 「・」 and no brackets reach the ear (see phrasing.for_speech)."""
    speech = for_speech(text)
    return Say(text, "" if speech == text else speech, **options)


def ask_provider(catalogue: Catalogue, retry: bool = False, menu: bool = False, heard_problem: bool = False,
                 operator: bool = False) -> Say:
    """The open question (only the name once the problem is known, or a person asked for); with `menu`
    (after a silence) the keys; after a miss, both."""
    if retry:
        return spoken(f"{NOT_HEARD}{ASK_NAME}番号でもお選びいただけます。{provider_menu_text(catalogue)}{STAR_AND_HASH}")
    if menu:
        return spoken(provider_menu_text(catalogue))
    if operator:  # (the keys too: a caller who asked for a person, or for a card's matter, may not know the name)
        return spoken(f"{ASK_NAME_FOR_OPERATOR}番号でもお選びいただけます。{provider_menu_text(catalogue)}")
    return Say(ASK_NAME if heard_problem else ASK_OPEN)


def problem_menu_text(provider: Provider, page: int = 0) -> str:
    """The problems of this menu and their keys (four at most), then その他 while more follow, or the operator."""
    items = [f"{p.spoken}は{digit}" for digit, p in problem_menu(provider, page)]
    items.append(f"その他は{MORE}" if has_more(provider, page) else f"オペレーターは{OPERATOR}")
    return "、".join(items) + "を押してください。"


def ask_problem(provider: Provider, retry: bool = False, menu: bool = False, page: int = 0) -> Say:
    if retry:
        return spoken(f"{NOT_HEARD}ご用件をお話しいただくか、番号でお選びください。{problem_menu_text(provider, page)}"
                      f"{STAR_AND_HASH}")
    if menu or page:
        return spoken(problem_menu_text(provider, page))
    return spoken(f"{provider.spoken_name}ですね。ご用件をどうぞ。")


def topic(provider: Provider, problem: Problem | None) -> str:
    """'楽天カードの、紛失・盗難のご相談' or 'アマゾンのお問い合わせ'."""
    return f"{provider.spoken_name}の、{problem.spoken}のご相談" if problem else f"{provider.spoken_name}のお問い合わせ"


def ask_confirm(provider: Provider, problem: Problem | None, retry: bool = False) -> Say:
    lead = NOT_HEARD if retry else ""
    return spoken(f"{lead}{topic(provider, problem)}でよろしいですか。{YES_NO_KEYS}")


def ask_sms(result: Decision, retry: bool = False) -> Say:
    lead = NOT_HEARD if retry else ""
    what = "この番号と受付時間" if result.line else "ご案内した窓口と使い方"
    return Say(f"{lead}{what}を、SMSでお送りしましょうか。{YES_NO_KEYS}")


def ask_urgent_after(provider: Provider, urgent: tuple[Problem, ...], retry: bool = False) -> Say:
    """After a closed line's answer: the 24-hour line is there for a loss or fraud, said or not."""
    what = "や".join(p.spoken for p in urgent)
    lead = NOT_HEARD if retry else "なお、"
    return spoken(f"{lead}{provider.spoken_name}の{what}でしたら、24時間受け付けている窓口におつなぎできます。"
                  "その場合は1を押すか、ご用件をお話しください。ほかになければ、このままお切りください。")


def ask_anything_else(retry: bool = False) -> Say:
    """After an answer with no line to dial or text (不在票の再配達は配送業者へ): the caller may have more to ask."""
    lead = NOT_HEARD if retry else ""
    return spoken(f"{lead}ほかにご用件があれば、お話しください。なければ、このままお切りください。")


def unsupported(catalogue: Catalogue, names: tuple[str, ...]) -> Say:
    providers = catalogue.providers
    if len(providers) <= LIST_ALL_UP_TO:
        covered = "、".join(p.spoken_name for p in providers)
    else:  # a long list helps nobody on the phone: the most called, and the hint that there are more
        covered = "、".join(p.spoken_name for _, p in provider_menu(catalogue)[:LIST_ALL_UP_TO]) + "など"
    return spoken(f"申し訳ございません、{'、'.join(names)}の窓口は、こちらではご案内しておりません。"
                  f"ご案内できるのは、{covered}です。")


def not_handled(provider: Provider, kind: Kind) -> str:
    """「アマゾンでは、暗証番号のご相談は承っておりません。」: why the question comes again."""
    return for_speech(f"申し訳ございません、{provider.spoken_name}では、{kind.spoken or kind.name}のご相談は"
                      "承っておりません。")


# --- numbers -----------------------------------------------------------------------------------------
# Every number is given in the form this caller can dial: national (0…, the published grouping) in Japan,
# including a withheld number, and +81 from abroad (Line.number_for); a line's name is the one that fits
# the caller (Line.name_for).
def number_first(line: Line, region: str = "domestic") -> Say:
    """The desk and its number, before anything else: '楽天カード紛失・盗難デスク、ゼロイチニーゼロ、…'."""
    number, name = line.number_for(region), line.name_for(region)
    spoken = speak_phone_number(number, PAUSE)
    return Say(f"{name}、{number}。", f"{for_speech(name)}、{spoken}。", pause_after=0.5, interruptible=False)


def number_again(line: Line, region: str = "domestic") -> Say:
    """The number once more at the end, so the caller can check what they wrote down."""
    number = line.number_for(region)
    spoken = speak_phone_number(number, PAUSE)
    return Say(f"もう一度、{number}。", f"もう一度、{spoken}。", pause_after=1, interruptible=False)


def number_twice(line: Line, region: str = "domestic") -> list[Say]:
    return [number_first(line, region), number_again(line, region)]


# --- decisions ----------------------------------------------------------------------------------------
_ASIDE_ITEM = re.compile(r"(?P<head>[^(（]+)[(（](?P<aside>[^)）]+)[)）]")
_INSTEAD = ("分からなければ", "わからなければ", "なければ")


def spoken_item(item: str) -> tuple[str, str]:
    """A thing to have ready as said, aside included: (the words in the list, a sentence said after it).
    'カード番号(分からなければ氏名と生年月日)' -> ('カード番号', 'カード番号が分からなければ、氏名と生年月日でも大丈夫です。'),
    'カード番号(表面の番号)' -> '表面の番号のカード番号', '注文番号(ある場合)' -> 'あれば注文番号'."""
    match = _ASIDE_ITEM.fullmatch(item.strip())
    if not match:
        return for_speech(item), ""
    head, aside = for_speech(match["head"]), match["aside"].strip()
    for condition in _INSTEAD:
        if aside.startswith(condition):
            return head, f"{head}が{condition}、{aside[len(condition):]}でも大丈夫です。"
    if aside in ("ある場合", "あれば", "お持ちの場合"):
        return f"あれば{head}", ""
    if aside in ("分かれば", "お分かりになれば", "分かる場合"):  # not asked of a caller who may not have it
        return "", f"{head}も、お分かりになればご用意ください。"
    if aside[-2:] == head[-2:]:  # another name for the same thing: 伝票番号(追跡番号)
        return head, ""
    return f"{aside}の{head}", ""


# What the desk asks the caller (said as 「お伺いします」), as opposed to what they fetch and have ready.
ASKED = {"氏名": "お名前", "名前": "お名前", "生年月日": "生年月日", "登録済みの電話番号": "ご登録の電話番号",
         "登録済の電話番号": "ご登録の電話番号", "登録の電話番号": "ご登録の電話番号"}
_PARTS = re.compile(r"・|と")


def _asked(item: str) -> list[str] | None:
    """The details an item names if they are all things the desk asks ('氏名・生年月日' -> お名前, 生年月日)."""
    parts = [part.strip() for part in _PARTS.split(item)]
    return [ASKED[part] for part in parts] if all(part in ASKED for part in parts) else None


def _split_prepare(prepare: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(what the desk asks, in order and once each; the items to fetch)."""
    asked: list[str] = []
    ready: list[str] = []
    for item in prepare:
        details = _asked(item)
        if details is None:
            ready.append(item)
        asked += [d for d in details or () if d not in asked]
    return asked, ready


def _prepare(problem: Problem | None) -> list[Say]:
    """What the desk will ask (name, date of birth…: nothing to fetch) and the first items to have ready, with
    what their asides tell (the SMS lists them all, as written)."""
    if problem is None or not problem.prepare:
        return []
    asked, ready = _split_prepare(problem.prepare)
    says = []
    if asked:
        listed = "、".join(asked[:-1]) + "と" + asked[-1] if len(asked) > 1 else asked[0]
        says.append(spoken(f"窓口では、{listed}をお伺いします。"))
    spoken_items = [spoken_item(item) for item in ready[:PREPARE_SPOKEN]]
    items = [words for words, _ in spoken_items if words]
    if items:
        joined = ("、" if any("と" in item for item in items) else "と").join(items)  # never 「AとBとC」 for two
        says.append(spoken(f"お手元に、{joined}をご用意ください。"))
    return says + [spoken(sentence) for _, sentence in spoken_items if sentence]


def _sentence(text: str) -> Say:
    return spoken(text.strip().rstrip("。") + "。")


def _line_note(line: Line, region: str) -> list[Say]:
    """What the catalogue tells a caller given this line (a computer voice answers, collect calls…)."""
    note = line.note_for(region)
    return [_sentence(note)] if note else []


def _menu_key(line: Line, problem: Problem | None) -> list[Say]:
    """The key of the line's automated menu for this problem (or for a person), so the caller need not listen
    to the whole menu."""
    key = line.key_for(problem.id if problem else None)
    if key is None:
        return []
    return [spoken(f"自動音声のご案内では、{key.what}は{'か'.join(key.keys)}番です。")]


def _problem_note(problem: Problem | None) -> list[Say]:
    return [_sentence(problem.note)] if problem is not None and problem.note else []


def _channel(channel: Channel, lead: str = "", tail: str = "") -> Say:
    """A channel as the catalogue says how to use it (a whole sentence: it names the channel)."""
    return spoken(f"{lead}{channel.how}。{tail}")


def _alternative(provider: Provider, problem: Problem | None, line: Line, now: dt.datetime,
                 region: str = "domestic") -> list[Say]:
    """The single most useful thing open now: for an urgent problem a 24-hour line the caller can reach
    wherever they can reach the closed one, otherwise the problem's first channel open now."""
    if problem is not None and problem.urgent:
        for other in provider.lines:
            if other.urgent and other.kind == "voice" and other.hours.always and line.reach <= other.reach:
                number, name = other.number_for(region), other.name_for(region)
                spoken = speak_phone_number(number, PAUSE)
                return [Say(f"お急ぎの場合は、24時間受付の{name}、{number}へおかけください。",
                            f"お急ぎの場合は、24時間受付の{for_speech(name)}、{spoken}へおかけください。",
                            interruptible=False)]
    channels = open_channels(provider, problem, now)
    return [_channel(channels[0], "今すぐでしたら、")] if channels else []


def _info(provider: Provider, problem: Problem) -> list[Say]:
    says = [spoken(f"{problem.info}。")]
    for channel in (provider.channel(i) for i in problem.channels):
        hours = "" if channel.hours.always else f"受付は{say_hours(channel.hours)}です。"
        says.append(_channel(channel, tail=hours))
    return says


def understood(provider: Provider, problem: Problem | None) -> Say:
    """What was understood, in a few words, before anything else: a misrouted caller can say 「違います」."""
    if problem is None:
        return spoken(f"{provider.spoken_name}の窓口です。")
    return spoken(f"{problem.spoken}ですね。")  # short: the number must come soon; the line names the provider


def _closed(line: Line, now: dt.datetime, region: str) -> list[Say]:
    """Why the line is closed (a holiday, a day it never opens, or only the hour), and when it opens."""
    reason = closed_reason(line.hours, now)
    says = [Say(f"{reason}、受付をお休みしております。" if reason.endswith("ため") else
                f"{reason}受付をお休みしております。" if reason else "ただいま受付時間外です。")]
    reopen = next_opening(line.hours, now)
    if reopen:
        says.append(Say(f"受付は、{speak_when(reopen, now, abroad=region == 'abroad')}からです。"))
    return says


def _domestic_line_abroad(provider: Provider, problem: Problem | None, line: Line, result: Decision,
                          now: dt.datetime) -> list[Say]:
    """A caller abroad whose line is a 0120 or 0570 number: it cannot be dialled from there, so it is never read
    out as a number to dial. Open: the assistant connects them; closed: what works from abroad."""
    says = [spoken(f"{line.name}は、海外から直接おかけいただけない番号です。")]
    if result.outcome == "transfer":
        return says + _prepare(problem) + [Say("受付中ですので、このままおつなぎします。")]
    says += _closed(line, now, "abroad")
    channels = [provider.channel(c) for c in (problem.channels if problem else ())]
    usable = [c for c in channels if c.kind != "callback"] or channels
    if usable:
        says.append(_channel(usable[0], "海外からは、"))
    return says


def decision(catalogue: Catalogue, result: Decision, now: dt.datetime) -> list[Say]:
    """What was understood; the number; whether it is open and the essentials; the number again; then the
    transfer (or, closed: why, when it opens and what is open now)."""
    provider = catalogue.provider(result.provider)
    problem = provider.problem(result.problem)
    says = [understood(provider, problem)]
    if result.outcome == "info" and result.line is None:
        return says + _info(provider, problem)
    line = provider.line(result.line)
    if result.outcome == "info":  # a line to write to, not to call (a FAX): its number, hours and notes
        hours = "24時間365日" if line.hours.always else say_hours(line.hours)
        return (says + [number_first(line, result.region)] + _info(provider, problem)
                + [spoken(f"受付は{hours}です。")] + _line_note(line, result.region)
                + [number_again(line, result.region)])
    if _undialable(line, result.region):
        return says + _domestic_line_abroad(provider, problem, line, result, now)
    says.append(number_first(line, result.region))
    if result.outcome == "transfer":
        status = "24時間受け付けています。" if line.hours.always else "ただいま受付中です。"
        return (says + [Say(status)] + _line_note(line, result.region) + _menu_key(line, problem) + _prepare(problem)
                + _problem_note(problem) + [number_again(line, result.region), Say("このままおつなぎします。")])
    says += _closed(line, now, result.region)
    says.append(Say("通話料は無料です。" if line.cost == "free" else "通話料がかかります。"))
    return (says + _line_note(line, result.region) + _alternative(provider, problem, line, now, result.region)
            + _problem_note(problem) + [number_again(line, result.region)])


def dial_failed(catalogue: Catalogue, result: Decision, status: str) -> list[Say]:
    line = catalogue.provider(result.provider).line(result.line)
    if _undialable(line, result.region):  # only this service can reach it for them
        return [Say("申し訳ございません、おつなぎできませんでした。"),
                Say("しばらく時間をおいて、もう一度こちらへおかけください。")]
    if status in ("busy", "no-answer"):  # the line was reached: what helps is another try later, not the caveat
        reason = "窓口が話し中のため" if status == "busy" else "窓口が応答しなかったため"
        return [Say(f"申し訳ございません、{reason}、おつなぎできませんでした。"),
                Say("しばらく時間をおいて、こちらの番号へおかけ直しください。")] + number_twice(line, result.region)
    caveat = [Say(text) for text in (_reach_caveat(line),) if text]
    return ([Say("申し訳ございません、おつなぎできませんでした。"), *caveat, Say("お手数ですが、直接おかけください。")]
            + number_twice(line, result.region))


def _undialable(line: Line, region: str) -> bool:
    """A caller abroad and a number with no international form (0120, 0570): never given to them to dial."""
    return region == "abroad" and not line.international


def _reach_caveat(line: Line) -> str:
    """Navi-dial (0570) and free-dial (0120, 0800) numbers refuse calls from some phones and from abroad."""
    for prefix, kind in (("+81570", "ナビダイヤル"), ("+81120", "フリーダイヤル"), ("+81800", "フリーダイヤル")):
        if line.dial_e164.startswith(prefix) or line.e164.startswith(prefix):
            return f"{kind}の番号は、一部の携帯電話やIP電話、海外からはつながらないことがあります。"
    return ""


def sms_body(catalogue: Catalogue, result: Decision) -> str:
    """Short enough for a few UCS-2 segments (70 characters each): name, number, hours, what to prepare."""
    provider = catalogue.provider(result.provider)
    problem = provider.problem(result.problem)
    lines = [f"【{provider.name}】"]
    if result.line:
        line = provider.line(result.line)
        where = "(日本国内から)" if _undialable(line, result.region) else ""
        label = "FAX" if line.kind == "fax" else "電話"
        lines += [line.name_for(result.region), f"{label} {line.number_for(result.region)}{where}",
                  f"受付 {say_hours(line.hours)}"]
        key = line.key_for(problem.id if problem else None)
        if key is not None:
            lines.append(f"自動音声で{key.what}は{'か'.join(key.keys)}")
    elif problem is not None:
        lines += [f"{provider.channel(c).name}: {provider.channel(c).how}" for c in problem.channels]
    prepare = list(problem.prepare) if problem is not None else []
    while prepare:  # drop the least important items (last listed) until the message fits
        text = "\n".join(lines + ["準備: " + "、".join(prepare)])
        if len(text) <= SMS_MAX_CHARS:
            return text
        prepare.pop()
    return "\n".join(lines)[:SMS_MAX_CHARS]


def off_topic(catalogue: Catalogue) -> Say:
    """To a call about something else (a dentist, a timetable): one sentence on what this line is for."""
    covered = "、".join(p.spoken_name for p in catalogue.providers[:LIST_ALL_UP_TO])
    more = "など" if len(catalogue.providers) > LIST_ALL_UP_TO else ""
    return Say(f"このお電話では、{covered}{more}の窓口の電話番号と受付時間をご案内しています。")


def general_numbers(catalogue: Catalogue, region: str = "domestic") -> list[Say]:
    """The last resort when nothing was understood: the general numbers of the most called providers."""
    providers = [p for _, p in provider_menu(catalogue)] or list(catalogue.providers)
    says = [Say("各社の窓口の電話番号をご案内します。")]
    for provider in providers[:LIST_ALL_UP_TO]:  # one number a sentence, each said twice
        number = provider.line(provider.general_line).number_for(region)
        name = for_speech(provider.spoken_name)
        digits = speak_phone_number(number, PAUSE)
        says += [Say(f"{provider.spoken_name}は、{number}。", f"{name}は、{digits}。", interruptible=False),
                 Say(f"もう一度、{number}。", f"もう一度、{digits}。", pause_after=0.5, interruptible=False)]
    return says


class JapaneseScript:
    """The sentences above bound to one catalogue: the `Script` the dialog is given."""
    greeting, goodbye, not_heard, sms_sent, sms_failed, yes = GREETING, GOODBYE, NOT_HEARD, SMS_SENT, SMS_FAILED, "はい"
    no_such_key, sorry, cannot_continue, relieved = NO_SUCH_KEY, SORRY, CANNOT_CONTINUE, RELIEVED
    not_handled = staticmethod(not_handled)

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    def ask_provider(self, retry: bool = False, menu: bool = False, heard_problem: bool = False,
                     operator: bool = False) -> Say:
        return ask_provider(self.catalogue, retry, menu, heard_problem, operator)

    ask_problem = staticmethod(ask_problem)
    ask_confirm = staticmethod(ask_confirm)
    ask_sms = staticmethod(ask_sms)
    ask_urgent_after = staticmethod(ask_urgent_after)
    ask_anything_else = staticmethod(ask_anything_else)

    def unsupported(self, names: tuple[str, ...]) -> Say:
        return unsupported(self.catalogue, names)

    def decision(self, result: Decision, now: dt.datetime) -> list[Say]:
        return decision(self.catalogue, result, now)

    def dial_failed(self, result: Decision, status: str) -> list[Say]:
        return dial_failed(self.catalogue, result, status)

    def sms_body(self, result: Decision) -> str:
        return sms_body(self.catalogue, result)

    def general_numbers(self, region: str = "domestic") -> list[Say]:
        return general_numbers(self.catalogue, region)

    def off_topic(self) -> Say:
        return off_topic(self.catalogue)
