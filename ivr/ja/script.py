"""What the assistant says: every sentence of the conversation, built from the catalogue and phrasing.

Each function returns Say actions; the dialog decides when they are said. The script is written for the ear:
a caller wants a number, so questions are short and open (the keypad menus are read after a silence, a miss,
or to a caller who uses the keypad), and a decision starts with the number.
"""
from __future__ import annotations

import datetime as dt

from ..core.actions import PAUSE, Say
from ..core.catalogue import Catalogue, Channel, Kind, Line, Problem, Provider
from ..core.hours import next_opening
from ..core.keypad import MORE, OPERATOR, has_more, problem_menu, provider_menu
from ..core.routing import Decision, open_channels
from .phrasing import for_speech, say_hours, say_when, speak_phone_number

GREETING = "お電話ありがとうございます。"
ASK_OPEN = "どちらのカードかサービスと、ご用件をどうぞ。"
ASK_NAME = "カード会社名かサービス名をどうぞ。"
NOT_HEARD = "申し訳ございません、うまく聞き取れませんでした。"
GOODBYE = "お電話ありがとうございました。失礼いたします。"
SMS_SENT = "SMSをお送りしました。" + GOODBYE
SMS_FAILED = "申し訳ございません、SMSをお送りできませんでした。お手数ですが、番号をお控えください。" + GOODBYE
SMS_MAX_CHARS = 3 * 67  # three UCS-2 segments of a concatenated message
PREPARE_SPOKEN = 2  # items to have ready said aloud; the SMS lists them all
LIST_ALL_UP_TO = 5  # providers named one by one (in "not covered" and the last-resort numbers) up to this many
YES_NO_KEYS = "よろしければ1を、違う場合は2を押してください。"  # not 「はいは1」: heard as 「はいはい」
NO_SUCH_KEY = "申し訳ございません、その番号はございません。"
SORRY = "失礼いたしました。"
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
        return spoken(f"{NOT_HEARD}{ASK_NAME}番号でもお選びいただけます。{provider_menu_text(catalogue)}")
    if menu:
        return spoken(provider_menu_text(catalogue))
    if operator:
        return Say(ASK_NAME_FOR_OPERATOR)
    return Say(ASK_NAME if heard_problem else ASK_OPEN)


def problem_menu_text(provider: Provider, page: int = 0) -> str:
    """The problems of this menu and their keys (four at most), then その他 while more follow, or the operator."""
    items = [f"{p.spoken}は{digit}" for digit, p in problem_menu(provider, page)]
    items.append(f"その他は{MORE}" if has_more(provider, page) else f"オペレーターは{OPERATOR}")
    return "、".join(items) + "を押してください。"


def ask_problem(provider: Provider, retry: bool = False, menu: bool = False, page: int = 0) -> Say:
    if retry:
        return spoken(f"{NOT_HEARD}ご用件をお話しいただくか、番号でお選びください。{problem_menu_text(provider, page)}")
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
def number_first(line: Line) -> Say:
    """The desk and its number, before anything else: '楽天カード紛失・盗難デスク、ゼロイチニーゼロ、…'."""
    spoken = speak_phone_number(line.number, PAUSE)
    return Say(f"{line.name}、{line.number}。", f"{for_speech(line.name)}、{spoken}。", pause_after=0.5,
               interruptible=False)


def number_again(line: Line) -> Say:
    """The number once more at the end, so the caller can check what they wrote down."""
    spoken = speak_phone_number(line.number, PAUSE)
    return Say(f"もう一度、{line.number}。", f"もう一度、{spoken}。", pause_after=1, interruptible=False)


def number_twice(line: Line) -> list[Say]:
    return [number_first(line), number_again(line)]


# --- decisions ----------------------------------------------------------------------------------------
def _prepare(problem: Problem | None) -> list[Say]:
    if problem is None or not problem.prepare:
        return []
    items = [item for item in (for_speech(item) for item in problem.prepare[:PREPARE_SPOKEN]) if item]
    joined = ("、" if any("と" in item for item in items) else "と").join(items)  # never 「AとBとC」 for two items
    return [Say(f"お手元に、{joined}をご用意ください。")] if items else []


def _channel(channel: Channel, lead: str = "", tail: str = "") -> Say:
    """A channel as the catalogue says how to use it (a whole sentence: it names the channel)."""
    return Say(f"{lead}{channel.how}。{tail}", f"{lead}{for_speech(channel.how)}。{tail}")


def _alternative(provider: Provider, problem: Problem | None, line: Line, now: dt.datetime) -> list[Say]:
    """The single most useful thing open now: for an urgent problem a 24-hour line the caller can reach
    wherever they can reach the closed one, otherwise the problem's first channel open now."""
    if problem is not None and problem.urgent:
        for other in provider.lines:
            if other.urgent and other.kind == "voice" and other.hours.always and line.reach <= other.reach:
                spoken = speak_phone_number(other.number, PAUSE)
                return [Say(f"お急ぎの場合は、24時間受付の{other.name}、{other.number}へおかけください。",
                            f"お急ぎの場合は、24時間受付の{for_speech(other.name)}、{spoken}へおかけください。",
                            interruptible=False)]
    channels = open_channels(provider, problem, now)
    return [_channel(channels[0], "今すぐでしたら、")] if channels else []


