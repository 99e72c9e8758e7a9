"""Behaviour cases of the event stage, written from the coding guide (tests/data/event_cases.yaml).

Each case names the rule of content/coding-guide.md it tests, gives a short article (its first line is
the title, never read for events) and says what the event stage must find in it: how many events,
which events with which fields, and which words no event may be told by. The expectations were
decided from the guide, not from the tool's output. A merge case gives several articles and says
which of them are told as one entry of the chronology and which entries point at each other.

One test per case; its id is the case's number, its rule and the first words of its body (in Latin
letters, so that the id reads in a terminal). A failure prints the rule, the text, what was expected
and every event found with its fields.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest
import yaml

from generator.chronology import assemble
from generator.gazetteer import load_gazetteer
from generator.normalize import norm
from generator.pipeline import extract
from generator.read import build_article

CASES_FILE = Path(__file__).resolve().parent / "data" / "event_cases.yaml"
CASES: list[dict] = yaml.safe_load(CASES_FILE.read_text("utf-8"))
KNOWN_GAPS: dict[str, str] = yaml.safe_load((CASES_FILE.parent / "event_known_gaps.yaml").read_text("utf-8"))
PUBLISHED = "2015-08-05"  # a Wednesday: the day of a case that names none
RULES = ("detect", "negated", "conditional", "question", "intention", "opinion", "commentary", "background",
         "aggregate", "figurative", "furniture", "attribution", "type", "place", "actors", "casualties", "date",
         "one-per-happening", "merge")
CASE_KEYS = frozenset({"rule", "published", "text", "events", "expect", "every", "none_about", "no_place", "note",
                       "articles", "entries", "linked", "unlinked"})
EVENT_KEYS = frozenset({"type", "sub_type", "date", "date_end", "kind", "precision", "place", "place_not",
                        "places_include", "geo_precision", "geo_precision_max", "actor1", "actor2", "sides",
                        "not_actors", "sources", "not_sources", "fatalities", "injured", "combined", "evidence_min",
                        "evidence_includes", "trigger_in", "site"})
ENTRY_KEYS = EVENT_KEYS | {"articles"}
GENERIC_ACTORS = frozenset({"مدنيون", "محتجون", "مسلحون مجهولون"})  # the guide's participants with no gazetteer entry
KINDS = frozenset({"occurred", "planned", "reported"})
# the guide's "ما ليس حدثاً": at least five cases each whose words must tell no event
NOT_EVENTS = ("negated", "conditional", "question", "intention", "opinion", "commentary", "background", "aggregate",
              "figurative", "furniture")


@cache
def gazetteer():
    return load_gazetteer()


# --- reading the cases ----------------------------------------------------------------------------

def day(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def body_of(text: str) -> str:
    return text.split("\n", 1)[1] if "\n" in text else text


def first_text(case: dict) -> str:
    return case["text"] if "text" in case else case["articles"][0]["text"]


_LATIN = dict(zip("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئ",
                  ["a", "b", "t", "th", "j", "7", "kh", "d", "dh", "r", "z", "s", "sh", "s", "d", "t", "z", "3", "gh",
                   "f", "q", "k", "l", "m", "n", "h", "w", "y", "a", "a", "2", "a", "i", "a", "2", "2"], strict=True))


def latin(words: str) -> str:
    """Arabic in Latin letters (Arabizi), for test ids: pytest would print Arabic as \\u escapes."""
    return "".join(_LATIN.get(c, c if c.isascii() and (c.isalnum() or c == " ") else "") for c in words).strip()


def case_id(n: int, case: dict) -> str:
    words = " ".join(body_of(first_text(case)).split()[:4])
    return f"{n:03d}-{case['rule']}-{latin(words).replace(' ', '_')}"


# --- names ----------------------------------------------------------------------------------------

@cache
def place_spellings() -> dict[str, frozenset[str]]:
    """Place id -> its normalized spellings."""
    return {p.id: frozenset(norm(s.text) for s in p.spellings()) for p in gazetteer().places.values()}


@cache
def actor_ids(name: str) -> frozenset[str]:
    """The gazetteer actors that have `name` among their spellings."""
    want = norm(name)
    return frozenset(a.id for a in gazetteer().actors.values() if any(norm(s.text) == want for s in a.spellings()))


@cache
def known_place(name: str) -> bool:
    want = norm(name)
    return any(want in spellings for spellings in place_spellings().values())


def alternatives(name: str) -> list[str]:
    return [alt.strip() for alt in str(name).split("|")]


def is_place(mention, name: str) -> bool:
    return mention is not None and (norm(name) in place_spellings().get(mention.id, frozenset())
                                    or norm(name) == norm(mention.name))


def has_actor(mentions, name: str) -> bool:
    """Whether one of the mentions is the actor `name` (alternatives split by "|")."""
    for alt in alternatives(name):
        ids = actor_ids(alt)
        if any(m.id in ids or norm(m.name) == norm(alt) for m in mentions):
            return True
    return False


def has_source(sources: list[str], name: str) -> bool:
    for alt in alternatives(name):
        want = norm(alt)
        spellings = {norm(s.text) for i in actor_ids(alt) for s in gazetteer().actors[i].spellings()}
        for s in sources:
            got = norm(s)
            if want in got or (len(got) > 3 and got in want) or got in spellings:
                return True
    return False


# --- one event against one expectation ------------------------------------------------------------

def span_of(text: str, spec) -> tuple[int, int] | None:
    """Where a snippet lies in the article: "words" (its first occurrence) or {text, at} (the at-th)."""
    snippet, at = (spec, 0) if isinstance(spec, str) else (spec["text"], spec.get("at", 0))
    k = -1
    for _ in range(at + 1):
        k = text.find(snippet, k + 1)
        if k < 0:
            return None
    return k, k + len(snippet)


def event_problems(ev, want: dict) -> list[str]:
    """What in one event differs from one expectation, in words (empty: it matches)."""
    out = []
    for key in ("type", "sub_type", "kind", "precision", "fatalities", "injured", "combined", "geo_precision"):
        if key in want and getattr(ev, key) != want[key]:
            out.append(f"{key} {getattr(ev, key)!r}, expected {want[key]!r}")
    if "geo_precision_max" in want and (ev.geo_precision is None or ev.geo_precision > want["geo_precision_max"]):
        out.append(f"geo_precision {ev.geo_precision!r}, expected at most {want['geo_precision_max']}")
    if "date" in want:
        start, end = day(want["date"]), day(want.get("date_end", want["date"]))
        if start is None:
            if ev.date_start is not None:
                out.append(f"date {ev.date_start}/{ev.date_end}, expected none (undated)")
        elif ev.date_start != start or (ev.date_end or ev.date_start) != end:
            out.append(f"date {ev.date_start}/{ev.date_end}, expected {start}/{end}")
    if "place" in want:
        if want["place"] is None:
            if ev.place is not None:
                out.append(f"place {ev.place.name}, expected none")
        elif not is_place(ev.place, want["place"]):
            out.append(f"place {ev.place.name if ev.place else None}, expected {want['place']}")
    if "site" in want and norm(ev.site or "") != norm(want["site"] or ""):
        out.append(f"site {ev.site!r}, expected {want['site']!r}")
    for name in want.get("place_not", []):
        if is_place(ev.place, name):
            out.append(f"place {ev.place.name}, which the text only names as a destination or a topic")
    for name in want.get("places_include", []):
        if not any(is_place(m, name) for m in ev.places):
            out.append(f"places {[m.name for m in ev.places]} lack {name}")
    for side in ("actor1", "actor2"):
        if side not in want:
            continue
        got = getattr(ev, side)
        if not want[side] and got:
            out.append(f"{side} {[m.name for m in got]}, expected none")
        for name in want[side] or []:
            if not has_actor(got, name):
                out.append(f"{side} {[m.name for m in got]} lacks {name}")
    if "sides" in want:
        a, b = want["sides"]
        if not ((has_actor(ev.actor1, a) and has_actor(ev.actor2, b))
                or (has_actor(ev.actor1, b) and has_actor(ev.actor2, a))):
            out.append(f"sides {[m.name for m in ev.actor1]} / {[m.name for m in ev.actor2]}, expected {a} / {b}")
    for name in want.get("not_actors", []):
        if has_actor(ev.actor1 + ev.actor2, name):
            out.append(f"{name} is an actor, expected only a source or nothing")
    for name in want.get("sources", []):
        if not has_source(ev.sources, name):
            out.append(f"sources {ev.sources} lack {name}")
    for name in want.get("not_sources", []):
        if has_source(ev.sources, name):
            out.append(f"sources {ev.sources} have {name}, who is no source here")
    if "evidence_min" in want and len(ev.evidence) < want["evidence_min"]:
        out.append(f"{len(ev.evidence)} evidence sentences, expected at least {want['evidence_min']}")
    text = ev.article.text
    for spec in want.get("evidence_includes", []):
        where = span_of(text, spec)
        if where and not any(s <= where[0] < e for s, e in ev.evidence):
            out.append(f"evidence lacks the sentence of «{where and text[where[0]:where[1]]}»")
    if "trigger_in" in want:
        where = span_of(text, want["trigger_in"])
        if where and not where[0] <= ev.trigger_at < where[1]:
            out.append(f"trigger «{ev.trigger}» is not in «{text[where[0]:where[1]]}»")
    return out


def assign(events: list, wants: list[dict]) -> list[int] | None:
    """A distinct event for every expectation (their indices), or None when there is none."""
    fits = [[i for i, ev in enumerate(events) if not event_problems(ev, w)] for w in wants]

    def go(k: int, used: list[int]) -> list[int] | None:
        if k == len(wants):
            return used
        for i in fits[k]:
            if i not in used and (found := go(k + 1, used + [i])):
                return found
        return None

    return go(0, [])


# --- showing what was found -----------------------------------------------------------------------

def show(ev) -> str:
    text = ev.article.text
    evidence = " | ".join(text[s:e].strip()[:90] for s, e in ev.evidence)
    return (f"    [{ev.type} / {ev.sub_type}] kind={ev.kind} date={ev.date_start}/{ev.date_end} ({ev.precision}, "
            f"from {ev.date_from})\n"
            f"      trigger «{ev.trigger}» @{ev.trigger_at} ({ev.happening}); place="
            f"{ev.place.name if ev.place else None} geo={ev.geo_precision}; places={[m.name for m in ev.places]}\n"
            f"      actor1={[m.name for m in ev.actor1]} actor2={[m.name for m in ev.actor2]} sources={ev.sources}\n"
            f"      fatalities={ev.fatalities} injured={ev.injured} combined={ev.combined}\n"
            f"      evidence ({len(ev.evidence)}): {evidence}")


def report(case: dict, problems: list[str], found: str) -> str:
    return (f"\n[{case['rule']}]" + (f" {case['note']}" if case.get("note") else "") + "\n"
            + (f"text: {case['text']!r}\npublished: {case.get('published', PUBLISHED)}\n" if "text" in case else "")
            + "\n".join(f"  - {p}" for p in problems) + "\n  found:\n" + found)


# --- running a case -------------------------------------------------------------------------------

def events_of(text: str, published=PUBLISHED, name: str = "a.txt") -> list:
    art = build_article(name, text, {"published": str(published)}, 0, "utf-8", name, today=dt.date(2026, 1, 1))
    return extract(art, gazetteer()).events


def fmt(want: dict) -> str:
    """An expectation in one line, days as YYYY-MM-DD."""
    return "{" + ", ".join(f"{k}: {v.isoformat() if isinstance(v, dt.date) else v}" for k, v in want.items()) + "}"


def single_problems(case: dict, events: list) -> list[str]:
    out = []
    if "events" in case and len(events) != case["events"]:
        out.append(f"{len(events)} events, expected {case['events']}")
    wants = case.get("expect", [])
    if wants and assign(events, wants) is None:
        for w in wants:
            if any(not event_problems(ev, w) for ev in events):
                continue
            near = min(((event_problems(ev, w), i) for i, ev in enumerate(events)), key=lambda p: len(p[0]),
                       default=([], None))
            out.append(f"no event matches {fmt(w)}" + (f"; the nearest (#{near[1]}): {'; '.join(near[0])}"
                                                  if near[1] is not None else ""))
        if not any(p.startswith("no event matches") for p in out):
            out.append(f"each of {[fmt(w) for w in wants]} fits some event, but two of them fit only the same one")
    for n, ev in enumerate(events):
        for p in event_problems(ev, case.get("every", {})):
            out.append(f"event #{n}: {p}")
    text = case["text"]
    for spec in case.get("none_about", []):
        s, e = span_of(text, spec)
        for n, ev in enumerate(events):
            if s <= ev.trigger_at < e:
                out.append(f"event #{n} is told by «{ev.trigger}» in «{text[s:e]}», which tells no happening")
    for name in case.get("no_place", []):
        for n, ev in enumerate(events):
            if is_place(ev.place, name):
                out.append(f"event #{n} is placed at {ev.place.name}, which the text only names as a topic")
    return out


def merge_problems(case: dict, entries: list) -> list[str]:
    out, chosen = [], []
    for k, want in enumerate(case["entries"]):
        articles = set(want["articles"])
        fields = {key: v for key, v in want.items() if key != "articles"}
        same = [en for en in entries if {ev.article.name for ev in en.events} == articles]
        fit = [en for en in same if not event_problems(en.main, fields)]
        if not fit:
            out.append(f"entry {k}: no entry tells exactly {sorted(articles)}" + (
                f" with {fmt(fields)}; nearest: {'; '.join(event_problems(same[0].main, fields))}" if same else ""))
            chosen.append(None)
        else:
            chosen.append(fit[0])
    for key, linked in (("linked", True), ("unlinked", False)):
        for a, b in case.get(key, []):
            ea, eb = chosen[a], chosen[b]
            if ea is None or eb is None:
                continue
            both = eb.id in ea.disagrees_with and ea.id in eb.disagrees_with
            either = eb.id in ea.disagrees_with or ea.id in eb.disagrees_with
            if linked and not both:
                out.append(f"entries {a} and {b} should list each other in disagrees_with: "
                           f"{ea.disagrees_with} / {eb.disagrees_with}")
            if not linked and either:
                out.append(f"entries {a} and {b} should not point at each other")
    return out


def show_entries(entries: list) -> str:
    return "\n".join(f"  entry {en.id} articles={[ev.article.name for ev in en.events]} "
                     f"disagrees_with={en.disagrees_with}\n" + "\n".join(show(ev) for ev in en.events)
                     for en in entries)


def _param(n: int, case: dict):
    """A case, marked as a strict expected failure when tests/data/event_known_gaps.yaml lists it."""
    cid = case_id(n, case)
    gap = KNOWN_GAPS.get(_words(n, case))
    marks = [pytest.mark.xfail(reason=f"known gap: {gap}", strict=True)] if gap else []
    return pytest.param(case, id=cid, marks=marks)


def _words(n: int, case: dict) -> str:
    return case_id(n, case).removeprefix(f"{n:03d}-{case['rule']}-")


def test_every_known_gap_names_a_case():
    words = {_words(n, c) for n, c in enumerate(CASES)}
    assert set(KNOWN_GAPS) <= words, sorted(set(KNOWN_GAPS) - words)


@pytest.mark.parametrize("case", [_param(n, c) for n, c in enumerate(CASES)])
def test_event_case(case):
    if case["rule"] == "merge":
        events = [ev for a in case["articles"]
                  for ev in events_of(a["text"], a.get("published", PUBLISHED), a["name"])]
        entries = assemble(events, gazetteer())
        problems = merge_problems(case, entries)
        texts = "\n".join(f"  {a['name']} ({a.get('published', PUBLISHED)}): {a['text']!r}" for a in case["articles"])
        assert not problems, report(case, problems, f"  articles:\n{texts}\n{show_entries(entries)}")
        return
    events = events_of(case["text"], case.get("published", PUBLISHED))
    problems = single_problems(case, events)
    assert not problems, report(case, problems, "\n".join(show(ev) for ev in events) or "    no event")


# --- the cases themselves -------------------------------------------------------------------------

def check_fields(where: str, want: dict, keys: frozenset, texts: list[str]) -> list[str]:
    bad = [f"{where}: unknown keys {sorted(set(want) - keys)}"] if set(want) - keys else []
    for key in ("place", "place_not", "places_include"):
        names = want.get(key)
        for name in [names] if isinstance(names, str) else names or []:
            if not any(known_place(alt) for alt in alternatives(name)):
                bad.append(f"{where}: {key} {name} is no gazetteer place")
    for key in ("actor1", "actor2", "sides", "not_actors"):
        for name in want.get(key) or []:
            if not all(actor_ids(alt) or alt in GENERIC_ACTORS for alt in alternatives(name)):
                bad.append(f"{where}: {key} {name} is no gazetteer actor")
    if "kind" in want and want["kind"] not in KINDS:
        bad.append(f"{where}: unknown kind {want['kind']}")
    for key in ("date", "date_end"):
        if want.get(key) is not None:
            try:
                day(want[key])
            except ValueError:
                bad.append(f"{where}: {key} {want[key]!r} is no day")
    for spec in want.get("evidence_includes", []) + ([want["trigger_in"]] if "trigger_in" in want else []):
        if not any(span_of(t, spec) for t in texts):
            bad.append(f"{where}: snippet {spec!r} is not in the text")
    return bad


def test_the_cases_are_well_formed():
    """Every case names a rule, uses known keys, snippets of its text, places and actors the gazetteer has."""
    bad = []
    for n, case in enumerate(CASES):
        where = f"case {case_id(n, case)}"
        if case.get("rule") not in RULES:
            bad.append(f"{where}: unknown rule {case.get('rule')}")
        if set(case) - CASE_KEYS:
            bad.append(f"{where}: unknown keys {sorted(set(case) - CASE_KEYS)}")
        texts = [case["text"]] if "text" in case else [a["text"] for a in case.get("articles", [])]
        if not texts or any("\n" not in t for t in texts):
            bad.append(f"{where}: every text needs a title line and a body")
        for spec in case.get("none_about", []):
            if not span_of(texts[0], spec):
                bad.append(f"{where}: none_about {spec!r} is not in the text")
        for name in case.get("no_place", []):
            if not known_place(name):
                bad.append(f"{where}: no_place {name} is no gazetteer place")
        for k, want in enumerate(case.get("expect", [])):
            bad += check_fields(f"{where} expect {k}", want, EVENT_KEYS, texts)
        bad += check_fields(f"{where} every", case.get("every", {}), EVENT_KEYS, texts)
        if case.get("rule") == "merge":
            names = {a["name"] for a in case.get("articles", [])}
            for k, want in enumerate(case.get("entries", [])):
                bad += check_fields(f"{where} entry {k}", want, ENTRY_KEYS, texts)
                if not set(want.get("articles", [])) <= names or not want.get("articles"):
                    bad.append(f"{where} entry {k}: articles {want.get('articles')} not among {sorted(names)}")
            for pair in case.get("linked", []) + case.get("unlinked", []):
                if len(pair) != 2 or not all(0 <= i < len(case.get("entries", [])) for i in pair):
                    bad.append(f"{where}: linked/unlinked pair {pair} does not name two entries")
        elif "text" not in case:
            bad.append(f"{where}: no text")
    assert not bad, "\n".join(bad)


def test_every_rule_has_its_cases():
    """At least 8 cases for each rule, and for each kind of thing that is no event 5 whose words must tell none
    (the whole text, `events: 0`, or the words of `none_about` beside a happening told plainly)."""
    counts = {rule: sum(c["rule"] == rule for c in CASES) for rule in RULES}
    few = {rule: n for rule, n in counts.items() if rule not in NOT_EVENTS and n < 8}
    nothing = {rule: sum(c["rule"] == rule and (c.get("events") == 0 or bool(c.get("none_about"))) for c in CASES)
               for rule in NOT_EVENTS}
    few |= {f"{rule} (no event)": n for rule, n in nothing.items() if n < 5}
    assert not few, f"rules with too few cases: {few}"
