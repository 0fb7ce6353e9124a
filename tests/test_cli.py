import json
import sys

import pytest

from conftest import DEV




def test_simulate_json_contract(run_ivr):
    result = run_ivr("simulate", "--json", "--at", "2026-11-24T23:30:00+09:00", "--", "楽天カード", "カードを紛失しました")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[-1] == {"outcome": "transfer", "provider": "rakuten_card", "problem": "lost_stolen",
                         "number": "+81120866910", "open": True}
    callers = [line for line in lines[:-1] if line.get("who") == "caller"]
    assert [c["text"] for c in callers] == ["楽天カード", "カードを紛失しました"]
    assert all("outcome" not in line for line in lines[:-1])


def test_simulate_keypad_silence_and_leftover_turns(run_ivr):
    result = run_ivr("simulate", "--json", "--at", "2026-11-24T10:00:00+09:00", "--", "", "dtmf:3", "dtmf:2", "余り",
                     "もっと余り")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[-1]["outcome"] == "transfer" and lines[-1]["number"] == "+81120899543"
    assert {"who": "caller", "dtmf": "3"} in lines
    # the next turn is said in the moment before the dial, changes nothing and the transfer goes ahead;
    # anything after it comes after the transfer: ignored
    assert [line.get("text") for line in lines if line.get("who") == "caller" and "text" in line][-1] == "余り"


def test_simulate_turns_run_out(run_ivr):
    result = run_ivr("simulate", "--json", "--at", "2026-11-24T10:00:00+09:00", "--", "JCBカード")
    assert json.loads(result.stdout.splitlines()[-1])["outcome"] == "unsupported"
    result = run_ivr("simulate", "--json", "--at", "2026-11-24T10:00:00+09:00", stdin="")
    assert json.loads(result.stdout.splitlines()[-1]) == {"outcome": "incomplete", "provider": None,
                                                          "problem": None, "number": None, "open": None}


def test_simulate_yes_flag_answers_confirmations_without_using_a_turn(run_ivr):
    base = ["simulate", "--json", "--at", "2026-11-24T10:00:00+09:00"]
    with_yes = run_ivr(*base, "--yes", "--", "プライム会員をやめたい")
    assert json.loads(with_yes.stdout.splitlines()[-1])["outcome"] == "transfer"
    without = run_ivr(*base, "--", "プライム会員をやめたい")
    assert json.loads(without.stdout.splitlines()[-1])["outcome"] == "incomplete"


def test_simulate_human_output_and_bad_clock(run_ivr):
    result = run_ivr("simulate", "--at", "2026-11-24T10:00:00+09:00", "--", "アマゾン", "返品したい")
    assert "発信者: アマゾン" in result.stdout and ">>> +81120899543 に転送" in result.stdout
    bad = run_ivr("simulate", "--at", "tomorrow", "--", "楽天")
    assert bad.returncode == 2 and "not an ISO-8601 moment" in bad.stderr and "Traceback" not in bad.stderr


def test_simulate_cases_file(run_ivr):
    result = run_ivr("simulate", "--json", "--cases", str(DEV))
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[-1] == {"cases": 42, "routed_correctly": 42, "wrong_transfers": 0}
    assert len(lines) == 43 and all(line["ok"] for line in lines[:-1])


def test_simulate_cases_counts_wrong_transfers(run_ivr, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "x", "at": "2026-11-24T10:00:00+09:00", "turns": ["楽天カードをなくしました"],
                                 "expect": {"outcome": "transfer", "numbers": ["+81570666910"]}}) + "\n")
    result = run_ivr("simulate", "--json", "--cases", str(cases))
    assert result.returncode == 1
    assert json.loads(result.stdout.splitlines()[-1]) == {"cases": 1, "routed_correctly": 0, "wrong_transfers": 1}


