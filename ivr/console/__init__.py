"""The operator console (/console) and the browser phone (/try), server-rendered with Flask and Jinja.

Pages: the lines board (open or closed now, refreshed by polling), the calls (statistics, a chart, the
transcripts), the phrases not understood, the catalogue as the assistant says it; and /try, a phone in
the browser that plays the same dialog, logged as rehearsals. Everything it reads comes through the
call-log interface; the JavaScript and CSS are small files shipped in this package (no CDN).

`init_app(app, config)` adds it to a Flask app (ivr.server puts it beside the phone webhooks);
`offer_relay(app, rehearsals)` lets /try play calls through the ConversationRelay adapter as well.
"""
from __future__ import annotations

from .context import RelayRehearsals, offer_relay
from .setup import init_app

__all__ = ["RelayRehearsals", "init_app", "offer_relay"]
