"""Every sentence the assistant can say, for every provider x problem x open/closed x caller region, checked
against rules for natural spoken Japanese and for what a caller needs (the number first, then twice)."""
import re

import pytest

from ivr.core import keypad

from conftest import tokyo
from ivr.core.actions import Say
from ivr.core.catalogue import parse
from ivr.core.routing import Decision, route
from ivr.ja import script
from ivr.ja.phrasing import speak_phone_number
from timing import MoraClock

MOMENTS = [tokyo(t) for t in ("2026-11-24 10:00", "2026-11-24 23:30", "2026-11-20 18:00", "2026-11-22 12:00",
                              "2026-11-23 10:00", "2026-11-24 09:15")]
REGIONS = ("domestic", "mobile", "abroad")
CLOCK = MoraClock()

DOUBLED = re.compile(r"(\w{2,})の、?\1")  # 「楽天カードのカードの…」, 「カードの、カード」
BAD = {
    "a verb used as a noun": re.compile(r"ない(の|は|を|について)"),  # 「届かないのご相談」, 「届かないは1」
    "an empty item": re.compile(r"、、|、。|。。|、を|はを|はは|\(\)|（）|「」|None|\{|\}"),
    "a clumsy topic": re.compile(r"についてのお問い合わせ|のご相談のご相談"),
}


def rule_faults(text: str) -> list[str]:
    faults = [f"doubled word {m.group(0)!r}" for m in DOUBLED.finditer(text)]
    faults += [f"{what}: {m.group(0)!r}" for what, rule in BAD.items() for m in rule.finditer(text)]
    if text and not text.endswith(("。", "」")):
        faults.append("does not end a sentence")
    return faults


def seconds(say: Say) -> float:
    return CLOCK.seconds(say.spoken)


def decisions(catalogue):
    """(provider, problem, moment, Decision) for every problem (and the operator) at every moment and region."""
    seen = set()
    for provider in catalogue.providers:
        for problem in (*provider.problems, None):
            for moment in MOMENTS:
                for region in REGIONS:
                    result = route(provider, problem, moment, region)
                    key = (result, moment if result.outcome == "closed" else None)
                    if key not in seen:
                        seen.add(key)
                        yield provider, problem, moment, result


def questions(catalogue):
    s = script.JapaneseScript(catalogue)
    yield s.ask_provider()
    yield s.ask_provider(heard_problem=True)
    yield s.ask_provider(menu=True)
    yield s.ask_provider(retry=True)
    for provider in catalogue.providers:
        for retry in (False, True):
            for menu, page in ((False, 0), (True, 0), *((True, page) for page in range(1, keypad.pages(provider)))):
                yield s.ask_problem(provider, retry, menu, page)
            yield s.ask_confirm(provider, None, retry)
            for problem in provider.problems:
                yield s.ask_confirm(provider, problem, retry)


def test_every_question_reads_as_natural_japanese_and_is_short(catalogue):
    asked = list(questions(catalogue))
    assert len(asked) > 80
    for say in asked:
        assert rule_faults(say.text) == [], say.text
        assert seconds(say) <= 25, say.text


def test_first_questions_are_open_and_short(catalogue):
    s = script.JapaneseScript(catalogue)
    assert seconds(Say(s.greeting)) + seconds(s.ask_provider()) <= 7
    assert "ご用件" in s.ask_provider().text and not re.search(r"\d", s.ask_provider().text)
    for provider in catalogue.providers:
        assert seconds(s.ask_problem(provider)) <= 5 and not re.search(r"\d", s.ask_problem(provider).text)
        assert seconds(s.ask_problem(provider, menu=True)) <= 12  # the first keypad menu: four and その他
        assert seconds(s.ask_problem(provider, page=1)) <= 16


def test_spoken_forms_fit_after_the_provider_name(catalogue):
    for provider in catalogue.providers:
        for problem in provider.problems:
            assert problem.spoken and problem.spoken != provider.spoken_name
            topic = script.topic(provider, problem)
            assert rule_faults(topic + "。") == [], topic
            assert not problem.spoken.startswith("カード") or "カード" not in provider.spoken_name, topic


