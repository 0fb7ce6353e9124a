"""Cost of one caller turn (understanding + dialog step), median and p99, and of a long rambling turn.

Run: .venv/bin/python bench/dialog.py [--rounds N]
Targets (issue 9): one caller turn under 3 ms median, a 300-character turn under 10 ms.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ivr.core.actions import Speech  # noqa: E402
from ivr.core.catalogue import load  # noqa: E402
from ivr.core.hours import TOKYO  # noqa: E402
from ivr.ja import assistant as japanese_assistant  # noqa: E402
from ivr.ja.analysis import analyse, long_units  # noqa: E402

CALLS = [
    ["楽天カードをなくしました"],
    ["えーと、すみません、楽天カードなんですけど", "カードを落としたみたいで"],
    ["アメックスのゴールドプリファード", "利用明細を確認したい"],
    ["アマゾン で 買っ た もの が 届か ない"],
    ["荷物が届かないんですけど", "はい"],
    ["楽天カードじゃなくてアメックス", "なくしてはいないんですが、暗証番号を忘れました"],
    ["JCBカードをなくしました", "アマゾン", "返品したい"],
    ["ふにゃふにゃ", "アメックッス", "はい", "ポイント"],
]
LONG = ("もしもし、あのですね、わたくし今年で八十になるんですけどもね、きのう孫の運動会を見に行きまして、帰りにスーパーに"
        "寄って買い物をしたんですよ。それでね、家に帰ってお財布を見たら楽天カードが見当たらないんです。スーパーにも電話"
        "したんですけど届いてないって言われましてね、もう心配で心配で、どうしたらいいでしょうか。カードを止めてもらうには"
        "どうしたらいいのか教えていただけますか。すみませんね、こんな話で。よろしくお願いします、本当に困っているんです。")


def uncached(assistant) -> None:
    """Real transcripts rarely repeat exactly: measure the uncached path (the analyser's and the language's)."""
    analyse.cache_clear()
    long_units.cache_clear()
    assistant.language.understand.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    assistant = japanese_assistant(load(ROOT / "providers.yaml"))
    now = dt.datetime(2026, 11, 24, 19, 0, tzinfo=TOKYO)
    timings, long_timings = [], []
    for _ in range(args.rounds):
        for turns in CALLS:
            state, _ = assistant.start(now)
            for turn in turns:
                uncached(assistant)
                started = time.perf_counter()
                state, _ = assistant.step(state, Speech(turn), now)
                timings.append((time.perf_counter() - started) * 1000)
                if state.phase in ("done", "transferring"):
                    break
        state, _ = assistant.start(now)
        uncached(assistant)
        started = time.perf_counter()
        assistant.step(state, Speech(LONG[:300]), now)
        long_timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"caller turns: {len(timings)}")
    print(f"median: {statistics.median(timings):.3f} ms   p99: {p99:.3f} ms   max: {timings[-1]:.3f} ms"
          "   (target: median under 3 ms)")
    print(f"300-character turn: median {statistics.median(long_timings):.3f} ms   max {max(long_timings):.3f} ms"
          "   (target: under 10 ms)")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ivr", "simulate", "--at", "2026-11-24T10:00", "--", "楽天カードをなくしました"],
                   check=True, capture_output=True, cwd=ROOT)
    print(f"`ivr simulate` one call, start to end: {time.perf_counter() - started:.2f} s   (target: under 1 s)")


if __name__ == "__main__":
    main()
