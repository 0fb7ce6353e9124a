"""SMS follow-ups through Twilio's REST API (the real `twilio` client)."""
from __future__ import annotations

import logging
import re

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


_ALPHANUMERIC_ID = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")


def sender_problem(sender: str | None) -> str | None:
    """Why `sender` (TWILIO_SMS_FROM) cannot send SMS to Japanese phones, or None when it can.

    Twilio cannot send SMS from a Japanese (+81) number: the sender is an alphanumeric sender ID
    (1-11 letters, digits or spaces, at least one letter) or a number of another country."""
    if not sender:
        return ("TWILIO_SMS_FROM is not set, so SMS follow-ups are not offered (a Japanese Twilio number cannot "
                "send SMS: set an alphanumeric sender ID such as IVRINFO, or a non-Japanese Twilio number)")
    if sender.startswith("+81"):
        return (f"TWILIO_SMS_FROM {sender} is a Japanese number, which Twilio cannot send SMS from, so SMS "
                "follow-ups are not offered (use an alphanumeric sender ID or a non-Japanese number)")
    if not (_ALPHANUMERIC_ID.fullmatch(sender) or _E164.fullmatch(sender)):
        return (f"TWILIO_SMS_FROM '{sender}' is neither an alphanumeric sender ID (1-11 letters, digits, spaces) "
                "nor an E.164 number, so SMS follow-ups are not offered")
    return None


class SmsSender:
    def __init__(self, account_sid: str, auth_token: str, sender: str, api_base: str | None = None):
        self.account_sid, self.auth_token = account_sid, auth_token
        self.sender, self.api_base = sender, api_base

    def send(self, to: str, body: str) -> str | None:
        """The message SID, or None if Twilio refused or could not be reached."""
        # A client per message: SMS are rare, and no pooled socket outlives the request that used it.
        http = _RebasedHttpClient(self.api_base) if self.api_base else TwilioHttpClient(timeout=10)
        try:
            client = Client(self.account_sid, self.auth_token, http_client=http)
            return client.messages.create(to=to, from_=self.sender, body=body).sid
        except TwilioRestException as error:  # Twilio refused: its code says why (21211 bad number, 21610 opted out…)
            log.warning("SMS not sent: Twilio error %s (HTTP %s): %s", error.code, error.status, error.msg)
            return None
        except (TwilioException, OSError) as error:
            log.warning("SMS not sent: Twilio could not be reached (%s)", type(error).__name__)
            return None
        finally:
            if http.session is not None:
                http.session.close()
