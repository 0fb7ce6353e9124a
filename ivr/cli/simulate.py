"""`ivr simulate`: play one call in text, or score a file of scripted calls."""
from __future__ import annotations

import argparse
import json
import sys

from ..core.call import play
from ..core.hours import parse_moment
from ..ja import assistant as japanese_assistant
from ..simulation import CaseError, print_human, piped_turns, read_cases, run_case, summary, typed_turns
from .common import add_at, add_providers, caller_number, load_or_exit


def register(sub: argparse._SubParsersAction) -> None:
    sim = sub.add_parser("simulate", help="play one call in text, or a file of scripted calls")
    add_at(sim)
    sim.add_argument("--from", dest="caller", metavar="E164", type=caller_number,
                     help="caller's number in E.164 (+819012345678)")
    sim.add_argument("--yes", action="store_true", help="answer every yes/no question with はい")
    sim.add_argument("--json", action="store_true", help="one JSON object per line")
    add_providers(sim)
    sim.add_argument("--cases", metavar="FILE", help="JSON-lines file of scripted calls to run")
    sim.add_argument("turns", nargs="*",
                     help="what the caller says; 1 or dtmf:12 for keys, '' for silence (none: type or pipe them)")
    sim.set_defaults(func=cmd_simulate)


def cmd_simulate(args: argparse.Namespace) -> int:
    assistant = japanese_assistant(load_or_exit(args.providers))
    if args.cases:
        return _run_cases(assistant, args.cases, args.json)
    now = args.at or parse_moment(None)
    interactive = not args.turns and sys.stdin.isatty()
    if args.json:
        def emit(event: dict) -> None:
            print(json.dumps(event, ensure_ascii=False), flush=True)
    else:
        def emit(event: dict) -> None:
            print_human(event, echo_caller=not interactive)  # a typed turn is on the screen already
    if interactive:
        print("(話す内容を入力して Enter。番号は 1 のように数字だけ、無言は空行、終了は Ctrl-D)", file=sys.stderr)
        turns = typed_turns()
    else:
        turns = args.turns or piped_turns()
    record = play(assistant, turns, now, args.caller, args.yes, emit)
    if args.json:
        print(json.dumps(record.outcome, ensure_ascii=False))
    else:
        print(f"--- 結果: {json.dumps(record.outcome, ensure_ascii=False)}")
    return 0


def _run_cases(assistant, path: str, as_json: bool) -> int:
    try:
        cases = read_cases(path)
    except CaseError as error:
        print(error, file=sys.stderr)
        return 2
    results = []
    for case in cases:
        result = run_case(assistant, case)
        results.append(result)
        if as_json:
            print(json.dumps({"id": case.id, "ok": result.ok, **result.got, "expected": case.expect},
                             ensure_ascii=False))
    total = summary(results)
    if as_json:
        print(json.dumps(total, ensure_ascii=False))
    else:
        failures = [r for r in results if not r.ok]
        if failures:
            print(f"{'case':<10} {'expected':<26} {'got':<26} where")
            for r in failures:
                expected = f"{r.case.expect['outcome']} {','.join(r.case.expect.get('numbers', [])) or '-'}"
                got = f"{r.got['outcome']} {r.got['number'] or '-'}" + (" WRONG TRANSFER" if r.wrong_transfer else "")
                print(f"{r.case.id:<10} {expected:<26} {got:<26} {r.case.where}")
        print(f"{total['routed_correctly']}/{total['cases']} routed correctly, "
              f"{total['wrong_transfers']} wrong transfers")
    return 0 if total["routed_correctly"] == total["cases"] else 1
