"""Letters spelled out by name, as a recogniser writes them (エー エム エー ゼット オー エヌ: amazon; ジェー シー ビー:
jcb), written as the letters before the words are looked up. Three names or more in a row, each apart: one
alone (エー, ワイ) is an ordinary word."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon


@lru_cache(maxsize=1)
def _letters() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    """Each letter's name -> the letter; a run of three names or more; one name (built once, not per turn)."""
    names = {name: letter for letter, spoken in lexicon().rules["letter_names"].items() for name in spoken}
    one = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return names, re.compile(rf"(?:(?:{one})[\s・、]+){{2,}}(?:{one})(?![ァ-ヺー])"), re.compile(one)


def spelled(text: str) -> str:
    names, run, name = _letters()
    return run.sub(lambda m: "".join(names[said] for said in name.findall(m.group())), text)
