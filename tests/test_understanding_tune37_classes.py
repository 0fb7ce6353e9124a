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


@pytest.mark.parametrize("text", ["ずっと家にいたのに、アメックスで新宿のお店の利用がある",
                                  "楽天カードで、熱で寝込んでた日に居酒屋の支払いが三回も",
                                  "インフルエンザで外に出てないのに、アメックスに洋服屋の決済がついてる",
                                  "楽天カードは机に入れっぱなしなのに、きのう付けの買い物がある"])
def test_a_charge_made_while_the_caller_was_at_home_is_fraud(vocab, text):
    assert "unauthorized" in understand(text, vocab, None).problems.values()


@pytest.mark.parametrize("text", ["家にいる時に楽天カードの利用明細を見たい", "アメックスの会員でいるのに年会費の請求が二回来た",
                                  "楽天カードで、銀行に行ったのに引き落としがされてない"])
def test_being_at_home_or_out_alone_is_no_fraud(vocab, text):
    assert "unauthorized" not in understand(text, vocab, None).problems.values()


@pytest.mark.parametrize("text", ["楽天カードの明細に妙なのが載ってる", "アメックスの利用明細にね、見覚えのないもんがあるの",
                                  "楽天カードの請求書に怪しいのが混じってる"])
def test_something_odd_or_unknown_on_the_statement_is_fraud(vocab, text):
    assert "unauthorized" in understand(text, vocab, None).problems.values()


@pytest.mark.parametrize("text", ["楽天カードの明細に書いてある金額の意味が分からない", "アメックスの明細が変わったので見方を知りたい"])
def test_a_statement_not_understood_is_no_fraud(vocab, text):
    assert "unauthorized" not in understand(text, vocab, None).problems.values()


def test_card_details_written_into_a_reply_are_out(vocab):
    assert "unauthorized" in understand("楽天カードを名乗るメールに、カード番号を書いて返信してしまった", vocab, None).problems.values()
    assert "unauthorized" not in understand("楽天カードの暗証番号を紙に書いたけど、その紙が見当たらない", vocab, None).problems.values()


def test_there_before_is_no_find(vocab):
    heard = understand("アメックスを落としたみたいで、さっきまでポケットにあったのに", vocab, None)
    assert heard.problems.get(A) == "lost_stolen"
    assert understand("楽天カードを落としたと思ったら、ポケットにありました", vocab, None).problems.get(R) != "lost_stolen"
