"""Classes of failure found in tune59 and tune61-64 (scams only reported, callers abroad, stories, recogniser noise,
matters of other bodies), each tested with phrasings written for these tests, with the rules alone: the learned
fallback is kept out, so a pass is the rules' doing."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text", ["アマゾンをかたる変なメールが届きました。リンクは開いてないです。報告しておきたいんですが",
                                  "アマゾンのフィッシングメールらしきものを見つけたので、通報したいです",
                                  "アマゾンのふりしたショートメール、何も押さずに消しました。一応通報しておこうと思って"])
def test_a_fake_message_only_reported_over_several_sentences_is_a_report(vocab, text):
    assert understand(text, vocab, None).problems.get(Z) == "fake_message_report"


@pytest.mark.parametrize("text", ["アマゾンを名乗るメールが来て、リンクを押してパスワードを入れちゃいました。一応報告です",
                                  "アマゾンっていう偽メールからログインしてしまいました。通報したいです"])
def test_a_fake_message_acted_on_is_no_mere_report(vocab, text):
    assert understand(text, vocab, None).problems.get(Z) != "fake_message_report"
