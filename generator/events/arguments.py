"""A happening's arguments: where it happened, who acted, against or with whom, who reported it.

The place is the locative argument (a place after في/بـ/قرب/على..., or named as the object of the
trigger), the finest one the clause gives, else its sentence's; never a place the sentence is
only about or heading to (عن، إلى، نحو). Actor1 is the subject (the actor before the trigger in
its clause, or right after a verb); actor2 follows a target or party marker (على، ضد، مع، بين).
News agencies, monitors and media, and the one who speaks before "أن", are sources, not actors
(coding guide, "الإسناد"), unless a party announces its own deed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..entities import Candidate, Mention
from ..gazetteer import Gazetteer
from ..normalize import norm
from .actors import PARTIES, sources_and_actors, unique
from .fallback import seat_named
from .rules import listed, rules, stem
from .sentence import Found, Sentence
from .sides import state_side

# finer first: the place an event is coded at (ACLED codes the most precise location given)
FINENESS = {"building": -1, "neighbourhood": 0, "facility": 1, "camp": 1, "village": 2, "town": 3, "city": 4,
            "subdistrict": 5, "district": 6, "region": 7, "mountain": 7, "river": 8, "lake": 8, "governorate": 9,
            "sea": 10, "country": 11}
POINT_KINDS = {"neighbourhood", "facility", "camp", "village", "town", "city"}
LOCATIVE = {"at", "near", None}  # and "from" for what leaves a place ("انسحبوا من المدينة")


@dataclass
class Arguments:
    places: list[Mention] = field(default_factory=list)
    geo_precision: int | None = None
    place_how: str = ""
    actor1: list[Mention] = field(default_factory=list)
    actor2: list[Mention] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    site: str | None = None  # a place the gazetteer lacks, with its place word ("قرية زردنا")
    topics: list[Mention] = field(default_factory=list)  # places talks or a decision are only about
    civilian_target: bool = False
    armed_target: bool = False


def precision_of(m: Mention, gaz: Gazetteer) -> int:
    """ACLED's geo precision of a place mention: 1 the place itself, 2 near it or a part of a region,
    or a place the gazetteer gives its town's point (a neighbourhood at its city's coordinates), 3 a
    province or a country."""
    p = gaz.places.get(m.id)
    if p is None or p.kind in ("governorate", "country", "sea"):
        return 3
    if m.role == "near" or p.kind not in POINT_KINDS or not _own_point(p, gaz):
        return 2
    return 1


def _own_point(p, gaz: Gazetteer) -> bool:
    """Whether a place's coordinates are its own, not the point of the town it lies in (admin units
    carry their seat's point: a seat keeps its own)."""
    return p.lat is not None and all(
        (a.lat, a.lon) != (p.lat, p.lon) for a in gaz.chain(p.id)[1:] if a.kind in POINT_KINDS)


