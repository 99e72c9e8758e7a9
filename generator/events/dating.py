"""The day of a happening, not of the report (coding guide, "التاريخ").

In order: a date phrase in the trigger's clause, after the words of its report verb if it has
one ("أعلن الثلاثاء أن الشرطة اعتقلت": Tuesday is the report's day, from "report"); else the date
of the sentence's report verb or, when the sentence tells one happening, the sentence's one date
("ذكرت سانا أمس الثلاثاء أن القوات استعادت ...": the report's day, as ACLED codes it); a date
that belongs to another happening's clause of the same sentence is never borrowed; a date alone
in the clause right before the trigger's ("، أمس، عربة عسكرية وقتل") is its own. A happening with
none stays undated; the article stage may give it the date of the happening it continues.
"""

from __future__ import annotations

import datetime as dt

from ..dates import DateExpr
from ..normalize import norm
from ..read import Article
from .actors import report_end
from .model import Event
from .rules import rules
from .sentence import Found, Sentence

SINCE_WORDS = 10  # "وتحاصر القوات البلدة منذ أسبوع": a span since this near a trigger is its own


def date_of(s: Sentence, f: Found, dates: list[DateExpr], others: list[Found]) -> tuple[DateExpr | None, str]:
    """(the date, where it came from: clause / report / sentence / none) of happening `f`."""
    # ("طالبت بالإفراج عن خمس نساء مقابل إطلاق سراح ثلاثة عسكريين مخطوفين منذ سنة": a span since,
    # far after the trigger, tells how long the words before it have held, not when the trigger's was)
    dates = [d for d in dates if not (d.text.startswith(("منذ", "ومنذ"))
                                      and s.token_at(d.start) - f.last > SINCE_WORDS)]
    if not dates:
        return None, "none"
    c0, c1 = s.orig(f.c0), s.orig(f.c1)
    own = [d for d in dates if c0 <= d.start < c1]
    if own:
        trig = s.orig(f.first)
        said = report_end(s, f)[0]  # "أعلن الثلاثاء أن الشرطة اعتقلت": Tuesday is the report's day
        inside = [d for d in own if d.start >= said]
        return min(inside or own, key=lambda d: abs(d.start - trig)), "clause" if inside else "report"
    taken = [(s.orig(o.c0), s.orig(o.c1)) for o in others if o is not f]
    free = [d for d in dates if not any(a <= d.start < b for a, b in taken)]
    if not free:
        return None, "none"
    reported = [d for d in free if _after_report(s, d)]
    if reported:
        return reported[0], "report"
    if f.c0 > 0:  # "دمرت، أمس، عربة عسكرية وقتل من فيها": a date set off by commas right before the clause
        p0, _ = s.clause(f.c0 - 1)
        before = [d for d in free if s.orig(p0) <= d.start < c0]
        if before and not any(a <= d.start < b for d in before for a, b in taken):
            return before[-1], "clause"
    if len(free) == 1 and not taken:
        return free[0], "sentence"
    return None, "none"


def _after_report(s: Sentence, d: DateExpr) -> bool:
    """A date that qualifies a report verb: "أعلن اليوم أن"، "وذكرت الوكالة، أمس الثلاثاء، أن"."""
    from .rules import rules

    r = rules()
    k = s.token_at(d.start)
    return any(s.words[j] in r.reporting or s.stems[j] in r.reporting for j in range(max(0, k - 5), k))


def set_date(ev: Event, start: dt.date | None, end: dt.date | None, precision: str | None, text: str | None,
          rule: str | None, article: Article) -> None:
    """Give an event its date; what lies after the publication day is planned, or cut back to it."""
    ev.date_start, ev.date_end, ev.precision, ev.date_text, ev.date_rule = start, end, precision, text, rule
    ev.kind = "occurred"
    p = article.published
    if p and start and end:
        if start > p:
            ev.kind = "planned"
        elif end > p:  # "هذا العام" read in May: it happened by the publication day
            ev.date_end = p
            ev.notes.append(f"interval cut at the publication day {p}")


def since_start(s: Sentence, date: DateExpr) -> bool:
    """A date named after "منذ" ("منذ 26 مارس"، "منذ يوم الأحد"): where a period begins. (A span
    ago, "منذ ثلاثة أيام", holds "منذ" in its own text.)"""
    k = s.token_at(date.start)
    before = s.words[max(0, k - 2) : k]
    if before and before[-1] in ("يوم", "تاريخ"):
        before = before[:-1]
    return bool(before) and before[-1] in ("منذ", "ومنذ")


def of_a_state(s: Sentence, f: Found, date: DateExpr) -> bool:
    """Whether a relative or "كان" stands between the trigger and a "منذ" date: the date then begins
    another state ("السيطرة على ثلاثة مرتفعات كانت تسيطر عليها الميليشيات منذ منتصف يونيو")."""
    m = rules().modality
    return any(s.words[j] in m["relatives"] or s.words[j] in m["habitual"]
               for j in range(f.last + 1, min(s.token_at(date.start), len(s.words))))


SINCE_REACH = 31  # days: "منذ" a day this far back or nearer opens a span to P; further, a state of the war


def long_ago(date: DateExpr, article: Article) -> bool:
    p = article.published
    return p is not None and date.date_start is not None and (p - date.date_start).days > SINCE_REACH


def since_span(s: Sentence, f: Found, date: DateExpr, article: Article) -> bool:
    """Whether "منذ" and a day dates a happening told as going on ("اشتباكات يخوضها منذ أسبوع
    مسلحون"، "المعارك المستمرة منذ الخميس"): it covers the span up to P, not its first day."""
    words = norm(date.text).split()
    since = bool(words) and words[0] == "منذ" and (date.rule or "").startswith("offset") or since_start(s, date)
    return since and not long_ago(date, article) and s.has(rules().continuing, f.c0, f.c1)
    # (a month at most: "تمردها المستمر منذ ست سنوات" is a war's background, which the age rule drops)
