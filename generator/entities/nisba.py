"""Actors and places named by a relative adjective (nisba) instead of a name: an actor head before a
country's adjective ("القوات العراقية": Iraq's forces), a territory word before one ("في الأراضي
السورية": Syria, a place), and forces named without their country ("القوات الحكومية"، "قوات
الأمن": the article's country's). Step 3 of find_entities (rules in generator/data/entities.yaml):
each appends its Mention (offsets into `text`) and adds the words it took to `covered`.
"""

from __future__ import annotations

from ..normalize import Normalized
from .context import Words
from .matcher import Matcher
from .model import Mention

ADJECTIVE = "adjective"  # how a head named with a country's adjective begins ("الحكومة السعودية")


def actor_of_nisba(m: Matcher, nt: Normalized, text: str, words, ends, i: int, mentions: list[Mention],
                   covered: set[int]) -> bool:
    """An actor head before a country's adjective at word i ("القوات العراقية"): that country's actor."""
    country = m.nisba_forms.get(words[i])
    if country is None:
        return False
    for n in (2, 1):  # "وزارة الخارجية" before "الخارجية"
        if i - n < 0:
            continue
        head = " ".join([m.bare(words[i - n]), *words[i - n + 1 : i]])
        kind = m.actor_heads.get(head)
        if kind:
            break
    else:
        n = 2  # "طائرات حربية روسية": the head, an adjective, the country's adjective
        if i < 2 or words[i - 1] not in m.actor_head_adjectives:
            return False
        head = m.bare(words[i - 2])
        kind = m.actor_heads.get(head)
        if not kind:
            return False
    actor_id = m.nisba_actor.get((country, head)) or m.nisba_actor.get((country, kind)) or (
        country if country in m.gazetteer.actors else None)
    if actor_id is None:
        return False
    a = m.gazetteer.actors[actor_id]
    cut = len(words[i - n]) - len(m.bare(words[i - n]))
    s, e = nt.span(ends[2 * (i - n)] + cut, ends[2 * i + 1])
    mentions.append(Mention(text[s:e], s, e, "actor", a.id, a.name, a.name_en,
                            f"{ADJECTIVE}: «{text[s:e]}» names {a.name}"))
    covered.update(range(i - n, i + 1))
    return True


def territory_of_nisba(m: Matcher, w: Words, nt: Normalized, text: str, words, ends, i: int, head: int,
                       mentions: list[Mention], covered: set[int]) -> None:
    """"في الأراضي السورية"، "في بلدة حدودية تركية": a territory or settlement word at `head` and a
    country's adjective at word i: the country, a place."""
    p = m.gazetteer.places.get(m.nisba_forms[words[i]])
    if p is None or p.kind != "country":
        return
    cut = len(words[head]) - len(m.bare(words[head]))
    s, e = nt.span(ends[2 * head] + cut, ends[2 * i + 1])
    mentions.append(Mention(text[s:e], s, e, "place", p.id, p.name, p.name_en,
                            f"{ADJECTIVE}: «{text[s:e]}» is {p.name}'s territory", False, w.role(head, cut)))
    covered.update(range(head, i + 1))


def state_forces(m: Matcher, nt: Normalized, text: str, words, ends, covered: set[int], mentions: list[Mention],
                 force, seen: list[tuple[int, str]]) -> None:
    """Forces named without their country ("القوات الحكومية"، "قوات الأمن") are the article's country's.
    `seen`: the watched words (Matcher.scan_starts), among them the first words of those phrases."""
    for i, w in seen:
        if i in covered or w not in m.state_forms:
            continue
        for p in m.state_phrases[m.state_forms[w][1]]:
            k = len(p)
            if tuple(words[i + 1 : i + k]) == p[1:] and not covered.intersection(range(i, i + k)) and (
                    i + k >= len(words) or words[i + k] not in m.nisba_forms and words[i + k] not in m.loyal["words"]):
                cut = m.state_forms[w][0]
                s, e = nt.span(ends[2 * i] + cut, ends[2 * (i + k - 1) + 1])
                mentions.append(Mention(text[s:e], s, e, "actor", force.id, force.name, force.name_en,
                                        f"inferred: «{text[s:e]}» = {force.name}, the article's country's", True))
                covered.update(range(i, i + k))
                break
