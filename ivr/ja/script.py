"""What the assistant says: every sentence of the conversation, built from the catalogue and phrasing.

Each function returns Say actions; the dialog decides when they are said.
"""
from __future__ import annotations

import datetime as dt

from ..core.actions import Say
from ..core.catalogue import Catalogue, Line, Problem, Provider
from ..core.hours import next_opening
from ..core.routing import Decision, covered_names, open_channels
from .phrasing import say_hours, say_when, speak_phone_number

GREETING = "お電話ありがとうございます。カード会社やショップのサポート窓口をご案内する自動音声アシスタントです。"
NOT_HEARD = "申し訳ありません、うまく聞き取れませんでした。"
GOODBYE = "お電話ありがとうございました。失礼いたします。"
SMS_SENT = "SMSをお送りしました。" + GOODBYE
SMS_FAILED = "申し訳ありません、SMSをお送りできませんでした。お手数ですが、番号をお控えください。" + GOODBYE
SMS_MAX_CHARS = 3 * 67  # three UCS-2 segments of a concatenated message


def provider_menu(catalogue: Catalogue) -> str:
    return "、".join(f"{p.spoken_name}は{p.keypad}" for p in catalogue.providers) + "を押してください。"


def ask_provider(catalogue: Catalogue, retry: bool = False) -> Say:
    lead = NOT_HEARD if retry else ""
    return Say(f"{lead}どちらのカード、またはサービスについてのお問い合わせですか。番号で選ぶ場合は、"
               f"{provider_menu(catalogue)}")


def problem_menu(provider: Provider) -> str:
    items = "、".join(f"{p.name}は{i}" for i, p in enumerate(provider.problems, start=1))
    return f"{items}、オペレーターとお話しになりたい場合は0を押してください。"


def ask_problem(provider: Provider, retry: bool = False) -> Say:
    lead = NOT_HEARD if retry else f"{provider.spoken_name}ですね。"
    return Say(f"{lead}どのようなご用件ですか。番号で選ぶ場合は、{problem_menu(provider)}")


def ask_confirm(provider: Provider, problem: Problem | None, retry: bool = False) -> Say:
    lead = NOT_HEARD if retry else ""
    topic = f"{provider.spoken_name}の{problem.name}" if problem else provider.spoken_name
    return Say(f"{lead}{topic}についてのお問い合わせでよろしいですか。はい、または、いいえでお答えください。"
               f"はいは1、いいえは2を押してください。")


def ask_sms(result: Decision, retry: bool = False) -> Say:
    lead = NOT_HEARD if retry else ""
    what = "この電話番号と受付時間" if result.line else "ご案内した窓口と使い方"
    return Say(f"{lead}{what}を、SMSでお送りしましょうか。はいは1、いいえは2を押してください。")


def unsupported(catalogue: Catalogue, names: tuple[str, ...]) -> Say:
    return Say(f"申し訳ありません、{'、'.join(names)}は、このサービスではご案内していません。"
               f"ご案内できるのは、{covered_names(catalogue)}です。")


def number_twice(line: Line) -> list[Say]:
    """The number in its published groups, a pause, then once more so the caller can write it down."""
    spoken = speak_phone_number(line.number)
    return [Say(f"電話番号は、{line.number}です。", f"電話番号は、{spoken}です。", pause_after=1),
            Say(f"繰り返します。{line.number}。", f"繰り返します。{spoken}。", pause_after=1)]


def _prepare(problem: Problem | None) -> list[Say]:
    if problem is None or not problem.prepare:
        return []
    return [Say(f"お手元に、{'、'.join(problem.prepare)}をご用意ください。")]


def _alternatives(provider: Provider, problem: Problem | None, now: dt.datetime) -> list[Say]:
    channels = open_channels(provider, problem, now)
    if not channels:
        return []
    return [Say(f"今すぐでしたら、{c.name}をご利用いただけます。{c.how}。") for c in channels]


def decision(catalogue: Catalogue, result: Decision, now: dt.datetime) -> list[Say]:
    provider = catalogue.provider(result.provider)
    problem = provider.problem(result.problem)
    if result.outcome == "info":
        channels = [provider.channel(i) for i in problem.channels]
        says = [Say(f"{problem.name}について。{problem.info}。")]
        says += [Say(f"{c.name}:{c.how}。受付は{say_hours(c.hours)}です。") for c in channels]
        return says + _prepare(problem)
    line = provider.line(result.line)
    topic = f"{problem.name}のご相談" if problem else "お問い合わせ"
    says = [Say(f"{provider.spoken_name}の{topic}は、{line.name}が受け付けています。")]
    says += number_twice(line)
    cost = "通話料は無料です。" if line.cost == "free" else "通話料がかかります。"
    if result.outcome == "transfer":
        lead = "受付時間外のため、24時間受付の窓口をご案内します。" if result.fallback else ""
        says.append(Say(f"{lead}受付時間は{say_hours(line.hours)}で、ただいま受付中です。{cost}"))
        return says + _prepare(problem) + [Say("このままおつなぎします。少々お待ちください。")]
    reopen = next_opening(line.hours, now)
    when = f"次の受付は、{say_when(reopen, now)}からです。" if reopen else ""
    says.append(Say(f"受付時間は{say_hours(line.hours)}で、ただいまは受付時間外です。{when}{cost}"))
    return says + _alternatives(provider, problem, now) + _prepare(problem)


def dial_failed(catalogue: Catalogue, result: Decision, status: str) -> list[Say]:
    line = catalogue.provider(result.provider).line(result.line)
    reason = {"busy": "窓口が話し中でした。", "no-answer": "窓口が応答しませんでした。"}.get(status, "")
    return [Say(f"申し訳ありません、おつなぎできませんでした。{reason}{_reach_caveat(line)}"
                "お手数ですが、直接おかけください。")] + number_twice(line)


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


def general_numbers(catalogue: Catalogue) -> Say:
    items = [f"{p.spoken_name}は{p.line(p.general_line).number}" for p in catalogue.providers]
    return Say("各社の窓口の電話番号は、" + "、".join(items) + "です。")


class JapaneseScript:
    """The sentences above bound to one catalogue: the `Script` the dialog is given."""
    greeting, goodbye, not_heard, sms_sent, sms_failed, yes = GREETING, GOODBYE, NOT_HEARD, SMS_SENT, SMS_FAILED, "はい"

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue

    def ask_provider(self, retry: bool = False) -> Say:
        return ask_provider(self.catalogue, retry)

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

    def general_numbers(self) -> Say:
        return general_numbers(self.catalogue)
