"""Seconds until the number is in the caller's ear: standard calls played through the dialog, every assistant
sentence synthesised with Open JTalk (pyopenjtalk, the `test` extra) at its normal speed.

Run: .venv/bin/python bench/time_to_number.py [--all] [--providers PATH] [--transcript]

Per call: seconds until the number starts, until it has been heard once completely, seconds the assistant
spoke in the whole call, and the caller's turns. The caller answers when the assistant stops talking (no
barge-in); a silence lasts as long as the phone adapter waits (VoiceSettings); see ivr/timing.py.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from ivr.core.catalogue import load, shipped_path  # noqa: E402
from ivr.ja import assistant as japanese_assistant  # noqa: E402
from ivr.phone.twiml import VoiceSettings  # noqa: E402
from timing import MORE_CALLS, STANDARD_CALLS, OpenJTalkClock, morae, run  # noqa: E402


def silence_for(settings: VoiceSettings):
    """The Gather timeout the phone adapter gives this question."""
    return lambda ask: settings.menu_after if getattr(ask, "menu_on_silence", False) else settings.gather_timeout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="more calls than the four standard ones")
    parser.add_argument("--providers", default=str(shipped_path()), help="catalogue file")
    parser.add_argument("--transcript", action="store_true", help="print when each sentence starts")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    assistant = japanese_assistant(load(args.providers))
    clock = OpenJTalkClock()
    calls = STANDARD_CALLS + (MORE_CALLS if args.all else ())
    timings = run(assistant, calls, clock, silence_for(VoiceSettings()))
    print(f"{'call':34} {'number starts':>13} {'heard once':>10} {'spoken':>7} {'turns':>5}  goal   outcome")
    for t in timings:
        starts = f"{t.number_starts:.1f} s" if t.number_starts is not None else "-"
        heard = f"{t.number_heard:.1f} s" if t.number_heard is not None else "-"
        goal = f"≤ {t.call.goal:.0f} s" if t.call.goal else ""
        met = "" if not t.call.goal or t.number_starts is None else (" ok" if t.number_starts <= t.call.goal else " MISSED")
        print(f"{t.call.name:34} {starts:>13} {heard:>10} {t.spoken:>5.1f} s {t.caller_turns:>5}  {goal:6}{met:7} "
              f"{t.outcome['outcome']}")
        if args.transcript:
            for at, who, what in t.transcript:
                print(f"    {at:5.1f}  {who:9} {what}")
    said = [text for t in timings for text in t.speech]
    seconds = sum(clock.seconds(text) for text in said)
    print(f"Open JTalk speaks these sentences at {sum(morae(text) for text in said) / seconds:.1f} morae/s "
          "(silence at the ends of each sentence included)")


if __name__ == "__main__":
    main()
