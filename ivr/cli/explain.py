"""`ivr explain "TEXT" [--at ISO] [--from E164]`: how one caller sentence is understood, stage by stage, and
what the assistant does with it at that moment for that caller."""
from __future__ import annotations

import argparse

from ..core.call import play
from ..core.hours import parse_moment
from ..core.privacy import mask_digits, mask_number
from ..ja import assistant as japanese_assistant
from .common import add_at, add_providers, load_or_exit


def register(sub: argparse._SubParsersAction) -> None:
    ex = sub.add_parser("explain", help="show how a sentence is understood: stages, words, rules, weights")
    ex.add_argument("text", metavar="TEXT", help="what the caller says")
    add_at(ex)
    ex.add_argument("--from", dest="caller", metavar="E164", help="caller's number in E.164")
    add_providers(ex)
    ex.set_defaults(func=cmd_explain)


def cmd_explain(args: argparse.Namespace) -> int:
    assistant = japanese_assistant(load_or_exit(args.providers))
    heard = assistant.language.understand(args.text)
    print(f"「{mask_digits(heard.text)}」")  # a card number said aloud is never printed whole
    for line in explanation(heard):
        print(mask_digits(line))
    now = args.at or parse_moment(None)
    record = play(assistant, [args.text], now, args.caller, auto_yes=True)
    print(f"\nat {now.isoformat(timespec='minutes')}" + (f" from {mask_number(args.caller)}" if args.caller else ""))
    for event in record.events[1:]:
        if event["who"] == "assistant":
            print(f"  assistant: {event['say']}")
        elif event.get("auto"):
            print(f"  caller (confirming): {event['text']}")
    outcome = record.outcome
    print(f"outcome: {outcome['outcome']}" + "".join(
        f", {key} {outcome[key]}" for key in ("provider", "problem", "number") if outcome.get(key)))
    return 0


def explanation(heard) -> list[str]:
    """The trace, then what it comes to."""
    lines = [f"  {line}" for line in trace_lines(heard.trace)] or ["  (no word of the lexicon or catalogue found)"]
    summary = {"providers": ", ".join(heard.providers), "problems": ", ".join(f"{p}/{k}" for p, k in heard.problems.items()),
               "to confirm": ", ".join(sorted(heard.unsure)), "not covered": ", ".join(heard.not_covered),
               "abroad": {True: "yes", False: "no"}.get(heard.abroad, ""), "command": heard.command or "",
               "yes/no": {True: "yes", False: "no"}.get(heard.yes, "")}
    lines.append("understood: " + ("; ".join(f"{k}: {v}" for k, v in summary.items() if v) or "nothing"))
    return lines



def trace_lines(trace) -> list[str]:
    """The trace, one line per step; a step that applies alike to several providers is one line naming them."""
    grouped: list[tuple[object, list[str]]] = []
    for evidence in trace:
        last = grouped[-1][0] if grouped else None
        same = last is not None and (last.stage, last.rule, last.words, last.weight) == (
            evidence.stage, evidence.rule, evidence.words, evidence.weight)
        if same and "/" in evidence.target and "/" in last.target:
            grouped[-1][1].append(evidence.target)
        else:
            grouped.append((evidence, [evidence.target]))
    return [_line(evidence, targets) for evidence, targets in grouped]


def _line(evidence, targets: list[str]) -> str:
    if len(targets) > 1:  # rakuten_card/statement, amex/statement -> statement (rakuten_card, amex)
        kinds = list(dict.fromkeys(t.split("/")[1] for t in targets))
        owners = ", ".join(t.split("/")[0] for t in targets)
        target = f"{'/'.join(kinds)} ({owners})" if len(kinds) == 1 else ", ".join(targets)
        evidence = type(evidence)(evidence.stage, evidence.rule, evidence.words, target, evidence.weight)
    return str(evidence)
