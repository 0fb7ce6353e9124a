"""Classes of failure found with tune4 to tune17 (and tune18, tune19 when they came), each tested with phrasings
written for these tests."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", [
    "夜中に目が覚めちゃって、誰かと話したいなって",
    "一人暮らしで寂しくてね、誰かと話したかったの",
])
def test_wanting_someone_to_talk_to_is_no_request_for_a_person(vocab, text):
    heard = understand(text, vocab)
    assert heard.command is None and heard.off_topic


@pytest.mark.parametrize("text, provider", [
    ("アメックスの引き落としの件で誰かと話したいんです", A),
    ("楽天カードのことでちょっと誰かと話したくて", R),
])
def test_someone_to_talk_to_about_one_of_ours_is_a_person(vocab, text, provider):
    heard = understand(text, vocab)
    assert heard.command == "operator" and provider in heard.providers


@pytest.mark.parametrize("text", ["誰かに代わってもらえますか", "人間の方に代わってください", "人間につないでほしい"])
def test_asking_to_be_put_through_is_a_person_whatever_else(vocab, text):
    assert understand(text, vocab).command == "operator"


@pytest.mark.parametrize("text", ["これって機械なの?人間なの?", "ねえ、あなた人間なの?"])
def test_asking_what_the_assistant_is_is_told_what_this_line_is_for(vocab, text):
    heard = understand(text, vocab)
    assert heard.command is None and heard.off_topic


@pytest.mark.parametrize("text", [
    "地下鉄が止まってるんですけど、いつ動きますか",
    "新幹線が止まってて、払い戻しってどうなるの",
    "うちの電気が止まってるみたいで",
])
def test_a_train_or_the_power_stopping_is_no_card_stopped(vocab, text):
    heard = understand(text, vocab)
    assert not heard.problems and heard.off_topic


@pytest.mark.parametrize("text, provider, problem", [
    ("楽天カードがお店で止まってるって言われた", R, "card_refused"),
    ("アメックスの決済が止まってるみたいで使えない", A, "card_refused"),
])
def test_a_card_stopped_is_still_a_card_refused(vocab, text, provider, problem):
    assert understand(text, vocab).problems.get(provider) == problem


def test_a_cards_app_not_working_is_its_login(vocab):
    assert understand("アメックスのアプリが急に使えなくなって", vocab).problems.get(A) == "login"
