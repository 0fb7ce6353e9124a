"""Offline speech recognition with Vosk, biased toward the catalogue's vocabulary.

Vosk is imported here only, where it is used. Every failure a person can fix (no model, a broken model,
an unreadable audio file) becomes an AsrError with one sentence saying what to do.
"""
from __future__ import annotations

import json
import os
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]  # the checkout (voice_models/ beside ivr/)
GRAMMAR_CONFIDENCE = 0.7  # a grammar-constrained result below this mean word confidence yields to free speech
MAX_TOKEN_CHARS = 8
WARM_GRAMMARS = 8  # grammar recognisers kept warm; a call asks a handful of different questions
JAPANESE_MODEL = "vosk-model-small-ja-0.22"  # what `ivr models download ja-small` fetches
MODELS_PAGE = "https://alphacephei.com/vosk/models"
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
    japanese = [p for p in installed_models() if model_language(p) == "ja"]
    small_first = sorted(japanese, key=lambda p: "small" not in p.name)
    if not small_first:
        raise AsrError(f"No Japanese speech model in {models_dir()}: run `ivr models download ja-small` "
                       f"(or pass --model DIR, or use --text).")
    return small_first[0]


def check_model(path: str | Path) -> Path:
    """The model folder as far as can be told without loading it (loading takes seconds): an AsrError
    saying what to do when it is missing, empty, a zip archive, or holds the model one level down."""
    path = Path(path)
    fetch = "run `ivr models download ja-small` or pass --model DIR"
    if not path.exists():
        raise AsrError(f"Speech model folder {path} does not exist: {fetch}.")
    if not path.is_dir():
        unzip = " (unzip it into voice_models/ first)" if path.suffix == ".zip" else ""
        raise AsrError(f"{path} is a file, not a speech model folder{unzip}: {fetch}.")
    if not any(path.iterdir()):
        raise AsrError(f"Speech model folder {path} is empty: {fetch}, or unzip a model archive into it "
                       f"(see voice_models/README.md).")
    if not is_model_dir(path):
        inner = [p for p in path.iterdir() if p.is_dir() and is_model_dir(p)]
        if len(inner) == 1:
            raise AsrError(f"{path} holds the model one folder down: pass --model {inner[0]}.")
        raise AsrError(f"{path} is not a Vosk model (no am/final.mdl): download it again with "
                       f"`ivr models download ja-small`.")
    return path


# Language names in the first line of a model's README ("Small Korean for Vosk ...") and codes in the
# official folder names (vosk-model-small-ja-0.22, vosk-model-en-us-0.22-lgraph, vosk-model-small-cn-0.22).
LANGUAGES = {"ja": "Japanese", "ko": "Korean", "en": "English", "zh": "Chinese", "ru": "Russian",
             "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian",
             "nl": "Dutch", "hi": "Hindi", "vn": "Vietnamese", "tr": "Turkish", "uk": "Ukrainian",
             "ar": "Arabic", "fa": "Persian", "pl": "Polish", "cs": "Czech", "kz": "Kazakh", "sv": "Swedish",
             "ca": "Catalan", "el": "Greek", "uz": "Uzbek", "eo": "Esperanto", "id": "Indonesian",
             "tl": "Filipino", "br": "Breton", "tg": "Tajik", "gu": "Gujarati", "te": "Telugu"}
_CODE_IN_NAME = re.compile(r"vosk-model-(?:small-)?([a-z]{2,3})(?:-|$)")


def model_language(path: str | Path) -> str | None:
    """The model's language code from its folder name or its README, without loading it; None if
    neither says."""
    path = Path(path)
    match = _CODE_IN_NAME.match(path.name.lower())
    if match:
        return {"cn": "zh", "jp": "ja"}.get(match[1], match[1])
    readme = next((p for p in (path / "README", path / "README.md", path / "README.txt") if p.is_file()), None)
    if readme is not None:
        head = readme.read_text(errors="replace")[:400].lower()
        named = [(head.find(name.lower()), code) for code, name in LANGUAGES.items() if name.lower() in head]
        if "日本語" in head:
            named.append((head.find("日本語"), "ja"))
        if named:
            return min(named)[1]
    return None


def not_japanese(path: str | Path, language: str | None) -> str:
    """The warning for a model of another language: what it is, what would fit, how to get it."""
    what = (f"a {LANGUAGES.get(language, language)} speech model" if language
            else "a speech model that knows no Japanese words")
    return (f"{Path(path)} is {what}, not a Japanese one, so Japanese callers will not be understood; a Japanese "
            f"model fits: run `ivr models download ja-small` ({JAPANESE_MODEL}, about 50 MB), or without "
            f"internet copy {JAPANESE_MODEL}.zip from {MODELS_PAGE} onto this machine and unzip it into "
            f"{models_dir()}/ (see voice_models/README.md).")


def model_sample_rate(path: str | Path) -> int:
    for conf in (Path(path) / "conf" / "mfcc.conf", Path(path) / "conf" / "model.conf"):
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


def check_audio(path: str | Path) -> None:
    """That an audio file exists and its header reads, in a millisecond: before the model loads."""
    import soundfile

    if not Path(path).exists():
        raise AsrError(f"Audio file {path} does not exist.")
    if Path(path).is_dir():
        raise AsrError(f"{path} is a folder, not an audio file: give a WAV (or FLAC/OGG) file.")
    try:
        soundfile.info(str(path))
    except (RuntimeError, OSError, soundfile.LibsndfileError) as error:
        raise AsrError(f"Cannot read audio file {path}: {_reason(error)}. Give a WAV (or FLAC/OGG) file.") from None


