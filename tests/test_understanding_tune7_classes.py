"""Classes of failure found with tune4, tune6 and tune7, each tested with phrasings written for these tests."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text, provider", [
    ("楽天カードの名字の変更をお願いしたいのと、それと、結婚式の二次会でカードをどこかにやっちゃったみたいで", R),
    ("アメックスの登録住所と電話番号の変更もしたいんですけど、あと、財布ごとカードが見つからなくて", A),
])
def test_the_urgent_one_of_two_things_joined_is_seen_to_first(vocab, text, provider):
    """However many words the routine request has, a loss joined to it decides where the caller goes, sure."""
    understood = understand(text, vocab)
    assert understood.problems.get(provider) == "lost_stolen"
    assert provider not in understood.unsure
    assert any(e.rule == "the urgent one of two things, first" for e in understood.trace)


def test_two_routine_things_joined_lead_nowhere(vocab):
    understood = understand("楽天カードの住所変更と、あとポイントの確認もしたいです", vocab)
    assert not any(e.rule == "the urgent one of two things, first" for e in understood.trace)


def test_the_card_named_inside_the_words_found_is_what_is_stopped(vocab):
    """A message mentioned earlier in the sentence is not the thing lost when the caller says カードを停止."""
    understood = understand("怪しいメールが届いたので楽天カードを停止したいんです", vocab)
    assert understood.problems.get(R) == "lost_stolen"


def test_something_else_lost_said_before_a_hesitation_is_still_what_is_lost(vocab):
    understood = understand("アメックスの明細の封筒、しまったか捨てたかで見当たらないんですよ", vocab)
    assert understood.problems.get(A) != "lost_stolen"
