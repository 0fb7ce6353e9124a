"""The language data of ivr/ja/data: it fits the catalogue, and every example sentence is understood as its
own kind (examples are the lexicon's promise of what callers say; a test keeps the promise honest)."""
import pytest

from ivr.ja.language import Japanese
from ivr.ja.lexicon import lexicon

EXAMPLES = [(kind, text) for kind, texts in lexicon().examples.items() for text in texts]


@pytest.fixture(scope="module")
def japanese(catalogue):
    return Japanese(catalogue)  # as deployed: the rules, and the learned fallback where they find nothing


def test_the_shipped_lexicon_fits_the_shipped_catalogue(catalogue):
    assert lexicon().faults(catalogue) == []
    assert {kind.id for kind in catalogue.kinds} <= set(lexicon().examples), "every kind has example sentences"


def test_a_kind_renamed_in_the_catalogue_is_a_fault_not_a_silent_rule(catalogue):
    import dataclasses

    renamed = dataclasses.replace(catalogue, kinds=tuple(
        dataclasses.replace(k, id="lost") if k.id == "lost_stolen" else k for k in catalogue.kinds))
    faults = lexicon().faults(renamed)
    assert any("'lost_stolen'" in fault for fault in faults)
    assert any("'lost' has no words" in fault for fault in faults)


@pytest.mark.parametrize("kind, text", EXAMPLES, ids=[f"{k}:{t}" for k, t in EXAMPLES])
def test_every_example_sentence_reaches_its_own_kind(japanese, catalogue, kind, text):
    heard = japanese.understand(text)
    if kind == "none":  # a call for no kind at all: no problem may be read into it
        assert not heard.problems, heard.problems
        return
    # Each provider that handles this kind must read it as this kind (a provider that does not handle it may read
    # its own nearest kind: 支払い方法 is an order's for Amazon).
    handles = {p.id for p in catalogue.providers if p.problem(kind)}
    read = {provider: problem for provider, problem in heard.problems.items() if provider in handles}
    assert read and set(read.values()) == {kind}, heard.problems
