"""The pattern language of dates.yaml, compiled once, and the matcher that runs it over tokens.

A pattern is a sequence of elements: a class name (`month`), a literal token (`"-"`), a group
of alternatives (`( a b | c )`), each optionally `?` and named `:name` (a class as `month:m2`, a
literal or a group of single elements as `"-":s1`, `( "-" | "/" ):s1`). Matching yields every
way a pattern can cover tokens from a start position, with the tokens bound to names; the
caller keeps the longest one its rule accepts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Token, load_lexicon

_PIECE_RE = re.compile(r'"[^"]*"|\$\w+|[()|?]|:\w+|[\w:]+')


@dataclass(frozen=True)
class Atom:
    cls: str | None  # a class name, or None for a literal
    literal: str | None
    name: str
    optional: bool


@dataclass(frozen=True)
class Group:
    alternatives: tuple[tuple[Atom | Group, ...], ...]
    optional: bool


Node = Atom | Group


@dataclass(frozen=True)
class Pattern:
    rule: str
    nodes: tuple[Node, ...]
    source: str
    min_len: int  # the fewest tokens it can match


def _min_len(nodes: tuple[Node, ...]) -> int:
    total = 0
    for node in nodes:
        if node.optional:
            continue
        total += 1 if isinstance(node, Atom) else min(_min_len(alt) for alt in node.alternatives)
    return total


Bindings = dict[str, Token]


def _parse(source: str, macros: dict[str, str]) -> tuple[Node, ...]:
    for name, body in macros.items():
        source = source.replace(f"${name}", body)
    pieces = _PIECE_RE.findall(source)
    unknown = [p for p in pieces if p.startswith("$")]
    if unknown:
        raise ValueError(f"unknown macro {unknown[0]} in pattern {source!r} (a macro that uses another comes first)")
    pos = 0

    def sequence() -> tuple[Node, ...]:
        nonlocal pos
        nodes: list[Node] = []
        while pos < len(pieces) and pieces[pos] not in ("|", ")"):
            piece = pieces[pos]
            pos += 1
            node: Node
            if piece == "(":
                alts = [sequence()]
                while pieces[pos] == "|":
                    pos += 1
                    alts.append(sequence())
                if pieces[pos] != ")":
                    raise ValueError(f"unbalanced group in pattern {source!r}")
                pos += 1
                node = Group(tuple(alts), False)
            elif piece.startswith('"'):
                node = Atom(None, piece[1:-1], piece[1:-1], False)
            elif piece == "?":
                raise ValueError(f"'?' with nothing before it in pattern {source!r}")
            elif piece.startswith(":"):
                if not nodes:
                    raise ValueError(f"a name with nothing before it in pattern {source!r}")
                node = _named(nodes.pop(), piece[1:])
            else:
                cls, _, name = piece.partition(":")
                node = Atom(cls, None, name or cls, False)
            if pos < len(pieces) and pieces[pos] == "?":
                pos += 1
                node = Atom(node.cls, node.literal, node.name, True) if isinstance(node, Atom) else (
                    Group(node.alternatives, True))
            nodes.append(node)
        return tuple(nodes)

    nodes = sequence()
    if pos != len(pieces):
        raise ValueError(f"unexpected {pieces[pos]!r} in pattern {source!r}")
    return nodes


def _named(node: Node, name: str) -> Node:
    """The same element bound under `name`; in a group, each alternative's single element is."""
    if isinstance(node, Atom):
        return Atom(node.cls, node.literal, name, node.optional)
    alts = tuple(tuple(_named(n, name) for n in alt) if len(alt) == 1 else alt for alt in node.alternatives)
    return Group(alts, node.optional)


def _first_keys(nodes: tuple[Node, ...]) -> set[str]:
    """The classes and literals a first token must carry for the pattern to start there."""
    keys: set[str] = set()
    for node in nodes:
        if isinstance(node, Atom):
            keys.add(node.cls if node.cls else '"' + node.literal)
        else:
            for alt in node.alternatives:
                keys |= _first_keys(alt)
        if not node.optional and not (isinstance(node, Group) and any(not a for a in node.alternatives)):
            return keys
    return keys


@lru_cache(maxsize=1)
def compiled() -> tuple[list[Pattern], dict[str, list[int]]]:
    """The patterns, and for each class or literal the indexes of the patterns it can start."""
    data = load_lexicon().data
    macros = data.get("macros", {})
    patterns = []
    for p in data["patterns"]:
        nodes = _parse(p["seq"], macros)
        patterns.append(Pattern(p["rule"], nodes, p["seq"], _min_len(nodes)))
    index: dict[str, list[int]] = {}
    for k, pattern in enumerate(patterns):
        for key in _first_keys(pattern.nodes):
            index.setdefault(key, []).append(k)
    return patterns, index


def _match(nodes: tuple[Node, ...], tokens: list[Token], i: int, binds: Bindings) -> Iterator[tuple[int, Bindings]]:
    if not nodes:
        yield i, binds
        return
    node, rest = nodes[0], nodes[1:]
    if isinstance(node, Atom):
        if i < len(tokens):
            tok = tokens[i]
            if (node.cls in tok.classes) if node.cls else (tok.text == node.literal):
                # a line break, or a word the lexicon does not know, ends a date phrase
                if not (binds and (tok.newline_before or tok.gap_before)):
                    yield from _match(rest, tokens, i + 1, {**binds, node.name: tok})
    else:
        for alt in node.alternatives:
            yield from _match(alt + rest, tokens, i, binds)
    if node.optional:
        yield from _match(rest, tokens, i, binds)


def runs(tokens: list[Token]) -> list[int]:
    """For each token, how many tokens follow on without a break (itself included)."""
    out = [1] * len(tokens)
    for i in range(len(tokens) - 2, -1, -1):
        nxt = tokens[i + 1]
        if not (nxt.gap_before or nxt.newline_before):
            out[i] = out[i + 1] + 1
    return out


_STARTS: dict[tuple[str, ...], tuple[int, list[int]]] = {}


def _starts(tok: Token) -> tuple[int, list[int]]:
    """The patterns a token can start, and the fewest tokens any of them needs (cached by classes)."""
    key = (tok.text if not tok.classes else "", *tok.classes)
    hit = _STARTS.get(key)
    if hit is None:
        patterns, index = compiled()
        ks = set(index.get('"' + tok.text, ())) if not tok.classes else set()
        for cls in tok.classes:
            ks.update(index.get(cls, ()))
        order = sorted(ks)
        hit = _STARTS[key] = (min((patterns[k].min_len for k in order), default=99), order)
    return hit


def candidates(tokens: list[Token], i: int, run: int) -> list[tuple[int, Pattern, Bindings]]:
    """Every (end, pattern, bindings) that starts at token i, longest first, then pattern order.
    `run` is how many tokens follow on from i: patterns that need more are not tried."""
    shortest, order = _starts(tokens[i])
    if shortest > run:
        return []
    patterns = compiled()[0]
    found = []
    for k in order:
        if patterns[k].min_len > run:
            continue
        for end, binds in _match(patterns[k].nodes, tokens, i, {}):
            if end > i:
                found.append((end, k, patterns[k], binds))
    found.sort(key=lambda f: (-f[0], f[1]))
    return [(end, p, b) for end, _, p, b in found]
