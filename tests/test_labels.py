"""What the site calls things: Arabic counted nouns by CLDR's plural rules, a label for every event
type, sub-type and date-rule family the engines produce, Arabic for every message and how-string,
and one readable form for dates."""

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from generator import labels as L
from generator.dates import find_dates

ROOT = Path(__file__).resolve().parent.parent
NUMBERS = [0, 1, 2, 3, 10, 11, 99, 100, 101, 1000]


def test_cldr_categories_for_arabic():
    assert [L.plural_category(n) for n in NUMBERS] == [
        "zero", "one", "two", "few", "few", "many", "many", "other", "other", "other"]


@pytest.mark.parametrize(("n", "text"), [
    (0, "لا أحداث"), (1, "حدث واحد"), (2, "حدثان"), (3, "3 أحداث"), (10, "10 أحداث"), (11, "11 حدثًا"),
    (99, "99 حدثًا"), (100, "100 حدث"), (101, "101 حدث"), (1000, "1,000 حدث"), (103, "103 أحداث"),
    (111, "111 حدثًا")])
def test_events_agree_with_their_number(n, text):
    assert L.count(n, "event") == text


EXPECTED = {  # the forms for 1, 2, 3, 11 and 100 of every noun the pages count
    "dated_event": ["حدث مؤرخ واحد", "حدثان مؤرخان", "3 أحداث مؤرخة", "11 حدثًا مؤرخًا", "100 حدث مؤرخ"],
    "report": ["خبر واحد بلا تاريخ", "خبران بلا تاريخ", "3 أخبار بلا تاريخ", "11 خبرًا بلا تاريخ", "100 خبر بلا تاريخ"],
    "article": ["مقال واحد", "مقالان", "3 مقالات", "11 مقالًا", "100 مقال"],
    "outlet": ["مصدر واحد", "مصدرين", "3 مصادر", "11 مصدرًا", "100 مصدر"],
    "source": ["مصدر واحد", "مصدران", "3 مصادر", "11 مصدرًا", "100 مصدر"],
    "file": ["ملف واحد", "ملفان", "3 ملفات", "11 ملفًا", "100 ملف"],
    "place": ["مكان واحد", "مكانان", "3 أماكن", "11 مكانًا", "100 مكان"],
    "actor": ["فاعل واحد", "فاعلان", "3 فاعلين", "11 فاعلًا", "100 فاعل"],
    "killed": ["قتيل واحد", "قتيلان", "3 قتلى", "11 قتيلًا", "100 قتيل"],
    "injured": ["جريح واحد", "جريحان", "3 جرحى", "11 جريحًا", "100 جريح"],
    "times": ["مرة واحدة", "مرتين", "3 مرات", "11 مرة", "100 مرة"],
    "result": ["نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجة", "100 نتيجة"],
    "more_result": ["نتيجة أخرى في هذه الصفحة", "نتيجتان أخريان في هذه الصفحة", "3 نتائج أخرى في هذه الصفحة",
                    "11 نتيجة أخرى في هذه الصفحة", "100 نتيجة أخرى في هذه الصفحة"],
    "kilometre": ["كيلومتر واحد", "كيلومتران", "3 كيلومترات", "11 كيلومترًا", "100 كيلومتر"],
    "kilobyte": ["كيلوبايت واحد", "كيلوبايتان", "3 كيلوبايتات", "11 كيلوبايتًا", "100 كيلوبايت"],
    "megabyte": ["ميغابايت واحد", "ميغابايتان", "3 ميغابايتات", "11 ميغابايتًا", "100 ميغابايت"],
}


@pytest.mark.parametrize(("n_bytes", "text"), [
    (0, "أقل من كيلوبايت"), (420, "كيلوبايت واحد"), (2_400, "كيلوبايتان"), (10_200, "10 كيلوبايتات"),
    (48_700, "49 كيلوبايتًا"), (999_000, "999 كيلوبايتًا"), (999_600, "ميغابايت واحد"), (2_040_000, "ميغابايتان"),
    (7_000_000, "7 ميغابايتات"), (12_340_000, "12.3 ميغابايت"), (25_000_000, "25 ميغابايتًا"),
    (1_234_560_000, "1,234.6 ميغابايت")])
