"""One entry per happening: the tellings of one article that tell the same thing become one event.

A later telling joins an earlier one when they are of one type, near in the text (or a reference
such as "الهجوم" with no day of its own, or a retelling at the same town), with compatible days,
places and actors; it adds its sentence as evidence and fills what the first left empty (coding
guide, "حدث واحد لكل واقعة"). A telling with no day takes the day of the happening its paragraph
or the lead opened with.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer import Gazetteer
from ..normalize import norm, normalize
from .arguments import FINENESS, POINT_KINDS, precision_of, site_precision, type_by_actor
from .model import VIOLENT, Event
from .rules import rules, stem
from .sides import one_side


@dataclass
class Told:
    """A happening as one sentence tells it, before the tellings of one happening are joined."""

    event: Event
    paragraph: int
    sentence: int  # its sentence's index in the article
    revised: bool  # its toll revises an earlier one ("ارتفعت الحصيلة إلى ...")
    reference: bool = False  # "الهجوم"، "هذا الاتفاق" with no day of its own: a happening told before
    # "غداة خطف ثمانية"، "أدان اختطاف الموظفين": a happening looked back to or reacted to, earlier than
    # the paragraph's own (it takes none of their days; the article may tell it in full later)
    earlier: bool = False
    definite: bool = False  # a definite trigger noun ("القصف"), with or without a day of its own
    beside: bool = False  # "مع استمرار الاشتباكات": another happening going on beside its sentence's verb's


GENERIC_ATTACK = {"هجوم", "هجمات", "اعتداء", "اعتداءات", "عمليه", "الحادث", "حادث", "جريمه"}


def _compatible_places(a: Event, b: Event, gaz: Gazetteer) -> bool:
    if not a.places or not b.places:
        return True
    return _contains(a.places[0].id, b.places[0].id, gaz) or _contains(b.places[0].id, a.places[0].id, gaz)


def _contains(outer: str, inner: str, gaz: Gazetteer) -> bool:
    """Whether place `inner` is `outer` or lies in it; a region ("ريف إدلب"، "شرق ليبيا") holds what
    lies in its parent, as the gazetteer's chains do not pass through regions."""
    if outer == inner:
        return True
    if inner not in gaz.places or outer not in gaz.places:
        return False
    up = {p.id for p in gaz.chain(inner)}
    o = gaz.places[outer]
    return outer in up or o.kind == "region" and o.parent in up


def _compatible_actors(a: Event, b: Event, gaz: Gazetteer | None = None, generic_aside: bool = False) -> bool:
    """Whether two tellings' actors can be of one happening: no actors, one in common or of one side.
    With `generic_aside`, a generic participant ("مدنيون"، "مسلحون مجهولون") of the later telling,
    which names no one in particular, is left out of the comparison."""
    generic = rules().generic_actors if generic_aside else {}
    x, y = {m.id for m in a.actors}, {m.id for m in b.actors if m.id not in generic}
    if not x or not y or x & y:
        return True
    if gaz is None:
        return False
    return one_side(gaz, x, y)


def _compatible_days(a: Event, b: Event) -> bool:
    if a.date_start is None or b.date_start is None:
        return True
    return a.date_start <= b.date_end and b.date_start <= a.date_end or _reported_later(a, b) or _reported_later(b, a)


REPORT_LAG = 7  # days: a report's day may follow the happening's own day by this much


def _reported_later(a: Event, b: Event) -> bool:
    """Whether `a` is dated only by its report's day ("أكد البنتاغون الاثنين أن الولايات المتحدة نفذت
    غارة") and `b`, the same happening told with its own day ("نفذت الجمعة"), a few days before it."""
    return a.date_from == "report" and b.date_from == "clause" and b.date_end is not None and \
        0 <= (a.date_start - b.date_end).days <= REPORT_LAG


GENERIC_EXPLOSION = "Remote explosive/landmine/IED"  # what an explosion with no device named is
REMOTE = {"Air/drone strike", "Shelling/artillery/missile attack"}  # (fired from afar, never planted)


