"""Classes of failure found with tune5.jsonl, each tested with phrasings written for these tests (not tune5's)."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text, provider", [
    ("アメックスのカードをなくしてしまったのと、それから引き落とし日も知りたいんです", A),
    ("楽天カードを盗まれたのと、あとポイントのことも教えてほしいです", R),
])
def test_two_problems_asked_together_the_urgent_one_leads(vocab, text, provider):
    assert understand(text, vocab).problems.get(provider) == "lost_stolen"


def test_a_quoted_thought_is_not_a_second_request(vocab):
    understood = understand("楽天カードを落としたと思ってたんですけど、ポイントについて聞きたい", vocab)
    assert understood.problems.get(R) == "points"


@pytest.mark.parametrize("text, problem", [
    ("アマゾンで注文した本がまだ来てないんですが", "delivery"),
    ("アマゾンの荷物、一週間たっても来ていません", "delivery"),
    ("アマゾンで頼んだ靴が届いてへんのやけど", "delivery"),
])
def test_a_negation_said_with_aspect_or_dialect_is_the_word_itself(vocab, text, problem):
    """来ない is also 来てない, 来ていません; 届かない is 届いてへん: the form between verb and negation is left out."""
    assert understand(text, vocab).problems.get(Z) == problem


def test_a_verb_with_aspect_but_no_negation_is_not_the_negative_word(vocab):
    understood = understand("アマゾンの荷物が来てるんですけど、返品したいです", vocab)
    assert understood.problems.get(Z) == "returns_refunds"


@pytest.mark.parametrize("text, provider", [
    ("楽天カードのポイントが失効しますというメールが来て、そこにカード番号を入力してしまいました", R),
    ("アメックス、利用限度額の変更のお知らせって書いてあるSMSのリンクを開いて、カード情報を送信しました", A),
])
def test_words_of_a_quoted_message_are_the_bait_not_the_callers_problem(vocab, text, provider):
    understood = understand(text, vocab)
    assert understood.problems.get(provider) == "unauthorized"


def test_an_amazon_account_message_acted_on_is_a_takeover(vocab):
    understood = understand("アマゾン、注文を確認してくださいってメールが来て、そのリンクからログインしちゃった", vocab)
    assert understood.problems.get(Z) == "account_takeover"


def test_a_quoted_message_that_is_all_the_caller_says_is_what_the_call_is_about(vocab):
    understood = understand("アマゾンから、パスワードを変更しましたってメールが来ました", vocab)
    assert understood.problems.get(Z) is not None


def test_a_company_named_only_in_a_quoted_message_is_not_the_one_the_call_is_about(vocab):
    understood = understand("アマゾンのお荷物が届けられませんってSMSが来て、楽天カードで手数料を払っちゃった", vocab)
    assert understood.providers == (R,) and R in understood.urgent


@pytest.mark.parametrize("text", ["楽天カードの明債を見たいんですが", "アメックスの米払いの件で"])
def test_a_one_character_country_is_half_a_misheard_word_not_a_place(vocab, text):
    assert understand(text, vocab).abroad is not True


@pytest.mark.parametrize("text, provider", [
    ("楽天カード、空き巣にあって、引き出しにしまってたカードが", R),
    ("アメックス、ジムのロッカーで置き引きにあって、バッグに入れてたカードが", A),
])
def test_suffering_a_theft_is_no_find(vocab, text, provider):
    """〜にあって after a theft is suffering it (遭う), not a card that is there (有る)."""
    assert understand(text, vocab).problems.get(provider) == "lost_stolen"


def test_someone_buying_with_the_callers_card_far_apart_is_misuse(vocab):
    understood = understand("楽天カードなんですけど、誰かが知らないサイトで私のカードを使ってゲームの課金を払ったみたい", vocab)
    assert understood.problems.get(R) == "unauthorized"


def test_put_away_and_not_there_now_is_a_possible_loss(vocab):
    understood = understand("アメックス、かばんのポケットに入れておいたはずなのに、ないんですよ", vocab)
    assert understood.problems.get(A) == "lost_stolen" and A in understood.unsure  # confirmed with the caller


@pytest.mark.parametrize("text, provider, problem", [
    ("I lost my Rakuten card yesterday", R, "lost_stolen"),
    ("Amex, there is a fraudulent charge on my statement", A, "unauthorized"),
    ("Amazon, my parcel was never delivered", Z, "delivery"),
])
def test_english_words_a_caller_mixes_in(vocab, text, provider, problem):
    assert understand(text, vocab).problems.get(provider) == problem


@pytest.mark.parametrize("text", ["アマゾンで買ったお皿が割れてたんです", "アマゾンの本が落丁してました", "アマゾンで5個頼んだのに3個しか入ってなかった"])
def test_an_amazon_item_that_came_damaged_or_short_is_a_return(vocab, text):
    assert understand(text, vocab).problems.get(Z) == "returns_refunds"


def test_an_address_someone_added_to_an_amazon_account_is_a_takeover(vocab):
    assert understand("アマゾンのお届け先に、知らない住所が勝手に追加されてました", vocab).problems.get(Z) == "account_takeover"


@pytest.mark.parametrize("text", [
    "市役所の住民票の窓口の番号を教えてください",
    "スマホゲームのアカウントを乗っ取られたんですが",
    "病院の診察券をなくしてしまって再発行したいんです",
])
def test_an_institutions_own_thing_is_another_organisations_business(vocab, text):
    understood = understand(text, vocab)
    assert not understood.providers and understood.not_covered and not understood.problems


def test_an_institution_as_the_place_where_a_card_was_lost_is_no_other_business(vocab):
    understood = understand("病院の待合室で楽天カードをなくしました", vocab)
    assert understood.problems.get(R) == "lost_stolen" and not understood.not_covered
