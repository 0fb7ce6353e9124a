"""Classes of failure found in tune68-71 (callers who mix things, a broad cross-section of callers), each tested
with phrasings written for these tests, with the rules alone: the learned fallback is kept out, so a pass is the
rules' doing."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text, provider", [("えっと、アマゾン、あ、いや、不正に使われたのはアメックスのほうで", A),
                                            ("楽天カード、あっ、違う、請求が来たのはアマゾンのほうからなんですけど", Z)])
def test_a_name_taken_back_the_moment_it_is_said_gives_way_to_the_next(vocab, text, provider):
    assert understand(text, vocab, None).providers == (provider,)


def test_a_name_only_followed_by_another_after_a_no_stays(vocab):
    """いや opening the caller's answer about something else is no correction of the name before it."""
    assert R in understand("楽天カードです。いやね、先月アマゾンで買い物したら二重に請求されてて", vocab, None).providers


@pytest.mark.parametrize("text, provider", [("楽天カード、使ってないので解約をお願いしたいです", R),
                                            ("アメックス、全然使ってないから退会したいんだけど", A)])
def test_not_using_a_card_as_the_reason_to_give_it_up_is_no_charge_denied(vocab, text, provider):
    understood = understand(text, vocab, None)
    assert understood.problems[provider] == "membership" and not understood.urgent


def test_not_using_a_card_said_against_a_charge_is_still_a_charge_denied(vocab):
    assert understand("楽天カード、使ってないから、この請求おかしいです", vocab, None).urgent


@pytest.mark.parametrize("text", ["いま洋上なんですけど、楽天カードの支払い日を知りたい", "寄港中の港で楽天カードが使えなかった",
                                  "客船で旅行してて、アラスカ沖なんですが、アメックスをなくしました"])
def test_a_caller_at_sea_on_a_cruise_is_abroad(vocab, text):
    assert understand(text, vocab, None).abroad


def test_a_cruise_gone_by_is_no_caller_at_sea(vocab):
    assert not understand("去年のクルーズ船の旅行で使った楽天カードの請求について", vocab, None).abroad


@pytest.mark.parametrize("text, provider", [("アメックスです、カードが書留で来るって聞いたのに届かないんですよ", A),
                                            ("楽天カードなんですけど、郵送で送ったって言われたのにまだ来なくて", R)])
def test_a_card_company_and_a_card_sent_by_post_not_come_is_the_cards_delivery(vocab, text, provider):
    assert understand(text, vocab, None).problems[provider] == "reissue"


@pytest.mark.parametrize("text", ["楽天カードの明細に知らない請求があって、でも夫の買い物だったので大丈夫です。支払日を知りたい",
                                  "アメックスに変な請求、よく見たら娘の注文でした。ポイントのことで電話しました"])
def test_a_charge_said_to_have_been_a_relatives_purchase_is_no_fraud(vocab, text):
    assert not understand(text, vocab, None).urgent


def test_a_charge_said_not_to_be_a_relatives_purchase_stays_fraud(vocab):
    assert understand("楽天カードに知らない請求、妻の買い物じゃないです", vocab, None).urgent


@pytest.mark.parametrize("text, provider", [("アマゾンの件で、いや、アマゾンっていうか、アメックスに勝手に請求つけられてて", A),
                                            ("楽天カードの話、というかアマゾンの注文が届かないんです", Z)])
def test_a_name_said_and_corrected_is_taken_back_every_time_it_was_said(vocab, text, provider):
    assert understand(text, vocab, None).providers[-1] == provider  # the one the request is about comes last


@pytest.mark.parametrize("text", ["アマゾンプライムに入ってないのに毎月引かれてる", "保険には入ってないはずなのに楽天カードに請求が"])
def test_not_joined_to_a_plan_is_nothing_missing(vocab, text):
    problems = set(understand(text, vocab, None).problems.values())
    assert not problems & {"lost_stolen", "delivery"}


@pytest.mark.parametrize("text", ["楽天カードを盗まれて、アマゾンで使われてるかもしれません",
                                  "アメックスをなくしちゃって、もう勝手に使われてるみたいなんです"])