def _info(provider: Provider, problem: Problem) -> list[Say]:
    says = [Say(f"{problem.info}。", f"{for_speech(problem.info)}。")]
    for channel in (provider.channel(i) for i in problem.channels):
        hours = "" if channel.hours.always else f"受付は{say_hours(channel.hours)}です。"
        says.append(_channel(channel, tail=hours))
    return says


def decision(catalogue: Catalogue, result: Decision, now: dt.datetime) -> list[Say]:
    """The number first; then whether it is open and the essentials; the number again; then the transfer
    (or, closed: when it opens and what is open now)."""
    provider = catalogue.provider(result.provider)
    problem = provider.problem(result.problem)
    if result.outcome == "info":
        return _info(provider, problem)
    line = provider.line(result.line)
    says = [number_first(line)]
    if result.outcome == "transfer":
        status = "24時間受け付けています。" if line.hours.always else "ただいま受付中です。"
        return says + [Say(status)] + _prepare(problem) + [number_again(line), Say("このままおつなぎします。")]
    reopen = next_opening(line.hours, now)
    when = f"{say_when(reopen, now)}から受け付けます。" if reopen else ""
    cost = "通話料は無料です。" if line.cost == "free" else "通話料がかかります。"
    says.append(Say(f"ただいま受付時間外です。{when}{cost}"))
    return says + _alternative(provider, problem, line, now) + [number_again(line)]


def dial_failed(catalogue: Catalogue, result: Decision, status: str) -> list[Say]:
    line = catalogue.provider(result.provider).line(result.line)
    if status == "busy":  # the number works: it is only busy now
        return [Say("申し訳ございません、窓口が話し中のため、おつなぎできませんでした。"),
                Say("しばらくしてから、こちらの番号へおかけ直しください。")] + number_twice(line)
    reason = "窓口が応答しませんでした。" if status == "no-answer" else ""
    return [Say(f"申し訳ございません、おつなぎできませんでした。{reason}"), *([Say(_reach_caveat(line))]
            if _reach_caveat(line) else []), Say("お手数ですが、直接おかけください。")] + number_twice(line)


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
        lines += [line.name, f"電話 {line.number}", f"受付 {say_hours(line.hours)}"]
    elif problem is not None:
        lines += [f"{provider.channel(c).name}: {provider.channel(c).how}" for c in problem.channels]
    prepare = list(problem.prepare) if problem is not None else []
    while prepare:  # drop the least important items (last listed) until the message fits
        text = "\n".join(lines + ["準備: " + "、".join(prepare)])
        if len(text) <= SMS_MAX_CHARS:
            return text
        prepare.pop()
    return "\n".join(lines)[:SMS_MAX_CHARS]


def general_numbers(catalogue: Catalogue) -> list[Say]:
    """The last resort when nothing was understood: the general numbers of the most called providers."""
    providers = [p for _, p in provider_menu(catalogue)] or list(catalogue.providers)
    says = [Say("各社の窓口の電話番号をご案内します。")]
    for provider in providers[:LIST_ALL_UP_TO]:  # one number a sentence, each said twice
        number = provider.line(provider.general_line).number
        name = for_speech(provider.spoken_name)
        digits = speak_phone_number(number, PAUSE)
        says += [Say(f"{provider.spoken_name}は、{number}。", f"{name}は、{digits}。", interruptible=False),
                 Say(f"もう一度、{number}。", f"もう一度、{digits}。", pause_after=0.5, interruptible=False)]
    return says


class JapaneseScript:
    """The sentences above bound to one catalogue: the `Script` the dialog is given."""
    greeting, goodbye, not_heard, sms_sent, sms_failed, yes = GREETING, GOODBYE, NOT_HEARD, SMS_SENT, SMS_FAILED, "はい"
    no_such_key, sorry, cannot_continue = NO_SUCH_KEY, SORRY, CANNOT_CONTINUE
    not_handled = staticmethod(not_handled)

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    def ask_provider(self, retry: bool = False, menu: bool = False, heard_problem: bool = False,
                     operator: bool = False) -> Say:
        return ask_provider(self.catalogue, retry, menu, heard_problem, operator)

    ask_problem = staticmethod(ask_problem)
    ask_confirm = staticmethod(ask_confirm)
    ask_sms = staticmethod(ask_sms)

    def unsupported(self, names: tuple[str, ...]) -> Say:
        return unsupported(self.catalogue, names)

    def decision(self, result: Decision, now: dt.datetime) -> list[Say]:
        return decision(self.catalogue, result, now)

    def dial_failed(self, result: Decision, status: str) -> list[Say]:
        return dial_failed(self.catalogue, result, status)

    def sms_body(self, result: Decision) -> str:
        return sms_body(self.catalogue, result)

    def general_numbers(self) -> list[Say]:
        return general_numbers(self.catalogue)
