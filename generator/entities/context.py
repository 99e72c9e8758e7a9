"""What the words around a name say: its role, whether it is part of another name, and which of
several places of one name, or whether a common word or a village, is meant here."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, repeat

from ..gazetteer import Gazetteer
from .matcher import Matcher
from .model import Ref

# a city this large is what its name means anywhere, unless the text places a namesake ("الرياض" in an
# Egyptian article is Riyadh, not the Egyptian town of 24,000)
METROPOLIS = 1_000_000
_DIRECTIONS = frozenset("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي".split())


@dataclass
class Occurrence:
    """One place of the scan: a name at words [first, last], with the entries it can name."""

    first: int
    last: int
    start: int  # offsets into the normalized text
    end: int
    refs: tuple[Ref, ...]
    cut: int  # length of the clitics in front of the first word


class Words:
    """The normalized words of a text with their sentences and paragraphs, for looking around a name."""

    def __init__(self, m: Matcher, spaces: list[str], words: list[str]) -> None:
        self.m, self.words, self.spaces = m, words, spaces  # spaces[i]: the white space before word i

    # the first word of each paragraph and of each sentence, made when first asked, found with bisect
    @cached_property
    def paragraphs(self) -> list[int]:
        return [0, *compress(range(len(self.spaces)), map(str.__contains__, self.spaces, repeat("\n")))]

    @cached_property
    def sentences(self) -> list[int]:
        ends = frozenset(".!?;")
        return sorted(set(self.paragraphs).union(compress(range(1, len(self.words) + 1),
                                                          map(ends.__contains__, self.words))))

    def paragraph_of(self, k: int) -> int:
        return bisect_right(self.paragraphs, k)

    def sentence_of(self, k: int) -> int:
        return bisect_right(self.sentences, k)

    def bare(self, i: int) -> str:
        return self.m.bare(self.words[i]) if 0 <= i < len(self.words) else ""

    def role(self, first: int, cut: int) -> str | None:
        """at, near, toward, from, about: from the clitic of the name or the words before it,
        across a place word or a direction ("في ريف حماة" is near, "بمدينة الرقة" at)."""
        m, words = self.m, self.words
        clitic = words[first][:cut]
        for c in reversed(clitic):
            if c in m.role_clitics:
                return m.role_clitics[c]
        i, near = first - 1, False
        for _ in range(3):
            if i < 0:
                return None
            w = words[i]
            b = w if w in m.roles else m.bare(w)
            if b in m.triggers or w in m.triggers or w in m.site_triggers:  # (a building's word too)
                near = near or b in ("ريف", "اطراف", "محيط", "ضواحي", "مشارف", "تخوم", "مداخل")
                cut = m.triggers[w][0] if w in m.triggers else m.site_triggers[w][0] if w in m.site_triggers else 0
                lead = next((m.role_clitics[c] for c in reversed(w[:cut]) if c in m.role_clitics), None)
                if lead:  # "بمدينة الرقة": the clitic of the place word
                    return "near" if near and lead == "at" else lead
            elif b in _DIRECTIONS:
                near = True
            else:
                role = m.roles.get(b) or m.roles.get(w) or (  # "وفي": too short for bare()
                    m.roles.get(w[1:]) if len(w) > 1 and w[0] in "وف" else None)
                if role == "from" and i > 0 and m.bare(words[i - 1]) in m.near_from:
                    role = "near"
                elif role == "from" and i > 0 and m.bare(words[i - 1]) in m.partitive_from:
                    role = "at"  # "أماكن متفرقة من مدينة تعز": parts of the city
                if role is None:
                    lead = w[: len(w) - len(b)]
                    role = next((m.role_clitics[c] for c in reversed(lead) if c in m.role_clitics), None)
                if role in ("at", "near") and near:
                    return "near"
                return role or ("near" if near else None)
            i -= 1
        return "near" if near else None

    def part_of_a_name(self, first: int, last: int, cut: int) -> bool:
        """A place name inside another name: a head before it ("منتخب تونس", "بن لادن"), a tail
        after it ("قطر المفتوحة"), or a phrase known not to be a place ("ريال مدريد")."""
        m, words = self.m, self.words
        head = words[first - 1] if first > 0 else ""
        if not cut and head and (m.bare(head) in m.name_heads or head[:1] in "وف" and head[1:] in m.name_heads):
            return True  # (a short head keeps its clitic in bare(): "وآل عمران")
        if last + 1 < len(words) and words[last + 1] in m.name_tails:
            return True
        if not m.not_place_words.intersection(words[max(0, first - 3) : last + 4]) and \
                self.bare(first - 3) not in m.not_place_words:
            return False
        for k in range(max(0, first - 3), first + 1):
            for n in range(last - k + 1, last - k + 4):
                if tuple([self.bare(k), *words[k + 1 : k + n]]) in m.not_place_phrases:
                    return True
        return False

    def adjective(self, first: int, cut: int) -> bool:
        """A country's name used as its adjective ("الأغذية السعودية"): after a definite noun."""
        if cut or first == 0:
            return False
        before = self.m.bare(self.words[first - 1])  # "والدواء" is a definite noun too
        return before.startswith("ال") and before not in self.m.roles and before not in self.m.triggers


