"""Events of one article: dated happenings at places, by actors, typed, with their casualties.

An event is told by a clause: its date is the date expression in that clause, else the nearest
one in its sentence; its places and actors are those of the clause's sentence part; its type
comes from trigger words (generator/data/events.yaml). A sentence with no place and no actor
tells no event; page furniture and the title tell none. A sentence with no date at all is a
`reported` event: known only to have happened by the publication day, and never shown as if it
happened that day. A date after the publication day is only kept for what the text plans.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from .dates import DateExpr
from .entities import Mention
from .furniture import in_furniture
from .gazetteer import Gazetteer
from .normalize import Normalized, norm, normalize
from .read import Article
from .segment import sentences

_WORD = re.compile(r"[\u0621-\u064a]+|[0-9]+")
_SUFFIXES = ("", "ات", "ه", "ها", "هم", "ت", "وا", "ون", "ين", "ان", "ي", "يه")
_NUMBER_WORDS = {
    "واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5, "خمس": 5,
    "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8, "تسعه": 9, "تسع": 9, "عشره": 10, "عشر": 10,
    "عشرين": 20, "ثلاثين": 30, "اربعين": 40, "خمسين": 50, "مئه": 100, "مائه": 100,
}


@dataclass(frozen=True)
class Rules:
    types: list[tuple[str, str, frozenset[str] | None, list[tuple[str, ...]]]]  # type, sub, actor kinds, triggers
    killed: frozenset[str]
    killed_before: frozenset[str]
    injured: frozenset[str]
    injured_before: frozenset[str]
    toll: list[str]
    person: frozenset[str]
    clause_breaks: re.Pattern[str]
    openers: frozenset[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    raw = yaml.safe_load(resources.files("generator").joinpath("data/events.yaml").read_text("utf-8"))
    types = []
    for t in raw["types"]:
        for sub in t["sub_types"]:
            kinds = frozenset(sub["actor_kind"]) if sub.get("actor_kind") else None
            types.append((t["type"], sub["sub_type"], kinds, [tuple(norm(w).split()) for w in sub["triggers"]]))
    c = raw["casualties"]
    breaks = "|".join(re.escape(b) for b in raw["clause_breaks"])
    return Rules(
        types=types,
        killed=frozenset(norm(w) for w in c["killed"]),
        killed_before=frozenset(norm(w) for w in c["killed_before"]),
        injured=frozenset(norm(w) for w in c["injured"]),
        injured_before=frozenset(norm(w) for w in c["injured_before"]),
        toll=[norm(w) for w in c["toll"]],
        person=frozenset(norm(w) for w in c["person"]),
        clause_breaks=re.compile(breaks),
        openers=frozenset(norm(w) for w in raw["elaboration_openers"]),
    )


@lru_cache(maxsize=1 << 16)  # news vocabulary repeats: most words are stemmed again and again
def _stem(word: str) -> str:
    """A word without its clitics and article: "وبالغارات" -> "غارات"."""
    for prefix in ("وبال", "وال", "بال", "فال", "لل", "كال", "ال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    if len(word) > 4 and word[0] in "وف":
        word = word[1:]
    if len(word) > 4 and word[0] in "بل":
        word = word[1:]
    return word


def classify(text: str, actor_kinds: set[str]) -> tuple[str, str]:
    """ACLED type and sub-type of a clause from its trigger words (the strongest wins)."""
    return _classify([_stem(w) for w in _WORD.findall(norm(text))], actor_kinds)


def _classify(stems: list[str], actor_kinds: set[str]) -> tuple[str, str]:
    forms = _trigger_forms()
    found: set[int] = set()
    for i, stem in enumerate(stems):
        for k, rest in forms.get(stem, ()):
            if all(i + j < len(stems) and stems[i + j] == rest[j - 1] for j in range(1, len(rest) + 1)):
                found.add(k)
    for k in sorted(found):
        type_, sub, kinds, _ = rules().types[k]
        if kinds is None or kinds & actor_kinds:
            return type_, sub
    return "Other", "Other"


@lru_cache(maxsize=1)
def _trigger_forms() -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """Every written form of a trigger's first word (with its suffixes) -> (type index, the
    stems of the trigger's other words): one look-up a word instead of a loop over triggers."""
    out: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for k, (_, _, _, triggers) in enumerate(rules().types):
        for trigger in triggers:
            rest = tuple(_stem(w) for w in trigger[1:])
            for suffix in _SUFFIXES:
                out.setdefault(trigger[0] + suffix, []).append((k, rest))
    return out


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def casualties(text: str) -> tuple[int | None, int | None, list[str]]:
    """(killed, injured, the words they came from) stated in a clause; the largest figure of each."""
    t = norm(text)
    words = _WORD.findall(t)
    return _casualties(t, words, [_stem(w) for w in words])


def _casualties(t: str, words: list[str], stems: list[str]) -> tuple[int | None, int | None, list[str]]:
    r = rules()
    killed: list[int] = []
    injured: list[int] = []
    said: list[str] = []
    toll = any(x in t for x in r.toll)
    for i in [i for i, w in enumerate(words) if w in _NUMBER_WORDS or w[0] in "0123456789"]:
        w = words[i]
        n = _number(w)
        if n is None or n == 0:
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        after = stems[i + 1] if i + 1 < len(words) else ""
        before = stems[i - 1] if i else ""
        phrase = " ".join(words[max(0, i - 1) : i + 2])
        if after in r.killed or nxt in r.killed or before in r.killed_before:
            killed.append(n)
            said.append(phrase)
        elif after in r.injured or nxt in r.injured or before in r.injured_before:
            injured.append(n)
            said.append(phrase)
        elif toll and words[i - 1 : i] == ["الي"] and (after in r.person or nxt in r.person):
            killed.append(n)
            said.append(phrase)
    return (max(killed) if killed else None), (max(injured) if injured else None), said


