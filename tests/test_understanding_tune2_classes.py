"""Classes of failure found with tune2.jsonl, each tested with phrasings written for these tests (not tune2's)."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", [
    "アメックスで、ヨーロッパに行ったこともないのに海外の通販の請求があるんです",
    "楽天カード、海外で使ったことが一度もないのに海外のお店の利用があって",
])
def test_a_place_never_been_to_is_not_where_the_caller_is(vocab, text):
    assert understand(text, vocab).abroad is not True


def test_a_kana_place_word_ending_in_its_no_is_what_was_used_not_where_the_caller_is(vocab):
    assert understand("あめっくす がいこくの みたことない みせで つかわれた", vocab).abroad is not True


@pytest.mark.parametrize("text, provider", [
    ("銀行協会の者ですと言われて、楽天カードを家に来た人に手渡してしまいました", R),
    ("孫の使いだという人にアメックスのカードを渡しちゃったんです", A),
])
def test_a_card_handed_to_someone_is_a_loss(vocab, text, provider):
    assert understand(text, vocab).problems.get(provider) == "lost_stolen"


@pytest.mark.parametrize("text, provider", [
    # the card whose details were typed into a fake shop's page is the one to stop
    ("アマゾンを名乗るショートメールのページで、アメックスのカード番号を打ち込んでしまいました", A),
    # a charge that came to the card: the card, not the shop named in it
    ("アマゾンで何も注文していないのに、楽天カードにアマゾンの請求が来ました", R),
    # a loss of one company's card outranks another company's routine matter said with it
    ("アマゾンのギフト券と楽天カードを入れたポーチを落としました", R),
])
def test_the_urgent_card_is_the_one_the_request_is_about(vocab, text, provider):
    understood = understand(text, vocab)
    assert understood.providers[-1] == provider and provider in understood.urgent


@pytest.mark.parametrize("text", [
    "ニコスと楽天カードがあるんですが、用があるのはニコスのほうの引き落としです",
    "セゾンとアメックスを比べていて、セゾンのほうの入会について知りたいです",
])
def test_the_other_company_chosen_is_not_ours(vocab, text):
    understood = understand(text, vocab)
    assert not understood.providers and understood.not_covered


def test_rather_first_takes_back_what_was_asked_before(vocab):
    understood = understand("アメックスのポイントを…いえ、それより先に、カードを盗まれたみたいで", vocab)
    assert understood.problems.get(A) == "lost_stolen"


@pytest.mark.parametrize("text", ["アマゾンで古着を売ってる個人なんですが、手数料のことで", "アマゾンの売るほうのサポートはどこですか"])
def test_a_caller_who_sells_on_amazon_is_a_seller(vocab, text):
    assert understand(text, vocab).problems.get(Z) == "seller"
