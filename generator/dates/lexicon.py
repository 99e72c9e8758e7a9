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
_PUNCTUATION = frozenset("-/()\\")  # the marks patterns name; every other mark is a break
# marks that patterns name too ("9 أكتوبر، 2016", "21. يناير. 2018"), but so common in text that they
# become tokens only right after a word the lexicon knows or a number
_SOFT_MARKS = frozenset(",.")


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
    # not_weekday_before, event_noun, year_preposition, month_preposition, and the names that hold
    # date words (name_head, family_head, known_name, given_name, name_link, name_compound,
    # divine_name), not_event_after, not_deictic_before
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

    for cls in ("deictic", "weekday", "weekday_bare", "period", "edge", "season", "qualifier", "rank", "fraction",
                "nth_day", "feast", "ten_days"):
        for phrase, value in lex[cls].items():
            _add(entries, phrase, cls, value)
    for phrase, value in lex["decade"].items():  # "ستينيات", "الستينيات"
        _add(entries, phrase, "decade", value)
        _add(entries, "ال" + phrase, "decade", value)
    for phrase, spec in lex["month"].items():
        _add(entries, phrase, "month", {"calendar": "gregorian", "ambiguous": False, **spec})
    for phrase, spec in lex["unit"].items():
        unit, count = spec[0], spec[1]
        _add(entries, phrase, "unit", {"unit": unit, "count": count, "definite": "def" in spec[2:]})
    for cls in ("part_of_day", "demonstrative", "vague", "vague_count", "year_word", "future_marker", "epithet"):
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
    # hundreds and thousands: "مئة", "ثلاثمائة", "ثلاث مئة", "ألفين", "ثلاثة آلاف"
    for phrase, n in [*lex["cardinal_hundreds"].items(), *lex["cardinal_thousands"].items()]:
        _add(entries, phrase, "number", n)
    for u_word, u in units.items():
        if 3 <= u <= 9 and not u_word.endswith(("ة", "ه")):  # the short form: ثلاث, تسع
            for hundred in lex["hundred_words"]:
                _add(entries, f"{u_word}{hundred}", "number", u * 100)
                _add(entries, f"{u_word} {hundred}", "number", u * 100)
        if 3 <= u <= 9:
            for thousands in lex["thousands_plural"]:
                _add(entries, f"{u_word} {thousands}", "number", u * 1000)

    # "وأحد عشر" is و + 11, though "واحد" alone is "one": such phrases add up like "و" + number
    numbers = [(words, classes["number"]) for words, classes in entries.items() if "number" in classes]
    for words, n in numbers:
        joined = ("و" + words[0],)
        if len(words) > 1 and joined in entries and "number" in entries[joined]:
            entries.setdefault(joined + words[1:], {})["and_number"] = n

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
            if t_word in ("عشر", "عشرة", "والعشرين", "والثلاثين", "والعشرون", "والثلاثون") and t + u <= 31:
                _add(entries, f"{u_word} {t_word}", "day", t + u)

    phrases: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]] = {}
    for words, classes in entries.items():
        phrases.setdefault(words[0], []).append((words, classes))
    for options in phrases.values():
        options.sort(key=lambda o: -len(o[0]))
    forms = clitic_forms(phrases)
    # a phrase is found from its first word: the words after it ("على" of "ما يزيد على") are no keys,
    # so they never become empty tokens; "ل" alone ("الموافق لـ 5 أيار") is one patterns name
    keys = frozenset(forms) | _PUNCTUATION | {"ل"}
    neighbours = {cls: frozenset(norm(w) for w in lex[cls])
                  for cls in ("counted_noun", "not_today_after", "not_weekday_before", "event_noun",
                              "year_preposition", "month_preposition", "name_head", "family_head", "known_name",
                              "given_name", "not_event_after", "not_deictic_before",
                              "name_link", "name_compound", "divine_name")}
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
    spaces, words, ends = scanned or scan_words(text)
    hits = [i for i, w in enumerate(words) if w in keys or w[0] in _DIGITS]
    last_word = len(words) - 1
    hits = [j for i in hits for j in ((i, i + 1) if i < last_word and words[i + 1] in _SOFT_MARKS else (i,))]
    tokens: list[Token] = []
    big: list[int] = []  # spelled numbers of a hundred or more: only they begin a sum ("مئة وخمسين")
    last = -1  # index of the last word consumed into a token
    for i in hits:
        if i <= last:
            continue  # inside a phrase already taken
        word = words[i]
        start, end = ends[2 * i], ends[2 * i + 1]
        gap = last >= 0 and i > last + 1
        newline = "\n" in spaces[i]
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
            if classes.get("number", 0) >= 100:
                big.append(len(tokens) - 1)
            last = i + k - 1
            break
        else:
            tokens.append(Token(word, start, end, {}, newline, gap))
            last = i
    return _add_up(tokens, text, big) if big else tokens


def _place(n: int) -> int:
    """What may be added to a spelled number: below 1000 after "ألف(ين)", below 100 after "مئة"."""
    return 1000 if n >= 1000 and n % 1000 == 0 else 100 if n >= 100 and n % 100 == 0 else 0


def _add_up(tokens: list[Token], text: str, starts: list[int]) -> list[Token]:
    """Numbers in words add up from the largest part down, joined by و: "مئة وخمسين" = 150,
    "ألف وتسعمائة وثمانية وأربعين" = 1948. A spelled number from 1900 to 2100 may be a year
    ("عام ألفين وتسعة"); the patterns decide whether it is one. `starts`: where sums may begin."""
    merged: dict[int, tuple[Token, int]] = {}  # first token -> the sum, its last token
    last = -1
    for i in starts:
        if i <= last:
            continue  # inside a sum already made: "وتسعمائة" of "ألف وتسعمائة"
        tok = tokens[i]
        value, end, j = tok.classes["number"], tok.end, i
        while True:
            if (j + 1 < len(tokens) and "and_number" in tokens[j + 1].classes  # "وأحد عشر"
                    and not (tokens[j + 1].gap_before or tokens[j + 1].newline_before)):
                step, more = 1, tokens[j + 1].classes["and_number"]
            elif (j + 2 < len(tokens) and tokens[j + 1].text == "و" and "wa" in tokens[j + 1].classes
                    and "number" in tokens[j + 2].classes and not tokens[j + 2].text[0].isdigit()
                    and not any(t.gap_before or t.newline_before for t in tokens[j + 1 : j + 3])):
                step, more = 2, tokens[j + 2].classes["number"]
            else:
                break
            if more >= _place(value):
                break
            value += more
            end, j = tokens[j + step].end, j + step
        if j > i or 1900 <= value <= 2100:
            classes = {"number": value, **({"year": value} if 1900 <= value <= 2100 else {})}
            merged[i] = (Token(text[tok.start : end], tok.start, end, classes, tok.newline_before, tok.gap_before),
                         j)
            last = j
    if not merged:
        return tokens
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tok, j = merged.get(i, (tokens[i], i))
        out.append(tok)
        i = j + 1
    return out
