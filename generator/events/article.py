"""The events of one article: its happenings, their arguments, one entry per happening.

Every sentence that is not page furniture, the title or a foot-of-page link line is read for
happenings (sentence.py); each gets its date (dating.py), arguments and type (arguments.py) and
toll (casualties.py). Then the happenings of the article that tell the same thing (the lead and
the sentences that go on about it: one type, compatible days, places and actors) become one event
with every sentence as evidence (coding guide, "حدث واحد لكل واقعة").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left
from dataclasses import dataclass

from ..dates import DateExpr
from ..entities import Candidate, Mention
from ..furniture import in_furniture
from ..gazetteer import Gazetteer
from ..normalize import Normalized, norm, normalize
from ..read import Article
from ..segment import paragraphs, sentences
from .arguments import FINENESS, PARTIES, POINT_KINDS, allied, arguments, precision_of, resolve_type
from .casualties import Toll, toll
from .dating import date_of
from .model import Event
from .rules import rules, stem
from .sentence import Sentence, find_happenings


@dataclass
class Told:
    """A happening as one sentence tells it, before the tellings of one happening are joined."""

    event: Event
    paragraph: int
    sentence: int  # its sentence's index in the article
    revised: bool  # its toll revises an earlier one ("ارتفعت الحصيلة إلى ...")
    reference: bool = False  # "الهجوم"، "هذا الاتفاق" with no day of its own: a happening told before


def _event_id(article: Article, start: int, end: int) -> str:
    """Stable while the article's text does not change: its hash and the clause's place in it."""
    return "ev-" + hashlib.sha1(f"{article.sha256}:{start}:{end}".encode()).hexdigest()[:12]


def _within(items: list, starts: list[int], s: int, e: int) -> list:
    """The items (sorted by start) that start in [s, e): a bisect, not a scan, for long articles."""
    return items[bisect_left(starts, s) : bisect_left(starts, e)]


def link_lines(text: str, body_start: int) -> set[int]:
    """Starts of the lines that are links to other articles at the foot of a page: short lines with no
    full stop, two or more in a row, in the last part of the body (event_rules.yaml, link_lines)."""
    cfg = rules().link_lines
    lines = paragraphs(text, body_start)
    tail = len(lines) - max(int(len(lines) * cfg["tail"]), 2)
    short = [i for i, (s, e) in enumerate(lines) if i >= tail and len(text[s:e].split()) <= cfg["max_words"]
             and not text[s:e].rstrip().endswith((".", "!", "؟", "?", ":", "»", '"'))]
    out: set[int] = set()
    for i in short:
        if i - 1 in short or i + 1 in short:
            out.add(lines[i][0])
    return out


def article_events(article: Article, dates: list[DateExpr], mentions: list[Mention],
                   gazetteer: Gazetteer, normalized: Normalized | None = None,
                   candidates: list[Candidate] | None = None) -> list[Event]:
    """The events one article tells. `dates`, `mentions` and `candidates` (places the gazetteer
    lacks) carry offsets into article.text; `normalized` is the body normalized, when the taggers
    already did it."""
    text, bs = article.text, article.body_start
    body = normalized or normalize(article.body)
    title = article.title_span
    resolved = sorted((d for d in dates if d.date_start and not d.vague), key=lambda d: d.start)
    date_starts = [d.start for d in resolved]
    mentions = sorted(mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]
    candidates = sorted(candidates or [], key=lambda c: c.start)
    candidate_starts = [c.start for c in candidates]
    furniture_starts = [f.start for f in article.furniture]
    links = link_lines(text, bs)
    para_starts = [p[0] for p in paragraphs(text, bs)]
    r = rules()
    told: list[Told] = []
    spans = sentences(text, bs)
    if _opinion_piece(body, bs, spans, r):
        return []  # a column in the first person plural: its "انفجار" and "تحرير" are figures of speech
    for n, (s0, e0) in enumerate(spans):
        if in_furniture(article.furniture, s0, e0, furniture_starts) or (title and s0 <= title[0] < e0):
            continue
        para = max(0, bisect_left(para_starts, s0 + 1) - 1)
        if para_starts and para_starts[para] in links:
            continue
        s = Sentence(body, bs, s0, e0)
        if not any(st in r.triggers for st in s.stems) and not any(
                w[:1] in "وف" and stem(w[1:]) in r.triggers for w in s.words):
            continue
        if s.phrase_in(r.scripture):
            continue  # a verse quoted: its verbs are not the news
        sentence_dates = _within(resolved, date_starts, s0, e0)
        in_sentence = _within(mentions, mention_starts, s0, e0)
        # a trigger inside a date ("فجر الأحد") or an actor's name ("فجر ليبيا"، "هيئة تحرير الشام") is none
        s.block_dates([(d.start, d.end) for d in sentence_dates]
                      + [(m.start, m.end) for m in in_sentence if m.kind == "actor" and not m.inferred])
        found = find_happenings(s)
        if not found:
            continue
        for f in found:
            args = arguments(s, f, in_sentence, gazetteer, _within(candidates, candidate_starts, s0, e0))
            type_, sub = resolve_type(f, args, gazetteer)
            date, how = date_of(s, f, sentence_dates, found)
            figures = toll(s.words, f.c0, f.c1) or (toll(s.words) if len(found) == 1 else _orphan_toll(s, f, found))
            a, b = s.orig(f.c0), s.orig(f.c1)
            ev = Event(
                id=_event_id(article, a, b), date_start=None, date_end=None, precision=None, kind="reported",
                date_text=None, date_rule=None, type=type_, sub_type=sub, places=args.places,
                actors=args.actor1 + [m for m in args.actor2 if m not in args.actor1], fatalities=figures.killed,
                injured=figures.injured, casualty_text=figures.said, article=article, start=a, end=b,
                sentence=text[s0:e0], date_from=how, happening=f.cls,
                trigger=text[s.orig(f.first) : s.orig_end(f.last)],
                trigger_at=s.orig(f.first), actor1=args.actor1, actor2=args.actor2, sources=sorted(set(args.sources)),
                geo_precision=args.geo_precision, place_how=args.place_how, evidence=[(s0, e0)], site=args.site,
                combined=figures.combined, note=_note(text[a:b]),
            )
            reacted = _reaction(s, f)  # "وأدان أمس اختطاف الموظفين": the day is the condemnation's,
            if reacted:  # and who condemns is no party to it
                ev.actor1 = [m for m in ev.actor1 if m.start > ev.trigger_at]
                ev.actors = ev.actor1 + [m for m in ev.actor2 if m not in ev.actor1]
            # "ويأتي الهجوم غداة خطف ثمانية": an earlier happening looked back to takes no day but its own
            reacted |= how != "clause" and bool(r.looking_back.intersection(s.words[max(0, f.c0 - 1) : f.c0 + 1]))
            if date is not None and not (reacted and date.start < ev.trigger_at):  # ("ندد بالهجوم الذي
                # أوقع أمس 30 قتيلاً": a day after the trigger is the happening's own)
                _date(ev, date.date_start, date.date_end, date.precision, date.text, date.rule, article)
            if f.status == "future" and ev.kind != "planned":
                continue  # told in the future with no stated day after P: a plan, no happening
            if _background(s, f, ev, how, article) or f.status == "since" and how != "clause":
                continue
            if max(figures.killed or 0, figures.injured or 0, figures.combined or 0) >= r.aggregate_toll:
                continue  # "20 ألف جريح": a count over months, not one happening
            if f.cls == "decision" and not any(_speaks_for_party(gazetteer, m.id) for m in args.actor1):
                continue  # a demand or decision is news when a party to the conflict makes it
            told.append(Told(ev, para, n, figures.revised, reacted or _reference(s, f) and how != "clause"))
    events = _one_per_happening(told, gazetteer)
    for ev in events:
        if not ev.places:
            _country_place(ev, mentions, gazetteer)
        if ev.type in ("Battles", "Explosions/Remote violence") and ev.actor1 and not ev.actor2:
            _implied_enemy(ev, mentions, gazetteer)
    return events


def _speaks_for_party(gaz: Gazetteer, actor_id: str) -> bool:
    """A party to the conflict, or a person holding an office of one (a president, a minister)."""
    a = gaz.actors.get(actor_id)
    return a is not None and (a.kind in PARTIES or any(
        r.of in gaz.actors and gaz.actors[r.of].kind in PARTIES for r in a.roles))


BACKGROUND_AGE = dt.timedelta(days=60)
OPINION_SHARE = 0.3  # of an article's sentences in the first person plural, outside quotes: a column


def _orphan_toll(s: Sentence, f, found: list) -> Toll:
    """A toll told in a clause of its own, with no happening there ("فجر انتحاري نفسه في مسجد ...،
    ونتج عن الحادثة استشهاد 12"، "قتل 8 مسلحين، في كمين"): it is the toll of the nearest happening
    before it in the sentence, else of the nearest after it. The figures `f` owns so, or none."""
    spans, k = [], 0
    while k < len(s.words):
        spans.append(s.clause(k))
        k = spans[-1][1]
    owner_of = [next((o for o in sorted(found, key=lambda o: o.first) if lo <= o.first < hi), None) for lo, hi in spans]
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
        figures = toll(s.words, lo, hi)
        if figures:
            return figures
    return Toll()


def _opinion_piece(body: Normalized, bs: int, spans: list[tuple[int, int]], r) -> bool:
    """An opinion column: many of its sentences speak as "we" ("أصبحنا"، "بيننا"، "نحن") and report no one."""
    if len(spans) < 4:
        return False
    ours = 0
    for s0, e0 in spans:
        words = body.between(s0 - bs, e0 - bs).split()
        if any(w in r.reporting for w in words):
            continue
        if any(w == "نحن" or (len(w) > 4 and w.endswith("نا") and w not in ("احيانا", "ايضا")) for w in words):
            ours += 1
    return ours >= OPINION_SHARE * len(spans) and ours >= 3
GENERIC_ATTACK = {"هجوم", "هجمات", "اعتداء", "اعتداءات", "عمليه", "الحادث", "حادث", "جريمه"}


def _reference(s: Sentence, f) -> bool:
    """A definite noun trigger ("الهجوم"، "هذا الاتفاق"، "التفجير"): it names a happening, often one
    the article has told already."""
    w = s.words[f.first].lstrip("وف")
    w = w[1:] if w[:1] in "بل" and w[1:3] == "ال" else w
    return not f.trigger.verb and (w.startswith("ال") or w.startswith("لل") or (
        f.first > 0 and s.words[f.first - 1] in ("هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين")))


def _reaction(s: Sentence, f) -> bool:
    """A happening named as what a party condemns or welcomes ("أدان اختطاف"، "رحبت باتفاق"): it is
    real, but told on its own day elsewhere; the reaction's day is not its day."""
    reactions = rules().reactions
    return any(s.stems[j] in reactions or s.words[j] in reactions for j in range(f.c0, f.first))


def _background(s: Sentence, f, ev: Event, how: str, article: Article) -> bool:
    """A happening told as background: in a relative clause with no date of its own ("الذي سيطر على
    مساحات واسعة"), or dated only to a month, season or year long before the publication day ("بعض
    الأراضي التي خسرتها العام الماضي"): the history the news is set in, not the news."""
    r = rules()
    if how != "clause" and any(s.words[j] in r.modality["relatives"] for j in range(max(0, f.first - 3), f.first)):
        return True
    p = article.published
    return bool(p and ev.date_end and ev.precision in ("month", "season", "year", "week")
                and ev.date_end < p - BACKGROUND_AGE)


def _note(clause: str) -> str:
    return " ".join(clause.split())[:240]


def _date(ev: Event, start: dt.date | None, end: dt.date | None, precision: str | None, text: str | None,
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


# --- one entry per happening -----------------------------------------------------------------------


def _compatible_places(a: Event, b: Event, gaz: Gazetteer) -> bool:
    if not a.places or not b.places:
        return True
    ids_a = {p.id for m in a.places[:1] if m.id in gaz.places for p in gaz.chain(m.id)}
    ids_b = {p.id for m in b.places[:1] if m.id in gaz.places for p in gaz.chain(m.id)}
    return a.places[0].id in ids_b or b.places[0].id in ids_a


def _side(gaz: Gazetteer, actor_id: str) -> set[str]:
    """An actor and those it speaks for: what it is part of, the office a person holds, the country."""
    out, todo = set(), [actor_id]
    while todo:
        x = todo.pop()
        a = gaz.actors.get(x)
        if x in out:
            continue
        out.add(x)
        if a:
            todo += [y for y in (a.part_of, a.country, *(r.of for r in a.roles)) if y]
    return out


def _compatible_actors(a: Event, b: Event, gaz: Gazetteer | None = None) -> bool:
    x, y = {m.id for m in a.actors}, {m.id for m in b.actors}
    if not x or not y or x & y:
        return True
    if gaz is None:
        return False
    sx = set().union(*(_side(gaz, i) for i in x))
    return bool(sx & set().union(*(_side(gaz, i) for i in y)))


def _compatible_days(a: Event, b: Event) -> bool:
    if a.date_start is None or b.date_start is None:
        return True
    return a.date_start <= b.date_end and b.date_start <= a.date_end


GENERIC_EXPLOSION = "Remote explosive/landmine/IED"  # what an explosion with no device named is
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _same(first: Told, then: Told, gaz: Gazetteer) -> bool:
    """Whether two happenings of one article are one: one type (a killing joins the violence it is the
    toll of), near in the text (same or next paragraph, or the lead), compatible days, place, actors."""
    a, b = first.event, then.event
    close = then.paragraph - first.paragraph <= 1 or then.sentence - first.sentence <= 3
    one_sentence = a.evidence[0] == b.evidence[0]
    one_clause = a.start < b.end and b.start < a.end or one_sentence and _goes_on(a, b)
    same_kind = a.type == b.type and (a.sub_type == b.sub_type or a.type == "Battles" or one_clause) or close and (
        b.happening == "killing" and a.type in VIOLENT and b.type in VIOLENT  # the toll of the strike before it
        or b.happening == "withdrawal" and a.happening == "capture")  # "انسحب داعش" after the army took the town
    if not (same_kind and _compatible_days(a, b)):
        return False
    if one_sentence and _compatible_actors(a, b, gaz):
        return True  # one sentence: "سيطرت على ... بعد اشتباكات"، "أعلن الأردن أنه اتفق ... في عمان"
    if not _compatible_places(a, b, gaz):
        return False
    near = close or first.paragraph == 0
    # far in the article, only a reference ("هذا الهجوم", "التفجير") with no day of its own, or a
    # telling of the same day and place, is the same happening
    far_ok = (then.reference and b.date_start is None) or (
        a.date_start is not None and a.date_start == b.date_start and bool(a.places) and bool(b.places)) or (
        (a.date_start is None) != (b.date_start is None) and a.sub_type == b.sub_type and _same_point(a, b, gaz))
    return _compatible_actors(a, b, gaz) and (near or far_ok)


def _same_point(a: Event, b: Event, gaz: Gazetteer) -> bool:
    """Whether both happen at one town, village or finer place (not a region or a country)."""
    return bool(a.places and b.places) and a.places[0].id == b.places[0].id and (
        gaz.places[a.places[0].id].kind in POINT_KINDS if a.places[0].id in gaz.places else False)


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


def _one_per_happening(told: list[Told], gaz: Gazetteer) -> list[Event]:
    out: list[Told] = []
    for t in told:
        host = next((h for h in reversed(out) if _same(h, t, gaz)), None)
        if host is None and t.reference:
            host = next((h for h in reversed(out) if _refers_to(h, t, gaz)), None)
        if host is None:
            if t.event.date_start is None:
                _carry_date(t, out)
            out.append(t)
        else:
            _absorb(host.event, t, gaz)
    return [t.event for t in out]


def _family(a: Event, b: Event) -> bool:
    return a.type == b.type or (a.type in VIOLENT and b.type in VIOLENT)


def _carry_date(t: Told, before: list[Told]) -> None:
    """A happening with no day of its own takes the day of the one its paragraph opened with, or of
    the article's lead when it goes on from it ("قتل 30 في سلسلة تفجيرات أول من أمس ... كما انفجرت
    سيارة مفخخة في الزعفرانية"): the date a lead states carries to what continues it."""
    dated = [h for h in before if h.event.date_start is not None and _family(h.event, t.event)
             and 0 <= t.paragraph - h.paragraph <= 1]
    if not dated:
        return
    source = dated[-1]
    e, s = t.event, source.event
    e.date_start, e.date_end, e.precision, e.date_text, e.date_rule, e.kind = (
        s.date_start, s.date_end, s.precision, s.date_text, s.date_rule, s.kind)
    e.date_from = "paragraph"


def _absorb(host: Event, t: Told, gaz: Gazetteer) -> None:
    """Fold a later telling of the same happening into the first: its evidence, and what it adds."""
    ev = t.event
    if host.sub_type == GENERIC_EXPLOSION and ev.type == host.type and ev.sub_type != host.sub_type:
        host.sub_type = ev.sub_type  # "تفجير سيارة مفخخة يقودها انتحاري": the finer kind of explosion
    if ev.evidence[0] not in host.evidence:
        host.evidence.append(ev.evidence[0])
    if host.date_start is None and ev.date_start is not None:
        for k in ("date_start", "date_end", "precision", "date_text", "date_rule", "kind"):
            setattr(host, k, getattr(ev, k))
        host.date_from = "elaboration" if ev.date_from == "clause" else ev.date_from
    if ev.places and (not host.places or FINENESS.get(gaz.places[ev.places[0].id].kind, 9)
                      < FINENESS.get(gaz.places[host.places[0].id].kind, 9)):
        host.places = ev.places + [m for m in host.places if m.id not in {p.id for p in ev.places}]
        host.geo_precision = precision_of(host.places[0], gaz)
        host.place_how = "a later sentence"
    for side in ("actor1", "actor2"):  # a later telling fills a side the first left empty, no more
        have = {m.id for m in host.actor1 + host.actor2}  # (its other actors are often the speakers')
        if not getattr(host, side):
            getattr(host, side).extend(m for m in getattr(ev, side) if m.id not in have)
    if host.site is None and ev.site and (not host.places or not ev.places or host.places[0].id == ev.places[0].id):
        host.site, host.geo_precision = ev.site, max(2, host.geo_precision or 2)
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


def _country_place(ev: Event, mentions: list[Mention], gaz: Gazetteer) -> None:
    """No place named for it: the country the article's places lie in, at ACLED's precision 3."""
    votes: dict[str, int] = {}
    for m in mentions:
        if m.kind == "place" and m.id in gaz.places:
            c = gaz.country_of(m.id)
            if c:
                votes[c] = votes.get(c, 0) + 1
    if votes:
        country = max(sorted(votes), key=lambda c: votes[c])
        p = gaz.places[country]
        ev.places = [Mention(p.name, ev.start, ev.start, "place", p.id, p.name, p.name_en,
                             "the article's country", True, None)]
        ev.geo_precision = 3
        ev.place_how = "the article's country"


FIGHTING = {"armed_group", "state_force"}


def _implied_enemy(ev: Event, mentions: list[Mention], gaz: Gazetteer) -> None:
    """A battle whose sentence names one side: the other is the armed party the article names most
    up to it that is neither that side nor its ally ("تقدمت القوات العراقية في الصقلاوية" in an article
    on its war with داعش), as an ACLED coder reads it from the article; marked `inferred`."""
    ours = set().union(*(_side(gaz, m.id) for m in ev.actor1))
    votes: dict[str, list[int]] = {}
    last: dict[str, Mention] = {}
    for m in mentions:
        a = gaz.actors.get(m.id) if m.kind == "actor" else None
        if a is None or m.start >= ev.end or a.kind not in FIGHTING or _side(gaz, m.id) & ours or any(
                allied(gaz, m.id, x.id) for x in ev.actor1):
            continue
        v = votes.setdefault(m.id, [0, 0])
        v[0] += 1
        v[1] = m.start
        last[m.id] = m
    if not votes:
        return
    best = max(votes, key=lambda k: tuple(votes[k]))
    if votes[best][0] < 2:
        return  # named once in passing: no side of this war yet
    m = last[best]
    ev.actor2 = [Mention(m.text, ev.start, ev.start, "actor", m.id, m.name, m.name_en,
                         "inferred: the other side the article names most", True)]
    ev.actors = ev.actor1 + ev.actor2