def arguments(s: Sentence, f: Found, mentions: list[Mention], gaz: Gazetteer,
              candidates: list[Candidate] = ()) -> Arguments:
    """The arguments of happening `f` from the mentions and candidate places of its sentence (sorted,
    original offsets)."""
    r = rules()
    out = Arguments()
    c0, c1 = s.orig(f.c0), s.orig(f.c1)
    trig = s.orig(f.first)
    in_clause = [m for m in mentions if c0 <= m.start < c1]
    # places: the clause's locative places, else the sentence's; one after a preposition before an
    # unmarked one ("هجومها على محافظة إدلب بعد قمة طهران"), then the finest
    out.topics = [m for m in mentions if m.kind == "place" and _topic(s, f, m)]
    for scope, how in ((in_clause, "clause"), (mentions, "sentence")):
        places = [m for m in scope if m.kind == "place" and m.id in gaz.places and (
            m.role in LOCATIVE or m.role == "from" and f.cls in ("capture", "withdrawal")
            or m.role == "toward" and (f.cls == "withdrawal" and _within(s, m)
                                       or f.cls == "capture" and s.stems[f.first] in r.entering))
            and not (m.role is None and gaz.places[m.id].kind == "country")  # "أعلنت تركيا": the state
            and not (m.role is None and _speaks(s, m))  # "تأمل أنقرة": the government
            and m not in out.topics]
        if places:
            places = [seat_named(s.words[k - 1] if (k := s.token_at(m.start)) else "", m, gaz) for m in places]
            out.places = sorted(unique(places), key=lambda m: (
                # (an unmarked place is the object only in the trigger's own clause, or the subject of a
                # verb of undergoing before it: "مدينة داريا ...، تعرضت لقصف")
                m.role is None and not (c0 <= m.start < c1 and _object(s, m, trig, f) or _undergoes(s, m, f))
                or _describes(s, m) or _landmark(s, m, places),
                FINENESS.get(gaz.places[m.id].kind, 9), m.role == "near", abs(m.start - trig)))
            out.place_how = how
            break
    if out.place_how != "clause" and any(w in r.resumptive for w in s.words[f.last + 1 : f.c1]):
        # "من تحرير أربعة مواقع فيها": the place named last before the trigger, not one of a later clause
        before = [m for m in mentions if m.kind == "place" and m.id in gaz.places and m.start < trig
                  and gaz.places[m.id].kind in POINT_KINDS]
        if before:
            out.places, out.place_how = [before[-1]], "clause"
    if out.places:
        out.geo_precision = precision_of(out.places[0], gaz)
    _site(f, candidates, gaz, out, c0, c1, trig)
    sources_and_actors(s, f, mentions, gaz, out, c0, c1, trig)
    # who suffered it: civilian or armed words after the trigger and its subject ("اغتال مسلحون
    # مجهولون رئيس المجلس": the gunmen did it) in its clause
    after = max([f.last + 1] + [s.token_at(m.end - 1) + 1 for m in out.actor1
                                if m.start > trig and m.how == "generic participant"])
    if s.stems[f.first] in r.victim_subject:  # "استشهد ثلاثة جنود من الجيش": its subject died
        out.actor2 = [m for m in out.actor1 if m.start > trig] + out.actor2
        out.actor1 = [m for m in out.actor1 if m.start < trig]
    out.civilian_target = s.has(r.civilian_targets, after, f.c1)
    out.armed_target = s.has(r.armed_targets, after, f.c1) or any(
        gaz.actors[m.id].kind in PARTIES for m in out.actor2 if m.id in gaz.actors)
    return out


def _undergoes(s: Sentence, m: Mention, f: Found) -> bool:
    """Whether unmarked place `m` is the subject of a verb of undergoing or witnessing (event_rules.yaml
    `undergoing`) that governs the trigger: "تعرضت مدينة داريا لقصف"، "وأن مدينة داريا ...، تعرضت
    لقصف"، "شهدت حلب اشتباكات": where it happened."""
    k, verbs = s.token_at(m.start), rules().undergoing
    return k < f.first and any(s.stems[j] in verbs or s.words[j] in verbs
                               for j in range(max(0, k - 2), f.first) if j != k)


def _topic(s: Sentence, f: Found, m: Mention) -> bool:
    """Whether place `m` is what a meeting, agreement or decision is about ("اتفقوا على إنشاء منطقة في
    جنوب سوريا"): a topic word between the trigger and it."""
    r = rules()
    if f.cls not in r.topic_classes:
        return False
    k = s.token_at(m.start)
    return any(s.words[j] in r.topic_markers or s.stems[j] in r.topic_markers for j in range(f.last + 1, k))


def _within(s: Sentence, m: Mention) -> bool:
    """Whether place `m` follows a word for part of it ("إلى أطراف مدينة البوكمال")."""
    k = s.token_at(m.start)
    return any(s.stems[j] in rules().within_place or s.words[j] in rules().within_place
               for j in range(max(0, k - 2), k))


def _describes(s: Sentence, m: Mention) -> bool:
    """Whether place `m` only locates the one before it ("المدينة الواقعة في ريف دير الزور")."""
    k = s.token_at(m.start)
    return any(s.words[j] in rules().describing for j in range(max(0, k - 3), k))


def _landmark(s: Sentence, m: Mention, places: list[Mention]) -> bool:
    """Whether place `m` only tells where the one before it lies: right after it and a direction
    ("قضاء مخمور شرق الموصل"، "بلدة حرض جنوب الحديدة")."""
    k = s.token_at(m.start)
    return k > 1 and s.words[k - 1] in rules().aside_words and any(
        x is not m and x.end <= m.start and s.token_at(x.end - 1) == k - 2 for x in places)


def _speaks(s: Sentence, m: Mention) -> bool:
    """Whether bare place `m` follows a verb of saying or wanting ("قالت دمشق"، "تأمل أنقرة"): its subject."""
    k = s.token_at(m.start)
    if k == 0:
        return False
    return listed(s.words[k - 1], rules().speaking_for)


