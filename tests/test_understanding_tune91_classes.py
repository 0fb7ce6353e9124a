"""Classes of failure found in tune88 and tune91-94, each tested with phrasings written for these tests, with the
rules alone unless a test says otherwise: a pass is the rules' doing."""
import pytest

from ivr.ja.understanding import understand


@pytest.mark.parametrize("text", ["楽天カードで、前に紛失した時に再発行してもらったんですが、その時の再発行の手数料は明細のどこに出ますか",
                                  "アメックスです、昨年の不正利用の際に返金になった分が、利用明細のどこにあるのかわからなくて",
                                  "楽天カードは以前盗まれたときに番号が変わったんですけど、引き落とし口座を変えたいんです"])
def test_a_loss_long_ago_framed_as_a_time_is_background_to_a_routine_matter(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and not understood.urgent


@pytest.mark.parametrize("text", ["楽天カード、前に紛失した時に再発行してもらったカードを、またなくしてしまいました",
                                  "アメックスなんですけど、以前盗まれたときもこうだったんですけど、また財布ごと盗まれたみたいで",
                                  "楽天カードって紛失した時に再発行の手数料ってかかりますか、今なくしちゃってて"])
def test_a_loss_told_now_beside_an_old_one_is_still_urgent(vocab, text):
    assert understand(text, vocab, None).urgent


@pytest.mark.parametrize("text", ["楽天カードの利用明細のどこにあるのかわからないんです、ポイントの欄が",
                                  "アメックスのアプリで、利用明細のどこにあるかわからないんです、先月の年会費が"])
def test_a_place_in_a_statement_or_screen_is_no_lost_card(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and not understood.urgent


def test_a_card_whose_place_is_unknown_is_still_lost(vocab):
    assert understand("楽天カードがどこにあるのかわからないんです、財布にも鞄にもない", vocab, None).urgent


@pytest.mark.parametrize("text", ["楽天カードなんですが、先週盗難で止めてもらって、新しいカードはいつ頃になりますか",
                                  "アメックスで、財布ごとなくしたって連絡したんですけど、新しいカードがまだ来ないんです",
                                  "アメックスの、知らない請求で相談したんですけど、まだ返事がなくて"])
def test_a_loss_or_fraud_reported_already_is_no_loss_to_report(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and not understood.urgent


@pytest.mark.parametrize("text", ["楽天カードの不正利用の調査結果って、いつごろ連絡もらえますか",
                                  "アメックスの、不正利用の調査中って言われてる件、まだ連絡がなくて"])
def test_a_case_followed_up_with_nothing_else_is_the_general_line(vocab, text):
    understood = understand(text, vocab, None)
    assert not understood.urgent and understood.command == "general"


@pytest.mark.parametrize("text", ["楽天カードをなくしたって家族から連絡があって、どうしたらいいですか",
                                  "アメックスの、盗難で止めてほしいんです、今すぐ",
                                  "楽天カードの不正利用の調査をお願いしたいんです"])
def test_a_loss_told_by_someone_or_a_stop_wished_for_is_still_urgent(vocab, text):
    assert understand(text, vocab, None).urgent


@pytest.mark.parametrize("text", ["楽天カードの写真、番号が見えたままインスタに載せちゃってて",
                                  "アメックスのカード番号が写った画像をツイッターに投稿してしまいました"])
def test_a_cards_number_shown_in_a_photo_posted_is_card_details_out(vocab, text):
    assert understand(text, vocab, None).urgent


def test_a_cards_photo_taken_for_oneself_is_not_urgent(vocab):
    understood = understand("楽天カードの写真を撮ってアプリに登録したいんですけど、やり方が", vocab, None)
    assert understood.providers and not understood.urgent


@pytest.mark.parametrize("text", ["楽天カードの利用枠がいっぱいって出るんですけど、支払いはもう済ませたのに",
                                  "アメックスの限度額、引き落としはもう済んでるのに増えてないんです"])
def test_a_payment_done_yet_the_trouble_still_there_is_the_trouble(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and understood.problems


def test_a_cobranded_amex_is_another_card(vocab):
    assert understand("デルタのスカイマイルのアメックスでカードをなくしました", vocab, None).not_covered


def test_another_companys_card_used_at_amazon_is_its_business(vocab):
    understood = understand("JCBのカードなんですけど、アマゾンで知らない請求が何件もあって", vocab, None)
    assert understood.not_covered and "amazon" not in understood.providers


def test_a_gift_card_bought_at_amazon_is_amazons(vocab):
    understood = understand("娘がアマゾンで勝手にゲームのカードを買っちゃって、返金できますか", vocab, None)
    assert "amazon" in understood.providers and understood.problems.get("amazon") == "returns_refunds"


@pytest.mark.parametrize("text", ["楽天カードなんですけど、落としたりしたらすぐ止められるのか知りたくて",
                                  "アメックスのことで、父が認知症気味でカードなくしそうなので、家族カードの利用枠を下げたい"])
def test_a_loss_only_supposed_or_feared_is_no_loss(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers and not understood.urgent


def test_a_loss_heard_of_is_still_a_loss(vocab):
    assert understand("楽天カード、息子がカードをなくしたそうで、代わりに電話してます", vocab, None).urgent


def test_a_loss_reported_long_ago_then_another_matter_is_that_matter(vocab):
    understood = understand("楽天カードで、以前に盗難の届け出したんですけど、それとは別で住所変更をしたくて", vocab, None)
    assert not understood.urgent and understood.problems.get("rakuten_card") == "address_change"


def test_a_theft_months_ago_then_that_times_statement_is_the_statement(vocab):
    understood = understand("アメックスで、半年前に盗まれて番号が変わったんですが、その時の明細はまだ見られますか", vocab, None)
    assert not understood.urgent and understood.problems.get("amex_gold_preferred") == "statement"


def test_one_of_ours_not_held_beside_another_card_is_the_others(vocab):
    understood = understand("楽天カードは持ってないんです、三井住友のカードをなくしてしまって", vocab, None)
    assert not understood.providers and understood.not_covered


@pytest.mark.parametrize("text", ["楽天カードのCMで流れてる曲って誰の歌ですか",
                                  "アメックスのコマーシャルに出てた俳優さんの名前が知りたい",
                                  "アメックスで中途採用ってやってますか、そちらで働きたいんです"])
def test_an_advert_or_a_job_is_not_a_customers_matter(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.not_covered and not understood.problems and understood.command is None


def test_a_card_applied_for_after_an_advert_is_the_card(vocab):
    understood = understand("楽天カードのCMを見て、申し込みたいんですけど", vocab, None)
    assert understood.providers == ("rakuten_card",) and not understood.not_covered


def test_another_is_named_by_its_label_when_the_words_are_no_name(vocab):
    understood = understand("アメックスのCMの曲の名前を知りたくて", vocab, None)
    assert understood.not_covered == ("CM・広告",)


def test_another_is_named_as_the_caller_said_it_when_a_name(vocab):
    understood = understand("ヤマト運輸の再配達をお願いしたいんです", vocab, None)
    assert "ヤマト運輸" in understood.not_covered


def test_a_card_found_that_was_someone_elses_leaves_the_loss(vocab):
    text = "アメックス、出てきたと思ったら夫のカードで、私のはやっぱり見つからないんです"
    assert understand(text, vocab, None).urgent


def test_a_company_compared_with_is_not_the_one_asked_about(vocab):
    understood = understand("アマゾンと比べて楽天カードのポイントって貯まりやすいんですか", vocab, None)
    assert understood.providers[-1] == "rakuten_card"


@pytest.mark.parametrize("text", ["アマゾンを名乗る電話で、未納料金があるからコンビニでギフト券を買えって言われたけど、買ってません",
                                  "アマゾンだって自動音声の電話が来て、支払いが遅れてるって。払ってないし、そのまま切りました"])
def test_a_fake_calls_demand_for_money_not_met_is_a_report(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.problems.get("amazon") == "fake_message_report" and not understood.urgent


def test_a_family_member_played_on_the_phone_is_none_of_ours(vocab):
    understood = understand("息子を名乗る電話があって、お金を振り込めって言われたけど、まだ払ってないです", vocab, None)
    assert "fake_message_report" not in understood.problems.values()


@pytest.mark.parametrize("text", ["マリオットボンヴォイアメックスの年会費について", "アメックスの、プラチナの方なんですけど、特典のことで"])
def test_another_amex_card_named_in_one_word_or_by_its_tier_is_not_covered(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.not_covered and "amex_gold_preferred" not in understood.providers


@pytest.mark.parametrize("text", ["アメックスの明細に、泊まったことないホテルの請求があるんです",
                                  "楽天カードで、行ったこともない旅館の料金の請求が来てて"])
def test_a_charge_at_a_place_never_visited_is_the_unknown_charge_not_a_statement_question(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.urgent


def test_the_words_of_an_unknown_charge_read_to_the_end_of_their_phrase(vocab):
    understood = understand("楽天カードの明細に、知らない通販サイトの請求があって", vocab, None)
    step = next(s for s in understood.trace if s.rule.startswith("near rule for unauthorized"))
    assert step.words.endswith("請求")


def test_the_card_told_by_its_panda_design_is_rakuten(vocab):
    assert understand("お買いものパンダのカードを落としちゃって", vocab, None).providers == ("rakuten_card",)


@pytest.mark.parametrize("text", ["アマゾンからプレゼントに当選しましたってメールが来たんですけど、これって詐欺ですか",
                                  "アマゾンを名乗る変な電話がかかってきて、詐欺かなと思って"])
def test_a_message_or_call_asked_about_as_a_scam_is_a_report(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.problems.get("amazon") == "fake_message_report" and not understood.urgent


@pytest.mark.parametrize("text", ["楽天カードを名乗るメールで、カード情報を更新しちゃいました。詐欺だったみたいで",
                                  "アメックスを名乗る電話で、カード番号を読み上げさせられて、あとで詐欺だと分かって"])
def test_a_scam_acted_on_is_still_urgent(vocab, text):
    assert understand(text, vocab, None).urgent


def test_a_scam_asked_about_to_be_checked_is_for_the_official_line(vocab):
    understood = understand("アマゾンのアカウントが停止されますってメール、これ詐欺ですよね?確かめたくて", vocab, None)
    assert understood.problems.get("amazon") != "fake_message_report"


@pytest.mark.parametrize("text", ["アマゾンに登録してるアメックスを、新しく届いたカードに変えたいんですけど",
                                  "アマゾンの支払いを、アメックスから別のカードにしたいんです"])
def test_a_card_registered_or_replaced_at_amazon_is_amazons_setting(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.providers == ("amazon",)


def test_a_card_registered_at_amazon_and_misused_is_still_the_cards(vocab):
    text = "アマゾンに登録してる楽天カードで、勝手に買い物されてるんです"
    understood = understand(text, vocab, None)
    assert understood.urgent and "rakuten_card" in understood.providers


@pytest.mark.parametrize("text", ["アメックスのカード、古い書類と一緒にゴミに出しちゃったかもしれないんです",
                                  "楽天カード、レシートと一緒に捨てちゃったかも、どこにもなくて"])
def test_a_card_thrown_out_by_mistake_is_lost(vocab, text):
    assert understand(text, vocab, None).urgent


def test_an_old_card_thrown_away_on_purpose_is_no_loss(vocab):
    understood = understand("楽天カードの新しいのが届いたので、古いカードは切って捨てたいんですが", vocab, None)
    assert not understood.urgent


def test_nothing_wrong_with_the_card_is_no_absence(vocab):
    text = "ニュースで楽天カードを名乗る詐欺があるって見たんですけど、私のカードは何もなくて、注意することを知りたい"
    assert not understand(text, vocab, None).urgent


def test_a_wallet_gone_is_still_a_loss(vocab):
    assert understand("アメックス、カバンを見たら財布が無いんです、何も手につかなくて", vocab, None).urgent


@pytest.mark.parametrize("text", ["楽天カードが見つかったので、紛失の届けを取り消したいんです",
                                  "アメックス、盗難の連絡を取り消したくて、家にありました"])
def test_a_loss_report_withdrawn_is_the_general_line(vocab, text):
    understood = understand(text, vocab, None)
    assert not understood.urgent and understood.command == "general"


def test_a_card_handed_over_then_gone_is_lost(vocab):
    assert understand("楽天カード、お店でカード渡したと思うんですけど、その後、ないんです", vocab, None).urgent


def test_no_word_since_is_no_card_gone(vocab):
    understood = understand("アメックスで相談したんですけど、その後、返事がないんです", vocab, None)
    assert not understood.urgent
