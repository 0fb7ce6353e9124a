"""`ivr eval FILE...`: how well calls are understood and routed, by category, provider and problem.

Each case is played as `ivr simulate --json --yes` would (every yes/no answered はい). A case may give
`expect.problem`; otherwise the expected line (its number) stands for what should have been understood.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict

from ..ja import assistant as japanese_assistant
from ..simulation import CaseError, read_cases, run_case, summary
from ..core.privacy import mask_digits
from .common import add_providers, load_or_exit
from .explain import trace_lines


def register(sub: argparse._SubParsersAction) -> None:
    ev = sub.add_parser("eval", help="score scripted calls: accuracy by category and problem, wrong transfers")
    ev.add_argument("files", nargs="+", metavar="FILE", help="JSON-lines files of scripted calls")
    ev.add_argument("--json", action="store_true", help="one JSON object with every figure")
    ev.add_argument("--min-accuracy", type=float, default=None, metavar="PCT",
                    help="exit 1 when routed-right falls below PCT percent (wrong transfers and urgent callers "
                         "told 'closed' always fail)")
    ev.add_argument("--no-trace", action="store_true", help="do not print how each missed call was understood")
    add_providers(ev)
    ev.set_defaults(func=cmd_eval)


def cmd_eval(args: argparse.Namespace) -> int:
    catalogue = load_or_exit(args.providers)
    assistant = japanese_assistant(catalogue)
    owner = {line.e164: (p.id, line.id) for p in catalogue.providers for line in p.lines}
    try:
        cases = [case for path in args.files for case in read_cases(path)]
    except CaseError as error:
        print(error, file=sys.stderr)
        return 2
    results = [run_case(assistant, case) for case in cases]
    report = _report(results, owner, assistant)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print(report, trace=not args.no_trace)
    total = report["total"]
    if total["wrong_transfers"] or total["urgent_told_closed"]:
        return 1
    if args.min_accuracy is not None and total["accuracy"] < args.min_accuracy:
        return 1
    return 0


def _expected(case, owner) -> str:
    if case.expect.get("problem"):
        return case.expect["problem"]
    numbers = case.expect.get("numbers") or []
    if not numbers:
        return case.expect["outcome"]
    return "/".join(sorted({":".join(owner.get(n, ("?", n))) for n in numbers}))


def _got(result, owner) -> str:
    got = result.got
    if got["problem"] and result.case.expect.get("problem"):
        return got["problem"]
    if got["number"]:
        return ":".join(owner.get(got["number"], ("?", got["number"])))
    return got["outcome"]


def _report(results, owner, assistant) -> dict:
    def score(group) -> dict:
        n = len(group)
        right = sum(r.ok for r in group)
        return {"cases": n, "routed_right": right, "accuracy": round(100 * right / n, 1) if n else 0.0,
                "wrong_transfers": sum(r.wrong_transfer for r in group),
                "urgent_told_closed": sum(r.urgent_closed for r in group)}

    by_category, by_expected = defaultdict(list), defaultdict(list)
    confusion: Counter = Counter()
    for r in results:
        by_category[r.case.cat or "-"].append(r)
        expected = _expected(r.case, owner)
        by_expected[expected].append(r)
        if not r.ok:
            confusion[(expected, _got(r, owner))] += 1
    totals = {**score(results), **{k: v for k, v in summary(results).items() if k == "cases"}}
    totals["mean_caller_turns"] = round(sum(r.caller_turns for r in results) / len(results), 2) if results else 0
    return {
        "total": totals,
        "by_category": {k: score(v) for k, v in sorted(by_category.items())},
        "by_expected": {k: score(v) for k, v in sorted(by_expected.items())},
        "confusion": [{"expected": e, "got": g, "count": n} for (e, g), n in confusion.most_common()],
        "wrong_transfers": [{"id": r.case.id, "where": r.case.where, "expected": r.case.expect, "got": r.got}
                            for r in results if r.wrong_transfer],
        "urgent_told_closed": [{"id": r.case.id, "where": r.case.where, "expected": r.case.expect, "got": r.got}
                               for r in results if r.urgent_closed],
        "failures": [{"id": r.case.id, "where": r.case.where, "cat": r.case.cat, "expected": r.case.expect,
                      "got": r.got, "trace": _traces(assistant, r.case)} for r in results if not r.ok],
    }


def _traces(assistant, case) -> dict[str, list[str]]:
    """How each spoken turn of a missed call was understood (caller's digits masked)."""
    spoken = [t for t in case.turns if t.strip() and not t.startswith("dtmf:") and not t.strip().isdigit()]
    return {mask_digits(t): [mask_digits(line) for line in trace_lines(assistant.language.understand(t).trace)]
            for t in spoken}


def _print(report: dict, trace: bool = True) -> None:
    total = report["total"]
    print(f"{'category':<28} {'cases':>5} {'right':>5} {'acc%':>6} {'wrong':>5}")
    for name, s in report["by_category"].items():
        print(f"{name:<28} {s['cases']:>5} {s['routed_right']:>5} {s['accuracy']:>6} {s['wrong_transfers']:>5}")
    print()
    print(f"{'expected (problem or line)':<44} {'cases':>5} {'acc%':>6}")
    for name, s in report["by_expected"].items():
        print(f"{name:<44} {s['cases']:>5} {s['accuracy']:>6}")
    if report["confusion"]:
        print("\nconfusion (expected -> understood), failures only:")
        for row in report["confusion"]:
            print(f"  {row['count']:>3}  {row['expected']} -> {row['got']}")
    if trace and report["failures"]:
        print("\nmisses, and how each turn was understood:")
        for miss in report["failures"]:
            print(f"  {miss['id']} ({miss['where']}): expected {_short(miss['expected'])}, got {_short(miss['got'])}")
            for turn, lines in miss["trace"].items():
                print(f"    「{turn}」")
                for line in lines or ["(nothing found)"]:
                    print(f"      {line}")
    for wrong in report["wrong_transfers"]:
        print(f"WRONG TRANSFER {wrong['id']} ({wrong['where']}): expected {wrong['expected']}, got {wrong['got']}")
    for closed in report["urgent_told_closed"]:
        print(f"URGENT TOLD CLOSED {closed['id']} ({closed['where']}): expected {closed['expected']}, got {closed['got']}")
    print(f"\n{total['routed_right']}/{total['cases']} routed right ({total['accuracy']}%), "
          f"{total['wrong_transfers']} wrong transfers, {total['urgent_told_closed']} urgent callers told closed, "
          f"{total['mean_caller_turns']} caller turns on average")


def _short(outcome: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in outcome.items() if v not in (None, [], ""))
