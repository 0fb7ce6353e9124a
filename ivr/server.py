"""The service `ivr serve` runs: one Flask app, one parsed configuration, and the adapters that answer on it.

`create_app` parses the configuration once (`ivr.config`: catalogue, clock, call log, one ConfigError) and
hands it to each adapter in ADAPTERS, which adds its routes to the app. The adapters know nothing of each
other and share only the configuration: the phone webhooks answer requests signed by Twilio, the console
operators logged in (or, under --dev with no password, clients on loopback). Another way in (a WebSocket
adapter, say) is one more module with `init_app(app, config)`, added to ADAPTERS.
"""
from __future__ import annotations

from typing import Callable, Mapping

from flask import Flask

from . import console
from .config import Config, ConfigError, parse
from .phone import app as phone

Adapter = Callable[[Flask, Config], object]
ADAPTERS: tuple[Adapter, ...] = (phone.init_app, console.init_app)

__all__ = ["ADAPTERS", "ConfigError", "create_app", "wsgi_app"]


def create_app(values: Mapping[str, str] | None = None, dev: bool = False, background_log: bool = False,
               adapters: tuple[Adapter, ...] = ADAPTERS) -> Flask:
    """The service configured by `values` alone, or by the environment when none are given.
    `dev` (`ivr serve --dev`): with no Twilio token, the webhooks refuse every request and /try still works.
    `background_log`: log writes on a thread of their own (`ivr serve`); else inline after each answer."""
    config = parse(values, dev=dev, background_log=background_log)
    app = Flask("ivr")
    app.config.update(config.values)  # the settings as parsed, IVR_DB included, for whoever inspects the app
    app.extensions["ivr_config"] = config
    for init_app in adapters:
        init_app(app, config)
    return app


def wsgi_app() -> Flask:
    """Entry point for WSGI servers (gunicorn 'ivr.server:wsgi_app()')."""
    return create_app()
