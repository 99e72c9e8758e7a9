"""The place and actor tagger: clitics, spellings, longest match, ambiguity, anaphora, candidates."""

from pathlib import Path

import pytest

from generator.entities import find_entities
from generator.segment import sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def ids(text, kind=None):
    mentions, _ = find_entities(text)
    return [(m.text, m.id) for m in mentions if kind is None or m.kind == kind]


@pytest.mark.parametrize("text, place", [
    ("وسقطت قذائف على البوكمال صباحاً", "البوكمال"),
    ("وسقطت قذائف على والبوكمال", "البوكمال"),
    ("دارت معارك بالبوكمال أمس", "البوكمال"),
    ("وصلت التعزيزات للبوكمال", "لبوكمال"),  # ل + البوكمال is written للبوكمال
    ("وقال إن أبو كمال تعرضت للقصف", "أبو كمال"),
    ("في ديرالزور المحاصرة", "ديرالزور"),
    ("في دير الزور المحاصرة", "دير الزور"),
    ("وبدير الزور المحاصرة", "دير الزور"),
    ("قصفت الطائرات مدينة ادلب", "ادلب"),
    ("قصفت الطائرات مدينة إدلب", "إدلب"),
])
def test_clitics_and_spellings_find_the_place(text, place):
    found = ids(text, "place")
    assert any(t == place for t, _ in found), found
    assert len({i for _, i in found}) == 1


def test_syria_spellings_are_one_place():
    assert {i for _, i in ids("في سوريا وفي سورية", "place")} == {"syria"}


def test_longest_match_wins():
    assert ids("أعلن مجلس دير الزور العسكري السيطرة على القرية") == [("مجلس دير الزور العسكري",
                                                                     "deir-ez-zor-military-council")]
    found = ids("وتقدمت القوات في ريف دير الزور الشرقي")
    assert [t for t, _ in found] == ["ريف دير الزور الشرقي"]


def test_regime_forces_but_not_the_ceasefire_regime():
    assert [i for _, i in ids("وقصفت قوات النظام الأحياء", "actor")] == ["syrian-army"]
    assert ids("وتابعت اللجنة تطبيق نظام وقف العمليات القتالية") == []


def test_a_country_after_a_locative_word_is_only_a_place():
    after_in = ids("وقال المسؤول إن الوضع في روسيا مستقر")
    assert ("روسيا", "russia") in after_in and len(after_in) == 1
    as_subject = find_entities("وأعلنت روسيا استعدادها للحوار")[0]
    assert {m.kind for m in as_subject} == {"place", "actor"}


def test_the_organisation_refers_back_to_isis():
    mentions, _ = find_entities("وشن تنظيم داعش هجوماً على القرية.\nوقال مصدر إن التنظيم انسحب لاحقاً.")
    inferred = [m for m in mentions if m.inferred]
    assert [(m.text, m.id) for m in inferred] == [("التنظيم", "isis")]


def test_the_city_refers_to_the_city_the_text_is_about():
    text = "سيطر الجيش على مدينة الميادين أمس. وقال مسؤولون في دمشق إن المعارك مستمرة.\nودخلت القوات المدينة صباحاً."
    inferred = [(m.text, m.id) for m in find_entities(text)[0] if m.inferred and m.kind == "place"]
    assert inferred == [("المدينة", "al-mayadin")]


def test_amman_needs_jordan_and_oman_needs_its_sultanate():
    amman = ids("وأعلن الأردن توقيع المذكرة في عمان")
    assert ("عمان", "amman") in amman
    oman = ids("وزار الوزير سلطنة عمان", "place")
    assert [i for _, i in oman] == ["oman"]


def test_unknown_places_after_triggers_are_candidates():
    _, candidates = find_entities("وقصفت الطائرات قرية كفرزيتونة الصغيرة وحي الزنبقيات في المدينة")
    assert [c.text for c in candidates] == ["كفرزيتونة", "الزنبقيات"]
    assert [c.trigger for c in candidates] == ["قرية", "وحي"]


