"""Translation between Twilio webhooks and the dialog: form data -> input, actions -> TwiML.

Pure functions, built with the `twilio` library's VoiceResponse; no Flask here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from twilio.twiml.voice_response import VoiceResponse

from ..core.actions import Action, Ask, DialEnded, End, Input, Keys, Say, SendSms, Silence, Speech, Transfer
from ..core.call import as_keys

# Twilio's limits for <Gather hints>: at most 500 entries of at most 100 characters each.
MAX_HINTS, MAX_HINT_CHARS = 500, 100
SSML_VOICES = ("Polly.", "Google.")  # Twilio's voices that take SSML (<break>) inside <Say>
GROUP_BREAK = "400ms"  # between the groups of a phone number, as an operator reads them
DIAL_STATUSES = ("completed", "answered", "busy", "no-answer", "failed", "canceled")
# phone_call is Google's deprecated V1 model; Google's V2 telephony model recognises ja-JP phone audio.
DEFAULT_SPEECH_MODEL = "googlev2_telephony"
LAST_WORD_S = 1  # seconds the caller has, after 「このままおつなぎします」, to say 「違います」 before the transfer


@dataclass(frozen=True)
class VoiceSettings:
    voice: str = "Polly.Mizuki"
    language: str = "ja-JP"
    speech_model: str = DEFAULT_SPEECH_MODEL
    speech_timeout: int = 2  # seconds of silence that end an utterance; an integer, as a named model requires
    gather_timeout: int = 6
    menu_after: int = 3  # seconds of silence after an open question before its keypad menu is read
    dial_timeout: int = 30
    caller_id: str | None = None


def input_from_form(form: dict) -> Input:
    """A Gather result: keypad digits win over speech; nothing at all is silence."""
    digits = "".join(ch for ch in str(form.get("Digits", "")) if ch in "0123456789*#")[:10]
    if digits:
        return Keys(digits)
    speech = str(form.get("SpeechResult", "")).strip()
    if speech:  # いち is often transcribed "1": a key, as if pressed
        return as_keys(speech) or Speech(speech, _confidence(form.get("Confidence")))
    return Silence()


def dial_from_form(form: dict) -> DialEnded:
    status = str(form.get("DialCallStatus", "failed"))
    return DialEnded(status if status in DIAL_STATUSES else "failed")


def _confidence(raw: object) -> float | None:
    try:
        value = float(str(raw))
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


def _say(target, say: Say, settings: VoiceSettings) -> None:
    """One Say: with an SSML voice, pauses are <break>s inside it (a number's groups, the pause after);
    otherwise commas, and a <Pause> of whole seconds after it."""
    if not settings.voice.startswith(SSML_VOICES):
        target.say(say.spoken, voice=settings.voice, language=settings.language)
        if say.pause_after:
            target.pause(length=max(1, round(say.pause_after)))
        return
    first, *rest = say.pieces
    element = target.say(first, voice=settings.voice, language=settings.language)
    for piece in rest:
        element.break_(time=GROUP_BREAK)
        element.append(piece)
    if say.pause_after:
        element.break_(time=f"{round(say.pause_after * 1000)}ms")


@lru_cache(maxsize=64)  # a handful of hint lists, the same at every question of their kind
def hints(phrases: tuple[str, ...]) -> str | None:
    """Within Twilio's limits: longer phrases are left out (a cut phrase would bias toward a wrong one),
    duplicates once, the first 500 kept."""
    kept = list(dict.fromkeys(p.strip() for p in phrases if p.strip() and len(p.strip()) <= MAX_HINT_CHARS))
    return ", ".join(kept[:MAX_HINTS]) or None


def render(actions: list[Action], turn_url: str, dial_url: str, settings: VoiceSettings,
           transfer_url: str | None = None) -> VoiceResponse:
    """Says before an Ask are nested in its Gather so the caller can answer (barge in) while they play,
    except a number read out (not interruptible) and everything before it: a caller repeating the digits
    aloud as they write them down must not cut the number short. A transfer's dialled leg reports its end
    to `transfer_url`, which Twilio calls even when the caller has hung up first (the <Dial> action then
    may never come)."""
    response = VoiceResponse()
    pending: list[Say] = []

    def flush(target) -> None:
        for say in pending:
            _say(target, say, settings)
        pending.clear()

    for action in actions:
        if isinstance(action, Say):
            pending.append(action)
        elif isinstance(action, Ask):
            fixed = max((i + 1 for i, say in enumerate(pending) if not say.interruptible), default=0)
            for say in pending[:fixed]:
                _say(response, say, settings)
            del pending[:fixed]
            gather = response.gather(
                input="speech dtmf", action=turn_url, method="POST", language=settings.language,
                speech_model=settings.speech_model, speech_timeout=str(settings.speech_timeout),
                timeout=settings.menu_after if action.menu_on_silence else settings.gather_timeout,
                num_digits=1, action_on_empty_result=True,
                hints=hints(tuple(action.hints)),
            )
            flush(gather)
            # Reached only if Twilio skips the action (it should not with actionOnEmptyResult): same as silence.
            response.redirect(turn_url, method="POST")
            return response
        elif isinstance(action, Transfer):
            # The words after the number (「このままおつなぎします」) are a moment the caller can still say
            # 「違います」: a short Gather that, hearing nothing, lets Twilio go on to the <Dial>.
            fixed = max((i + 1 for i, say in enumerate(pending) if not say.interruptible), default=0)
            for say in pending[:fixed]:
                _say(response, say, settings)
            del pending[:fixed]
            if pending:
                listen = response.gather(
                    input="speech dtmf", action=turn_url, method="POST", language=settings.language,
                    speech_model=settings.speech_model, speech_timeout=str(settings.speech_timeout),
                    timeout=LAST_WORD_S, num_digits=1, action_on_empty_result=False)
                flush(listen)
            dial = response.dial(action=dial_url, method="POST", timeout=settings.dial_timeout,
                                 caller_id=settings.caller_id, answer_on_bridge=True)
            if transfer_url:
                dial.number(action.number, status_callback=transfer_url, status_callback_event="completed",
                            status_callback_method="POST")
            else:
                dial.number(action.number)
            return response
        elif isinstance(action, End):
            flush(response)
            response.hangup()
            return response
        elif isinstance(action, SendSms):
            raise ValueError("SendSms must be carried out by the adapter before rendering")
    flush(response)
    return response


# Stand-ins for the URLs while a document is cached: nothing the assistant says contains them, and XML
# escaping leaves them as they are.
_TURN, _DIAL, _TRANSFER = "urn:ivr:turn-url", "urn:ivr:dial-url", "urn:ivr:transfer-url"


def render_xml(actions: list[Action], turn_url: str, dial_url: str, settings: VoiceSettings,
               transfer_url: str | None = None) -> str:
    """str(render(...)): the same document, serialised once for the same actions and settings (the
    serialisation costs more than the rest of a webhook's own work); only the URLs differ per call.
    tests/test_twiml.py holds this to the installed twilio library's own output, byte for byte, with
    hostile URLs (quotes, markup, line breaks, the placeholders themselves)."""
    return _fill(_template(tuple(actions), settings, transfer_url), {_TURN: turn_url, _DIAL: dial_url})


@lru_cache(maxsize=1024)
def _template(actions: tuple[Action, ...], settings: VoiceSettings, transfer_url: str | None) -> tuple[str, ...]:
    """The serialised document cut at its placeholders, once: literal text at even positions, and at odd
    positions the placeholder, quoted when it stands as an attribute value. Filling is then a join, not a
    search through a document that carries up to 500 speech hints."""
    return tuple(part or "" for part in _PLACEHOLDER.split(str(render(list(actions), _TURN, _DIAL, settings,
                                                                       transfer_url))))


_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#09;"}  # as ElementTree escapes attributes
_PLACEHOLDER = re.compile('"(%s)"|(%s)' % ((f"{re.escape(_TURN)}|{re.escape(_DIAL)}",) * 2))


def _fill(template: tuple[str, ...], urls: dict[str, str]) -> str:
    """Each URL where its placeholder stands, escaped as an attribute value or as text (<Redirect>), in one
    pass: a URL that happens to contain a placeholder is never filled in again."""
    parts = list(template[:1])
    for i in range(1, len(template), 3):  # split() gives: text, attribute group, text group, text, ...
        attribute, text = template[i], template[i + 1]
        parts.append('"' + escape(urls[attribute], _ATTRIBUTE) + '"' if attribute else escape(urls[text]))
        parts.append(template[i + 2])
    return "".join(parts)