def _same(first: Told, then: Told, gaz: Gazetteer) -> bool:
    """Whether two happenings of one article are one: one type (a killing joins the violence it is the
    toll of), near in the text (same or next paragraph, or the lead), compatible days, place, actors."""
    a, b = first.event, then.event
    close = then.paragraph - first.paragraph <= 1 or then.sentence - first.sentence <= 3
    one_sentence = a.evidence[0] == b.evidence[0]
    one_clause = a.start < b.end and b.start < a.end or one_sentence and _goes_on(a, b)
    one_dated = (a.date_start is None) != (b.date_start is None)
    # "التفجير" after "فجر انتحاري نفسه": a generic explosion is any explosion near it, and far in the
    # article when only one of them has a day of its own
    explosion = a.type == b.type and GENERIC_EXPLOSION in (a.sub_type, b.sub_type) and not (
        {a.sub_type, b.sub_type} & REMOTE and _planted(a if a.sub_type == GENERIC_EXPLOSION else b))
    same_kind = a.type == b.type and (a.sub_type == b.sub_type or a.type == "Battles" or one_clause) or close and (
        b.happening == "killing" and a.type in VIOLENT and b.type in VIOLENT  # the toll of the strike before it
        and a.happening not in ("arrest", "abduction")  # (not of a detention: "اعتقل ... وأعدمت 41")
        or b.happening == "withdrawal" and a.happening == "capture"  # "انسحب داعش" after the army took the town
    ) or explosion and (close or one_dated)
    if not (same_kind and _compatible_days(a, b)):
        return False
    if one_sentence and _told_as_another(b):
        return False  # "... في غارة ثانية على مزرعة": another strike than the one its sentence told
    if a.site and b.site and not _same_site(a.site, b.site):
        return False  # "قرب قرية إمام رضا" and "في منطقة وادي الحجر": two villages, two happenings
    if _looked_back_beside(first, then, first.earlier or then.earlier or first.beside or then.beside):
        return False
    if one_sentence and _compatible_actors(a, b, gaz):
        return True  # one sentence: "سيطرت على ... بعد اشتباكات"، "أعلن الأردن أنه اتفق ... في عمان"
    if then.definite and then.sentence - first.sentence == 1 and a.sub_type == b.sub_type and (
            a.date_start is not None and a.date_start == b.date_start) and _compatible_actors(a, b, gaz):
        return True  # "قصفت المدفعية أمس مواقع ... وانطلق القصف من مدينة ...": the next sentence's "the shelling"
    if not _compatible_places(a, b, gaz):
        return False
    near = close or first.paragraph == 0
    # far in the article, only a reference ("هذا الهجوم", "التفجير") with no day of its own, or a
    # telling of the same day and place, is the same happening
    far_ok = (then.reference and b.date_start is None) or (first.earlier and a.date_start is None) or (
        a.date_start is not None and a.date_start == b.date_start and bool(a.places) and bool(b.places))
    # an undated retelling at the same town (or at an admin unit the town lies in): its victims told
    # as "مدنيون" where the first telling named them ("قوات الطوارئ") are no other happening's (a
    # first telling with only "مدنيون" is no licence for a later one's actors)
    at_the_town = one_dated and (a.sub_type == b.sub_type or explosion) and _point_within(a, b, gaz)
    if b.happening == "withdrawal" and a.happening == "capture":
        # "سيطر الجيش على المدينة ... انسحب عناصر داعش منها": the other side's withdrawal, the same happening
        return near  # (whoever withdrew: the town changed hands once)
    return (near or far_ok) and _compatible_actors(a, b, gaz) or at_the_town and _compatible_actors(
        a, b, gaz, generic_aside=not _country_wide(a, gaz) and not _country_wide(b, gaz))


def _looked_back_beside(first: Told, then: Told, looked_back: bool) -> bool:
    """Whether two tellings of one sentence, one of them a happening it looks back to (`looked_back`),
    are of other kinds ("وتواصلت المعارك ... بعد سيطرة المعارضة على": the capture before the fighting):
    two happenings."""
    return looked_back and first.event.evidence[0] == then.event.evidence[0] \
        and first.event.sub_type != then.event.sub_type


def _other_side(capture: Event, withdrawal: Event, gaz: Gazetteer) -> bool:
    """Whether who withdrew (named) is not of the capturer's side (named): the one who lost the town."""
    return not one_side(gaz, {m.id for m in capture.actor1}, {m.id for m in withdrawal.actor1})


