"""Names said in pieces are put back together before the words are looked up (ivr/ja/mending.py)."""
import pytest

from ivr.ja.mending import mend
from ivr.ja.understanding import understand

NAMES = ("らくてんカード", "楽天カード", "アメックス", "アマゾン", "アマゾンペイ")


@pytest.mark.parametrize("said, mended", [
    ("らく…えーと…てんカードを", "らくてんカードを"),  # a filler between pauses inside the name
    ("アメッ、あの、クスのカード", "アメックスのカード"),
    ("らくてんカー…の、住所", "らくてんカード…の、住所"),  # cut off before a break, most of it said
])
def test_a_name_said_in_pieces_is_written_whole(said, mended):
    assert mend(said, NAMES) == mended


@pytest.mark.parametrize("said", [
    "アマゾン…だったかな",  # a name said whole before a pause is not the start of a longer one (アマゾンペイ)
    "amazon.co.jpで買った",  # a dot in an address is no break
    "アメ、いや、カードの件",  # pieces that make no name
    "あの、楽天カードです",
])
def test_what_is_no_name_in_pieces_is_left_as_said(said):
    assert mend(said, NAMES) == said


@pytest.mark.parametrize("text, provider", [("らく…えーと…てんカードを、な、なくし…ました", "rakuten_card"),
                                            ("アメッ、あの、クスのカードを、ふんしつ", "amex_gold_preferred"),
                                            ("らぐでんカードの明細さ、おら使ってねぇ請求載ってんだ", "rakuten_card")])
def test_the_company_is_heard_from_its_pieces(vocab, text, provider):
    assert understand(text, vocab, None).providers == (provider,)


def test_what_the_caller_does_not_understand_about_a_statement_is_no_fraud(vocab):
    assert "unauthorized" not in understand("アメックスの明細な、見方がいまいちわからへんねん", vocab, None).problems.values()
    heard = understand("アメックスの明細に、全然わからないのがある", vocab, None)
    assert heard.problems.get("amex_gold_preferred") == "unauthorized"
