"""Text simulation of calls: the adapter that tests and people use to rehearse call flows.

The call loop itself is `ivr.core.call.play`; this module reads typed turns, prints calls, and reads and
scores files of scripted calls (the format of ../shared/calls-dev.jsonl).
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from typing import Iterator

from .core.call import play
from .core.dialog import Assistant
from .core.hours import parse_moment


def typed_turns(prompt: str = "発信者> ") -> Iterator[str]:
    """Turns typed at the keyboard with line editing and history, one per line; Ctrl-D or Ctrl-C hangs up.
    The prompt goes to stderr when stdout is not the terminal, so that --json output stays clean."""
    try:
        import readline  # noqa: F401  (installing it gives input() editing and history)
    except ImportError:  # not on every platform
        pass
    to_terminal = sys.stdout.isatty()
    while True:
        try:
            if to_terminal:
                line = input(prompt)
            else:
                sys.stderr.write(prompt)
                sys.stderr.flush()
                line = input()
        except (EOFError, KeyboardInterrupt):
            sys.stderr.write("\n")
            return
        yield line


def piped_turns(stream=None) -> Iterator[str]:
    """One turn per line of a pipe: `printf '楽天カード\\n紛失\\n' | ivr simulate`."""
    for line in stream or sys.stdin:
        yield line.rstrip("\r\n")


def print_human(event: dict, echo_caller: bool = True) -> None:
    if event["who"] == "caller":
        if echo_caller or event.get("auto"):
            what = f"[キー {event['dtmf']}]" if "dtmf" in event else (event["text"] or "(無言)")
            print(f"  発信者: {what}{' (自動)' if event.get('auto') else ''}")
        return
    print(f"アシスタント: {event['say']}")
    if "sms" in event:
        print(f"  >>> SMS to {event['sms']['to']}:\n{event['sms']['body']}")
    if "transfer" in event:
        print(f"  >>> {event['transfer']} に転送 ({event['line']})")
    if event.get("end"):
        print("  (通話終了)")
    sys.stdout.flush()


class CaseError(Exception):
    """A case file that cannot be used, as `FILE:LINE: message`."""


@dataclass(frozen=True)
class Case:
    id: str
    turns: list
    at: str | None
    caller: str | None
    expect: dict
    cat: str | None
    where: str  # FILE:LINE


def read_cases(path: str) -> list[Case]:
    try:
        with open(path, encoding="utf-8") as handle:
            raw_lines = handle.read().splitlines()
    except OSError as error:
        raise CaseError(f"{path}:1: cannot read the case file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise CaseError(f"{path}:1: the case file is not UTF-8 text") from None
    cases, faults = [], []
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            faults.append(f"{where}: not a JSON object ({error.msg})")
            continue
        problem = _case_problem(data)
        if problem:
            faults.append(f"{where}: {problem}")
            continue
        at = data.get("at")
        try:
            parse_moment(at)
        except (ValueError, TypeError):
            faults.append(f"{where}: 'at' {at!r} is not an ISO-8601 moment")
            continue
        cases.append(Case(str(data.get("id", f"line{number}")), data["turns"], at, data.get("from"),
                          data["expect"], data.get("cat"), where))
    if faults:
        raise CaseError("\n".join(faults))
    return cases


def _case_problem(data: object) -> str | None:
    if not isinstance(data, dict):
        return "not a JSON object"
    if "expect" not in data:
        return "the case has no 'expect'"
    expect = data["expect"]
    if not isinstance(expect, dict) or not isinstance(expect.get("outcome"), str):
        return "'expect' needs an 'outcome'"
    if not isinstance(expect.get("numbers", []), list):
        return "'expect.numbers' must be a list"
    if not isinstance(data.get("turns"), list) or not all(isinstance(t, str) for t in data["turns"]):
        return "'turns' must be a list of texts"
    return None


@dataclass(frozen=True)
class Result:
    case: Case
    got: dict
    ok: bool
    wrong_transfer: bool
    caller_turns: int
    urgent_closed: bool = False  # an urgent caller told "closed" while the line they should reach is open


def run_case(assistant: Assistant, case: Case) -> Result:
    record = play(assistant, case.turns, parse_moment(case.at), case.caller, auto_yes=True)
    got = record.outcome
    numbers = case.expect.get("numbers", [])
    number_ok = got["number"] in numbers if numbers else got["number"] is None
    ok = got["outcome"] == case.expect["outcome"] and number_ok
    wrong = got["outcome"] == "transfer" and not (case.expect["outcome"] == "transfer" and number_ok)
    turns = sum(1 for e in record.events if e["who"] == "caller")
    urgent_closed = (got["outcome"] == "closed" and case.expect["outcome"] == "transfer"
                     and _urgent_case(assistant, case))
    return Result(case, got, ok, wrong, turns, urgent_closed)


def _urgent_case(assistant: Assistant, case: Case) -> bool:
    """The case expects an urgent problem, or a line that acts on urgent problems around the clock."""
    expected = set(case.expect.get("numbers", []))
    catalogue = assistant.catalogue
    kind = catalogue.kind(case.expect.get("problem"))
    if kind is not None:
        return kind.urgent
    return any(line.e164 in expected and line.urgent and line.hours.always
               for provider in catalogue.providers for line in provider.lines)


def summary(results: list[Result]) -> dict:
    return {"cases": len(results), "routed_correctly": sum(r.ok for r in results),
            "wrong_transfers": sum(r.wrong_transfer for r in results)}
