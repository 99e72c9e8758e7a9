"""The publication day of an article that has no metadata for it, read from its own text.

A dateline is a full date (day, month, year) near the top or the end of the page. Scrape
banners and other impossible anchors are rejected: a date in English page chrome, a date in
the future of the build, a date months after everything else the article dates. The text's
own weekday phrases ("أمس الأحد" is written on a Monday) check the result, and narrow the
day down when there is no dateline at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .dates import DateExpr, find_dates
from .furniture import lines_of, only_a_date, rules
from .normalize import norm

HEAD_LINES = 12  # non-empty lines from the top where a dateline may stand
TAIL_LINES = 6
LATE_BY = dt.timedelta(days=92)  # a candidate this much after the article's other dates is a banner
_LATIN_WORD = re.compile(r"[a-z]{2,}")
_MONTH_WORDS = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|the|of|st|nd|rd|th)"
)


@dataclass
class Anchor:
    published: dt.date | None
    source: str  # "dateline" or "none"
    expr: DateExpr | None = None
    notes: list[str] = field(default_factory=list)  # why candidates were rejected, what weekdays say
    weekday: int | None = None  # the weekday the text implies for P, when it implies one


def _zones(text: str, body_start: int) -> list[tuple[int, int]]:
    lines = [span for span in lines_of(text, body_start) if text[span[0] : span[1]].strip()]
    return lines[:HEAD_LINES] + lines[-TAIL_LINES:]


def _chrome(line: str) -> bool:
    """A line of English site chrome: Latin words other than the date's own month and weekday."""
    words = _LATIN_WORD.findall(norm(line).lower())
    return any(not _MONTH_WORDS.match(w) for w in words)


def implied_weekday(exprs: list[DateExpr], published: dt.date | None) -> tuple[int | None, list[str]]:
    """The weekday of P that "أمس الأحد", "اليوم السبت" imply, and the phrases that say so."""
    votes: dict[int, list[str]] = {}
    for e in exprs:
        m = re.search(r"deictic day P([+-]\d+) \+ weekday", e.rule)
        if not m or not e.date_start or not published:
            continue
        offset = int(m.group(1))
        # the engine resolved the weekday; P's weekday is that day minus the deictic offset
        votes.setdefault((e.date_start.weekday() - offset) % 7, []).append(e.text)
    if not votes:
        return None, []
    best = max(votes, key=lambda k: len(votes[k]))
    return best, votes[best]


def find_published(text: str, body_start: int = 0, today: dt.date | None = None) -> Anchor:
    today = today or dt.date.today()
    labels = rules().labels
    zone = _zones(text, body_start)
    # one pass, against the build day: an explicit-year date does not depend on P, nor does the
    # weekday "أمس الأحد" implies (the weekday wins over the arithmetic)
    everything = find_dates(text[body_start:], today)
    explicit = [e for e in everything if e.date_start and e.precision == "day" and _has_year(e)]
    notes: list[str] = []
    candidates: list[tuple[int, DateExpr]] = []
    for e in explicit:
        s = e.start + body_start
        line = next(((a, b) for a, b in zone if a <= s < b), None)
        if line is None:
            continue
        line_text = text[line[0] : line[1]]
        if e.date_start > today:
            notes.append(f"rejected {e.text!r}: in the future of the build")
            continue
        if _chrome(line_text):
            notes.append(f"rejected {e.text!r}: English page chrome ({line_text.strip()[:60]!r})")
            continue
        before = norm(text[max(body_start, line[0] - 80) : s]).lower()
        labelled = any(label in before for label in labels)
        if not labelled and not only_a_date(line_text):
            continue  # a date inside a sentence is content, not a dateline
        candidates.append((0 if labelled else 1, e))
    others = [e.date_start for e in explicit if e.date_start]
    kept = []
    for rank, e in candidates:
        rest = [d for d in others if d != e.date_start]
        if rest and e.date_start > max(rest) + LATE_BY:
            notes.append(f"rejected {e.text!r}: months after the article's other dates")
            continue
        kept.append((rank, e))
    if not kept:
        anchor = Anchor(None, "none", notes=notes)
    else:
        rank, best = min(kept, key=lambda k: (k[0], k[1].start))
        best = DateExpr(best.text, best.start + body_start, best.end + body_start, best.date_start, best.date_end,
                        best.precision, best.rule, best.warnings)
        anchor = Anchor(best.date_start, "dateline", best, notes)
    # what the text's weekday phrases say about P: with a day, a check; without one, a clue
    weekday, phrases = implied_weekday(everything, today)
    if weekday is not None:
        anchor.weekday = weekday
        names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
        if anchor.published and anchor.published.weekday() != weekday:
            anchor.notes.append(f"the text's weekdays ({', '.join(phrases)}) say it was written on a "
                                f"{names[weekday]}, but {anchor.published} is a {names[anchor.published.weekday()]}")
        elif not anchor.published:
            said = ", ".join(phrases)
            anchor.notes.append(f"its weekdays ({said}) say it was written on a {names[weekday]}")
    return anchor


def _has_year(e: DateExpr) -> bool:
    return "explicit year" in e.rule or "dateline" in e.rule or "numeric date" in e.rule
