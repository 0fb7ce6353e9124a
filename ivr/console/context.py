"""The console's share of the app: the service's configuration and the console's own users, found from any
request. A leaf of the package: the pages, the login and /try read it; it imports none of them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app

from ..calllog import CallLog, GuardedLog
from ..config import Config
from ..core.dialog import Assistant
from ..core.hours import TOKYO


@dataclass(frozen=True)
class Console:
    config: Config
    users: dict  # name -> password hash (werkzeug format)

    @property
    def assistant(self) -> Assistant:
        return self.config.assistant

    @property
    def log(self) -> GuardedLog:  # writes (rehearsals) through the guard
        return self.config.log

    @property
    def reader(self) -> CallLog:  # reads from the log itself, which reports its errors
        return self.config.log.inner

    @property
    def dev(self) -> bool:  # `ivr serve --dev`: with no user configured, loopback clients need no login
        return self.config.dev

    @property
    def fixed_now(self) -> dt.datetime | None:
        return self.config.fixed_now

    @property
    def enabled(self) -> bool:
        return bool(self.users) or self.dev

    def now(self) -> dt.datetime:
        return self.config.now()


ABANDONED_AFTER = dt.timedelta(minutes=30)  # a /try page left mid-call: its rehearsal is closed after this


def close_abandoned(console: Console) -> None:
    """End rehearsals nobody has touched for ABANDONED_AFTER (the page was closed mid-call), so that they do
    not stay 通話中 for ever. Real calls are ended by Twilio's status callback only."""
    real_now = dt.datetime.now(TOKYO)
    idle_since = (real_now - ABANDONED_AFTER).isoformat(timespec="seconds")
    console.log.write_all([lambda log: log.close_abandoned_rehearsals(idle_since, real_now.isoformat(timespec="seconds"))])


def current() -> Console:
    return current_app.extensions["ivr_console"]
