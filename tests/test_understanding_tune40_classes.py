"""Classes of failure found in the session of tune40 to tune42, each tested with phrasings written for these
tests, with the rules alone: the learned fallback is kept out, so a pass is the rules' doing."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", ["アマゾンは使ってないので、アマゾンの話じゃないんです",
                                  "アメックスで買ったんじゃなくて、アメックスの件ではないです"])
def test_a_company_said_then_denied_is_not_named(vocab, text):
    assert understand(text, vocab, None).providers == ()


def test_a_company_denied_then_another_said_is_the_other(vocab):
    assert understand("アマゾンの件じゃなくて、楽天カードのほうです", vocab, None).providers == (R,)


@pytest.mark.parametrize("text", ["WAONの残高が減ってる気がする", "ahamoの料金が引き落とされてない", "セブンネットで頼んだ本が届かない",
                                  "お店の自社サイトで直接買ったのに届かないんです", "nanacoカードをなくしました",
                                  "ペイディの請求が来たんだけど", "メルペイで知らない支払いがある"])
def test_other_companies_services_are_not_ours(vocab, text):
    heard = understand(text, vocab, None)
    assert heard.not_covered and not heard.providers
