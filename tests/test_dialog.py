import json
import subprocess
import sys

import pytest

from conftest import DEV, tokyo
from ivr.core.actions import Ask, DialEnded, End, Keys, SendSms, Silence, Speech, Transfer
from ivr.core.dialog import State

RAKUTEN_CENTRE, RAKUTEN_LOST, RAKUTEN_ABROAD = "+81570666910", "+81120866910", "+81924749255"
AMEX_MAIN, AMEX_24H = "+81120010120", "+81366259100"
AMAZON = "+81120899543"
TUE, SAT, HOLIDAY = "2026-11-24", "2026-11-28", "2026-11-23"

DEV_CASES = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()
             if line.strip()]


@pytest.mark.parametrize("case", DEV_CASES, ids=[c["id"] for c in DEV_CASES])
def test_dev_calls(assistant, case):
    from ivr.core.call import play
    from ivr.core.hours import parse_moment
    outcome = play(assistant, case["turns"], parse_moment(case["at"]), auto_yes=True).outcome
    assert outcome["outcome"] == case["expect"]["outcome"]
    if case["expect"]["numbers"]:
        assert outcome["number"] in case["expect"]["numbers"]
    else:
        assert outcome["number"] is None


# (turns, at, outcome, number, problem)
ROUTING = [
    # time boundaries of the 楽天 centre, 9:30-17:30 every day
    (["楽天カードの明細"], f"{TUE} 09:29", "closed", RAKUTEN_CENTRE, "statement"),
    (["楽天カードの明細"], f"{TUE} 09:30", "transfer", RAKUTEN_CENTRE, "statement"),
    (["楽天カードの明細"], f"{TUE} 17:29", "transfer", RAKUTEN_CENTRE, "statement"),
    (["楽天カードの明細"], f"{TUE} 17:30", "closed", RAKUTEN_CENTRE, "statement"),
    (["楽天カードの明細"], f"{HOLIDAY} 12:00", "transfer", RAKUTEN_CENTRE, "statement"),
    # Amex weekdays 9-17, closed on weekends and holidays
    (["アメックス", "ポイント"], f"{TUE} 08:59", "closed", AMEX_MAIN, "points"),
    (["アメックス", "ポイント"], f"{TUE} 09:00", "transfer", AMEX_MAIN, "points"),
    (["アメックス", "ポイント"], f"{TUE} 16:59", "transfer", AMEX_MAIN, "points"),
    (["アメックス", "ポイント"], f"{TUE} 17:00", "closed", AMEX_MAIN, "points"),
    (["アメックス", "ポイント"], f"{SAT} 10:00", "closed", AMEX_MAIN, "points"),
    (["アメックス", "ポイント"], "2027-03-22 10:00", "closed", AMEX_MAIN, "points"),
    (["アメックス", "ポイント"], "2027-03-23 10:00", "transfer", AMEX_MAIN, "points"),
    # urgent problems fall back to the provider's 24-hour line
    (["アメックスのカードを盗まれました"], f"{TUE} 17:00", "transfer", AMEX_24H, "lost_stolen"),
    (["アメックスのカードを盗まれました"], f"{HOLIDAY} 10:00", "transfer", AMEX_24H, "lost_stolen"),
    (["アメックス", "不正利用"], f"{SAT} 03:00", "transfer", AMEX_24H, "unauthorized"),
    (["楽天カード", "不正利用されました"], f"{TUE} 17:30", "transfer", RAKUTEN_LOST, "unauthorized"),
    (["楽天カードを無くしました"], f"{TUE} 00:00", "transfer", RAKUTEN_LOST, "lost_stolen"),
    # Amazon 9-21 every day; no 24-hour line, so urgent problems at night end closed with the chat offered
    (["アマゾン", "荷物が届かない"], f"{TUE} 08:59", "closed", AMAZON, "delivery"),
    (["アマゾン", "荷物が届かない"], f"{TUE} 09:00", "transfer", AMAZON, "delivery"),
    (["アマゾン", "荷物が届かない"], f"{TUE} 20:59", "transfer", AMAZON, "delivery"),
    (["アマゾン", "荷物が届かない"], f"{TUE} 21:00", "closed", AMAZON, "delivery"),
    (["アマゾンのアカウントが乗っ取られました"], f"{TUE} 23:30", "closed", AMAZON, "account_takeover"),
    (["アマゾン", "キャンセルしたい"], f"{HOLIDAY} 10:00", "transfer", AMAZON, "order_payment"),
    # no phone line for the problem
    (["アメックス", "旅行保険"], f"{TUE} 10:00", "info", None, "travel_insurance"),
    (["アマゾンの出品者です"], f"{TUE} 23:00", "info", None, "seller"),
    # trouble abroad
    (["楽天カードが海外で使えません"], f"{TUE} 10:00", "transfer", RAKUTEN_ABROAD, "abroad"),
    (["海外旅行中にアメックスをなくしました"], f"{TUE} 10:00", "transfer", AMEX_24H, "lost_stolen"),
]


@pytest.mark.parametrize("turns, at, outcome, number, problem", ROUTING)
def test_routing(play, turns, at, outcome, number, problem):
    got = play(turns, at=at).outcome
    assert (got["outcome"], got["number"], got["problem"]) == (outcome, number, problem)
    assert got["open"] == {"transfer": True, "closed": False, "info": None}[outcome]


