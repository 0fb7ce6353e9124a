"""`ivr local`: rehearse a call by voice, offline (Vosk in, pyttsx3 out)."""
from __future__ import annotations

import argparse
import json
import sys

from .common import add_at, add_providers, load_or_exit


def register(sub: argparse._SubParsersAction) -> None:
    local = sub.add_parser("local", help="talk to the assistant through a microphone, WAV files or typed text")
    mode = local.add_mutually_exclusive_group()
    mode.add_argument("--mic", action="store_true", help="listen on the default microphone (default)")
    mode.add_argument("--wav", nargs="+", metavar="FILE", help="each file is the caller's next turn")
    mode.add_argument("--text", action="store_true", help="type the caller's turns; answers are still spoken")
    local.add_argument("--model", help="Vosk model folder (default: the Japanese model in voice_models/)")
    local.add_argument("--save-audio", metavar="DIR", help="write each answer to DIR/answer-NNN.wav instead of playing")
    add_at(local)
    local.add_argument("--from", dest="from", help="caller's number in E.164")
    local.add_argument("--json", action="store_true", help="the JSON lines of `ivr simulate`, with what was heard")
    add_providers(local)
    local.set_defaults(func=cmd_local)


def cmd_local(args: argparse.Namespace) -> int:
    from ..core.call import play
    from ..core.hours import parse_moment
    from ..ja import assistant as japanese_assistant
    from ..simulation import print_human, typed_turns
    from ..voice.asr import AsrError, Recogniser, find_model
    from ..voice.local import Listening, microphone_turns, open_microphone, speaking, wav_turns
    from ..voice.tts import Speaker, TtsError

    assistant = japanese_assistant(load_or_exit(args.providers))
    now = args.at or parse_moment(None)
    listening = Listening()
    try:
        if args.text:
            turns = typed_turns()
        else:
            recogniser = Recogniser(find_model(args.model))
            if not args.wav:
                open_microphone(recogniser.sample_rate)  # no device: say so before the greeting
            turns = wav_turns(recogniser, args.wav, listening) if args.wav else microphone_turns(recogniser, listening)
        speaker = Speaker(args.save_audio)
        emit = (lambda e: print(json.dumps(e, ensure_ascii=False), flush=True)) if args.json else print_human
        record = play(assistant, turns, now, getattr(args, "from"), False, emit, speaking(speaker, listening))
    except (AsrError, TtsError) as error:
        print(f"ivr local: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(record.outcome, ensure_ascii=False))
    else:
        print(f"--- 結果: {json.dumps(record.outcome, ensure_ascii=False)}")
    if args.save_audio:
        print(f"{len(listening.said)} answers written to {args.save_audio}", file=sys.stderr)
    return 0