def test_file_sizes_agree_with_their_number(n_bytes, text):
    assert L.size_text(n_bytes) == text


@pytest.mark.parametrize("noun", sorted(EXPECTED))
def test_every_counted_noun(noun):
    assert [L.count(n, noun) for n in (1, 2, 3, 11, 100)] == EXPECTED[noun]
    for n in NUMBERS:  # every category has its form; the number is written where the form has one
        text = L.count(n, noun)
        assert text and "{n}" not in text and not re.search("[A-Za-z]", text)


def test_every_noun_of_the_data_file_is_tested():
    assert set(L.labels()["nouns"]) == set(EXPECTED) | {"event"}


def test_the_browser_gets_the_same_rule():
    script = L.l10n_script()
    assert "window.waqaiL10n" in script and "few" in script and "نتيجتان" in script


# --- a label for everything the engines produce ---------------------------------------------------


def test_every_event_type_and_sub_type_has_an_arabic_name():
    from generator.events import rules

    pairs = set()
    for c in rules().classes.values():  # a class's type, and those its actor or target make it
        pairs |= {(c.type, c.sub_type), *c.by_actor.values(), *c.by_target.values()}
    assert len(pairs) > 15
    for type_, sub in pairs:
        assert type_ in L.labels()["types"], type_
        assert sub in L.labels()["sub_types"], sub


def test_the_coding_guide_names_types_as_the_site_does():
    # the guide's table of types is written by hand: each row's Arabic type and sub-type names must be
    # the ones labels.yaml gives the site, so a reader meets one name for one thing
    guide = (ROOT / "content/coding-guide.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([^|`(]+?) \(`([^`]+)`\) \| ([^|]+) \|$", guide, flags=re.M)
    assert len(rows) == 6  # ACLED's six types (ours, the seventh, has no ACLED name)
    subs = set(L.labels()["sub_types"].values())
    for ar, en, listed in rows:
        assert L.labels()["types"][en]["ar"] == ar.strip(), (en, ar)
        for name in (x.strip() for x in listed.split("؛")):
            assert name in subs, name


def test_unknown_types_get_an_arabic_fallback():
    assert L.type_ar("Something new") == L.labels()["type_fallback"]["ar"]
    assert L.sub_type_ar("Something new") == L.labels()["sub_type_fallback"]
    assert L.type_title("Battles", "Armed clash") == "معارك: اشتباك مسلح"


def _rules_of_the_date_table() -> set[str]:
    cases = [c for f in ("date_cases.yaml", "date_forms.yaml")
             for c in yaml.safe_load((ROOT / "tests/data" / f).read_text(encoding="utf-8"))]
    found = set()
    for case in cases:
        published = case["published"]
        published = published if isinstance(published, dt.date) else dt.date.fromisoformat(str(published))
        found |= {d.rule for d in find_dates(case["text"], published)}
    return found


def test_every_date_rule_family_has_a_plain_arabic_explanation():
    rules = _rules_of_the_date_table()
    families = {L.rule_family(r) for r in rules}
    assert len(families) > 10
    missing = sorted(f for f in families if f not in L.labels()["rules"])
    assert not missing, missing
    for rule in rules:
        assert not re.search("[A-Za-z]", L.rule_ar(rule)), rule


def test_an_unknown_rule_family_reads_as_arabic():
    assert L.rule_ar("brand_new: something") == L.labels()["rule_fallback"]
    assert L.rule_ar("deictic: deictic day P-1 + weekday") == "يوم بالعدّ من تاريخ النشر، واسم اليوم يؤكده"


@pytest.mark.parametrize(("how", "inferred", "says"), [
    ("name", False, "بالاسم"),
    ("alias", False, "باسم آخر"),
    ("alias; clitic «و»", False, "باسم آخر"),
    ("alias, ambiguous; after «مدينة»", False, "اسم ملتبس، جاء بعد «مدينة»"),
    ("inferred: «البلاد» = «البوكمال»", True, "استنتاج من السياق لا تصريح"),
    ("something new", True, "استنتاج من السياق لا تصريح"),
    ("something new", False, "تُعرّف عليه آليًا"),
])
def test_how_a_name_was_found_reads_in_arabic(how, inferred, says):
    text = L.how_ar(how, inferred)
    assert says in text and not re.search("[A-Za-z]", text)


