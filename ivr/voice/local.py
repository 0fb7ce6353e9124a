"""The local voice adapter: caller turns from a microphone, WAV files or typed text; answers spoken
with pyttsx3 (or written to WAV files). The conversation itself is the same `simulate.play`."""
from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from ..core.actions import Action, Ask, Input, Say, SendSms, Silence, Speech
from .asr import AsrError, Recogniser, read_audio
from .quiet import quiet_stderr

SILENCE_TIMEOUT_S = 8.0
MAX_UTTERANCE_S = 15.0


@dataclass
class Listening:
    """What the assistant is waiting for, so the recogniser can be biased toward it."""
    hints: tuple[str, ...] = ()
    said: list[Path] = field(default_factory=list)


def wav_turns(recogniser: Recogniser, files: list[str], listening: Listening) -> Iterator[Input]:
    for path in files:
        heard = recogniser.recognise(read_audio(path, recogniser.sample_rate), listening.hints)
        yield Speech(heard.text, heard.confidence) if heard.text else Silence()


def open_microphone(sample_rate: int):
    with quiet_stderr():  # PortAudio's start-up probes every ALSA and JACK device, loudly
        try:
            import sounddevice
        except (OSError, ImportError):  # sounddevice raises OSError when libportaudio cannot be loaded
            raise AsrError("The PortAudio library is missing: install it (Debian/Ubuntu: `apt-get install "
                           "libportaudio2`, macOS: `brew install portaudio`), or use --wav FILE or --text.") from None
        try:
            sounddevice.check_input_settings(channels=1, samplerate=sample_rate, dtype="int16")
        except (sounddevice.PortAudioError, ValueError):
            raise AsrError("No microphone found: connect one (and check it is the default input device), "
                           "or use --wav FILE or --text.") from None
    return sounddevice


def microphone_turns(recogniser: Recogniser, listening: Listening, sounddevice=None) -> Iterator[Input]:
    """Utterances from the default microphone. An utterance ends at the recogniser's endpoint, after
    SILENCE_TIMEOUT_S of audio with nothing heard (silence), or at MAX_UTTERANCE_S. Time is counted in
    audio read, not wall-clock time, so the same audio always cuts the same way."""
    sounddevice = sounddevice or open_microphone(recogniser.sample_rate)
    rate = recogniser.sample_rate
    block = rate // 4
    while True:
        stream = recogniser.new_stream(listening.hints)
        heard_at = elapsed = 0.0
        with contextlib.ExitStack() as opened:
            with quiet_stderr():
                mic = opened.enter_context(
                    sounddevice.RawInputStream(samplerate=rate, blocksize=block, channels=1, dtype="int16"))
            while True:
                data, _overflowed = mic.read(block)
                chunk = bytes(data)
                elapsed += len(chunk) / 2 / rate
                samples = np.frombuffer(chunk, "<i2").astype(np.float32)
                level = float(np.sqrt(np.mean(samples ** 2))) / 32768 if samples.size else 0.0
                ended = stream.feed(chunk)
                partial = stream.partial()
                if partial:
                    heard_at = elapsed
                _show_level(level, partial)
                silent_too_long = not partial and elapsed - heard_at > SILENCE_TIMEOUT_S
                if ended or silent_too_long or elapsed > MAX_UTTERANCE_S:
                    break
        if sys.stderr.isatty():
            sys.stderr.write("\r" + " " * 66 + "\r")
        heard = stream.final()
        yield Speech(heard.text, heard.confidence) if heard.text else Silence()


def _show_level(level: float, partial: str) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r  [{'#' * int(min(level * 200, 20)):<20}] {partial[-40:]:<40}")
        sys.stderr.flush()


def speaking(speaker, listening: Listening, show: Callable[[dict], None]):
    """The two callbacks of `play`: on_answer remembers what the next question expects (to bias the
    recogniser) and what to say; on_event shows each turn and then speaks the assistant's, so the text is
    on screen while it is heard. One answer is one utterance (one WAV file with --save-audio)."""
    pending: list[str] = []

    def on_answer(actions: list[Action]) -> None:
        pending.clear()
        for action in actions:
            if isinstance(action, Ask):
                listening.hints = action.hints
            elif isinstance(action, Say):
                pending.append(action.spoken)
            elif isinstance(action, SendSms):
                pending.append(action.sent)

    def on_event(event: dict) -> None:
        show(event)
        if event.get("who") == "assistant" and pending:
            path = speaker.say("".join(pending))
            pending.clear()
            if path:
                listening.said.append(path)

    return on_answer, on_event
