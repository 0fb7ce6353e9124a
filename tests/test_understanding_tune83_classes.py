"""Classes of failure found in tune83-86 (urgent problems told the hard way, words that trap a careless listener,
callers who mix things, a week's cross-section), each tested with phrasings written for these tests, with the rules
alone: the learned fallback is kept out, so a pass is the rules' doing."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", ["楽天カードでユニクロで買ったシャツを交換したいんですけど",
                                  "アメックス払いでニトリのベッドを買ったんだけど、配送日を変えたいの",
                                  "楽天カードで家電量販店で買った冷蔵庫の配達を早めてほしい"])
def test_a_card_that_paid_at_another_shop_leaves_the_shops_matter_with_the_shop(vocab, text):
    assert not understand(text, vocab, None).providers  # (the shop's matter: not ours, or the shop asked for)


@pytest.mark.parametrize("text, provider", [("アマゾンで楽天カード払いで買ったイヤホンが片方聞こえない", Z),
                                            ("アマゾンでアメックスで買った本が届かないんです", Z)])
def test_a_shop_where_it_was_bought_is_not_taken_for_the_card_that_paid(vocab, text, provider):
    assert understand(text, vocab, None).providers == (provider,)


@pytest.mark.parametrize("text", ["楽天カードで海外のサブスクの支払いが失敗したんですけど",
                                  "アメックスでホテルの予約が取れなかったので、カードに問題がないか知りたい"])
def test_a_payment_that_failed_is_no_card_that_paid(vocab, text):
    assert understand(text, vocab, None).providers
