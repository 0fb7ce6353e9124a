"""Classes of failure found with tune6.jsonl, each tested with phrasings written for these tests (not tune6's)."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", [
    "楽天カードのポイント、いつの間にかなくなってるんですけど",
    "アメックスの利用枠がなくなりそうなので増やしたい",
    "楽天カードの暗証番号が書いてあった台紙をなくしちゃって",
])
def test_something_else_gone_is_no_lost_card(vocab, text):
    understood = understand(text, vocab)
    assert not set(understood.problems.values()) & {"lost_stolen", "unauthorized"}


@pytest.mark.parametrize("text", [
    "楽天カードの不正利用対策ってどうなってますか",
    "アメックスで不正防止のための設定をしたいです",
    "アメックスの保険って、買った物を盗まれた場合も出ますか",
])
def test_protection_against_a_problem_is_no_problem(vocab, text):
    understood = understand(text, vocab)
    assert not set(understood.problems.values()) & {"lost_stolen", "unauthorized"}


@pytest.mark.parametrize("text, provider", [
    ("アメックスの引き落とし日を知りたいのと、あとカードをなくしました", A),
    ("楽天カードのポイントを確認したいのと、それから財布ごとカードを盗まれたんです", R),
])
def test_a_request_joined_to_an_urgent_problem_is_asked_for_both(vocab, text, provider):
    assert understand(text, vocab).problems.get(provider) == "lost_stolen"


def test_what_the_caller_was_about_to_do_is_a_story_not_the_request(vocab):
    understood = understand("アメックスの明細を確認しようとアプリを開いたら、見覚えのない請求がずらっと並んでて", vocab)
    assert understood.problems.get(A) == "unauthorized"


def test_a_card_found_again_is_not_reopened_by_the_model(vocab):
    understood = understand("アメックスをなくしたと思ったらコートのポケットにありました、何か手続きは必要ですか", vocab)
    assert "lost_stolen" not in understood.problems.values() and not understood.possibly_urgent


def test_the_number_asked_for_is_given_even_when_only_the_model_hears_a_loss(vocab):
    understood = understand("来月から留学するので、海外から楽天カードに電話するときの番号を教えてください", vocab)
    assert understood.command == "general" and not understood.possibly_urgent


@pytest.mark.parametrize("text, provider, problem", [
    ("楽天カードのe-NAVIに知らない端末からログインがあったみたい", R, "unauthorized"),
    ("アメックスのカード、お店で渡したきり返ってきてないんです", A, "lost_stolen"),
    ("あまぞんで頼んだのと違う物が届きました", Z, "returns_refunds"),
])
def test_words_callers_use_for_these_classes(vocab, text, provider, problem):
    assert understand(text, vocab).problems.get(provider) == problem


def test_a_password_someone_changed_keeps_the_fraud_line_in_reach(vocab):
    understood = understand("アメックスのアプリのパスワードが勝手に変えられてて入れない", vocab)
    assert "unauthorized" in (understood.problems.get(A), understood.possibly_urgent.get(A))


def test_a_hiragana_name_split_into_one_kana_words_is_still_the_name(vocab):
    assert understand("あまぞんのアカウントに入れない", vocab).providers == (Z,)


def test_a_word_inside_a_compound_verb_hides_nothing(vocab):
    """見|知らぬ: 知らない請求 must not start inside 見知る, and 請求 after it is still read."""
    assert understand("楽天カードに見知らぬ請求が来てる", vocab).problems.get(R) == "unauthorized"


def test_a_wish_overtaken_by_a_loss_told_after_it_is_no_longer_the_request(vocab):
    understood = understand("アメックスのポイントの交換をお願いしたかったんですけど、財布ごとカードが見当たらなくて", vocab)
    assert "lost_stolen" in (understood.problems.get(A), understood.possibly_urgent.get(A))


def test_a_wish_in_the_past_alone_is_still_the_request(vocab):
    """聞きたかったんですけど is how a polite caller asks: with nothing urgent after it, it is the request."""
    understood = understand("楽天カードの引き落とし日について聞きたかったんですけど、いつでしたっけ", vocab)
    assert understood.problems.get(R) == "statement"


@pytest.mark.parametrize("text, problem", [
    ("アメックスの利用通知の設定を変えたいんです", "address_change"),
    ("アメックスの明細書を郵送するのを止めてほしい", "address_change"),
    ("アメックスのスマホ保険に入っているか知りたい、盗まれたときのために", "travel_insurance"),
])
def test_settings_and_cover_said_with_urgent_words_are_routine(vocab, text, problem):
    assert understand(text, vocab).problems.get(A) == problem


def test_of_two_things_joined_the_loss_is_seen_to_first(vocab):
    understood = understand("アメックスをなくしたのと、あと引っ越したので住所の変更も", vocab)
    assert "lost_stolen" in (understood.problems.get(A), understood.possibly_urgent.get(A))


def test_a_word_is_joined_only_by_a_real_to(vocab):
    """支払いに使ってるアメックスのカードを、盗まれた…: no と, nothing joined; the theft leads."""
    understood = understand("スマホ代の支払いに使ってるアメックスのカードを、盗まれたバッグに入れてたんです", vocab)
    assert understood.problems.get(A) == "lost_stolen"


@pytest.mark.parametrize("text", ["スマホを落として画面が割れたので、楽天カードのアプリを入れ直したい",
                                  "アメックスのアプリを入れてた携帯をなくして、機種変更しました"])
def test_a_phone_lost_is_no_card_lost(vocab, text):
    assert "lost_stolen" not in understand(text, vocab).problems.values()


@pytest.mark.parametrize("text", ["ディズニープラスの解約をしたいんです", "ヨドバシドットコムの注文を取り消したい",
                                  "JALのマイルを確認したい"])
def test_a_name_with_its_own_business_after_it_is_another_organisation(vocab, text):
    understood = understand(text, vocab)
    assert not understood.providers and understood.not_covered and not understood.problems


def test_a_phone_dropped_with_no_particle_is_no_card_lost(vocab):
    assert "lost_stolen" not in understand("スマホ落としちゃって、楽天カードのアプリに入れない", vocab).problems.values()


def test_amazon_pay_misused_goes_to_its_own_support_site(vocab):
    """Seed 003: Amazonペイ 専用サポートサイト 不正利用・決済エラーは証拠(明細等)も準備."""
    assert understand("アマゾンペイで勝手に決済されたみたいです", vocab).problems.get(Z) == "amazon_pay"


def test_the_card_whose_statement_a_shops_charge_is_on_is_the_one_the_call_is_about(vocab):
    understood = understand("アマゾンなんて使ってないのに、アメックスの明細にアマゾンの請求があるんです", vocab)
    assert understood.providers[-1] == A


def test_another_organisations_business_is_not_the_card_it_is_paid_with(vocab):
    understood = understand("ディズニープラスの解約をしたいんですけど、支払いはアメックスです", vocab)
    assert A not in understood.problems and understood.not_covered


def test_a_courier_named_for_a_redelivery_still_gets_the_catalogues_answer(vocab):
    assert understand("アマゾンの荷物で、ヤマトさんの再配達の日を変えたい", vocab).problems.get(Z) == "redelivery"


def test_the_card_paid_with_at_another_shop_is_not_the_problem(vocab):
    understood = understand("ヨドバシドットコムの注文、アメックスで払ったのに、まだ発送されないんです", vocab)
    assert A not in understood.problems


def test_a_shop_named_as_where_to_check_keeps_its_problem(vocab):
    assert understand("ヤマトの不在票が入ってたけど、アマゾンで配送状況を確認したい", vocab).problems.get(Z) is not None


def test_a_claim_on_the_cards_insurance_is_insurance_not_a_bill(vocab):
    understood = understand("アメックスの旅行保険で、旅行中に盗まれたカメラの分を請求したいんです", vocab)
    assert understood.problems.get(A) == "travel_insurance"


def test_a_word_denied_does_not_start_a_pair_of_words(vocab):
    understood = understand("アメックスの保険の件じゃなくて、今月の請求額を知りたいんです", vocab)
    assert understood.problems.get(A) == "statement"


def test_names_denied_together_are_all_denied(vocab):
    understood = understand("楽天カードでもアメックスでもなくて、アマゾンのアカウントに知らない住所が追加されてる", vocab)
    assert understood.providers == (Z,)


def test_a_name_misheard_before_card_is_ours_to_confirm_not_another_company(vocab):
    understood = understand("アメエックスのカード、盗まれたんです", vocab)
    assert understood.providers == (A,) and understood.fuzzy_provider and not understood.not_covered


def test_charges_for_a_game_the_caller_does_not_know_are_misuse(vocab):
    understood = understand("楽天カードの明細に、知らないアプリの課金がいくつも入ってるんです", vocab)
    assert understood.problems.get(R) == "unauthorized"
