"""A webhook's POSTed parameters: parsed from Twilio's urlencoded body, and handed to the signature check.

Twilio posts a dozen to thirty parameters on every webhook, nearly all of them plain ASCII with nothing
escaped (CallSid, AccountSid, CallStatus…). `dict(urllib.parse.parse_qsl(body, keep_blank_values=True))`
spends most of its time on two replace() and two unquote() calls per parameter that change nothing: this
reads the same body to the same dict and unquotes only what is escaped, with the stdlib's own unquote.
"""
from __future__ import annotations

from urllib.parse import unquote


def parse_urlencoded(body: str) -> dict[str, str]:
    """`dict(parse_qsl(body, keep_blank_values=True))` exactly: '&'-separated, empty pieces skipped, a
    name without '=' has the value '', '+' is a space, %XX read as UTF-8 with bad bytes replaced, and a
    repeated name keeps its last value in its first place."""
    form: dict[str, str] = {}
    for pair in body.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        if "%" in name or "+" in name:
            name = _unquote(name.replace("+", " "))
        if "%" in value or "+" in value:
            value = _unquote(value.replace("+", " "))
        form[name] = value
    return form


def _unquote(text: str) -> str:
    """unquote(text). The numbers in every webhook (From, To, Caller, Called: E.164, their '+' sent as %2B)
    have no other escape: those are replaced as they are, which is what unquote makes of them."""
    if "%" not in text.replace("%2B", ""):
        return text.replace("%2B", "+")
    return unquote(text)


class SignedParams(dict):
    """The parameters as twilio's RequestValidator reads them. Its get_values() asks the mapping for
    getall(), then getlist(), and only then indexes it as a plain dict, catching an AttributeError at each
    step: two exceptions for every parameter of every webhook. A webhook's parameters have one value each
    (the last, as parse_qsl's dict keeps), which is what getall() answers here."""

    __slots__ = ()

    def getall(self, name: str) -> list[str]:
        return [self[name]]
