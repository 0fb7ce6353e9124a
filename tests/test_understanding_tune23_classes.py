"""Classes of failure found with tune23 (traps, problems already over, suppositions), each tested with phrasings
written for these tests."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text, provider, problem", [
    ("楽天カードの紛失の件はもう解決して、カードも届きました。今日は引き落とし口座の変更で", R, "statement"),
    ("アメックスの不正利用はもう解決しまして、返金も済みました。ポイントのことを聞きたいです", A, "points"),
])
def test_a_problem_said_to_be_over_gives_way_to_what_the_caller_asks(vocab, text, provider, problem):
    heard = understand(text, vocab)
    assert heard.problems.get(provider) == problem and not heard.urgent


@pytest.mark.parametrize("text", ["楽天カードの不正利用がまだ解決していないんです", "楽天カードの不正利用、早く解決してほしい"])
def test_a_problem_not_yet_over_still_counts(vocab, text):
    assert understand(text, vocab).problems.get(R) == "unauthorized"


@pytest.mark.parametrize("text", [
    "仮に旅行中にアメックスを盗まれたらと思うと心配で、でも今日はポイントの件なんです",
    "万が一、海外でアメックスをなくしたら困るなあと。それはそれとして、ポイントの交換を",
])
def test_a_supposition_anywhere_in_its_clause_is_no_loss_and_no_place(vocab, text):
    heard = understand(text, vocab)
    assert heard.problems.get(A) == "points" and not heard.urgent and not heard.abroad


@pytest.mark.parametrize("text", ["父が振り込め詐欺に遭いかけたんですが、私の楽天カードの住所変更をお願いします",
                                  "楽天カードを盗まれかけたけど無事でした。明細の見方を教えて"])
def test_what_nearly_happened_did_not(vocab, text):
    heard = understand(text, vocab)
    assert heard.problems.get(R) in ("address_change", "statement") and not heard.urgent


@pytest.mark.parametrize("text, provider", [
    ("アメックスで、私が頼んだものじゃない請求が来てるんです", A),
    ("楽天カードに、自分でやってない課金が何件も載ってます", R),
])
def test_a_charge_for_what_the_caller_did_not_do_is_misuse(vocab, text, provider):
    assert understand(text, vocab).problems.get(provider) == "unauthorized"


@pytest.mark.parametrize("text", ["アマゾンで雑貨を売っている者ですが、購入者から返金を求められていて",
                                  "アマゾンで私が売った本について購入者さんから問い合わせが来ています"])
def test_a_seller_speaking_of_their_buyer_is_a_seller(vocab, text):
    assert understand(text, vocab).problems.get(Z) == "seller"


@pytest.mark.parametrize("text", ["楽天カードを犬がかじって半分に折れちゃった", "アメックスのカードをはさみで切ってしまいました"])
def test_a_card_cut_or_snapped_is_a_reissue(vocab, text):
    heard = understand(text, vocab)
    assert set(heard.problems.values()) == {"reissue"}


@pytest.mark.parametrize("text, provider", [("楽天カードの名前で怪しいSMSが届いたので報告したいです、リンクは押してません", R),
                                            ("アメックスを名乗る変なメッセージが来たので、一応報告しておきたくて", A)])
def test_a_fake_message_only_reported_goes_to_the_card_companys_general_line(vocab, text, provider):
    heard = understand(text, vocab)
    assert heard.problems.get(provider) == "fake_message_report" and not heard.urgent


def test_a_shop_named_after_a_correction_replaces_ours(vocab):
    heard = understand("アマゾンで…あ、違う、ビックカメラで買った冷蔵庫が届かないんです", vocab)
    assert Z not in heard.providers and any("ビックカメラ" in name for name in heard.not_covered)
