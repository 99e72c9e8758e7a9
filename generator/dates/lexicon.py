"""The date lexicon (generator/data/dates.yaml) and the tokenizer that tags words with it.

A token is a word, a number or one punctuation mark of the normalized text. Lexicon phrases of
several words ("أول من أمس", "كانون الثاني", "الحادي والعشرين") become one token, found
longest first. A clitic in front of a known word (و ف ب ل ك, لل) is split off, so "والخميس"
is the token "الخميس" and "للشهر" the token "الشهر".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..normalize import CLITIC_FIRST, CLITIC_SECOND, clitic_forms, norm, scan_words

_DIGITS = frozenset("0123456789")
_PUNCTUATION = frozenset("-/()")  # the marks patterns name; every other mark is a break


@dataclass(slots=True)
class Token:
    text: str  # normalized surface (a phrase joined by single spaces)
    start: int  # offsets in the normalized text
    end: int
    classes: dict[str, Any] = field(default_factory=dict)
    newline_before: bool = False  # a line break stands between this token and the previous one
    gap_before: bool = False  # words the lexicon does not know stand between them


@dataclass(frozen=True)
class Lexicon:
    # first word -> [(words of the phrase, classes)], longest phrase first
    phrases: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]]
    data: dict[str, Any]  # the raw YAML, for the grammar (patterns, macros) and the resolver
    # surface form of a first word -> (clitic length, the phrases the bare word may start)
    # (its words after the first as a list: one slice comparison tells whether the text goes on so)
    table: dict[str, tuple[int, list[tuple[tuple[str, ...], list[str], dict[str, Any]]]]]
    clitics: dict[str, dict[str, Any]]  # classes of a clitic standing alone ("و" joins two days)
    keys: frozenset[str]  # every word and punctuation mark that becomes a token
    # words that are never tokens, only looked at beside a match: counted_noun, not_today_after,
    # not_weekday_before, event_noun, year_preposition, month_preposition
    neighbours: dict[str, frozenset[str]]


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
    for cls in ("part_of_day", "demonstrative", "vague", "vague_count", "year_word", "future_marker"):
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
        if n != 2:  # "الثلاثة" after a unit: "الأيام الثلاثة" ("الاثنين" is Monday)
            _add(entries, "ال" + phrase, "number", n)
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
    forms = clitic_forms(phrases)
    keys = frozenset(forms) | {w for words in entries for w in words} | _PUNCTUATION
    neighbours = {cls: frozenset(norm(w) for w in lex[cls])
                  for cls in ("counted_noun", "not_today_after", "not_weekday_before", "event_noun",
                              "year_preposition", "month_preposition")}
    options_of = {head: [(words, list(words[1:]), classes) for words, classes in options]
                  for head, options in phrases.items()}
    table = {form: (cut, options_of[head]) for form, (cut, head) in forms.items()}
    clitics = {c: phrases[c][0][1] for c in CLITIC_FIRST + CLITIC_SECOND if c in phrases}
    return Lexicon(phrases, raw, table, clitics, keys, neighbours)


def tokenize(text: str, lexicon: Lexicon | None = None, scanned: tuple | None = None) -> list[Token]:
    """Tag the words of a normalized text with their lexicon classes.

    Only words the lexicon knows, numbers and punctuation become tokens; a run of other words
    between two tokens is marked `gap_before`, so a pattern never spans it. The scan itself is
    two passes of the regular expression engine; Python touches only the few words that matter.
    """
    lex = lexicon or load_lexicon()
    table, clitics, keys = lex.table, lex.clitics, lex.keys
    pairs, words, ends = scanned or scan_words(text)
    hits = [i for i, w in enumerate(words) if w in keys or w[0] in _DIGITS]
    tokens: list[Token] = []
    last = -1  # index of the last word consumed into a token
    for i in hits:
        if i <= last:
            continue  # inside a phrase already taken
        word = words[i]
        start, end = ends[2 * i], ends[2 * i + 1]
        gap = last >= 0 and i > last + 1
        newline = "\n" in pairs[i][0]
        if word[0] in _DIGITS:
            value = int(word)
            classes: dict[str, Any] = {"number": value}
            if len(word) <= 2 and 1 <= value <= 31:
                classes["day"] = value
            if len(word) == 4:
                classes["year"] = value
            tokens.append(Token(word, start, end, classes, newline, gap))
            last = i
            continue
        cut, options = table.get(word, (0, ()))
        for words_of, tail, classes in options:
            k = len(words_of)
            if k > 1 and words[i + 1 : i + k] != tail:
                continue
            if cut:  # the clitic is a token of its own: "و" in "والثامن" joins two days
                tokens.append(Token(word[:cut], start, start + cut, clitics.get(word[:cut], {}), newline, gap))
                newline = gap = False
            tokens.append(Token(" ".join(words_of), start + cut, ends[2 * (i + k - 1) + 1], classes, newline, gap))
            last = i + k - 1
            break
        else:
            tokens.append(Token(word, start, end, {}, newline, gap))
            last = i
    return tokens
