"""The chronology: every article's events in one order, one entry per happening.

The tellings of one happening are joined by generator/events/merge.py; here they are ordered by
day, then precision, then place, and written out as the JSON researchers download.
"""

from __future__ import annotations

from .events import Event
from .events.merge import PRECISION_ORDER, Entry, merge, sort_key
from .gazetteer import Gazetteer

__all__ = ["PRECISION_ORDER", "Entry", "assemble", "entry_json"]


def assemble(events: list[Event], gazetteer: Gazetteer) -> list[Entry]:
    """Join the tellings of each happening, link disagreeing reports, and order it all."""
    entries = merge(events, gazetteer)
    entries.sort(key=lambda en: sort_key(en.main))
    return entries


def _refs(mentions, events: list[Event], gazetteer: Gazetteer | None) -> list[dict]:
    """{id, name, name_en, aliases}: the gazetteer's other spellings, then any other the sources used."""
    out = []
    for m in mentions:
        entry = gazetteer and (gazetteer.places if m.kind == "place" else gazetteer.actors).get(m.id)
        aliases = [s.text for s in entry.spellings() if s.text != m.name] if entry else []
        for ev in events:
            for x in ev.places + ev.actors:
                if x.id == m.id and not x.inferred and x.text != m.name and x.text not in aliases:
                    aliases.append(x.text)
        out.append({"id": m.id, "name": m.name, "name_en": m.name_en, "aliases": aliases})
    return out


def _source(e: Event) -> dict:
    """One article's telling: where it is, its evidence sentences (the first is the telling's own
    sentence, given once), its trigger, who it cites."""
    a = e.article
    return {"article": a.name, "path": a.id, "outlet": a.outlet, "published": a.published.isoformat()
            if a.published else None, "published_from": a.published_from,
            "start": e.start, "end": e.end, "date_text": e.date_text, "date_from": e.date_from, "event_id": e.id,
            "trigger": e.trigger, "trigger_at": e.trigger_at, "reported_by": e.sources,
            "evidence": [{"start": x, "end": y, "text": a.text[x:y]} for x, y in e.evidence]}


def inter_of(m, gazetteer: Gazetteer | None) -> int | None:
    """ACLED's actor category of a mention: the actor's own, or a generic participant's."""
    from .events import rules

    if gazetteer and m.id in gazetteer.actors:
        return gazetteer.actors[m.id].inter
    g = rules().generic_actors.get(m.id)
    return g["inter"] if g else None


def _location(e: Event, gazetteer: Gazetteer | None) -> dict | None:
    """The place it is coded at, with ACLED's geo precision and admin levels (names and P-codes); `site`
    names the place the text gives when the gazetteer lacks it (coded at the nearest known place)."""
    m = e.place
    if m is None or not gazetteer or m.id not in gazetteer.places:
        return None
    p = gazetteer.places[m.id]
    admin = [gazetteer.places[x] if x else None for x in gazetteer.admin(p.id)]
    return {"id": p.id, "name": p.name, "name_en": p.name_en, "kind": p.kind, "lat": p.lat, "lon": p.lon,
            "pcode": p.pcode, "country": gazetteer.country_of(p.id), "geo_precision": e.geo_precision,
            "site": e.site,  # a place the gazetteer lacks, where it happened; lat/lon are the known place's
            "why": e.place_how, **{f"admin{k + 1}": x.name if x else None for k, x in enumerate(admin)},
            **{f"admin{k + 1}_pcode": x.pcode if x else None for k, x in enumerate(admin)}}


def _actors(mentions, gazetteer: Gazetteer | None) -> list[dict]:
    """actor1 or actor2: {id, name, name_en, inter}; their other spellings are in the entry's `actors`."""
    return [{"id": m.id, "name": m.name, "name_en": m.name_en, "inter": inter_of(m, gazetteer)} for m in mentions]


def _interaction(e: Event, gazetteer: Gazetteer | None) -> int | None:
    """ACLED's interaction code: the two actors' categories, the smaller first (12: state forces and
    rebels); one actor alone is its category times ten (10: state forces alone)."""
    codes = [c for c in (inter_of(e.actor1[0], gazetteer) if e.actor1 else None,
                         inter_of(e.actor2[0], gazetteer) if e.actor2 else None) if c]
    if not codes:
        return None
    return int("".join(map(str, sorted(codes)))) if len(codes) == 2 else codes[0] * 10


def entry_json(en: Entry, gazetteer: Gazetteer | None = None) -> dict:
    e = en.main
    a = e.article
    return {
        "id": en.id,
        "date_start": e.date_start.isoformat() if e.date_start else None,
        "date_end": e.date_end.isoformat() if e.date_end else None,
        "precision": e.precision,
        "kind": e.kind,
        "date_text": e.date_text,
        "date_rule": e.date_rule,
        "date_from": e.date_from,
        "type": e.type,
        "sub_type": e.sub_type,
        "happening": e.happening,
        "trigger": e.trigger,
        "location": _location(e, gazetteer),
        "places": _refs(en.places, en.events, gazetteer),
        "actor1": _actors(e.actor1, gazetteer),
        "actor2": _actors(e.actor2, gazetteer),
        "interaction": _interaction(e, gazetteer),
        "actors": _refs(en.actors, en.events, gazetteer),
        "fatalities": en.fatalities,
        "injured": en.injured,
        "combined_casualties": e.combined,
        "note": e.note,
        "casualty_text": [t for ev in en.events for t in ev.casualty_text],
        "article": a.name,
        "outlet": a.outlet,
        "published": a.published.isoformat() if a.published else None,
        "sentence": e.sentence,
        "sources": [_source(ev) for ev in en.events],
        "notes": en.notes + [n for ev in en.events for n in ev.notes],
        "disagrees_with": en.disagrees_with,
    }
