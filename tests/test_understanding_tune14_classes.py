"""Classes of failure found with tune14 and tune15, each tested with phrasings written for these tests."""
import pytest

from ivr.ja.fallback import shipped

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", [
    "アマゾンで頼んだやつ、お届け先を前の住所のままにしちゃって",
    "アマゾンの注文の配送先が会社になってたので自宅にしたい",
])
def test_where_a_parcel_goes_is_a_delivery_not_a_card_address(vocab, text):
    assert understand(text, vocab).problems.get(Z) == "delivery"


def test_a_cards_address_is_still_its_address(vocab):
    assert understand("楽天カードに登録してる住所を引っ越し先に変えたい", vocab).problems.get(R) == "address_change"


@pytest.mark.parametrize("text, provider, problem", [
    ("楽天カード、昨日から財布の中を見てもどこにあるのかまったくわからないんです", R, "lost_stolen"),
    ("アメックスの請求で、こんなお店は使った覚えが全然ないんですよ", A, "unauthorized"),
])
def test_an_adverb_of_degree_inside_a_phrase_keeps_the_phrase(vocab, text, provider, problem):
    assert understand(text, vocab).problems.get(provider) == problem


@pytest.mark.parametrize("text, provider", [
    ("アメックスのカードで居酒屋の会計をしたあと、戻してもらったかはっきりしなくて、手元にないんです", A),
    ("楽天カードがね、朝から手元にありませんで", R),
])
def test_a_card_not_at_hand_is_lost(vocab, text, provider):
    assert understand(text, vocab).problems.get(provider) == "lost_stolen"


@pytest.mark.parametrize("text", [
    "ローマの駅でかばんごと置き引きにあって、楽天カードも入ってたんです",
    "アメックスなんですけど、シドニーのレストランで払おうとしたら使えなくて",
])
def test_a_spot_in_a_place_abroad_is_where_the_caller_is(vocab, text):
    assert understand(text, vocab).abroad is True


@pytest.mark.parametrize("text", [
    "ハワイのお店で買ったものがまだ届かないんです、アマゾンで",
    "韓国のサイトで楽天カードを使ったら、知らない請求が来ました",
])
def test_a_shop_or_site_abroad_bought_from_is_not_where_the_caller_is(vocab, text):
    assert not understand(text, vocab).abroad


@pytest.mark.parametrize("text, problem", [
    ("もしもし、区役所の国民健康保険の係ですか", None),
    ("楽天カードの暗証番号を書いといたノートがどこにもないんです", "pin"),
])
def test_an_institutions_insurance_or_a_notebook_lost_is_not_ours_to_route_as_a_card(vocab, text, problem):
    understood = understand(text, vocab)
    if problem is None:
        assert not understood.problems and (understood.off_topic or understood.not_covered)
    else:
        assert understood.problems.get(R) == problem


@pytest.mark.parametrize("text, provider", [
    ("ジェーシービーのほうは片付いたので、今日はアメックスの利用枠のことを", A),
    ("イオンのカードの件は問題なかったんです、それで楽天カードの明細なんですけど", R),
])
def test_another_company_said_to_be_settled_leaves_the_call_ours(vocab, text, provider):
    understood = understand(text, vocab)
    assert understood.providers == (provider,) and not understood.not_covered and provider in understood.problems


def test_another_company_asked_about_is_still_theirs(vocab):
    assert understand("イオンカードって大丈夫なんですか", vocab).not_covered


@pytest.mark.parametrize("text, provider, problem", [
    ("楽天カードの明細って電話で確認できますか", R, "statement"),
    ("アメックスのポイントってメールで問い合わせできるの", A, "points"),
])
def test_the_means_of_asking_is_no_message_quoted(vocab, text, provider, problem):
    assert understand(text, vocab).problems.get(provider) == problem


def test_a_message_quoted_is_still_a_message(vocab):
    understood = understand("ポイントが失効しますってメールが来たんです、アメックスから", vocab)
    assert any(step.rule == "taken back: quoted_message" for step in understood.trace)


@pytest.mark.parametrize("text", [
    "アメックスのカード、落としたのか車の中にあるのかわからないので、止めるべきか迷ってて",
    "楽天カード、なくしたかもしれないし、そのうち出てくるかもしれないけど不安で",
])
def test_a_find_the_caller_is_unsure_of_is_no_find(vocab, text):
    assert "lost_stolen" in understand(text, vocab).problems.values()


@pytest.mark.parametrize("text", [
    "楽天カードのリボをなくしたいです",
    "アメックスの年会費をなくしてもらいたいんですが",
])
def test_a_loss_wished_for_does_away_with_something(vocab, text):
    assert "lost_stolen" not in understand(text, vocab).problems.values()