def test_a_noun_of_the_land_begins_an_unknown_name_with_the_word_after_it():
    # entities.yaml geo_heads and whole_words: "وادي" is no "و" and a word, and the everyday word
    # after a noun of the land is the name's ("الحجر"، "الرمل"); an adjective after a place word is not
    _, candidates = find_entities("قتل ثلاثة رعاة في منطقة وادي الرمل وفي منطقة سكنية قرب بلدة جبل القمر.")
    assert [c.text for c in candidates] == ["وادي الرمل", "جبل القمر"]


def test_the_parties_to_a_conflict_are_no_candidate_place():
    text = "ودعت الأمم المتحدة جميع أطراف الصراع وأطراف الأزمة إلى الحوار، فيما بلغ القصف أطراف قرية كفرزيتونة."
    _, candidates = find_entities(text)
    assert [c.text for c in candidates] == ["كفرزيتونة"]


def test_spans_are_the_original_text():
    text = "وقصفت «قوات النظام» مدينةَ البوكمال، ثم انسحب «داعش»."
    for m in find_entities(text)[0]:
        assert text[m.start : m.end] == m.text


SEED_EXPECTED = {  # every place and actor the gold's events name, found in the sentence that tells it
    "000_12267a34fe978af7.txt": [("«قسد»، أمس، من السيطرة", {"al-busayrah", "sdf", "deir-ez-zor-military-council"}),
                                 ("أعلن الأردن، السبت الماضي", {"jordan", "amman", "south-syria"}),
                                 ("حيز التنفيذ الشهر الماضي", {"eastern-ghouta"})],
    "001_d5c31eed6dcb728b.txt": [("في القاهرة في 31 تموز الماضي", {"cairo"}),
                                 ("ستقيم اعتبارا من اليوم", {"harbnafsah", "al-duwayr-homs", "al-humayrat", "qubaybat",
                                                             "tell-omari", "russian-military-police"})],
    "002_e39c371191d3715e.txt": [("أطراف مدينة البوكمال", {"abu-kamal", "isis"}),
                                 ("قرية زردنا", {"zardana"})],
    "003_180c9277222e8e9c.txt": [("أمس الثلاثاء", {"deir-ez-zor", "syrian-army"}),
                                 ("خلال اليومين الماضيين", {"deir-ez-zor"})],
    "004_e3d8978b99e0f25a.txt": [("في انطاليا امس", {"antalya", "russia", "turkey", "iran"}),
                                 ("التلفزيون السوري الرسمي السبت", {"abu-kamal"}),
                                 ("إلى المدينة الخميس", {"abu-kamal", "syrian-army"})],
}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_entities_are_found_in_their_sentences(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    mentions, _ = find_entities(text)
    for snippet, want in SEED_EXPECTED[name]:
        at = text.index(snippet)
        s, e = next((s, e) for s, e in sentences(text) if s <= at < e)
        got = {m.id for m in mentions if s <= m.start < e}
        assert want <= got, (snippet, want - got)


def test_al_assad_the_person_the_lake_and_the_word():
    person = ids("وقال الرئيس السوري بشار الأسد إن الحرب انتهت. وأضاف الأسد أن ...")
    assert [i for _, i in person] == ["bashar-al-assad", "bashar-al-assad"]
    lake = ids("وصلت المياه إلى بحيرة الأسد")
    assert [i for _, i in lake] == ["lake-assad"]
    assert ids("وقف الجندي كالأسد في وجه المهاجمين") == []


def test_a_month_named_in_a_date_is_no_place():
    """"أغسطس (آب)": the Syriac month inside a date phrase shares its letters with Yemen's Ibb (إب)
    once normalized; extraction drops a place inside a date, and keeps one outside it."""
    import datetime as dt

    from generator.gazetteer import load_gazetteer
    from generator.pipeline import extract
    from generator.read import build_article

    text = "بيروت\nخطف مسلحون في العاشر من أغسطس (آب) سائقاً تركياً في بيروت، وقصفت الطائرات محافظة إب أمس."
    art = build_article("a.txt", text, {"published": "2016-08-12"}, 0, "utf-8", "a.txt", today=dt.date(2026, 1, 1))
    x = extract(art, load_gazetteer())
    ibb = [m for m in x.mentions if m.kind == "place" and m.name == "محافظة إب"]
    assert [text[m.start : m.end] for m in ibb] == ["محافظة إب"]
