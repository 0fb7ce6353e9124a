"""Classes of failure found in tune75 and tune95-98, each tested with phrasings written for these tests, with the
rules alone unless a test says otherwise: a pass is the rules' doing."""
import pytest

from ivr.ja.understanding import understand


@pytest.mark.parametrize("text", ["引き落としがいつもより多くて、明細を確認したら知らないネットショップの請求が何件もあって",
                                  "明細を見たら、行ったこともない海外のお店の請求が入ってたんです"])
def test_a_statement_looked_at_in_a_story_is_no_statement_question(vocab, text):
    understood = understand(text, vocab, None)
    assert "unauthorized" in understood.problems.values()
    assert all(kind != "statement" for kind in understood.problems.values())


def test_a_statement_asked_to_be_checked_is_still_a_statement_question(vocab):
    understood = understand("楽天カードの明細を確認したいんですけど、見方がわからなくて", vocab, None)
    assert understood.problems.get("rakuten_card") == "statement" and not understood.urgent


@pytest.mark.parametrize("text", ["楽天カードを名乗るメールが届いて、開いただけで何も入力してないんですけど、大丈夫でしょうか",
                                  "アメックスからっていうSMS、開いただけです。リンクは押してません"])
def test_a_message_only_opened_is_a_report_not_a_fraud(vocab, text):
    understood = understand(text, vocab, None)
    assert not understood.urgent and "fake_message_report" in understood.problems.values()


def test_a_message_opened_then_answered_is_still_a_fraud(vocab):
    understood = understand("楽天カードを名乗るメールを開いただけのつもりが、カード番号まで入れちゃったんです", vocab, None)
    assert understood.urgent


@pytest.mark.parametrize("text, company", [
    ("アメックスと楽天カードを入れた財布が盗まれて、楽天カードはさっき電話して止めたんです", "amex_gold_preferred"),
    ("楽天カードもアメックスも入ったポーチをなくして、アメックスはもう止めてもらいました。楽天も", "rakuten_card")])
def test_of_two_cards_lost_the_one_seen_to_already_is_not_the_call(vocab, text, company):
    understood = understand(text, vocab, None)
    assert understood.urgent and understood.providers[-1] == company


def test_of_two_cards_lost_the_one_still_to_stop_is_the_call(vocab):
    understood = understand("楽天カードとアメックスを入れた財布をなくしました。アメックスは止めてください", vocab, None)
    assert understood.providers[-1] == "amex_gold_preferred"


@pytest.mark.parametrize("text, company", [
    ("アマゾンの返品のことも聞きたいんですけど、それより楽天カードが盗まれたみたいで", "rakuten_card"),
    ("楽天カードの引き落とし日を知りたかったんだけど、いまアメックスをなくしたのに気づいて", "amex_gold_preferred")])
def test_a_loss_put_before_what_was_asked_goes_to_the_company_named_with_it(vocab, text, company):
    understood = understand(text, vocab, None)
    assert understood.urgent and understood.providers[-1] == company


@pytest.mark.parametrize("text", ["アメックス盗まれて止めてもらったんですけど、再発行のカードっていつ来ますか",
                                  "財布なくして止めてもらった楽天カードの、新しいカードがまだ来ないんです"])
