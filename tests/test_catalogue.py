import re
import subprocess
import sys

import phonenumbers
import pytest

from conftest import PROVIDERS, SEEDS, needs_seeds, tokyo
from ivr.core.catalogue import CatalogueError, load, parse, to_e164
from ivr.core.hours import is_open

SHIPPED = PROVIDERS.read_text(encoding="utf-8")
ISSUE_NUMBERS = ["0570-66-6910", "0120-86-6910", "+81-92-474-9255", "0120-010120", "+81-3-6625-9100",
                 "03-4540-6869", "0120-899-543"]




def faults_of(text):
    with pytest.raises(CatalogueError) as error:
        parse(text, "broken.yaml")
    return error.value.faults


def line_of(text, needle):
    return text[:text.index(needle)].count("\n") + 1


def test_shipped_catalogue_has_every_published_number(catalogue):
    numbers = {line.e164 for provider in catalogue.providers for line in provider.lines}
    assert numbers == {to_e164(n) for n in ISSUE_NUMBERS}
    assert [p.id for p in catalogue.providers] == ["rakuten_card", "amex_gold_preferred", "amazon"]


def test_numbers_keep_the_grouping_the_seeds_repeat(catalogue):
    rakuten = catalogue.provider("rakuten_card")
    # One seed table prints 0570-666-910 once; 0570-66-6910 is stated three times.
    assert rakuten.line("centre").number == "0570-66-6910"
    assert to_e164("0570-666-910") == rakuten.line("centre").e164 == "+81570666910"


@needs_seeds
def test_every_line_is_stated_in_its_seed(catalogue):
    for provider in catalogue.providers:
        for line in provider.lines:
            seed = (SEEDS / line.source).read_text(encoding="utf-8")
            # Seed tables run columns together (+81-3-6625-910024時間…), so look for the published text.
            assert line.number in seed, (provider.id, line.id)


def test_fax_line_is_never_transferred(catalogue):
    fax = catalogue.provider("amex_gold_preferred").line("fax")
    assert fax.kind == "fax" and fax.transfer is False


def test_hours_from_the_seeds(catalogue):
    amex = catalogue.provider("amex_gold_preferred").line("main")
    assert is_open(amex.hours, tokyo("2026-11-24 09:00"))
    assert not is_open(amex.hours, tokyo("2026-11-23 10:00"))  # holiday
    rakuten = catalogue.provider("rakuten_card").line("centre")
    assert is_open(rakuten.hours, tokyo("2026-11-23 10:00"))  # 無休
    assert not is_open(rakuten.hours, tokyo("2026-11-24 17:30"))
    assert catalogue.provider("rakuten_card").line("lost_desk").hours.always


def test_check_prints_every_line_and_exits_zero(run_ivr):
    result = run_ivr("check", str(PROVIDERS), "--at", "2026-11-24T10:00:00+09:00")
    assert result.returncode == 0, result.stderr
    for number in ISSUE_NUMBERS:
        assert number in result.stdout
    assert "平日9時から17時まで(土日祝日は休み)" in result.stdout
    assert "24時間365日" in result.stdout
    row = next(r for r in result.stdout.splitlines() if "0120-010120" in r)
    assert row.rstrip().endswith("受付中")
    result = run_ivr("check", str(PROVIDERS), "--at", "2026-11-24T19:00:00+09:00")
    row = next(r for r in result.stdout.splitlines() if "0120-010120" in r)
    assert row.rstrip().endswith("明日の9時から")  # one language in the row: no "opens 明日の9時"
    assert not re.search(r"[A-Za-z]", row.split("0120-010120")[1])
    assert "warning" not in result.stderr  # every card in the shipped catalogue has a 24-hour lost/stolen line


def test_check_reports_a_mangled_number_with_its_line(run_ivr, tmp_path):
    broken = SHIPPED.replace("number: 0120-899-543", "number: 0120-899-54")
    path = tmp_path / "providers.yaml"
    path.write_text(broken, encoding="utf-8")
    result = run_ivr("check", str(path))
    assert result.returncode != 0
    assert f"{path}:{line_of(broken, '0120-899-54')}: " in result.stderr
    assert "is not a valid Japanese phone number" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reports_yaml_syntax_error_with_its_line(run_ivr, tmp_path):
    broken = SHIPPED.replace("    words: [アマゾン,", "    words: [アマゾン: [,", 1)
    path = tmp_path / "p.yaml"
    path.write_text(broken, encoding="utf-8")
    result = run_ivr("check", str(path))
    assert result.returncode != 0
    assert re.match(rf"{re.escape(str(path))}:\d+: YAML syntax error", result.stderr)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("mangled", ["0120-899-54", "0120-899-5433", "0120-899-54３x", "0120-899-543x", "0I20-899-543",
                                     "+81-120-899", "tel:0120899543"])
