"""Forces named by whom they fight for: "القوات الموالية لحكومة الرئيس هادي"، "المسلحون الموالون
للنظام"، "الميليشيات الموالية لصالح" (rules in generator/data/entities.yaml, "loyal").

ACLED codes such forces as the side they fight for: a state's (its government's, its president's)
are that state's forces or affiliates, so their capture of a town is "Government regains
territory"; an armed group's are that group. What find_entities does after the nisba step.
"""

from __future__ import annotations

from ..gazetteer import Gazetteer
from ..gazetteer.model import STATE_KINDS
from ..normalize import Normalized
from .matcher import Matcher
from .model import Mention

_PRONOUNS = {"له", "لها", "لهم", "لهما", "لهن"}


def loyal_forces(m: Matcher, nt: Normalized, text: str, words: list[str], ends: list[int],
                 mentions: list[Mention], seen: list[tuple[int, str]]) -> None:
    """Add a mention for each "<forces> الموالية لـ<actor>" (the forces' words through the actor's
    name, offsets into `text`), and drop the actor mentions inside it, which are part of its name.
    `seen`: the watched words (Matcher.scan_starts), among them the loyal words."""
    rules = m.loyal
    loyal_at = [i for i, w in seen if w in rules["words"]]
    if not loyal_at:
        return  # most articles: nothing to do
    gaz = m.gazetteer
    actors = sorted((x for x in mentions if x.kind == "actor" and x.id in gaz.actors), key=lambda x: x.start)
    added: list[Mention] = []
    for i in loyal_at:
        if i == 0 or i + 1 >= len(words):
            continue
        if not words[i + 1].startswith("ل") or words[i + 1] in _PRONOUNS:
            continue  # "الموالي لهم": loyal to someone named before, not an actor to look for
        head = next((j for j in (i - 1, i - 2) if j >= 0 and m.bare(words[j]) in rules["heads"]), None)
        if head is None:
            continue
        s, _ = nt.span(ends[2 * head], ends[2 * head + 1])
        if any(x.start <= s < x.end for x in actors + added):
            continue  # a name the gazetteer has already ("القوات الموالية لهادي")
        _, after = nt.span(ends[2 * i], ends[2 * i + 1])
        last = min(len(words) - 1, i + rules["reach"])
        reach_end, _ = nt.span(ends[2 * last], ends[2 * last + 1])
        whom = next((x for x in actors if after <= x.start <= reach_end and "." not in text[after : x.start]), None)
        side = _side(gaz, m, whom.id) if whom else None
        if side is None:
            continue
        a = gaz.actors[side]
        cut = len(words[head]) - len(m.bare(words[head]))
        s, _ = nt.span(ends[2 * head] + cut, ends[2 * head + 1])
        added.append(Mention(text[s : whom.end], s, whom.end, "actor", a.id, a.name, a.name_en,
                             f"loyal: «{text[s : whom.end]}» fight for {gaz.actors[whom.id].name}"))
    if added:
        inside = {id(x) for x in actors for y in added if y.start <= x.start and x.end <= y.end}
        mentions[:] = [x for x in mentions if id(x) not in inside] + added


def _side(gaz: Gazetteer, m: Matcher, actor_id: str) -> str | None:
    """Whose forces they are: a state's (through its government or a person holding one of its
    offices) are the state's armed forces; an armed group's are the group."""
    a = gaz.actors[actor_id]
    if a.kind == "person":
        office = next((r.of for r in a.roles if r.of in gaz.actors), None)
        if office is None:
            return None
        a = gaz.actors[office]
    if a.kind in STATE_KINDS:
        return m.state_force(a) or (a.id if a.kind == "state_force" else None)
    return a.id if a.kind in ("armed_group", "political_party") else None
