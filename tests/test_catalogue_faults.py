"""Catalogue input a person can get wrong: each gives exactly one `PATH:LINE: message` fault (or one sentence
for a bad argument) and exit status 2. Never a traceback, never a hang."""
import os
import re
import subprocess
import sys

import pytest

from conftest import PROVIDERS, ROOT

SHIPPED = PROVIDERS.read_text(encoding="utf-8")
AMEX_HOURS = "          holidays: closed\n        cost: free"


def line_of(text, needle):
    return text[:text.index(needle)].count("\n") + 1


# (what the issue found, how the shipped catalogue is broken, the text on the faulty line, the message)
FAULTS = [
    ("full-width digits", ("number: 0120-86-6910", "number: ０１２０-８６-６９１０"), "０１２０",
     "full-width or other non-ASCII digits (write 0120-86-6910)"),
    ("the leading 0 dropped", ("number: 0570-66-6910", "number: 570-66-6910"), "570-66-6910",
     "in Japan a number starts with 0"),
    ("a premium 0990 number", ("number: 0120-899-543", "number: 0990-123-456"), "0990-123-456",
     "premium-rate (0990)"),
    ("+81 (0)3", ("number: +81-3-6625-9100", "number: +81 (0)3-6625-9100"), "+81 (0)3",
     "keeps the trunk 0 after +81: write +81-3-6625-9100"),
    ("February 30", (AMEX_HOURS, AMEX_HOURS.replace("closed\n", 'closed\n          closed_dates: ["02-30"]\n')),
     '"02-30"', "'02-30' is not a date: month 2 has no day 30"),
    ("April 31", (AMEX_HOURS, AMEX_HOURS.replace("closed\n", 'closed\n          closed_dates: ["12-31", "04-31"]\n')),
     '"04-31"', "'04-31' is not a date: month 4 has no day 31"),
    ("BEL in a name", ("name: 楽天カードコンタクトセンター", 'name: "楽天カード\\aコンタクトセンター"'), "\\a",
     "control character U+0007"),
    ("ESC in a name", ("name: Amazonカスタマーサービス", 'name: "\\e[31mAmazon"'), "\\e[31m",
     "control character U+001B"),
    ("NUL in a name", ("name: チャット\n", 'name: "チャット\\0"\n'), "\\0", "control character U+0000"),
    ("a lone surrogate", ("name: 楽天カード紛失・盗難デスク\n", 'name: "楽天カード\\ud800デスク"\n'), "\\ud800",
     "lone surrogate"),
    ("a card network on no provider", ("brand_on: [rakuten_card]}", "brand_on: [rakuten_kard]}"), "rakuten_kard",
     "'brand_on' names no provider ('rakuten_kard')"),
    ("abroad_as naming a kind the provider lacks", ("abroad_as: abroad", "abroad_as: abroadd"), "abroad_as: abroadd",
     "abroad_as names 'abroadd', which this provider does not handle"),
    ("a second YAML document", (SHIPPED, SHIPPED + "---\nkinds: []\n"), "---\nkinds: []",
     "a second YAML document"),
    ("a second document the first would hide", (SHIPPED, "kinds: []\nproviders: []\n---\n" + SHIPPED), "---\n",
     "a second YAML document"),
]


def one_fault(result, path, line, message):
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{line}: ") and message in lines[0], lines[0]


@pytest.mark.parametrize("what, change, needle, message", FAULTS, ids=[f[0] for f in FAULTS])
def test_each_fault_is_one_line_and_exit_2(run_ivr, tmp_path, what, change, needle, message):
    old, new = change
    assert SHIPPED.count(old) >= 1
    broken = SHIPPED.replace(old, new, 1)
    path = tmp_path / "providers.yaml"
    path.write_text(broken, encoding="utf-8", errors="surrogatepass")
    one_fault(run_ivr("check", str(path)), path, line_of(broken, needle), message)


def test_february_29_is_a_date(run_ivr, tmp_path):
    path = tmp_path / "providers.yaml"
    path.write_text(SHIPPED.replace(AMEX_HOURS, AMEX_HOURS.replace(
        "closed\n", 'closed\n          closed_dates: ["02-29"]\n'), 1), encoding="utf-8")
    assert run_ivr("check", str(path), "--at", "2026-11-24T10:00").returncode == 0


@pytest.mark.parametrize("special", ["/dev/zero", "directory"])
def test_a_device_or_directory_is_refused_before_it_is_read(run_ivr, tmp_path, special):
    path = tmp_path if special == "directory" else special
    one_fault(run_ivr("check", str(path)), path, 1, "not a regular file")


def test_a_fifo_is_refused_without_opening_it(tmp_path):
    # In a child process: were the FIFO opened, the open would block, and the timeout ends the child.
    fifo = tmp_path / "providers.yaml"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "ivr", "check", str(fifo)], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    one_fault(result, fifo, 1, "it is a FIFO, not a regular file")


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:00+09:00", "0001-01-01T00:00:00+09:00", "0001-01-01T00:00"])
@pytest.mark.parametrize("command", ["check", "simulate"])
def test_a_moment_hours_cannot_be_computed_for_is_one_sentence(run_ivr, moment, command):
    result = run_ivr(command, "--at", moment, *(["楽天カード"] if command == "simulate" else []))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith(("usage:", " "))]
    assert errors == [f"ivr {command}: error: argument --at: '{moment}' is outside the years ivr can tell "
                      "opening hours for (1900 to 2999)"]


def test_the_far_ends_of_the_years_still_work(run_ivr):
    for moment in ("2999-12-31T23:59:00+09:00", "1900-01-01T00:00"):
        result = run_ivr("check", "--at", moment)
        assert result.returncode == 0 and re.search(r": OK — ", result.stdout), result