@pytest.fixture(scope="module")
def rendered(catalogue):
    return [(provider, problem, moment, result, script.decision(catalogue, result, moment))
            for provider, problem, moment, result in decisions(catalogue)]


def test_every_decision_covers_open_closed_and_info(rendered):
    outcomes = {result.outcome for *_, result, _ in rendered}
    assert outcomes == {"transfer", "closed", "info"}
    assert len(rendered) > 40


def test_every_decision_sentence_follows_the_rules(rendered):
    for provider, problem, moment, result, says in rendered:
        for say in says:
            assert rule_faults(say.text) == [], (provider.id, problem and problem.id, say.text)
            assert seconds(say) <= 16, say.text
        texts = [say.text for say in says]
        assert len(set(texts)) == len(texts), texts  # nothing said twice but the number (its two sentences differ)
        assert "".join(texts).count("今すぐでしたら") <= 1


def test_a_decision_with_a_line_says_the_number_first_and_again_at_the_end(catalogue, rendered):
    for provider, problem, moment, result, says in rendered:
        if result.line is None:
            continue
        line = provider.line(result.line)
        if result.region == "abroad" and not line.international:
            continue  # never read out to a caller abroad (tests/test_script_matrix.py)
        number = line.number_for(result.region)
        lead, first = says[0], says[1]  # what was understood, in a few words, then the number
        assert lead.text.endswith(("ですね。", "窓口です。")) and seconds(lead) <= 3.5, lead.text
        assert first.text.startswith(line.name_for(result.region)) and number in first.text and not first.interruptible
        assert CLOCK.seconds(first.spoken.split(speak_phone_number(number))[0]) <= 5  # words before the digits
        assert speak_phone_number(number) in first.spoken
        numbered = [say for say in says if number in say.text]
        assert len(numbered) == 2 and numbered[-1].text.startswith("もう一度")
        if result.outcome == "transfer":
            assert says[-1].text == "このままおつなぎします。" and says[-2] is numbered[-1]
        elif result.outcome == "info":  # a FAX: read out with its hours, never dialled
            assert "受付は" in "".join(say.text for say in says) and says[-1] is numbered[-1]
        else:
            text = "".join(say.text for say in says)
            assert ("受付時間外" in text or "お休み" in text) and "からです" in text and "おつなぎします" not in text
            assert says[-1] is numbered[-1]


def test_what_to_prepare_is_two_items_at_most_by_voice(rendered):
    for provider, problem, moment, result, says in rendered:
        said = [say for say in says if say.text.startswith("お手元に、")]
        asked = [say for say in says if say.text.startswith("窓口では、")]
        if problem is None or result.outcome != "transfer":
            assert said == [] and asked == []  # closed or info: the SMS carries the list
            continue
        assert len(said) <= 1 and len(asked) <= 1 and all("(" not in say.spoken for say in said + asked), said
        ready = [item for item in problem.prepare if not script._asked(item)]
        for index, item in enumerate(ready):  # the first two things to fetch, the rest by SMS
            words = script.spoken_item(item)[0]
            assert (words in "".join(say.text for say in said)) == (index < 2), (problem.id, item, said)
        for item in problem.prepare:
            for detail in script._asked(item) or ():
                assert detail in asked[0].text and "お伺いします" in asked[0].text


def test_the_sms_still_lists_everything_to_prepare(catalogue):
    result = route(catalogue.provider("amex_gold_preferred"),
                   catalogue.provider("amex_gold_preferred").problem("unauthorized"), MOMENTS[0], "domestic")
    body = script.sms_body(catalogue, result)
    assert "不審な請求の日付と金額" in body and "カード番号" in body and "16桁" not in body  # Amex numbers have 15


def test_speech_spells_catalogue_names_as_they_are_said(rendered):
    for *_, says in rendered:
        for say in says:
            assert "e-NAVI" not in say.spoken and "(" not in say.spoken.split("。")[0]