def test_mangled_numbers_are_faults(mangled):
    broken = SHIPPED.replace("number: 0120-899-543", f"number: {mangled}")
    assert any(f.startswith(f"broken.yaml:{line_of(broken, mangled)}: ") and "not a valid" in f
               for f in faults_of(broken))


def test_dangling_line_reference():
    broken = SHIPPED.replace("lines: [lost_desk, overseas]", "lines: [lost_dsk, overseas]", 1)
    assert faults_of(broken) == [f"broken.yaml:{line_of(broken, 'lost_dsk')}: provider 'rakuten_card' problems[0] "
                                 f"'lost_stolen' refers to line 'lost_dsk', which this provider does not have"]


def test_unknown_and_missing_keys():
    broken = SHIPPED.replace("        cost: free\n", "        costs: free\n", 1)
    faults = faults_of(broken)
    assert any(f.startswith(f"broken.yaml:{line_of(broken, 'costs:')}: unknown key 'costs'") for f in faults)
    assert any("missing key 'cost'" in f for f in faults)


def test_inverted_and_overlapping_hours():
    inverted = SHIPPED.replace('{days: mon-fri, open: "09:00", close: "17:00"}',
                               '{days: mon-fri, open: "17:00", close: "09:00"}', 1)
    assert any("is not after opening time" in f for f in faults_of(inverted))
    overlapping = SHIPPED.replace(
        '            - {days: mon-fri, open: "09:00", close: "17:00"}\n',
        '            - {days: mon-fri, open: "09:00", close: "17:00"}\n'
        '            - {days: fri-sat, open: "16:00", close: "18:00"}\n', 1)
    faults = faults_of(overlapping)
    assert any(f.startswith(f"broken.yaml:{line_of(overlapping, 'fri-sat')}:") and "overlaps" in f for f in faults)


def test_bad_days_and_clock():
    broken = SHIPPED.replace("days: mon-fri", "days: mon-frx", 1).replace('close: "17:30"', 'close: "25:00"', 1)
    faults = faults_of(broken)
    assert any("'mon-frx' is not a day list" in f for f in faults)
    assert any("'25:00' is not a time of day" in f for f in faults)


def test_same_number_twice_in_one_provider_compared_by_digits():
    # 0570-666-910 is 0570-66-6910 grouped differently: still the same line twice.
    broken = SHIPPED.replace("number: 0120-86-6910", "number: 0570-666-910", 1)
    faults = faults_of(broken)
    assert faults == [f"broken.yaml:{line_of(broken, '0570-666-910')}: provider 'rakuten_card': line 'lost_desk' "
                      f"has the same number (+81570666910) as line 'centre'"]


def test_toll_free_number_cannot_serve_callers_abroad():
    broken = SHIPPED.replace("reach: [domestic]\n", "reach: [domestic, abroad]\n", 1)
    faults = faults_of(broken)
    assert any("+81120866910 cannot be dialled from abroad" in f for f in faults)
    only_route = SHIPPED.replace("        lines: [overseas]\n", "        lines: [lost_desk]\n", 1)
    assert any("none of its lines can be reached from abroad" in f for f in faults_of(only_route))


def test_fax_cannot_be_a_transfer_target():
    broken = SHIPPED.replace("        kind: fax\n", "        kind: fax\n        transfer: true\n", 1)
    broken = broken.replace("        transfer: false\n", "", 1)
    assert any("is a fax line" in f for f in faults_of(broken))


def test_every_fault_is_reported_at_once():
    broken = (SHIPPED.replace("number: 0120-899-543", "number: 12345")
              .replace("lines: [lost_desk, overseas]", "lines: [nowhere]", 1)
              .replace("keypad: 3", "keypad: 2"))
    faults = faults_of(broken)
    assert len(faults) >= 3
    assert all(re.match(r"broken\.yaml:\d+: ", f) for f in faults)


