"""The console's pages: lines board, calls and their transcripts, phrases not understood, catalogue."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from flask import Blueprint, abort, render_template, request

from ..core.catalogue import CatalogueError, load
from ..core.routing import route
from .auth import open_to_anyone_here, operator_name, require_operator
from .board import board
from .display import jdate
from .context import close_idle_rehearsals, current

log = logging.getLogger("ivr.console")
bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates")
# The stylesheet and scripts, without login (the login page uses them), but only while the console is on.
assets = Blueprint("console_assets", __name__, static_folder="static", static_url_path="/console/static")
DAYS = 7
RECENT = 50


@assets.before_request
def _console_on():
    if not current().users and not open_to_anyone_here():
        abort(404)


bp.before_request(require_operator)


@bp.app_context_processor
def _common() -> dict:
    return {"operator": operator_name(), "login_required": bool(current().users), "log_state": _log_state()}


def _log_state() -> dict:
    """Whether the call log takes writes, and how many webhooks' writes wait in this machine's spool."""
    guarded = current().log
    try:
        return {"failing": guarded.failing, "spooled": guarded.waiting()}
    except Exception:  # the banner is never what breaks a page
        return {"failing": guarded.failing, "spooled": 0}


@bp.app_template_global()
def rehearsal_view() -> bool:
    return request.args.get("rehearsal") == "1"


class LogError(Exception):
    pass


def _read(what):
    """Read the call log; an unusable log becomes one sentence on the page, never a 500."""
    try:
        return what(current().reader)
    except Exception as error:  # any driver error: missing, locked, corrupt, unreachable
        log.error("console cannot read the call log: %s: %s", type(error).__name__, error)
        raise LogError(str(error) or type(error).__name__) from None


@bp.errorhandler(LogError)
def _log_error(error: LogError):
    return render_template("console/log_error.html", message=str(error)), 503


@bp.errorhandler(404)
def _not_found(_error):
    return render_template("console/message.html", title="見つかりません",
                           message="お探しのページや通話は見つかりませんでした。"), 404


# --- lines board -------------------------------------------------------------------------------------------
@bp.get("/")
def board_page():
    """The board; it fetches itself again every 30 s (or every `?refresh=` seconds, 2 to 600)."""
    every = request.args.get("refresh", "30")
    every = min(600, max(2, int(every))) if every.isdigit() else 30
    return render_template("console/board.html", board=board(current().assistant.catalogue, current().now()),
                           every=every)


@bp.get("/lines")
def board_fragment():
    """The board alone, fetched by the page every few seconds (no reload)."""
    return render_template("console/_board.html", board=board(current().assistant.catalogue, current().now()))


# --- calls -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Bar:
    label: str
    title: str
    count: int
    tick: bool  # labelled on the axis


def _day_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + dt.timedelta(days=1)


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def hourly_bars(per_hour: dict[str, int], start: dt.datetime, hours: int) -> list[Bar]:
    """One bar per hour from `start`, zero where the log has none; every 6th hour (or 3rd, for one day) labelled."""
    bars = []
    step = 3 if hours <= 24 else 24
    for index in range(hours):
        moment = start + dt.timedelta(hours=index)
        count = per_hour.get(moment.strftime("%Y-%m-%dT%H"), 0)
        label = f"{moment.hour}時" if hours <= 24 else f"{moment.month}/{moment.day}"
        title = f"{moment.month}月{moment.day}日 {moment.hour}時台: {count}件"
        bars.append(Bar(label, title, count, index % step == 0))
    return bars


@bp.get("/calls")
def calls_page():
    rehearsal = rehearsal_view()
    close_idle_rehearsals(current())
    real_now = dt.datetime.now(current().now().tzinfo)  # the log is stamped with the real clock, not IVR_NOW
    today, tomorrow = _day_bounds(real_now)
    week = today - dt.timedelta(days=DAYS - 1)

    def read(reader):
        return {"today": reader.statistics(_stamp(today), _stamp(tomorrow), rehearsal),
                "week": reader.statistics(_stamp(week), _stamp(tomorrow), rehearsal),
                "recent": reader.calls_between(_stamp(week), _stamp(tomorrow), rehearsal, RECENT),
                "other": sum(n for _, n in reader.count_by("outcome", _stamp(week), _stamp(tomorrow),
                                                           not rehearsal))}
    data = _read(read)
    charts = {"today": hourly_bars(data["week"]["per_hour"], today, 24),
              "week": hourly_bars(data["week"]["per_hour"], week, 24 * DAYS)}
    return render_template("console/calls.html", data=data, charts=charts, today=jdate(today), week=jdate(week),
                           days=DAYS)


@bp.get("/calls/<call_sid>")
def call_page(call_sid: str):
    if len(call_sid) > 64:
        abort(404)
    close_idle_rehearsals(current())
    call, turns = _read(lambda reader: (reader.call(call_sid), reader.turns(call_sid)))
    if call is None:
        abort(404)
    return render_template("console/call.html", call=call, turns=turns)


# --- phrases not understood -----------------------------------------------------------------------------------
@bp.get("/phrases")
def phrases_page():
    rehearsal = rehearsal_view()
    phrases = _read(lambda reader: reader.unheard_phrases(rehearsal=rehearsal, limit=100))
    return render_template("console/phrases.html", phrases=phrases)


# --- catalogue -------------------------------------------------------------------------------------------------
@bp.get("/catalogue")
def catalogue_page():
    assistant = current().assistant
    catalogue, now = assistant.catalogue, current().now()
    faults, changed = [], False
    if catalogue.path:
        try:
            changed = load(catalogue.path) != catalogue  # edited since the service started
        except CatalogueError as error:
            faults = error.faults
    said = {}
    for provider in catalogue.providers:
        said[provider.id] = {"ask_problem": " ".join(assistant.script.ask_problem(provider, menu=menu).text
                                                     for menu in (False, True))}
        for problem in provider.problems:
            result = route(provider, problem, now, "domestic")
            said[provider.id][problem.id] = "".join(s.text for s in assistant.script.decision(result, now))
    return render_template("console/catalogue.html", catalogue=catalogue, faults=faults, changed=changed, said=said,
                           ask_provider=" ".join(assistant.script.ask_provider(menu=menu).text for menu in (False, True)),
                           now=now)
