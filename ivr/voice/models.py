"""Fetching and listing Vosk models in voice_models/ (`ivr models download|list`)."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from .asr import (JAPANESE_MODEL, LANGUAGES, MODELS_PAGE, AsrError, installed_models, is_model_dir, model_language,
                  models_dir)
from .loading import load_recogniser

OFFICIAL = MODELS_PAGE
MODELS = {  # name -> the official archive (its folder has the same name)
    "ja-small": JAPANESE_MODEL,
    "ja": "vosk-model-ja-0.22",
}


def base_url() -> str:
    return os.environ.get("IVR_MODELS_URL", OFFICIAL).rstrip("/")


def _progress(done: int, total: int | None) -> None:
    if total:
        filled = int(30 * done / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done / 1e6:7.1f} / {total / 1e6:.1f} MB")
    else:
        sys.stderr.write(f"\r{done / 1e6:7.1f} MB")
    sys.stderr.flush()


def download(name: str, dest: Path | None = None) -> Path:
    if name not in MODELS:
        raise AsrError(f"Unknown model '{name}': choose one of {', '.join(MODELS)}.")
    dest = dest or models_dir()
    dest.mkdir(parents=True, exist_ok=True)
    folder = dest / MODELS[name]
    if is_model_dir(folder):
        load_recogniser(folder)
        return folder
    url = f"{base_url()}/{MODELS[name]}.zip"
    with tempfile.TemporaryDirectory(dir=dest) as tmp:
        archive = Path(tmp) / "model.zip"
        try:
            with urllib.request.urlopen(url, timeout=30) as response, open(archive, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0) or None
                done = 0
                while chunk := response.read(1 << 20):
                    out.write(chunk)
                    done += len(chunk)
                    _progress(done, total)
            sys.stderr.write("\n")
        except (urllib.error.URLError, OSError) as error:
            raise AsrError(f"Could not download {url} ({getattr(error, 'reason', error)}): check the internet "
                           f"connection, or download the archive by hand and unzip it into {dest}.") from None
        try:
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(tmp)
        except zipfile.BadZipFile:
            raise AsrError(f"The download from {url} is not a zip archive: try again later.") from None
        unpacked = next((p for p in Path(tmp).iterdir() if p.is_dir() and is_model_dir(p)), None)
        if unpacked is None:
            raise AsrError(f"The archive from {url} holds no Vosk model.")
        shutil.move(str(unpacked), folder)
    load_recogniser(folder)  # proves it loads
    return folder


def describe_installed() -> list[str]:
    rows = []
    for path in installed_models():
        size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
        grammar = "runtime grammar" if (path / "graph" / "HCLr.fst").is_file() else "free speech only"
        code = model_language(path)
        language = ("Japanese" if code == "ja" else "language not stated" if code is None
                    else f"{LANGUAGES.get(code, code)} (not Japanese)")
        rows.append(f"{path.name:<28} {size:8.0f} MB  {language}, {grammar}  ({path})")
    return rows
