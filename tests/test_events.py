"""Events and the chronology: clause dates, reported vs occurred, merging, casualties, exports.
(The rules case by case: tests/test_event_cases.py with tests/data/event_cases.yaml.)"""

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.chronology import assemble, entry_json
from generator.events import toll
from generator.exports import ACLED_COLUMNS, atom_feed, events_csv, places_geojson, timeline_json
from generator.gazetteer import load_gazetteer
from generator.normalize import norm
from generator.pipeline import build, extract
from generator.read import build_article

ROOT = Path(__file__).resolve().parent.parent
GAZ = load_gazetteer()


def article(text, published="2019-05-13", name="a.txt", outlet="وكالة"):
    meta = {"published": published, "outlet": outlet}
    return build_article(name, text, meta, 0, "utf-8", name, today=dt.date(2026, 1, 1))


def events_of(text, **kw):
    return extract(article(text, **kw), GAZ).events


def test_two_dates_in_one_sentence_date_their_own_clauses():
    evs = events_of("عنوان\nقصفت الطائرات الحربية مدينة إدلب أمس، فيما سيطرت قوات النظام على بلدة خان شيخون "
                    "السبت الماضي.\n")
    by_place = {p.id: e for e in evs for p in e.places}
    assert by_place["idlib"].date_start == dt.date(2019, 5, 12)
    assert by_place["khan-shaykhun"].date_start == dt.date(2019, 5, 11)
    assert by_place["idlib"].sub_type == "Air/drone strike"
    assert by_place["khan-shaykhun"].sub_type == "Government regains territory"


def test_a_clause_without_a_date_takes_its_sentences_nearest_date():
    evs = events_of("عنوان\nوأعلن الأردن، السبت الماضي، أنه وقع مذكرة التفاهم في عمان.\n")
    places = {p.id for e in evs for p in e.places}
    assert {"amman"} <= places
    assert {e.date_start for e in evs} == {dt.date(2019, 5, 11)}


def test_no_date_means_reported_never_the_publication_day():
    (ev,) = events_of("عنوان\nوقصفت الطائرات الحربية بلدة خان شيخون في ريف إدلب.\n")
    assert ev.kind == "reported" and ev.date_start is None and ev.date_end is None


def test_sentences_that_tell_no_happening_are_no_events():
    assert events_of("عنوان\nوقال مصدر أمس إن الوضع هادئ نسبياً.\n") == []
    assert events_of("عنوان\nوتسيطر هيئة تحرير الشام على معظم محافظة إدلب.\n") == []  # a state of affairs


def test_furniture_and_title_tell_no_events():
    assert events_of("قصف على إدلب أمس\nالأكثر قراءة\nYou might also like\n© جميع الحقوق محفوظة لوكالة سانا\n") == []


def test_a_wire_item_of_one_line_is_read_as_text():
    # no headline in the metadata and nothing after its one line: the line is the text, not only the title
    (ev,) = events_of("قصفت طائرات حربية بلدة كفرنبل أمس ما أدى إلى مقتل خمسة مدنيين.\n")
    assert ev.sub_type == "Air/drone strike" and ev.date_start == dt.date(2019, 5, 12) and ev.fatalities == 5


def test_a_planned_event_is_marked_planned():
    (ev,) = events_of("عنوان\nومن المقرر أن يعقد مؤتمر سوتشي الخميس المقبل.\n")
    assert ev.kind == "planned" and ev.date_start == dt.date(2019, 5, 16)


def test_an_interval_running_past_the_publication_day_is_cut_back():
    (ev,) = events_of("عنوان\nودارت اشتباكات عنيفة في ريف حماة هذا الشهر.\n")
    assert ev.date_start == dt.date(2019, 5, 1) and ev.date_end == dt.date(2019, 5, 13)


def test_an_elaborating_sentence_carries_the_date_before_it():
    evs = events_of("عنوان\nوارتفعت حصيلة الغارات على محافظة إدلب أمس إلى 12 قتيلاً.\n"
                    "وأوضح مدير الدفاع المدني أن الغارات استهدفت سوقاً في قرية زردنا.\n")
    (strikes,) = evs  # the toll and the strikes it elaborates on are one happening
    assert strikes.place.id == "zardana" and strikes.date_start == dt.date(2019, 5, 12)
    assert strikes.fatalities == 12 and len(strikes.evidence) == 2


@pytest.mark.parametrize("text, killed, injured", [
    ("ارتفعت الحصيلة إلى 42 قتيلًا مدنياً، و80 جريحاً", 42, 80),
    ("وارتفعت حصيلة القتلى من الطرفين إلى 30 عنصراً على الأقل", 30, None),
    ("أسفرت الغارة عن مقتل 7 أشخاص وإصابة 12 آخرين", 7, 12),
    ("قتل ثلاثة مدنيين بقصف مدفعي", 3, None),
    ("وصلت 15 شاحنة مساعدات إلى 84 مدينة", None, None),
    ("قتل ثلاثة عشر جندياً في الكمين", 13, None),  # a teen number in words
    ("وقتل خلال المواجهات أكثر من عشرين مسلحاً", 20, None),  # "أكثر من" between the verb and the figure
    ("قتل جندي وجرح نحو 15 آخرين", 1, 15),
    ("سقط 9 أشخاص قتلى في التفجير", 9, None),
    ("قتل 30 شخصاً بينهم 6 أطفال", 30, None),  # a part of the figure, not more dead
    ("ما أدى إلى مقتل امرأتين", 2, None),  # a dual
    ("وعدد القتلى ال14 بينهم نساء", 14, None),
    ("يسيطر التنظيم على 25 في المائة من المحافظة", None, None),
])
def test_casualties(text, killed, injured):
    t = toll(re.findall(r"[\u0621-\u064a]+|[0-9]+", norm(text)))  # the words as a Sentence splits them
    assert (t.killed, t.injured) == (killed, injured)
    assert bool(t.said) == bool(killed or injured)


