"""Classes of failure found with tune27 and tune28 (routine card matters in words of loss, trips at home, other
shops' parcels, questions of hours after the company, other organisations' things), each tested with phrasings
written for these tests."""
import pytest

from ivr.ja.fallback import shipped
from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", ["日曜日もつながりますか", "番号を控えたいので教えてください", "何時までやってますか",
                                  "どこにかければいいですか"])
def test_hours_or_the_number_asked_next_are_the_general_line_of_the_company_named_before(vocab, text):
    heard = understand(text, vocab, shipped())
    assert heard.general_if_named_before and not heard.problems and not heard.possibly_urgent


def test_hours_asked_of_an_institution_are_not_taken_for_ours(vocab):
    assert not understand("区役所の窓口は何時までですか", vocab, shipped()).general_if_named_before


@pytest.mark.parametrize("text", ["名古屋に出張中なんですが、お店でアメックスが通りません",
                                  "福岡の出張先で楽天カードを落としてしまって"])
def test_a_trip_at_home_is_not_abroad(vocab, text):
    assert not understand(text, vocab).abroad


@pytest.mark.parametrize("text", ["ボストンに出張中なんですが、アメックスが通りません", "セブ島に来てるんですけど楽天カードを落としました"])
def test_a_trip_abroad_still_is(vocab, text):
    assert understand(text, vocab).abroad


@pytest.mark.parametrize("text", ["夜中に海外で使われたって通知が来ました、楽天カードです",
                                  "アメックスが海外で不正利用されたみたいで、私は東京の家にいます"])
def test_a_card_used_abroad_by_someone_does_not_put_the_caller_there(vocab, text):
    heard = understand(text, vocab)
    assert "unauthorized" in heard.problems.values() and not heard.abroad


@pytest.mark.parametrize("text, shop", [("ビックカメラで頼んだテレビがまだ届かないんです", "ビックカメラ"),
                                        ("楽天カードで払ったニトリのソファが届かない", "ニトリ")])
def test_another_shops_parcel_is_not_ours(vocab, text, shop):
    heard = understand(text, vocab)
    assert shop in heard.not_covered and Z not in heard.problems


def test_a_shop_only_compared_with_is_not_the_one_chosen(vocab):
    heard = understand("ヨドバシの方が安かったので、アマゾンで買ったカメラを返品したい", vocab)
    assert heard.providers == (Z,) and heard.problems.get(Z) == "returns_refunds"


@pytest.mark.parametrize("text", ["定期券の払い戻しってこちらでできますか", "幼稚園の入園の申し込みをしたいんですが",
                                  "電車に忘れ物をしたんですけど、忘れ物センターですか"])
def test_another_organisations_thing_is_theirs(vocab, text):
    heard = understand(text, vocab)
    assert heard.not_covered and not heard.problems


def test_a_rakuten_credit_card_said_in_full_is_rakuten_card(vocab):
    heard = understand("楽天のクレジットカードの窓口の電話番号を教えて", vocab)
    assert heard.providers == (R,) and not heard.not_covered and heard.command == "general"


@pytest.mark.parametrize("text", ["財布に入れたまま座ったらカードがパキッていっちゃいました", "夏の車の中でカードが反っちゃって"])
def test_a_snapped_or_warped_card_is_a_reissue(vocab, text):
    assert understand(text, vocab).problems.get(R) == "reissue"


def test_a_goodbye_word_in_a_turn_that_still_asks_is_no_goodbye(vocab):
    assert understand("もう大丈夫なんですけど、カードって止まったままですか", vocab).command != "bye"


@pytest.mark.parametrize("text", ["楽天。カード。ない。", "アメ。ックス。盗ま。れた"])
def test_words_said_one_by_one_are_read_as_one_sentence(vocab, text):
    assert "lost_stolen" in understand(text, vocab).problems.values()


@pytest.mark.parametrize("text", ["はい、そうです、一番", "あまぞん の はいたつ が おそい", "ラクテン、カード、ナイ", "ない。ない。ない。"])
def test_short_pieces_that_are_answers_or_recogniser_chunks_are_read_without_error(vocab, text):
    understand(text, vocab, shipped())  # once an IndexError past the end of the turn (vocabulary._match_at)
    assert understand("はい、そうです、一番", vocab).yes is True


def test_not_being_abroad_said_after_the_word_is_at_home(vocab):
    heard = understand("外国にはいないです、家からかけてます。楽天カードの明細の件で", vocab)
    assert heard.abroad is False and heard.problems.get(R) == "statement"


def test_a_turn_that_only_says_where_the_caller_is_is_not_off_topic(vocab):
    heard = understand("いまは日本じゃなくて、メルボルンにいます", vocab, shipped())
    assert heard.abroad and not heard.off_topic


def test_a_request_meant_before_and_dropped_gives_way_to_the_one_asked(vocab):
    heard = understand("楽天カードの明細を聞くつもりだったんですけど、やっぱりポイントのことを聞きたいです", vocab)
    assert heard.problems.get(R) == "points"


def test_an_optimistic_mood_is_not_the_brand(vocab):
    assert not understand("楽天的に考えようと思うんですけど、何かアドバイスありますか", vocab).providers
    assert understand("らくてんかーどの めいさい", vocab).providers == (R,)


def test_a_card_to_be_made_again_is_a_reissue_not_a_new_card(vocab):
    assert understand("アメックスのカードを作り直したいんです、ボロボロなので", vocab).problems.get(A) == "reissue"


@pytest.mark.parametrize("text, abroad", [("先月のハワイ旅行の分の明細を見たいんです、楽天カードで", None),
                                          ("先週から台湾に来てて、楽天カードをなくしました", True)])
def test_a_trip_gone_by_is_not_where_the_caller_is_but_one_since_then_is(vocab, text, abroad):
    assert understand(text, vocab).abroad == abroad


def test_a_card_named_only_as_what_paid_for_an_order_leaves_the_call_with_the_shop(play):
    record = play(["アマゾンです", "サイズ違いの靴が届きました。楽天カードで払ったやつです"])
    assert record.outcome["provider"] == "amazon" and record.outcome["number"] == "+81120899543"


def test_another_companys_card_at_hand_leaves_ours_lost(vocab):
    heard = understand("なくしたのは楽天カードで、JCBは手元にあります", vocab)
    assert heard.problems.get(R) == "lost_stolen" and R in heard.urgent


def test_a_window_of_ours_asked_for_by_its_kind_is_ours(vocab):
    heard = understand("アマゾンで売ってる者ですが、出品者向けの窓口につないでほしい", vocab)
    assert heard.providers == (Z,) and heard.problems.get(Z) == "seller" and not heard.not_covered
