"""Transport-neutral values between the dialog and its adapters (phone, local voice, simulation).

Inputs are what the caller did; actions are what the assistant does. None of them knows Flask,
Twilio, Vosk or audio.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


# --- caller inputs ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Speech:
    text: str
    confidence: float | None = None  # recogniser confidence 0..1, None when unknown (typed text)


@dataclass(frozen=True)
class Keys:
    digits: str


@dataclass(frozen=True)
class Silence:
    pass


@dataclass(frozen=True)
class DialEnded:
    status: Literal["completed", "busy", "no-answer", "failed", "canceled"]


Input = Speech | Keys | Silence | DialEnded


# --- assistant actions --------------------------------------------------------------------------
PAUSE = "\u2063"  # a short pause inside Say.speech (between a phone number's groups): SSML <break> where the
# voice takes SSML, a comma for plain text-to-speech


@dataclass(frozen=True)
class Say:
    text: str  # for display and for TTS engines that read Japanese text well
    speech: str = ""  # the same words spelled for speaking (numbers as digit readings); "" = text
    pause_after: float = 0
    interruptible: bool = True  # False: the caller's voice or keys must not cut it short (a number read out)

    @property
    def spoken(self) -> str:
        """The speech as plain text: pauses become commas."""
        return (self.speech or self.text).replace(PAUSE, "、")

    @property
    def pieces(self) -> list[str]:
        """The speech split at its pauses."""
        return (self.speech or self.text).split(PAUSE)


class Phrases(tuple):
    """Phrases to bias speech recognition toward, as a tuple that hashes once: a question's thousand phrases
    are part of the key its rendered TwiML is kept under, and a plain tuple hashes every phrase again each
    time it is hashed."""

    def __hash__(self) -> int:
        known = self.__dict__.get("hash")
        if known is None:
            known = self.__dict__["hash"] = tuple.__hash__(self)
        return known


@dataclass(frozen=True)
class Ask:
    expecting: Literal["provider", "problem", "yesno", "anything"]  # anything: a last word after the answer
    menu: tuple[str, ...] = ()  # keypad digits that mean something here
    hints: tuple[str, ...] = ()  # phrases to bias speech recognition toward
    menu_on_silence: bool = False  # an open question: a short silence means "read me the keypad menu"


@dataclass(frozen=True)
class Transfer:
    number: str  # E.164, always a line of the catalogue
    line: str


@dataclass(frozen=True)
class SendSms:
    """Send the details by SMS to the caller, then say `sent` (or `failed` if it could not be sent).
    The adapter knows the caller's number; the dialog never holds it."""
    body: str
    sent: str = ""
    failed: str = ""


@dataclass(frozen=True)
class End:
    pass


Action = Say | Ask | Transfer | SendSms | End
