"""The checks across entries, once every gazetteer file is read (check_all): references to ids
no entry has (a place's parent; an actor's part_of, allies, joint groups, successor, country,
roles), an actor among its own allies or joint groups, parent, part_of and succession cycles,
places missing a parent, and spellings shared by entries without being marked ambiguous in each.
Each problem is appended to `problems` as one line naming the file, the entry and what is wrong;
the caller (load.py) raises them together as one GazetteerError.
"""

from __future__ import annotations

from typing import Any

from ..normalize import norm
from .model import Actor, Place

# kinds whose entries must name an administrative parent
_NEEDS_PARENT = {"governorate", "district", "subdistrict", "city", "town", "village", "neighbourhood", "camp",
                 "facility"}


def _check_refs(entries: dict[str, Any], key: str, targets: dict[str, Any], what: str, problems: list[str]) -> None:
    for e in entries.values():
        value = getattr(e, key)
        for ref in value if isinstance(value, tuple) else (value,):
            if ref is not None and ref not in targets:
                problems.append(f"{e.source}: entry {e.id!r}: unknown {key} {what} {ref!r}")


def _check_cycles(entries: dict[str, Any], key: str, problems: list[str]) -> None:
    done: set[str] = set()
    for start in entries:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in entries and node not in done:
            if node in path:
                loop = path[path.index(node) :] + [node]
                e = entries[node]
                problems.append(f"{e.source}: entry {e.id!r}: {key} cycle: {' -> '.join(loop)}")
                break
            path.append(node)
            node = getattr(entries[node], key)
        done.update(path)


def _check_spellings(entries: dict[str, Any], problems: list[str], namesakes: bool = False) -> None:
    """A normalized spelling may belong to several entries only if it is ambiguous in all of them,
    or (`namesakes`, for places) if it is the name of each and they lie in different parents: towns
    of one name ("سنجار" in Nineveh and in Idlib), which the tagger tells apart by context."""
    owners: dict[str, dict[str, bool]] = {}
    for e in entries.values():
        mine: dict[str, bool] = {}
        for s in e.spellings():
            key = norm(s.text)
            mine[key] = mine.get(key, True) and s.ambiguous
        for key in {norm(t) for t in e.ambiguous_aliases} & {norm(t) for t in (e.name, *e.aliases)}:
            problems.append(f"{e.source}: entry {e.id!r}: {key!r} is both an alias and an ambiguous alias")
        for key, amb in mine.items():
            owners.setdefault(key, {})[e.id] = amb
    for key, ids in owners.items():
        if namesakes and len(ids) > 1 and _namesakes([entries[i] for i in ids], key):
            continue
        if len(ids) > 1 and not all(ids.values()):
            names = ", ".join(f"{i!r} ({entries[i].source})" for i in ids)
            problems.append(
                f"{entries[next(iter(ids))].source}: the spelling {key!r} is given to {names}; "
                "mark it ambiguous in every entry (ambiguous: true or ambiguous_aliases) or remove it"
            )


def _namesakes(entries: list[Any], key: str) -> bool:
    """Whether places share spelling `key` as each one's own name, each in another parent."""
    parents = [e.parent for e in entries]
    return all(norm(e.name) == key for e in entries) and None not in parents and len(set(parents)) == len(parents)


def check_all(places: dict[str, Place], actors: dict[str, Actor], problems: list[str]) -> None:
    """The whole-file checks: references, cycles, parents, spellings shared without ambiguity."""
    _check_parents(places, problems)
    _check_refs(places, "parent", places, "place", problems)
    _check_cycles(places, "parent", problems)
    for key in ("part_of", "allied_with", "joint_of", "succeeded_by"):
        _check_refs(actors, key, actors, "actor", problems)
    _check_refs(actors, "country", places, "place", problems)
    for a in actors.values():
        for r in a.roles:
            if r.of is not None and r.of not in actors:
                problems.append(f"{a.source}: entry {a.id!r}: unknown actor {r.of!r} in roles ('of')")
        for key in ("allied_with", "joint_of"):
            if a.id in getattr(a, key):
                problems.append(f"{a.source}: entry {a.id!r}: {key} lists the actor itself")
    _check_cycles(actors, "part_of", problems)
    _check_cycles(actors, "succeeded_by", problems)
    _check_spellings({k: p for k, p in places.items() if not p.generated}, problems, namesakes=True)
    _check_spellings(actors, problems)


def _check_parents(places: dict[str, Place], problems: list[str]) -> None:
    for p in places.values():
        if p.parent is None and p.kind in _NEEDS_PARENT:
            problems.append(f"{p.source}: entry {p.id!r}: missing parent (required for kind {p.kind!r})")
