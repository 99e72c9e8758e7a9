"""The reading stage: encodings, front matter, catalogs, bad input, publication days, furniture."""

import datetime as dt
import gzip
import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.corpus import read_folder, read_jsonl
from generator.read import Catalog, ReadError, body_hash, decode, read_file
from generator.segment import sentences

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad_inputs"
SEEDS = ROOT / "seeds"

EXPECTED = {  # file -> (status, words the message must contain)
    "a..b.txt": ("read", []),
    "bad_published.md": ("skipped", ["bad_published.md", "not a date", "YYYY-MM-DD"]),
    "binary.txt": ("skipped", ["binary.txt", "binary"]),
    "broken_front_matter.md": ("skipped", ["broken_front_matter.md", "line 3", "front matter"]),
    "empty.txt": ("skipped", ["empty.txt", "empty"]),
    "good_bom.txt": ("read", []),
    "good_cp1256.txt": ("read", []),
    "good_crlf.txt": ("read", []),
    "good_utf16be.txt": ("read", []),
    "good_utf8.txt": ("read", []),
    "good_utf8_copy.txt": ("skipped", ["good_utf8_copy.txt", "same text as good_utf8.txt"]),
    "metadata_only.md": ("skipped", ["metadata_only.md", "no text"]),
    "name with spaces.txt": ("read", []),
    "notes.pdf": ("skipped", ["notes.pdf", "not an article"]),
    "only_spaces.txt": ("skipped", ["only_spaces.txt", "empty"]),
    "sub/nested.md": ("read", []),
    "unclosed_front_matter.md": ("skipped", ["unclosed_front_matter.md", "line 1", "never closed"]),
    "undated.txt": ("warnings", ["no publication date", "Wednesday"]),
    "undecodable.txt": ("skipped", ["undecodable.txt", "UTF-8"]),
    "weekday_disagrees_utf16le.txt": ("warnings", ["Monday", "اليوم الأحد", "Sunday"]),
    "مقال عربي.txt": ("read", []),
}


@pytest.fixture(scope="module")
def bad_corpus():
    return read_folder(BAD, Catalog())


def test_every_file_is_in_the_report_with_its_reason(bad_corpus):
    report = {r.path: r for r in bad_corpus.report}
    assert set(report) == set(EXPECTED)
    for path, (status, words) in EXPECTED.items():
        assert report[path].status == status, (path, report[path])
        text = " ".join(report[path].messages)
        for w in words:
            assert w in text, (path, w, text)


def test_good_files_are_all_read(bad_corpus):
    read = {a.id for a in bad_corpus.articles}
    assert read == {p for p, (status, _) in EXPECTED.items() if status != "skipped"}


def test_encodings_decode_to_the_same_arabic(bad_corpus):
    by_id = {a.id: a for a in bad_corpus.articles}
    assert "خان شيخون" in by_id["good_cp1256.txt"].body
    assert by_id["good_cp1256.txt"].encoding == "windows-1256"
    assert by_id["good_bom.txt"].encoding == "utf-8-sig"
    assert "دمشق" in by_id["good_utf16be.txt"].body
    crlf = by_id["good_crlf.txt"]
    assert "\r" not in crlf.text and crlf.text.count("\n") >= 6
    assert by_id["good_utf8.txt"].title == "اشتباكات في ريف إدلب"
    assert by_id["good_utf8.txt"].outlet == "وكالة تجريبية"
    assert by_id["good_utf8.txt"].published == dt.date(2019, 5, 13)


