"""Find the date expressions of an Arabic text and resolve them against its publication day.

    find_dates(text, published) -> [DateExpr]

The lexicon and the patterns are data (generator/data/dates.yaml); `grammar` matches them over
the tokens of the normalized text, `resolve` turns each match into calendar days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..normalize import Normalized, normalize
from .grammar import candidates, runs
from .latin import find_latin
from .lexicon import Token, tokenize
from .names import named
from .resolve import RULES, Context

_SENTENCE_END = ".?!;\n"
_SENTENCE_SPAN = 600
_TRIM_LEFT = set("-/(),.")
_TRIM_RIGHT = set("-/(,.\\")


@dataclass
class DateExpr:
    text: str  # the phrase exactly as in the original text: text == original[start:end]
    start: int
    end: int
    date_start: dt.date | None  # inclusive interval; None for vague phrases
    date_end: dt.date | None
    precision: str  # day, days, week, month, season, year (vague for vague phrases)
    rule: str  # which rule resolved it, readable
    warnings: list[str] = field(default_factory=list)
    vague: bool = False

    def as_json(self) -> dict:
        return {
            "text": self.text, "start": self.start, "end": self.end,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "precision": self.precision, "rule": self.rule, "warnings": self.warnings,
            **({"vague": True} if self.vague else {}),
        }


def _future(text: str, tokens: list[Token], i: int) -> bool:
    """Whether a future marker ("سوف", "من المقرر") stands before token i in its sentence."""
    start = tokens[i].start
    window = max(0, start - _SENTENCE_SPAN)  # a sentence is rarely longer: never scan the whole text
    boundary = max(window - 1, *(text.rfind(c, window, start) for c in _SENTENCE_END))
    j = i - 1
    while j >= 0 and tokens[j].start > boundary:
        if "future_marker" in tokens[j].classes:
            return True
        j -= 1
    return False


def find_dates(text: str, published: dt.date | None = None, normalized: Normalized | None = None) -> list[DateExpr]:
    """Every date expression of `text`, in order, resolved against `published` (P)."""
    norm = normalized or normalize(text)  # given when another stage normalized the same text
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []  # spans of the Latin datelines (grammar matches never overlap)

    for start, end, day, rule in find_latin(norm.text):
        if not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            s, e = norm.span(start, end)
            found.append(DateExpr(text[s:e], s, e, day, day, "day", rule))

    tokens = tokenize(norm.text, scanned=norm.scan)
    run = runs(tokens)
    i = 0
    while i < len(tokens):
        if not tokens[i].classes:
            i += 1
            continue
        for end, pattern, binds in candidates(tokens, i, run[i]):
            ctx = Context(published, norm.text, tokens, i, end, _future(norm.text, tokens, i))
            resolved = RULES[pattern.rule](binds, ctx)
            if resolved is None:
                continue
            if resolved.start and named(ctx, pattern.rule, binds):
                i = end - 1  # a name ("قناة روسيا اليوم"): none of its words is a date
                break
            first, last = i, end - 1
            while first < last and tokens[first].text in _TRIM_LEFT:
                first += 1
            while last > first and tokens[last].text in _TRIM_RIGHT:
                last -= 1
            if tokens[last].text == ")" and all(t.text != "(" for t in tokens[first:last]):
                last -= 1  # the closing mark of a parenthesis opened before the phrase
            a, b = tokens[first].start, tokens[last].end
            if any(s < b and a < e for s, e in taken):  # only the Latin datelines: a handful
                continue
            s, e = norm.span(a, b)
            found.append(DateExpr(text[s:e], s, e, resolved.start, resolved.end, resolved.precision,
                                  f"{pattern.rule}: {resolved.rule}", resolved.warnings, resolved.vague))
            i = end - 1
            break
        i += 1
    found.sort(key=lambda d: (d.start, d.end))
    return found
