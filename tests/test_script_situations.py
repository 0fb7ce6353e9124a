"""Each message fits its situation: why a question comes again (a key with no choice, a problem this provider
does not handle, 「いいえ」), 「もう一度」 and 「オペレーター」 at the greeting, 「違います」 after a decision, a busy
line, and the last-resort numbers one a sentence."""
from conftest import tokyo
from ivr.core.actions import Keys, Say, Silence, Speech, Transfer
from ivr.core.dialog import Phase
from ivr.ja import script

NOW = tokyo("2026-11-24 10:00")  # a Tuesday: every daytime line is open
EVENING = tokyo("2026-11-24 19:00")  # 楽天カード's centre is closed


def said(actions) -> str:
    return "".join(a.text for a in actions if isinstance(a, Say))


def test_a_key_with_no_choice_is_named_not_unheard(assistant):
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Keys("7"), NOW)
    assert said(actions).startswith("申し訳ございません、その番号はございません。") and "聞き取れ" not in said(actions)
    assert "楽天カードは1" in said(actions) and state.phase == Phase.PROVIDER


def test_a_problem_this_provider_does_not_handle_is_said_so(assistant):
    state, _ = assistant.start(NOW)
    state, _ = assistant.step(state, Speech("アマゾン"), NOW)
    state, actions = assistant.step(state, Speech("暗証番号を忘れました"), NOW)
    assert "アマゾンでは、暗証番号のご相談は承っておりません" in said(actions) and "聞き取れ" not in said(actions)
    assert state.phase == Phase.PROBLEM and state.decision is None


def test_again_at_the_greeting_repeats_the_open_question(assistant):
    state, greeting = assistant.start(NOW)
    state, actions = assistant.step(state, Speech("もう一度お願いします"), NOW)
    assert said(actions) == script.ASK_OPEN and "は1" not in said(actions)
    state, _ = assistant.step(state, Silence(), NOW)  # after a silence the menu was read: again reads it again
    state, actions = assistant.step(state, Speech("もう一回"), NOW)
    assert "楽天カードは1" in said(actions)


def test_operator_at_the_greeting_leads_to_a_person(assistant, catalogue):
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Speech("オペレーターをお願いします"), NOW)
    assert said(actions).startswith(script.ASK_NAME_FOR_OPERATOR) and "楽天カードは1" in said(actions)
    state, actions = assistant.step(state, Speech("アマゾンです"), NOW)
    transfer = next(a for a in actions if isinstance(a, Transfer))
    assert transfer.line == catalogue.provider("amazon").general_line and state.phase == Phase.TRANSFERRING


def test_no_to_a_confirmation_apologises_instead_of_unheard(assistant):
    state, _ = assistant.start(NOW)
    state, _ = assistant.step(state, Speech("プライム会員をやめたい"), NOW)  # only Amazon has Prime: proposed, confirmed
    assert state.phase == Phase.CONFIRM and state.proposed == "amazon"
    state, actions = assistant.step(state, Keys("2"), NOW)
    assert said(actions).startswith(script.SORRY) and "聞き取れ" not in said(actions)
    assert state.phase == Phase.PROVIDER


def test_wrong_after_a_decision_goes_back_to_the_question(assistant):
    state, _ = assistant.start(EVENING, caller="+819012345678")
    state, _ = assistant.step(state, Speech("楽天カードの明細について"), EVENING)
    assert state.phase == Phase.SMS and state.decision["outcome"] == "closed"
    state, actions = assistant.step(state, Speech("いえ、違います"), EVENING)
    assert said(actions).startswith(script.SORRY) and "ご用件" in said(actions)
    assert state.phase == Phase.PROBLEM and state.decision is None and state.provider == "rakuten_card"
    state, actions = assistant.step(state, Speech("カードをなくしました"), EVENING)
    assert state.decision["problem"] == "lost_stolen" and any(isinstance(a, Transfer) for a in actions)


def test_no_to_the_sms_offer_is_still_no(assistant):
    state, _ = assistant.start(EVENING, caller="+819012345678")
    state, _ = assistant.step(state, Speech("楽天カードの明細について"), EVENING)
    state, actions = assistant.step(state, Speech("いいえ、結構です"), EVENING)
    assert state.phase == Phase.DONE and script.GOODBYE in said(actions)


def test_a_busy_line_asks_to_call_again_later(catalogue, assistant):
    state, _ = assistant.start(NOW)
    state, _ = assistant.step(state, Speech("アマゾンの荷物が届かない"), NOW)
    from ivr.core.actions import DialEnded
    state, actions = assistant.step(state, DialEnded("busy"), NOW)
    text = said(actions)
    assert "時間をおいて" in text and "おかけ直し" in text and "フリーダイヤル" not in text and "0120-899-543" in text


def test_general_numbers_come_one_a_sentence_each_twice(catalogue):
    says = script.general_numbers(catalogue)
    for provider in catalogue.providers:
        number = provider.line(provider.general_line).number
        holding = [say for say in says if number in say.text]
        assert len(holding) == 2 and all(not say.interruptible for say in holding)
        assert all(sum(p.line(p.general_line).number in say.text for p in catalogue.providers) == 1
                   for say in holding)


def test_keys_typed_ahead_skip_the_menus_they_answer(assistant):
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Keys("11"), NOW)  # 楽天カード, then its first problem
    assert state.decision["problem"] == "lost_stolen"
    assert "は1" not in said(actions) and "を押してください" not in said(actions)


def test_star_and_hash_are_announced_when_a_caller_struggles(assistant):
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Speech("ふにゃふにゃ"), NOW)
    assert "米印" in said(actions) and "シャープ" in said(actions)
    state, actions = assistant.step(state, Keys("*"), NOW)  # and they do what is said
    assert "楽天カードは1" in said(actions) and state.phase == Phase.PROVIDER


def test_a_problem_named_with_a_provider_that_does_not_handle_it_is_said_so_at_once(assistant):
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Speech("アマゾンで暗証番号を忘れました"), NOW)
    assert "アマゾンでは、暗証番号のご相談は承っておりません" in said(actions)
    assert state.phase == Phase.PROBLEM and state.provider == "amazon" and "配送" in said(actions)  # its menu


def test_wrong_to_the_provider_heard_asks_for_the_provider_again(assistant):
    state, _ = assistant.start(NOW)
    state, actions = assistant.step(state, Speech("アマゾン"), NOW)
    assert said(actions) == "アマゾンですね。ご用件をどうぞ。"
    state, actions = assistant.step(state, Speech("いえ、違います"), NOW)
    assert said(actions) == script.SORRY + script.ASK_OPEN and state.provider is None
    state, actions = assistant.step(state, Speech("楽天カードの暗証番号"), NOW)
    assert state.decision["provider"] == "rakuten_card" and state.decision["problem"] == "pin"


def test_words_before_the_dial_other_than_wrong_let_the_transfer_go_ahead(assistant):
    state, _ = assistant.start(NOW)
    state, first = assistant.step(state, Speech("アマゾンの荷物が届かない"), NOW)
    transfer = next(a for a in first if isinstance(a, Transfer))
    for said_then in (Speech("はい、お願いします"), Silence(), Keys("1")):
        after, actions = assistant.step(state, said_then, NOW)
        assert actions == [transfer] and after.phase == Phase.TRANSFERRING  # the same catalogue line, nothing said
    after, actions = assistant.step(state, Speech("いいえ、違います"), NOW)
    assert not any(isinstance(a, Transfer) for a in actions) and after.phase == Phase.PROBLEM