# (turns, yes, outcome, provider, problem, number) at Tuesday 10:00
FLOWS = [
    # keypad
    (["dtmf:1", "dtmf:1"], True, "transfer", "rakuten_card", "lost_stolen", RAKUTEN_LOST),
    (["dtmf:11"], True, "transfer", "rakuten_card", "lost_stolen", RAKUTEN_LOST),  # type-ahead
    (["dtmf:3", "dtmf:2"], True, "transfer", "amazon", "returns_refunds", AMAZON),
    (["dtmf:2", "dtmf:0"], True, "transfer", "amex_gold_preferred", None, AMEX_MAIN),  # 0: operator
    (["dtmf:9", "dtmf:#", "dtmf:2", "dtmf:4"], True, "transfer", "amex_gold_preferred", "points", AMEX_MAIN),
    (["dtmf:abc", "dtmf:1", "dtmf:3"], True, "transfer", "rakuten_card", "statement", RAKUTEN_CENTRE),
    # no input and no match: two re-asks, then the general line (or goodbye without a provider)
    (["", "", ""], True, "hangup", None, None, None),
    (["ふにゃふにゃ", "ええと", "むにゃ"], True, "hangup", None, None, None),
    (["", "", "楽天カード", "ポイント"], True, "transfer", "rakuten_card", "points", RAKUTEN_CENTRE),
    (["楽天カード", "", "", ""], True, "transfer", "rakuten_card", None, RAKUTEN_CENTRE),
    (["アマゾン", "あれです", "その", "なんだっけ"], True, "transfer", "amazon", None, AMAZON),
    (["楽天カード", ""], True, "incomplete", "rakuten_card", None, None),
    # repeat, operator, goodbye
    (["アメックス", "もう一度", "ポイント"], True, "transfer", "amex_gold_preferred", "points", AMEX_MAIN),
    (["dtmf:*", "アメックス", "ポイント"], True, "transfer", "amex_gold_preferred", "points", AMEX_MAIN),
    (["アマゾン", "オペレーターと話したい"], True, "transfer", "amazon", None, AMAZON),
    (["人と話したい", "楽天カード"], True, "transfer", "rakuten_card", None, RAKUTEN_CENTRE),
    (["さようなら"], True, "hangup", None, None, None),
    # corrections and negation
    (["楽天カードじゃなくてアメックス", "カードをなくしました"], True, "transfer", "amex_gold_preferred", "lost_stolen",
     AMEX_MAIN),
    (["楽天カード", "いや、アメックスです", "暗証番号"], True, "transfer", "amex_gold_preferred", "pin", AMEX_MAIN),
    (["楽天カードです", "なくしてはいないんですが、暗証番号を忘れてしまって"], True, "transfer", "rakuten_card", "pin",
     RAKUTEN_CENTRE),
    # emergency words take the urgent path whenever they are heard
    (["楽天カード", "えーと、ポイントのことで電話したんですが、実はカードを盗まれまして"], True, "transfer", "rakuten_card",
     "lost_stolen", RAKUTEN_LOST),
    # unsupported services, then choosing again
    (["楽天モバイルの料金について"], True, "unsupported", None, None, None),
    (["PayPayの残高"], True, "unsupported", None, None, None),
    (["JCBカード", "アマゾン", "返品したい"], True, "transfer", "amazon", "returns_refunds", AMAZON),
    # problem only: asked for the provider, or one provider proposed for confirmation; a parcel, an order or a
    # return is any shop's: no company is guessed from it
    (["荷物が届かない"], True, "incomplete", None, None, None),
    (["荷物が届かない", "アマゾンです"], False, "transfer", "amazon", "delivery", AMAZON),
    (["プライム会員をやめたい", "はい"], False, "transfer", "amazon", "prime_digital", AMAZON),
    (["プライム会員をやめたい", "いいえ", "楽天カード"], False, "incomplete", "rakuten_card", None, None),
    (["暗証番号を忘れました", "楽天です"], True, "transfer", "rakuten_card", "pin", RAKUTEN_CENTRE),
    # near-miss names are confirmed, not guessed
    (["アメックッス", "カードをなくしました"], True, "transfer", "amex_gold_preferred", "lost_stolen", AMEX_MAIN),
    (["アメックッス", "はい", "ポイント"], False, "transfer", "amex_gold_preferred", "points", AMEX_MAIN),
    (["アメックッス", "いいえ", "アマゾン", "返品"], False, "transfer", "amazon", "returns_refunds", AMAZON),
]


@pytest.mark.parametrize("turns, yes, outcome, provider, problem, number", FLOWS)
def test_flows(play, turns, yes, outcome, provider, problem, number):
    got = play(turns, yes=yes).outcome
    assert (got["outcome"], got["provider"], got["problem"], got["number"]) == (outcome, provider, problem, number)


def test_near_miss_is_asked_before_any_transfer(play):
    record = play(["アメックッス", "カードをなくしました"], yes=False)
    says = [e["say"] for e in record.events if "say" in e]
    assert any("アメックス・ゴールド・プリファードのお問い合わせでよろしいですか" in s for s in says)
    assert record.outcome["outcome"] == "transfer"


