"""Card and phone numbers said aloud are masked in every written form a recogniser or a keyboard gives."""
import pytest

from ivr.calllog import open_log
from ivr.core.privacy import mask_digits

FORMS = ["1234、5678、9012、3456", "1234,5678,9012,3456", "1234，5678，9012，3456", "1234.5678.9012.3456",
         "1234/5678/9012/3456", "1234の5678の9012の3456", "1234・5678・9012・3456", "1234～5678～9012～3456",
         "1234―5678―9012―3456", "1234–5678–9012–3456", "1234  5678  9012  3456", "1234 、 5678 、 9012 、 3456",
         "１２３４．５６７８．９０１２．３４５６", "一二三四・五六七八・九〇一二・三四五六",
         "イチニーサンヨン、ゴーロクナナハチ、キューゼロイチニー、サンヨンゴーロク",
         "いちにさんよん ごーろくななはち きゅうぜろいちに さんよんごーろく",
         "1234-5678-9012-3456", "1234 5678 9012 3456", "1234567890123456"]


@pytest.mark.parametrize("form", FORMS)
def test_a_card_number_in_any_written_form_keeps_only_its_last_four_digits(form, tmp_path):
    log = open_log(tmp_path / "calls.sqlite3")
    log.log_turn("CA1", 1, "2026-11-24T10:00:00+09:00", "speech", f"カード番号は{form}です", 0.9, False, None)
    stored = log.turns("CA1")[0]["heard"]
    log.close()
    for leaked in ("1234", "5678", "9012", "１２３４", "一二三四", "イチニーサンヨン", "いちにさんよん",
                   "ゴーロクナナハチ", "ごーろくななはち"):
        assert leaked not in stored, stored
    assert stored.startswith("カード番号は*") and stored.endswith("です")


@pytest.mark.parametrize("text", ["10時に電話しました", "2026年11月24日", "ゴールドカードをなくしました",
                                  "しごとにいくときになくした", "3人で行きます", "0120の番号"])
def test_words_and_short_numbers_are_left_alone(text):
    assert mask_digits(text) == text