def test_misuse_that_follows_a_loss_yields_to_the_loss(vocab, text):
    """The card is stopped at the loss desk, which sees to its misuse too."""
    assert set(understand(text, vocab, None).problems.values()) <= {"lost_stolen", "unauthorized"} and \
        "lost_stolen" in understand(text, vocab, None).problems.values()


def test_a_matter_said_to_be_done_with_far_back_in_a_long_sentence_is_done(vocab):
    understood = understand("変な電話にカード番号を言っちゃった件は、前にカードを止めて再発行してもらってもう済んでます。今日は引き落とし日の確認です",
                            vocab, None)
    assert set(understood.problems.values()) == {"statement"} and not understood.urgent


def test_a_debit_supposed_to_be_done_settles_nothing(vocab):
    """済んでるはず: what the caller supposes, not a matter closed; the refused card stays a matter for the line."""
    understood = understand("昨日からアメリカン・エキスプレスがどこでも決済できなくて、引き落としは済んでるはずなんですけど", vocab, None)
    assert understood.problems.get(A) in ("card_refused", "statement")


@pytest.mark.parametrize("text, provider", [("楽天カードのポイントの件で電話したんですけど、そういえばカード自体がさっきから見当たらなくて", R),
                                            ("アメックスの住所変更もしたいんだけど、まず楽天カードに身に覚えのない請求が来てて", R)])
def test_an_urgent_problem_brought_up_after_a_routine_one_is_seen_to_first(vocab, text, provider):
    understood = understand(text, vocab, None)
    assert understood.providers[-1] == provider and provider in understood.urgent


def test_such_a_thing_denied_is_no_second_matter(vocab):
    """そういうのじゃない is not そういえば: the loss stays denied."""
    assert not understand("楽天カードです。盗まれたとか、そういうのじゃないんで。年会費がいつ引かれるのかだけ知りたくて", vocab, None).urgent


def test_a_name_corrected_past_fillers_gives_way_to_another_company(vocab):
    understood = understand("アメックスの、えーと、いや、これVISAだ、三井住友のVISAのカードの引き落とし", vocab, None)
    assert A not in understood.providers


def test_a_card_said_to_be_at_hand_gives_way_to_the_one_missing(vocab):
    understood = understand("アメックスを落とし、いや、アメックスはある、楽天カードの方がない", vocab, None)
    assert understood.providers == (R,) and R in understood.urgent


@pytest.mark.parametrize("text", ["アマゾンで買ったイヤホン、楽天カードで払ったんですけど、片方壊れてて返品したい",
                                  "アマゾンで頼んだイヤホン、アメックスで払ったけど届かない"])
def test_a_word_that_only_sounds_like_a_correction_corrects_nothing(vocab, text):
    """イヤホン begins いや when folded to kana; a noun is no correction."""
    assert understand(text, vocab, None).providers == (Z,)


@pytest.mark.parametrize("text", ["アマゾンで注文したゲーム、代金は楽天カードから引き落とされてるのに、届いたのは違うソフトでした",
                                  "アマゾンで買った本、アメックス払いしたんですけど、まだ届いてないんです"])
def test_a_card_named_only_as_what_was_debited_leaves_the_call_with_the_shop(vocab, text):
    assert understand(text, vocab, None).providers == (Z,)


def test_a_card_debited_for_a_purchase_the_caller_denies_stays_the_cards(vocab):
    understood = understand("楽天カードから引き落とされてるのに、買った覚えがない、アマゾンの請求", vocab, None)
    assert understood.providers[-1] == R


@pytest.mark.parametrize("text", ["Amazonから支払い情報を更新してくださいってSMSが来て、怪しいなと思って何もしてないです",
                                  "楽天カードの利用を確認してくださいってメールが来たけど、変だから無視しました",
                                  "アマゾンから配送先を確認してくださいっていうSMS、たぶん詐欺ですよね、押してないけど、どうしたらいいですか"])
def test_a_quoted_message_left_alone_is_a_report(vocab, text):
    """What the message asked (確認してください) is no asking whether it is real."""
    understood = understand(text, vocab, None)
    assert "fake_message_report" in understood.problems.values() and not understood.urgent