def test_caller_abroad_by_number_gets_the_overseas_line(play):
    assert play(["楽天カードをなくしました"], caller="+12025550123").outcome["number"] == RAKUTEN_ABROAD
    assert play(["アメックス", "ポイント"], caller="+12025550123").outcome["number"] == AMEX_24H


def test_mobile_caller_gets_the_line_mobiles_can_reach(play):
    assert play(["楽天カードをなくしました"], caller="+819012345678").outcome["number"] == RAKUTEN_ABROAD
    assert play(["楽天カードをなくしました"], caller="+81312345678").outcome["number"] == RAKUTEN_LOST


def test_closed_line_is_explained_with_next_opening_and_open_alternatives(play):
    record = play(["楽天カード", "支払い金額を確認したい"], at=f"{TUE} 19:00")
    text = "\n".join(e["say"] for e in record.events if "say" in e)
    assert "0570-66-6910" in text
    assert "受付時間外" in text and "受付は、明日の朝9時30分からです" in text
    assert "AIチャット" in text  # 24h, offered now
    assert "チャットサポートで、オペレーター" not in text  # closed now, not offered
    assert not any("transfer" in e for e in record.events)


def test_closed_on_friday_evening_names_the_day(play):
    record = play(["アメックス", "限度額を上げたい"], at="2026-11-20 18:00")
    text = "\n".join(e["say"] for e in record.events if "say" in e)
    assert "受付は、11月24日、火曜日の朝9時からです" in text  # skips the weekend and the 11/23 holiday
    assert "アメックスアプリ" in text and "チャット" in text  # 8:00-20:00, open at 18:00


def test_transfer_reads_number_twice_hours_and_what_to_prepare(play):
    record = play(["楽天カードをなくしました"])
    last = record.events[-1]
    assert last["say"].count("0120-86-6910") == 2
    assert "24時間受け付けています" in last["say"]
    assert "カード番号" in last["say"] and "ご用意ください" in last["say"]
    assert (last["transfer"], last["line"]) == (RAKUTEN_LOST, "lost_desk")
    assert [e for e in record.events if "transfer" in e] == [last]


def test_unsupported_names_what_is_covered_and_asks_again(play):
    record = play(["三井住友カードをなくしました"])
    says = [e["say"] for e in record.events if "say" in e]
    assert any("三井住友カードの窓口は、こちらではご案内しておりません" in s and "アマゾン" in s for s in says)
    assert "カード会社名かサービス名" in says[-1] and record.events[-1].get("ask") == "provider"


def test_another_organisations_business_paid_with_ours_is_said_to_be_theirs(play):
    """The business is the other's, ours only pays for it: said so, and the call may still go on to ours."""
    record = play(["ディズニープラスを解約したいんですけど、支払いはアメックスにしてて"])
    says = [e["say"] for e in record.events if "say" in e]
    assert "の窓口は、こちらではご案内しておりません" in says[-1] and "ディズニー" in says[-1]
    assert record.outcome["outcome"] == "unsupported" and record.events[-1].get("ask") == "problem"
    record = play(["ディズニープラスを解約したいんですけど、支払いはアメックスにしてて", "あ、アメックスの明細も見たい"])
    assert record.outcome["outcome"] == "transfer" and record.outcome["number"] == AMEX_MAIN


def test_an_urgent_caller_who_names_another_organisation_is_not_sent_away(play):
    """A phishing victim names the company the fake claimed to be: at night they reach the 24-hour line."""
    record = play(["ディズニープラスのメールだと思ってアメックスのカードを入力したら、偽物でした"], at=f"{TUE} 23:30")
    assert record.outcome["outcome"] == "transfer" and record.outcome["number"] == AMEX_24H


def test_a_caller_who_wants_to_reach_another_organisation_is_not_put_through_to_ours(play):
    record = play(["楽天カードで払った電気代のことで、東京電力のお客さまセンターにつないでください"])
    assert record.outcome["outcome"] == "unsupported" and not [e for e in record.events if "transfer" in e]


def test_a_request_of_an_institution_hears_what_this_line_is_for_and_is_not_ours(play):
    """この辺でやってる眼科 sounds like a request for hours: it is the clinic's, not a request for our general line."""
    record = play(["この辺で日曜にやってる眼科を教えてほしいんですが"])
    says = [e["say"] for e in record.events if "say" in e]
    assert "窓口の電話番号と受付時間をご案内しています" in says[-1] and "担当者" not in says[-1]
    assert record.outcome["outcome"] == "unsupported" and not [e for e in record.events if "transfer" in e]
    record = play(["アマゾンです", "区役所から届くはずの書類がまだ来ないんです"])  # ours was named before: kept for it
    assert record.outcome["outcome"] == "transfer" and record.outcome["problem"] == "delivery"


