"""One entry per happening across articles: the tellings of one happening joined, whatever the wording.

Two events of different articles are the same happening when their days overlap, their places are
the same or one lies inside the other, they have the same type, and their actors agree (one
side's actors among the other's, or one names none). Reports of one happening that give days a few
days apart (same place, type and actors) stay apart, each linking the other, so a reader sees that
the sources disagree. Undated reports are not joined: nothing says when they happened.
Entry ids are stable: a single event keeps its own id, a joined entry's id is made from its members'.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from ..gazetteer import Gazetteer
from .model import Event

PRECISION_ORDER = {"day": 0, "days": 1, "week": 2, "month": 3, "season": 4, "year": 5}
DISAGREE_WITHIN = dt.timedelta(days=7)  # reports this far apart may be one happening told with another day
WINDOW = 80  # neighbours in time an event is compared with, at one place and of one type


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


def sort_key(e: Event) -> tuple:
    return (e.date_start is None, e.date_start or e.article.published or dt.date.max,
            PRECISION_ORDER.get(e.precision or "", 9), e.places[0].name if e.places else "", e.article.id, e.start)


def _inside(gaz: Gazetteer, a: Event, b: Event) -> bool:
    """Same place, or one inside the other (a village of a district, a city of its governorate)."""
    if not a.places or not b.places:
        return False
    pa, pb = a.places[0].id, b.places[0].id
    if pa == pb:
        return True
    if pa not in gaz.places or pb not in gaz.places:
        return False
    return pa in {p.id for p in gaz.chain(pb)} or pb in {p.id for p in gaz.chain(pa)}


def _actors_agree(a: Event, b: Event) -> bool:
    x, y = {m.id for m in a.actors}, {m.id for m in b.actors}
    return not x or not y or bool(x & y)


def merge(events: list[Event], gaz: Gazetteer) -> list[Entry]:
    """Join the tellings of one happening across articles and link disagreeing reports; unordered."""
    dated = sorted((e for e in events if e.date_start), key=sort_key)
    parent = {id(e): id(e) for e in dated}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # compare only what can be one happening: the same country and type, near in time (never more than
    # WINDOW neighbours each way, so a place with thousands of events stays linear)
    groups: dict[tuple[str, str], list[Event]] = {}
    for e in dated:
        if e.places:
            top = gaz.country_of(e.places[0].id) or e.places[0].id
            groups.setdefault((top, e.type), []).append(e)
    disagree: list[tuple[Event, Event]] = []
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 : i + 1 + WINDOW]:
                if b.date_start - a.date_end > DISAGREE_WITHIN:
                    break
                if a.article is b.article or not _inside(gaz, a, b) or not _actors_agree(a, b):
                    continue
                if b.date_start <= a.date_end and a.sub_type == b.sub_type:
                    parent[find(id(a))] = find(id(b))
                elif (b.date_start > a.date_end and a.places[0].id == b.places[0].id and a.sub_type == b.sub_type
                      and {m.id for m in a.actors} & {m.id for m in b.actors}):
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
    entries.extend(Entry(e.id, [e]) for e in sorted((e for e in events if not e.date_start), key=sort_key))
    for en in entries:
        en.disagrees_with.sort()
    return entries
