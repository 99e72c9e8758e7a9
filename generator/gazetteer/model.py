"""The gazetteer's entries: places and actors, and the gazetteer that holds them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

PLACE_KINDS = tuple(
    "country governorate district subdistrict city town village neighbourhood camp "
    "region facility river lake sea mountain".split()
)
ACTOR_KINDS = tuple(
    "state government state_force armed_group political_party international_org ngo monitor_media person".split()
)
# ACLED's actor categories ("inter" codes): ACLED Codebook (2023), section "Actor types"
# actor kinds that are a state or speak and fight for it (ACLED's "State forces" and the state's organs)
STATE_KINDS = ("state", "government", "state_force")
INTER = {1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias", 5: "Rioters",
         6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
# ACLED's category of an actor whose entry does not give one, by its kind (ACLED Codebook 2023, "Actor
# types"): a state and its government are state forces (1), an international organisation is
# external/other (8), an NGO, a monitor or a medium is civilians (7, as ACLED codes aid workers and
# journalists); a person takes the category of the actors their offices are of, when it is one
KIND_INTER = {"state": 1, "government": 1, "international_org": 8, "ngo": 7, "monitor_media": 7}
# administrative kinds, most to least inclusive: a place's admin1..3 are the first of its chain
ADMIN_LEVELS = ("governorate", "district", "subdistrict")


class Spelling(NamedTuple):
    """One way an entry can be written; `former` is the former name it belongs to, if any."""

    text: str
    ambiguous: bool
    former: FormerName | None = None


@dataclass(frozen=True)
class Entry:
    """What places and actors share: an id, names, spellings, a note, where it was read from."""

    id: str
    name: str
    name_en: str
    kind: str
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()
    ambiguous: bool = False
    note: str | None = None
    source: str = field(default="", compare=False)  # "file:line", for messages

    def spellings(self) -> tuple[Spelling, ...]:
        """Name, aliases and ambiguous aliases, each with whether it needs context."""
        return tuple(Spelling(t, self.ambiguous) for t in (self.name, *self.aliases)) + tuple(
            Spelling(t, True) for t in self.ambiguous_aliases
        )


@dataclass(frozen=True)
class Place(Entry):
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames: int | None = None
    pcode: str | None = None  # OCHA P-code (admin units, communities, neighbourhoods, camps)
    wof: int | None = None  # Who's On First id
    population: int | None = None
    # how well known: 1 countries, governorates, cities of 100,000+; 2 districts, towns, camps,
    # facilities; 3 villages and neighbourhoods, which the tagger takes only with support
    rank: int = 1
    generated: bool = False  # from tools/build_gazetteer.py, not curated by hand


@dataclass(frozen=True)
class FormerName:
    name: str
    until: str  # ISO date or its prefix: "2016-07-28", "2016-07", "2016"
    name_en: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    role: str  # "spokesman", "minister", "leader", ...
    of: str | None = None  # actor id
    from_: str | None = None  # ISO date or its prefix ("2017"); None = unknown
    to: str | None = None  # None = still holds it (or unknown)
    title: str | None = None  # Arabic title as the news writes it, optional

    def held_on(self, day: dt.date) -> bool:
        iso = day.isoformat()
        started = self.from_ is None or self.from_[: len(iso)] <= iso
        return started and (self.to is None or iso[: len(self.to)] <= self.to)


@dataclass(frozen=True)
class Actor(Entry):
    part_of: str | None = None
    allied_with: tuple[str, ...] = ()
    joint_of: tuple[str, ...] = ()  # a name for these actors together ("ميليشيات الحوثي وصالح")
    former_names: tuple[FormerName, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    inter: int | None = None  # ACLED actor category, see INTER
    active_from: str | None = None  # YYYY[-MM[-DD]]
    active_until: str | None = None
    succeeded_by: str | None = None  # the actor it became (a renaming, a merger)

    def spellings(self) -> tuple[Spelling, ...]:
        """Current spellings, then former names (with their aliases), each with its ambiguity."""
        return super().spellings() + tuple(
            Spelling(text, self.ambiguous, f) for f in self.former_names for text in (f.name, *f.aliases)
        )

    def active_on(self, day: dt.date) -> bool:
        """Whether the actor existed under this identity on `day` (unknown bounds count as open)."""
        iso = day.isoformat()
        return ((self.active_from is None or self.active_from[: len(iso)] <= iso)
                and (self.active_until is None or iso[: len(self.active_until)] <= self.active_until))

    def roles_on(self, day: dt.date | None) -> list[Role]:
        """The roles held on `day` (all of them when the day is unknown)."""
        return [r for r in self.roles if day is None or r.held_on(day)]


@dataclass(frozen=True, eq=False)
class Gazetteer:
    places: dict[str, Place]
    actors: dict[str, Actor]
    version: str  # short hash of the files it was loaded from
    _children: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    # normalized spellings that are common words -> how often a corpus used them (data/common_names.yaml)
    common: dict[str, int] = field(default_factory=dict)

    def chain(self, place_id: str) -> list[Place]:
        """The place, its parent, ... up to its country (or the topmost ancestor), nearest first."""
        out = [self.places[place_id]]
        while out[-1].kind != "country" and out[-1].parent is not None:
            out.append(self.places[out[-1].parent])
        return out

    def children(self, place_id: str) -> list[Place]:
        """The places whose parent is `place_id`, sorted by id."""
        return [self.places[c] for c in self._children.get(place_id, ())]

    def child_count(self, place_id: str) -> int:
        return len(self._children.get(place_id, ()))

    def country_of(self, place_id: str) -> str | None:
        """The id of the country a place lies in (itself for a country), None when it has none."""
        return self._countries.get(place_id)

    @cached_property
    def _countries(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for pid in self.places:
            if pid not in out:
                chain = self.chain(pid)
                top = chain[-1].id if chain[-1].kind == "country" else None
                if top:
                    out.update((p.id, top) for p in chain)
        return out

    def seat(self, admin_id: str) -> str | None:
        """The town an administrative unit is named after ("حلب" for "محافظة حلب"), if any."""
        return self._seats.get(admin_id)

    @cached_property
    def _seats(self) -> dict[str, str]:
        towns: dict[str, list[Place]] = {}
        for p in self.places.values():
            if p.kind in ("city", "town"):
                for name in (p.name, *p.aliases):
                    towns.setdefault(name, []).append(p)
        out: dict[str, str] = {}
        for unit in self.places.values():
            if unit.kind in ADMIN_LEVELS and " " in unit.name:
                named = towns.get(unit.name.split(maxsplit=1)[1], ())
                # inside the unit; else in its country (a curated city may hang from its country)
                inside = [t for t in named if any(q.id == unit.id for q in self.chain(t.id))] or [
                    t for t in named if self.country_of(t.id) == self.country_of(unit.id)]
                if inside:
                    out[unit.id] = min(inside, key=lambda t: (t.rank, t.id)).id
        return out

    def admin(self, place_id: str) -> tuple[str | None, str | None, str | None]:
        """(admin1, admin2, admin3) ids of a place, as ACLED codes locations: governorate, district,
        sub-district; a level the data does not give is None."""
        levels = {p.kind: p.id for p in self.chain(place_id) if p.kind in ADMIN_LEVELS}
        return levels.get("governorate"), levels.get("district"), levels.get("subdistrict")
