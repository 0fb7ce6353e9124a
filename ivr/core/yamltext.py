"""YAML read as text: every scalar is a string with its line number; tags, aliases and absurd input refused.

YAML's implicit types silently change what a person wrote (an unquoted 0570666910 becomes the integer
570666910, 0120-86-69 an impossible date, `!foo bar` just "bar"). The catalogue wants what was written, so
the tree is built from the parser's events, never from YAML's type resolution.
"""
from __future__ import annotations

import unicodedata

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                                ScalarEvent, SequenceEndEvent, SequenceStartEvent)

MAX_DEPTH = 16
MAX_SCALAR_CHARS = 2000
MAX_BYTES = 2_000_000


class Text(str):
    """A scalar as written, with the line it is on (1-based)."""
    line: int

    def __new__(cls, value: str, line: int) -> "Text":
        text = super().__new__(cls, value)
        text.line = line
        return text


class Map(dict):
    """A mapping with its own line and the line of each key."""
    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class Seq(list):
    """A sequence with its own line and the line of each item."""
    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


class YamlFault(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def line_of(node: object, key: object = None) -> int:
    if isinstance(node, Map) and key in node:
        return node.key_lines.get(key, node.line)
    if isinstance(node, Seq) and isinstance(key, int) and 0 <= key < len(node.item_lines):
        return node.item_lines[key]
    return getattr(node, "line", 1)


def _unprintable(value: str) -> str | None:
    """Why a value cannot be shown or spoken: a control character ("\\a", "\\e", "\\0" escapes) or a
    lone surrogate ("\\ud800"), which no terminal, page or voice can carry. None when it is fine."""
    for ch in value:
        if ch in "\n\t":
            continue
        category = unicodedata.category(ch)
        if category == "Cc":
            return f"a value contains the control character U+{ord(ch):04X}: write plain text"
        if category == "Cs":
            return f"a value contains a lone surrogate (\\u{ord(ch):04x}), which is not a character: write plain text"
    return None


def load(text: str) -> object:
    """The document as Map / Seq / Text, or YamlFault(line, message)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlFault(1, f"the file is larger than {MAX_BYTES // 1_000_000} MB: not a catalogue")
    stack: list[tuple[object, str | None]] = []  # (container, pending mapping key)
    root: object = None
    documents = 0
    try:
        for event in YAML(typ="rt").parse(text):
            line = event.start_mark.line + 1 if event.start_mark else 1
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlFault(line, "a second YAML document (after '---'): the catalogue is one document")
            if isinstance(event, AliasEvent):
                raise YamlFault(line, "anchors and aliases (*name) are not supported: write the value out")
            if isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
                if event.tag is not None:
                    raise YamlFault(line, f"YAML tags such as '{event.tag}' are not allowed: write plain text")
            if isinstance(event, ScalarEvent):
                if len(event.value) > MAX_SCALAR_CHARS:
                    raise YamlFault(line, f"a value of {len(event.value)} characters is too long")
                unprintable = _unprintable(event.value)
                if unprintable:
                    raise YamlFault(line, unprintable)
                node: object = Text(event.value, line)
            elif isinstance(event, MappingStartEvent):
                node = Map(line)
            elif isinstance(event, SequenceStartEvent):
                node = Seq(line)
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                stack.pop()
                continue
            else:
                continue
            if not stack:
                root = node
            else:
                parent, key = stack[-1]
                if isinstance(parent, Seq):
                    parent.append(node)
                    parent.item_lines.append(line)
                elif key is None:  # this node is a key
                    if not isinstance(node, Text):
                        raise YamlFault(line, "a mapping key must be plain text")
                    if node in parent:
                        raise YamlFault(line, f"duplicate key '{node}' (first on line {parent.key_lines[node]})")
                    stack[-1] = (parent, node)
                    continue
                else:
                    parent[key] = node
                    parent.key_lines[key] = key.line
                    stack[-1] = (parent, None)
            if isinstance(node, (Map, Seq)):
                if len(stack) >= MAX_DEPTH:
                    raise YamlFault(line, f"nested more than {MAX_DEPTH} levels deep: not a catalogue")
                stack.append((node, None))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise YamlFault(mark.line + 1 if mark else 1, f"YAML syntax error: {error.problem or error.context}") from None
    except YAMLError as error:  # the reader: control characters, bad encoding
        position = getattr(error, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else 1
        raise YamlFault(line, f"unreadable YAML: {getattr(error, 'reason', None) or error}") from None
    except RecursionError:
        raise YamlFault(1, "nested too deeply: not a catalogue") from None
    return root