def test_a_loss_stopped_already_is_no_loss_to_report(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and not understood.urgent


def test_a_loss_to_be_stopped_is_still_urgent(vocab):
    assert understand("楽天カードをなくして止めたいんですけど", vocab, None).urgent


@pytest.mark.parametrize("text", ["楽天カードの不正利用の調査、いまどのへんまで進んでるのか知りたいんです",
                                  "アメックスで、知らない請求で返金してもらうことになってたんですけど、まだ明細に残ってて"])
def test_a_fraud_case_being_dealt_with_is_followed_up_not_reported(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and not understood.urgent


def test_a_fake_callers_demand_not_met_but_details_given_is_not_a_report(vocab):
    understood = understand("アマゾンのふりしたメールにだまされて、パスワード入れちゃったんですけど、まだ何も買われてはいないみたいです",
                            vocab, None)
    assert "fake_message_report" not in understood.problems.values()


def test_of_two_cards_lost_the_one_already_phoned_about_is_not_the_call(vocab):
    understood = understand("アメックスと楽天カードが入ったカードケースをなくして、楽天カードにはもう電話したんです", vocab, None)
    assert understood.urgent and understood.providers[-1] == "amex_gold_preferred"


@pytest.mark.parametrize("text", ["セゾンカードと楽天カードを落としたんですが、セゾンはもう連絡済みで",
                                  "JCBとアメックスを盗まれまして、JCBはもう解決しました"])
def test_another_companys_card_settled_leaves_ours_lost(vocab, text):
    assert understand(text, vocab, None).urgent


@pytest.mark.parametrize("text", ["楽天カードって言いそうになったんですけど違って、楽天銀行の口座にログインできないんです",
                                  "アメックスの、いや違う、セゾンの口座振替の件で"])
def test_ours_said_then_corrected_to_another_before_its_account_is_the_others(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.not_covered and not understood.urgent


def test_not_knowing_how_to_do_something_is_no_unknown_shop(vocab):
    understood = understand("アメックスで払ったんですけど、キャンセルの仕方がわからなくて、お店に聞けばいいですか", vocab, None)
    assert not understood.urgent


@pytest.mark.parametrize("text", ["楽天カードの暗証番号の変更、あ、いや、そうじゃなくて、カードを盗まれたんです",
                                  "アメックスのポイントの件…あ、いや、そうじゃなくて、カードが見当たらないんです"])
def test_a_matter_corrected_with_so_ja_nakute_gives_way_to_what_follows(vocab, text):
    assert understand(text, vocab, None).urgent


@pytest.mark.parametrize("text", ["楽天モバイルの料金のことなんですけど、楽天カードの請求とは関係なくて",
                                  "イオンカードの話で、アメックスとは別件なんです"])
def test_a_company_said_to_be_unrelated_is_not_the_call(vocab, text):
    understood = understand(text, vocab, None)
    assert not understood.providers and understood.not_covered


def test_a_fraud_seen_on_the_news_is_no_fraud_of_the_callers(vocab):
    understood = understand("ニュースで不正利用の被害があったって言ってて、それとは関係ないんですけど、楽天カードの支払い方法を変えたくて",
                            vocab, None)
    assert understood.providers and not understood.urgent


@pytest.mark.parametrize("text", ["以前は楽天カードを使ってたんですけど、今はイオンカードで、その明細のことで",
                                  "アメックスは解約済みで、いまはJCBなんですけど、ポイントの交換を"])
def test_a_card_of_ours_given_up_for_another_leaves_the_call_to_the_other(vocab, text):
    understood = understand(text, vocab, None)
    assert not understood.providers and understood.not_covered


def test_a_card_of_ours_held_beside_another_is_still_ours(vocab):
    understood = understand("今はイオンカードも持ってるんですけど、楽天カードのポイントの交換を", vocab, None)
    assert understood.providers == ("rakuten_card",)


def test_a_covered_brands_advert_is_no_matter_of_the_card(vocab):
    understood = understand("楽天カードマンのCMの曲名が知りたいんです", vocab, None)
    assert understood.not_covered and not understood.urgent


@pytest.mark.parametrize("text", ["うちはアメックスしか使ってないんですけど、引き落とし日っていつですか",
                                  "楽天カードしか使ってないので、その明細の見方を"])
def test_only_one_card_used_is_no_use_denied(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and not understood.urgent


def test_only_the_caller_using_the_card_is_still_a_charge_unknown(vocab):
    assert understand("楽天カードは私しか使ってないのに、知らない請求がきてるんです", vocab, None).urgent


@pytest.mark.parametrize("text", ["フールーの月額を止めたいんですけど、アメックスで払ってるので",
                                  "スポティファイの解約ってどうやるんですか、楽天カード払いなんです"])
def test_a_streaming_service_paid_by_our_card_is_the_services(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.not_covered and not understood.urgent


def test_a_setting_to_stop_a_way_of_paying_is_no_card_to_stop(vocab):
    understood = understand("アメックスで、なんか不安なんでタッチ決済を止める設定ってありますか", vocab, None)
    assert understood.providers and not understood.urgent


def test_another_shops_parcel_late_is_no_late_payment(vocab):
    understood = understand("ビックカメラの配送が遅れてるんですけど、楽天カードで払ったやつで", vocab, None)
    assert understood.not_covered and not understood.problems


@pytest.mark.parametrize("text", ["アメックスの明細に、海外のホテル代が載ってて、私はそんなとこ行ってないんです",
                                  "楽天カードで、海外のホテルの料金が引き落とされてて、海外なんて行ってないのに"])
def test_a_charge_for_a_hotel_abroad_is_not_where_the_caller_is(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.urgent and understood.abroad is not True


def test_a_caller_still_at_a_hotel_abroad_is_abroad(vocab):
    assert understand("いま海外のホテルにいるんですけど、楽天カードが使えなくて", vocab, None).abroad


@pytest.mark.parametrize("text", ["アメックスを落としちゃって…あ、ちょっと待って、ありました。じゃあポイントのことを",
                                  "楽天カードなくしました、待ってください、あ、ありました、すみません"])
def test_a_card_found_while_the_caller_looks_is_no_loss(vocab, text):
    assert not understand(text, vocab, None).urgent


def test_a_charge_on_a_day_the_caller_was_at_home_is_fraud(vocab):
    understood = understand("アメックスの明細に海外の免税店の代金があって、その日は東京にいたんです", vocab, None)
    assert "unauthorized" in understood.problems.values()


@pytest.mark.parametrize("text", ["夜のうちに車の窓を割られてて、ダッシュボードに入れてたカード入れが空っぽでした",
                                  "朝起きたら、玄関に置いてたカード入れがからっぽで"])
def test_a_card_holder_found_empty_is_a_loss(vocab, text):
    understood = understand(text, vocab, None)
    assert "lost_stolen" in understood.problems.values() and not understood.not_covered


def test_of_two_cards_the_one_whose_payment_is_over_is_not_the_call(vocab):
    understood = understand("アメックスの引き落としはもう終わってるので、楽天カードのほうの今月の利用額を知りたいです", vocab, None)
    assert understood.providers[-1] == "rakuten_card"


@pytest.mark.parametrize("text", ["アマゾンで注文したあと", "アマゾンのサイトで買い物してる途中"])
def test_a_turn_stopping_on_when_something_happened_waits_for_what_happened(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers == ("amazon",) and understood.command is None


def test_the_hours_asked_with_nanji_are_still_the_general_line(vocab):
    assert understand("アマゾンの問い合わせって何時から何時", vocab, None).command == "general"


@pytest.mark.parametrize("text", ["アメックスをポケットに入れたまま座っちゃって、カードが折れてしまったんです",
                                  "楽天カードが熱で曲がっちゃって、お店で読み取ってもらえません"])
def test_a_damaged_card_in_hand_is_no_loss_even_for_the_model(assistant, text):
    understood = assistant.language.understand(text)  # with the learned model
    assert not understood.urgent and not understood.possibly_urgent


@pytest.mark.parametrize("text", ["来月からハワイに行くんですけど、アメックスが海外で使えなかったらどうしようと思って",
                                  "楽天カードで、再来週タイに行くので、現地で使えなかったら困るなと"])
def test_a_card_refused_abroad_only_feared_before_a_trip_is_no_card_refused_now(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and not understood.problems and not understood.abroad


@pytest.mark.parametrize("text", ["楽天カードなんですけど、不正利用とかが怖いので、何かできることありますか",
                                  "アメックスで、スキミングされないか心配で、対策を知りたいんです"])
def test_a_fraud_only_feared_is_no_fraud(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and not understood.urgent


def test_our_card_said_safe_later_in_its_clause_leaves_the_others_loss(vocab):
    understood = understand("カードケースを落としたんですが、楽天カードは別の財布に入れてたので大丈夫で、落としたのはイオンカードです",
                            vocab, None)
    assert not understood.providers and understood.not_covered



@pytest.mark.parametrize("text", ["支払いが遅れて楽天カードが使えなくなってて、昨日入金したので使えるようにしてほしいんです",
                                  "アメックスの引き落としができなくて止まってたんですけど、入金は済んでます"])
def test_money_paid_in_by_a_cardholder_is_no_sellers_payout(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and "seller" not in understood.problems.values()


def test_a_sellers_payout_is_still_the_sellers(vocab):
    assert understand("アマゾンに出品してるんですけど、売上の入金がまだないんです", vocab, None).problems.get("amazon") == "seller"


@pytest.mark.parametrize("text", ["アメックスをなくしたって電話したんですけど、コートのポケットに入ってました",
                                  "楽天カードがないって騒いでたんですけど、息子が持ってました",
                                  "楽天カード、盗まれたと思って止めたんやけど、車のシートの下に入っとったわ"])
def test_a_card_found_where_it_was_all_along_is_no_loss(vocab, text):
    assert not understand(text, vocab, None).urgent


@pytest.mark.parametrize("text", ["アメックスをなくしました、いつも財布に入れてました", "楽天カードを落としたんです、財布に入ってました",
                                  "財布に入ってた楽天カードをなくしたんです"])
def test_where_the_card_was_carried_when_lost_is_still_a_loss(vocab, text):
    assert understand(text, vocab, None).urgent


@pytest.mark.parametrize("text", ["娘が楽天カードに勤めてるんですけど、私の車検の予約のことで", "主人がアマゾンで働いてまして、私の病院の予約の件で"])
def test_a_company_named_as_a_workplace_is_not_the_call(vocab, text):
    assert not understand(text, vocab, None).providers


def test_someone_posing_as_a_companys_employee_is_still_the_companys_fraud(vocab):
    assert understand("アメックスの社員を名乗る人に、カードの番号を教えてしまいました", vocab, None).urgent


def test_a_stop_on_the_callers_own_use_to_lift_is_no_amazon_takeover(vocab):
    understood = understand("念のため一時停止されたってメールが来たんですけど、使ったのは本人なので、解除してもらえますか", vocab, None)
    assert not understood.urgent and "account_takeover" not in understood.problems.values()


def test_fraud_said_to_be_common_is_only_heard_of(vocab):
    understood = understand("アメックスなんですけど、最近スキミングとか多いって聞いたので、気をつけることってありますか", vocab, None)
    assert understood.providers and not understood.urgent
