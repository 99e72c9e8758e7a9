"""The matcher: every spelling of the gazetteers, and the tagger's rules, built once per gazetteer."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress

import yaml

from ..gazetteer import Actor, Gazetteer, Place, load_gazetteer
from ..normalize import CLITIC_FIRST, CLITIC_SECOND, clitic_forms, norm
from .model import Ref

Phrase = tuple[tuple[str, ...], list[str], tuple[Ref, ...]]  # (the words, the words after the first, refs)


@dataclass(frozen=True)
class Matcher:
    gazetteer: Gazetteer
    phrases: dict[str, dict[str, list[Phrase]]]  # first word -> second word ("" for one word) -> phrases, longest first
    table: dict[str, tuple[int, str]]  # surface form -> (clitic length, first word)
    # common words that only generated places are called ("بيان", "الحزم"): places only right after
    # a place word ("مدينة الحزم"), so the scan does not stop at every "بيان"
    # where a name may start: a surface form of a one-word name's word (or of a first word
    # with clitics), or a pair (surface form of a first word, second word) of a longer name
    starts_single: frozenset[str]
    starts_pair: frozenset[tuple[str, str]]
    pair_firsts: frozenset[str]  # the first words of starts_pair
    marked: frozenset[str]  # starts_single | pair_firsts | watched: one lookup a word rules out most words
    after_trigger: dict[str, dict[str, list[Phrase]]]
    after_trigger_table: dict[str, tuple[int, str]]
    triggers: dict[str, tuple[int, str]]
    directions: frozenset[str]  # every form of a direction or "ريف": a name before one may be told with its family
    not_a_name: frozenset[str]
    clitic_idioms: frozenset[str]  # a name with these clitics is an idiom ("بحجة": on the pretext of)
    whole_words: frozenset[str]  # words whose first «و» is no conjunction ("وادي")
    geo_heads: frozenset[str]  # "وادي"، "جبل": an unknown place's name goes on with the word after one
    not_a_name_suffixes: tuple[str, ...]
    roles: dict[str, str]  # a bare word (or two, space-joined) before a place -> its role
    role_clitics: dict[str, str]
    near_from: frozenset[str]  # "القريبة": "من" after it is near
    partitive_from: frozenset[str]  # "أماكن متفرقة": "من" after it is partitive, the place "at"
    name_heads: frozenset[str]
    loyal: dict  # words, heads (normalized sets) and reach: "القوات الموالية لـ..." (loyal.py)
    territory_heads: frozenset[str]  # "الأراضي السورية": the country as a place
    territory_adjectives: frozenset[str]  # "بلدة حدودية تركية": between the head and the country's adjective
    actor_head_adjectives: frozenset[str]  # "طائرات حربية روسية": between an actor head and the adjective
    facility_words: frozenset[str]  # a common word after one is no place by the place word alone
    site_triggers: dict[str, tuple[int, str]]  # buildings' words (their forms): a name after one is a site
    site_titles: frozenset[str]  # a title that begins a building's name of two words ("الملك فهد")
    speech_verbs: frozenset[str]  # a town's name right after one is the speaker's ("وقال ليون")
    speaking_city: int  # ... unless a city this large, its government's seat ("وقالت موسكو")
    name_tails: frozenset[str]
    not_place_phrases: frozenset[tuple[str, ...]]
    not_place_words: frozenset[str]  # every word of those phrases, for a quick "no"
    adjective_names: frozenset[str]
    actor_heads: dict[str, str]  # head (one or two words, normalized) -> actor kind
    nisba_forms: dict[str, str]  # "العراقيه" -> iraq
    nisba_actor: dict[tuple[str, str], str]  # (country, kind) -> actor id
    state_phrases: dict[str, list[tuple[str, ...]]]  # first word -> phrases naming a country's own forces
    state_forms: dict[str, tuple[int, str]]  # surface forms of those first words
    actor_by_country: dict[str, tuple[str, ...]]  # country -> actors an ambiguous spelling names there
    anaphora: dict[str, dict]  # normalized anaphor -> rule
    anaphor_forms: dict[str, tuple[int, str]]
    # the forms of place words, anaphors, adjectives, state forces' and loyal forces' first words, which
    # the scan marks (each step then looks only at the marked words it wants)
    watched: frozenset[str]
    everyday: frozenset[str]  # frequent words seldom after a place word: no candidate place's name
    # id(refs of a phrase) -> (its places, its actors), made by __post_init__
    by_kind: dict[int, tuple[tuple[Ref, ...], tuple[Ref, ...]]] = field(init=False, repr=False, compare=False)

    def scan_starts(self, words: list[str]) -> tuple[list[int], list[tuple[int, str]]]:
        """Where a name may start (a one-word name, or the first two words of a longer one), and the
        watched words with their positions. One C-speed pass over all words picks the few worth a
        second look; the finer sets are then asked about those only."""
        n = len(words)
        marked = list(compress(range(n), map(self.marked.__contains__, words)))
        forms = list(map(words.__getitem__, marked))
        hits = list(compress(marked, map(self.starts_single.__contains__, forms)))
        # a sixth of all words begin some longer name ("في"، "مجلس"): their pairs are asked at C speed too
        firsts = list(compress(marked, map(self.pair_firsts.__contains__, forms)))
        if firsts and firsts[-1] == n - 1:
            firsts.pop()
        pairs = list(compress(firsts, map(self.starts_pair.__contains__, zip(
            map(words.__getitem__, firsts), map(words.__getitem__, map((1).__add__, firsts)), strict=True))))
        if pairs:
            hits = sorted(set(hits).union(pairs))
        return hits, list(compress(zip(marked, forms, strict=True), map(self.watched.__contains__, forms)))

    def state_force(self, actor: Actor) -> str | None:
        """The armed forces of a state or of its government (entities.yaml `nisba_actors`), if known."""
        force = self.nisba_actor.get((actor.country or actor.id, "state_force"))
        return force if force in self.gazetteer.actors else None

    def __post_init__(self) -> None:
        # bare() is asked some eighty times an article, mostly of the same words: remembered (C speed)
        object.__setattr__(self, "bare", lru_cache(maxsize=1 << 16)(self._bare))
        # the places and the actors among the entries of each spelling, split once (by the refs' id:
        # the tuples live as long as the matcher)
        object.__setattr__(self, "by_kind", {
            id(refs): (tuple(r for r in refs if r.kind == "place"), tuple(r for r in refs if r.kind == "actor"))
            for index in (self.phrases, self.after_trigger) for by_second in index.values()
            for options in by_second.values() for _words, _tail, refs in options})

    def bare(self, word: str) -> str:
        """A word without its clitics (و ف, then ب ل ك): "وبمدينة" -> "مدينه" (the word normalized)."""
        return self._bare(word)  # (replaced by its memo in __post_init__)

    def _bare(self, word: str) -> str:
        if word in self.triggers:
            return self.triggers[word][1]
        w = word
        if len(w) > 3 and w[0] in CLITIC_FIRST:
            w = w[1:]
        if w.startswith("لل") and len(w) > 4:
            return "ال" + w[2:]
        if len(w) > 3 and w[0] in CLITIC_SECOND:
            w = w[1:]
        return w


def _spelling_refs(entries: dict[str, Place] | dict[str, Actor], kind: str, common: frozenset[str],
                   triggers: frozenset[str],
                   everyday: frozenset[str] = frozenset()) -> dict[tuple[str, ...], list[Ref]]:
    """Spelling (normalized words) -> the entries it names. A village's or a neighbourhood's name
    needs support unless it carries its own place word ("حي الزهور", "مخيم الهول"); so does a
    generated place's alias that is an everyday word (Who's On First gives Tyre "الإطار", which
    common_names.yaml keeps for a city's name because it follows "في" so often)."""
    out: dict[tuple[str, ...], list[Ref]] = {}
    for e in entries.values():
        spellings = e.spellings()
        plain = {tuple(norm(sp.text).split()) for sp in spellings}
        for sp in spellings:
            key = norm(sp.text)
            words = tuple(key.split())
            if kind == "place" and e.generated and sp.text != e.name and len(words) > 1 and words[0] in triggers \
                    and words[1:] in plain and e.kind in ("city", "town", "village"):
                continue  # GeoNames' "مدينة زنجبار": the scan reads a place word and the name, whose town
                # the context then picks (Zinjibar in Abyan, not Zanzibar)
            minor = kind == "place" and e.rank >= 3 and not (len(words) > 1 and words[0] in triggers)
            how = "former name" if sp.former else ("name" if sp.text == e.name else "alias")
            refs = out.setdefault(words, [])
            if not any(r.id == e.id for r in refs):
                # the corpus' list of common words (common_names.yaml) speaks for generated places; a
                # curated entry says itself which of its spellings are ambiguous
                generated = kind == "place" and e.generated
                word = generated and (key in common or how == "alias" and key in everyday)
                refs.append(Ref(kind, e.id, how, sp.ambiguous or word, minor))
    return out


