"""Behaviour cases of the place and actor tagger, written from its rules (tests/data/entity_cases.yaml).

Each case names the rule it tests and the spans that must (or must not) be tagged; see the head of
the YAML file for the format. One test per case: its id is the case's number and rule, and a failure
prints the rule, the text and every mention the tagger found.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from generator.entities import Mention, find_entities
from generator.gazetteer import load_gazetteer

CASES_FILE = Path(__file__).resolve().parent / "data" / "entity_cases.yaml"
RULES = frozenset({"common-word", "minor-place", "homonym", "name-inside-name", "adjective", "nisba-actor", "role",
                   "anaphora", "coalition", "lineage", "locative-country", "source"})
KEYS = frozenset({"rule", "text", "published", "places", "not_places", "actors", "not_actors", "roles", "inferred"})
ROLES = frozenset({"at", "near", "toward", "from", "about", "none"})
CASES: list[dict] = yaml.safe_load(CASES_FILE.read_text("utf-8"))


@cache
def gazetteer():
    return load_gazetteer()


def spans(text: str, spec: str | dict) -> list[tuple[int, int]]:
    """Where a span of a case lies in its text: the occurrence `at` names, else every occurrence."""
    span = spec if isinstance(spec, str) else spec["text"]
    starts, k = [], text.find(span)
    while k >= 0:
        starts.append(k)
        k = text.find(span, k + 1)
    at = None if isinstance(spec, str) else spec.get("at")
    if at is not None:
        starts = starts[at : at + 1]
    return [(s, s + len(span)) for s in starts]


def one_span(text: str, spec: str | dict) -> tuple[int, int]:
    found = spans(text, spec)
    assert len(found) == 1, f"the span {spec!r} must occur once in the text (or say `at`), found {len(found)}"
    return found[0]


def covering(mentions: list[Mention], where: tuple[int, int], kind: str) -> list[Mention]:
    s, e = where
    return [m for m in mentions if m.kind == kind and m.start <= s and e <= m.end]


def overlapping(mentions: list[Mention], where: tuple[int, int], kind: str) -> list[Mention]:
    s, e = where
    return [m for m in mentions if m.kind == kind and m.start < e and s < m.end]


def ids_of(spec: dict) -> list[str]:
    ids = spec.get("id")
    return [] if ids is None else [ids] if isinstance(ids, str) else list(ids)


def show(m: Mention) -> str:
    extra = f" role={m.role}" if m.kind == "place" else ""
    return f"«{m.text}» {m.kind} {m.id}{extra}{' inferred' if m.inferred else ''} [{m.start}:{m.end}] ({m.how})"


def problems_of(case: dict, mentions: list[Mention]) -> list[str]:
    """What the tagger got wrong in one case, in words."""
    g, text, out = gazetteer(), case["text"], []
    for spec in case.get("places", []):
        spec = {"text": spec} if isinstance(spec, str) else spec
        found = covering(mentions, one_span(text, spec), "place")
        ok = [m for m in found if ("country" not in spec or g.country_of(m.id) == spec["country"])
              and (not ids_of(spec) or m.id in ids_of(spec))]
        if not ok:
            want = ", ".join(f"{k}={spec[k]}" for k in ("country", "id") if k in spec) or "any"
            out.append(f"place «{spec['text']}» ({want}) expected; found there: "
                       f"{[f'{m.id} ({g.country_of(m.id)})' for m in found] or 'nothing'}")
    for spec in case.get("not_places", []):
        for where in spans(text, spec):
            for m in overlapping(mentions, where, "place"):
                out.append(f"no place expected at «{text[where[0]:where[1]]}»; found {m.id} ({g.country_of(m.id)})")
    for spec in case.get("actors", []):
        found = covering(mentions, one_span(text, spec), "actor")
        ok = [m for m in found if (not ids_of(spec) or m.id in ids_of(spec))
              and ("kind" not in spec or g.actors[m.id].kind == spec["kind"])]
        if not ok:
            want = ", ".join(f"{k}={spec[k]}" for k in ("id", "kind") if k in spec) or "any"
            out.append(f"actor «{spec['text']}» ({want}) expected; found there: "
                       f"{[f'{m.id} ({g.actors[m.id].kind})' for m in found] or 'nothing'}")
    for spec in case.get("not_actors", []):
        for where in spans(text, spec):
            for m in overlapping(mentions, where, "actor"):
                out.append(f"no actor expected at «{text[where[0]:where[1]]}»; found {m.id}")
    for spec in case.get("roles", []):
        found = covering(mentions, one_span(text, spec), "place")
        want = None if spec["role"] == "none" else spec["role"]
        plain = [m for m in found if not m.inferred] or found
        if not plain:
            out.append(f"role {spec['role']} expected at «{spec['text']}», but no place was found there")
        elif all(m.role != want for m in plain):
            out.append(f"role {spec['role']} expected at «{spec['text']}»; found {[m.role or 'none' for m in plain]}")
    for spec in case.get("inferred", []):
        where = one_span(text, spec)
        found = [m for m in covering(mentions, where, "place") + covering(mentions, where, "actor") if m.inferred]
        if not any(m.id == spec["id"] for m in found):
            out.append(f"«{spec['text']}» expected to point back to {spec['id']}; "
                       f"found {[m.id for m in found] or 'no inferred mention'}")
    return out


@pytest.mark.parametrize("case", CASES, ids=[f"{n:03d}-{case['rule']}" for n, case in enumerate(CASES)])
def test_entity_case(case):
    mentions, _ = find_entities(case["text"], published=case.get("published"))
    problems = problems_of(case, mentions)
    assert not problems, (f"\n[{case['rule']}] {case['text']}\n"
                          + (f"published: {case['published']}\n" if case.get("published") else "")
                          + "\n".join(f"  - {p}" for p in problems)
                          + "\n  mentions:\n" + "\n".join(f"    {show(m)}" for m in mentions))


def test_the_cases_are_well_formed():
    """Every case names a known rule, uses known keys, spans of its text, and ids the gazetteer has."""
    g = gazetteer()
    countries = {p.id for p in g.places.values() if p.kind == "country"}
    bad = []
    for n, case in enumerate(CASES):
        text = case.get("text", "")
        where = f"case {n:03d} ({case.get('rule')}: {text[:40]}...)"
        if case.get("rule") not in RULES:
            bad.append(f"{where}: unknown rule")
        if set(case) - KEYS:
            bad.append(f"{where}: unknown keys {sorted(set(case) - KEYS)}")
        for key in ("places", "not_places", "actors", "not_actors", "roles", "inferred"):
            for spec in case.get(key, []):
                if not spans(text, spec):
                    bad.append(f"{where}: {key} span {spec!r} is not in the text")
                if not isinstance(spec, dict):
                    continue
                if key in ("places", "actors", "roles", "inferred") and len(spans(text, spec)) > 1:
                    bad.append(f"{where}: {key} span {spec['text']!r} occurs more than once; say `at`")
                if spec.get("country") and spec["country"] not in countries:
                    bad.append(f"{where}: unknown country {spec['country']}")
                if key == "roles" and spec.get("role") not in ROLES:
                    bad.append(f"{where}: unknown role {spec.get('role')}")
                known = g.places if key == "places" else g.actors if key == "actors" else {**g.places, **g.actors}
                bad += [f"{where}: unknown id {i}" for i in ids_of(spec) if i not in known]
    assert not bad, "\n".join(bad)
