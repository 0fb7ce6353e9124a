"""`ivr local`: rehearse a call by voice, offline (Vosk in, pyttsx3 out)."""
from __future__ import annotations

import argparse
import json
import sys

from .common import add_at, add_providers, caller_number, load_or_exit


def register(sub: argparse._SubParsersAction) -> None:
    local = sub.add_parser("local", help="talk to the assistant through a microphone, WAV files or typed text")
    mode = local.add_mutually_exclusive_group()
    mode.add_argument("--mic", action="store_true", help="listen on the default microphone (default)")
    mode.add_argument("--wav", nargs="+", metavar="FILE", help="each file is the caller's next turn")
    mode.add_argument("--text", action="store_true", help="type the caller's turns; answers are still spoken")
    local.add_argument("--model", help="Vosk model folder (default: the Japanese model in voice_models/)")
    local.add_argument("--save-audio", metavar="DIR", help="write each answer to DIR/answer-NNN.wav instead of playing")
    add_at(local)
    local.add_argument("--from", dest="from", metavar="E164", type=caller_number,
                       help="caller's number in E.164 (+819012345678)")
    local.add_argument("--json", action="store_true", help="the JSON lines of `ivr simulate`, with what was heard")
    add_providers(local)
    local.set_defaults(func=cmd_local)


def cmd_local(args: argparse.Namespace) -> int:
    from functools import partial

    from ..core.call import play
    from ..core.hours import parse_moment
    from ..ja import assistant as japanese_assistant
    from ..simulation import print_human, typed_turns
    from ..voice.asr import AsrError, model_language, model_sample_rate, not_japanese
    from ..voice.loading import load_recogniser
    from ..voice.local import Listening, microphone_turns, open_microphone, speaking, wav_turns
    from ..voice.tts import Speaker, TtsError

    def warn(message: str) -> None:
        print(f"ivr local: {message}", file=sys.stderr, flush=True)

    listening = Listening()
    try:
        model, faults = (None, []) if args.text else _check_arguments(args)
        for fault in faults:
            print(f"ivr local: {fault}", file=sys.stderr)
        if faults:
            return 2
        language = None
        if model is not None:
            language = model_language(model)
            if language not in (None, "ja"):
                warn(not_japanese(model, language))
        assistant = japanese_assistant(load_or_exit(args.providers))
        now = args.at or parse_moment(None)
        if model is not None and not args.wav:
            open_microphone(model_sample_rate(model))  # no device: say so before the model loads
        speaker = Speaker(args.save_audio, warn=warn)
        if args.text:
            turns = typed_turns()
        else:
            recogniser = load_recogniser(model)
            if language is None and not recogniser.knows_japanese():
                warn(not_japanese(model, None))
            turns = wav_turns(recogniser, args.wav, listening) if args.wav else microphone_turns(recogniser, listening)
        if args.json:
            show = lambda e: print(json.dumps(e, ensure_ascii=False), flush=True)  # noqa: E731
        else:
            show = partial(print_human, echo_caller=not (args.text and sys.stdin.isatty()))  # typed: on screen
        on_answer, on_event = speaking(speaker, listening, show)
        record = play(assistant, turns, now, getattr(args, "from"), False, on_event, on_answer)
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


def _check_arguments(args: argparse.Namespace):
    """The model folder, and every fault a person can fix in the arguments, found in milliseconds so that
    all of them are told at once, before the model loads or the assistant speaks."""
    from ..voice.asr import AsrError, check_audio, check_model, find_model

    model, faults = None, []
    for path in args.wav or ():
        try:
            check_audio(path)
        except AsrError as fault:
            faults.append(fault)
    try:
        model = check_model(find_model(args.model))
    except AsrError as fault:
        faults.append(fault)
    return model, faults