def test_an_article_over_5_mb_is_skipped_and_the_rest_read(tmp_path):
    (tmp_path / "big.txt").write_text("قال مصدر أمس إن القصف استمر. " * 200_000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("---\npublished: 2020-01-02\n---\nقصف أمس.\n", encoding="utf-8")
    corpus = read_folder(tmp_path, Catalog())
    report = {r.path: r for r in corpus.report}
    assert report["big.txt"].status == "skipped" and "5 MB" in report["big.txt"].messages[0]
    assert [a.id for a in corpus.articles] == ["small.txt"]


def test_short_random_bytes_are_skipped_as_binary():
    """A few hundred random bytes with no NUL decode as Windows-1256 with some Arabic letters; their
    control characters (a tenth of them) still say it is no text."""
    rng = random.Random(7)
    for n in (200, 300, 600):
        data = bytes(rng.randrange(1, 256) for _ in range(n))
        with pytest.raises(ReadError, match="binary"):
            decode(data, "bin.txt")


def test_check_command_exits_nonzero_when_a_file_was_skipped(tmp_path):
    shutil.copy(BAD / "good_utf8.txt", tmp_path / "a.txt")
    ok = subprocess.run([sys.executable, "-m", "generator", "check", str(tmp_path)], capture_output=True, text=True,
                        cwd=tmp_path)
    assert ok.returncode == 0 and "1 read" in ok.stdout
    (tmp_path / "b.txt").write_bytes(b"")
    bad = subprocess.run([sys.executable, "-m", "generator", "check", str(tmp_path)], capture_output=True, text=True,
                         cwd=tmp_path)
    assert bad.returncode == 1 and "b.txt" in bad.stdout and "empty" in bad.stdout


def test_dates_cli_offsets_skip_the_front_matter(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\npublished: 2019-05-13\ntitle: أمس\n---\nقال المرصد أمس الأحد إن القصف تواصل.\n",
                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "generator", "dates", str(path)], capture_output=True, text=True,
                         cwd=tmp_path)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    text = path.read_text(encoding="utf-8")
    assert [r["text"] for r in rows] == ["أمس الأحد"]
    assert text[rows[0]["start"] : rows[0]["end"]] == "أمس الأحد"
    assert rows[0]["start"] > text.index("---\n", 4) and rows[0]["date_start"] == "2019-05-12"