def test_a_change_the_caller_denies_making_is_no_message_left_alone(vocab):
    understood = understand("アマゾンから、アカウントの情報が変更されましたってメールが来て、私何もしてないんです", vocab, None)
    assert understood.problems.get(Z) != "fake_message_report"


@pytest.mark.parametrize("text", ["マリオットボンヴォイのアメックスをなくしちゃって", "ビジネスゴールドカードの方です、請求書のことで"])
def test_another_card_of_a_brand_keeps_no_problem_aside_for_the_covered_card(vocab, text):
    """Said after アメックス, the caller's card is the other product: nothing is kept for the Gold Preferred."""
    understood = understand(text, vocab, None)
    assert understood.not_covered and A not in understood.set_aside


def test_a_card_said_to_be_fine_gives_way_to_the_other_companys_card_lost(vocab):
    understood = understand("アメックスは大丈夫なんです、なくしたのはセゾンカードで", vocab, None)
    assert not understood.providers and understood.not_covered


@pytest.mark.parametrize("text", ["楽天カードのポイントの使い方と、えっと、あとカードをタクシーに忘れたみたいで",
                                  "アメックスなんですけど、財布ごと電車に忘れてきちゃって"])
def test_a_card_left_somewhere_is_lost(vocab, text):
    assert understand(text, vocab, None).urgent


def test_a_pin_forgotten_is_no_card_left_somewhere(vocab):
    assert not understand("楽天カードの暗証番号を忘れた", vocab, None).urgent


def test_whether_a_found_card_is_stopped_asked_is_no_stop_asked_for(vocab):
    understood = understand("楽天カードの紛失で電話しようと思ったら、見つかりました。あ、でも利用停止になってないかだけ確認したくて", vocab, None)
    assert not understood.urgent and R in understood.providers


def test_a_parcel_stuck_on_its_way_is_no_card_refused(vocab):
    understood = understand("楽天カードでアマゾンの普通の買い物をしたんですけど、配送中のまま止まってて", vocab, None)
    assert understood.providers[-1] == Z and understood.problems[Z] == "delivery"


@pytest.mark.parametrize("text", ["息子が勝手に使ったんじゃないかと疑っちゃったんですが、違いました、自分の買い物です。枠の残りを教えて",
                                  "カードを盗まれたと思っちゃったんですけど、鞄の底にありました。ポイントの確認を"])
def test_a_suspicion_said_and_found_wrong_is_taken_back(vocab, text):
    assert not understand(text, vocab, None).urgent


def test_a_card_said_safe_is_not_the_one_lost(vocab):
    understood = understand("アメックスのカード、さっきタクシーに置き忘れたかもしれないんです。楽天カードは無事です", vocab, None)
    assert understood.providers[-1] == A and A in understood.urgent


def test_a_loss_thought_and_found_so_after_all_stands(vocab):
    assert R in understand("楽天カードをなくしたと思ってたんですけど、やっぱりないです。探したけど、ないです", vocab, None).urgent


def test_card_details_updated_on_a_fake_page_are_out(vocab):
    understood = understand("Amazonって書いてあるメールが来て、アカウント停止されるって。それでログインして、楽天カードの番号も更新しちゃった",
                            vocab, None)
    assert understood.providers[-1] == R and understood.problems[R] == "unauthorized"


@pytest.mark.parametrize("text", ["引っ越しの片付けしてたら、楽天カードも一緒に捨てちゃったかもしれないです",
                                  "アメックスを間違えて捨てちゃったんです"])
def test_a_card_thrown_away_by_mistake_is_lost(vocab, text):
    assert understand(text, vocab, None).urgent


def test_an_old_card_to_throw_away_is_no_loss(vocab):
    assert not understand("更新で届いた楽天カード、古いほうはハサミで切って捨てていいですか", vocab, None).urgent


