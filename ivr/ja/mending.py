"""Names a caller breaks off or a recogniser splits, put back together before the words are looked up:
らく…えーと…てんカード, アメッ、あの、クスのカード (a pause or a filler inside the name), らくてんカー…の (the
name cut off before a pause, most of it said).

Only a company's name is mended, and only when the pieces, joined, are exactly that name: the words of the
problem are left as they were said.
"""
from __future__ import annotations

import re
from functools import lru_cache

import jaconv

# Pauses, and fillers standing between pauses (not あの inside a word: かなあの…).
_PAUSE = r"[、。,.…‥\s]"
_GAP = re.compile(rf"{_PAUSE}+(?:(?:えーと|ええと|えっと|えー|あのー|あの|うーん|ふん|その){_PAUSE}+)*")
_BROKEN = re.compile(r"…|‥|\.{2,}")  # text.BREAK_MARKS as they stand in text (not a comma, nor amazon.co.jp's dot)
_SHORTEST_PART = 4  # a cut-off name keeps at least this many characters, and all but two of its own


def _folded(text: str) -> str:
    folded = jaconv.kata2hira(text.lower())
    return folded if len(folded) == len(text) else text


@lru_cache(maxsize=4)
def _prepared(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each name with its folded form, longest first: worked out once per vocabulary, not once per turn."""
    return tuple(sorted(((name, _folded(name)) for name in names), key=lambda pair: len(pair[0]), reverse=True))


def mend(text: str, names: tuple[str, ...]) -> str:
    """`text` with each name said in pieces written whole; `names` are the providers' names as written."""
    gaps = list(_GAP.finditer(text))
    if not gaps:
        return text
    prepared = _prepared(names)
    text = _completed_after_a_break(text, prepared)
    text = _joined_across_gaps(text, gaps, prepared)
    return _completed_before_a_break(text, prepared)


def _joined_across_gaps(text: str, gaps: list[re.Match], names: tuple[tuple[str, str], ...]) -> str:
    kept, source, at = [], [], 0  # the text without its gaps, and where each kept character stood
    for gap in gaps:
        kept.append(text[at:gap.start()])
        source.extend(range(at, gap.start()))
        at = gap.end()
    kept.append(text[at:])
    source.extend(range(at, len(text)))
    joined = _folded("".join(kept))
    spans = []
    for name, folded in names:
        found = joined.find(folded)
        while found >= 0:
            first, last = source[found], source[found + len(folded) - 1]
            if last - first != len(folded) - 1 and not any(s < last + 1 and first < e for s, e, _ in spans):
                spans.append((first, last + 1, name))  # (a gap inside: said in pieces)
            found = joined.find(folded, found + len(folded))
    for start, end, name in sorted(spans, reverse=True):
        text = text[:start] + name + text[end:]
    return text


def _completed_before_a_break(text: str, names: tuple[tuple[str, str], ...]) -> str:
    folded = _folded(text)
    whole_names = {whole for _, whole in names}
    for mark in reversed(list(_BROKEN.finditer(text))):
        for name, whole in names:
            for size in range(len(whole) - 1, max(_SHORTEST_PART, len(whole) - 2) - 1, -1):
                start = mark.start() - size
                part = whole[:size]
                if start >= 0 and folded[start:mark.start()] == part and not part.isascii() and not any(
                        part.endswith(other) for other in whole_names):  # (アマゾン… is a name said whole)
                    return text[:start] + name + text[mark.start():]
    return text


def _completed_after_a_break(text: str, names: tuple[tuple[str, str], ...]) -> str:
    """…天カード 紛失し…, …マゾンの… 注文した: the recording cut the name's start off; the rest of it (all but two
    characters at most, three at least), right after the break at the start of the turn, is that name."""
    opening = _BROKEN.match(text)
    if not opening:
        return text
    rest = text[opening.end():]
    spaced = re.match(r"[^、。,.…‥!?！？]{1,14}", rest)
    run = _folded(re.sub(r"\s", "", spaced.group())) if spaced else ""
    for name, whole in names:
        for size in range(len(whole) - 1, max(3, len(whole) - 2) - 1, -1):
            part = whole[-size:]
            if run.startswith(part) and not part.isascii():
                said = _span_of(rest, size)
                return text[:opening.end()] + name + rest[said:]
    return text


def _span_of(text: str, letters: int) -> int:
    """Where the first `letters` non-space characters of `text` end."""
    seen = 0
    for at, char in enumerate(text):
        if not char.isspace():
            seen += 1
            if seen == letters:
                return at + 1
    return len(text)
