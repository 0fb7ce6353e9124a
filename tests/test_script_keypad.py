"""The keypad menus: what is read aloud and what a key does agree; the problem menu groups a long list behind
その他; the provider menu names only the most called few and any number of providers is reached by name."""
import itertools
import re

import pytest

from conftest import tokyo
from ivr.core import keypad
from ivr.core.actions import Ask, Keys, Say, Silence, Speech
from ivr.core.call import play
from ivr.core.catalogue import CatalogueError, parse
from ivr.ja import assistant as japanese_assistant
from timing import MoraClock

NOW = tokyo("2026-11-24 10:00")


def said(actions) -> str:
    return "".join(a.text for a in actions if isinstance(a, Say))


def asked(actions) -> Ask:
    return next(a for a in actions if isinstance(a, Ask))


def test_problem_menus_read_four_at_a_time_then_その他(assistant, catalogue):
    rakuten = catalogue.provider("rakuten_card")
    assert len(keypad.keyed(rakuten)) > 9  # more than one key each: the reason for grouping
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Keys("1"), NOW)
    pages = [said(actions)]
    while "その他は9" in pages[-1]:
        assert asked(actions).expecting == "problem" and "9" in asked(actions).menu
        state, actions = assistant.step(state, Keys("9"), NOW)
        pages.append(said(actions))
    for menu in pages:  # four choices at most, then the way on
        assert len(re.findall(r"は(\d)", menu)) <= keypad.FIRST_MENU + 1
    assert re.findall(r"は(\d)", pages[0]) == ["1", "2", "3", "4", "9"]
    assert "オペレーターは0" in pages[-1] and len(pages) == keypad.pages(rakuten) and state.phase == "problem"
    read = [name for menu in pages for name in re.findall(r"([^、。]+)は\d", menu)]
    assert [name for name in read if name not in ("その他", "オペレーター")] == [p.spoken for p in keypad.keyed(rakuten)]


@pytest.mark.parametrize("provider_id", ["rakuten_card", "amex_gold_preferred", "amazon"])
def test_every_problem_is_reached_by_the_keys_the_menu_reads(assistant, catalogue, provider_id):
    provider = catalogue.provider(provider_id)
    reached = set()
    for page in range(keypad.pages(provider)):
        for digit, problem in keypad.problem_menu(provider, page):
            state, _ = assistant.start(NOW)
            state, actions = assistant.step(state, Keys(provider.keypad), NOW)
            for _ in range(page):
                state, actions = assistant.step(state, Keys(keypad.MORE), NOW)
            assert f"{problem.spoken}は{digit}" in said(actions)  # read aloud with the key that chooses it
            state, actions = assistant.step(state, Keys(digit), NOW)
            assert state.decision["problem"] == problem.id, (digit, problem.id)
            reached.add(problem.id)
    assert reached == {p.id for p in keypad.keyed(provider)}
    # the rest are reached by speech, or by the operator key, which gives the same general line; or they have no
    # line at all (a police report, a chat): speech tells where to turn, and 0 still gives the general line
    assert all(p.lines in ((provider.general_line,), ()) for p in provider.problems if not p.menu)


def test_digits_keep_their_catalogue_position_in_the_first_menu(play):
    # type-ahead from callers who know the list: 1-8 are the catalogue's first eight even where not read
    assert play(["dtmf:15"]).outcome["problem"] == "pin"
    assert play(["dtmf:1", "dtmf:7"]).outcome["problem"] == "login"
    assert play(["dtmf:3", "dtmf:8"]).outcome["problem"] == "seller"
    assert play(["dtmf:19"]).outcome["problem"] == "abroad"  # typed ahead of any menu: the catalogue's 9th
    assert play(["dtmf:1", "dtmf:9"]).outcome["outcome"] == "incomplete"  # after the menu, 9 is その他: it waits


def test_speech_caller_hears_open_questions_and_keypad_caller_hears_menus(assistant):
    state, actions = assistant.start(NOW)
    assert not re.search(r"\d", said(actions)) and asked(actions).menu_on_silence
    state, actions = assistant.step(state, Speech("楽天カード"), NOW)
    assert said(actions) == "楽天カードですね。ご用件をどうぞ。" and asked(actions).menu_on_silence
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Keys("1"), NOW)
    assert "紛失・盗難は1" in said(actions) and not asked(actions).menu_on_silence


def test_silence_brings_the_menu_and_a_miss_says_so_first(assistant):
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Silence(), NOW)
    assert said(actions).startswith("楽天カードは1") and "申し訳" not in said(actions)
    state, actions = assistant.step(state, Speech("ふにゃふにゃ"), NOW)
    assert said(actions).startswith("申し訳ございません") and "楽天カードは1" in said(actions)
    state, _ = assistant.start(NOW)
    state, _ = assistant.step(state, Speech("アマゾン"), NOW)
    state, actions = assistant.step(state, Silence(), NOW)
    assert said(actions).startswith("配送・お届けは1")


