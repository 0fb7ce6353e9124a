import json
import subprocess
import sys

from conftest import SHARED




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
    result = run_ivr("simulate", "--json", "--at", "2026-11-24T10:00:00+09:00", "--", "", "dtmf:3", "dtmf:2", "余り")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[-1]["outcome"] == "transfer" and lines[-1]["number"] == "+81120899543"
    assert {"who": "caller", "dtmf": "3"} in lines
    assert not any(line.get("text") == "余り" for line in lines)  # after the transfer: ignored


def test_simulate_turns_run_out(run_ivr):
    result = run_ivr("simulate", "--json", "--at", "2026-11-24T10:00:00+09:00", "--", "JCBカード")
    assert json.loads(result.stdout.splitlines()[-1])["outcome"] == "unsupported"
    result = run_ivr("simulate", "--json", "--at", "2026-11-24T10:00:00+09:00", stdin="")
    assert json.loads(result.stdout.splitlines()[-1]) == {"outcome": "incomplete", "provider": None,
                                                          "problem": None, "number": None, "open": None}


def test_simulate_yes_flag_answers_confirmations_without_using_a_turn(run_ivr):
    base = ["simulate", "--json", "--at", "2026-11-24T10:00:00+09:00"]
    with_yes = run_ivr(*base, "--yes", "--", "荷物が届かない")
    assert json.loads(with_yes.stdout.splitlines()[-1])["outcome"] == "transfer"
    without = run_ivr(*base, "--", "荷物が届かない")
    assert json.loads(without.stdout.splitlines()[-1])["outcome"] == "incomplete"


def test_simulate_human_output_and_bad_clock(run_ivr):
    result = run_ivr("simulate", "--at", "2026-11-24T10:00:00+09:00", "--", "アマゾン", "返品したい")
    assert "発信者: アマゾン" in result.stdout and ">>> +81120899543 に転送" in result.stdout
    bad = run_ivr("simulate", "--at", "tomorrow", "--", "楽天")
    assert bad.returncode == 2 and "not an ISO-8601 moment" in bad.stderr and "Traceback" not in bad.stderr


def test_simulate_cases_file(run_ivr):
    result = run_ivr("simulate", "--json", "--cases", str(SHARED / "calls-dev.jsonl"))
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
