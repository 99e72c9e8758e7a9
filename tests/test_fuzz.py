"""Fuzzing the reader and the tagger (the date engine has its own properties in
test_dates_properties.py): random bytes, random Unicode, random Arabic and mutated seeds never
raise anything but a clear ReadError, and every offset points at the text it names."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.entities import find_entities
from generator.gazetteer import load_gazetteer
from generator.pipeline import extract
from generator.read import Catalog, ReadError, Source, read_source

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
ARABIC = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةى ،.؟!«»\n٠١٢٣٤٥٦٧٨٩ـًٌٍَُِّْ")),
                 max_size=400)
GAZ = load_gazetteer()


@st.composite
def mutated_seed(draw):
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 40)))
        text = text[:i] + draw(st.one_of(ARABIC, st.text(max_size=20))) + text[j:]
    return text


def check_article(data: bytes) -> None:
    try:
        article = read_source(Source("fuzz.md", "fuzz.md", data), Catalog())
    except ReadError as err:
        assert "fuzz.md" in str(err)
        return
    x = extract(article, GAZ)
    text = article.text
    for d in x.dates:
        assert article.body_start <= d.start <= d.end <= len(text) and text[d.start : d.end] == d.text
    for m in x.mentions:
        assert article.body_start <= m.start <= m.end <= len(text) and text[m.start : m.end] == m.text
    for ev in x.events:
        assert article.body_start <= ev.start < ev.end <= len(text)
        if ev.date_start:
            assert ev.date_start <= ev.date_end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_random_bytes(data):
    check_article(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600), st.booleans())
def test_random_unicode_with_and_without_front_matter(text, front):
    head = "---\npublished: 2019-05-13\ntitle: x\n---\n" if front else ""
    check_article((head + text).encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), ARABIC)
def test_random_front_matter(meta, body):
    check_article(("---\n" + meta + "\n---\n" + body).encode("utf-8"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_seeds(text):
    check_article(("---\npublished: 2017-11-20\n---\n" + text).encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.one_of(ARABIC, st.text(max_size=400)))
def test_tagger_offsets(text):
    mentions, candidates = find_entities(text)
    for m in mentions + candidates:
        assert 0 <= m.start <= m.end <= len(text) and text[m.start : m.end] == m.text