def _object(s: Sentence, m: Mention, trig: int, f: Found) -> bool:
    """Whether unmarked place `m` is the trigger's object: after its place word ("قصفت الطائرات بلدة
    كفرنبل في ريف إدلب"), or right after a strike's or an assault's trigger and its subject with no
    preposition between ("قصفت قوات النظام الحولة"): the target is where it happened, as much as a
    place after "في"."""
    k = s.token_at(m.start)
    if m.start <= trig or k == 0:
        return False
    if stem(s.words[k - 1]) in rules().site_words:
        return True
    r = rules()
    gap = s.words[f.last + 1 : k]
    return f.cls in r.object_classes and len(gap) <= r.object_gap and not any(
        w in r.not_in_gap or w.startswith(("بال", "لل")) or w[:1] in "بلوف" and len(w) > 3 and (
            w[1:] in r.not_in_gap or w[1:] in r.within_place) or w in r.within_place for w in gap)


def _site(f: Found, candidates: list[Candidate], gaz: Gazetteer, out: Arguments, c0: int, c1: int,
          trig: int) -> None:
    """A place the gazetteer lacks, named in the clause as where it happened ("في قرية زردنا"،
    "على معسكر لبوزة"): the event lies there, at the nearest known place (ACLED codes an unknown
    village at the nearest known location, precision 2). A building ("مسجد الإمام الصادق") is a
    site in the place the clause names, finer than any."""
    sites = rules().site_words
    for c in candidates:
        kind = sites.get(c.kind)
        if not (c0 <= c.start < c1) or kind is None or not (
                c.role in ("at", "near") or c.role == "from" and f.cls in ("capture", "withdrawal")
                or c.role is None and c.start > trig  # the object: "قصفت الطائرات قرية كفرزيتونة"
                and (kind != "building" or f.cls in rules().object_classes)):  # ("اجتماعها ... سوق عكاظ")
            continue
        known = out.places[0] if out.places and out.places[0].id in gaz.places else None
        if known and out.place_how == "clause" and FINENESS.get(gaz.places[known.id].kind, 9) < FINENESS[kind]:
            return  # the clause names a finer known place
        out.site = f"{_bare_word(c.trigger, c.kind)} {c.text}"
        out.geo_precision = site_precision(out.site, out.geo_precision)
        return


def building(site: str) -> bool:
    """Whether a site is a building ("مسجد الإمام الصادق"), in its place rather than near it."""
    return rules().site_words.get(norm(site.split(maxsplit=1)[0])) == "building"


def site_precision(site: str, precision: int | None) -> int:
    """An event's geo precision once it has a site: 2 at least (the site lies near its nearest known
    place), but a building keeps its place's (it lies in the place the text names)."""
    return (precision or 2) if building(site) else max(2, precision or 2)


def _bare_word(word: str, bare: str) -> str:
    """A place word as written, without its clitics ("وبمنطقة" -> "منطقة"; `bare` is its normalized form)."""
    for k in range(min(3, len(word))):
        if norm(word[k:]) == bare:
            return word[k:]
    return word


def resolve_type(f: Found, args: Arguments, gaz: Gazetteer) -> tuple[str, str]:
    """ACLED type and sub-type of a happening from its class and its arguments."""
    r = rules()
    c = r.classes[f.cls]
    kinds = {gaz.actors[m.id].kind for m in args.actor1 if m.id in gaz.actors}
    if f.cls in ("shelling", "explosion") and any(m.id in r.air_actors for m in args.actor1):
        return r.classes["air_strike"].type, r.classes["air_strike"].sub_type  # a coalition's "قصف" is from the air
    by_actor = type_by_actor(f.cls, args.actor1, args.places, gaz)
    if by_actor:
        return by_actor
    if c.by_actor and kinds and "nonstate" in c.by_actor:
        return c.by_actor["nonstate"]
    if c.by_target and args.armed_target and not args.civilian_target:
        return c.by_target["armed"]
    return c.type, c.sub_type


def type_by_actor(cls: str, actor1: list[Mention], places: list[Mention], gaz: Gazetteer) -> tuple[str, str] | None:
    """The (type, sub-type) a class takes from who acted: protesters, or the state's side in the
    country of the place ("سيطرة" by the state is "Government regains territory"); else None."""
    c = rules().classes[cls]
    if not c.by_actor:
        return None
    if any(m.id == "protesters" for m in actor1) and "protesters" in c.by_actor:
        return c.by_actor["protesters"]
    country = gaz.country_of(places[0].id) if places and places[0].id in gaz.places else None
    if any(state_side(gaz, m.id, country) for m in actor1):
        return c.by_actor.get("state", (c.type, c.sub_type))
    return None