def test_broken_catalogue_is_reported_not_a_traceback(run_ivr, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("providers: [\n", encoding="utf-8")
    result = run_ivr("simulate", "--providers", str(path), "--", "楽天")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{path}:") and "Traceback" not in result.stderr


def test_version_and_models_without_a_subcommand(run_ivr):
    from ivr import __version__
    result = run_ivr("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"ivr {__version__}"
    result = run_ivr("models")
    assert result.returncode == 2 and "download" in result.stdout and "list" in result.stdout
    assert "required" not in result.stderr


@pytest.mark.parametrize("turns", [["1", "1"], ["dtmf:1", "dtmf:1"], ["1番", "いちばんで"], ["１", "一番でお願いします"]])
def test_menu_choices_typed_or_spoken(run_ivr, turns):
    result = run_ivr("simulate", "--json", "--at", "2026-11-24T23:30:00+09:00", "--", *turns)
    assert json.loads(result.stdout.splitlines()[-1])["number"] == "+81120866910"


def test_turns_piped_one_per_line(run_ivr):
    result = run_ivr("simulate", "--json", "--at", "2026-11-24T10:00:00+09:00", stdin="楽天カード\n紛失\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines if line.get("who") == "caller"] == ["楽天カード", "紛失"]
    assert lines[-1]["number"] == "+81120866910"


@pytest.mark.parametrize("content, message", [
    ('{"id": "a", "turns": ["x"], "expect": {"outcome": "transfer"}}\nnot json\n', ":2: not a JSON object"),
    ('{"id": "a", "turns": ["x"]}\n', ":1: the case has no 'expect'"),
    ('\n\n{"id": "a", "at": "someday", "turns": ["x"], "expect": {"outcome": "closed"}}\n', ":3: 'at' 'someday'"),
])
def test_broken_case_files_are_reported_with_file_and_line(run_ivr, tmp_path, content, message):
    path = tmp_path / "cases.jsonl"
    path.write_text(content, encoding="utf-8")
    result = run_ivr("simulate", "--cases", str(path))
    assert result.returncode == 2 and result.stderr.startswith(str(path)) and message in result.stderr
    missing = run_ivr("simulate", "--cases", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and f"{tmp_path / 'nope.jsonl'}:1: cannot read" in missing.stderr


def test_cases_without_json_print_a_table_of_failures_and_a_summary(run_ivr, tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in [
        {"id": "good", "at": "2026-11-24T10:00:00+09:00", "turns": ["楽天カードをなくしました"],
         "expect": {"outcome": "transfer", "numbers": ["+81120866910"]}},
        {"id": "bad", "at": "2026-11-24T10:00:00+09:00", "turns": ["楽天カードをなくしました"],
         "expect": {"outcome": "closed", "numbers": ["+81570666910"]}}]), encoding="utf-8")
    result = run_ivr("simulate", "--cases", str(path))
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines[0].split() == ["case", "expected", "got", "where"]
    assert lines[1].split()[:3] == ["bad", "closed", "+81570666910"] and "WRONG TRANSFER" in lines[1]
    assert lines[1].endswith(f"{path}:2")
    assert lines[-1] == "1/2 routed correctly, 1 wrong transfers"


def test_calls_has_headers_and_json(run_ivr, tmp_path):
    from ivr.calllog import open_log
    log = open_log(tmp_path / "calls.sqlite3")
    log.start_call("CA1", "2026-11-24T10:00:00+09:00", "+819012345678")
    log.log_turn("CA1", 1, "2026-11-24T10:00:05+09:00", "speech", "ふにゃ 1234567", 0.5, False, None)
    log.log_turn("CA1", 2, "2026-11-24T10:00:09+09:00", "speech", "楽天カードをなくしました", 0.9, True,
                 {"outcome": "transfer", "provider": "rakuten_card", "problem": "lost_stolen",
                  "number": "+81120866910", "open": True})
    table = run_ivr("calls", "--db", str(tmp_path / "calls.sqlite3"))
    lines = table.stdout.splitlines()
    assert lines[2].split()[:4] == ["started", "caller", "outcome", "provider"]
    assert "…5678" in lines[3] and "+81120866910" in lines[3] and "9012" not in table.stdout
    as_json = json.loads(run_ivr("calls", "--json", "--db", str(tmp_path / "calls.sqlite3")).stdout)
    assert as_json["calls"][0]["caller"] == "*" * 9 + "5678"
    assert as_json["totals"]["outcome"] == {"transfer": 1}
    assert as_json["not_understood"] == [{"heard": "ふにゃ ***4567", "count": 1}]


@pytest.mark.slow
def test_interactive_prompt_echoes_each_turn_once_and_ends_on_ctrl_d(tmp_path):
    import os
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command on a terminal
        os.execv(sys.executable, [sys.executable, "-m", "ivr", "simulate", "--at", "2026-11-24T10:00:00+09:00"])
    output = b""

    def read_until(marker: bytes, deadline: float, count: int = 1) -> None:
        nonlocal output
        while output.count(marker) < count:
            assert time.monotonic() < deadline, output.decode(errors="replace")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    output += os.read(fd, 4096)
                except OSError:
                    return
    try:
        deadline = time.monotonic() + 60
        read_until("発信者> ".encode(), deadline)
        os.write(fd, "アマゾン\n".encode())
        read_until("発信者> ".encode(), deadline, count=2)  # the next prompt: readline is reading again
        os.write(fd, b"\x04")  # Ctrl-D: the caller hangs up
        read_until("結果".encode(), deadline)
    finally:
        ended, status = os.waitpid(pid, os.WNOHANG)
        if not ended:  # a failed expectation must not leave the child waiting for input
            deadline = time.monotonic() + 10
            while not ended and time.monotonic() < deadline:
                time.sleep(0.05)
                ended, status = os.waitpid(pid, os.WNOHANG)
            if not ended:
                os.kill(pid, 9)
                _, status = os.waitpid(pid, 0)
        os.close(fd)
    text = output.decode(errors="replace")
    assert os.WEXITSTATUS(status) == 0 and "Traceback" not in text
    assert text.count("アマゾン\r\n") == 1  # typed once, not printed again
    assert '"outcome": "incomplete"' in text
