"""Every number in the form the caller can dial: every line, for each kind of caller, in speech, text and SMS.

A caller in Japan (landline, mobile, withheld number) hears and reads the national form with the grouping
the seeds publish; a caller abroad (their number, or they said so) the +81 form. A line's name fits its use.
"""
import pytest

from conftest import tokyo
from ivr.core.call import assistant_turn
from ivr.core.catalogue import parse
from ivr.core.numbers import NumberFault
from ivr.core.numbers import parse as parse_number
from ivr.core.routing import Decision, caller_region
from ivr.ja import script
from ivr.ja.phrasing import speak_phone_number

CALLERS = {"landline in Japan": "+81312345678", "mobile in Japan": "+819012345678", "abroad": "+447700900123",
           "withheld": None}
# (national as the seeds group it, the international form) for every line of the shipped catalogue.
FORMS = {
    ("rakuten_card", "centre"): ("0570-66-6910", None),  # navi-dial: no international form
    ("rakuten_card", "lost_desk"): ("0120-86-6910", None),
    ("rakuten_card", "overseas"): ("092-474-9255", "+81-92-474-9255"),
    ("amex_gold_preferred", "main"): ("0120-010120", None),
    ("amex_gold_preferred", "overseas"): ("03-6625-9100", "+81-3-6625-9100"),
    ("amex_gold_preferred", "fax"): ("03-4540-6869", "+81-3-4540-6869"),
    ("amazon", "customer_service"): ("0120-899-543", None),
}
SPOKEN = {"0570-66-6910": "ゼロゴーナナゼロ、ロクロク、ロクキュウイチゼロ",
          "092-474-9255": "ゼロキュウニー、ヨンナナヨン、キュウニーゴーゴー",
          "+81-92-474-9255": "プラスハチイチ、キュウニー、ヨンナナヨン、キュウニーゴーゴー",
          "03-6625-9100": "ゼロサン、ロクロクニーゴー、キュウイチゼロゼロ",
          "+81-3-6625-9100": "プラスハチイチ、サン、ロクロクニーゴー、キュウイチゼロゼロ"}
NIGHT, DAY = tokyo("2026-11-24 23:30"), tokyo("2026-11-24 10:00")


def expected(provider_id: str, line_id: str, region: str) -> str:
    national, international = FORMS[(provider_id, line_id)]
    return international if region == "abroad" and international else national


def every_line(catalogue):
    for provider in catalogue.providers:
        for line in provider.lines:
            yield provider, line


def test_the_table_covers_every_line_of_the_catalogue(catalogue):
    assert {(p.id, line.id) for p, line in every_line(catalogue)} == set(FORMS)


def test_callers_are_told_apart_by_their_number():
    assert [caller_region(c) for c in CALLERS.values()] == ["domestic", "mobile", "abroad", "domestic"]


@pytest.mark.parametrize("number", [*CALLERS.values(), None, "", "not a number", "+815012345678", "+817012345678",
                                    "+818012345678", "+81120123456", "+8190", "+14155550100"])
def test_a_new_call_reads_region_and_sms_from_one_parse_as_each_alone(number):
    from ivr.core.routing import about_caller, can_receive_sms
    assert about_caller(number) == (caller_region(number), can_receive_sms(number))
    assert can_receive_sms(number) == (number in ("+819012345678", "+817012345678", "+818012345678"))


def test_spoken_digits_follow_the_published_groups():
    for written, spoken in SPOKEN.items():
        assert speak_phone_number(written) == spoken


