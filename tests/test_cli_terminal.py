"""The `ivr` command as an operator meets it on a real terminal 100 columns wide: mistakes in the arguments
are said in one sentence (never taken as a caller's turn), tables fit and line up, and Ctrl-C in a
benchmark ends it quietly."""
import json
import re
import sys
import unicodedata

import pytest

from conftest import PROVIDERS, ROOT
from terminal import Terminal


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def run(*args: str, **kwargs) -> tuple[int, str]:
    with Terminal.ivr(*args, **kwargs) as term:
        status = term.wait()
        return status, term.text


def test_a_space_inside_the_moment_is_an_error_not_the_callers_first_turn():
    status, text = run("simulate", "--at", "2026-11-24", "23:30", "--", "楽天カード")
    assert status == 2 and "Traceback" not in text
    assert "'2026-11-24' has no time of day: write the date and time as one word, 2026-11-24T23:30" in text
    assert "発信者" not in text and "結果" not in text  # no call was played
    status, text = run("simulate", "--json", "--at", "2026-11-24 23:30", "--", "楽天カード", "なくしました")
    assert status == 0 and json.loads(text.strip().splitlines()[-1])["outcome"] == "transfer"


def test_a_caller_number_that_is_not_one_is_refused():
    status, text = run("simulate", "--from", "abc", "--", "楽天カード")
    assert status == 2 and "'abc' is not a phone number in E.164" in text and "Traceback" not in text
    status, text = run("simulate", "--from", "0312345678", "--", "楽天カード")  # national form: no country
    assert status == 2 and "is not a phone number in E.164" in text
    status, text = run("simulate", "--json", "--yes", "--at", "2026-11-24T10:00", "--from", "+819012345678",
                       "--", "楽天カードをなくしました")
    assert status == 0 and json.loads(text.strip().splitlines()[-1])["outcome"] == "transfer"


def test_calls_names_an_unsupported_database_scheme(tmp_path):
    status, text = run("calls", "--db", "mysql://x")
    assert status == 2 and "Traceback" not in text
    assert "ivr calls: 'mysql://' is not a call log this program can use" in text and "postgresql://" in text
    assert not list(tmp_path.iterdir()) and not (ROOT / "mysql:").exists()  # no file was made of the URL


def test_calls_table_marks_rehearsals_lines_up_and_fits_100_columns(tmp_path):
    from ivr.calllog import open_log

    db = tmp_path / "calls.sqlite3"
    log = open_log(db)
    log.start_call("CAreal", "2026-11-24T10:00:00+09:00", "+819012345678")
    log.log_turn("CAreal", 1, "2026-11-24T10:00:05+09:00", "speech", "アメックスのカードを盗まれた", 0.9, True,
                 {"outcome": "transfer", "provider": "amex_gold_preferred", "problem": "unauthorized_use",
                  "number": "+81366259100", "open": True})
    log.record("CAreal", "2026-11-24T10:00:09+09:00", transfer_status="no-answer")
    log.log_turn("CAreal", 2, "2026-11-24T10:00:30+09:00", "speech", "ふにゃふにゃ", 0.4, False, None)
    log.start_call("TRYrehearsal", "2026-11-24T11:00:00+09:00", "+81312345678", rehearsal=True)
    log.log_turn("TRYrehearsal", 1, "2026-11-24T11:00:05+09:00", "speech", "もごもご", 0.5, False, None)
    log.close()
    status, text = run("calls", "--db", str(db))
    assert status == 0, text
    lines = text.splitlines()
    assert text.startswith(f"Call log: {db}")  # a long path on a line of its own, not in the table
    assert all(width(line) <= 100 for line in lines[1:]), [line for line in lines if width(line) > 100]
    header = next(line for line in lines if line.lstrip().startswith("started"))
    real = next(line for line in lines if "5678" in line)
    rehearsal = next(line for line in lines if "11:00" in line)
    assert "rehearsal" in rehearsal and "rehearsal" not in real and "9012" not in text
    for title, cell in (("caller", "…5678"), ("outcome", "transfer"), ("provider / problem", "amex_gold"),
                        ("number", "+81366259100"), ("result", "no-answer")):
        assert header.index(title) == real.index(cell), (title, header, real)  # columns line up
    assert "Totals of the 1 real call in the whole log (1 rehearsal left out):" in text
    assert "Not understood in real calls" in text and "ふにゃふにゃ" in text and "もごもご" not in text


def test_check_warns_when_a_card_has_no_24_hour_line_for_loss_or_theft(tmp_path):
    text = PROVIDERS.read_text(encoding="utf-8")
    amex = text.index("id: amex_gold_preferred")
    at = text.index("- kind: lost_stolen", amex)
    lines_at = text.index("lines: [main, overseas]", at)
    broken = tmp_path / "providers.yaml"
    broken.write_text(text[:lines_at] + "lines: [main]" + text[lines_at + len("lines: [main, overseas]"):],
                      encoding="utf-8")
    status, out = run("check", str(broken), "--at", "2026-11-24T19:00")
    assert status == 0, out
    assert re.search(r"warning: アメリカン・エキスプレス.* \(amex_gold_preferred\) has no 24-hour line for lost or "
                     r"stolen cards", out)
    assert "rakuten_card) has no 24-hour" not in out
    table = out.split("closures in the next")[0]  # the line table; closures and sources follow it
    rows = [line for line in table.splitlines() if line.startswith("  ")]
    assert rows and all(not re.search(r"[A-Za-z]", line.split(maxsplit=2)[-1].split("  ")[-1]) for line in rows)
    status, out = run("check", "--at", "2026-11-24T19:00")
    assert status == 0 and "warning" not in out


@pytest.mark.slow
@pytest.mark.server
def test_ctrl_c_in_the_webhook_benchmark_exits_quietly():
    bench = ROOT / "bench" / "webhook.py"
    with Terminal(sys.executable, str(bench), "--rounds", "3", "--calls", "100000", "--concurrency", "4") as term:
        term.read_until("throughput,", timeout=240)  # its servers are up and busy
        term.send(b"\x03")
        status = term.wait(timeout=60)
        text = term.text
    assert status == 130, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text
    assert text.rstrip().endswith("interrupted: the servers this benchmark started are stopped")