def test_a_cards_request_before_the_company_is_named_goes_to_its_general_line_once_named(play):
    """来月パリに出張で、海外で使うって伝えたほうがいい? then 楽天カードです: the general line, not the problem question."""
    record = play(["来月パリに出張なので、海外で使うって事前に伝えといたほうがいいですか", "楽天カードです"])
    assert record.outcome["number"] == "+81570666910" and record.outcome["outcome"] in ("transfer", "closed")
    record = play(["なくしたと思ってたカード、鞄の奥から出てきました", "アメックスです"])
    assert record.outcome["number"] == "+81120010120"
    record = play(["おすすめのクレジットカードってどれですか"])  # nobody's card: what this line is for
    assert record.outcome["outcome"] == "unsupported"


def test_a_trouble_told_to_a_provider_with_one_line_for_all_is_put_through_to_it(play):
    record = play(["アマゾンのレビューを書いたのに載らないんですよ"])
    assert record.outcome["outcome"] == "transfer" and record.outcome["number"] == "+81120899543"
    record = play(["楽天カードのレビューを書いたのに載らないんですよ"])  # two lines: the trouble is asked, nothing dialled
    assert record.outcome["outcome"] == "incomplete" and record.events[-1].get("ask") == "problem"


def test_a_person_asked_for_help_that_has_no_phone_line_hears_where_the_help_is(play):
    """出品者のサポートにつないでほしい: seller support is not a phone line; no person on the general line instead."""
    record = play(["アマゾンの出品者なんですけど、セラーサポートの人につないでもらえますか"])
    assert record.outcome["outcome"] == "info" and not [e for e in record.events if "transfer" in e]


@pytest.mark.parametrize("then, outcome", [("あーそれは後でいいです、先に違う商品が届いたんですけど", "transfer"),
                                           ("あ、やっぱりそれじゃなくて、注文をキャンセルしたいんです", "transfer"),
                                           ("あと、アメックスの明細のことも", "transfer")])
def test_after_an_answer_with_no_line_the_caller_may_ask_something_else(play, then, outcome):
    """不在票の再配達 is the carrier's: the answer, then 「ほかにご用件があれば」; a request said instead, as one more
    thing or of another company is heard."""
    record = play(["アマゾン", "不在票が入ってたので再配達をお願いしたい", then])
    asked = [e for e in record.events if e.get("who") == "assistant"][2]
    assert "ほかにご用件があれば" in asked["say"] and asked.get("ask") == "anything"
    assert record.outcome["outcome"] == outcome and record.state.phase.value == "transferring"


@pytest.mark.parametrize("then", ["アマゾンで頼んだやつのことで", "いいえ、それだけです", "はい", ""])
def test_after_an_answer_with_no_line_more_of_the_same_or_nothing_ends_the_call(play, then):
    record = play(["アマゾン", "不在票が入ってたので再配達をお願いしたい", then])
    assert record.outcome["outcome"] == "info" and record.outcome["problem"] == "redelivery"
    assert record.state.phase.value == "done" and "失礼いたします" in record.events[-1]["say"]


def test_a_person_asked_for_then_a_matter_no_line_handles_hears_where_its_help_is(play):
    record = play(["オペレーターにつないでください", "アメックス、ゴールドプリファードで、旅行保険のことで聞きたい"])
    assert record.outcome["outcome"] == "info" and record.outcome["problem"] == "travel_insurance"


def test_a_no_said_as_ううん_before_違います_asks_the_problem_again(play):
    record = play(["アメックス", "ポイントの交換について聞きたい", "ううん、ちがいます", "カード情報抜かれたかもしれない"],
                  at="2027-05-04 11:08")  # a holiday: the points line closed, the answer given
    assert record.outcome["outcome"] == "transfer" and record.outcome["number"] == AMEX_24H


def test_sms_offered_to_japanese_mobile_when_closed(play):
    record = play(["アマゾン", "荷物が届かない"], at=f"{TUE} 23:00", caller="+819012345678")
    sms = [e["sms"] for e in record.events if "sms" in e]
    assert len(sms) == 1 and sms[0]["to"] == "*********5678"  # shown and logged masked
    assert "0120-899-543" in sms[0]["body"] and "注文番号" in sms[0]["body"]
    assert len(sms[0]["body"]) <= 201
    # a fixed line cannot receive SMS: not offered
    record = play(["アマゾン", "荷物が届かない"], at=f"{TUE} 23:00", caller="+81312345678")
    assert not [e for e in record.events if "sms" in e]


def test_repeat_after_decision_says_it_again(assistant):
    state, _ = assistant.start(tokyo(f"{TUE} 23:00"), "+819012345678")
    state, first = assistant.step(state, Speech("アマゾンで荷物が届かない"), tokyo(f"{TUE} 23:00"))
    assert state.phase == "sms"
    state, again = assistant.step(state, Speech("もう一度お願いします"), tokyo(f"{TUE} 23:00"))
    assert [a for a in again if not isinstance(a, Ask)] == [a for a in first if not isinstance(a, Ask)]
    state, last = assistant.step(state, Keys("2"), tokyo(f"{TUE} 23:00"))
    assert isinstance(last[-1], End) and not any(isinstance(a, SendSms) for a in last)


