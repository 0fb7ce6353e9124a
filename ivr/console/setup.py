"""Adding the console to the app: its users, the secret for sessions, CSRF, login, blueprints."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import Flask

from ..config import Config
from . import auth, trycall, views
from .context import Console
from .display import register_filters

SESSION_HOURS = 12


def init_app(app: Flask, config: Config) -> Console:
    """Add the console and /try to `app`, on the service's one configuration (ConfigError for bad users)."""
    console = Console(config, auth.load_users(config.values))
    app.extensions["ivr_console"] = console
    app.secret_key = _session_secret(config)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        # Secure cookies travel over https only: the console is reached through the same https proxy or
        # tunnel as the webhooks. `--dev` serves plain http on loopback, where they would never come back.
        SESSION_COOKIE_SECURE=not config.dev, SESSION_COOKIE_NAME="ivr_console",
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


def _session_secret(config: Config) -> bytes:
    """The key that signs session cookies, the same in every worker. Derived from the service's secret AND the
    console's credentials, so neither the Twilio token alone nor an old password forges a session."""
    if config.get("IVR_CONSOLE_SECRET"):
        return str(config.get("IVR_CONSOLE_SECRET")).encode()
    base, material = config.get("IVR_STATE_SECRET") or config.get("TWILIO_AUTH_TOKEN"), auth.credentials_text(config.values)
    if not base or not material:
        return secrets.token_bytes(32)  # one process (--dev): a fresh key per start is fine
    return hmac.new(str(base).encode(), b"ivr-console\n" + material.encode(), hashlib.sha256).digest()