def _told_as_another(ev: Event) -> bool:
    """Whether its clause names it with a word saying it is another one ("في غارة ثانية"، "هجوم آخر"):
    a happening's noun (its trigger, or the strike a toll's verb was told by) followed by one."""
    r = rules()
    return any(nxt in r.another_after and w in r.triggers
               for w, nxt in itertools.pairwise(_clause_stems(ev.article.text, ev.start, ev.end)))


def _planted(ev: Event) -> bool:
    """Whether an explosion's clause names a planted or driven bomb ("انفجار السيارة المفخخة"): not
    the blast of a strike or a shell told before it."""
    return not rules().planted.isdisjoint(_clause_stems(ev.article.text, ev.start, ev.end))


@lru_cache(maxsize=4096)
def _clause_stems(text: str, start: int, end: int) -> tuple[str, ...]:
    """The stems of the words of text[start:end] (an event's clause), made once for the pairs of
    tellings `_same` compares (an article's text hashes once: Python keeps a str's hash)."""
    return tuple(stem(w) for w in normalize(text[start:end]).text.split())


def _same_site(x: str, y: str) -> bool:
    """Whether two sites' names (their place word aside) can name one site: the words of one are
    among the other's ("مسجد الإمام الصادق" and "مسجد الصادق")."""
    a, b = set(norm(x).split()[1:]), set(norm(y).split()[1:])
    return a <= b or b <= a


def _country_wide(ev: Event, gaz: Gazetteer) -> bool:
    """Whether an event is placed at a whole country (the text gave nothing finer)."""
    return bool(ev.places) and ev.places[0].id in gaz.places and gaz.places[ev.places[0].id].kind == "country"


def _point_within(a: Event, b: Event, gaz: Gazetteer) -> bool:
    """Whether one of them happens at a town, village or finer place and the other at the same place
    or at an admin unit or country its chain passes through ("أبها" and "منطقة عسير"; not a region
    such as "شمال سوريا", which the chains do not pass through)."""
    if not (a.places and b.places) or a.places[0].id not in gaz.places or b.places[0].id not in gaz.places:
        return False
    pa, pb = a.places[0].id, b.places[0].id
    return any(gaz.places[inner].kind in POINT_KINDS and outer in {p.id for p in gaz.chain(inner)}
               for inner, outer in ((pa, pb), (pb, pa)))


def _goes_on(a: Event, b: Event) -> bool:
    """Whether b's clause, right after a's, goes on with a's happening: "وقتل ثلاثة جنود، في تفجير
    سيارة مفخخة يقودها انتحاري" (opened by a preposition or by its own trigger noun)."""
    text = a.article.text
    if not 0 <= b.start - a.end <= 2 or text[a.end : b.start].strip():
        return False
    first = norm(text[b.start : b.end].split(maxsplit=1)[0]) if text[b.start : b.end].strip() else ""
    r = rules()
    return first in r.instrument_openers or b.trigger_at == b.start or (
        first[:1] == "ب" and stem(first[1:]) in r.triggers)


def _refers_to(first: Told, ref: Told, gaz: Gazetteer) -> bool:
    """Whether a reference ("الهجوم"، "التفجير") can be to an earlier happening: one type (for "the
    attack", any violence). A country is not asked ("وأدانت الولايات المتحدة التفجير" names the
    condemner's), but a finer place of its own clause that cannot be the earlier one's is."""
    a, b = first.event, ref.event
    if _looked_back_beside(first, ref, ref.earlier):
        return False
    pa, pb = _province(a, gaz), _province(b, gaz)
    if b.place_how == "clause" and pa and pb and pa != pb:
        return False  # "تستمر الاشتباكات في ريف حمص" is no telling of the battle for Idlib's towns
    return a.type == b.type or (a.type in VIOLENT and b.type in VIOLENT and stem_of(b.trigger) in GENERIC_ATTACK)


def _province(ev: Event, gaz: Gazetteer) -> str | None:
    """The governorate (admin1) the event's place lies in, when its chain has one."""
    pid = ev.places[0].id if ev.places else None
    return next((p.id for p in gaz.chain(pid) if p.kind == "governorate"), None) if pid in gaz.places else None


