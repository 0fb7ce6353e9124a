"""Japanese as the dialog's language: understanding with the catalogue's vocabulary and the lexicon, the
learned fallback for what the rules cannot settle, and the script."""
from __future__ import annotations

from functools import lru_cache

from ..core.actions import Phrases
from ..core.catalogue import Catalogue
from ..core.language import Understood
from .script import JapaneseScript
from .understanding import Vocabulary, understand

YES_NO_HINTS = ("はい", "いいえ", "お願いします", "違います", "もう一度")
_SHIPPED = object()


class Japanese:
    yes_no_hints = YES_NO_HINTS

    def __init__(self, catalogue: Catalogue, model=_SHIPPED):
        """`model`: the learned fallback (ivr.ja.fallback); None for the rules alone."""
        if model is _SHIPPED:
            from .fallback import shipped

            model = shipped()
        self.model = model
        self.vocabulary = Vocabulary(catalogue)
        self.hints = Phrases(self.vocabulary.hints())  # hashed once: part of each question's TwiML cache key
        self._problem_hints = {p.id: Phrases(self.vocabulary.hints(p.id)) for p in catalogue.providers}
        self.script = JapaneseScript(catalogue)
        # Callers say the same short things again and again (楽天カード, はい): what a text means is worked out once.
        self.understand = lru_cache(maxsize=4096)(self._understand)

    def problem_hints(self, provider_id: str) -> tuple[str, ...]:
        """What to bias the recogniser toward once the provider is known: its problems' words and every name."""
        return self._problem_hints.get(provider_id, self.hints)

    def _understand(self, text: str) -> Understood:
        return understand(text, self.vocabulary, self.model)