def test_dial_failure_general_numbers_and_not_covered_follow_the_rules(catalogue, rendered):
    transfers = [result for *_, result, _ in rendered if result.outcome == "transfer"]
    for result in transfers:
        for status in ("busy", "no-answer", "failed"):
            for say in script.dial_failed(catalogue, result, status):
                assert rule_faults(say.text) == [], say.text
    general = script.general_numbers(catalogue)
    numbers = [say for say in general if not say.interruptible]
    assert all(rule_faults(say.text) == [] for say in general)
    for provider in catalogue.providers:  # one number a sentence, said twice
        digits = speak_phone_number(provider.line(provider.general_line).number)
        assert sum(say.spoken.count(digits) for say in numbers) == 2
    assert all(sum(say.spoken.count(speak_phone_number(p.line(p.general_line).number)) for p in catalogue.providers)
               == 1 for say in numbers)
    assert rule_faults(script.unsupported(catalogue, ("三井住友カード",)).text) == []


URGENT_YAML = """
kinds:
  - {id: lost, name: カードの紛失, spoken: 紛失, urgent: true, words: [なくした]}
providers:
  - id: shop
    name: テストカード
    words: [テストカード]
    general_line: office
    lines:
      - {id: office, name: テストカードセンター, number: 0120-111-222, purpose: p, cost: free, reach: [domestic, mobile],
         transfer: true, source: s, hours: {weekly: [{days: mon-fri, open: "09:00", close: "17:00"}]}}
      - {id: night, name: テストカード緊急デスク, number: 03-1234-5678, purpose: p, cost: paid, urgent: true,
         reach: [domestic, mobile], transfer: false, source: s, hours: 24h}
    channels:
      - {id: chat, name: チャット, kind: chat, how: アプリのチャットでお問い合わせください, hours: 24h}
    problems:
      - {kind: lost, lines: [office], channels: [chat], prepare: [カード番号]}
"""


def test_closed_urgent_problem_gets_the_24_hour_line_not_only_a_chat():
    catalogue = parse(URGENT_YAML)
    provider = catalogue.provider("shop")
    night = tokyo("2026-11-24 23:30")
    result = route(provider, provider.problem("lost"), night, "domestic")
    assert result.outcome == "closed"  # the 24-hour line cannot be transferred to: read out instead
    text = "".join(say.text for say in script.decision(catalogue, result, night))
    assert "お急ぎの場合は、24時間受付のテストカード緊急デスク、03-1234-5678" in text and "チャット" not in text


def test_info_outcome_names_the_channel_and_its_hours_once(catalogue):
    amazon = catalogue.provider("amazon")
    result = Decision("info", "amazon", "seller", None, None, None)
    says = script.decision(catalogue, result, MOMENTS[0])
    assert says[0].text == "出品者向けサポートですね。"  # what was understood, first
    assert says[1].text.startswith("出品者の方のお問い合わせは") and "セラーセントラル" in says[2].text
    assert amazon.problem("seller").info in says[1].text and all(rule_faults(s.text) == [] for s in says)


def test_closed_time_is_said_relative_to_now(catalogue):
    provider = catalogue.provider("rakuten_card")
    moment = tokyo("2026-11-24 09:15")
    result = route(provider, provider.problem("statement"), moment, "domestic")
    text = "".join(say.text for say in script.decision(catalogue, result, moment))
    assert "受付は、今日の朝9時30分からです" in text and "通話料がかかります" in text



@pytest.mark.parametrize("bad", ["アマゾンの配送・商品が届かないのご相談は、窓口が受け付けています。", "楽天カードのカードの紛失・盗難ですね。",
                                 "楽天カードの、カードの紛失・盗難のご相談ですね。",
                                 "荷物が届かないについてのお問い合わせでよろしいですか。", "お手元に、をご用意ください。",
                                 "楽天カードは1、、アマゾンは3を押してください。", "紛失・盗難は1"])
def test_the_rules_catch_the_sentences_the_issue_quotes(bad):
    assert rule_faults(bad)
