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