def test_every_furniture_reason_has_an_arabic_label():
    rules = yaml.safe_load((ROOT / "generator/data/furniture.yaml").read_text(encoding="utf-8"))
    for why in {r["why"] for r in rules["lines"]} | {"dateline", "picture caption", "page chrome before the title",
                                                      "headline repeated"}:
        assert why in L.labels()["furniture"], why


def test_messages_of_the_bad_inputs_and_seeds_read_in_arabic():
    from generator.corpus import read_folder

    messages = []
    for folder in (ROOT / "tests/data/bad_inputs", ROOT / "tests/data/hostile", ROOT / "seeds"):
        corpus = read_folder(folder, today=dt.date(2024, 5, 1))
        messages += [m for r in corpus.report for m in r.messages]
        messages += [n for a in corpus.articles for n in a.published_note]
    assert len(messages) > 15
    unknown = [m for m in messages if not L.message_known(m)]
    assert not unknown, unknown[:5]
    for m in messages:
        assert not re.search("[A-Za-z]{4,}", re.sub(r"UTF-8|Windows-1256|YAML|JSON|YYYY-MM-DD|published|catalog\.yaml"
                                                   r"|file|sha256|\.md|\.txt|«[^»]*»|'[^']*'|\S+\.(?:md|txt)\b", "",
                                                   L.message_ar(m))), (m, L.message_ar(m))


def test_dates_have_one_readable_form():
    d = dt.date(2017, 11, 19)
    assert L.date_text(d) == "19 تشرين الثاني/نوفمبر 2017"
    assert L.date_text(d, weekday=True) == "الأحد 19 تشرين الثاني/نوفمبر 2017"
    html = str(L.date_html(d))
    assert 'datetime="2017-11-19"' in html and 'class="waqai-d"' in html
    assert "عام" in str(L.interval_html(dt.date(2017, 1, 1), dt.date(2017, 12, 31), "year"))
    assert "2014-06-29" not in re.sub(r'datetime="[^"]*"', "", str(L.partial_date_html("2014-06-29")))


def test_every_office_in_the_actors_reads_in_arabic():
    actors = [a for f in sorted((ROOT / "generator/data/actors").glob("*.yaml"))
              for a in yaml.safe_load(f.read_text(encoding="utf-8"))]
    # an office shows its own Arabic title, or the name of its role
    roles = [r for a in actors for r in a.get("roles") or []]
    untitled = {r["role"] for r in roles if not r.get("title")}
    assert roles and untitled <= set(L.labels()["roles"]), sorted(untitled - set(L.labels()["roles"]))
    assert all(not re.search("[A-Za-z]", r["title"]) for r in roles if r.get("title"))


def test_a_place_the_gazetteer_lacks_is_named_beside_the_known_place():
    from generator.labels import field_ar, site_ar

    assert site_ar("قرية زردنا", "إدلب") == "قرية زردنا (قرب إدلب)"
    assert site_ar("قرية زردنا", None) == "قرية زردنا"
    assert {field_ar(k) for k in ("places", "actors", "source", "site")} == {"أماكن", "فاعلون", "المصدر", "الموضع"}


def test_a_phrase_escapes_its_words_and_text_parts_but_keeps_markup_parts():
    from markupsafe import Markup

    from generator.labels import phrase, phrase_html

    html = phrase_html("other_report", date=Markup('<time datetime="2017-11-19">19</time>'), source='<b>"x"</b>')
    assert '<time datetime="2017-11-19">19</time>' in html
    assert "<b>" not in html and '"x"' not in html
    assert phrase("told_before", date="1 آب") == "ورد قبل 1 آب"
    for key in ("undated", "planned_prefix", "undated_tooltip", "map_caption", "killed_series"):
        assert phrase(key).strip()