def test_rakutens_point_card_is_not_the_credit_card(vocab):
    understood = understand("らくてんのポイントカードを落としちゃったみたいで", vocab)
    assert not understood.providers and understood.not_covered


@pytest.mark.parametrize("text", ["アマゾンにお店を出したいと思ってまして", "Amazonでショップを開きたいんだけど何からやれば"])
def test_opening_a_shop_on_amazon_is_the_sellers_business(vocab, text):
    assert understand(text, vocab).problems.get(Z) == "seller"


@pytest.mark.parametrize("text", [
    "お寿司の出前を四人前お願いしたいんですが",
    "カレーのデリバリーを頼みたいんだけど、今からいけます?",
    "中華の出前で、チャーハンと餃子ください",
])
def test_a_meal_ordered_is_a_restaurants_business(vocab, text):
    understood = understand(text, vocab)
    assert not (understood.providers or understood.problems) and understood.off_topic


def test_a_meal_bought_on_amazon_that_never_came_is_still_a_delivery(vocab):
    assert understand("アマゾンで注文したおせちが届かないんです", vocab).problems.get(Z) == "delivery"


@pytest.mark.parametrize("text", ["駅前に止めてた自転車が盗まれちゃって", "車をぶつけられたんですけど保険のことで"])
def test_a_bicycle_or_car_is_no_card(vocab, text):
    assert "lost_stolen" not in understand(text, vocab).problems.values()


def test_a_card_stolen_from_a_car_is_still_a_card_stolen(vocab):
    assert "lost_stolen" in understand("車の中に置いてたアメックスが盗まれたんです", vocab).problems.values()


@pytest.mark.parametrize("text, problem", [
    ("アマゾンで買い物したのにポイントが全然ついてないんです", "points"),
    ("アマゾンに登録してる住所を新しいところに変えたいんですけど", "address_change"),
])
def test_amazons_own_points_and_addresses_are_amazons(vocab, text, problem):
    assert understand(text, vocab).problems.get(Z) == problem


def test_a_problem_word_said_again_is_still_the_one_said_with_a_name(vocab):
    understood = understand("楽天カードのポイントでアマゾンのクーポンをもらったのに、ポイントだけ減ってる", vocab)
    assert understood.providers[-1] == R


def test_the_model_does_not_bring_back_an_urgency_the_rules_took_back_as_imagined(vocab):
    from ivr.ja.fallback import shipped

    text = "刑事ドラマで泥棒がカード盗むシーン見て心配で、楽天カードの利用通知の設定ってどこからするの"
    understood = understand(text, vocab, shipped())
    assert not understood.possibly_urgent and understood.problems.get(R) == "address_change"


@pytest.mark.parametrize("text", [
    "さっきレジで気づいたんですけど、カードだけ財布から抜けてて",
    "お店のカウンターにカードを置いたまま出てきちゃって",
    "楽天カードだけ見当たらなくて、ほかのカードは全部財布にあるんです",
])
def test_a_card_slipped_out_swallowed_or_left_behind_is_lost(vocab, text):
    assert "lost_stolen" in understand(text, vocab).problems.values()


@pytest.mark.parametrize("text", [
    "駅のATMにアメックスが食べられちゃったんです",
    "イオン銀行のATMで楽天のカード回収されちゃったみたいで",
    "コンビニのATMに楽天カードが飲み込まれちゃって",
])
def test_a_card_a_machine_kept_is_no_loss_but_the_general_lines_matter(vocab, text):
    understood = understand(text, vocab, shipped())
    assert "lost_stolen" not in understood.problems.values() and not understood.not_covered
    assert not understood.possibly_urgent
    assert set(understood.problems.values()) <= {"reissue"}


@pytest.mark.parametrize("text", [
    "なくしたと思ってたらコートのポケットに入ってました。念のため確認したくて",
    "一時停止してもらったカードが見つかったので、解除してほしいんです",
    "実家に忘れてただけでした、カード。もう大丈夫なんですけど停止したままなのかなって",
])
def test_a_card_that_turned_up_is_for_the_general_line_of_the_one_named_before(vocab, text):
    understood = understand(text, vocab, shipped())
    assert not understood.problems and not understood.possibly_urgent and understood.command is None
    assert understood.general_if_named_before


@pytest.mark.parametrize("text", [
    "こうしんカードっていつ頃届くんでしょうか まだ手元になくて",
    "新しいカード、配達の不在票も入ってないし、まだなのかなと思って",
])
def test_a_new_card_not_come_yet_is_awaited_not_lost(vocab, text):
    assert understand(text, vocab).problems.get("rakuten_card") == "reissue"


def test_a_request_thought_of_and_dropped_after_a_pause_is_taken_back(vocab):
    understood = understand("アメックスを止めてもらおうかな…と思ったんですけど、やっぱり利用枠の相談だけです", vocab)
    assert understood.problems.get(A) == "credit_limit"