@pytest.mark.parametrize("text, type_, sub", [
    ("فجّر انتحاري سيارة مفخخة في حي الميدان بمدينة حلب أمس", "Explosions/Remote violence", "Suicide bomb"),
    ("سيطر الجيش السوري أمس على بلدة خان شيخون", "Battles", "Government regains territory"),
    ("سيطر تنظيم داعش أمس على مدينة تدمر", "Battles", "Non-state actor overtakes territory"),
    ("خرجت مظاهرات أمس في مدينة درعا", "Protests", "Peaceful protest"),
    ("والتقى وزير الخارجية الروسي سيرغي لافروف أمس نظيره التركي في أنقرة", "Statements and diplomacy",
     "Meeting or talks"),
])
def test_types_come_from_triggers_and_actors(text, type_, sub):
    (ev,) = events_of(f"عنوان\n{text}.\n")
    assert (ev.type, ev.sub_type) == (type_, sub)


def _two_reports():
    a = extract(article("عنوان\nسيطرت قوات النظام على مدينة البوكمال أمس بعد معارك عنيفة مع تنظيم داعش.\n",
                        published="2017-11-20", name="a.txt", outlet="الأولى"), GAZ)
    b = extract(article("عنوان\nوسيطرت قوات النظام أمس الأحد على مدينة البوكمال إثر معارك مع داعش.\n",
                        published="2017-11-20", name="b.txt", outlet="الثانية"), GAZ)
    c = extract(article("عنوان\nسيطرت قوات النظام على مدينة البوكمال بعد معارك مع تنظيم داعش في 17 تشرين الثاني.\n",
                        published="2017-11-20", name="c.txt", outlet="الثالثة"), GAZ)
    return a.events + b.events + c.events


def test_the_same_event_from_two_articles_is_one_entry_with_both_sources():
    entries = assemble(_two_reports(), GAZ)
    merged = [e for e in entries if len(e.events) == 2]
    assert len(merged) == 1
    row = entry_json(merged[0], GAZ)
    assert {s["article"] for s in row["sources"]} == {"a.txt", "b.txt"}
    assert row["date_start"] == "2017-11-19"


def test_a_report_with_another_day_stays_apart_and_is_linked():
    entries = assemble(_two_reports(), GAZ)
    merged = next(e for e in entries if len(e.events) == 2)
    other = next(e for e in entries if e.main.article.name == "c.txt")
    assert other.main.date_start == dt.date(2017, 11, 17)  # two days from the others: told with another day
    assert merged.id in other.disagrees_with and other.id in merged.disagrees_with


def test_ids_are_stable_across_builds_and_input_order():
    evs = _two_reports()
    ids1 = [e.id for e in assemble(evs, GAZ)]
    ids2 = [e.id for e in assemble(list(reversed(_two_reports())), GAZ)]
    assert ids1 == ids2


def test_seed_chronology_exports():
    result = build(ROOT / "seeds")
    entries = result.entries
    rows = list(csv.reader(io.StringIO(events_csv(entries, GAZ))))
    assert rows[0][: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    flag, kind = rows[0].index("acled_type"), rows[0].index("event_type")  # our own type is flagged
    assert {(r[kind], r[flag]) for r in rows[1:] if r[kind] == "Statements and diplomacy"} <= {
        ("Statements and diplomacy", "0")} and any(r[flag] == "1" for r in rows[1:])
    assert len(rows) - 1 == sum(1 for e in entries if e.main.date_start)
    dates = [r[1] for r in rows[1:]]
    assert dates == sorted(dates) and all(d.startswith(("2017", "2018")) for d in dates)
    geo = json.loads(places_geojson(entries, GAZ))
    assert any(f["properties"]["id"] == "abu-kamal" and f["properties"]["events"] >= 5 for f in geo["features"])
    tl = json.loads(timeline_json(entries, "وقائع"))
    assert tl["events"] and all("start_date" in s for s in tl["events"])
    assert all(re.search("[\u0600-\u06ff]", s["group"]) for s in tl["events"])  # row labels readers see: Arabic
    feed = ET.fromstring(atom_feed(entries, "https://example.org/", "وقائع", lambda en: f"x/{en.id}/").encode())
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) >= 10
    atom = "{http://www.w3.org/2005/Atom}"
    for item in feed.findall(f"{atom}entry"):  # what a feed reader shows: Arabic words, no file name
        assert not re.search(r"\d{4}-\d\d-\d\d", item.find(f"{atom}title").text)
        assert not item.find(f"{atom}author/{atom}name").text.endswith((".txt", ".md"))


def test_casualty_text_is_the_article_s_own_words():
    """What the figures were read from is quoted as the article wrote it (hamzas, ة, diacritics), not
    as the matcher normalizes it: a researcher checks it against the source."""
    evs = events_of("عنوان\nقُتل أحدَ عشرَ مدنياً وأُصيب ثلاثة آخرون في غارة جوية على مدينة إدلب أمس.\n")
    [ev] = evs
    assert ev.fatalities == 11 and ev.injured == 3
    text = ev.article.text
    assert ev.casualty_text and all(t in text for t in ev.casualty_text)
    assert any("أحدَ عشرَ" in t for t in ev.casualty_text)
