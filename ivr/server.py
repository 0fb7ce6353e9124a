"""The service `ivr serve` runs: the phone webhooks (ivr.phone) and the operator console (ivr.console) in one app.

The two adapters know nothing of each other; this module puts them side by side. They share the
assistant and the call log, but not their doors: the webhooks answer only requests signed by Twilio, the
console only operators logged in (or, under --dev with no password, clients on loopback).
"""
from __future__ import annotations

import logging
import os
import secrets

from flask import Flask

from . import console
from .phone import app as phone, relay

log = logging.getLogger("ivr.server")
ConfigError = phone.ConfigError


def config_from_env(env: os._Environ | dict) -> dict:
    return {**console.config_from_env(env), **phone.config_from_env(env)}


def create_app(config: dict | None = None, dev: bool = False, background_log: bool = False) -> Flask:
    """The phone service and the console, configured by `config` alone or by the environment.
    `dev` (`ivr serve --dev`): with no Twilio token, the webhooks refuse every request and /try still works."""
    config = dict(config if config is not None else config_from_env(os.environ))
    if dev:
        config["IVR_DEV"] = True
        skip = str(config.get("IVR_SKIP_SIGNATURE", "")).lower() in ("1", "true", "yes")
        if not config.get("TWILIO_AUTH_TOKEN") and not skip:
            # No request can be signed with a random token: the webhooks answer 403, nothing is left unchecked.
            config["TWILIO_AUTH_TOKEN"] = secrets.token_hex(32)
            for key in ("TWILIO_ACCOUNT_SID", "TWILIO_NUMBER"):
                config.pop(key, None)
            log.warning("TWILIO_AUTH_TOKEN is not set: the voice webhooks refuse every request (403); "
                        "/try plays calls in the browser")
    app = phone.create_app(config, background_log=background_log)
    relay.mount(app)  # ConversationRelay beside <Gather>: /relay/voice, /relay/action, IVR_PHONE_MODE
    service = app.extensions["ivr"]
    try:
        console.init_console(app, app.config, service.assistant, service.log, service.fixed_now)
    except console.ConfigError as error:
        raise ConfigError(str(error)) from None
    return app


def wsgi_app() -> Flask:
    """Entry point for WSGI servers (gunicorn 'ivr.server:wsgi_app()')."""
    return create_app()