def family(gaz: Gazetteer, place_id: str) -> frozenset[str]:
    """family() of a place, computed once per gazetteer."""
    cache = _FAMILY.setdefault(id(gaz), {})
    if place_id not in cache:
        cache[place_id] = frozenset(_family(gaz, place_id))
    return cache[place_id]


_FAMILY: dict[int, dict[str, frozenset[str]]] = {}


def districts(gaz: Gazetteer, place_id: str) -> frozenset[str]:
    """The districts and subdistricts of a place's family, computed once per gazetteer."""
    cache = _DISTRICTS.setdefault(id(gaz), {})
    if place_id not in cache:
        cache[place_id] = frozenset(p for p in family(gaz, place_id)
                                    if gaz.places[p].kind in ("district", "subdistrict"))
    return cache[place_id]


_DISTRICTS: dict[int, dict[str, frozenset[str]]] = {}


def _family(gaz: Gazetteer, place_id: str) -> set[str]:
    """The places that vouch for a place named nearby: its ancestors below the country, and the
    towns that give their name to those ancestors ("حلب" for a village of "محافظة حلب"); for a
    place right under its country (a capital, a region), the country."""
    out = set()
    chain = gaz.chain(place_id)
    for p in chain[1:]:
        if p.kind == "country" and len(chain) == 2:  # a capital: its country vouches for it ("عمان")
            out.add(p.id)
        elif p.kind != "country":
            out.add(p.id)
            seat = gaz.seat(p.id)
            if seat and seat != place_id:
                out.add(seat)
    return out