@pytest.mark.parametrize("text, provider", [
    ("楽天のアメックスのカードで、ポイントのことを聞きたい", R),
    ("楽天カードの、アメックスのほうなんですけど、明細を見たい", R),
    ("アメックスのカードの明細を見たい", A),
])
def test_a_networks_brand_on_anothers_card_is_the_issuers(vocab, text, provider):
    assert understand(text, vocab).providers == (provider,)


def test_two_cards_named_together_are_both_named(vocab):
    assert set(understand("楽天カードとアメックスを両方なくしたんです", vocab).providers) == {R, A}


@pytest.mark.parametrize("text, provider", [("アメックスなくしちゃったんです", A), ("財布なくしたんです、楽天カードの", R)])
def test_a_loss_said_without_its_particle_is_a_loss(vocab, text, provider):
    understood = understand(text, vocab)
    assert provider in understood.providers and understood.problems.get(provider) == "lost_stolen"


def test_reducing_is_not_losing(vocab):
    assert understand("楽天カードの利用枠を少なくしたい", vocab).problems.get(R) == "credit_limit"


def test_a_loss_joined_to_a_question_whose_noun_starts_with_a_verb_comes_first(vocab):
    assert understand("アメックスを落としたのと、引き落とし口座を聞きたいのと", vocab).problems.get(A) == "lost_stolen"


def test_a_place_never_been_to_with_a_negation_before_the_gap(vocab):
    understood = understand("アメックスの明細に、行ってもいないホテルの利用があるんです", vocab)
    assert understood.problems.get(A) == "unauthorized"


def test_no_then_actually_corrects_the_name_before(vocab):
    understood = understand("楽天カードの利用枠を…いや、やっぱりアメックスの利用枠のことです", vocab)
    assert understood.providers[-1] == A


def test_something_missing_from_a_parcel_is_a_delivery_for_amazon(vocab):
    understood = understand("アマゾンで頼んだセット、箱を開けたらケーブルが入ってなかったんです", vocab)
    assert understood.problems.get(Z) in ("delivery", "returns_refunds")


@pytest.mark.parametrize("text, key", [
    ("えっ、番号で選ぶんですか、じゃあ、2", "2"), ("それなら、1", "1"), ("2番でお願いします", "2"),
    ("電話番号は03の1234", None), ("楽天カードの3月の明細", None),
])
def test_a_key_said_alone_at_the_end_after_a_pause_is_chosen(vocab, text, key):
    assert understand(text, vocab).choice == key


@pytest.mark.parametrize("text", [
    "アマゾンを装ったメッセージが届いたので通報したいんです、何も押してません",
    "アマゾンを名乗る怪しいメールを報告したいだけなんです",
])
def test_a_fake_amazon_message_only_reported_goes_to_the_report_form(vocab, text):
    assert understand(text, vocab).problems.get(Z) == "fake_message_report"


def test_a_fake_message_acted_on_is_urgent_whatever_is_reported(vocab):
    understood = understand("アマゾンを名乗るメールでカード番号を入れてしまったので報告したい", vocab)
    assert understood.problems.get(Z) in ("unauthorized", "account_takeover")


def test_a_fake_of_another_company_reported_is_not_ours(vocab):
    understood = understand("郵便局のふりをしたメールが来たので通報したいんですが", vocab)
    assert understood.off_topic and not understood.problems


def test_recorded_as_done_by_the_caller_is_misuse(vocab):
    understood = understand("アメックスの明細で、行ってもない店で食事したことになってるんです", vocab)
    assert understood.problems.get(A) == "unauthorized"


def test_a_loss_said_with_where_it_happened_is_a_loss(vocab):
    assert understand("楽天カードを旅行先のホテルでなくしちゃった", vocab).problems.get(R) == "lost_stolen"


def test_the_shop_bought_from_misheard_is_one_of_ours_to_confirm(vocab):
    understood = understand("あまぞんで頼んだ本が来ないんですけど", vocab)
    assert understood.providers == (Z,)
    misheard = understand("甘ぞんで買ったお皿が割れてました", vocab)
    assert misheard.providers == (Z,) and misheard.fuzzy_provider


def test_a_shop_bought_from_that_reads_as_none_of_ours_is_guessed_as_none(vocab):
    assert not understand("近所のお店で買った靴がもう壊れてて", vocab).providers


@pytest.mark.parametrize("text, provider", [
    ("アメックスのご利用通知メールがうるさいので止めたいんです", A),
    ("楽天カードのメルマガを止めてほしいんだけど", R),
])
def test_stopping_a_mail_is_no_loss_even_to_the_model(vocab, text, provider):
    from ivr.ja.fallback import shipped

    understood = understand(text, vocab, shipped())
    assert not understood.possibly_urgent and understood.problems.get(provider) not in ("lost_stolen", "unauthorized")
