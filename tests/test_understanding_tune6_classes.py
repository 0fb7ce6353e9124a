"""Classes of failure found with tune6.jsonl, each tested with phrasings written for these tests (not tune6's)."""
import pytest

from ivr.ja.understanding import Vocabulary, understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.fixture(scope="module")
def vocab(catalogue):
    return Vocabulary(catalogue)


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
