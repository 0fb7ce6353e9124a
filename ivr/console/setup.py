"""Adding the console to a Flask app: configuration, the secret for sessions, CSRF, login, blueprints."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app

from ..calllog import CallLog, GuardedLog, default_path, open_log
from ..core.catalogue import CatalogueError, load, shipped_path
from ..core.dialog import Assistant
from ..core.hours import TOKYO, to_tokyo
from ..ja import assistant as japanese_assistant

CONFIG_KEYS = ("IVR_CONSOLE_PASSWORD", "IVR_CONSOLE_USERS", "IVR_CONSOLE_SECRET", "IVR_PROVIDERS", "IVR_DB", "IVR_NOW",
               "IVR_STATE_SECRET", "TWILIO_AUTH_TOKEN", "IVR_TRUSTED_PROXIES")
SESSION_HOURS = 12


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Console:
    assistant: Assistant
    log: GuardedLog  # writes (rehearsals) through the guard; reads from log.inner, which reports its errors
    users: dict  # name -> password hash (werkzeug format)
    dev: bool  # `ivr serve --dev`: with no user configured, loopback clients need no login
    fixed_now: dt.datetime | None

    @property
    def reader(self) -> CallLog:
        return self.log.inner

    @property
    def enabled(self) -> bool:
        return bool(self.users) or self.dev

    def now(self) -> dt.datetime:
        return self.fixed_now or dt.datetime.now(TOKYO)


def config_from_env(env: os._Environ | dict) -> dict:
    return {key: env[key] for key in CONFIG_KEYS if env.get(key)}


def current() -> Console:
    return current_app.extensions["ivr_console"]


def init_console(app: Flask, config: dict, assistant: Assistant | None = None, log: GuardedLog | None = None,
                 fixed_now: dt.datetime | None = None) -> Console:
    """Add the console and /try to `app`. The assistant and call log are the phone service's when given."""
    from . import auth, trycall, views
    from .display import register_filters

    users = auth.load_users(config)
    dev = str(config.get("IVR_DEV", "")).lower() in ("1", "true", "yes")
    if assistant is None:
        try:
            assistant = japanese_assistant(load(config.get("IVR_PROVIDERS") or shipped_path()))
        except CatalogueError as error:
            raise ConfigError("the catalogue has faults:\n" + "\n".join(error.faults)) from None
    if log is None:
        log = GuardedLog(open_log(config.get("IVR_DB") or default_path()))
    if fixed_now is None and config.get("IVR_NOW"):
        try:
            fixed_now = to_tokyo(dt.datetime.fromisoformat(config["IVR_NOW"]))
        except ValueError:
            raise ConfigError(f"IVR_NOW '{config['IVR_NOW']}' is not an ISO-8601 moment") from None
    console = Console(assistant, log, users, dev, fixed_now)
    app.extensions["ivr_console"] = console
    app.secret_key = _session_secret(config)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        # Secure cookies travel over https only: the console is reached through the same https proxy or
        # tunnel as the webhooks. `--dev` serves plain http on loopback, where they would never come back.
        SESSION_COOKIE_SECURE=not dev, SESSION_COOKIE_NAME="ivr_console",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
        WTF_CSRF_CHECK_DEFAULT=False,  # checked by the console's own blueprints: Twilio's webhooks carry no token
        WTF_CSRF_TIME_LIMIT=None,  # valid for the session's life: a try page left open an hour still works
    )
    auth.init_auth(app)
    register_filters(app)
    app.register_blueprint(views.assets)
    app.register_blueprint(views.bp)
    app.register_blueprint(trycall.bp)
    return console


def _session_secret(config: dict) -> bytes:
    """The key that signs session cookies, the same in every worker. Derived from the service's secret AND the
    console's credentials, so neither the Twilio token alone nor an old password forges a session."""
    from .auth import credentials_text

    if config.get("IVR_CONSOLE_SECRET"):
        return str(config["IVR_CONSOLE_SECRET"]).encode()
    base, material = config.get("IVR_STATE_SECRET") or config.get("TWILIO_AUTH_TOKEN"), credentials_text(config)
    if not base or not material:
        return secrets.token_bytes(32)  # one process (--dev): a fresh key per start is fine
    return hmac.new(str(base).encode(), b"ivr-console\n" + material.encode(), hashlib.sha256).digest()
