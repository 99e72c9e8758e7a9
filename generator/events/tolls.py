"""Which happening a sentence's figures belong to: a clause's own toll, a toll told in a clause of its
own beside the happening ("قتل 8 مسلحين، في كمين"), and a later sentence that revises a toll or names
the happening before its figures ("وارتفعت الحصيلة إلى 30"، "نتج عن الحادث استشهاد 12"). The figures
themselves are read by casualties.toll."""

from __future__ import annotations

from .casualties import Toll, toll
from .model import VIOLENT, Event
from .rules import rules
from .sentence import Found, Sentence


def figures_of(s: Sentence, f: Found, found: list[Found]) -> Toll:
    """The toll of happening `f`: its clause's, else the sentence's when it tells only `f`, else an
    orphan clause's; a figure its clause lacks may come from an orphan clause ("قتل 19 شخصاً ...
    فيما أصيب 163 آخرون بجروح")."""
    figures = toll(s.words, f.c0, f.c1)
    if not figures:
        return toll(s.words) if len(found) == 1 else orphan_toll(s, f, found)
    if figures.combined is None and (figures.killed is None or figures.injured is None):
        # (a sentence telling only `f` lends it the figures its clause lacks: "إن 28 عنصراً ... و18 مقاتلاً
        # من التنظيم، قتلوا وأصيب 27 ... في معارك": the dead stand in a clause of their own)
        more = toll(s.words) if len(found) == 1 else orphan_toll(s, f, found)
        if more.combined is None and (figures.killed is None and more.killed is not None
                                      or figures.injured is None and more.injured is not None):
            figures.killed = figures.killed if figures.killed is not None else more.killed
            figures.injured = figures.injured if figures.injured is not None else more.injured
            figures.said += more.said
    return figures


def orphan_toll(s: Sentence, f, found: list) -> Toll:
    """A toll told in a clause of its own, with no happening there ("فجر انتحاري نفسه في مسجد ...،
    ونتج عن الحادثة استشهاد 12"، "قتل 8 مسلحين، في كمين"): it is the toll of the nearest happening
    before it in the sentence, else of the nearest after it. The figures `f` owns so, or none."""
    spans, k = [], 0
    while k < len(s.words):
        spans.append(s.clause(k))
        k = spans[-1][1]
    ordered = sorted(found, key=lambda o: o.first)
    owner_of = [next((o for o in ordered if lo <= o.first < hi), None) for lo, hi in spans]
    mine = []  # the orphan clauses f owns, as runs of neighbours ("12 من رجال الأمن، وثلاثة من العاملين")
    for i, (lo, hi) in enumerate(spans):
        if owner_of[i] is not None:
            continue
        before = next((owner_of[j] for j in range(i - 1, -1, -1) if owner_of[j] is not None), None)
        owner = before or next((owner_of[j] for j in range(i + 1, len(spans)) if owner_of[j] is not None), None)
        if owner is f and mine and mine[-1][1] == lo:
            mine[-1][1] = hi
        elif owner is f:
            mine.append([lo, hi])
    for lo, hi in mine:
        # (an orphan clause right after f's own: read with it, as the verb's object may stand a comma
        # after it: "أعدمت لجنة الإعدامات ... أمس رمياً بالرصاص، 41 طفلاً من مسلحيه")
        figures = toll(s.words, lo, hi) or (toll(s.words, f.c0, hi) if lo == f.c1 else Toll())
        if figures:
            return figures
    return Toll()


def revise(events: list[Event], paragraph_of: dict, para: int, s0: int, e0: int, s: Sentence, text: str) -> None:
    """A sentence that tells no happening but revises a toll ("وارتفعت حصيلة القتلى لاحقاً إلى 30
    قتيلاً") revises the violent happening told last before it, in its paragraph or the one before;
    one that names the happening by a word for it before its figure ("نتج عن الحادث استشهاد 12 وإصابة
    تسعة") gives it the figures its tellings left unsaid (it may be the article's only one before)."""
    figures = toll(s.words)
    r = rules()
    if figures.killed is None and (figures.revised or figures.injured is None) or s.phrase_in(r.aggregate) \
            or max(figures.killed or 0, figures.injured or 0) >= r.aggregate_toll:
        return  # ("ارتفع عدد القتلى منذ بداية الحرب إلى 250 ألفاً": a war's count, no happening's)
    if not figures.revised and not (figures.said and s.has(r.toll_references, figures.said[0][0] - 6,
                                                           figures.said[0][0])):
        return
    # (told before it, maybe again after: "ولا يزال الحادث محل متابعة")
    violent = [ev for ev in events if min(a for a, _ in ev.evidence) < s0 and ev.type in VIOLENT]
    before = [ev for ev in violent if para - 1 <= paragraph_of[id(ev)] <= para] or (
        violent if len(violent) == 1 and not figures.revised else [])
    if not before:
        return
    # (the last told: in one sentence, the one whose trigger comes last)
    ev = max(before, key=lambda e: (max(a for a, _ in e.evidence if a < s0), e.trigger_at))
    if figures.revised:
        ev.fatalities = figures.killed
        if figures.injured is not None:
            ev.injured = figures.injured
    elif ev.combined is None:  # what the tellings left unsaid
        ev.fatalities = ev.fatalities if ev.fatalities is not None else figures.killed
        ev.injured = ev.injured if ev.injured is not None else figures.injured
    ev.evidence.append((s0, e0))
    ev.casualty_text += [text[s.orig(i) : s.orig_end(j - 1)] for i, j in figures.said]
