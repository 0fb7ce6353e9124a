"""Classes of failure found in this session (dialect negations, phishing told as a login, attempts that are
not acts, and those found with tune31), each tested with phrasings written for these tests, with the rules
alone: the learned fallback is kept out, so a pass is the rules' doing."""
import pytest

from ivr.ja.dialect import standard
from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text, expected", [
    ("わしゃ使っとらんで", "わしゃ使っていないで"), ("まだ届いとらんかった", "まだ届いていなかった"),
    ("そんなもん見とらん", "そんなもん見ていない"), ("見たこともねえ請求", "見たこともない請求"),
    ("聞いたことねえ店", "聞いたこともない店")])
def test_western_and_eastern_negations_read_as_standard(text, expected):
    assert standard(text) == expected


@pytest.mark.parametrize("text", ["写真とらんで", "年はとらんといかん", "でもねえ、聞いてよ"])
def test_what_only_looks_like_them_is_left(text):
    assert standard(text) == text


@pytest.mark.parametrize("text", ["楽天カードで見たこともねえ請求が来とる、わしゃ使っとらん",
                                  "アメックスに身に覚えのない請求があって、うちのもんは誰も使っとらんのです"])
def test_a_bill_not_run_up_in_dialect_is_fraud(vocab, text):
    assert "unauthorized" in understand(text, vocab, None).problems.values()


@pytest.mark.parametrize("text", ["楽天カードのメールのリンクからログインしたら偽のページだった",
                                  "アメックスからってメールのリンクからサインインしたら、あとで偽物だとわかって"])
def test_a_login_on_a_page_found_fake_is_fraud(vocab, text):
    assert "unauthorized" in understand(text, vocab, None).problems.values()


@pytest.mark.parametrize("text", ["楽天カードのメールのリンクからログインしようとしたらできない",
                                  "アメックスのサイトでカード番号を登録しようとしたらエラーになります"])
def test_an_attempt_is_not_an_act(vocab, text):
    assert "unauthorized" not in understand(text, vocab, None).problems.values()
