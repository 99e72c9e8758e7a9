"""The pattern language of dates.yaml, compiled once, and the matcher that runs it over tokens.

A pattern is a sequence of elements: a class name (`month`), a literal token (`"-"`), a group
of alternatives (`( a b | c )`), each optionally `?` and named `:name` (a class as `month:m2`, a
literal or a group of single elements as `"-":s1`, `( "-" | "/" ):s1`). Matching yields every
way a pattern can cover tokens from a start position, with the tokens bound to names; the
caller keeps the longest one its rule accepts. Each pattern is compiled once into a small
automaton (Thompson's construction): matching walks the tokens forward with the few live paths,
so a pattern that cannot go on stops at the first token that does not fit.
"""

from __future__ import annotations

import re
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


# a move of the automaton: consume a token of class `cls` (or the literal), bind it to `name`, go to `target`
Move = tuple[str | None, str | None, str, int]


@dataclass(frozen=True)
class Pattern:
    rule: str
    nodes: tuple[Node, ...]
    source: str
    min_len: int  # the fewest tokens it can match
    moves: tuple[tuple[Move, ...], ...]  # per state, the moves out of it and the states it reaches freely
    accept: tuple[bool, ...]  # per state, whether the pattern may end there
    one_token: bool  # whether one token can be a whole match
    second: frozenset[str]  # the classes and literals ('"' + text) a second token may carry


def _second(moves: tuple[tuple[Move, ...], ...], accept: tuple[bool, ...]) -> tuple[bool, frozenset[str]]:
    after_one = [target for _, _, _, target in moves[0]]
    keys = {cls if cls else '"' + literal for t in after_one for cls, literal, _, _ in moves[t]}
    return any(accept[t] for t in after_one), frozenset(keys)


def _automaton(nodes: tuple[Node, ...]) -> tuple[tuple[tuple[Move, ...], ...], tuple[bool, ...]]:
    """Thompson's construction, then every state's free (epsilon) closure folded into its moves."""
    moves: list[list[Move]] = [[]]
    free: list[list[int]] = [[]]

    def new() -> int:
        moves.append([])
        free.append([])
        return len(moves) - 1

    def build(seq: tuple[Node, ...], state: int) -> int:
        for node in seq:
            end = new()
            if isinstance(node, Atom):
                moves[state].append((node.cls, node.literal, node.name, end))
            else:
                for alt in node.alternatives:
                    free[build(alt, state)].append(end)
            if node.optional:
                free[state].append(end)
            state = end
        return state

    final = build(nodes, 0)

    def closure(state: int) -> list[int]:
        seen, todo = [state], [state]
        while todo:
            for nxt in free[todo.pop()]:
                if nxt not in seen:
                    seen.append(nxt)
                    todo.append(nxt)
        return seen

    closures = [closure(s) for s in range(len(moves))]
    return (tuple(tuple(m for c in closures[s] for m in moves[c]) for s in range(len(moves))),
            tuple(final in closures[s] for s in range(len(moves))))


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


def _nullable(nodes: tuple[Node, ...]) -> bool:
    """Whether the sequence can match no token at all."""
    return all(node.optional or (isinstance(node, Group) and any(_nullable(a) for a in node.alternatives))
               for node in nodes)


def _first_keys(nodes: tuple[Node, ...]) -> set[str]:
    """The classes and literals a first token must carry for the pattern to start there."""
    keys: set[str] = set()
    for node in nodes:
        if isinstance(node, Atom):
            keys.add(node.cls if node.cls else '"' + node.literal)
        else:
            for alt in node.alternatives:
                keys |= _first_keys(alt)
        if not _nullable((node,)):
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
        moves, accept = _automaton(nodes)
        patterns.append(Pattern(p["rule"], nodes, p["seq"], _min_len(nodes), moves, accept, *_second(moves, accept)))
    index: dict[str, list[int]] = {}
    for k, pattern in enumerate(patterns):
        for key in _first_keys(pattern.nodes):
            index.setdefault(key, []).append(k)
    return patterns, index


def _match(pattern: Pattern, tokens: list[Token], i: int, run: int) -> list[tuple[int, Bindings]]:
    """Every (end, bindings) of `pattern` from token i, over at most `run` tokens (a line break, or
    a word the lexicon does not know, ends a date phrase)."""
    moves, accept = pattern.moves, pattern.accept
    paths: list[tuple[int, Bindings]] = [(0, {})]
    found = []
    for j in range(i, i + run):
        tok = tokens[j]
        classes, text = tok.classes, tok.text
        live = []
        for state, binds in paths:
            for cls, literal, name, target in moves[state]:
                if (cls in classes) if cls else (text == literal):
                    step = {**binds, name: tok}
                    live.append((target, step))
                    if accept[target]:
                        found.append((j + 1, step))
        if not live:
            break
        paths = live
    return found


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
    nxt = tokens[i + 1] if run > 1 else None
    nxt_keys = {*nxt.classes, '"' + nxt.text} if nxt else set()
    found = []
    for k in order:
        pattern = patterns[k]
        if pattern.min_len > run or (not pattern.one_token and pattern.second.isdisjoint(nxt_keys)):
            continue  # the next token cannot go on with this pattern
        for end, binds in _match(pattern, tokens, i, run):
            found.append((end, k, patterns[k], binds))
    found.sort(key=lambda f: (-f[0], f[1]))
    return [(end, p, b) for end, _, p, b in found]
