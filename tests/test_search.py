"""The search index's shape and boosts (generator/search.py), on handmade indexes: what a large
site's compact index keeps, and which of several pages of the same name a reader meets first.
How a reader's browser ranks the boosted pages is checked in Chromium (test_browser.py), and at
31,000 articles by bench/site_checks.py."""

from __future__ import annotations

import json
import random
from collections import defaultdict

import pytest

from generator.gazetteer import load_gazetteer
from generator.search import ENTITY_BOOST, articles_naming, entity_boost, expand_index


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def homonyms(gazetteer):
    """Names that several places are called by, each with their ids (a few, picked at random)."""
    by_name = defaultdict(list)
    for pid, place in gazetteer.places.items():
        by_name[place.name].append(pid)
    shared = sorted((name, sorted(ids)) for name, ids in by_name.items() if len(ids) > 1)
    assert shared, "the shipped gazetteer has places that share a name"
    return random.Random(16).sample(shared, min(5, len(shared)))


def index_of(tmp_path, docs):
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps({"config": {}, "docs": docs}, ensure_ascii=False), encoding="utf-8")
    return path


def boosts(path):
    return {d["location"]: d.get("boost") for d in json.loads(path.read_text(encoding="utf-8"))["docs"]}


def test_articles_naming_counts_articles_not_mentions():
    mentions = [("a1", "place", "aleppo"), ("a1", "place", "aleppo"), ("a2", "place", "aleppo"),
                ("a2", "actor", "isis"), ("a3", "actor", "isis"), ("a3", "place", "idlib")]
    assert articles_naming(mentions) == {"places/aleppo": 2, "actors/isis": 2, "places/idlib": 1}
    assert articles_naming([]) == {}


def test_boost_grows_with_the_articles_and_stays_within_a_title_match():
    values = [entity_boost(n) for n in (0, 1, 2, 10, 100, 1000, 40_000)]
    assert values[0] == ENTITY_BOOST
    assert values == sorted(values) and len(set(values)) == len(values)
    # the title field weighs a thousand times the text: a boost never lifts a page named in its
    # text alone over one named in its title
    assert values[-1] / values[0] < 10


def test_the_place_more_articles_name_gets_the_larger_boost(tmp_path, gazetteer, homonyms):
    for name, ids in homonyms:
        docs = [{"location": f"places/{pid}/", "title": name, "text": ""} for pid in ids]
        docs.append({"location": "articles/x/", "title": f"{name} اليوم", "text": ""})
        for most in (ids[0], ids[-1]):  # at either end of the list: the order of the pages does not decide
            named = {f"places/{pid}": (50 if pid == most else 2) for pid in ids}
            path = index_of(tmp_path, docs)
            expand_index(path, gazetteer, named=named)
            got = boosts(path)
            assert max(ids, key=lambda pid: got[f"places/{pid}/"]) == most, name
            assert got["articles/x/"] is None  # an article keeps the search's own weight
            assert min(got[f"places/{pid}/"] for pid in ids) > ENTITY_BOOST


def test_a_page_no_article_names_keeps_the_base_boost(tmp_path, gazetteer, homonyms):
    name, ids = homonyms[0]
    path = index_of(tmp_path, [{"location": f"places/{pid}/", "title": name, "text": ""} for pid in ids])
    expand_index(path, gazetteer)
    assert set(boosts(path).values()) == {ENTITY_BOOST}


def test_a_compact_index_drops_the_headings_every_article_has(tmp_path, gazetteer):
    docs = [{"location": "articles/a1/", "title": "قصف على حلب", "text": "<p>نص المقال كله</p>"},
            {"location": "articles/a1/#النص", "title": "النص", "text": "<p>نص المقال كله</p>"},
            {"location": "articles/a1/#الأحداث-في-هذا-المقال", "title": "الأحداث في هذا المقال", "text": "x"},
            {"location": "chronology/2015-07/", "title": "تموز/يوليو 2015", "text": "<p>أحداث</p>"},
            {"location": "chronology/2015-07/#2015-07-16", "title": "الخميس 16 تموز/يوليو 2015", "text": "x"}]
    compact = index_of(tmp_path, docs)
    expand_index(compact, gazetteer, compact=True)
    kept = {d["location"]: d for d in json.loads(compact.read_text(encoding="utf-8"))["docs"]}
    assert set(kept) == {"articles/a1/", "chronology/2015-07/", "chronology/2015-07/#2015-07-16"}
    assert "نص المقال" not in kept["articles/a1/"]["text"] and "حلب" in kept["articles/a1/"]["title"]
    full = index_of(tmp_path, docs)
    expand_index(full, gazetteer, compact=False)  # a full index keeps the article's text under its heading
    assert len(json.loads(full.read_text(encoding="utf-8"))["docs"]) == len(docs)
