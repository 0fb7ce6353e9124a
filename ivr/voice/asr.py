"""Offline speech recognition with Vosk, biased toward the catalogue's vocabulary.

Vosk is imported here only, where it is used. Every failure a person can fix (no model, a broken model,
an unreadable audio file) becomes an AsrError with one sentence saying what to do.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]  # the checkout (voice_models/ beside ivr/)
GRAMMAR_CONFIDENCE = 0.7  # a grammar-constrained result below this mean word confidence yields to free speech
MAX_TOKEN_CHARS = 8
_PUNCT = re.compile(r"[\s、。・,.!?！？「」()（）]+")


class AsrError(Exception):
    """A problem the user can fix; the message says how."""


def models_dir() -> Path:
    if os.environ.get("IVR_VOICE_MODELS"):
        return Path(os.environ["IVR_VOICE_MODELS"])
    return ROOT / "voice_models" if (ROOT / "voice_models").is_dir() else Path.cwd() / "voice_models"


def is_model_dir(path: Path) -> bool:
    return (path / "am" / "final.mdl").is_file() or (path / "final.mdl").is_file()


def installed_models() -> list[Path]:
    base = models_dir()
    return sorted(p for p in base.iterdir() if p.is_dir() and is_model_dir(p)) if base.is_dir() else []


def find_model(explicit: str | None = None) -> Path:
    if explicit:
        return Path(explicit)
    models = installed_models()
    japanese = [p for p in models if "-ja-" in p.name or p.name.endswith("-ja")]
    small_first = sorted(japanese, key=lambda p: "small" not in p.name)
    if not small_first:
        raise AsrError(f"No Japanese speech model in {models_dir()}: run `ivr models download ja-small` "
                       f"(or pass --model DIR, or use --text).")
    return small_first[0]


def _sample_rate(path: Path) -> int:
    for conf in (path / "conf" / "mfcc.conf", path / "conf" / "model.conf"):
        if conf.is_file():
            match = re.search(r"--sample-frequency=(\d+)", conf.read_text(errors="replace"))
            if match:
                return int(match[1])
    return 16000


def to_pcm16(samples: np.ndarray, rate: int, target_rate: int) -> bytes:
    """Any channel count and sample rate (8 kHz phone audio included) to mono 16-bit PCM at target_rate."""
    import soxr

    samples = np.asarray(samples, dtype=np.float32)
    if samples.ndim == 2:
        samples = samples.mean(axis=1)
    if rate != target_rate and samples.size:
        samples = soxr.resample(samples, rate, target_rate)
    return (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").tobytes()


def read_audio(path: str | Path, target_rate: int) -> bytes:
    import soundfile

    try:
        samples, rate = soundfile.read(str(path), dtype="float32", always_2d=False)
    except (RuntimeError, OSError, soundfile.LibsndfileError) as error:
        raise AsrError(f"Cannot read audio file {path}: {error}. Give a WAV (or FLAC/OGG) file.") from None
    return to_pcm16(samples, rate, target_rate)


@dataclass(frozen=True)
class Heard:
    text: str
    confidence: float | None


class Recogniser:
    def __init__(self, path: str | Path):
        path = Path(path)
        if not path.is_dir():
            raise AsrError(f"Speech model folder {path} does not exist: run `ivr models download ja-small` "
                           f"or pass --model DIR.")
        if not is_model_dir(path):
            raise AsrError(f"{path} is not a Vosk model (no am/final.mdl): download it again with "
                           f"`ivr models download ja-small`.")
        import vosk

        vosk.SetLogLevel(-1)
        try:
            self.model = vosk.Model(str(path))
        except Exception:  # vosk raises a bare Exception("Failed to create a model")
            raise AsrError(f"The speech model in {path} is damaged and cannot be loaded: delete the folder and "
                           f"run `ivr models download ja-small` again.") from None
        self._vosk = vosk
        self.path = path
        self.sample_rate = _sample_rate(path)
        # Runtime grammars need a lookahead graph (Gr.fst + HCLr.fst); big static-graph models have none.
        self.supports_grammar = (path / "graph" / "Gr.fst").is_file() and (path / "graph" / "HCLr.fst").is_file()

    def known(self, word: str) -> bool:
        return self.model.vosk_model_find_word(word) != -1

    def grammar(self, phrases: tuple[str, ...] | list[str]) -> list[str] | None:
        """Phrases rewritten as space-separated tokens the model knows (Vosk splits grammar phrases on
        spaces and drops unknown words), or None when the model takes no grammar."""
        if not self.supports_grammar or not phrases:
            return None
        built = [self._tokens(phrase) for phrase in phrases]
        kept = list(dict.fromkeys(p for p in built if p))
        if self.known("[unk]"):
            kept.append("[unk]")
        return kept or None

    def _tokens(self, phrase: str) -> str:
        """Each space-separated chunk segmented into the fewest vocabulary words; chunks the model cannot
        spell are left out (Vosk would drop them anyway, with a warning)."""
        tokens: list[str] = []
        for chunk in _PUNCT.split(phrase.strip().lower()):
            tokens += _segment(chunk, self.known) or [] if chunk else []
        return " ".join(tokens)

    def new_stream(self, phrases: tuple[str, ...] = ()) -> "Stream":
        # A new recogniser per utterance: SetGrammar on a running recogniser aborts the process.
        grammar = self.grammar(phrases)
        free = self._vosk.KaldiRecognizer(self.model, self.sample_rate)
        free.SetWords(True)
        biased = None
        if grammar:
            biased = self._vosk.KaldiRecognizer(self.model, self.sample_rate, json.dumps(grammar, ensure_ascii=False))
            biased.SetWords(True)
        return Stream(free, biased)

    def recognise(self, pcm16: bytes, phrases: tuple[str, ...] = ()) -> Heard:
        stream = self.new_stream(phrases)
        for start in range(0, len(pcm16), 8000):
            stream.feed(pcm16[start:start + 8000])
        return stream.final()


class Stream:
    """One utterance fed to a free recogniser and, where possible, a grammar-biased one."""

    def __init__(self, free, biased):
        self.free, self.biased = free, biased

    def feed(self, chunk: bytes) -> bool:
        """True when the free recogniser detects the end of the utterance."""
        if self.biased is not None:
            self.biased.AcceptWaveform(chunk)
        return bool(self.free.AcceptWaveform(chunk))

    def partial(self) -> str:
        return json.loads(self.free.PartialResult()).get("partial", "")

    def final(self) -> Heard:
        free = _heard(self.free.FinalResult())
        if self.biased is not None:
            biased = _heard(self.biased.FinalResult())
            words = biased.text.replace("[unk]", "").strip()
            if words and (biased.confidence or 0) >= GRAMMAR_CONFIDENCE:
                return Heard(words, biased.confidence)
        return free


def _heard(raw: str) -> Heard:
    result = json.loads(raw)
    words = [w for w in result.get("result", []) if w.get("word") != "[unk]"]
    confidence = sum(w["conf"] for w in words) / len(words) if words else None
    return Heard(result.get("text", "").strip(), confidence)


def _segment(chunk: str, known) -> list[str] | None:
    """Fewest-token segmentation of `chunk` into known words (dynamic programming over positions)."""
    cached = lru_cache(maxsize=None)(known)
    best: list[list[str] | None] = [None] * (len(chunk) + 1)
    best[0] = []
    for end in range(1, len(chunk) + 1):
        for start in range(max(0, end - MAX_TOKEN_CHARS), end):
            if best[start] is not None and cached(chunk[start:end]):
                candidate = best[start] + [chunk[start:end]]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[-1]