@dataclass
class Event:
    id: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str | None
    kind: str  # occurred, reported, planned
    date_text: str | None
    date_rule: str | None
    type: str
    sub_type: str
    places: list[Mention]
    actors: list[Mention]
    fatalities: int | None
    injured: int | None
    casualty_text: list[str]
    article: Article
    start: int  # the clause's offsets in the article's text
    end: int
    sentence: str
    date_from: str = "clause"  # clause, sentence, previous sentence
    notes: list[str] = field(default_factory=list)


def _event_id(article: Article, start: int, end: int) -> str:
    """Stable while the article's text does not change: its hash and the clause's place in it."""
    return "ev-" + hashlib.sha1(f"{article.sha256}:{start}:{end}".encode()).hexdigest()[:12]


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start] + [m.end() for m in rules().clause_breaks.finditer(text, start, end)] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def _within(items: list, starts: list[int], s: int, e: int) -> list:
    """The items (sorted by start) that start in [s, e): a bisect, not a scan, for long articles."""
    return items[bisect_left(starts, s) : bisect_left(starts, e)]


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.id not in seen:
            seen.add(m.id)
            out.append(m)
    return out


def article_events(article: Article, dates: list[DateExpr], mentions: list[Mention],
                   gazetteer: Gazetteer, normalized: Normalized | None = None) -> list[Event]:
    """The events one article tells. `dates` and `mentions` carry offsets into article.text;
    `normalized` is the body normalized, when the taggers already did it."""
    text = article.text
    body = normalized or normalize(article.body)
    title = article.title_span
    resolved = sorted((d for d in dates if d.date_start and not d.vague), key=lambda d: d.start)
    mentions = sorted(mentions, key=lambda m: m.start)
    date_starts = [d.start for d in resolved]
    furniture_starts = [f.start for f in article.furniture]
    mention_starts = [m.start for m in mentions]
    events: list[Event] = []
    previous: tuple[int, Event | None] = (-10, None)  # (sentence index, last dated event)
    for n, (s, e) in enumerate(sentences(text, article.body_start)):
        if in_furniture(article.furniture, s, e, furniture_starts) or (title and s <= title[0] < e):
            continue
        in_sentence = _within(mentions, mention_starts, s, e)
        if not in_sentence:
            continue
        sentence_dates = _within(resolved, date_starts, s, e)
        groups: list[tuple[DateExpr | None, int, int, str]] = []  # (date, start, end, how)
        for a, b in _clauses(text, s, e):
            own = [d for d in sentence_dates if a <= d.start < b]
            if own:
                date, how = own[0], "clause"
            elif sentence_dates:
                date = min(sentence_dates, key=lambda d: min(abs(d.start - b), abs(d.end - a)))
                how = "sentence"
            else:
                date, how = None, "none"
            if groups and groups[-1][0] is date:
                groups[-1] = (date, groups[-1][1], b, groups[-1][3] if groups[-1][3] == "clause" else how)
            else:
                groups.append((date, a, b, how))
        for date, a, b, how in groups:
            part = [m for m in in_sentence if a <= m.start < b]
            if not part:
                continue
            places = _unique([m for m in part if m.kind == "place"])
            actors = _unique([m for m in part if m.kind == "actor"])
            actor_kinds = {gazetteer.actors[m.id].kind for m in actors if m.id in gazetteer.actors}
            # normalized (a slice of the body the taggers normalized) and stemmed once, for the type and the casualties
            clause = " ".join(body.between(a - article.body_start, b - article.body_start).split())
            words = _WORD.findall(clause)
            stems = list(map(_stem, words))
            type_, sub = _classify(stems, actor_kinds)
            killed, hurt, said = _casualties(clause, words, stems)
            ev = Event(
                id=_event_id(article, a, b), date_start=None, date_end=None, precision=None, kind="reported",
                date_text=None, date_rule=None, type=type_, sub_type=sub, places=places, actors=actors,
                fatalities=killed, injured=hurt, casualty_text=said, article=article, start=a, end=b,
                sentence=text[s:e], date_from=how,
            )
            if date is None:
                prev_n, prev_ev = previous
                first = text[s:e].split(maxsplit=1)
                opener = norm(first[0]) if first else ""
                close = prev_n >= n - 2  # the sentence right before, or the one before it
                if (prev_ev and close and opener in rules().openers and (
                        prev_ev.type == type_ or {m.id for m in prev_ev.places + prev_ev.actors}
                        & {m.id for m in places + actors})):
                    _date(ev, prev_ev.date_start, prev_ev.date_end, prev_ev.precision, prev_ev.date_text,
                          prev_ev.date_rule, article)
                    ev.date_from = "previous sentence"
                    ev.notes.append("dated by the sentence it elaborates on")
            else:
                _date(ev, date.date_start, date.date_end, date.precision, date.text, date.rule, article)
            events.append(ev)
            if ev.date_start:
                previous = (n, ev)
    return events


def _date(ev: Event, start: dt.date | None, end: dt.date | None, precision: str | None, text: str | None,
          rule: str | None, article: Article) -> None:
    """Give an event its date; what lies after the publication day is planned, or cut back to it."""
    ev.date_start, ev.date_end, ev.precision, ev.date_text, ev.date_rule = start, end, precision, text, rule
    ev.kind = "occurred"
    p = article.published
    if p and start and end:
        if start > p:
            ev.kind = "planned"
        elif end > p:  # "هذا العام" read in May: it happened by the publication day
            ev.date_end = p
            ev.notes.append(f"interval cut at the publication day {p}")
