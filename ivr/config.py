"""The service's configuration, parsed once: `ivr.server.create_app` builds one `Config` and hands it to every
adapter it serves (the phone webhooks, the console and /try), so they share one catalogue, one clock, one
call log and one kind of error.

Settings come from the environment (or a dict of the same keys, in tests). Each adapter still reads the
settings only it needs (the Twilio token, the console's users) from `Config.values`, and says what is wrong
with them as a ConfigError too.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from dataclasses import dataclass
from typing import Mapping
from urllib.parse import urlsplit

from .calllog import BackgroundWriter, GuardedLog, default_path, guarded_log
from .core.catalogue import CatalogueError, load, shipped_path
from .core.dialog import Assistant
from .core.hours import TOKYO, to_tokyo
from .ja import assistant as japanese_assistant

log = logging.getLogger("ivr.config")

# Every setting any adapter reads; `from_env` takes these from the environment and nothing else.
KEYS = ("TWILIO_AUTH_TOKEN", "TWILIO_ACCOUNT_SID", "TWILIO_NUMBER", "TWILIO_SMS_FROM", "TWILIO_API_BASE",
        "IVR_PUBLIC_URL", "IVR_PROVIDERS", "IVR_DB", "IVR_NOW", "IVR_VOICE", "IVR_SPEECH_MODEL",
        "IVR_SKIP_SIGNATURE", "IVR_STATE_SECRET", "IVR_DEV", "IVR_SPOOL",
        "IVR_PHONE_MODE", "IVR_RELAY_URL", "IVR_RELAY_VOICE",
        "IVR_CONSOLE_PASSWORD", "IVR_CONSOLE_USERS", "IVR_CONSOLE_SECRET", "IVR_TRUSTED_PROXIES")
PHONE_MODES = ("gather", "relay")  # what /voice answers: <Gather> webhooks, or a ConversationRelay session
DEFAULT_VOICE = "Polly.Mizuki"
# IVR_VOICE's providers (Twilio's <Say> names) as ConversationRelay's ttsProvider names them.
RELAY_TTS_PROVIDERS = {"Polly": "Amazon", "Google": "Google"}


class ConfigError(Exception):
    """A setting the service cannot start with; the message names it and says what to do."""


@dataclass(frozen=True)
class Config:
    values: Mapping[str, str]  # the settings as given (IVR_DB filled in with the default)
    assistant: Assistant
    log: GuardedLog  # every write goes through the guard (and its spool): a broken log never costs a caller
    writer: BackgroundWriter | None  # writes on a thread of their own (`ivr serve`); None: inline
    fixed_now: dt.datetime | None  # IVR_NOW: a rehearsed moment instead of the clock
    dev: bool  # `ivr serve --dev`
    phone_mode: str = "gather"  # IVR_PHONE_MODE, one of PHONE_MODES
    relay_url: str | None = None  # IVR_RELAY_URL: the public ws(s):// URL of the relay socket, as given
    relay_voice: tuple[str, str] | None = None  # (ttsProvider, voice) from IVR_RELAY_VOICE or IVR_VOICE

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.values.get(key) or default

    def flag(self, key: str) -> bool:
        return str(self.values.get(key, "")).lower() in ("1", "true", "yes")

    def now(self) -> dt.datetime:
        return self.fixed_now or dt.datetime.now(TOKYO)


def relay_voice(voice: str) -> tuple[str, str] | None:
    """A voice as IVR_VOICE names it, as ConversationRelay names it, so both halves of a call sound alike:
    'Polly.Mizuki' -> ('Amazon', 'Mizuki'), 'Google.ja-JP-Neural2-B' -> ('Google', 'ja-JP-Neural2-B');
    None for a voice it cannot name."""
    provider, _, name = voice.partition(".")
    provider = RELAY_TTS_PROVIDERS.get(provider, "")
    return (provider, name) if provider and name else None


def _relay_settings(values: Mapping[str, str]) -> tuple[str, str | None, tuple[str, str] | None]:
    mode = str(values.get("IVR_PHONE_MODE") or "gather").strip().lower()
    if mode not in PHONE_MODES:
        raise ConfigError(f"IVR_PHONE_MODE '{values['IVR_PHONE_MODE']}' is not one of: {', '.join(PHONE_MODES)}")
    url = str(values.get("IVR_RELAY_URL") or "").strip() or None
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme not in ("ws", "wss") or not parts.netloc:
            raise ConfigError(f"IVR_RELAY_URL '{url}' is not a ws:// or wss:// URL "
                              "(e.g. wss://ivr.example.com/relay/ws)")
    if values.get("IVR_RELAY_VOICE"):
        voice = relay_voice(values["IVR_RELAY_VOICE"])
        if voice is None:
            raise ConfigError(f"IVR_RELAY_VOICE '{values['IVR_RELAY_VOICE']}' is not a voice ConversationRelay "
                              "can speak: name it as IVR_VOICE does, e.g. Polly.Mizuki or Google.ja-JP-Neural2-B")
    else:  # a <Say> voice with no ConversationRelay name leaves the relay on Twilio's default voice
        voice = relay_voice(values.get("IVR_VOICE") or DEFAULT_VOICE)
    return mode, url, voice


def from_env(env: Mapping[str, str]) -> dict:
    return {key: env[key] for key in KEYS if env.get(key)}


def parse(values: Mapping[str, str] | None = None, dev: bool = False, background_log: bool = False) -> Config:
    """The configuration from `values` (default: the environment); ConfigError naming the setting at fault.
    `dev`: with no Twilio token, one nobody knows, so the webhooks refuse every request and /try still works."""
    values = dict(values if values is not None else from_env(os.environ))
    dev = dev or str(values.get("IVR_DEV", "")).lower() in ("1", "true", "yes")
    if dev:
        values["IVR_DEV"] = "1"
        skip = str(values.get("IVR_SKIP_SIGNATURE", "")).lower() in ("1", "true", "yes")
        if not values.get("TWILIO_AUTH_TOKEN") and not skip:
            values["TWILIO_AUTH_TOKEN"] = secrets.token_hex(32)
            for key in ("TWILIO_ACCOUNT_SID", "TWILIO_NUMBER"):
                values.pop(key, None)
            log.warning("TWILIO_AUTH_TOKEN is not set: the voice webhooks refuse every request (403); "
                        "/try plays calls in the browser")
    try:
        catalogue = load(values.get("IVR_PROVIDERS") or shipped_path())
    except CatalogueError as error:
        raise ConfigError("the catalogue has faults:\n" + "\n".join(error.faults)) from None
    fixed_now = None
    if values.get("IVR_NOW"):
        try:
            fixed_now = to_tokyo(dt.datetime.fromisoformat(values["IVR_NOW"]))
        except ValueError:
            raise ConfigError(f"IVR_NOW '{values['IVR_NOW']}' is not an ISO-8601 moment") from None
    phone_mode, relay_url, voice = _relay_settings(values)
    values.setdefault("IVR_DB", str(default_path()))
    try:
        guarded = guarded_log(values["IVR_DB"], values.get("IVR_SPOOL"))
    except ValueError as error:
        raise ConfigError(f"IVR_DB: {error}") from None
    return Config(values, japanese_assistant(catalogue), guarded, BackgroundWriter(guarded) if background_log else None,
                  fixed_now, dev, phone_mode, relay_url, voice)