def stem_of(word: str) -> str:
    from .rules import stem

    return stem(normalize(word).text)


def one_per_happening(told: list[Told], gaz: Gazetteer) -> list[Event]:
    out: list[Told] = []
    for t in told:
        host = next((h for h in reversed(out) if _same(h, t, gaz)), None)
        if host is None and t.reference:
            host = next((h for h in reversed(out) if _refers_to(h, t, gaz)), None)
        if host is None:
            if t.event.date_start is None and not t.earlier:
                _carry_date(t, out)
            out.append(t)
        else:
            _absorb(host.event, t, gaz)
    # a reference or a reaction told before the happening's own telling ("ودانت الجامعة العربية القصف
    # التركي" before the strikes are told) joins the first later telling it can refer to
    for t in [t for t in out if t.reference and t.event.date_start is None]:
        # (near it, a telling of any violence it can refer to; further on, only one of its sub-type)
        later = next((h for h in out if h.event.start > t.event.start and not h.reference and (
                          h.event.sub_type == t.event.sub_type or h.event.type in VIOLENT and (
                              h.paragraph - t.paragraph <= 1 or h.sentence - t.sentence <= 3))
                      and _compatible_places(h.event, t.event, gaz) and _compatible_actors(h.event, t.event, gaz)
                      and _refers_to(h, t, gaz)), None)
        if later is not None:
            _absorb(later.event, t, gaz)
            out.remove(t)
    return [t.event for t in out]


def _family(a: Event, b: Event) -> bool:
    return a.type == b.type or (a.type in VIOLENT and b.type in VIOLENT)


def _carry_date(t: Told, before: list[Told]) -> None:
    """A happening with no day of its own takes the day of the one its paragraph opened with, or of
    the article's lead when it goes on from it ("قتل 30 في سلسلة تفجيرات أول من أمس ... كما انفجرت
    سيارة مفخخة في الزعفرانية"): the date a lead states carries to what continues it."""
    dated = [h for h in before if h.event.date_start is not None and _family(h.event, t.event)
             and 0 <= t.paragraph - h.paragraph <= 1]
    if not dated or _going_on(t.event):
        return  # ("تستمر المعارك": fighting told as going on has no one day to take)
    source = dated[-1]
    e, s = t.event, source.event
    e.date_start, e.date_end, e.precision, e.date_text, e.date_rule, e.kind = (
        s.date_start, s.date_end, s.precision, s.date_text, s.date_rule, s.kind)
    e.date_from = "paragraph"


def _going_on(ev: Event) -> bool:
    """Whether the event's clause tells it as going on ("تستمر المعارك"، "المواجهات المتواصلة")."""
    return bool(rules().continuing.intersection(normalize(ev.article.text[ev.start : ev.end]).text.split()))