@pytest.mark.parametrize("kind", CALLERS)
def test_every_line_in_speech_text_and_sms_for_each_kind_of_caller(catalogue, kind):
    region = caller_region(CALLERS[kind])
    for provider, line in every_line(catalogue):
        number = expected(provider.id, line.id, region)
        assert line.number_for(region) == number
        problem = next((p.id for p in provider.problems if line.id in p.lines), None)
        decisions = [Decision("closed", provider.id, problem, line.id, line.e164, False, region=region)]
        if line.transfer:
            decisions.append(Decision("transfer", provider.id, problem, line.id, line.e164, True, region=region))
        for decision in decisions:
            says = script.decision(catalogue, decision, NIGHT if decision.outcome == "closed" else DAY)
            if decision.outcome == "transfer":
                says += script.dial_failed(catalogue, decision, "busy")
            turn = assistant_turn(says)
            text, speech = turn["say"], turn["speak"]
            sms = script.sms_body(catalogue, decision)
            if region == "abroad" and not FORMS[(provider.id, line.id)][1]:
                # no form they can dial from abroad: never read out as a number to dial, and they are told why
                assert number not in text and "海外から直接おかけいただけない" in text, text
                assert "(日本国内から)" in sms
                continue
            assert text.count(number) >= 2, (kind, line.id, text)
            assert speech.count(speak_phone_number(number)) >= 2, (kind, line.id, speech)
            label = "FAX" if line.kind == "fax" else "電話"
            assert f"{label} {number}\n" in sms or f"{label} {number}(日本国内から)\n" in sms, (kind, line.id, sms)
            if region != "abroad":  # a caller in Japan: never a "+"
                assert "+" not in text + sms and "プラス" not in speech, (kind, line.id, text)
            else:
                assert FORMS[(provider.id, line.id)][0] not in text + sms, (kind, line.id, text)
                assert speech.count("プラスハチイチ") >= 2


@pytest.mark.parametrize("kind", CALLERS)
def test_the_last_resort_numbers_in_the_callers_form(catalogue, kind):
    region = caller_region(CALLERS[kind])
    says = script.general_numbers(catalogue, region)
    text, speech = "".join(say.text for say in says), "".join(say.spoken for say in says)
    for provider in catalogue.providers:
        number = expected(provider.id, provider.general_line, region)
        assert number in text and speak_phone_number(number) in speech.replace("\u2063", "、")


# --- the "Done when" checks, through the whole dialog --------------------------------------------
def spoken(record) -> str:
    return "".join(event.get("speak", "") for event in record.events if event["who"] == "assistant")


def said(record) -> str:
    return "".join(event.get("say", "") for event in record.events if event["who"] == "assistant")


def test_amex_loss_at_night_from_a_tokyo_landline_hears_zero_san_and_no_plus(play):
    record = play(["アメックスのカードをなくしました"], at="2026-11-24 23:30", caller="+81312345678")
    assert record.outcome["outcome"] == "transfer" and record.outcome["number"] == "+81366259100"
    assert "ゼロサン、ロクロクニーゴー、キュウイチゼロゼロ" in spoken(record) and "プラス" not in spoken(record)
    assert "03-6625-9100" in said(record) and "+81" not in said(record)
    assert "海外からの窓口" not in said(record) + spoken(record)  # its name fits a caller in Japan


def test_rakuten_loss_from_a_mobile_hears_zero_kyu_ni(play):
    record = play(["楽天カードをなくしました"], at="2026-11-24 23:30", caller="+819012345678")
    assert record.outcome["number"] == "+81924749255"
    assert spoken(record).count("ゼロキュウニー、ヨンナナヨン、キュウニーゴーゴー") == 2
    assert "プラス" not in spoken(record) and "092-474-9255" in said(record)


@pytest.mark.parametrize("turns", [["アメックスのカードをなくしました"], ["楽天カードをなくしました"]])
def test_a_caller_from_the_uk_hears_the_plus_81_form(play, turns):
    record = play(turns, at="2026-11-24 23:30", caller="+447700900123")
    assert "プラスハチイチ" in spoken(record) and "+81-" in said(record)
    assert "ゼロサン" not in spoken(record) and "ゼロキュウニー" not in spoken(record)