def read_audio(path: str | Path, target_rate: int) -> bytes:
    import soundfile

    try:
        samples, rate = soundfile.read(str(path), dtype="float32", always_2d=False)
    except (RuntimeError, OSError, soundfile.LibsndfileError) as error:
        raise AsrError(f"Cannot read audio file {path}: {_reason(error)}. Give a WAV (or FLAC/OGG) file.") from None
    return to_pcm16(samples, rate, target_rate)


def _reason(error: Exception) -> str:
    return (getattr(error, "error_string", None) or getattr(error, "strerror", None) or str(error)).rstrip(".")


@dataclass(frozen=True)
class Heard:
    text: str
    confidence: float | None


class Recogniser:
    """A Vosk model, loaded once, and its recognisers, made once and kept warm.

    Vosk composes the decoding graph lazily inside each recogniser, so a new recogniser starts cold and
    decodes its first seconds of speech several times slower than real time; a reused one runs at a
    fraction of it. So there is one free-speech recogniser and one per grammar (never SetGrammar on a
    running recogniser: that aborts the process), each Reset() before the next utterance. One utterance
    at a time: a Recogniser is not to be shared between threads.
    """

    def __init__(self, path: str | Path):
        path = check_model(path)
        import vosk

        vosk.SetLogLevel(-1)
        try:
            self.model = vosk.Model(str(path))
        except Exception:  # vosk raises a bare Exception("Failed to create a model")
            raise AsrError(f"The speech model in {path} is damaged and cannot be loaded: delete the folder and "
                           f"run `ivr models download ja-small` again.") from None
        self._vosk = vosk
        self.path = path
        self.sample_rate = model_sample_rate(path)
        # Runtime grammars need a lookahead graph (Gr.fst + HCLr.fst); big static-graph models have none.
        self.supports_grammar = (path / "graph" / "Gr.fst").is_file() and (path / "graph" / "HCLr.fst").is_file()
        self._free = None
        self._biased: OrderedDict[tuple[str, ...], object] = OrderedDict()
        self._grammars: dict[tuple[str, ...], list[str] | None] = {}
        self._open: Stream | None = None

    def cold(self) -> None:
        """Drop the warm recognisers, as if the model had just loaded (for the benchmark's first utterance)."""
        self._free, self._open = None, None
        self._biased.clear()

    def known(self, word: str) -> bool:
        return self.model.vosk_model_find_word(word) != -1

    def knows_japanese(self) -> bool:
        """Whether the vocabulary has everyday Japanese words (for a model whose name and README are silent)."""
        return sum(self.known(word) for word in ("です", "ます", "はい", "カード", "電話")) >= 2

    def grammar(self, phrases: tuple[str, ...] | list[str]) -> list[str] | None:
        """Phrases rewritten as space-separated tokens the model knows (Vosk splits grammar phrases on
        spaces and drops unknown words), or None when the model takes no grammar."""
        key = tuple(phrases)
        if key not in self._grammars:
            self._grammars[key] = self._build_grammar(key)
        return self._grammars[key]

    def _build_grammar(self, phrases: tuple[str, ...]) -> list[str] | None:
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

    def new_stream(self, phrases: tuple[str, ...] = (), fresh: bool = False) -> "Stream":
        """The next utterance, on the warm recognisers (fresh=True: new ones, as before they were kept,
        for the benchmark's comparison)."""
        if self._open is not None and not self._open.finished:
            self._open.final()  # drop a half-heard utterance, so the next starts as a new one would
        grammar = self.grammar(phrases)
        if fresh:
            free = self._new_recogniser(None)
            biased = self._new_recogniser(grammar) if grammar else None
        else:
            free = self._warm(None)
            biased = self._warm(tuple(grammar)) if grammar else None
        self._open = Stream(free, biased)
        return self._open

    def _warm(self, grammar: tuple[str, ...] | None):
        if grammar is None:
            if self._free is None:
                self._free = self._new_recogniser(None)
            recogniser = self._free
        else:
            recogniser = self._biased.pop(grammar, None) or self._new_recogniser(list(grammar))
            self._biased[grammar] = recogniser  # most recently used last
            while len(self._biased) > WARM_GRAMMARS:
                self._biased.popitem(last=False)
        recogniser.Reset()
        return recogniser

    def _new_recogniser(self, grammar: list[str] | None):
        if grammar:
            recogniser = self._vosk.KaldiRecognizer(self.model, self.sample_rate,
                                                    json.dumps(grammar, ensure_ascii=False))
        else:
            recogniser = self._vosk.KaldiRecognizer(self.model, self.sample_rate)
        recogniser.SetWords(True)
        return recogniser

    def recognise(self, pcm16: bytes, phrases: tuple[str, ...] = (), fresh: bool = False) -> Heard:
        stream = self.new_stream(phrases, fresh)
        for start in range(0, len(pcm16), 8000):
            stream.feed(pcm16[start:start + 8000])
        return stream.final()


class Stream:
    """One utterance fed to a free recogniser and, where possible, a grammar-biased one."""

    def __init__(self, free, biased):
        self.free, self.biased = free, biased
        self.finished = False

    def feed(self, chunk: bytes) -> bool:
        """True when the free recogniser detects the end of the utterance."""
        if self.biased is not None:
            self.biased.AcceptWaveform(chunk)
        return bool(self.free.AcceptWaveform(chunk))

    def partial(self) -> str:
        return json.loads(self.free.PartialResult()).get("partial", "")

    def final(self) -> Heard:
        self.finished = True
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
