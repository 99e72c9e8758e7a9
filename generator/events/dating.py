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

from ..dates import DateExpr
from .actors import report_end
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