def test_missing_file_is_a_clear_error(run_ivr, tmp_path):
    result = run_ivr("check", str(tmp_path / "nope.yaml"))
    assert result.returncode != 0
    assert "nope.yaml:1: cannot read the catalogue" in result.stderr


def test_load_reads_from_disk():
    assert len(load(PROVIDERS).providers) == 3
    assert phonenumbers.is_valid_number(phonenumbers.parse("+81924749255"))


# --- every scalar is text, as written ----------------------------------------------------------------
def test_unquoted_number_keeps_its_leading_zero():
    text = SHIPPED.replace("number: 0570-66-6910", "number: 0570666910")
    catalogue = parse(text, "p.yaml")
    centre = catalogue.provider("rakuten_card").line("centre")
    assert centre.number == "0570666910" and centre.e164 == "+81570666910"


@pytest.mark.parametrize("replacement, message", [
    ("number: 0120-86-69", "'0120-86-69' is not a valid"),  # YAML would read it as a date
    ("number: " + "1" * 5000, "too long"),
    ("number: 0120-86-6910\x07", "unreadable YAML"),
    ("number: !foo 0120-86-6910", "YAML tags such as '!foo' are not allowed"),
])
def test_text_that_yaml_would_misread_is_a_fault_with_its_line(replacement, message):
    text = SHIPPED.replace("number: 0120-86-6910", replacement)
    faults = faults_of(text)
    assert len(faults) == 1 and message in faults[0], faults
    assert faults[0].startswith(f"broken.yaml:{line_of(text, replacement[:10])}:")


def test_a_tagged_name_is_refused_not_silently_kept():
    faults = faults_of(SHIPPED.replace("name: 楽天カード\n", "name: !foo 楽天カード\n", 1))
    assert any("YAML tags" in f for f in faults)


def test_deep_nesting_is_a_fault_not_a_crash():
    faults = faults_of("providers:\n  - x: " + "[" * 5000 + "]" * 5000 + "\n")
    assert faults == ["broken.yaml:2: nested more than 16 levels deep: not a catalogue"]


def test_booleans_are_true_or_false_only():
    faults = faults_of(SHIPPED.replace("transfer: true", "transfer: yes", 1))
    assert any("transfer must be true or false, not 'yes'" in f for f in faults)


def test_problem_whose_only_line_is_a_fax_is_refused():
    text = SHIPPED.replace("lines: [overseas]\n        channels: []\n        prepare: [氏名",
                           "lines: [fax]\n        channels: []\n        prepare: [氏名", 1)
    assert text != SHIPPED
    faults = faults_of(text)
    assert any("has only a fax line" in f for f in faults), faults


def test_routing_never_crashes_without_a_reachable_voice_line(catalogue):
    import dataclasses

    from ivr.core.routing import route
    amex = catalogue.provider("amex_gold_preferred")
    fax_only = dataclasses.replace(amex.problem("abroad"), lines=("fax",))
    decision = route(amex, fax_only, tokyo("2026-11-24 10:00"), "abroad")
    assert decision.line in ("main", "overseas") and decision.number


def test_a_word_names_one_provider_only():
    text = SHIPPED.replace("words: [アマゾン, あまぞん,", "words: [アマゾン, 楽天カード, あまぞん,", 1)
    faults = faults_of(text)
    assert len(faults) == 1 and "'楽天カード' already names provider 'rakuten_card'" in faults[0]
    assert faults[0].startswith(f"broken.yaml:{line_of(text, '    words: [アマゾン, 楽天カード')}:")


def test_a_name_cannot_be_both_covered_and_not_covered():
    faults = faults_of(SHIPPED.replace("- {name: メルカリ, words: [メルカリ", "- {name: Amazon, words: [メルカリ", 1))
    assert any("names the covered provider 'amazon'" in f for f in faults), faults


def test_check_with_a_garbage_clock_says_so_in_one_sentence(run_ivr):
    result = run_ivr("check", "--at", "yesterday-ish")
    assert result.returncode == 2
    assert "'yesterday-ish' is not an ISO-8601 moment" in result.stderr and "Traceback" not in result.stderr


def test_check_table_fits_a_100_column_terminal(run_ivr):
    import unicodedata
    result = run_ivr("check", "--at", "2026-11-21T18:00:00+09:00")  # Saturday evening: longest "opens …"
    table = result.stdout.splitlines()[:-1]
    widths = [sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in row) for row in table]
    assert max(widths) <= 100, table
