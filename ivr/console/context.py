"""The console's share of the app: the service's configuration and the console's own users, found from any
request. A leaf of the package: the pages, the login and /try read it; it imports none of them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from flask import current_app

from ..calllog import CallLog, GuardedLog
from ..config import Config
from ..core.actions import Action
from ..core.dialog import Assistant, State
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


IDLE_AFTER = dt.timedelta(minutes=30)  # a /try page left mid-call: its rehearsal is closed after this


def close_idle_rehearsals(console: Console) -> None:
    """End rehearsals nobody has touched for IDLE_AFTER (the page was closed mid-call) as 'timed-out', so that
    they do not stay 通話中 for ever. Real calls are ended by Twilio's status callback only."""
    real_now = dt.datetime.now(TOKYO)
    idle_since = (real_now - IDLE_AFTER).isoformat(timespec="seconds")
    console.log.close_idle_rehearsals(idle_since, real_now.isoformat(timespec="seconds"))


class RelayRehearsals(Protocol):
    """What /try needs from the ConversationRelay adapter to play a rehearsal through it (ivr.server hands
    one over with offer_relay; the console never imports the phone adapter)."""

    def ticket(self, call_sid: str, at: dt.datetime) -> str:
        """A short-lived ticket that opens the relay socket for this rehearsal at its moment."""

    def socket_url(self, host_url: str, proxied: bool) -> str:
        """The socket's URL as the browser of a page served at `host_url` reaches it."""

    def handoff(self, call_sid: str, data: str) -> tuple[int, State, list[Action]] | None:
        """The step, state and last turn the session handed off, or None (forged, another call's)."""


def offer_relay(app, rehearsals: RelayRehearsals) -> None:
    app.extensions["ivr_try_relay"] = rehearsals


def relay_rehearsals() -> RelayRehearsals | None:
    return current_app.extensions.get("ivr_try_relay")


def current() -> Console:
    return current_app.extensions["ivr_console"]