def test_dial_failure_reads_number_again_and_offers_sms(assistant):
    now = tokyo(f"{TUE} 10:00")
    state, _ = assistant.start(now, "+819012345678")
    state, actions = assistant.step(state, Speech("アメックスのポイント"), now)
    assert isinstance(actions[-1], Transfer) and state.phase == "transferring"
    state, actions = assistant.step(state, DialEnded("busy"), now)
    text = "".join(a.text for a in actions if hasattr(a, "text"))
    assert "話し中" in text and text.count("0120-010120") == 2
    assert state.phase == "sms"
    state, actions = assistant.step(state, Speech("はい"), now)
    assert any(isinstance(a, SendSms) and "0120-010120" in a.body for a in actions)
    assert state.phase == "done"


def test_a_busy_line_is_said_to_be_busy_and_an_unreachable_one_gets_the_free_dial_caveat(assistant):
    now = tokyo(f"{TUE} 10:00")
    for status, says, never in (("busy", "話し中", "フリーダイヤルの番号は"), ("no-answer", "応答しなかった", "フリーダイヤルの番号は"),
                                ("failed", "フリーダイヤルの番号は", "話し中")):
        state, _ = assistant.start(now, "+819012345678")
        state, actions = assistant.step(state, Speech("アメックスのポイント"), now)
        state, actions = assistant.step(state, DialEnded(status), now)
        text = "".join(a.text for a in actions if hasattr(a, "text"))
        assert says in text and never not in text, (status, text)
        if status != "failed":
            assert "時間をおいて" in text


def test_dial_completed_ends_the_call(assistant):
    now = tokyo(f"{TUE} 10:00")
    state, _ = assistant.start(now)
    state, _ = assistant.step(state, Speech("アマゾンで返品"), now)
    state, actions = assistant.step(state, DialEnded("completed"), now)
    assert actions == [End()] and state.phase == "done"


def test_state_survives_json_between_every_turn(assistant):
    """Any worker can take any turn: the state is a plain JSON value."""
    now = tokyo(f"{TUE} 10:00")
    state, _ = assistant.start(now, "+819012345678")
    for event in [Silence(), Speech("カードをなくしました"), Keys("2")]:
        state = State.from_dict(json.loads(json.dumps(state.to_dict())))
        state, actions = assistant.step(state, event, now)
    assert state.decision["number"] == AMEX_MAIN
    assert isinstance(actions[-1], Transfer)


def test_step_does_not_mutate_its_input(assistant):
    now = tokyo(f"{TUE} 10:00")
    state, _ = assistant.start(now)
    before = state.to_dict()
    assistant.step(state, Speech("楽天カード"), now)
    assert state.to_dict() == before


def _play(assistant, turns, at, caller=None):
    from ivr.core.call import play
    return play(assistant, turns, tokyo(at), caller)


@pytest.mark.parametrize("last, outcome, number, problem", [
    (Silence(), "closed", RAKUTEN_CENTRE, "points"),  # nothing more: goodbye
    ("いいえ", "closed", RAKUTEN_CENTRE, "points"),
    ("1", "transfer", RAKUTEN_LOST, "lost_stolen"),  # the key the offer names
    ("はい、それでお願いします", "closed", RAKUTEN_CENTRE, "points"),  # thanks: nothing urgent was heard in the call
    ("いちばんでお願いします", "transfer", RAKUTEN_LOST, "lost_stolen"),  # the key said aloud
    ("いや、やっぱりカードをなくしたほうが先です", "transfer", RAKUTEN_LOST, "lost_stolen"),  # a correction, heard
    ("あ、明細も見たいんですけど", "closed", RAKUTEN_CENTRE, "statement"),  # a new routine question: its answer
])
def test_after_a_closed_line_a_loss_or_fraud_can_still_reach_the_24_hour_line(assistant, last, outcome, number,
                                                                               problem):
    record = _play(assistant, ["楽天カードのポイントのことで", last], f"{TUE} 22:00")
    says = [e["say"] for e in record.events if e["who"] == "assistant"]
    assert "24時間受け付けている窓口におつなぎできます" in says[1] and record.events[2]["ask"] == "anything"
    assert record.state.phase.value in ("done", "transferring", "after")  # after: answered again, offered again
    assert (record.outcome["outcome"], record.outcome["number"], record.outcome["problem"]) == (outcome, number, problem)


def test_a_routine_problem_said_plainly_drops_an_urgency_only_guessed_before(assistant):
    """紛失の連絡じゃないです leaves the model a loss to guess; the address change said next is the call, and at night
    the caller hears the closed line's hours, not an offer of the loss desk."""
    record = _play(assistant, ["楽天カード", "紛失の連絡じゃないです", "登録のメールアドレスを変えたいです"], f"{TUE} 23:00")
    assert (record.outcome["outcome"], record.outcome["number"], record.outcome["problem"]) == (
        "closed", RAKUTEN_CENTRE, "address_change")


def test_no_24_hour_offer_where_there_is_no_24_hour_line_or_the_problem_was_urgent(assistant):
    amazon = _play(assistant, ["アマゾンの返品のことで"], f"{TUE} 22:00")  # Amazon has no 24-hour phone line
    assert amazon.outcome["outcome"] == "closed" and amazon.state.phase.value == "done"
    assert not any("24時間受け付けている窓口" in e.get("say", "") for e in amazon.events)


