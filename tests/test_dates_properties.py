"""Properties of the date engine on arbitrary text: it never raises, intervals are ordered,
and every reported span is the original text."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.dates import find_dates
from generator.normalize import normalize

ARABIC_WORDS = [
    "أمس", "اليوم", "غداً", "أول", "من", "الماضي", "المقبل", "الخميس", "السبت", "يوم", "قبل", "بعد", "منذ",
    "خلال", "اليومين", "الأيام", "الثلاثة", "الماضية", "الأسبوع", "الشهر", "العام", "هذا", "مطلع", "نهاية",
    "تشرين", "الثاني", "الأول", "كانون", "آب", "أيار", "رمضان", "شوال", "ذو", "الحجة", "1438", "هـ", "2017",
    "م", "٢٠١٧", "٣١", "31", "12", "-", "/", "(", ")", "،", "و", "ب", "ل", "التاسع", "والعشرين", "صيف",
    "Nov", "20-Nov-2017", "29/02/2016", "2016-02-30", "ليل", "الاثنين", "الثلاثاء", "قتيلاً", "القرار", "2254",
    "\u0640", "\u064b", "\u200f", "\u202e", "\n", " ", "ـ", "ى", "ة",
]

arabicish = st.lists(st.sampled_from(ARABIC_WORDS), max_size=40).map(" ".join)
anything = st.text(max_size=300)
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))


def check(text: str, published: dt.date | None) -> None:
    for e in find_dates(text, published):
        assert 0 <= e.start <= e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert e.text.strip() == e.text and e.text
        if e.vague:
            assert e.date_start is None and e.date_end is None
        else:
            assert e.date_start is not None and e.date_end is not None
            assert e.date_start <= e.date_end


@settings(max_examples=300, deadline=None)
@given(arabicish, st.one_of(st.none(), days))
def test_arabic_word_salad(text, published):
    check(text, published)


@settings(max_examples=300, deadline=None)
@given(anything, st.one_of(st.none(), days))
def test_any_unicode(text, published):
    check(text, published)


@settings(max_examples=200, deadline=None)
@given(anything)
def test_normalized_offsets_map_back(text):
    n = normalize(text)
    for i in range(len(n.text) + 1):
        assert 0 <= n.orig(i) <= len(text)
    for i in range(len(n.text)):
        s, e = n.span(i, i + 1)
        assert s < e and n.text[i] == normalize(text[s:e]).text.strip(" ")[:1] or text[s:e].isspace()


@settings(max_examples=200, deadline=None)
@given(st.one_of(anything, arabicish), st.data())
def test_a_slice_of_the_normalized_text_is_the_normalized_slice(text, data):
    from generator.normalize import norm

    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert " ".join(normalize(text).between(a, b).split()) == norm(text[a:b])
