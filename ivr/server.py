"""The service `ivr serve` runs: one Flask app, one parsed configuration, and the adapters that answer on it.

`create_app` parses the configuration once (`ivr.config`: catalogue, clock, call log, one ConfigError) and
hands it to each adapter in ADAPTERS, which adds its routes to the app. The phone webhooks answer requests
signed by Twilio; the ConversationRelay adapter, the phone's second way in, adds the routes that start and
end a relay session on the webhooks' own service (its WebSocket server, ivr.phone.relay_server, runs beside
the app on the same configuration); the console answers operators logged in (or, under --dev with no
password, clients on loopback). The console and the phone know nothing of each other and share only the
configuration. Another way in is one more module with `init_app(app, config)`, added to ADAPTERS.
"""
from __future__ import annotations

from typing import Callable, Mapping

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin

from . import console
from .config import Config, ConfigError, parse
from .phone import app as phone, relay

Adapter = Callable[[Flask, Config], object]


def _rehearsals_through_relay(app: Flask, config: Config) -> None:
    """/try plays rehearsals through the relay adapter too: the console gets what it needs as an object
    (console.RelayRehearsals), so neither adapter imports the other."""
    console.offer_relay(app, relay.Rehearsals(app.extensions["ivr_relay"]))


# The relay adapter shares the <Gather> webhooks' service (signatures, steps, the handoff's TwiML): it follows
# them; /try is offered the relay once both the relay and the console are there.
ADAPTERS: tuple[Adapter, ...] = (phone.init_app, relay.init_app, console.init_app, _rehearsals_through_relay)

__all__ = ["ADAPTERS", "ConfigError", "create_app", "wsgi_app"]

# Where Twilio's webhooks are: the <Gather> flow's and the ConversationRelay adapter's.
WEBHOOK_PATHS = ("/voice", "/relay/")


class _SessionsOffTheWebhooks(SecureCookieSessionInterface):
    """Twilio's requests carry no session cookie and the webhooks keep a call's state in signed URLs: they
    get an empty session without the signing machinery Flask builds for one on every request (a tenth of
    a webhook's own time). The console's and /try's sessions are as before. By path: a session is opened
    before the URL is matched to a blueprint."""

    def __init__(self, sessionless: tuple[str, ...]):
        self.sessionless = sessionless

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if request.path.startswith(self.sessionless):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        # An empty session nobody read or changed (every webhook's) sets, deletes and varies nothing: Flask
        # would look up seven cookie settings to find that out.
        if session or session.modified or session.accessed:
            super().save_session(app, session, response)


def create_app(values: Mapping[str, str] | None = None, dev: bool = False, background_log: bool = False,
               adapters: tuple[Adapter, ...] = ADAPTERS) -> Flask:
    """The service configured by `values` alone, or by the environment when none are given.
    `dev` (`ivr serve --dev`): with no Twilio token, the webhooks refuse every request and /try still works.
    `background_log`: log writes on a thread of their own (`ivr serve`); else inline after each answer."""
    config = parse(values, dev=dev, background_log=background_log)
    app = Flask("ivr")
    app.config.update(config.values)  # the settings as parsed, IVR_DB included, for whoever inspects the app
    app.extensions["ivr_config"] = config
    app.session_interface = _SessionsOffTheWebhooks(WEBHOOK_PATHS)
    for init_app in adapters:
        init_app(app, config)
    return app


def wsgi_app() -> Flask:
    """Entry point for WSGI servers (gunicorn 'ivr.server:wsgi_app()')."""
    return create_app()