@pytest.mark.parametrize("last, problem", [
    ("1", "unauthorized"),  # the key offered: the urgent problem heard
    ("とにかく先にカードを止めたい", "lost_stolen"),  # Amazon has no card: the card named with it
])
def test_a_closed_line_offers_the_24_hour_line_of_another_provider_named_with_an_urgent_problem(assistant, last,
                                                                                                problem):
    first = "アマゾンのアカウントを乗っ取られて、登録してた楽天カードも勝手に使われてるんです"
    record = _play(assistant, [first, last], f"{TUE} 01:10")
    says = [e["say"] for e in record.events if e["who"] == "assistant"]
    assert "ただいま受付時間外" in says[1] and "楽天カードの不正利用でしたら、24時間受け付けている窓口" in says[1]
    assert (record.outcome["outcome"], record.outcome["number"], record.outcome["problem"]) == \
        ("transfer", RAKUTEN_LOST, problem)


def test_a_card_bought_with_at_a_shop_is_put_through_at_once_when_misused(assistant):
    first = "アマゾンのアカウントを乗っ取られて、登録してた楽天カードで勝手に買い物されてるんです"
    record = _play(assistant, [first], f"{TUE} 01:10")  # the shop cannot stop the card: its 24-hour line at once
    assert (record.outcome["outcome"], record.outcome["number"]) == ("transfer", RAKUTEN_LOST)


def test_a_routine_reading_told_after_the_provider_still_gets_a_second_opinion_on_urgency(assistant):
    story = "スマホで利用明細を見てたら外国のサイトの請求が二件あって、私は外国のサイトでは買い物しないので、どういうことかなと"
    record = _play(assistant, ["楽天カード", story, "はい"], f"{TUE} 22:00")
    assert "不正利用のご相談でよろしいですか" in record.events[4]["say"]
    assert (record.outcome["outcome"], record.outcome["number"]) == ("transfer", RAKUTEN_LOST)


def test_a_loss_only_the_model_hears_after_the_provider_is_asked_not_refused(assistant):
    """The rules hear only another provider's kind (a receipt: an order), the model a loss: the loss is confirmed,
    never 「楽天カードでは、注文のご相談は承っておりません」."""
    record = _play(assistant, ["楽天カード", "電車の網棚にカード入れを忘れたみたいで、領収書ももらってなくて", "はい"],
                   f"{TUE} 01:30")
    assert not any("承っておりません" in e.get("say", "") for e in record.events)
    assert (record.outcome["outcome"], record.outcome["number"]) == ("transfer", RAKUTEN_LOST)


def test_no_other_providers_line_is_offered_when_only_the_one_asked_about_was_named(assistant):
    record = _play(assistant, ["アマゾンのアカウントを乗っ取られました"], f"{TUE} 01:10")
    assert record.outcome["outcome"] == "closed" and record.state.phase.value == "done"
    assert not any("24時間受け付けている窓口" in e.get("say", "") for e in record.events)


def test_a_correction_in_answer_to_the_sms_offer_is_heard(assistant):
    record = _play(assistant, ["楽天カードの明細", "いや、違うんです、カードを落としたんです"], f"{TUE} 22:00",
                   caller="+819012345678")
    assert "SMSでお送りしましょうか" in record.events[2]["say"]
    assert record.outcome["outcome"] == "transfer" and record.outcome["number"] in (RAKUTEN_LOST, RAKUTEN_ABROAD)


@pytest.mark.parametrize("last, number, problem", [
    ("あ、ごめんなさい、アメックスのほうでした", AMEX_MAIN, "statement"),  # another company: same problem, its line
    ("あ、やっぱりカードをなくしたほうです", RAKUTEN_LOST, "lost_stolen"),  # another problem of the same company
    ("はい、お願いします", RAKUTEN_CENTRE, "statement"),  # nothing new: the same transfer goes ahead
])
def test_a_correction_in_the_moment_before_the_dial_routes_again(assistant, last, number, problem):
    record = _play(assistant, ["楽天カードの明細を見たいんです", last], f"{TUE} 14:00")
    assert (record.outcome["number"], record.outcome["problem"]) == (number, problem)
    assert record.state.phase.value == "transferring"


def test_another_company_denied_in_the_moment_before_the_dial_keeps_the_transfer(assistant):
    first = _play(assistant, ["楽天カードで、知らない店の請求がきてるんです"], f"{TUE} 14:00").outcome
    record = _play(assistant, ["楽天カードで、知らない店の請求がきてるんです", "アマゾンは使ってないんで、アマゾンの件じゃないです"],
                   f"{TUE} 14:00")
    assert first["provider"] == "rakuten_card" and record.outcome == first


def test_a_no_before_the_dial_that_names_the_same_company_asks_the_problem_again(assistant):
    record = _play(assistant, ["楽天カードのポイントの交換ってどうやるんですか",
                               "あ、いや、それはアメックスの話か。楽天カードのほうは…", "暗証番号を忘れちゃって"], f"{TUE} 14:00")
    assert (record.outcome["provider"], record.outcome["problem"]) == ("rakuten_card", "pin")


