"""Keeping the sound libraries' own complaints off the terminal.

ALSA, JACK and PortAudio (and Kaldi inside Vosk) print straight to file descriptor 2 from C, where Python's
sys.stderr cannot catch them: a machine without a sound card gets nine "ALSA lib ..." lines over the
conversation. quiet_stderr() points descriptor 2 at a temporary file for the duration of a noisy call and
keeps what was written, while Python's own sys.stderr still reaches the terminal (so a progress line or a
one-sentence notice written meanwhile shows as usual).
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from typing import Iterator


class Captured:
    """What the C libraries wrote while descriptor 2 was pointed away (empty until the block ends)."""

    text = ""


@contextlib.contextmanager
def quiet_stderr() -> Iterator[Captured]:
    captured = Captured()
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no descriptor 2 (a daemon, a closed stream): nothing to hide
        yield captured
        return
    python_stderr = sys.stderr
    terminal = None
    if _writes_to_fd2(python_stderr):
        terminal = open(saved, "w", encoding=getattr(python_stderr, "encoding", None) or "utf-8",
                        errors="backslashreplace", buffering=1, closefd=False)
        sys.stderr = terminal
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield captured
        finally:
            if terminal is not None:
                sys.stderr = python_stderr
                terminal.close()  # closefd=False: marks it closed, so a late write fails instead of landing elsewhere
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            captured.text = sink.read().decode(errors="replace")


def _writes_to_fd2(stream) -> bool:
    try:
        return stream.fileno() == 2
    except (AttributeError, OSError, ValueError):  # pytest's capture and other in-memory streams
        return False