def test_hash_starts_over_and_star_repeats_with_the_menu(assistant, play):
    assert play(["dtmf:3", "dtmf:#", "dtmf:1", "dtmf:1"]).outcome["number"] == "+81120866910"
    state, _ = assistant.start(NOW)
    state, _ = assistant.step(state, Speech("アマゾン"), NOW)
    state, actions = assistant.step(state, Keys("9"), NOW)
    state, again = assistant.step(state, Keys("*"), NOW)
    assert said(again) == said(actions) and "出品者向けサポートは4" in said(again)  # still in the その他 menu
    state, actions = assistant.step(state, Keys("#"), NOW)
    assert state.phase == "provider" and state.provider is None and "アマゾンは3" in said(actions)


def test_the_other_menu_belongs_to_its_provider(assistant):
    state, _ = assistant.start(NOW)
    state, _ = assistant.step(state, Keys("1"), NOW)
    state, _ = assistant.step(state, Keys("9"), NOW)
    state, actions = assistant.step(state, Speech("アマゾンです"), NOW)
    assert "配送・お届けは1" in said(actions) and "その他は9" in said(actions)  # amazon's first menu, not rakuten's rest
    state, actions = assistant.step(state, Keys("1"), NOW)
    assert state.decision["problem"] == "delivery"


# --- providers: any number, a key for the most called few --------------------------------------------
KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"
NAMES = [("".join(p)) for p in itertools.islice(itertools.permutations(KANA, 3), 0, 200000, 557)][:100]


def many_providers(count: int, keyed: int = 3) -> str:
    lines = ["kinds:", "  - {id: lost, name: カードの紛失, spoken: 紛失・盗難, urgent: true, words: [紛失, 無くす, 落とす]}",
             "providers:"]
    for i, name in enumerate(NAMES[:count]):
        lines += [f"  - id: p{i}", f"    name: {name}カード", f"    words: [{name}カード]", "    general_line: main"]
        if i < keyed:
            lines.append(f"    keypad: {i + 1}")
        lines += ["    lines:",
                  f"      - {{id: main, name: {name}カードセンター, number: 0120-{100 + i:03d}-{i:03d}, purpose: p, "
                  "cost: free, reach: [domestic, mobile], transfer: true, source: s, hours: 24h}",
                  "    problems:", "      - {kind: lost, lines: [main], prepare: [カード番号]}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hundred():
    catalogue = parse(many_providers(100))
    return catalogue, japanese_assistant(catalogue)


def test_a_hundred_providers_load_and_the_menu_names_only_the_keyed_few(hundred):
    catalogue, assistant = hundred
    assert len(catalogue.providers) == 100 and [p.keypad for p in catalogue.providers[:4]] == ["1", "2", "3", ""]
    menu = assistant.script.ask_provider(menu=True)
    assert re.findall(r"は(\d)", menu.text) == ["1", "2", "3"] and "カード会社名かサービス名" in menu.text
    assert MoraClock().seconds(menu.spoken) < 12
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Silence(), NOW)
    assert asked(actions).menu[:3] == ("1", "2", "3") and "4" not in asked(actions).menu
    assert len(assistant.script.unsupported(("どこか",)).text) < 80  # not a list of a hundred names


@pytest.mark.parametrize("index", [3, 57, 99])
def test_a_provider_without_a_key_is_reached_by_name(hundred, index):
    _, assistant = hundred
    record = play(assistant, [f"{NAMES[index]}カードをなくしました"], NOW)
    assert record.outcome["provider"] == f"p{index}" and record.outcome["outcome"] == "transfer"


def test_a_provider_without_a_key_is_not_reached_by_keys(hundred):
    _, assistant = hundred
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Keys("4"), NOW)
    assert state.provider is None and said(actions).startswith("申し訳ございません")


@pytest.mark.parametrize("value, message", [("0", "keypad must be one digit 1-9"), ("10", "keypad must be one digit"),
                                            ("x", "keypad must be one digit")])
def test_a_keypad_key_must_be_one_digit(value, message):
    text = many_providers(2).replace("    keypad: 1\n", f"    keypad: {value}\n")
    with pytest.raises(CatalogueError) as error:
        parse(text)
    assert message in str(error.value)


def test_a_keypad_key_is_used_once():
    text = many_providers(2).replace("    keypad: 2\n", "    keypad: 1\n")
    with pytest.raises(CatalogueError) as error:
        parse(text)
    assert "uses keypad 1, already used by 'p0'" in str(error.value)


def test_spoken_form_of_a_problem_comes_from_the_provider_then_the_kind_then_the_name(catalogue):
    rakuten, amazon = catalogue.provider("rakuten_card"), catalogue.provider("amazon")
    assert rakuten.problem("login").spoken == "イーナビのログイン"  # the provider's own
    assert rakuten.problem("lost_stolen").spoken == "紛失・盗難"  # the kind's
    assert amazon.problem("delivery").name == "配送・荷物が届かない" and amazon.problem("delivery").spoken == "配送・お届け"
    text = many_providers(1).replace("spoken: 紛失・盗難, ", "")
    assert parse(text).providers[0].problems[0].spoken == "カードの紛失"  # no spoken form: the name
