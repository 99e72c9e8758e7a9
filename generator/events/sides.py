"""The sides of a happening: who an actor speaks for, who fights alongside whom, and what a side
stands for when ACLED codes it (a state's forces for the state, each actor of a joint name)."""

from __future__ import annotations

from ..entities import Mention
from ..gazetteer import Gazetteer
from ..gazetteer.model import STATE_KINDS

STATE_SIDE = set(STATE_KINDS)


def side_of(gaz: Gazetteer, actor_id: str) -> set[str]:
    """An actor and those it speaks for: what it is part of, the office a person holds, and for a
    state's own (its government, forces, ministries) the country. A rebel group's country is where it
    fights, not whom it speaks for: the Syrian opposition and the Syrian army are two sides."""
    out, todo = set(), [actor_id]
    while todo:
        x = todo.pop()
        a = gaz.actors.get(x)
        if x in out:
            continue
        out.add(x)
        if a:
            todo += [y for y in (a.part_of, a.country if a.kind in STATE_SIDE else None, *(r.of for r in a.roles)) if y]
    return out


def one_side(gaz: Gazetteer, xs: set[str], ys: set[str]) -> bool:
    """Whether actors `xs` and `ys` (ids) fight on one side: one speaks for what another does (side_of)
    or the gazetteer lists them as allies."""
    sx = set().union(*(side_of(gaz, i) for i in xs))
    return bool(sx & set().union(*(side_of(gaz, i) for i in ys))) or any(allied(gaz, i, j) for i in xs for j in ys)


def allied(gaz: Gazetteer, a: str, b: str) -> bool:
    """Whether the gazetteer lists the two actors as allies (either way), or one as part of the other."""
    x, y = gaz.actors.get(a), gaz.actors.get(b)
    if x is None or y is None:
        return False
    return b in x.allied_with or a in y.allied_with or x.part_of == b or y.part_of == a


def as_fighters(gaz: Gazetteer, side: list[Mention]) -> list[Mention]:
    """A government or a state on a side of a battle, a strike or an attack stands for its armed
    forces ("النظام السوري تقدم"، "قصفت تركيا": ACLED's "Military Forces of ..."), when the
    country's forces are known (generator/data/entities.yaml, nisba_actors)."""
    from ..entities.matcher import matcher

    mt = matcher(gaz)
    out = []
    for m in side:
        a = gaz.actors.get(m.id)
        force = mt.state_force(a) if a and a.kind in ("government", "state") else None
        if force and all(x.id != force for x in side):
            f = gaz.actors[force]
            m = Mention(m.text, m.start, m.end, "actor", f.id, f.name, f.name_en,
                        f"{m.how}; the armed forces of «{a.name}»", m.inferred, m.role)
        out.append(m)
    return out


def with_joint(gaz: Gazetteer, side: list[Mention]) -> list[Mention]:
    """A name for actors together ("ميليشيات الحوثي وصالح") names each of them: they follow it on its
    side, marked inferred (the gazetteer's `joint_of`), as ACLED codes each actor of a joint force."""
    out = list(side)
    for m in side:
        a = gaz.actors.get(m.id)
        for member in a.joint_of if a else ():
            if all(x.id != member for x in out) and member in gaz.actors:
                b = gaz.actors[member]
                out.append(Mention(m.text, m.start, m.end, "actor", b.id, b.name, b.name_en,
                                   f"{m.how}; one of «{a.name}»", True, m.role))
    return out


def state_side(gaz: Gazetteer, actor_id: str, country: str | None) -> bool:
    """A state's forces or government, or a militia fighting alongside them (ACLED: "government
    forces or affiliates"), in their own country (the coalition's partners abroad do not count)."""
    a = gaz.actors.get(actor_id)
    if a is None:
        return False
    def home(x) -> bool:
        return country is None or x.country in (None, country) or x.id == country
    if a.kind in STATE_SIDE:
        return home(a)
    return any(gaz.actors[x].kind in STATE_SIDE and home(gaz.actors[x]) and gaz.actors[x].country
               for x in a.allied_with if x in gaz.actors)