def test_amex_line_is_called_by_its_overseas_name_for_a_caller_abroad(play):
    record = play(["アメックスのカードをなくしました"], at="2026-11-24 23:30", caller="+447700900123")
    assert "海外からの窓口" in said(record)


def test_a_caller_who_says_they_are_abroad_hears_the_plus_81_form(play):
    record = play(["海外にいるんですが、楽天カードをなくしました"], at="2026-11-24 23:30", caller="+819012345678")
    assert record.outcome["number"] == "+81924749255"
    assert "プラスハチイチ、キュウニー" in spoken(record) and "+81-92-474-9255" in said(record)


def test_a_withheld_caller_hears_the_national_form(play):
    record = play(["アメックスのカードをなくしました"], at="2026-11-24 23:30", caller=None)
    assert "ゼロサン、ロクロクニーゴー" in spoken(record) and "プラス" not in spoken(record)


def test_the_sms_gives_a_mobile_caller_the_national_form(assistant):
    from ivr.core.call import play
    record = play(assistant, ["楽天カードの明細を見たい"], tokyo("2026-11-24 23:30"), "+819012345678", auto_yes=True)
    sms = next(event["sms"]["body"] for event in record.events if "sms" in event)
    assert "電話 0570-66-6910" in sms


# --- the catalogue's numbers ------------------------------------------------------------------------------
@pytest.mark.parametrize("written, national, international", [
    ("+81-3-6625-9100", "03-6625-9100", "+81-3-6625-9100"),
    ("+81 3 6625 9100", "03-6625-9100", "+81-3-6625-9100"),
    ("092-474-9255", "092-474-9255", "+81-92-474-9255"),
    ("03(4540)6869", "03-4540-6869", "+81-3-4540-6869"),
    ("0120010120", "0120-010-120", "+81-120-010-120"),  # no grouping written: phonenumbers groups it
    ("+81366259100", "03-6625-9100", "+81-3-6625-9100"),
])
def test_both_forms_keep_the_written_grouping(written, national, international):
    number = parse_number(written)
    assert (number.national, number.international) == (national, international)


@pytest.mark.parametrize("written, message", [
    ("０１２０-８６-６９１０", "full-width or other non-ASCII digits (write 0120-86-6910)"),
    ("570-66-6910", "in Japan a number starts with 0"),
    ("0990-123-456", "premium-rate (0990)"),
    ("+81 (0)3-6625-9100", "keeps the trunk 0 after +81: write +81-3-6625-9100"),
    ("+81-03-6625-9100", "keeps the trunk 0 after +81"),
    ("+1-415-555-0123", "numbers in Japan (+81) only"),
])
def test_numbers_a_caller_could_not_dial_are_refused(written, message):
    with pytest.raises(NumberFault, match=message.replace("(", r"\(").replace(")", r"\)").replace("+", r"\+")):
        parse_number(written)


def test_a_fax_line_must_be_a_number_a_fax_can_reach():
    with pytest.raises(NumberFault, match="for a fax"):
        parse_number("090-1234-5678", fax=True)


def test_a_catalogue_line_keeps_both_forms_and_both_names():
    text = """
kinds:
  - {id: lost, name: 紛失, words: [なくした], urgent: true}
providers:
  - id: card
    name: テストカード
    words: [テストカード]
    general_line: desk
    lines:
      - {id: desk, name: テスト緊急窓口, name_abroad: テスト海外窓口, number: +81-3-1234-5678, purpose: p,
         cost: paid, reach: [domestic, mobile, abroad], transfer: true, source: s, hours: 24h}
    problems:
      - {kind: lost, lines: [desk], prepare: [カード番号]}
"""
    line = parse(text).provider("card").line("desk")
    assert (line.number_for("domestic"), line.number_for("mobile"), line.number_for("abroad")) == (
        "03-1234-5678", "03-1234-5678", "+81-3-1234-5678")
    assert (line.name_for("domestic"), line.name_for("abroad")) == ("テスト緊急窓口", "テスト海外窓口")
