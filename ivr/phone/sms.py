"""SMS follow-ups through Twilio's REST API (the real `twilio` client)."""
from __future__ import annotations

import logging

from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

TWILIO_API = "https://api.twilio.com"
log = logging.getLogger("ivr.sms")


class _RebasedHttpClient(TwilioHttpClient):
    """Sends the client's requests to another base URL: a local stand-in for Twilio's API in tests."""

    def __init__(self, base: str, timeout: float = 10):
        super().__init__(timeout=timeout)
        self.base = base.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        if url.startswith(TWILIO_API):
            url = self.base + url[len(TWILIO_API):]
        return super().request(method, url, *args, **kwargs)


class SmsSender:
    def __init__(self, account_sid: str, auth_token: str, from_number: str, api_base: str | None = None):
        self.account_sid, self.auth_token = account_sid, auth_token
        self.from_number, self.api_base = from_number, api_base

    def send(self, to: str, body: str) -> str | None:
        """The message SID, or None if Twilio refused or could not be reached."""
        # A client per message: SMS are rare, and no pooled socket outlives the request that used it.
        http = _RebasedHttpClient(self.api_base) if self.api_base else TwilioHttpClient(timeout=10)
        try:
            client = Client(self.account_sid, self.auth_token, http_client=http)
            return client.messages.create(to=to, from_=self.from_number, body=body).sid
        except TwilioRestException as error:  # Twilio refused: its code says why (21211 bad number, 21610 opted out…)
            log.warning("SMS not sent: Twilio error %s (HTTP %s): %s", error.code, error.status, error.msg)
            return None
        except (TwilioException, OSError) as error:
            log.warning("SMS not sent: Twilio could not be reached (%s)", type(error).__name__)
            return None
        finally:
            if http.session is not None:
                http.session.close()
