"""Classes of failure found in the session of tune37 to tune39, each tested with phrasings written for these
tests, with the rules alone: the learned fallback is kept out, so a pass is the rules' doing."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", ["アメックスの明細に、帰国後の日付でハワイのお店の利用が載ってるんです",
                                  "楽天カードで、旅行から戻ってきた後の日付なのに向こうの店で使われてる",
                                  "アメックスなんですけど、日本に帰ってきてからの日付で現地の請求が来てて"])
def test_a_charge_dated_after_the_caller_came_home_is_fraud(vocab, text):
    assert "unauthorized" in understand(text, vocab, None).problems.values()


@pytest.mark.parametrize("text", ["楽天カードの明細で、帰国した日付を確かめたい", "アメックスの旅行保険で、帰国の日付が変わったんです"])
def test_the_date_of_coming_home_alone_is_no_fraud(vocab, text):
    assert "unauthorized" not in understand(text, vocab, None).problems.values()
