import pytest

from ivr.ja.understanding import clean, understand


@pytest.mark.parametrize("text, provider", [
    ("楽天カード", "rakuten_card"), ("らくてんカード", "rakuten_card"), ("ラクテンカード", "rakuten_card"),
    ("rakuten", "rakuten_card"), ("RAKUTEN CARD", "rakuten_card"), ("楽天", "rakuten_card"),
    ("アメックス", "amex_gold_preferred"), ("あめっくす", "amex_gold_preferred"), ("AMEX", "amex_gold_preferred"),
    ("アメリカン・エキスプレス", "amex_gold_preferred"), ("ゴールドプリファード", "amex_gold_preferred"),
    ("アマゾン", "amazon"), ("Amazon", "amazon"), ("amazon", "amazon"), ("ａｍａｚｏｎ", "amazon"),
    ("えーと、すみません、楽天カードなんですけど", "rakuten_card"),
])
def test_provider_in_any_script(vocab, text, provider):
    heard = understand(text, vocab)
    assert heard.providers == (provider,)
    assert not heard.fuzzy_provider


@pytest.mark.parametrize("text, name", [
    ("楽天モバイルの料金", "楽天モバイル"), ("楽天銀行です", "楽天銀行"), ("JCBカードをなくしました", "JCBカード"),
    ("三井住友カード", "三井住友カード"), ("ペイペイ", "ペイペイ"), ("ヤフーショッピングで買った", "ヤフーショッピング"),
    ("ヤマト運輸の荷物が届かない", "ヤマト運輸"),  # the caller's own words, never the catalogue's label (配送会社)
])
def test_services_that_contain_a_covered_name_are_not_covered(vocab, text, name):
    heard = understand(text, vocab)
    assert heard.providers == ()
    assert name in heard.not_covered


@pytest.mark.parametrize("text, provider, problem", [
    ("楽天 カード を なくし まし た", "rakuten_card", "lost_stolen"),
    ("らくてんかーどの めいさい", "rakuten_card", "statement"),
    ("なくしてはいないんですが、暗証番号を忘れました", "rakuten_card", "pin"),
    ("カードを落としたみたいで", "rakuten_card", "lost_stolen"),
    ("アメックスのカードが海外で使えません", "amex_gold_preferred", "abroad"),
    ("アマゾン で 買っ た もの が 届か ない", "amazon", "delivery"),
    ("Amazonで身に覚えのない請求がありました", "amazon", "unauthorized"),
    ("アカウントが乗っ取られました", "amazon", "account_takeover"),
    ("明細に覚えのない請求があります", "amex_gold_preferred", "unauthorized"),  # urgent wins over 明細/請求
    ("ポイントの交換について", "amex_gold_preferred", "points"),
    ("返金はいつになりますか", "amazon", "returns_refunds"),
    ("rakuten card wo nakushimashita", "rakuten_card", "lost_stolen"),  # romaji
    ("AMAZON HENPIN", "amazon", "returns_refunds"),
    ("楽天カードで二重に請求されている", "rakuten_card", "unauthorized"),
])
def test_problem_words(vocab, text, provider, problem):
    assert understand(text, vocab).problems[provider] == problem


def test_negation_drops_the_negated_word(vocab):
    heard = understand("楽天カードじゃなくてアメックス", vocab)
    assert heard.providers == ("amex_gold_preferred",)
    heard = understand("紛失ではないです", vocab)
    assert heard.problems == {}
    assert understand("紛失ではありません", vocab).problems == {}
    heard = understand("楽天カードをなくしたわけではなくて、ポイントのことです", vocab)
    assert heard.problems["rakuten_card"] == "points"
    heard = understand("楽天カードの紛失じゃなくて明細", vocab)
    assert heard.problems["rakuten_card"] == "statement"


def test_a_company_corrected_at_once_is_replaced(vocab):
    heard = understand("楽天、いや、アメックスです", vocab)
    assert heard.providers == ("amex_gold_preferred",)
    assert any(e.rule.startswith("replaced") and e.words == "楽天" for e in heard.trace)  # and why, in the trace
    assert understand("楽天とアメックスの両方です", vocab).providers == ("rakuten_card", "amex_gold_preferred")


@pytest.mark.parametrize("text, yes", [
    ("はい", True), ("はい、お願いします", True), ("ええ、そうです", True), ("うん", True),
    ("いいえ", False), ("違います", False), ("そうじゃないです", False), ("いや、結構です", False),
    ("返金はいつになりますか", None), ("もしもし", None),
    ("いやあ、今日は寒いですね", None), ("いやー、違うんですよ", False),  # いやあ is a sigh, not a no
])
def test_yes_no(vocab, text, yes):
    assert understand(text, vocab).yes is yes


@pytest.mark.parametrize("text, command", [
    ("もう一度お願いします", "repeat"), ("もういちど", "repeat"), ("オペレーターにつないで", "operator"),
    ("人と話したい", "operator"), ("さようなら", "bye"), ("楽天カード", None),
])
def test_commands(vocab, text, command):
    assert understand(text, vocab).command == command


def test_near_miss_of_a_name_is_flagged_for_confirmation(vocab):
    heard = understand("アメックッス", vocab)
    assert heard.providers == ("amex_gold_preferred",) and heard.fuzzy_provider
    assert understand("今日はいい天気ですね", vocab).empty


def test_abroad_flag(vocab):
    assert understand("海外で楽天カードをなくしました", vocab).abroad
    assert not understand("楽天カードをなくしました", vocab).abroad


@pytest.mark.parametrize("junk", ["", "   ", "\x00\x07", "<Say>楽天</Say>" * 3, "あ" * 10000, "🙂🙂", "!!!???"])
def test_junk_never_raises(vocab, junk):
    heard = understand(junk, vocab)
    assert len(heard.text) <= 300


def test_clean_strips_markup_and_control_characters():
    assert clean("<b>楽天</b>\x00カード") == "楽天 カード"
