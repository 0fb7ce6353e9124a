"""Cost of one caller turn (understanding + dialog step), median and p99, on this machine.

Run: .venv/bin/python bench/dialog.py [--rounds N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ivr.actions import Speech  # noqa: E402
from ivr.catalogue import load  # noqa: E402
from ivr.dialog import Assistant  # noqa: E402
from ivr.hours import TOKYO  # noqa: E402
from ivr.understanding import reading  # noqa: E402

CALLS = [
    ["楽天カードをなくしました"],
    ["えーと、すみません、楽天カードなんですけど", "カードを落としたみたいで"],
    ["アメックスのゴールドプリファード", "利用明細を確認したい"],
    ["アマゾン で 買っ た もの が 届か ない"],
    ["荷物が届かないんですけど", "はい"],
    ["楽天カードじゃなくてアメックス", "なくしてはいないんですが、暗証番号を忘れました"],
    ["JCBカードをなくしました", "アマゾン", "返品したい"],
    ["ふにゃふにゃ", "あめくす", "はい", "ポイント"],
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    assistant = Assistant(load(Path(__file__).resolve().parent.parent / "providers.yaml"))
    now = dt.datetime(2026, 11, 24, 19, 0, tzinfo=TOKYO)
    timings = []
    for _ in range(args.rounds):
        for turns in CALLS:
            state, _ = assistant.start(now)
            for turn in turns:
                reading.cache_clear()  # real transcripts rarely repeat exactly: measure the uncached path
                started = time.perf_counter()
                state, _ = assistant.step(state, Speech(turn), now)
                timings.append((time.perf_counter() - started) * 1000)
                if state.phase in ("done", "transferring"):
                    break
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"caller turns: {len(timings)}")
    print(f"median: {statistics.median(timings):.3f} ms   p99: {p99:.3f} ms   max: {timings[-1]:.3f} ms")
    print("target: median under 2 ms")


if __name__ == "__main__":
    main()
