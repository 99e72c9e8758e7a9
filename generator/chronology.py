"""The chronology: every article's events in one order, the same event told twice merged.

Two events from different articles are one entry when their days overlap, they share a place,
their actors overlap (or one names none), they have the same type, and their sentences share
enough words. Reports of the same happening that give different days stay apart, each with a
note that links the other. Entry ids are stable: a single event keeps its own id, a merged
entry's id is made from its members' ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

from .events import Event
from .gazetteer import Gazetteer
from .normalize import norm

PRECISION_ORDER = {"day": 0, "days": 1, "week": 2, "month": 3, "season": 4, "year": 5}
SIMILAR = 0.12  # word overlap (Jaccard) for two sentences to tell the same event
DISAGREE = 0.2  # ... for two reports with different days to be the same happening
DISAGREE_WITHIN = dt.timedelta(days=400)
WINDOW = 60  # neighbours in time an event is compared with, at one place and of one type
_WORD = re.compile(r"[\u0621-\u064a]{3,}")


@dataclass
class Entry:
    id: str
    events: list[Event]  # the first is the most precise; the others are further sources
    notes: list[str] = field(default_factory=list)
    disagrees_with: list[str] = field(default_factory=list)

    @property
    def main(self) -> Event:
        return self.events[0]

    # an entry's events are set once it is made, and these are asked for on every page it shows on
    @cached_property
    def places(self):
        return _union(m for e in self.events for m in e.places)

    @cached_property
    def actors(self):
        return _union(m for e in self.events for m in e.actors)

    @property
    def fatalities(self) -> int | None:
        figures = [e.fatalities for e in self.events if e.fatalities is not None]
        return max(figures) if figures else None

    @property
    def injured(self) -> int | None:
        figures = [e.injured for e in self.events if e.injured is not None]
        return max(figures) if figures else None


def _union(mentions):
    seen, out = set(), []
    for m in mentions:
        if m.id not in seen:
            seen.add(m.id)
            out.append(m)
    return out


def _words(e: Event) -> set[str]:
    return set(_WORD.findall(norm(e.article.text[e.start : e.end])))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0



def _same_story(a: Event, b: Event) -> bool:
    """Two events of different articles, at one place and of one type, whose actors agree."""
    if a.article.id == b.article.id:
        return False
    actors_a, actors_b = {m.id for m in a.actors}, {m.id for m in b.actors}
    return not actors_a or not actors_b or bool(actors_a & actors_b)


def _sort_key(e: Event) -> tuple:
    return (e.date_start is None, e.date_start or e.article.published or dt.date.max,
            PRECISION_ORDER.get(e.precision or "", 9), e.places[0].name if e.places else "", e.article.id, e.start)


def assemble(events: list[Event]) -> list[Entry]:
    """Merge the same event told by several articles, link disagreeing reports, and order it all."""
    dated = sorted((e for e in events if e.date_start), key=_sort_key)
    words = {id(e): _words(e) for e in dated}
    parent = {id(e): id(e) for e in dated}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # compare only what can be the same story: one place, one type, near in time (and never more
    # than WINDOW neighbours each way, so a place with thousands of events stays linear)
    groups: dict[tuple[str, str], list[Event]] = {}
    for e in dated:
        if e.type == "Other":
            continue
        for m in e.places:
            groups.setdefault((m.id, e.type), []).append(e)
    disagree: list[tuple[Event, Event]] = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 : i + 1 + WINDOW]:
                if b.date_start - a.date_start > DISAGREE_WITHIN:
                    break
                if a.article is b.article or not _same_story(a, b):
                    continue
                similarity = _jaccard(words[id(a)], words[id(b)])
                if b.date_start <= a.date_end:  # overlapping days: the same event?
                    if similarity >= SIMILAR:
                        parent[find(id(a))] = find(id(b))
                elif similarity >= DISAGREE and {m.id for m in a.actors} & {m.id for m in b.actors}:
                    disagree.append((a, b))
    clusters: dict[int, list[Event]] = {}
    for e in dated:
        clusters.setdefault(find(id(e)), []).append(e)
    entries: list[Entry] = []
    entry_of: dict[int, Entry] = {}
    for members in clusters.values():
        members.sort(key=lambda e: (PRECISION_ORDER.get(e.precision or "", 9), e.date_end - e.date_start,
                                    e.article.id, e.start))
        if len(members) == 1:
            entry_id = members[0].id
        else:
            entry_id = "ev-" + hashlib.sha1(",".join(sorted(e.id for e in members)).encode()).hexdigest()[:12]
        entry = Entry(entry_id, members)
        if len({(e.date_start, e.date_end) for e in members}) > 1:
            entry.notes.append("the sources give overlapping but different days; the most precise is shown")
        entries.append(entry)
        for e in members:
            entry_of[id(e)] = entry
    for a, b in disagree:
        ea, eb = entry_of[id(a)], entry_of[id(b)]
        if ea is not eb:
            for x, y in ((ea, eb), (eb, ea)):
                if y.id not in x.disagrees_with:
                    x.disagrees_with.append(y.id)
    for e in sorted((e for e in events if not e.date_start), key=_sort_key):
        entries.append(Entry(e.id, [e]))
    entries.sort(key=lambda en: _sort_key(en.main))
    for en in entries:
        en.disagrees_with.sort()
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
    a = e.article
    return {"article": a.name, "path": a.id, "outlet": a.outlet, "published": a.published.isoformat()
            if a.published else None, "published_from": a.published_from, "sentence": e.sentence,
            "start": e.start, "end": e.end, "date_text": e.date_text, "event_id": e.id}


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
        "places": _refs(en.places, en.events, gazetteer),
        "actors": _refs(en.actors, en.events, gazetteer),
        "fatalities": en.fatalities,
        "injured": en.injured,
        "casualty_text": [t for ev in en.events for t in ev.casualty_text],
        "article": a.name,
        "outlet": a.outlet,
        "published": a.published.isoformat() if a.published else None,
        "sentence": e.sentence,
        "sources": [_source(ev) for ev in en.events],
        "notes": en.notes + [n for ev in en.events for n in ev.notes],
        "disagrees_with": en.disagrees_with,
    }