def test_the_problem_question_biases_the_recogniser_toward_that_providers_words(assistant):
    state, _ = assistant.start(tokyo(f"{TUE} 14:00"))
    state, actions = assistant.step(state, Speech("アマゾンです"), tokyo(f"{TUE} 14:00"))
    ask = next(a for a in actions if isinstance(a, Ask))
    assert ask.expecting == "problem" and "返品" in ask.hints and "暗証番号" not in ask.hints
    assert "楽天カード" in ask.hints  # every name still: a caller may switch
    assert "暗証番号" in assistant.language.hints  # the open first question keeps them all


def test_a_state_copy_is_the_round_trip_through_a_dict_and_shares_no_container():
    from ivr.core.dialog import Phase, State
    states = [State(), State(phase="problem", provider="rakuten_card", hints={"amex_gold_preferred": "lost_stolen"},
                             guesses=["rakuten_card"], decision={"outcome": "transfer", "open": True}, misses=2,
                             urgent_possible={"rakuten_card": "fraud"}, region="mobile", sms=True, keypad=True)]
    for state in states:
        clone = state.copy()
        assert clone == State.from_dict(state.to_dict()) and clone is not state
        assert isinstance(clone.phase, Phase) and clone.to_dict() == state.to_dict()
        for name in ("hints", "guesses", "urgent_possible"):
            assert getattr(clone, name) == getattr(state, name) and getattr(clone, name) is not getattr(state, name)
        clone.hints["jcb"] = "x"
        clone.guesses.append("jcb")
        assert "jcb" not in state.hints and "jcb" not in state.guesses
    assert states[1].copy().decision is not states[1].decision


def test_everyday_words_with_nothing_of_ours_named_are_told_what_this_line_is_for(play):
    """給湯器にエラー: no card, payment or purchase, no company: the caller hears what the line is for, not a
    request to name their card."""
    record = play(["給湯器にエラーが出てお湯が出ないんです"])
    assert record.outcome["outcome"] == "unsupported"


def test_everyday_words_after_one_of_ours_was_named_are_still_its_problem(play):
    record = play(["アマゾンです", "配達予定日をとっくに過ぎてるんですけど"], at=f"{TUE} 10:00")
    assert record.outcome["outcome"] == "transfer" and record.outcome["number"] == AMAZON


def test_hours_asked_of_nothing_of_ours_then_a_card_named(play):
    record = play(["最終の新幹線って何時ですか", "あ、間違えた、楽天カードの明細のことです"], at=f"{TUE} 10:00")
    assert record.outcome["outcome"] == "transfer" and record.outcome["number"] == RAKUTEN_CENTRE


def test_an_off_topic_request_after_the_retries_is_told_what_this_line_is_for(play):
    """うーん / なんだっけ / then something else entirely: the call ends by saying what the line is for, not that
    the caller was not heard."""
    record = play(["うーん", "なんだっけ", "そうだ、明日の天気が何時から崩れるか知りたかったんだ"])
    says = " ".join(e["say"] for e in record.events if "say" in e)
    assert record.outcome["outcome"] == "unsupported" and "ご案内しています" in says


def test_mistaken_before_anything_was_asked_for_is_a_wrong_number(play):
    record = play(["…", "間違えました"])
    assert record.outcome["outcome"] == "unsupported"


def test_mistaken_after_a_company_was_named_starts_over(play):
    record = play(["楽天カードです", "間違えました", "アメックスの明細です"], at=f"{TUE} 10:00")
    assert record.outcome["outcome"] == "transfer" and record.outcome["number"] == AMEX_MAIN


def test_a_cards_request_after_the_company_was_named_goes_to_its_general_line(assistant):
    record = _play(assistant, ["楽天カード", "出てきたカードの一時停止を解除してほしいんです"], f"{TUE} 11:00")
    assert (record.outcome["outcome"], record.outcome["number"]) == ("transfer", RAKUTEN_CENTRE)


def test_a_cards_request_with_no_company_ever_named_is_asked_which(assistant):
    record = _play(assistant, ["出てきたカードの一時停止を解除してほしいんです"], f"{TUE} 11:00")
    says = [e["say"] for e in record.events if "say" in e]
    assert record.outcome["number"] is None and "楽天カードは1" in says[-1]  # which company: the menu of them


def test_one_more_thing_added_after_a_loss_keeps_the_loss_first(assistant):
    """「タクシーにカード入れを忘れてきちゃって」 then 「あと、再発行もお願いしたい」: the loss is seen to first (the
    loss desk makes the card again too); the reissue said alone would be the general line's."""
    record = _play(assistant, ["アメックスです", "タクシーにカードを置き忘れてきちゃって", "あと、再発行もお願いしたいんですけど", "はい"],
                   "2027-01-11 15:22")
    assert (record.outcome["outcome"], record.outcome["problem"]) == ("transfer", "lost_stolen")


def test_the_general_line_asked_again_before_its_dial_goes_ahead(assistant):
    record = _play(assistant, ["楽天カードの窓口の番号を教えてもらえます?", "いや、何かあったわけじゃなくて、普通の問い合わせの窓口が知りたいだけで"],
                   f"{TUE} 14:00")
    assert (record.outcome["outcome"], record.outcome["number"]) == ("transfer", RAKUTEN_CENTRE)