def _by_first(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in sorted({tuple(norm(x).split()) for x in phrases}, key=lambda p: (-len(p), p)):
        out.setdefault(p[0], []).append(p)
    return out


def _rules() -> dict:
    return yaml.safe_load(resources.files("generator").joinpath("data/entities.yaml").read_text("utf-8"))


def _nisba_actors(gaz: Gazetteer, kinds: set[str], listed: dict, air_heads: list[str]) -> dict[tuple[str, str], str]:
    """(country, kind or head) -> the actor an adjective of that country names with a head of that
    kind: as listed in entities.yaml (an air head names the air force), else the country's first
    top-level actor of the kind."""
    out: dict[tuple[str, str], str] = {}
    for a in sorted(gaz.actors.values(), key=lambda a: (a.part_of is not None, a.id)):
        if a.country and a.kind in kinds and (a.country, a.kind) not in out:
            out[(a.country, a.kind)] = a.id
    for country, choice in listed.items():
        for key, actor_id in choice.items():
            if actor_id in gaz.actors:
                if key == "air":
                    out.update(((country, h), actor_id) for h in air_heads)
                else:
                    out[(country, key)] = actor_id
    return out


@lru_cache(maxsize=4)
def matcher(gazetteer: Gazetteer | None = None) -> Matcher:
    """The matcher of a gazetteer (the shipped one by default), built once."""
    gaz = gazetteer or load_gazetteer()
    rules = _rules()
    trigger_words = frozenset(norm(w) for w in rules["place_triggers"])
    everyday = _everyday_words()  # (read once: the file is decompressed on every call)
    spellings: dict[tuple[str, ...], list[Ref]] = {}
    for kind, entries in (("place", gaz.places), ("actor", gaz.actors)):
        for words, refs in _spelling_refs(entries, kind, gaz.common, trigger_words, everyday).items():
            if words:
                spellings.setdefault(words, []).extend(refs)
    phrases: dict[str, dict[str, list[Phrase]]] = {}
    after_trigger: dict[str, dict[str, list[Phrase]]] = {}
    for words, refs in spellings.items():
        second = words[1] if len(words) > 1 else ""
        only_after = " ".join(words) in gaz.common and all(r.kind == "place" and gaz.places[r.id].generated
                                                           for r in refs)
        (after_trigger if only_after else phrases).setdefault(words[0], {}).setdefault(second, []).append(
            (words, list(words[1:]), tuple(refs)))
    for index in (phrases, after_trigger):
        for by_second in index.values():
            for options in by_second.values():
                options.sort(key=lambda o: (-len(o[0]), o[0]))
    anaphora = {norm(k): v for k, v in rules["anaphora"].items()}
    table = clitic_forms(phrases)
    # a place word in the dual before a name ("حقلي شاعر وجزل"، "قريتي الزارة"): the name with the word
    # in the singular ("حقل الشاعر"), as the gazetteer spells it
    # (not an admin unit's word: "محافظتي إب وتعز" names the two governorates, read as before)
    admin = frozenset(norm(w) for w in rules["admin_triggers"])
    duals = {(h[:-1] + "تي" if h.endswith("ه") else h + "ي"): h for h in phrases
             if h in trigger_words and h not in admin and any(phrases[h].keys() - {""})}
    for form, (cut, dual) in clitic_forms(duals).items():
        table.setdefault(form, (cut, duals[dual]))
    for head in after_trigger:  # "وجدة" (Oujda, after a place word) is never و + "جدة" (Jeddah)
        if table.get(head, (0,))[0] > 0:
            del table[head]
    for form, (cut, _head) in list(table.items()):
        if "ك" in form[:cut] and form in everyday:
            del table[form]  # "كبيرا" is big, not ك + Beira; "كسرت" broke, not ك + Sirte ("كالهند" stays)
    triggers = clitic_forms(norm(w) for w in rules["place_triggers"])
    site_triggers = clitic_forms(norm(w) for w in rules["site_words"])
    anaphor_forms = clitic_forms(anaphora)
    roles = {norm(w): role for role, words in rules["roles"].items() for w in words}
    nisba_forms: dict[str, str] = {}
    for country, forms in rules["nisbas"].items():
        for f in map(norm, forms):
            for form in (f, f + "ه", "ال" + f, "ال" + f + "ه"):
                nisba_forms[form] = country
    actor_heads = {norm(w): kind for kind, words in rules["actor_heads"].items() for w in words}
    nisba_table = clitic_forms(nisba_forms)
    starts_single = frozenset(f for f, (_c, h) in table.items() if "" in phrases[h])
    starts_pair = frozenset((f, second) for f, (_c, h) in table.items() if "" not in phrases[h]
                            for second in phrases[h])
    pair_firsts = frozenset(f for f, _second in starts_pair)
    state_phrases = _by_first(rules["state_phrases"])
    state_forms = clitic_forms(state_phrases)
    loyal_words = frozenset(norm(w) for w in rules["loyal"]["words"])
    watched = frozenset(triggers) | frozenset(site_triggers) | frozenset(anaphor_forms) | frozenset(nisba_table) \
        | frozenset(clitic_forms(norm(w) for w in rules["roles"]["near"] if " " not in w)) \
        | frozenset(state_forms) | loyal_words
    return Matcher(
        gazetteer=gaz,
        phrases=phrases,
        table=table,
        starts_single=starts_single,
        starts_pair=starts_pair,
        pair_firsts=pair_firsts,
        marked=starts_single | pair_firsts | watched,
        after_trigger=after_trigger,
        after_trigger_table=clitic_forms(after_trigger),
        triggers=triggers,
        directions=frozenset(clitic_forms(norm(w) for w in rules["roles"]["near"] if " " not in w)),
        not_a_name=frozenset(norm(w) for w in rules["not_a_name"]),
        clitic_idioms=frozenset(norm(w) for w in rules["clitic_idioms"]),
        whole_words=frozenset(norm(w) for w in rules["whole_words"]),
        geo_heads=frozenset(norm(w) for w in rules["geo_heads"]),
        not_a_name_suffixes=tuple(norm(w) for w in rules["not_a_name_suffixes"]),
        roles=roles,
        role_clitics=dict(rules["role_clitics"]),
        near_from=frozenset(norm(w) for w in rules["near_from"]),
        partitive_from=frozenset(norm(w) for w in rules["partitive_from"]),
        name_heads=frozenset(norm(w) for w in rules["name_heads"]),
        loyal={"words": loyal_words,
               "heads": frozenset(norm(w) for w in rules["loyal"]["heads"]), "reach": int(rules["loyal"]["reach"])},
        territory_heads=frozenset(norm(w) for w in rules["territory_heads"]),
        territory_adjectives=frozenset(norm(w) for w in rules["territory_adjectives"]),
        actor_head_adjectives=frozenset(norm(w) for w in rules["actor_head_adjectives"]),
        facility_words=frozenset(norm(w) for w in rules["facility_words"]),
        site_triggers=site_triggers,
        site_titles=frozenset(norm(w) for w in rules["site_titles"]),
        speech_verbs=frozenset(norm(w) for w in rules["speech_verbs"]),
        speaking_city=int(rules["speaking_city"]),
        name_tails=frozenset(norm(w) for w in rules["name_tails"]),
        not_place_phrases=frozenset(tuple(norm(p).split()) for p in rules["not_place_phrases"]),
        not_place_words=frozenset(w for p in rules["not_place_phrases"] for w in norm(p).split()),
        adjective_names=frozenset(norm(w) for w in rules["adjective_names"]),
        actor_heads=actor_heads,
        nisba_forms={form: nisba_forms[head] for form, (_cut, head) in nisba_table.items()},
        nisba_actor=_nisba_actors(gaz, set(rules["actor_heads"]), rules["nisba_actors"],
                                  [norm(h) for h in rules["air_heads"]]),
        actor_by_country={c: tuple(ids) for c, ids in rules["actor_by_country"].items()},
        state_phrases=state_phrases,
        state_forms=state_forms,
        anaphora=anaphora,
        anaphor_forms=anaphor_forms,
        watched=watched,
        everyday=everyday,
    )


@lru_cache(maxsize=1)
def _everyday_words() -> frozenset[str]:
    """generator/data/everyday_words.txt.gz, made from a corpus by tools/everyday_words.py."""
    raw = gzip.decompress(resources.files("generator").joinpath("data/everyday_words.txt.gz").read_bytes())
    return frozenset(w for w in raw.decode("utf-8").split("\n") if w and not w.startswith("#"))
