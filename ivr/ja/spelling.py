"""Letters spelled out by name, as a recogniser writes them (エー エム エー ゼット オー エヌ: amazon; ジェー シー ビー:
jcb), written as the letters before the words are looked up. Three names or more in a row, each apart: one
alone (エー, ワイ) is an ordinary word."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon


@lru_cache(maxsize=1)
def _letters() -> tuple[dict[str, str], re.Pattern]:
    names = {name: letter for letter, spoken in lexicon().rules["letter_names"].items() for name in spoken}
    one = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return names, re.compile(rf"(?:(?:{one})[\s・、]+){{2,}}(?:{one})(?![ァ-ヺー])")


def spelled(text: str) -> str:
    names, run = _letters()
    split = re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))
    return run.sub(lambda m: "".join(names[name] for name in split.findall(m.group())), text)
