"""What callers hear, over every provider x problem x time of day x kind of caller: one register (keigo), written
for the ear (no brackets or 「・」 spoken, short sentences), what was understood said first, nothing to fetch for
what the desk asks, and no 0120 or 0570 number given to a caller abroad to dial."""
import re

import pytest

from conftest import tokyo
from ivr.core.routing import caller_region, route
from ivr.ja import script

MOMENTS = {"day": tokyo("2026-11-24 10:00"), "evening": tokyo("2026-11-24 19:00"),
           "night": tokyo("2026-11-24 23:30"), "holiday": tokyo("2026-11-23 11:00")}  # 勤労感謝の日
CALLERS = {"landline": "+81312345678", "mobile": "+819012345678", "abroad": "+447700900123"}
MAX_SENTENCE = 50  # characters of a spoken sentence, but for a sentence that reads a number out
PLAIN_POLITE = ("申し訳ありません", "していません", "しません。", "ありません。")
ASKED = ("氏名", "名前", "生年月日")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。？])", text) if s.strip()]


def renders(catalogue):
    s = script.JapaneseScript(catalogue)
    for provider in catalogue.providers:
        for problem in (None, *provider.problems):
            for when, now in MOMENTS.items():
                for kind, number in CALLERS.items():
                    result = route(provider, problem, now, caller_region(number))
                    yield (provider.id, problem and problem.id, when, kind), result, s.decision(result, now)


@pytest.fixture(scope="module")
def rendered(catalogue):
    return list(renders(catalogue))


def test_the_matrix_is_whole(rendered, catalogue):
    problems = sum(len(p.problems) + 1 for p in catalogue.providers)
    assert len(rendered) == problems * len(MOMENTS) * len(CALLERS)
    assert {result.outcome for _, result, _ in rendered} == {"transfer", "closed", "info"}


def test_one_register_keigo(rendered):
    for where, _, says in rendered:
        for say in says:
            assert not any(form in say.text for form in PLAIN_POLITE), (where, say.text)


def test_nothing_spoken_in_brackets_or_dot_lists(rendered):
    for where, _, says in rendered:
        for say in says:
            assert not re.search(r"[()（）「」『』・]", say.spoken), (where, say.spoken)


def test_name_and_birth_date_are_asked_not_prepared(rendered):
    for where, _, says in rendered:
        for say in says:
            for sentence in sentences(say.text):
                if "ご用意ください" in sentence:
                    assert not any(word in sentence for word in ASKED), (where, sentence)


def test_each_decision_begins_with_what_was_understood(rendered, catalogue):
    for (provider_id, problem_id, *_), result, says in rendered:
        first = says[0].text
        provider = catalogue.provider(provider_id)
        assert first.endswith(("ですね。", "窓口です。")), first
        if problem_id:  # the problem in a few words (the line's name, said next, names the provider)
            assert provider.problem(problem_id).spoken in first, first
        else:
            assert provider.spoken_name in first, first
        assert not re.search(r"\d{2}", first)  # the number comes after


def test_a_caller_abroad_never_hears_a_domestic_only_number(rendered, catalogue):
    domestic_only = [line for p in catalogue.providers for line in p.lines
                     if line.e164.startswith(("+81120", "+81570", "+81800"))]
    assert domestic_only
    for (_, _, _, kind), result, says in rendered:
        if kind != "abroad":
            continue
        text = "".join(say.text for say in says)
        for line in domestic_only:
            digits = line.e164[3:]
            assert digits not in re.sub(r"\D", "", text), (kind, text)


def test_sentences_are_short_but_for_a_number(rendered):
    for where, _, says in rendered:
        for say in says:
            if not say.interruptible:  # a number read out: its name, the digits, said whole
                continue
            for sentence in sentences(say.spoken):
                assert len(sentence) <= MAX_SENTENCE, (where, len(sentence), sentence)


def test_a_closed_line_says_why_and_when_in_the_callers_time(rendered):
    for (provider_id, problem_id, when, kind), result, says in rendered:
        if result.outcome != "closed" or not result.line:
            continue
        text = "".join(say.text for say in says)
        if when == "holiday" and "祝日のため" not in text:
            assert "受付時間外" in text or "お休み" in text, text
        if kind == "abroad":
            assert "日本時間の" in text, text
        assert not re.search(r"\(\S\)の", text)  # dates as spoken: 「11月30日、月曜日の朝9時」, not 「(月)の9時」
