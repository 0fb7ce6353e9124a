"""Understanding stays a pipeline of small stages: no function in ivr/ja grows past a cyclomatic complexity of
15 (measured by radon, the maintained tool; rules that accrete into one function are how it went wrong before)."""
from pathlib import Path

from radon.complexity import cc_visit

from conftest import ROOT

LIMIT = 15


def test_no_function_in_the_language_package_is_too_complex():
    too_complex = []
    for path in sorted((ROOT / "ivr" / "ja").rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if block.complexity > LIMIT:
                too_complex.append(f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname} ({block.complexity})")
    assert not too_complex, too_complex


def test_the_measure_sees_a_complex_function():
    branches = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(LIMIT + 1))
    assert max(b.complexity for b in cc_visit(f"def f(x):\n{branches}\n")) > LIMIT
