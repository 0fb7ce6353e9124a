"""Classes of failure found in tune97 and tune102-107, each tested with phrasings written for these tests, with the
rules alone unless a test says otherwise: a pass is the rules' doing."""
import pytest

from ivr.ja.understanding import understand


@pytest.mark.parametrize("text", ["アメックスで払った旅館の予約を取り消したいんです",
                                  "楽天カードで払ってるスポーツジムの月会費を解約したい",
                                  "アメックスで払ったレストランの予約、日にちを変えたいんです"])
def test_a_booking_or_fee_paid_with_our_card_is_the_places_business(vocab, text):
    understood = understand(text, vocab, None)
    assert not understood.problems and understood.not_covered


def test_a_payment_to_a_hotel_gone_wrong_on_our_card_is_still_the_cards(vocab):
    understood = understand("楽天カードで予約したホテルの支払いが二重になってるんです", vocab, None)
    assert understood.providers == ("rakuten_card",) and understood.problems.get("rakuten_card")


def test_a_game_bought_at_a_shop_of_ours_is_still_a_thing_bought(vocab):
    understood = understand("アマゾンで買ったゲームの返品をしたいんです", vocab, None)
    assert understood.problems.get("amazon") == "returns_refunds" and not understood.not_covered
