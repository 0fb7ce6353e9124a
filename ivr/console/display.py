"""How the console shows things in Japanese: dates and times in Asia/Tokyo, outcomes, dial results, names."""
from __future__ import annotations

import datetime as dt

from flask import Flask

from ..core.hours import DAY_KANJI, to_tokyo
from ..ja.phrasing import say_hours
from .context import current

OUTCOMES = {"transfer": "転送", "closed": "受付時間外の案内", "info": "窓口・方法の案内", "unsupported": "対象外",
            "hangup": "途中で終了", "incomplete": "未完了", "-": "不明"}
DIAL_RESULTS = {"completed": "つながった", "busy": "話し中", "no-answer": "応答なし", "failed": "発信失敗",
                "canceled": "取り消し", "unknown": "結果待ち・不明"}
CALL_STATUSES = {"completed": "終了", "in-progress": "通話中", "busy": "話し中", "no-answer": "応答なし",
                 "failed": "失敗", "canceled": "取り消し",
                 # A call whose relay socket was lost mid-call; a /try rehearsal left idle, closed by the console.
                 "abandoned": "途中で切断", "timed-out": "放置のため終了"}
TURN_KINDS = {"speech": "音声", "typed": "文字入力", "dtmf": "キー", "silence": "無言"}
CHANNEL_KINDS = {"chat": "チャット", "app": "アプリ", "web": "ウェブ", "form": "フォーム", "callback": "折り返し",
                 "email": "メール"}


def moment(value: str | dt.datetime | None) -> dt.datetime | None:
    """An ISO-8601 text from the log, or a datetime, in Tokyo time; None when there is none or it is unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return to_tokyo(value)


def jdatetime(value) -> str:
    """'11月24日(火) 10:05'."""
    when = moment(value)
    if when is None:
        return "—"
    return f"{when.month}月{when.day}日({DAY_KANJI[when.weekday()]}) {when:%H:%M}"


def jdate(value) -> str:
    """'2026年11月24日(火)'."""
    when = moment(value)
    return "—" if when is None else f"{when.year}年{when.month}月{when.day}日({DAY_KANJI[when.weekday()]})"


def jclock(value) -> str:
    """'10:05:30'."""
    when = moment(value)
    return "—" if when is None else f"{when:%H:%M:%S}"


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def provider_name(provider_id: str | None) -> str:
    provider = current().assistant.catalogue.provider(provider_id)
    return provider.name if provider else (provider_id or "—")


def problem_name(problem_id: str | None, provider_id: str | None = None) -> str:
    if not problem_id or problem_id == "-":
        return "—"
    for provider in current().assistant.catalogue.providers:
        if provider_id in (None, provider.id) and provider.problem(problem_id):
            return provider.problem(problem_id).name
    return problem_id


def published(e164: str | None) -> str:
    """The number as a caller in Japan dials it, in the published grouping ('0120-86-6910', '03-6625-9100'),
    or the E.164 form when no line has it."""
    if not e164:
        return "—"
    for provider in current().assistant.catalogue.providers:
        for line in provider.lines:
            if e164 in (line.e164, line.dial_e164):
                return line.national
    return e164


def register_filters(app: Flask) -> None:
    filters = {"jdatetime": jdatetime, "jdate": jdate, "jclock": jclock, "percent": percent,
               "provider_name": provider_name, "problem_name": problem_name, "published": published,
               "outcome_label": lambda v: OUTCOMES.get(v or "-", v),
               "dial_label": lambda v: DIAL_RESULTS.get(v or "unknown", v),
               "status_label": lambda v: CALL_STATUSES.get(v, v or "—"),
               "kind_label": lambda v: TURN_KINDS.get(v, v), "channel_kind": lambda v: CHANNEL_KINDS.get(v, v)}
    for name, function in filters.items():
        app.add_template_filter(function, name)
    for name in ("outcome_label", "provider_name", "problem_name"):
        app.add_template_global(filters[name], name.replace("_name", "_label"))
    app.add_template_global(say_hours, "hours_text")
