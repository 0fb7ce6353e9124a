"""Classes of failure found with tune4 to tune17 (and tune18, tune19 when they came), each tested with phrasings
written for these tests."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", [
    "夜中に目が覚めちゃって、誰かと話したいなって",
    "一人暮らしで寂しくてね、誰かと話したかったの",
])
def test_wanting_someone_to_talk_to_is_no_request_for_a_person(vocab, text):
    heard = understand(text, vocab)
    assert heard.command is None and heard.off_topic


@pytest.mark.parametrize("text, provider", [
    ("アメックスの引き落としの件で誰かと話したいんです", A),
    ("楽天カードのことでちょっと誰かと話したくて", R),
])
def test_someone_to_talk_to_about_one_of_ours_is_a_person(vocab, text, provider):
    heard = understand(text, vocab)
    assert heard.command == "operator" and provider in heard.providers


@pytest.mark.parametrize("text", ["誰かに代わってもらえますか", "人間の方に代わってください", "人間につないでほしい"])
def test_asking_to_be_put_through_is_a_person_whatever_else(vocab, text):
    assert understand(text, vocab).command == "operator"


@pytest.mark.parametrize("text", ["これって機械なの?人間なの?", "ねえ、あなた人間なの?"])
def test_asking_what_the_assistant_is_is_told_what_this_line_is_for(vocab, text):
    heard = understand(text, vocab)
    assert heard.command is None and heard.off_topic


@pytest.mark.parametrize("text", [
    "地下鉄が止まってるんですけど、いつ動きますか",
    "新幹線が止まってて、払い戻しってどうなるの",
    "うちの電気が止まってるみたいで",
])
def test_a_train_or_the_power_stopping_is_no_card_stopped(vocab, text):
    heard = understand(text, vocab)
    assert not heard.problems and heard.off_topic


@pytest.mark.parametrize("text, provider, problem", [
    ("楽天カードがお店で止まってるって言われた", R, "card_refused"),
    ("アメックスの決済が止まってるみたいで使えない", A, "card_refused"),
])
def test_a_card_stopped_is_still_a_card_refused(vocab, text, provider, problem):
    assert understand(text, vocab).problems.get(provider) == problem


def test_a_cards_app_not_working_is_its_login(vocab):
    assert understand("アメックスのアプリが急に使えなくなって", vocab).problems.get(A) == "login"


@pytest.mark.parametrize("text, provider", [
    ("アメックスのカード情報を盗まれたかもしれない", A),
    ("楽天カードの番号、どこかで抜き取られたみたいなんです", R),
])
def test_card_details_taken_from_the_caller_are_misuse(vocab, text, provider):
    assert understand(text, vocab).problems.get(provider) == "unauthorized"


def test_unknown_charges_told_as_ones_the_caller_does_not_know_are_misuse(vocab):
    text = "楽天カードの明細見てたら、知らないのが何件か載ってて"
    assert understand(text, vocab).problems.get(R) == "unauthorized"


@pytest.mark.parametrize("text, provider", [
    ("アメックスの年会費が落とされる日っていつですか", A),
    ("楽天カードの代金、いつ口座から落とされるんでしょう", R),
])
def test_money_dropped_from_an_account_is_a_debit_not_a_loss(vocab, text, provider):
    heard = understand(text, vocab)
    assert heard.problems.get(provider) == "statement" and provider not in heard.urgent


def test_a_card_dropped_is_still_lost(vocab):
    assert understand("アメックスのカードを駅で落としちゃった", vocab).problems.get(A) == "lost_stolen"


@pytest.mark.parametrize("text, provider", [
    ("楽天カード、分割払いが勝手に設定されてるんですけど", R),
    ("アメックスのリボ、勝手に変わってたんですが", A),
])
def test_a_way_of_paying_set_without_asking_is_a_statement_question(vocab, text, provider):
    assert understand(text, vocab).problems.get(provider) == "statement"


def test_shopping_done_without_asking_is_still_misuse(vocab):
    assert understand("アメックスで勝手に買い物されてるみたい", vocab).problems.get(A) == "unauthorized"


def test_a_registration_gone_missing_is_no_card_lost(vocab):
    heard = understand("楽天カードの口座振替の設定が抜け落ちてたらしくて", vocab)
    assert heard.problems.get(R) != "lost_stolen"


def test_a_loss_corrected_into_a_routine_problem_is_not_reopened_by_the_model(vocab):
    heard = understand("楽天カードをなくし、あ、いや、なくしたんじゃなくて暗証番号を忘れちゃって", vocab)
    assert heard.problems.get(R) == "pin" and not heard.possibly_urgent


@pytest.mark.parametrize("text, other", [
    ("アマゾンで注文したと思ってたんですけど、よく見たらヨドバシのサイトでした、まだ届かない", "ヨドバシ"),
    ("私はアメックスなんですけど、今日は妻のセゾンカードの件で、妻がそのカードをなくしたみたいで", "セゾンカード"),
])
def test_ours_only_thought_of_or_only_held_gives_way_to_the_company_asked_about(vocab, text, other):
    heard = understand(text, vocab)
    assert not heard.providers and any(other in name for name in heard.not_covered)


def test_changing_the_account_to_a_bank_is_still_the_cards_business(vocab):
    heard = understand("楽天カードの引き落とし口座を楽天銀行に変えたいです", vocab)
    assert heard.providers == (R,) and heard.problems.get(R) == "statement"


@pytest.mark.parametrize("text", ["ヨーロッパ周遊中なんですけど、アメックスが使えない", "ヨドバシで払ったやつ、楽天カードの明細の件"])
def test_where_the_caller_is(vocab, text):
    heard = understand(text, vocab)
    assert bool(heard.abroad) is ("ヨーロッパ" in text)


@pytest.mark.parametrize("text, provider", [
    ("アメックスやけど、カバンの中の財布ごとあらへんねん", A),
    ("楽天カードがのうなってしもうた", R),
])
def test_regional_words_for_gone(vocab, text, provider):
    assert understand(text, vocab).problems.get(provider) == "lost_stolen"


def test_tohoku_cannot_get_in_is_a_login(vocab):
    assert understand("アメックスのアプリさ、入れねぐなった", vocab).problems.get(A) == "login"


def test_a_pocket_is_no_company(vocab):
    heard = understand("楽天カードです、満員電車で気づいたら上着のポケットのカードケースが消えてて", vocab)
    assert not heard.not_covered and heard.problems.get(R) == "lost_stolen"


@pytest.mark.parametrize("text, other", [
    ("アメックスで払ったヤフーショッピングの注文、全然発送されないんです", "ヤフー"),
    ("楽天市場の注文を楽天カードで払ったのに、お店から届かない", "楽天市場"),
])
def test_ours_only_paid_with_leaves_the_matter_to_the_shop(vocab, text, other):
    heard = understand(text, vocab)
    assert not heard.problems and any(other.lower() in name.lower() for name in heard.not_covered)


def test_ours_paid_with_and_wrong_itself_stays_ours(vocab):
    heard = understand("楽天市場で楽天カードで払ったら二重に請求されてる", vocab)
    assert heard.providers == (R,) and heard.problems.get(R) == "unauthorized"


@pytest.mark.parametrize("text, other", [
    ("アフラックの保険金の請求をしたいんですけど", "アフラック"),
    ("ラクテンチのチケットのことなんですけど", "ラクテンチ"),
    ("コンビニで買ったiTunesカードのコードが使えない", "iTunes"),
])
def test_other_companies_that_sound_like_ours(vocab, text, other):
    heard = understand(text, vocab)
    assert not heard.providers and any(other.lower() in name.lower() for name in heard.not_covered)


def test_rakutens_business_card_is_a_rakuten_card(vocab):
    heard = understand("楽天ビジネスカードの請求額を知りたい", vocab)
    assert heard.providers == (R,) and not heard.not_covered


def test_a_spot_abroad_is_where_the_caller_is(vocab):
    heard = understand("楽天カードが海外の駅の券売機ではじかれる", vocab)
    assert heard.abroad


def test_a_travel_destination_may_be_at_home(vocab):
    assert not understand("楽天カードを旅行先の温泉旅館で忘れてきました", vocab).abroad


def test_a_parcel_left_at_the_door_and_gone_is_a_delivery(vocab):
    assert understand("アマゾンの荷物、置き配されたはずなのにないんです", vocab).problems.get(Z) == "delivery"


@pytest.mark.parametrize("text", ["ガス料金の支払いのことで聞きたいんですが", "家賃の引き落としについて"])
def test_other_bills_are_not_ours(vocab, text):
    heard = understand(text, vocab)
    assert not heard.problems and (heard.off_topic or heard.not_covered)


def test_meaning_to_call_a_card_company_is_no_wrong_number(vocab):
    assert understand("クレジットカードの会社にかけたつもりなんですけど", vocab).command is None


@pytest.mark.parametrize("text", [
    "楽天カードって言いましたけど、よく見たらエポスカードでした、明細のことで",
    "アメックスって言ったけど、セゾンのほうでした",
])
def test_a_name_said_then_taken_back_gives_way_to_the_one_after(vocab, text):
    assert not understand(text, vocab).providers


@pytest.mark.parametrize("text", [
    "学生証をなくしたので、再発行をお願いしたくて",
    "タブレットを落として、画面が割れてしまいました",
])
def test_the_reissue_or_breakage_of_something_else_lost_is_not_ours(vocab, text):
    heard = understand(text, vocab)
    assert not heard.problems and heard.off_topic


def test_a_card_dropped_and_broken_is_still_ours_to_ask_about(vocab):
    heard = understand("カードを落として割れちゃった", vocab)
    assert "lost_stolen" in heard.problems.values()


@pytest.mark.parametrize("text", [
    "ゆうちょの通帳をなくしちゃって、楽天カードの引き落とし口座なんで心配で",
    "アメックスの支払い口座にしてるみずほのキャッシュカードを落としたので、みずほに連絡したい",
])
def test_another_organisations_passbook_or_cash_card_lost_is_theirs(vocab, text):
    heard = understand(text, vocab)
    assert not heard.providers and heard.not_covered


@pytest.mark.parametrize("text, provider", [
    ("ゆうちょのキャッシュカードと楽天カードを両方なくした", R),
    ("みずほのキャッシュカードをなくして、アメックスも一緒に入ってた", A),
])
def test_ours_lost_with_anothers_card_is_still_ours(vocab, text, provider):
    assert understand(text, vocab).problems.get(provider) == "lost_stolen"


def test_a_wallet_the_caller_found_is_no_loss_even_to_the_model(vocab):
    from ivr.ja.fallback import shipped

    heard = understand("道で財布を拾ったんですけど、中にアメックスのカードが入ってて", vocab, shipped())
    assert "lost_stolen" not in heard.problems.values() and not heard.possibly_urgent


@pytest.mark.parametrize("text", ["このへんで美味しいお寿司屋さん教えて", "近所のいい眼科探してるんですけど"])
def test_a_shop_or_clinic_asked_for_is_not_ours(vocab, text):
    assert understand(text, vocab).off_topic


@pytest.mark.parametrize("text", [
    "エアコンのリモコンが反応しないんだけど",
    "うちの車がエンジンかからなくて動かないんです",
    "エレベーターが止まってて閉じ込められそう",
    "洗濯機が壊れたみたいで水が止まらない",
])
def test_everyday_words_with_nothing_of_ours_make_no_call_ours(vocab, text):
    heard = understand(text, vocab)
    assert not heard.problems and heard.off_topic


@pytest.mark.parametrize("text, problem", [
    ("カードが止まってるみたいで", "card_refused"),
    ("届いた商品が壊れてたんです", "returns_refunds"),
    ("引っ越したので住所を変えたい", "address_change"),
])
def test_the_same_words_beside_a_card_or_a_purchase_are_ours(vocab, text, problem):
    assert problem in understand(text, vocab).problems.values()


@pytest.mark.parametrize("text", ["駅前のスーパーって何時まで開いてますか", "花火大会って何時から始まるの"])
def test_hours_asked_of_nothing_of_ours_are_no_request_for_our_line(vocab, text):
    heard = understand(text, vocab)
    assert heard.command is None and heard.off_topic


def test_hours_asked_of_ours_are_the_general_line(vocab):
    assert understand("楽天カードの窓口って何時までですか", vocab).command == "general"


def test_a_card_said_to_be_gone_without_a_copula_is_no_name_denied(vocab):
    heard = understand("楽天カードあらへんねん、さっきまでポケットにあったのに", vocab)
    assert heard.providers == (R,)


def test_a_name_denied_with_a_copula_is_still_denied(vocab):
    assert understand("アメックスじゃないんです、楽天カードのほうで", vocab).providers == (R,)


@pytest.mark.parametrize("text, provider", [
    ("アメックスの明細をプリントしたやつを電車に置き忘れちゃって", A),
    ("楽天カードの利用明細、紙のものをなくしたので再送してほしい", R),
])
def test_a_printed_statement_lost_is_no_card_lost(vocab, text, provider):
    heard = understand(text, vocab)
    assert heard.problems.get(provider) != "lost_stolen" and provider not in heard.urgent


def test_the_wallet_a_card_was_in_lost_is_still_a_loss(vocab):
    assert understand("アメックスを入れてたやつを丸ごとなくした", vocab).problems.get(A) == "lost_stolen"


def test_a_feeling_compared_to_a_theft_is_no_theft(vocab):
    heard = understand("アメックスのポイントが急に減ってて、空き巣に入られたような気分です", vocab)
    assert A not in heard.urgent


@pytest.mark.parametrize("text", [
    "アメックスです、さっき電車でいつの間にか消えてたんです、カード",
    "旅館の部屋に置いてたのが朝になったら消えてて、楽天カードなんですけど",
])
def test_gone_without_the_usual_nouns_is_a_loss(vocab, text):
    assert "lost_stolen" in understand(text, vocab).problems.values()


def test_the_numbers_on_the_back_told_to_a_caller_are_misuse(vocab):
    heard = understand("知らない人からの電話で、楽天カードの裏の数字を教えちゃった", vocab)
    assert heard.problems.get(R) == "unauthorized"


def test_amazon_dot_com_is_amazon(vocab):
    assert understand("アマゾンドットコムで頼んだ荷物が届かない", vocab).providers == (Z,)


def test_a_card_said_to_be_safe_is_not_lost(vocab):
    heard = understand("アメックスのカード入れを落としたけど、カード自体は無事です、で、ポイントのことを聞きたい", vocab)
    assert heard.problems.get(A) != "lost_stolen" and A not in heard.urgent


def test_a_card_said_not_to_be_safe_is_still_lost(vocab):
    heard = understand("財布をなくして、中の楽天カードも無事じゃないと思う", vocab)
    assert heard.problems.get(R) == "lost_stolen"


def test_a_return_misheard_as_a_homophone_is_a_return(vocab):
    assert understand("アマゾンで変品したいんですけど", vocab).problems.get(Z) == "returns_refunds"


@pytest.mark.parametrize("text, provider", [
    ("アメエックスの利用明細が見たい", A),
    ("アメリカンエキスプレッスの限度額を上げたい", A),
])
def test_a_misheard_name_the_turn_opens_with_is_proposed_to_confirm(vocab, text, provider):
    heard = understand(text, vocab)
    assert heard.providers == (provider,) and heard.fuzzy_provider


def test_an_ordinary_word_the_turn_opens_with_is_no_name(vocab):
    assert not understand("カードの明細が見たいんです", vocab).providers


def test_what_a_clause_before_the_pause_is_about_is_what_is_stopped(vocab):
    from ivr.ja.fallback import shipped

    heard = understand("アメックスからのキャンペーンメールが毎日来てうるさくて、止めたいんです", vocab, shipped())
    assert "lost_stolen" not in heard.problems.values() and not heard.possibly_urgent


def test_a_card_missing_then_stopped_is_still_a_loss(vocab):
    assert understand("アメックスのカードが見つからなくて、止めたいんです", vocab).problems.get(A) == "lost_stolen"


def test_an_everyday_without_asking_alone_is_no_misuse(vocab):
    heard = understand("すみません、カバンの中で勝手に発信しちゃったみたいで", vocab)
    assert not heard.problems and heard.off_topic


def test_an_insurance_companys_desk_is_not_ours(vocab):
    assert understand("保険会社の受付ですよね、自転車でぶつかっちゃって", vocab).off_topic


def test_a_transfer_of_trains_is_no_account_transfer(vocab):
    heard = understand("地下鉄止まってるけど、振替輸送やってますか", vocab)
    assert not heard.problems and heard.off_topic


def test_pickpocketed_in_kana_after_a_place_is_a_theft(vocab):
    heard = understand("アメックスなんですけど、満員電車ですられたみたいで", vocab)
    assert heard.problems.get(A) == "lost_stolen" and A in heard.urgent
