"""What a happening's own clause leaves unsaid, from the rest of its article: where it happened
(a place its sentence names people or officials of, the place its paragraph told before, the
country), at ACLED's geo precision 2 or 3; and the other side of a battle whose sentence names one.
The coding guide's "المكان" and "الطرفان" say when each applies."""

from __future__ import annotations

from ..entities import Mention
from ..gazetteer import Gazetteer
from ..normalize import norm
from .model import FIGHTING_TYPES, VIOLENT, Event
from .rules import listed, rules
from .sides import STATE_SIDE, one_side


def sentence_place(ev: Event, mentions: list[Mention], gaz: Gazetteer) -> None:
    """No place named where it happened: a place below a country that its own sentence names as
    the place of people or a body (event_rules.yaml `of_place`: "مقتل «والي ناحية كبيسة» باشتباكات
    مع عشائر الناحية"، "قال محافظ حمص إن ..."), near it (ACLED's precision 2); not when the sentence
    names places of two countries."""
    s0, e0 = ev.evidence[0]
    named = [m for m in mentions if m.kind == "place" and s0 <= m.start < e0 and m.id in gaz.places]
    below = [m for m in named if gaz.places[m.id].kind != "country"
             and listed(_word_before(ev.article.text, s0, m.start), rules().of_place)]
    if not below or len({gaz.country_of(m.id) for m in named}) > 1:
        return
    ev.places, ev.geo_precision, ev.place_how = [below[0]], 2, "named in its sentence"


def _word_before(text: str, start: int, at: int) -> str:
    """The word before offset `at` (not before `start`), normalized, without quotes."""
    words = text[start:at].split()
    return norm(words[-1]).strip("«»\"'(") if words else ""


def paragraph_place(ev: Event, before: list[Event], mentions: list[Mention], gaz: Gazetteer) -> None:
    """No place named for it: the place of the happening its paragraph told before it ("بالتزامن
    مع غارات لمقاتلات التحالف" after the assault on the camp), near it (ACLED's precision 2 at most);
    not when its sentence names a place of another country ("في جميع أنحاء تركيا"), nor for a
    statement by another country's state."""
    host = next((e for e in reversed(before) if e.places and (e.geo_precision or 3) < 3), None)
    if host is None or host.places[0].id not in gaz.places:
        return
    s0, e0 = ev.evidence[0]
    country = gaz.country_of(host.places[0].id)
    if any(m.kind == "place" and s0 <= m.start < e0 and m.id in gaz.places and gaz.country_of(m.id) != country
           for m in mentions):
        return
    if _speaking_state(ev, gaz) not in (None, country):
        return  # "وأصدر الأسد مرسوماً" after a bombing in Turkey: the state's own country (country_place)
    ev.places, ev.site = list(host.places), host.site
    ev.geo_precision, ev.place_how = max(2, host.geo_precision or 2), "the paragraph's place"


def country_place(ev: Event, mentions: list[Mention], gaz: Gazetteer, para_starts: list[int], para: int,
                   title: tuple[int, int] | None) -> None:
    """No place named for it: a country, at ACLED's precision 3: the one its own sentence names,
    else its paragraph, else the article's lead (title and first paragraph, whose places and state
    actors set the scene: "الداخلية الكويتية تعلن ..." is Kuwait's, though the suspects fought in
    Iraq further down), else the country most of the article's places lie in. A statement by a
    state (its government, forces or office holder) is its country's."""
    s0, e0 = ev.evidence[0]
    p0 = para_starts[para] if para_starts else 0
    p1 = para_starts[para + 1] if para + 1 < len(para_starts) else float("inf")
    first = 1 if title and para_starts and para_starts[0] == title[0] else 0  # (the title is no body paragraph)
    lead_end = para_starts[first + 1] if len(para_starts) > first + 1 else float("inf")
    tiers: list[dict[str, tuple[int, int]]] = [{}, {}, {}, {}]  # country -> (places there, state actors of it)
    topics = {m.start for m in ev.topics}
    for m in mentions:
        if m.kind == "place" and (m.role is None or m.start in topics):
            continue  # a country as a subject ("أكدت الولايات المتحدة") says who, not where; nor does a topic
        if m.kind == "actor" and m.id in rules().air_actors:
            continue  # "غارة أمريكية"، "الطيران الروسي": an air force strikes abroad as much as at home
        c = _country_of(m, gaz)
        if c is None:
            continue
        tier = 0 if s0 <= m.start < e0 else 1 if p0 <= m.start < p1 else 2 if (
            m.start < lead_end or title and title[0] <= m.start < title[1]) else 3
        if tier < 2 and m.role not in ("at", "near"):
            tier = 2 if m.start < lead_end else 3  # near it, only where something is ("في سوريا")
        if m.kind == "place" or tier == 2:  # (an actor's country says where only in the lead)
            for t in range(tier, 4):
                n, k = tiers[t].get(c, (0, 0))
                tiers[t][c] = (n + 1, k) if m.kind == "place" else (n, k + 1)
    own = _speaking_state(ev, gaz)
    votes = {own: (1, 0)} if own else next((t for t in tiers if t), None)  # (a state speaks from its country)
    if votes:
        # fighting happens in a place: in the lead, a place where something is outvotes the states
        # named ("أكد البنتاغون أن الولايات المتحدة نفذت غارة في الأراضي السورية" is Syria's); talks
        # and statements are the states' own (a king's audiences are his country's)
        violent = ev.type in VIOLENT
        country = max(sorted(votes), key=lambda c: votes[c] if violent else sum(votes[c]))
        p = gaz.places[country]
        ev.places = [Mention(p.name, ev.start, ev.start, "place", p.id, p.name, p.name_en,
                             "the article's country", True, None)]
        ev.geo_precision = 3
        ev.place_how = "the article's country"


