"""The plugin's `article_text`: `full` (the default) publishes an article's whole text; `excerpt`
only the sentences that tell an event or give a date, with the link to the source; `none` no
text, only the metadata, the events and the link. Run on three short articles written for these
tests (tests/data/own_articles/, no outlet's text): an air strike and a planned meeting, a clash
report with no URL that ends with a dateline (page furniture), and a culture piece with neither
event nor date. Each has sentences that tell no event and give no date."""

import datetime as dt
import gzip
import json
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build, site_config

from generator.corpus import default_catalog
from generator.pipeline import build
from generator.render import render
from generator.render_site import Site

ARTICLES = ROOT / "tests/data/own_articles"
# per article: the sentences that tell an event or give a date, and those that do neither
KEPT = {
    "a.md": ["قصفت طائرات حربية أمس السبت بلدة معرة النعمان", "أن يعقد مجلس الأمن جلسة يوم الخميس المقبل"],
    "b.md": ["دارت اشتباكات عنيفة صباح اليوم الاثنين", "قذائف سقطت على قرية كفرزيتا مساء أمس الأحد"],
    "c.md": [],
}
LEFT_OUT = {
    "a.md": ["انقطاع الكهرباء منذ فترة طويلة", "نقصًا في الأدوية والوقود", "العمل لا يتوقف ليلًا ولا نهارًا"],
    "b.md": ["جني محصول القمح رغم المخاطر", "رائحة السنابل الناضجة عند الغروب", "آخر تحديث"],
    "c.md": ["أعمالًا لخطاطين شباب", "يجمع بين الصبر والدقة"],
}


@pytest.fixture(scope="module")
def own():
    return build(ARTICLES, default_catalog([ARTICLES]), workers=1, today=dt.date(2026, 1, 1))


def _text(html: str) -> str:
    """What a reader reads of the text: tags and the days written beside dates dropped, entities
    decoded, spaces made single."""
    html = re.sub(r'<sup class="waqai-resolved">.*?</sup>', "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def _page(pages: dict, own, name: str) -> str:
    x = next(x for x in own.extractions if x.article.id == name)
    return pages[Site(own).article_page(x.article)]


def test_full_is_the_default_and_publishes_every_sentence(own):
    pages = render(own)
    assert pages == render(own, article_text="full")
    for name in KEPT:
        shown = _text(_page(pages, own, name))
        assert all(s in shown for s in KEPT[name] + LEFT_OUT[name]), name


def test_excerpt_keeps_only_the_sentences_that_tell_events_or_give_dates(own):
    pages = render(own, article_text="excerpt")
    for name in KEPT:
        page = _page(pages, own, name)
        shown = _text(page)
        assert all(s in shown for s in KEPT[name]), name
        assert not any(s in shown for s in LEFT_OUT[name]), name
    a, b, c = (_page(pages, own, n) for n in ("a.md", "b.md", "c.md"))
    # the dates stay marked with their days; "[…]" where text was left out; the source linked
    assert '<sup class="waqai-resolved">9 آذار/مارس 2019</sup>' in a
    assert a.count('class="waqai-gap"') == 2  # between the two sentences, and after the second
    assert 'class="waqai-url">https://example.org/news/101</a>' in a.split("## النص")[1]
    assert "لا رابط لمصدره في بياناته" in _text(b)  # b has no URL: the note says so
    assert "لا جملة في هذا المقال تروي حدثًا أو تاريخًا" in _text(c) and "waqai-text\"" not in c


def test_none_publishes_no_text_and_keeps_every_event_linkable(own):
    pages = render(own, article_text="none")
    for x in own.extractions:
        page = _page(pages, own, x.article.id)
        text = _text(page.split("## النص")[1])
        assert not any(s in text for s in KEPT[x.article.id] + LEFT_OUT[x.article.id])
        assert "نص المقال غير منشور هنا" in text
        # the chronology links each event to its place in the article: the anchor is still there
        assert all(f'id="{ev.id}"' in page for ev in x.events)
        assert 'class="waqai-legend"' not in page  # nothing is marked: no legend
    assert len([ev for x in own.extractions for ev in x.events]) >= 3


def _site_text(site: Path) -> str:
    """Every file of a built site as text a reader or a script gets: gzip opened, JSON decoded."""
    out = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix not in (".png", ".ico", ".woff2")):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        if path.name.endswith((".json", ".json.gz")):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        out.append(unescape(text))
    return "\n".join(out)


@pytest.mark.parametrize("mode", ["excerpt", "none"])
def test_a_sentence_left_out_is_nowhere_in_the_built_site(tmp_path, mode):
    """The whole site: every link to an event in an article resolves to its anchor, and no page,
    search index or download holds a sentence its article page leaves out."""
    proc = mkdocs_build(tmp_path / "site", site_config(tmp_path, ARTICLES, article_text=mode))
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = tmp_path / "site"
    links = 0
    for page in site.rglob("*.html"):
        # (pages are minified: attribute values may have lost their quotes)
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="?([^"#\s>]*articles/[^"#\s>]+/)#(ev-[0-9a-f]+)', html):
            target = (page.parent / href[0] / "index.html").resolve()
            assert re.search(rf'id="?{href[1]}[\s">]', target.read_text(encoding="utf-8")), (page, href)
            links += 1
    assert links >= 3
    everything = _site_text(site)
    # the search index holds what the article page shows (up to 1,000 articles, their texts too)
    index = json.loads((tmp_path / "site/search/search_index.json").read_text(encoding="utf-8"))
    indexed = " ".join(" ".join(unescape(d["text"]).split()) for d in index["docs"])
    assert (KEPT["a.md"][1] if mode == "excerpt" else "نص المقال غير منشور هنا") in indexed
    for name in LEFT_OUT:
        for sentence in LEFT_OUT[name]:
            assert sentence not in everything, (mode, sentence)
    assert KEPT["a.md"][0] in everything  # an event's own sentence: in the chronology whatever the mode


def test_a_bad_article_text_value_fails_with_a_clear_message(tmp_path):
    proc = mkdocs_build(tmp_path / "site", site_config(tmp_path, ARTICLES, article_text="some"))
    assert proc.returncode != 0
    assert "article_text" in proc.stderr and all(v in proc.stderr for v in ("'full'", "'excerpt'", "'none'"))
    assert not (tmp_path / "site/index.html").exists()


def test_an_article_that_tells_no_event_says_so(tmp_path):
    # an opinion piece: its page says no event was recorded from it, rather than nothing at all
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text("---\npublished: 2015-11-02\ntitle: رأي\n---\n"
                                          "يرى الباحث أن الغارات الروسية على ريف حماة لن تغير موازين القوى.\n",
                                          encoding="utf-8")
    (tmp_path / "in" / "b.md").write_text("---\npublished: 2015-11-02\ntitle: غارات\n---\n"
                                          "قصفت طائرات حربية روسية أمس بلدة كفرنبل.\n", encoding="utf-8")
    from generator.__main__ import main

    assert main(["render", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 0
    opinion = (tmp_path / "out/articles/a.md").read_text("utf-8")
    strike = (tmp_path / "out/articles/b.md").read_text("utf-8")
    assert "waqai-no-events" in opinion and "لم يُسجَّل من هذا المقال حدث" in opinion
    assert "waqai-no-events" not in strike and "waqai-events" in strike
