"""Anaphora: "التنظيم" is the last fitting actor, "المدينة" the city the text is about, "البلاد"
its country (rules in generator/data/entities.yaml, "anaphora"); what find_entities does last."""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Gazetteer
from ..normalize import CLITIC_FIRST, Normalized, norm
from ..segment import paragraphs
from .context import Occurrence, Words
from .matcher import Matcher
from .model import Mention


def resolve_anaphora(m: Matcher, w: Words, nt: Normalized, text: str, words, ends, anaphors: list[int],
              mentions: list[Mention], occurrences: list[Occurrence], country: str | None) -> None:
    gaz = m.gazetteer
    triggered = frozenset(nt.span(occ.start, occ.start)[0] for occ in occurrences
                          if occ.first > 0 and not occ.cut and words[occ.first - 1] in m.triggers)
    para_starts = [nt.span(0, 0)[0]] + [p[0] for p in paragraphs(text)]  # once for all anaphors
    mentions.sort(key=lambda x: x.start)
    named_at = {occ.first for occ in occurrences}
    for i in anaphors:
        cut, bare = m.anaphor_forms[words[i]]
        if i + 1 in named_at:
            continue  # "المدينة البوكمال"? the name itself follows: no anaphora
        rule = m.anaphora[bare]
        s, e = nt.span(ends[2 * i] + cut, ends[2 * i + 1])
        starts = [p for p in para_starts if p <= s]
        scope_start = starts[-1] if starts and rule["scope"] == "paragraph" else 0
        if rule.get("pick") == "most_mentioned" and rule["scope"] == "paragraph":
            # "المدينة": a city named as a place in this paragraph or the one before; failing that,
            # the city the article is about (in wire copy a paragraph is one sentence)
            kinds = set(rule["kinds"])
            antecedent = _salient(gaz, mentions, kinds, "place", starts[-2] if len(starts) > 1 else 0, s,
                                  triggered, in_scope_only=True)
            if antecedent is None and not any(  # "وفي إب ... في المدينة": the town of the place just named
                    starts[-1] <= x.start < s and x.kind == "place" and x.role == "at" and not x.inferred
                    and gaz.places[x.id].kind in ("district", "subdistrict", "governorate") for x in mentions):
                antecedent = _salient(gaz, mentions, kinds, "place", 0, s, triggered, in_scope_only=True)
        elif rule.get("pick") == "most_mentioned":
            antecedent = _salient(gaz, mentions, set(rule["kinds"]), rule["entity"], scope_start, s, triggered)
        else:
            antecedent = _antecedent(gaz, mentions, rule, scope_start, s, text)
        if rule.get("by_country") and m.actor_by_country.get(country or ""):
            a = gaz.actors[m.actor_by_country[country][0]]  # "التحالف" in Yemen: the Saudi-led coalition
            antecedent = Mention(a.name, s, s, "actor", a.id, a.name, a.name_en, "", False)
        if antecedent:
            mentions.append(Mention(text[s:e], s, e, antecedent.kind, antecedent.id, antecedent.name,
                                    antecedent.name_en, f"inferred: «{text[s:e]}» = «{antecedent.text}»", True,
                                    w.role(i, cut) if antecedent.kind == "place" else None))  # its own preposition


def _last_country(gaz: Gazetteer, mentions: list[Mention], before: int) -> str | None:
    for x in reversed(mentions):
        if x.start < before and x.kind == "place" and not x.inferred:
            return gaz.country_of(x.id)
    return None


def _salient(gaz: Gazetteer, mentions: list[Mention], kinds: set[str], entity: str, scope_start: int,
             before: int, triggered: frozenset[int] = frozenset(), in_scope_only: bool = False) -> Mention | None:
    """The entity of a fitting kind the text is about so far: named most since `scope_start`,
    then in the article (a country also counts the places inside it; a name after a trigger such as
    "مدينة" counts twice), then the latest named. With `in_scope_only`, only places named as places
    (after a preposition or a place word: not "دمشق تسعى") since `scope_start`, in the last country named."""
    country = _last_country(gaz, mentions, before) if entity == "place" else None
    score: dict[str, list[int]] = {}
    last: dict[str, Mention] = {}
    for x in mentions:
        if x.start >= before or x.kind != entity or x.inferred:
            continue
        introduced = "after «" in x.how or x.start in triggered  # "مدينة الميادين" names a city as a city
        if in_scope_only and (x.start < scope_start or not (introduced or x.role)
                              or country and gaz.country_of(x.id) != country):
            continue
        ids = [p.id for p in gaz.chain(x.id)] if entity == "place" and x.id in gaz.places else [x.id]
        for k in ids:
            ent = gaz.places.get(k) if entity == "place" else gaz.actors.get(k)
            if ent is None or ent.kind not in kinds:
                continue
            s = score.setdefault(k, [0, 0, 0])
            s[0] += x.start >= scope_start
            s[1] += 1 + introduced
            s[2] = x.start
            if k == x.id:
                last[k] = x
            elif k not in last:
                last[k] = Mention(x.text, x.start, x.end, entity, k, ent.name, ent.name_en, "", False, x.role)
    if not score:
        return None
    best = max(score, key=lambda k: tuple(score[k]))
    return last[best]


def _antecedent(gaz: Gazetteer, mentions: list[Mention], rule: dict, scope_start: int, before: int,
                text: str) -> Mention | None:
    head = norm(rule.get("head", ""))
    kinds = set(rule.get("kinds", ()))
    country = _last_country(gaz, mentions, before) if rule["entity"] == "place" else None
    for mention in reversed(mentions):
        if mention.start >= before or mention.start < scope_start or mention.inferred:
            continue
        if mention.kind != rule["entity"] or country and gaz.country_of(mention.id) != country:
            continue
        ent = gaz.places[mention.id] if mention.kind == "place" else gaz.actors[mention.id]
        if kinds and getattr(ent, "kind", None) in kinds:
            return mention
        if head:
            if head in _first_words(gaz, mention.kind, mention.id):
                return mention
            preceding = norm(text[max(0, mention.start - 12) : mention.start]).split()
            if preceding and preceding[-1].lstrip(CLITIC_FIRST) in (head, head + "ي"):
                return mention
    return None


@lru_cache(maxsize=65_536)
def _first_words(gaz: Gazetteer, kind: str, entry_id: str) -> frozenset[str]:
    """The normalized first word of each spelling of an entry: normalizing every spelling of every
    earlier mention for each anaphor was a tenth of find_entities' time."""
    ent = gaz.places[entry_id] if kind == "place" else gaz.actors[entry_id]
    return frozenset(norm(s.text).split()[0] for s in ent.spellings())