@dataclass
class Context:
    """Places already taken in the text (id -> word positions), to support the others."""

    gaz: Gazetteer
    words: Words
    at: dict[str, list[int]] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)  # parent id -> its places named
    # the regions ever added (some may have left `at` since): area_named looks at these, not at every place
    regions: set[str] = field(default_factory=set)

    def add(self, place_id: str, first: int) -> None:
        if place_id not in self.at:
            p = self.gaz.places[place_id]
            if p.parent:
                self.parents.setdefault(p.parent, []).append(place_id)
            if p.kind == "region":
                self.regions.add(place_id)
        self.at.setdefault(place_id, []).append(first)

    def named(self, ids: set[str] | frozenset[str], near: int, scope: str) -> bool:
        """Whether one of `ids` is named in the same sentence / paragraph as word `near`, or anywhere,
        at another word than `near` (a name does not vouch for itself)."""
        if not ids or self.at.keys().isdisjoint(ids):
            return False
        if scope == "article":
            return any(k != near for i in ids for k in self.at.get(i, ()))
        key = self.words.sentence_of if scope == "sentence" else self.words.paragraph_of
        here = key(near)
        return any(k != near and key(k) == here for i in ids for k in self.at.get(i, ()))

    def area_named(self, place_id: str, near: int) -> bool:
        """A region of the place's governorate or district named in the paragraph ("الباب بريف حلب
        الشرقي": the eastern countryside of Aleppo, whose parent is Aleppo governorate)."""
        if not self.regions:
            return False
        fam = family(self.gaz, place_id)
        return self.named({p for p in self.regions if self.gaz.places[p].parent in fam}, near, "paragraph")

    def support(self, ref: Ref, occ: Occurrence, trigger: str | None) -> str | None:
        """Why a place that needs support is meant here, or None when nothing supports it."""
        if trigger:
            return f"support: after «{trigger}»"
        if any(k != occ.first for k in self.at.get(ref.id, ())):
            return "support: named elsewhere in the article"
        fam = family(self.gaz, ref.id)
        if self.named(fam, occ.first, "paragraph"):
            return "support: its district or governorate named in the paragraph"
        if self.area_named(ref.id, occ.first):
            return "support: a region of its governorate named in the paragraph"
        if not ref.common:
            parent = self.gaz.places[ref.id].parent
            near = [p for p in self.parents.get(parent or "", ()) if p != ref.id]
            if near and self.gaz.child_count(parent) <= 400 and self.named(set(near), occ.first, "paragraph"):
                return "support: a neighbour named in the paragraph"
            if self.named(districts(self.gaz, ref.id), occ.first, "article"):
                return "support: its district named in the article"
        return None

    def _neighbours_named(self, near: int, exclude: set[str]) -> list[str]:
        """Places named in the paragraph of word `near`, other than the candidates themselves."""
        here = self.words.paragraph_of(near)
        return [p for p, ks in self.at.items() if p not in exclude
                and any(k != near and self.words.paragraph_of(k) == here for k in ks)]

    def choose(self, refs: list[Ref], occ: Occurrence, main_country: str | None) -> tuple[Ref, str]:
        """The one of several places of one spelling the text means, and why: its family named in the
        sentence (the more of it the better), in the paragraph, a region of it; the country of the
        other places of the sentence; a city of a million people; the one nearest the other places of
        the paragraph; its family in the article; the article's country; else the best known."""
        ids = {r.id for r in refs}
        others = self._neighbours_named(occ.first, ids)
        here = self.words.sentence_of(occ.first)
        sentence_countries = {self.gaz.country_of(p) for p in others  # (a village does not place a city:
                              if self.gaz.places[p].rank < 3  # "حي الحوز وسط مدينة الرمادي")
                              and any(self.words.sentence_of(k) == here for k in self.at[p])}
        points = [(q.lat, q.lon) for q in (self.gaz.places[p] for p in others)
                  if q.lat is not None and q.kind not in ("country", "governorate", "region", "sea")]

        def distance(r: Ref) -> float:
            p = self.gaz.places[r.id]
            if p.lat is None or not points:
                return 1e9
            return min((p.lat - a) ** 2 + (p.lon - b) ** 2 for a, b in points)

        # a town that seats a namesake's district or governorate does not place it against a metropolis
        # ("صنعاء" beside "عمران" is the capital, not the village of Amran governorate): its unit must
        metro = any((self.gaz.places[r.id].population or 0) >= METROPOLIS for r in refs)

        def score(r: Ref) -> tuple:
            fam = family(self.gaz, r.id) - ids  # a homonym that seats its district does not vouch for it
            if metro:
                fam = {x for x in fam if self.gaz.places[x].kind not in ("city", "town", "village")}
            p = self.gaz.places[r.id]
            # how much of its family the sentence names ("قرية الخبر في مديرية خنفر بمحافظة أبين": two)
            in_sentence = sum(self.named({x}, occ.first, "sentence") for x in fam)
            return (in_sentence, self.named(fam, occ.first, "paragraph") or self.area_named(r.id, occ.first),
                    self.gaz.country_of(r.id) in sentence_countries, (p.population or 0) >= METROPOLIS,
                    -distance(r) if distance(r) < 2.0 else -1e9, self.named(fam, occ.first, "article"),
                    self.gaz.country_of(r.id) == main_country, -p.rank, p.population or 0, r.id)
        scores = [score(r) for r in refs]  # each once: a score asks many questions of the context
        ranked = sorted(range(len(refs)), key=scores.__getitem__, reverse=True)
        best, scored, second = refs[ranked[0]], scores[ranked[0]], scores[ranked[1]]
        reasons = ("its district or governorate named in the sentence", "its district or governorate named nearby",
                   "in the country of the sentence's other places", "a city of a million people or more",
                   "the nearest to the paragraph's other places", "its district or governorate named in the article",
                   "in the article's country")
        reason = next((why for k, why in enumerate(reasons) if scored[k] != second[k] and scored[k] > second[k]),
                      "a guess: the best known")
        return best, f"one of {len(refs)} places so named; {reason}"


def main_country(gaz: Gazetteer, place_ids: list[str]) -> str | None:
    """The country most of the article's places lie in (ties: the first named)."""
    votes: dict[str, int] = {}
    for pid in place_ids:
        c = gaz.country_of(pid)
        if c:
            votes[c] = votes.get(c, 0) + 1
    return max(votes, key=lambda c: votes[c]) if votes else None


def paragraph_index(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1
