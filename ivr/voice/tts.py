"""Speaking the assistant's answers with pyttsx3 (espeak-ng on Linux, the system voice elsewhere).

espeak-ng reads kanji as "Chinese letter", so on Linux answers are turned into kana first (pykakasi,
which ships its dictionary) and numbers are spelled out; other engines get the Japanese text as is.
"""
from __future__ import annotations

import contextlib
import io
import re
import shutil
import sys
from pathlib import Path

from ..ja.phrasing import number_reading, speak_time

_COUNTED = re.compile(r"(\d{1,2})時(\d{1,2})分|(\d{1,2})時(?!間)|(\d+)")


class TtsError(Exception):
    """A problem the user can fix; the message says how."""


def to_kana(text: str) -> str:
    """Japanese text to hiragana/katakana that espeak-ng can read: kanji by pykakasi, numbers spelled."""
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
    """Says answers aloud, or writes each to a numbered WAV file when save_dir is given."""

    def __init__(self, save_dir: str | Path | None = None):
        try:
            import pyttsx3
            self.engine = pyttsx3.init()
        except Exception as error:  # pyttsx3 raises whatever its driver raises (OSError, RuntimeError, ...)
            raise TtsError(f"No speech engine available ({error}): on Debian/Ubuntu run "
                           f"`apt-get install espeak-ng`.") from None
        self.needs_kana = sys.platform.startswith("linux")
        voices = self.engine.getProperty("voices") or []
        japanese = next((v for v in voices if "ja" in [str(lang).lower() for lang in (v.languages or [])]
                         or "japan" in (v.name or "").lower()), None)
        if japanese is not None:
            self.engine.setProperty("voice", japanese.id)
        self.save_dir = Path(save_dir) if save_dir else None
        if not self.save_dir and self.needs_kana and shutil.which("aplay") is None:
            raise TtsError("No audio player to speak through (pyttsx3 plays with aplay): install it "
                           "(`apt-get install alsa-utils`), or write the answers to files with --save-audio DIR.")
        if self.save_dir:
            self.save_dir.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def say(self, text: str) -> Path | None:
        spoken = to_kana(text) if self.needs_kana else text
        self.count += 1
        with contextlib.redirect_stdout(io.StringIO()):  # pyttsx3 prints "Audio saved to …" on stdout
            if self.save_dir:
                path = self.save_dir / f"answer-{self.count:03d}.wav"
                # pyttsx3's espeak driver finishes the file from a callback and now and then returns before
                # it is written: try again rather than leave a gap in the numbered answers.
                for _ in range(3):
                    self.engine.save_to_file(spoken, str(path))
                    self.engine.runAndWait()
                    if path.is_file() and path.stat().st_size > 44:
                        return path
                raise TtsError(f"The speech engine did not write {path}.")
            self.engine.say(spoken)
            self.engine.runAndWait()
        return None
