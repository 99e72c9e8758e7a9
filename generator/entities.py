"""Places and actors: every gazetteer name found in a text, clitic-aware and longest first.

One matcher is built from the gazetteers (every spelling of every entry, normalized, with its
clitic forms: "والبوكمال", "بدير الزور", "لـ«داعش»"); it scans the words of the normalized text
once. Then the rules of generator/data/entities.yaml decide what the scan alone cannot:
  - a country that is also a state actor is only a place after "في", "بـ" ... ("في روسيا");
  - an ambiguous spelling ("عمان", "الأسد") needs support in the article;
  - "التنظيم", "المدينة" point back to the last fitting mention (marked `inferred`);
  - a name after a place trigger ("قرية X") that the gazetteer lacks becomes a candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .gazetteer import Actor, Gazetteer, Place, load_gazetteer
from .normalize import CLITIC_FIRST, Normalized, clitic_forms, norm, normalize
from .segment import paragraphs

_LETTERS = re.compile(r"^[\u0621-\u064a]+$")


@dataclass(frozen=True)
class Ref:
    kind: str  # place or actor
    id: str
    ambiguous: bool
    how: str  # name, alias, former name


@dataclass
class Mention:
    text: str
    start: int
    end: int
    kind: str  # place or actor
    id: str
    name: str
    name_en: str
    how: str  # how it was matched, readable
    inferred: bool = False

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind, "id": self.id,
                "name": self.name, "name_en": self.name_en, "how": self.how,
                **({"inferred": True} if self.inferred else {})}


@dataclass
class Candidate:
    """A probable place the gazetteer lacks: the name after a place trigger."""

    text: str
    start: int
    end: int
    trigger: str


@dataclass(frozen=True)
class Matcher:
    gazetteer: Gazetteer
    # first word -> [(the words, the words after the first, refs)], longest first
    phrases: dict[str, list[tuple[tuple[str, ...], list[str], tuple[Ref, ...]]]]
    table: dict[str, tuple[int, str]]  # surface form -> (clitic length, first word)
    triggers: dict[str, tuple[int, str]]
    not_a_name: frozenset[str]
    not_a_name_suffixes: tuple[str, ...]
    locative: frozenset[str]
    locative_clitics: str
    anaphora: dict[str, dict]  # normalized anaphor -> rule
    anaphor_forms: dict[str, tuple[int, str]]
    watched: frozenset[str]  # every form of the three above


def _spelling_refs(entries: dict[str, Place] | dict[str, Actor], kind: str) -> dict[tuple[str, ...], list[Ref]]:
    out: dict[tuple[str, ...], list[Ref]] = {}
    for e in entries.values():
        for sp in e.spellings():
            words = tuple(norm(sp.text).split())
            how = "former name" if sp.former else ("name" if sp.text == e.name else "alias")
            refs = out.setdefault(words, [])
            if not any(r.id == e.id and r.kind == kind for r in refs):
                refs.append(Ref(kind, e.id, sp.ambiguous, how))
    return out


@lru_cache(maxsize=4)
def matcher(gazetteer: Gazetteer | None = None) -> Matcher:
    gaz = gazetteer or load_gazetteer()
    rules = yaml.safe_load(resources.files("generator").joinpath("data/entities.yaml").read_text("utf-8"))
    spellings: dict[tuple[str, ...], list[Ref]] = {}
    for kind, entries in (("place", gaz.places), ("actor", gaz.actors)):
        for words, refs in _spelling_refs(entries, kind).items():
            if words:
                spellings.setdefault(words, []).extend(refs)
    phrases: dict[str, list[tuple[tuple[str, ...], list[str], tuple[Ref, ...]]]] = {}
    for words, refs in spellings.items():
        phrases.setdefault(words[0], []).append((words, list(words[1:]), tuple(refs)))
    for options in phrases.values():
        options.sort(key=lambda o: (-len(o[0]), o[0]))
    anaphora = {norm(k): v for k, v in rules["anaphora"].items()}
    table = clitic_forms(phrases)
    triggers = clitic_forms(norm(w) for w in rules["place_triggers"])
    anaphor_forms = clitic_forms(anaphora)
    return Matcher(
        gazetteer=gaz,
        phrases=phrases,
        table=table,
        triggers=triggers,
        not_a_name=frozenset(norm(w) for w in rules["not_a_name"]),
        not_a_name_suffixes=tuple(norm(w) for w in rules["not_a_name_suffixes"]),
        locative=frozenset(norm(w) for w in rules["locative_before"]),
        locative_clitics="".join(rules["locative_clitics"]),
        anaphora=anaphora,
        anaphor_forms=anaphor_forms,
        watched=frozenset(table) | frozenset(triggers) | frozenset(anaphor_forms),
    )


def _family(gaz: Gazetteer, ref: Ref) -> set[str]:
    """Ids that vouch for an ambiguous spelling: its administrative chain, its parents, allies, country."""
    if ref.kind == "place":
        return {p.id for p in gaz.chain(ref.id)[1:]} if ref.id in gaz.places else set()
    a = gaz.actors.get(ref.id)
    if not a:
        return set()
    return {x for x in (a.part_of, a.country, *a.allied_with) if x}


def _entry(gaz: Gazetteer, ref: Ref) -> Place | Actor:
    return gaz.places[ref.id] if ref.kind == "place" else gaz.actors[ref.id]


def find_entities(text: str, gazetteer: Gazetteer | None = None,
                  normalized: Normalized | None = None) -> tuple[list[Mention], list[Candidate]]:
    """Every place and actor mention of `text` (offsets into it), and the candidate places."""
    m = matcher(gazetteer)
    gaz = m.gazetteer
    nt = normalized or normalize(text)  # given when another stage normalized the same text
    pairs, words, ends = nt.scan
    n = len(words)

    # 1. the scan: longest spelling at each word, clitics split off
    raw: list[tuple[int, int, int, int, tuple[Ref, ...], int]] = []  # (first, last word, start, end, refs, cut)
    i = 0
    table, phrases = m.table, m.phrases
    # one pass over the words for the three kinds the later steps look for
    seen = [(k, w) for k, w in enumerate(words) if w in m.watched]
    hits = [k for k, w in seen if w in table]
    taken_until = -1
    for i in hits:
        if i <= taken_until:
            continue
        cut, head = table[words[i]]
        for words_of, tail, refs in phrases[head]:
            k = len(words_of)
            if k > 1 and words[i + 1 : i + k] != tail:
                continue
            if k > 1 and any("\n" in pairs[i + j][0] for j in range(1, k)):
                continue  # a name does not run across lines
            raw.append((i, i + k - 1, ends[2 * i] + cut, ends[2 * (i + k - 1) + 1], refs, cut))
            taken_until = i + k - 1
            break

    # 2. what the article vouches for: every entity named by an unambiguous spelling
    sure = {(r.kind, r.id) for *_, refs, _ in raw for r in refs if not r.ambiguous}
    sure_ids = {rid for _, rid in sure}

    def word_before(first: int, cut: int) -> str:
        return words[first - 1] if first > 0 and not cut else ""

    mentions: list[Mention] = []
    for first, _last, s, e, refs, cut in raw:
        before = word_before(first, cut)
        clitic = words[first][:cut]
        trigger_before = before in m.triggers
        kept: list[tuple[Ref, str]] = []
        for r in refs:
            if not r.ambiguous:
                kept.append((r, r.how))
                continue
            if (r.kind, r.id) in sure:
                kept.append((r, f"{r.how}, ambiguous; the article names it unambiguously too"))
            elif trigger_before and r.kind == "place":
                kept.append((r, f"{r.how}, ambiguous; after «{before}»"))
            elif _family(gaz, r) & sure_ids:
                kept.append((r, f"{r.how}, ambiguous; its family is named in the article"))
        if len({r.id for r, _ in kept if r.kind == "place"}) > 1:  # "عمان": choose the better supported
            best = max((r for r, _ in kept if r.kind == "place"),
                       key=lambda r: (not r.ambiguous, len(_family(gaz, r) & sure_ids), r.id))
            kept = [(r, how if r.id == best.id else "") for r, how in kept if r.kind != "place" or r.id == best.id]
        kinds = {r.kind for r, _ in kept}
        if kinds == {"place", "actor"} and (before in m.locative or any(c in m.locative_clitics for c in clitic)):
            kept = [(r, how + "; a place after a locative word") for r, how in kept if r.kind == "place"]
        a, b = nt.span(s, e)
        for r, how in kept:
            ent = _entry(gaz, r)
            mentions.append(Mention(text[a:b], a, b, r.kind, r.id, ent.name, ent.name_en,
                                    how + (f"; clitic «{clitic}»" if cut else "")))

    # 3. anaphora: "التنظيم" -> the last fitting actor; "المدينة" -> the city the text is about
    covered = {k for first, last, *_ in raw for k in range(first, last + 1)}  # word indexes inside names
    anaphors = [i for i, w in seen if w in m.anaphor_forms and i not in covered]
    if anaphors:
        triggered = frozenset(nt.span(st, st)[0] for first, _, st, *_ in raw
                              if word_before(first, 0) in m.triggers)
        para_starts = [nt.span(0, 0)[0]] + [p[0] for p in paragraphs(text)]
    for i in anaphors:
        cut, bare = m.anaphor_forms[words[i]]
        if i + 1 < n and words[i + 1] in m.table:
            continue  # "المدينة البوكمال"? the name itself follows: no anaphora
        rule = m.anaphora[bare]
        s, e = nt.span(ends[2 * i] + cut, ends[2 * i + 1])
        paragraph_start = max((p for p in para_starts if p <= s), default=0)
        scope_start = paragraph_start if rule["scope"] == "paragraph" else 0
        antecedent = (_salient(gaz, mentions, set(rule["kinds"]), rule["entity"], scope_start, s, triggered)
                      if rule.get("pick") == "most_mentioned"
                      else _antecedent(gaz, mentions, rule, scope_start, s, text))
        if antecedent:
            mentions.append(Mention(text[s:e], s, e, antecedent.kind, antecedent.id, antecedent.name,
                                    antecedent.name_en, f"inferred: «{text[s:e]}» = «{antecedent.text}»", True))

    # 4. candidates: "قرية X" where X is no known name
    candidates: list[Candidate] = []
    starts_taken = {first for first, *_ in raw}
    for i in [i for i, w in seen if w in m.triggers and i < n - 1]:
        if i + 1 in starts_taken or i in covered:
            continue
        nxt = words[i + 1]
        if (not _LETTERS.match(nxt) or nxt in m.not_a_name or len(nxt) < 3 or "\n" in pairs[i + 1][0]
                or nxt.endswith(m.not_a_name_suffixes)):
            continue
        last = i + 1
        if (i + 2 < n and words[i + 2].startswith("ال") and words[i + 2] not in m.not_a_name
                and _LETTERS.match(words[i + 2]) and i + 2 not in starts_taken and "\n" not in pairs[i + 2][0]
                and not pairs[i + 2][0] == ""):
            last = i + 2
        s, e = nt.span(ends[2 * (i + 1)], ends[2 * last + 1])
        candidates.append(Candidate(text[s:e], s, e, text[slice(*nt.span(ends[2 * i], ends[2 * i + 1]))]))

    mentions.sort(key=lambda x: (x.start, x.end, x.kind, x.id))
    return mentions, candidates


def _salient(gaz: Gazetteer, mentions: list[Mention], kinds: set[str], entity: str, paragraph_start: int,
             before: int, triggered: frozenset[int] = frozenset()) -> Mention | None:
    """The entity of a fitting kind the text is about so far: named most since `paragraph_start`,
    then in the article (a country also counts the places inside it; a name after a trigger such as
    "مدينة" counts twice), then the latest named."""
    score: dict[str, list[int]] = {}
    last: dict[str, Mention] = {}
    for x in mentions:
        if x.start >= before or x.kind != entity or x.inferred:
            continue
        introduced = "after «" in x.how or x.start in triggered  # "مدينة الميادين" names a city as a city
        ids = [p.id for p in gaz.chain(x.id)] if entity == "place" and x.id in gaz.places else [x.id]
        for k in ids:
            ent = gaz.places.get(k) if entity == "place" else gaz.actors.get(k)
            if ent is None or ent.kind not in kinds:
                continue
            s = score.setdefault(k, [0, 0, 0])
            s[0] += x.start >= paragraph_start
            s[1] += 1 + introduced
            s[2] = x.start
            if k == x.id:
                last[k] = x
            elif k not in last:
                last[k] = Mention(x.text, x.start, x.end, entity, k, ent.name, ent.name_en, "", False)
    if not score:
        return None
    best = max(score, key=lambda k: tuple(score[k]))
    return last[best]


def _antecedent(gaz: Gazetteer, mentions: list[Mention], rule: dict, scope_start: int, before: int,
                text: str) -> Mention | None:
    head = norm(rule.get("head", ""))
    kinds = set(rule.get("kinds", ()))
    for mention in reversed(mentions):
        if mention.start >= before or mention.start < scope_start or mention.inferred:
            continue
        if mention.kind != rule["entity"]:
            continue
        ent = _entry(gaz, Ref(mention.kind, mention.id, False, ""))
        if kinds and getattr(ent, "kind", None) in kinds:
            return mention
        if head:
            preceding = norm(text[max(0, mention.start - 12) : mention.start]).split()
            spelled = [norm(s.text).split()[0] for s in ent.spellings()]
            if head in spelled or (preceding and preceding[-1].lstrip(CLITIC_FIRST) in (head, head + "ي")):
                return mention
    return None