def _speaking_state(ev: Event, gaz: Gazetteer) -> str | None:
    """The country of the first state among a statement's actor1 (its government, forces, or a person
    in its office on the event's day, else the report's), None for any other event."""
    if ev.sub_type != "Statement":
        return None
    day = ev.date_start or ev.article.published
    return next((c for a in ev.actor1 if (c := _country_of(a, gaz, day))), None)


def _country_of(m: Mention, gaz: Gazetteer, day=None) -> str | None:
    """The country of a place mention, or of a state actor's (a government, its forces; with `day`,
    a person holding an office of one that day: "الرئيس بشار الأسد")."""
    if m.kind == "place":
        return gaz.country_of(m.id) if m.id in gaz.places else None
    a = gaz.actors.get(m.id)
    if a is not None and day is not None and a.kind == "person":
        office = next((r.of for r in a.roles_on(day) if r.of in gaz.actors and gaz.actors[r.of].kind in STATE_SIDE),
                      None)
        a = gaz.actors[office] if office else None
    if a is None or a.kind not in STATE_SIDE:
        return None
    c = a.country or a.id
    return c if c in gaz.places and gaz.places[c].kind == "country" else None


FIGHTING = {"armed_group", "state_force"}


def implied_enemy(ev: Event, mentions: list[Mention], gaz: Gazetteer, para_starts: list[int] = (), para: int = 0,
                  others: list[Event] = ()) -> None:
    """A battle whose sentence names one side (its actor1, or the actor2 that held off an attack): the
    other is the armed party its paragraph (number `para`) names, else the one that fights in the
    nearest of the article's `others` events told from two paragraphs before it (an earlier one
    first), else the one the article names most (twice at least); never that side nor its ally
    ("تقدمت القوات العراقية في الصقلاوية" in an article on its war with داعش; a report of several
    fronts names each front's foe near it), as an ACLED coder reads it; marked `inferred`."""
    # "صدت المقاومة هجمات": the attackers are actor1, the subject that held them off actor2 (actors.py)
    held_off = not ev.actor1 and listed(norm(ev.trigger), rules().defender_subject)
    if not ev.actor1 and not held_off:
        return  # who suffered it is known, who did it is not: it stays unknown
    known = ev.actor2 if held_off else ev.actor1
    ours = {m.id for m in known}
    votes: dict[str, list[int]] = {}
    last: dict[str, Mention] = {}
    for m in mentions:
        a = gaz.actors.get(m.id) if m.kind == "actor" else None
        if a is None or a.kind not in FIGHTING or one_side(gaz, {m.id}, ours):
            continue
        v = votes.setdefault(m.id, [0, 0])
        v[0] += 1
        v[1] = m.start
        last[m.id] = m
    # the foe of this paragraph; else the one fighting in the nearest happening told from two paragraphs
    # before it on (an earlier one first: a report of several fronts); else the article's
    paragraph = (para_starts[para], para_starts[para + 1] if para + 1 < len(para_starts) else len(ev.article.text)) \
        if para_starts else None
    since = para_starts[max(0, para - 2)] if para_starts else 0
    near = {m.id for m in mentions if m.id in votes and paragraph and paragraph[0] <= m.start < paragraph[1]}
    hi = paragraph[1] if paragraph else ev.end
    fighting = sorted((o.start > ev.start, abs(o.start - ev.start), m.id) for o in others
                      if o is not ev and since <= o.start < hi + (hi - since)
                      and o.type in FIGHTING_TYPES for m in o.actor1 + o.actor2
                      if m.id in votes and not m.inferred)
    if near:
        best, how = max(near, key=lambda k: tuple(votes[k])), "inferred: the other side its paragraph names"
    elif fighting:
        best, how = fighting[0][2], "inferred: the other side of the fighting told near it"
    elif votes and max(v[0] for v in votes.values()) >= 2:  # (named once in passing: no side of this war yet)
        best, how = max(votes, key=lambda k: tuple(votes[k])), "inferred: the other side the article names most"
    else:
        best = None
    if best is not None:
        m = last[best]
        other = [Mention(m.text, ev.start, ev.start, "actor", m.id, m.name, m.name_en, how, True)]
        if held_off:
            ev.actor1 = other
        else:
            ev.actor2 = other
    ev.actors = ev.actor1 + ev.actor2


SEAT_WORDS = ("مركز", "ومركز", "بمركز", "لمركز")  # "مركز قضاء تلعفر": the town the district is run from


def seat_named(word_before: str, m: Mention, gaz: Gazetteer) -> Mention:
    """An administrative unit named as its seat ("مركز قضاء تلعفر"، "مركز محافظة إدلب": `word_before`
    the normalized word before the mention) is its town; any other mention as it is."""
    p = gaz.places.get(m.id)
    if p is None or p.kind not in ("governorate", "district", "subdistrict") or word_before not in SEAT_WORDS:
        return m
    town = gaz.seat(m.id)
    if town is None:
        return m
    t = gaz.places[town]
    return Mention(m.text, m.start, m.end, "place", t.id, t.name, t.name_en,
                   f"{m.how}; the seat of {p.name}", m.inferred, m.role)
