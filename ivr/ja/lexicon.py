"""The Japanese lexicon, kept apart from the vetted catalogue: data files of this package.

providers.yaml says which kinds of problem exist, which provider handles which on which line, and the hours.
What callers *say* lives here, in `ivr/ja/data/`:
- lexicon.yaml: the words callers use for each kind, and the rules that weigh them (each refers to kinds by
  id, and a rule naming a kind the catalogue does not have is a fault, never a rule silently switched off);
- examples.yaml: example sentences, each of which must be understood as its own kind (a test plays them);
- commands.yaml: yes, no and the commands a caller gives.
Every value is read as text, exactly as written (ivr.core.yamltext): `no` stays the word no.

Reading YAML in pure Python takes a few hundred milliseconds, which every fresh worker would pay: the files
are also compiled to data/lexicon.json (`python -m ivr.ja.lexicon`), used only while it carries the hash of
the very YAML it was made from, so an edited YAML is never shadowed by a stale compilation.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..core import yamltext
from ..core.catalogue import Catalogue

DATA_FILES = ("lexicon.yaml", "examples.yaml", "commands.yaml")


class LexiconError(Exception):
    def __init__(self, faults: list[str]):
        super().__init__("\n".join(faults))
        self.faults = faults


@dataclass(frozen=True)
class Lexicon:
    kind_words: dict[str, tuple[str, ...]]  # kind id -> the words callers use for it
    examples: dict[str, tuple[str, ...]]  # kind id (or "none": calls for no kind at all) -> sentences
    commands: dict[str, tuple[str, ...]]  # yes, no, no_anywhere, repeat, operator, bye, restart -> words
    rules: dict  # the rest of lexicon.yaml: word lists and rules the stages read, by name

    def words(self, name: str) -> tuple[str, ...]:
        return tuple(self.rules.get(name, ()))

    def faults(self, catalogue: Catalogue) -> list[str]:
        """What in the lexicon does not fit this catalogue: kinds it does not have, kinds without words."""
        kinds = {kind.id for kind in catalogue.kinds} | {"none"}
        where = catalogue.path or "the catalogue"
        named = [("lexicon.yaml: words", k) for k in self.kind_words]
        named += [("examples.yaml: examples", k) for k in self.examples]
        named += [("lexicon.yaml: a near rule", str(kind)) for rule in self.rules.get("near", ())
                  for kind in (rule.get("kind"), *rule.get("yields_to", ()))]
        named += [("lexicon.yaml: retract rules", str(k)) for k in self.rules.get("retract", {})]
        faults = _unknown_in_kind_lists(self, catalogue, kinds, where)
        faults += [f"{what} for kind '{k}', which is not a kind of {where}" for what, k in named if k not in kinds]
        faults += [f"lexicon.yaml: kind '{k.id}' has no words" for k in catalogue.kinds
                   if not self.kind_words.get(k.id) and not k.words]
        return faults + _ambiguous_words(self, catalogue)


def _unknown_in_kind_lists(lexicon: Lexicon, catalogue: Catalogue, kinds: set[str], where: str) -> list[str]:
    """The lists of KIND_LISTS name kinds of the catalogue, or problems of one provider (amazon_pay)."""
    problems = kinds | {problem.id for provider in catalogue.providers for problem in provider.problems}
    return [f"lexicon.yaml: {name} names '{k}', which is no problem of {where}"
            for name in KIND_LISTS for k in lexicon.words(name) if k not in problems]


def _ambiguous_words(lexicon: Lexicon, catalogue: Catalogue) -> list[str]:
    """Within one provider a word means one problem: otherwise what the caller said is ambiguous."""
    from ..core.catalogue import _folded

    faults = []
    for provider in catalogue.providers:
        owner: dict[str, str] = {}
        for problem in provider.problems:
            for word in (*lexicon.kind_words.get(problem.id, ()), *problem.words):
                other = owner.setdefault(_folded(word), problem.id)
                if other != problem.id:
                    faults.append(f"lexicon.yaml: for {provider.id}, the word '{word}' means both '{other}' "
                                  f"and '{problem.id}'")
    return list(dict.fromkeys(faults))


COMPILED = "lexicon.json"
# The lexicon's lists of kind ids the stages read (deciding, names): each must be a kind of the catalogue.
KIND_LISTS = ("symptoms", "shop_kinds", "identities", "losing_kinds", "after_a_loss", "selling_kinds", "a_cards_delivery", "deliveries")


def _data(name: str):
    return resources.files(__package__) / "data" / name


def _source_hash() -> str:
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(_data(name).read_bytes())
    return digest.hexdigest()


def _parse(name: str) -> object:
    try:
        return yamltext.load(_data(name).read_text(encoding="utf-8"))
    except yamltext.YamlFault as fault:
        raise LexiconError([f"{name}:{fault.line}: {fault.message}"]) from None


def _plain(node: object) -> object:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return str(node)


def _documents() -> list:
    """The three files as plain data: from the compilation when it matches the YAML, else from the YAML."""
    source = _source_hash()
    try:
        compiled = json.loads(_data(COMPILED).read_text(encoding="utf-8"))
        if compiled.get("source") == source:
            return compiled["documents"]
    except (OSError, ValueError):
        pass
    return [_plain(_parse(name)) for name in DATA_FILES]


def compile_lexicon() -> str:
    """Write data/lexicon.json from the YAML files (in a checkout); returns its path."""
    target = Path(str(_data(COMPILED)))
    documents = [_plain(_parse(name)) for name in DATA_FILES]
    target.write_text(json.dumps({"source": _source_hash(), "documents": documents}, ensure_ascii=False),
                      encoding="utf-8")
    return str(target)


def _texts(node: object) -> tuple[str, ...]:
    return tuple(str(item) for item in node or ())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped with the package, read once per process."""
    words, examples, commands = _documents()
    rules = {key: value for key, value in words.items() if key != "kinds"}
    return Lexicon({k: _texts(v) for k, v in words["kinds"].items()},
                   {k: _texts(v) for k, v in examples["kinds"].items()},
                   {k: _texts(v) for k, v in commands.items()}, rules)


def checked(catalogue: Catalogue) -> Lexicon:
    """The lexicon, refused (LexiconError) when it does not fit the catalogue."""
    found = lexicon()
    faults = found.faults(catalogue)
    if faults:
        raise LexiconError(faults)
    return found


if __name__ == "__main__":
    print(compile_lexicon())
