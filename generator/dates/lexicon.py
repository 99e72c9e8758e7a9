"""The date lexicon (generator/data/dates.yaml) and the tokenizer that tags words with it.

A token is a word, a number or one punctuation mark of the normalized text. Lexicon phrases of
several words ("أول من أمس", "كانون الثاني", "الحادي والعشرين") become one token, found
longest first. A clitic in front of a known word (و ف ب ل ك, لل) is split off, so "والخميس"
is the token "الخميس" and "للشهر" the token "الشهر".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..normalize import norm

# Arabic letters, digits, Latin letters, or any single other visible character.
_TOKEN_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+|[0-9]+|[a-z]+|\S")
_CLITIC_FIRST = "وف"
_CLITIC_SECOND = "بلك"


@dataclass(slots=True)
class Token:
    text: str  # normalized surface (a phrase joined by single spaces)
    start: int  # offsets in the normalized text
    end: int
    classes: dict[str, Any] = field(default_factory=dict)
    newline_before: bool = False  # a line break stands between this token and the previous one


@dataclass(frozen=True)
class Lexicon:
    # first word -> [(words of the phrase, classes)], longest phrase first
    phrases: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]]
    data: dict[str, Any]  # the raw YAML, for the grammar (patterns, macros) and the resolver


def _add(entries: dict[tuple[str, ...], dict[str, Any]], phrase: str, cls: str, value: Any) -> None:
    words = tuple(norm(phrase).split())
    if words:
        entries.setdefault(words, {})[cls] = value


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw = yaml.safe_load(resources.files("generator").joinpath("data/dates.yaml").read_text("utf-8"))
    lex = raw["lexicon"]
    entries: dict[tuple[str, ...], dict[str, Any]] = {}

    for cls in ("deictic", "weekday", "period", "edge", "season", "qualifier"):
        for phrase, value in lex[cls].items():
            _add(entries, phrase, cls, value)
    for phrase, spec in lex["month"].items():
        _add(entries, phrase, "month", {"calendar": "gregorian", "ambiguous": False, **spec})
    for phrase, spec in lex["unit"].items():
        unit, count = spec[0], spec[1]
        _add(entries, phrase, "unit", {"unit": unit, "count": count, "definite": "def" in spec[2:]})
    for cls in ("part_of_day", "demonstrative", "vague", "vague_count", "year_word", "year_preposition",
                "future_marker", "counted_noun", "not_today_after", "not_weekday_before"):
        for phrase in lex[cls]:
            _add(entries, phrase, cls, True)
    for phrase in lex["era_gregorian"]:
        _add(entries, phrase, "era", "gregorian")
    for phrase in lex["era_hijri"]:
        _add(entries, phrase, "era", "hijri")
    for key, words in lex["word"].items():
        for phrase in [words] if isinstance(words, str) else words:
            _add(entries, phrase, key, True)

    # numbers in words: units, tens, and the compounds "ثلاثة عشر", "خمسة وعشرين"
    units, tens = lex["cardinal_units"], lex["cardinal_tens"]
    for phrase, n in [*units.items(), *tens.items()]:
        _add(entries, phrase, "number", n)
    for phrase in ("احد عشر", "احدى عشرة", "اثنا عشر", "اثني عشر", "اثنتا عشرة", "اثنتي عشرة"):
        _add(entries, phrase, "number", 11 if "حد" in phrase else 12)
    for u_word, u in units.items():
        for t_word, t in tens.items():
            if t == 10 and u > 2:
                _add(entries, f"{u_word} {t_word}", "number", 10 + u)
            elif t >= 20:
                _add(entries, f"{u_word} و{t_word}", "number", t + u)

    # ordinal days: "التاسع", "الحادي عشر", "الحادي والعشرين", "الثلاثين"
    o_units, o_tens = lex["ordinal_units"], lex["ordinal_tens"]
    for phrase, n in o_units.items():
        if phrase != "الحادي":
            _add(entries, phrase, "day", n)
    for phrase, n in o_tens.items():
        if phrase.startswith("ال"):
            _add(entries, phrase, "day", n)
    for u_word, u in o_units.items():
        if u_word == "الاول":
            continue
        for t_word, t in o_tens.items():
            if t_word in ("عشر", "والعشرين", "والثلاثين") and t + u <= 31:
                _add(entries, f"{u_word} {t_word}", "day", t + u)

    phrases: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]] = {}
    for words, classes in entries.items():
        phrases.setdefault(words[0], []).append((words, classes))
    for options in phrases.values():
        options.sort(key=lambda o: -len(o[0]))
    return Lexicon(phrases, raw)


def _clitic_split(word: str, phrases: dict) -> tuple[int, str] | None:
    """(length of the clitic, the word without it) when the bare word is in the lexicon."""
    heads = [(0, word)]
    if len(word) > 2 and word[0] in _CLITIC_FIRST:
        heads.append((1, word[1:]))
    for k, w in heads:
        if len(w) > 3 and w.startswith("لل") and "ال" + w[2:] in phrases:
            return k + 1, "ال" + w[2:]
        if k and w in phrases:
            return k, w
        if len(w) > 2 and w[0] in _CLITIC_SECOND and w[1:] in phrases:
            return k + 1, w[1:]
    return None


def tokenize(text: str, lexicon: Lexicon | None = None) -> list[Token]:
    """Tag the words of a normalized text with their lexicon classes."""
    lex = lexicon or load_lexicon()
    phrases = lex.phrases
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    tokens: list[Token] = []
    i, n = 0, len(raw)
    while i < n:
        word, start, end = raw[i]
        head, cut = word, 0
        if word not in phrases and not (word.isascii() and word.isdigit()):
            split = _clitic_split(word, phrases)
            if split:
                cut, head = split
        newline = "\n" in text[raw[i - 1][2] : start] if i else False
        options = phrases.get(head)
        if options:
            for words, classes in options:
                k = len(words)
                if i + k <= n and all(raw[i + j][0] == words[j] for j in range(1, k)):
                    if cut:
                        tokens.append(Token(word[:cut], start, start + cut, newline_before=newline))
                        newline = False
                    tokens.append(Token(" ".join(words), start + cut, raw[i + k - 1][2], dict(classes), newline))
                    i += k
                    break
            else:
                tokens.append(Token(word, start, end, newline_before=newline))
                i += 1
            continue
        classes: dict[str, Any] = {}
        if (word.isascii() and word.isdigit()):
            value = int(word)
            classes["number"] = value
            if len(word) <= 2 and 1 <= value <= 31:
                classes["day"] = value
            if len(word) == 4:
                classes["year"] = value
        tokens.append(Token(word, start, end, classes, newline))
        i += 1
    return tokens