def test_dates_cli_without_a_publication_day_says_so(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("قال المرصد أمس إن القصف تواصل.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "generator", "dates", str(path)], capture_output=True, text=True,
                         cwd=tmp_path)
    assert out.returncode != 0 and "a.txt" in out.stderr and "--published" in out.stderr


@pytest.mark.parametrize("command", ["events", "check", "render"])
def test_a_folder_that_does_not_exist_is_an_error_not_an_empty_result(tmp_path, command):
    missing = tmp_path / "no-such-folder"
    args = [sys.executable, "-m", "generator", command, str(missing)] + (
        ["--out", str(tmp_path / "out")] if command == "render" else [])
    out = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 2 and "no-such-folder" in out.stderr and "no such folder" in out.stderr
    assert out.stdout == "" and not (tmp_path / "out").exists()


def test_a_file_that_does_not_exist_is_named_as_missing(tmp_path):
    out = subprocess.run([sys.executable, "-m", "generator", "dates", "nofile.txt", "--published", "2015-08-01"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode != 0 and "nofile.txt: no such file" in out.stderr and "permissions" not in out.stderr


# --- publication days -------------------------------------------------------------------


@pytest.mark.parametrize("name, day", [
    ("000_12267a34fe978af7.txt", None),
    ("001_d5c31eed6dcb728b.txt", None),
    ("002_e39c371191d3715e.txt", None),
    ("003_180c9277222e8e9c.txt", dt.date(2017, 11, 1)),
    ("004_e3d8978b99e0f25a.txt", dt.date(2017, 11, 20)),
])
def test_seed_publication_days_without_metadata(name, day):
    art = read_file(SEEDS / name, name, Catalog(), today=dt.date(2026, 1, 1))
    assert art.published == day
    assert art.published_from == ("dateline" if day else "none")


def test_the_scrape_banner_is_rejected_and_said_so():
    art = read_file(SEEDS / "004_e3d8978b99e0f25a.txt", "004", Catalog(), today=dt.date(2026, 1, 1))
    assert any("Thursday 25th of April 2024" in n and "chrome" in n for n in art.published_note)


def _article(tmp_path, text, name="x.txt", today=dt.date(2026, 1, 1)):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_file(path, name, Catalog(), today=today)


def test_dateline_after_an_english_banner(tmp_path):
    art = _article(tmp_path, "Monday 3rd of June 2024 example.com | Login\nعنوان الخبر\nنشر في 12/05/2019\n"
                             "قصفت الطائرات البلدة أمس.\n")
    assert art.published == dt.date(2019, 5, 12) and art.published_from == "dateline"


def test_a_dateline_in_the_future_of_the_build_is_rejected(tmp_path):
    art = _article(tmp_path, "عنوان\n01 يناير 2090\nقصفت الطائرات البلدة أمس.\n", today=dt.date(2026, 1, 1))
    assert art.published is None and any("future" in n for n in art.published_note)


def test_a_dateline_months_after_the_articles_dates_is_rejected(tmp_path):
    art = _article(tmp_path, "عنوان\n15 مارس 2021\nوكانت المعارك اندلعت في 3 آذار 2015 واستمرت حتى 9 آذار 2015.\n")
    assert art.published is None and any("months after" in n for n in art.published_note)


def test_a_labelled_dateline_at_the_end(tmp_path):
    art = _article(tmp_path, "عنوان\nقصفت الطائرات البلدة أمس الخميس.\nتاريخ النشر: 2016-03-04\n")
    assert art.published == dt.date(2016, 3, 4)  # a Friday, as "أمس الخميس" says
    assert not art.warnings


def test_weekday_disagreement_with_a_dateline_is_noted(tmp_path):
    art = _article(tmp_path, "عنوان\nتاريخ النشر: 2016-03-05\nقصفت الطائرات البلدة أمس الخميس.\n")
    assert art.published == dt.date(2016, 3, 5)
    assert any("Friday" in n and "Saturday" in n for n in art.published_note)


# --- titles, furniture, catalogs, sentences --------------------------------------------------


def test_titles_skip_captions_banners_and_menus():
    titles = {p.name[:3]: read_file(p, p.name, Catalog()).title for p in sorted(SEEDS.glob("*.txt"))}
    assert titles["000"] == "مصادر لـ«البيان »: خفض التصعيد نهاية العام"
    assert titles["003"] == '"داعش" يتهاوى في دير الزور والأنظار تتجه نحو البوكمال'
    assert titles["004"] == "الجيش السوري يسيطر على مدينة البوكمال وداعش يتقهقر"


def test_page_furniture_is_marked_not_removed():
    art = read_file(SEEDS / "002_e39c371191d3715e.txt", "002", Catalog())
    marked = {art.text[s.start : s.end] for s in art.furniture}
    assert {"0", "You might also like", "Leave A Reply", "واحد × أربعة ="} <= marked
    assert "Your email address will not be published." in marked
    assert art.text == (SEEDS / "002_e39c371191d3715e.txt").read_text(encoding="utf-8")
    art = read_file(SEEDS / "003_180c9277222e8e9c.txt", "003", Catalog())
    marked = {art.text[s.start : s.end].strip() for s in art.furniture}
    assert {"+ الخط -", "01 نوفمبر 2017", "المساهمون"} <= marked
    assert not any("على وقع تقلّص" in m for m in marked)


def test_a_link_line_glued_to_a_one_paragraph_body_is_furniture(tmp_path):
    # furniture.yaml `tails`: the headline is in the front matter, so the body's only line is no
    # title, and the link glued to its end ("... . رابط الخبر بصحيفة ...: <headline>") is marked
    body = "وقتل خمسة مدنيين أمس في قصف على مدينة حلب. رابط الخبر بصحيفة المدينة: قصف يقتل خمسة في حلب\n"
    (tmp_path / "a.md").write_text(f"---\npublished: 2020-02-02\ntitle: قصف على حلب\n---\n{body}", encoding="utf-8")
    art = read_folder(tmp_path).articles[0]
    marked = [art.text[s.start : s.end].strip() for s in art.furniture]
    assert marked == ["رابط الخبر بصحيفة المدينة: قصف يقتل خمسة في حلب"]
    assert art.title == "قصف على حلب"


def test_catalog_by_name_by_hash_and_front_matter_wins(tmp_path):
    (tmp_path / "a.txt").write_text("قصف أمس.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\npublished: 2020-02-02\n---\nاشتباكات أمس.\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "renamed.txt").write_text("قصف أمس.\n", encoding="utf-8")
    (tmp_path / "catalog.yaml").write_text(
        f"- file: a.txt\n  published: 2020-01-01\n  outlet: الأولى\n"
        f"- file: b.md\n  published: 2020-03-03\n  title: من الفهرس\n"
        f"- sha256: {body_hash('قصف أمس.' + chr(10))}\n  published: 2020-01-01\n", encoding="utf-8")
    corpus = read_folder(tmp_path)
    by_id = {a.id: a for a in corpus.articles}
    assert by_id["a.txt"].published == dt.date(2020, 1, 1) and by_id["a.txt"].outlet == "الأولى"
    assert by_id["b.md"].published == dt.date(2020, 2, 2) and by_id["b.md"].title == "من الفهرس"
    assert by_id["a.txt"].published_from == "metadata"
    # the same text elsewhere: the same metadata by its hash (and reported as a duplicate here)
    assert any(r.path == "elsewhere/renamed.txt" and "same text" in r.messages[0] for r in corpus.report)


def test_jsonl_corpus(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    rows = [{"content": "قال مصدر أمس إن القصف استمر.", "title": "قصف", "source": "صحيفة", "url": "http://x/1",
             "date_extracted": "2015-08-03 10:00:00"},
            {"content": "", "title": "فارغ"},
            {"content": "قال مصدر أمس إن القصف استمر.", "title": "مكرر"}]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        fh.write("{not json\n")
    corpus = read_jsonl(path)
    assert [a.title for a in corpus.articles] == ["قصف"]
    assert corpus.articles[0].published == dt.date(2015, 8, 3) and corpus.articles[0].outlet == "صحيفة"
    statuses = [r.status for r in corpus.report]
    assert statuses.count("skipped") == 3 and len(corpus.report) == 4


def test_sentences_keep_offsets_and_quotes():
    text = "قال المصدر «انتهت المعركة.» ثم غادر. وبلغ السعر 2.5 دولار؟ نعم\nسطر آخر بلا نقطة"
    got = [text[s:e] for s, e in sentences(text)]
    assert got == ["قال المصدر «انتهت المعركة.»", "ثم غادر.", "وبلغ السعر 2.5 دولار؟", "نعم", "سطر آخر بلا نقطة"]


def test_a_lead_paragraph_is_not_taken_for_the_headline_the_metadata_gives(tmp_path):
    from generator.pipeline import build

    lead = "قصفت طائرات حربية مدينة حمص أمس وقتل ثلاثة مدنيين."
    (tmp_path / "a.md").write_text(f"---\npublished: 2020-02-03\ntitle: غارات على حمص\n---\n{lead}\n",
                                   encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\npublished: 2020-02-03\ntitle: غارات على حمص\n---\nغارات على حمص\n{lead}\n",
                                   encoding="utf-8")
    result = build(tmp_path, workers=1)
    a, b = result.extractions
    assert a.article.title_span is None and b.article.title_span is not None  # b repeats its headline
    for x in (a, b):
        assert [(e.date_start, [p.name for p in e.places]) for e in x.events] == [(dt.date(2020, 2, 2), ["حمص"])]


def test_every_logged_message_names_its_file():
    from generator.corpus import FileReport

    r = FileReport("sub/a.md", "warnings", ["published 2020-01-01 is a Wednesday, but ...", "sub/a.md: broken"])
    assert r.named() == ["sub/a.md: published 2020-01-01 is a Wednesday, but ...", "sub/a.md: broken"]


# --- character references and languages --------------------------------------------------------


def test_character_references_are_decoded_once_when_reading(tmp_path):
    text = ("---\npublished: 2017-11-20\ntitle: '&quot;تحرير&quot; البوكمال &#8220;كاملة&#8221;'\n"
            "outlet: 'الغد &amp; الحياة'\n---\n"
            "قال &quot;المرصد&quot; إن الجيش سيطر أمس على البوكمال &#8211; &lt;b&gt; و&amp;amp; تبقى.\n")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    art = read_folder(tmp_path).articles[0]
    assert art.title == '"تحرير" البوكمال “كاملة”'
    assert art.outlet == "الغد & الحياة"
    assert '"المرصد"' in art.body and "–" in art.body and "<b>" in art.body
    assert "&amp;" in art.body  # decoded once: "&amp;amp;" is the text "&amp;"
    assert "&quot;" not in art.body and "&#" not in art.body


def test_offsets_point_into_the_decoded_text(tmp_path):
    from generator.gazetteer import load_gazetteer
    from generator.pipeline import extract

    (tmp_path / "a.md").write_text("---\npublished: 2017-11-20\n---\n&quot;&quot;&quot; سيطر الجيش أمس على "
                                   "مدينة البوكمال.\n", encoding="utf-8")
    art = read_folder(tmp_path).articles[0]
    x = extract(art, load_gazetteer())
    assert any(d.text == "أمس" and art.text[d.start : d.end] == "أمس" for d in x.dates)
    assert any(art.text[m.start : m.end] == m.text for m in x.mentions)


def test_an_english_article_is_reported_as_not_supported(tmp_path):
    english = ("---\npublished: 2017-11-20\n---\n" + "The Syrian army took control of Abu Kamal yesterday, "
               "the observatory said, after heavy fighting with Islamic State militants. " * 3)
    (tmp_path / "en.md").write_text(english, encoding="utf-8")
    (tmp_path / "fr.md").write_text("---\npublished: 2017-11-20\nlanguage: fr\n---\nقصف على حلب أمس.\n",
                                    encoding="utf-8")
    (tmp_path / "ar.md").write_text("---\npublished: 2017-11-20\n---\nقصف على حلب أمس. Reuters\n", encoding="utf-8")
    corpus = read_folder(tmp_path)
    status = {r.path: r for r in corpus.report}
    assert status["en.md"].status == "warnings" and "not supported" in status["en.md"].messages[0]
    assert status["fr.md"].status == "warnings" and "not supported" in status["fr.md"].messages[0]
    assert status["ar.md"].status == "read"
