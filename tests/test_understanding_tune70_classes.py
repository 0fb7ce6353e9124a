"""Classes of failure found in tune68-71 (callers who mix things, a broad cross-section of callers), each tested
with phrasings written for these tests, with the rules alone: the learned fallback is kept out, so a pass is the
rules' doing."""
import pytest

from ivr.ja.understanding import understand

R, A, Z = "rakuten_card", "amex_gold_preferred", "amazon"


@pytest.mark.parametrize("text, provider", [("えっと、アマゾン、あ、いや、不正に使われたのはアメックスのほうで", A),
                                            ("楽天カード、あっ、違う、請求が来たのはアマゾンのほうからなんですけど", Z)])
def test_a_name_taken_back_the_moment_it_is_said_gives_way_to_the_next(vocab, text, provider):
    assert understand(text, vocab, None).providers == (provider,)


def test_a_name_only_followed_by_another_after_a_no_stays(vocab):
    """いや opening the caller's answer about something else is no correction of the name before it."""
    assert R in understand("楽天カードです。いやね、先月アマゾンで買い物したら二重に請求されてて", vocab, None).providers
