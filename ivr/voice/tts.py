"""Speaking the assistant's answers with pyttsx3 (espeak-ng on Linux, the system voice elsewhere).

espeak-ng reads kanji as "Chinese letter", so on Linux answers are turned into kana first (the analyser's readings,
which ships its dictionary) and numbers are spelled out; other engines get the Japanese text as is.
"""
from __future__ import annotations

import contextlib
import io
import re
import sys
import tempfile
from pathlib import Path
from typing import Callable

from ..ja.phrasing import number_reading, speak_time
from .quiet import quiet_stderr

PLAY_RATE = 22050  # what pyttsx3's espeak driver writes

_COUNTED = re.compile(r"(\d{1,2})時(\d{1,2})分|(\d{1,2})時(?!間)|(\d+)")


class TtsError(Exception):
    """A problem the user can fix; the message says how."""


def to_kana(text: str) -> str:
    """Japanese text to hiragana/katakana that espeak-ng can read: kanji by their readings, numbers spelled."""
    from ..ja.text import reading

    def spell(match: re.Match) -> str:
        if match[1]:
            return speak_time(int(match[1]) * 60 + int(match[2]))
        if match[3]:
            return speak_time(int(match[3]) * 60)
        return number_reading(int(match[4])) if len(match[4]) <= 4 else "".join(
            number_reading(int(d)) for d in match[4])

    spelled = _COUNTED.sub(spell, text)
    return "".join(_kana_chunks(spelled, reading))


def _kana_chunks(text: str, reading) -> list[str]:
    # Keep punctuation (pauses) and katakana as they are; read every run that holds kanji.
    parts = re.split(r"([、。,.!?！？\s]+)", text)
    return [p if re.fullmatch(r"[、。,.!?！？\s]+", p or " ") or not re.search(r"[\u4e00-\u9fff]", p)
            else reading(p) for p in parts]


class Speaker:
    """Says answers aloud, or writes each to a numbered WAV file when save_dir is given.

    Writing files needs no sound device. Playing is best effort: when sound cannot play (no engine, no
    output device, PortAudio missing), `warn` hears one sentence, once, and the answers stay on screen
    as text. On Linux pyttsx3 would play through `aplay`, whose ALSA errors land on the terminal and whose
    failure it ignores; so the answer is synthesised to a WAV file and played here through PortAudio,
    with the sound libraries' own stderr kept off the terminal.
    """

    def __init__(self, save_dir: str | Path | None = None, warn: Callable[[str], None] | None = None,
                 sounddevice=None):
        self.save_dir = Path(save_dir) if save_dir else None
        self.warn = warn or (lambda message: None)
        self.playing = self.save_dir is None
        self.count = 0
        self.needs_kana = sys.platform.startswith("linux")  # espeak-ng, which reads no kanji
        if self.save_dir:
            try:
                self.save_dir.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise TtsError(f"Cannot write the answers to {self.save_dir}: {error.strerror}.") from None
        try:
            import pyttsx3
            self.engine = pyttsx3.init()
        except Exception as error:  # pyttsx3 raises whatever its driver raises (OSError, RuntimeError, ...)
            advice = "on Debian/Ubuntu run `apt-get install espeak-ng`"
            if self.save_dir:
                raise TtsError(f"No speech engine available ({error}): {advice}.") from None
            self._cannot_play(f"there is no speech engine ({advice})")
            return
        voices = self.engine.getProperty("voices") or []
        japanese = next((v for v in voices if "ja" in [str(lang).lower() for lang in (v.languages or [])]
                         or "japan" in (v.name or "").lower()), None)
        if japanese is not None:
            self.engine.setProperty("voice", japanese.id)
        self.sounddevice = sounddevice
        if self.playing and self.needs_kana:
            problem = self._open_output()
            if problem:
                self._cannot_play(problem)

    def _open_output(self) -> str | None:
        """Why sound cannot play here, or None when an output device takes it."""
        with quiet_stderr():  # PortAudio's start-up probes every ALSA and JACK device, loudly
            if self.sounddevice is None:
                try:
                    import sounddevice
                except (OSError, ImportError):  # OSError: libportaudio cannot be loaded
                    return ("the PortAudio library is missing (Debian/Ubuntu: `apt-get install libportaudio2`, "
                            "macOS: `brew install portaudio`)")
                self.sounddevice = sounddevice
            try:
                self.sounddevice.check_output_settings(channels=1, samplerate=PLAY_RATE, dtype="int16")
            except Exception:  # sounddevice.PortAudioError, ValueError: no default output, or it refuses
                return "no sound output device was found"
        return None

    def _cannot_play(self, reason: str) -> None:
        if self.playing:
            self.playing = False
            self.warn(f"The answers are shown but not spoken: {reason}; --save-audio DIR writes them to "
                      f"WAV files instead.")

    def say(self, text: str) -> Path | None:
        """Speak `text` (or write it to the next numbered file, whose path is returned)."""
        if self.save_dir:
            self.count += 1
            path = self.save_dir / f"answer-{self.count:03d}.wav"
            self._synthesise(text, path)
            return path
        if not self.playing:
            return None
        try:
            if self.needs_kana:
                with tempfile.TemporaryDirectory() as tmp:
                    self._play(self._synthesise(text, Path(tmp) / "answer.wav"))
            else:  # the system's own engine (macOS, Windows) plays by itself
                self.engine.say(text)
                self.engine.runAndWait()
        except TtsError as error:
            self._cannot_play(str(error).rstrip("."))
        except Exception as error:  # sounddevice.PortAudioError and whatever a native engine raises
            self._cannot_play(f"playing failed ({error})")
        return None

    def _synthesise(self, text: str, path: Path) -> Path:
        spoken = to_kana(text) if self.needs_kana else text
        with contextlib.redirect_stdout(io.StringIO()):  # pyttsx3 prints "Audio saved to …" on stdout
            # pyttsx3's espeak driver finishes the file from a callback and now and then returns before
            # it is written: try again rather than leave a gap in the numbered answers.
            for _ in range(3):
                self.engine.save_to_file(spoken, str(path))
                self.engine.runAndWait()
                if path.is_file() and path.stat().st_size > 44:
                    return path
        raise TtsError(f"The speech engine did not write {path}.")

    def _play(self, path: Path) -> None:
        import soundfile

        samples, rate = soundfile.read(str(path), dtype="int16")
        with quiet_stderr():
            self.sounddevice.play(samples, rate)
            self.sounddevice.wait()