def _absorb(host: Event, t: Told, gaz: Gazetteer) -> None:
    """Fold a later telling of the same happening into the first: its evidence, and what it adds."""
    ev = t.event
    if host.happening in rules().classes and rules().classes[host.happening].gives_way_to == ev.happening:
        # "واصلت المقاومة تقدمها ... حيث فرضت سيطرتها على زنجبار": the advance came to a capture
        host.happening, host.trigger, host.trigger_at = ev.happening, ev.trigger, ev.trigger_at
        host.type, host.sub_type = type_by_actor(ev.happening, host.actor1, host.places, gaz) or (ev.type, ev.sub_type)
    if host.sub_type == GENERIC_EXPLOSION and ev.type == host.type and ev.sub_type != host.sub_type:
        host.sub_type = ev.sub_type  # "تفجير سيارة مفخخة يقودها انتحاري": the finer kind of explosion
    if ev.evidence[0] not in host.evidence:
        host.evidence.append(ev.evidence[0])
    if ev.date_start is not None and (host.date_start is None or _reported_later(host, ev)):
        for k in ("date_start", "date_end", "precision", "date_text", "date_rule", "kind"):
            setattr(host, k, getattr(ev, k))  # (a report's day gives way to the happening's own)
        host.date_from = "elaboration" if ev.date_from == "clause" else ev.date_from
    if ev.places and (not host.places or _inside(ev.places[0].id, host.places[0].id, gaz) and FINENESS.get(
            gaz.places[ev.places[0].id].kind, 9) < FINENESS.get(gaz.places[host.places[0].id].kind, 9)):
        host.places = ev.places + [m for m in host.places if m.id not in {p.id for p in ev.places}]
        host.geo_precision = precision_of(host.places[0], gaz)
        host.place_how = "a later sentence"
    had_actor1 = bool(host.actor1)
    if ev.happening == "withdrawal" and host.happening == "capture" and host.actor1 and not host.actor2 \
            and ev.actor1 and _other_side(host, ev, gaz):
        host.actor2.extend(m for m in ev.actor1 if m.id not in {x.id for x in host.actor1})  # who lost the town
    for side in ("actor1", "actor2"):  # a later telling fills a side the first left empty, no more
        have = {m.id for m in host.actor1 + host.actor2}  # (its other actors are often the speakers')
        if not getattr(host, side):
            getattr(host, side).extend(m for m in getattr(ev, side) if m.id not in have)
    if not had_actor1 and host.actor1:
        _retype(host, gaz)  # "سيطرة قواته" told first, "الفرقة الذهبية" later: the state regains
    if host.site is None and ev.site and (not host.places or not ev.places or host.places[0].id == ev.places[0].id):
        host.site, host.geo_precision = ev.site, site_precision(ev.site, host.geo_precision)
    host.actors = host.actor1 + [m for m in host.actor2 if m.id not in {x.id for x in host.actor1}]
    # a revised toll replaces the earlier one; otherwise the tellings' figures differ because a lead
    # sums several happenings or a party claims more: the lower one stands (ACLED codes conservatively)
    if t.revised and ev.fatalities is not None:
        host.fatalities = ev.fatalities
    elif ev.fatalities is not None:
        host.fatalities = ev.fatalities if host.fatalities is None else min(host.fatalities, ev.fatalities)
    if ev.injured is not None:
        host.injured = ev.injured if host.injured is None else min(host.injured, ev.injured)
    if ev.combined is not None and host.fatalities is None and host.injured is None:
        host.combined = max(host.combined or 0, ev.combined)
    host.casualty_text.extend(ev.casualty_text)
    host.sources = sorted(set(host.sources) | set(ev.sources))


def _inside(pid: str, host: str, gaz: Gazetteer) -> bool:
    """Whether place `pid` lies in the host's governorate (its country when it has none): a later
    telling names a finer place of the same happening ("في ريف إدلب" then "في بلدة كفرنبل"), not a
    town elsewhere that its sentence names for something else."""
    if pid not in gaz.places or host not in gaz.places:
        return False
    area = next((p.id for p in gaz.chain(host) if p.kind in ("governorate", "country")), host)
    return area in {p.id for p in gaz.chain(pid)}


def _retype(ev: Event, gaz: Gazetteer) -> None:
    """The sub-type that depends on who acted (a capture by the state is "Government regains
    territory"), once a later telling has named actor1."""
    c = rules().classes.get(ev.happening)
    if c is None or (ev.type, ev.sub_type) != (c.type, c.sub_type):
        return  # typed by its instrument or its target already
    ev.type, ev.sub_type = type_by_actor(ev.happening, ev.actor1, ev.places, gaz) or (ev.type, ev.sub_type)


def same_day_and_place(events: list[Event], gaz: Gazetteer) -> list[Event]:
    """Once the article has lent days and places to what its clauses left unsaid: violent events of
    one sub-type on the same days at the same place, with actors of one happening, are one (ACLED
    codes one event per day, location and pair of actors); a later one folds into the first."""
    out: list[Event] = []
    for ev in events:
        host = next((h for h in out if h.type in VIOLENT and h.type == ev.type and h.sub_type == ev.sub_type
                     and h.date_start is not None and (h.date_start, h.date_end) == (ev.date_start, ev.date_end)
                     and h.places and ev.places and h.places[0].id == ev.places[0].id
                     and not (h.site and ev.site and not _same_site(h.site, ev.site))
                     and _compatible_actors(h, ev, gaz)), None)
        if host is None:
            out.append(ev)
            continue
        _absorb(host, Told(ev, 0, 0, False), gaz)
        host.evidence.extend(e for e in ev.evidence if e not in host.evidence)
    return out
