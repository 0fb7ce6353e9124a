"""Provenance: every line's facts come from a file of the seeds folder, and the words it quotes are in that file.

The seeds are the vetted sources beside the catalogue (../shared/seeds in a checkout). A clone may have none:
then nothing can be checked, and `ivr check` says so in one line rather than failing.
"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from .catalogue import Catalogue

PLACES = ("seeds", "../shared/seeds")  # beside the catalogue, in this order; $IVR_SEEDS comes first
_SPACE = re.compile(r"\s+")


def seeds_folder(catalogue_path: str | Path) -> Path | None:
    """The seeds folder for this catalogue, or None when there is none beside it."""
    if os.environ.get("IVR_SEEDS"):
        folder = Path(os.environ["IVR_SEEDS"])
        return folder if folder.is_dir() else None
    beside = Path(catalogue_path).resolve().parent
    return next((beside / place for place in PLACES if (beside / place).is_dir()), None)


def comparable(text: str) -> str:
    """Seed tables run columns together and mix full- and half-width forms: compare without either."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def faults(catalogue: Catalogue, folder: Path) -> list[str]:
    """`PATH:LINE: message` for each source file missing from the folder and each quote not in its file."""
    found: list[str] = []
    texts: dict[str, str | None] = {}
    for source in catalogue.sources:
        if source.file not in texts:
            path = folder / source.file
            inside = path.resolve().parent == folder.resolve()  # a name, never a path out of the folder
            try:
                texts[source.file] = comparable(path.read_text(encoding="utf-8")) if inside and path.is_file() else None
            except (OSError, UnicodeDecodeError):
                texts[source.file] = None
        text = texts[source.file]
        if text is None:
            found.append(f"{catalogue.path}:{source.line}: source '{source.file}' is not a file of {folder}")
            continue
        for quote in source.quotes:
            if comparable(quote.text) not in text:
                found.append(f"{catalogue.path}:{quote.line}: the quote '{quote.text}' is not in {source.file}")
    return found
