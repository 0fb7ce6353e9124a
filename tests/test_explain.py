"""`ivr explain TEXT`: the trace of one sentence, stage by stage (which words, which rule, which weight), and
what the assistant does with it at that moment for that caller."""


def test_explain_prints_words_rules_weights_and_the_outcome(run_ivr):
    result = run_ivr("explain", "楽天カードをなくしたかもしれないんですが", "--at", "2026-11-24T23:30:00+09:00")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "find     word 「楽天カード」 -> rakuten_card" in out
    assert "find     word 「なくした」 -> lost_stolen" in out
    assert "decide   heaviest problem -> lost_stolen (rakuten_card, amex_gold_preferred) (8)" in out  # 3 + 4 characters / 2 + 3 urgent
    assert "outcome: transfer, provider rakuten_card, problem lost_stolen, number +81120866910" in out


def test_explain_shows_why_a_word_does_not_count(run_ivr):
    out = run_ivr("explain", "アメックスのカードをなくしたわけではないです。ポイントの件です",
                  "--at", "2026-11-24T10:00:00+09:00").stdout
    assert "weigh    negated 「なくした」" in out
    assert "problem points" in out


def test_explain_takes_the_caller_number_and_masks_digits(run_ivr):
    result = run_ivr("explain", "カード番号は4980123412341234です。楽天カードを落としました",
                     "--at", "2026-11-24T23:30:00+09:00", "--from", "+819012345678")
    out = result.stdout
    assert "4980123412341234" not in out and "+819012345678" not in out
    assert "5678" in out  # the caller's number, masked to its last four digits
    assert "number +81924749255" in out  # a mobile cannot reach the 0120 desk: the desk mobiles can dial


def test_explain_of_nothing_understood_says_so(run_ivr):
    out = run_ivr("explain", "ふにゃふにゃ", "--at", "2026-11-24T10:00:00+09:00").stdout
    assert "understood: nothing" in out
