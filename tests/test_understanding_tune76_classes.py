"""Classes of failure found in tune75-78 (urgent problems told the hard way and their look-alikes, a month's
cross-section, callers who answer sideways), each tested with phrasings written for these tests, with the rules
alone: the learned fallback is kept out, so a pass is the rules' doing."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", ["来年の春に留学するんですけど、もしあっちで楽天カード盗まれたらどうしたらいいか聞いておきたくて",
                                  "再来週ハワイに行くんですが、向こうでスリとかに遭ったら補償ってあるんですか",
                                  "来週から出張でアメックスを持っていくんですけど、現地でなくした時にどうすればいいか前もって知りたい"])
def test_a_loss_or_fraud_supposed_for_a_trip_to_come_is_no_urgent_problem(vocab, text):
    understood = understand(text, vocab, None)
    assert not understood.urgent and not understood.abroad


def test_a_place_to_come_makes_there_that_place_not_where_the_caller_is(vocab):
    assert not understand("来月タイ行くんですけど、現地で楽天カード使えるか知りたい", vocab, None).abroad


@pytest.mark.parametrize("text", ["楽天カードですけど、なくした場合ってどうなるんですか",  # (asked of a loss told as a case)
                                  "来週ハワイなのに、財布を落としたら中に楽天カードが入ってて",  # (a loss told, then what it held)
                                  "今度の旅行の前にアメックスなくしちゃって、どうしたらいいですか"])
def test_a_loss_told_or_asked_for_as_it_stands_stays_urgent(vocab, text):
    assert understand(text, vocab, None).urgent


@pytest.mark.parametrize("text, provider", [("アメックスは持ってるんです、落としたのは楽天カードのほう", R),
                                            ("楽天カードはなくしてないんですけど、アメックスが見当たらない", A)])
def test_a_card_said_held_or_not_lost_beside_another_is_not_the_one_lost(vocab, text, provider):
    understood = understand(text, vocab, None)
    assert understood.providers[-1] == provider and provider in understood.urgent


def test_our_card_said_held_beside_another_companys_lost_card_leaves_the_other(vocab):
    understood = understand("JCBカードを電車に置き忘れたんですが、楽天カードは持ってます", vocab, None)
    assert not understood.providers and understood.not_covered


def test_owning_a_card_with_no_loss_told_keeps_it(vocab):
    assert R in understand("楽天カードは持ってるんですけど、アマゾンで使えなくて", vocab, None).providers


@pytest.mark.parametrize("text", ["楽天カードの入ったポーチが、家中探したんですけど出てこないんです",
                                  "アメックスを入れてたバッグを置き引きされて、その中にカードがあったんです"])
def test_a_card_that_does_not_turn_up_or_was_inside_what_was_taken_is_no_find(vocab, text):
    assert understand(text, vocab, None).urgent


def test_a_card_that_turned_up_is_still_a_find(vocab):
    assert not understand("楽天カードなくしたと思ったら、かばんの奥から出てきました", vocab, None).urgent


@pytest.mark.parametrize("text, provider", [("楽天カードの支払い方法を変えたいんですけど、さっき駅でカード落としたみたいで", R),
                                            ("アメックスのポイントのことで聞きたいんですが、実はカードを盗まれたかもしれなくて", A)])
def test_a_loss_told_after_a_routine_request_is_seen_to_first(vocab, text, provider):
    understood = understand(text, vocab, None)
    assert understood.problems[provider] == "lost_stolen" and provider in understood.urgent


@pytest.mark.parametrize("text", ["楽天カードを娘に持たせたいんですが、なくしたときのことが心配で",
                                  "アメックスの旅行保険で、旅行先で盗まれたデジカメの補償を申請したいんです"])
def test_a_loss_feared_or_of_something_else_is_not_seen_to_first(vocab, text):
    assert not understand(text, vocab, None).urgent


@pytest.mark.parametrize("text", ["楽天カード、盗難で再発行してもらったカードがまだ来ないんです",
                                  "アメックスを紛失で再発行したので、カード番号が変わったんですけど公共料金の登録は",
                                  "アメックス、盗まれて止めてもらった件なんですけど、新しいカードはいつごろ",
                                  "楽天カードの不正利用の件、返金されるって聞いたんですけど、まだ反映されてなくて"])
def test_a_card_replaced_or_a_case_handled_since_is_no_new_loss(vocab, text):
    assert not understand(text, vocab, None).urgent


@pytest.mark.parametrize("text", ["楽天カードを紛失で再発行してほしいんです", "カードを盗まれたので再発行をお願いしたい"])
def test_a_loss_told_with_a_wish_for_a_new_card_stays_urgent(vocab, text):
    assert understand(text, vocab, None).urgent


@pytest.mark.parametrize("text", ["アマゾンみたいに日時指定できるのか知りたくて、佐川急便なんですけど",
                                  "楽天カードと同じくらい還元率がいいって聞いてdカードを作ったんですが、その暗証番号が",
                                  "アメックスとかだとコンシェルジュがあるじゃないですか、JCBにもあるんですか"])
def test_a_company_only_likened_to_another_organisation_is_not_the_one_called_about(vocab, text):
    understood = understand(text, vocab, None)
    assert not understood.providers and understood.not_covered


def test_a_company_likened_with_no_other_named_stays(vocab):
    assert understand("アメックスみたいに空港ラウンジが使えるカードがいいんですけど、楽天カードでも使えますか", vocab, None).providers


def test_a_shop_taken_back_with_an_oh_for_the_one_it_was(vocab):
    understood = understand("アマゾンで注文した…あ、メルカリでした、買った商品が届かないんです", vocab, None)
    assert Z not in understood.providers and understood.not_covered


def test_a_company_used_before_and_another_now_leaves_the_call_with_the_other(vocab):
    understood = understand("以前はアメックスを使ってたんですけど、今はJCBカードで、そっちの年会費のことで", vocab, None)
    assert not understood.providers and understood.not_covered


def test_a_find_said_first_and_the_loss_only_describing_the_card_is_a_find(vocab):
    assert not understand("アメックスなんですけど、あの、出てきたんです、落としたと思ってたカードが", vocab, None).urgent


def test_something_else_found_and_the_card_still_missing_stays_a_loss(vocab):
    assert understand("鞄は見つかったんですけど、なくした楽天カードは入ってなかったんです", vocab, None).urgent


def test_a_loss_denied_after_a_pause_gives_way_to_what_is_said_instead(vocab):
    assert not understand("楽天カードを落とした…とかじゃなくて、カードの名前のローマ字が間違ってるんです", vocab, None).urgent


@pytest.mark.parametrize("text", ["請求に知らないのがあるんです", "明細に覚えのないのが載ってて"])
def test_an_unknown_charge_said_with_no_noun_is_misuse(vocab, text):
    assert understand(text, vocab, None).problems[A] == "unauthorized"


def test_a_card_to_stop_and_reissue_is_a_loss_not_only_a_reissue(vocab):
    assert understand("止めて再発行をお願いしたいです", vocab, None).problems[A] == "lost_stolen"


@pytest.mark.parametrize("text", ["去年アメックスなくして再発行してもらったんですけど、その時のマイルが引き継がれてるか",
                                  "楽天カード、前に不正利用で調べてもらった件、返金されたかどうか知りたくて",
                                  "楽天カード、なくしたら困るなと思って番号を控えておきたいんです"])
def test_a_loss_replaced_long_ago_handled_or_only_feared_is_no_urgent_problem(vocab, text):
    assert not understand(text, vocab, None).urgent


def test_a_find_in_another_sentence_about_another_card_is_no_find_of_this_one(vocab):
    understood = understand("アメックスは手元にあるんです。なくしたのは楽天カードのほうです", vocab, None)
    assert understood.problems[R] == "lost_stolen" and R in understood.urgent


@pytest.mark.parametrize("text", ["すいません、カード止めたいんですけど", "カード停止したいんです", "カード止めてもらえますか"])
def test_a_card_to_stop_said_without_its_particle_is_a_loss(vocab, text):
    assert understand(text, vocab, None).urgent