@pytest.mark.parametrize("text", ["アマゾンをかたったSMSが届いたので、報告したいんですけど",
                                  "アマゾンの偽物のメールを転送したいんですけど、どこに送ればいいですか",
                                  "アマゾンから当選したって電話がかかってきたけど、すぐ切ったよ。一応報告しとこうと思って"])
def test_a_fake_message_or_call_reported_or_hung_up_on_is_a_report(vocab, text):
    understood = understand(text, vocab, None)
    assert understood.problems.get(Z) == "fake_message_report" and not understood.urgent


def test_a_scam_call_given_details_before_hanging_up_is_no_mere_report(vocab):
    understood = understand("楽天を名乗る電話でカードの裏の三桁を教えてしまって、切ったあとでおかしいと思って", vocab, None)
    assert understood.problems.get(R) == "unauthorized"


@pytest.mark.parametrize("text", ["楽天カードの紛失で電話した者ですけど、カードありました、冷蔵庫の上に",
                                  "アメックスなくしたんですけど、あ、財布ありました"])
def test_a_card_said_there_with_its_particle_dropped_is_found(vocab, text):
    assert not understand(text, vocab, None).urgent


def test_a_card_inside_what_was_stolen_is_not_found(vocab):
    assert understand("楽天カードを持っている者です。昨日、電車の中でかばんを盗まれまして、カードも中に入っていました", vocab, None).urgent


def test_a_stop_the_caller_put_on_to_be_lifted_is_no_loss(vocab):
    understood = understand("楽天カード、自分で利用停止にしてたのを元に戻したくて", vocab, None)
    assert not understood.urgent and understood.command == "general"


@pytest.mark.parametrize("text", ["アメックス、前に身に覚えのない請求で調査をお願いした件、結果がどうなったか聞きたいです",
                                  "楽天カード、不正利用の件、調査が終わったって手紙が来たんですけど、内容がよくわからなくて"])
def test_a_case_reported_before_and_followed_up_is_no_new_misuse(vocab, text):
    assert not understand(text, vocab, None).urgent


def test_a_case_to_be_investigated_now_stays_misuse(vocab):
    assert understand("アメックス、不正利用の件で調査してほしいんです", vocab, None).urgent


def test_a_one_time_code_read_out_to_a_caller_is_misuse(vocab):
    assert understand("アメックス、ワンタイムパスワードをSMSで受け取って、電話の相手に読み上げてしまった", vocab, None).urgent


def test_a_pin_not_known_at_a_shop_is_no_unknown_charge(vocab):
    understood = understand("アメックスの暗証番号が分からなくなっちゃって、お店で何回か間違えてしまった", vocab, None)
    assert understood.problems[A] == "pin" and not understood.urgent


def test_a_shop_named_as_one_of_several_charged_on_the_card_is_only_a_place(vocab):
    understood = understand("あのー楽天カードなんですけど、アマゾンとか知らないネットショップの請求がいくつも載ってて", vocab, None)
    assert understood.providers[-1] == R and R in understood.urgent


@pytest.mark.parametrize("text", ["アメックスのアプリでチャットしたいんですけど、やり方を教えてください",
                                  "アメックスのアプリのチャットって何時までやってますか"])
def test_asking_how_or_when_to_chat_is_the_written_channel(vocab, text):
    assert understand(text, vocab, None).problems[A] == "written_contact"


def test_a_listing_stopped_is_the_sellers_own_matter(vocab):
    assert understand("アマゾンで出品停止になっちゃったんですけど、どこに連絡すれば", vocab, None).problems[Z] == "seller"


@pytest.mark.parametrize("text", ["アメックス、前に身に覚えのない請求で調査をお願いした件、結果がどうなったか聞きたいです",
                                  "楽天カード、自分で利用停止にしてたのを元に戻したくて"])
def test_a_case_followed_up_or_a_stop_to_lift_is_offered_no_urgent_line_by_the_model(catalogue, text):
    """The rules took the urgent words back as another sense; the model, reading the same words, does not bring the
    urgency back (with the model, as a call hears it)."""
    from ivr.ja.language import Japanese

    heard = Japanese(catalogue).understand(text)
    assert not heard.urgent and not heard.possibly_urgent, [str(e) for e in heard.trace]