def test_a_guessed_urgency_is_dropped_when_only_the_number_is_asked_since(assistant):
    record = _play(assistant, ["息子に頼まれまして、楽天カードの、えー、お客様センターの番号を控えておけと",
                               "いえいえ、なくしたとかではございません、普段の問い合わせ先です", "はい"], f"{TUE} 22:30")
    assert (record.outcome["outcome"], record.outcome["number"]) == ("closed", RAKUTEN_CENTRE)


@pytest.mark.parametrize("second, number", [
    ("アマゾンで知らない人に使われてるみたいなんです", RAKUTEN_LOST),  # the card's fraud: its 24-hour line at night
    ("アマゾンで買ったものが届かないんです", "+81120899543"),  # Amazon's own matter: Amazon's line (closed at night)
])
def test_a_card_named_before_keeps_the_call_when_amazon_is_only_where_it_was_used(assistant, second, number):
    record = _play(assistant, ["楽天カードです", second, "はい"], f"{TUE} 22:30")
    assert record.outcome["number"] == number


@pytest.mark.parametrize("answer", ["楽天カードです、明細はいつもアプリで見てます", "楽天カードです。ポイントが結構たまってたんですけど"])
def test_a_routine_word_in_the_answer_to_which_card_keeps_the_loss_told_before(assistant, answer):
    """「カードを落としたみたいなんです」, asked which card: 「楽天カードです、明細は…」 names the card, and a routine word
    said with it does not turn the loss into a statement question (closed at night)."""
    record = _play(assistant, ["カードを落としたみたいなんです", answer, "はい"], f"{TUE} 23:00")
    assert (record.outcome["outcome"], record.outcome["problem"], record.outcome["number"]) == (
        "transfer", "lost_stolen", RAKUTEN_LOST)


def test_a_correction_in_the_answer_to_which_card_still_changes_the_problem(assistant):
    record = _play(assistant, ["カードを落としたみたいなんです", "いえ、楽天カードの暗証番号を忘れただけでした"], f"{TUE} 14:00")
    assert record.outcome["problem"] == "pin"


def test_amazon_said_to_be_done_leaves_the_call_with_the_card_named_before(assistant):
    record = _play(assistant, ["楽天カードです", "住所が変わったので変更したいです、アマゾンの登録はもう変えたんですけど", "はい"],
                   f"{TUE} 14:00")
    assert (record.outcome["number"], record.outcome["problem"]) == (RAKUTEN_CENTRE, "address_change")


@pytest.mark.parametrize("found", ["あ、ちょっと待って…あった、鞄の底にありました、お騒がせしました", "すみません、見つかりました"])
def test_a_card_that_turns_up_before_the_loss_desk_is_dialled_stops_the_transfer(assistant, found):
    record = _play(assistant, ["楽天カードをなくしたかもしれないんです", found, "ついでにポイントの残りを知りたいです"], f"{TUE} 22:00")
    says = [e["say"] for e in record.events if e["who"] == "assistant"]
    assert any("それは何よりです" in s for s in says)
    assert (record.outcome["outcome"], record.outcome["problem"]) == ("closed", "points")


def test_amazon_only_where_another_companys_card_was_used_leaves_the_call_unsupported(assistant):
    record = _play(assistant, ["PayPayカードです", "アマゾンで不正利用されたかもしれないんです"], f"{TUE} 18:00")
    assert record.outcome["outcome"] == "unsupported"


def test_shitsurei_shimasu_said_first_opens_the_call_and_said_last_ends_it(play):
    """失礼します is "excuse me" when it opens a turn with more after it, "goodbye" when it closes one."""
    record = play(["失礼します、あの、ですね", "アマゾンの件なんですけど", "注文をキャンセルしたい"], at="2027-01-15T10:47:00+09:00")
    assert record.outcome["outcome"] == "transfer" and record.outcome["provider"] == "amazon"
    assert play(["わかりました、失礼します"], at="2027-01-15T10:47:00+09:00").outcome["outcome"] == "hangup"


def test_a_guess_to_confirm_answered_with_another_matter_takes_that_matter(play):
    record = play(["楽天カードとアメックス両方持ってるんですけど", "引き落とし日を教えてください"], yes=False, at="2027-04-12 22:30")
    says = [e["say"] for e in record.events if "say" in e]
    assert any("紛失・盗難のご相談でよろしいですか" in s for s in says)  # the model's guess, to confirm
    assert (record.outcome["outcome"], record.outcome["problem"]) == ("closed", "statement")


def test_a_guess_still_to_confirm_stays_one_when_the_caller_names_the_other_card(play):
    record = play(["楽天カードとアメックス両方持ってるんですけど", "今日は楽天カードの方", "引き落とし日を教えてください"],
                  yes=False, at="2027-04-12 22:30")
    assert not any("transfer" in e for e in record.events)
    assert (record.outcome["provider"], record.outcome["problem"]) == ("rakuten_card", "statement")


def test_charges_of_a_shop_the_caller_has_no_account_at_stay_with_the_card(play):
    record = play(["楽天カード", "アマゾンって書いてある利用が何件もあるんですけど、私アマゾンのアカウント持ってないんですよ"],
                  at="2026-12-06 05:44")
    assert record.outcome["provider"] == "rakuten_card" and record.outcome["outcome"] == "transfer"
