"""The built site: Arabic RTL pages, every link and anchor resolves, text from articles is escaped,
the same input gives the same bytes, and the search index knows the forms readers type."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from conftest import ROOT, mkdocs_build

SITE_PATH = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
                     ["site_url"]).path


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.html_attrs: dict = {}
        self.body_attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        if tag == "body":
            self.body_attrs = a
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("link", "script") and (a.get("href") or a.get("src")):
            self.links.append(a.get("href") or a.get("src"))


class Marked(HTMLParser):
    """The elements of a page with some class, in order: (tag, attributes, text inside). Parsed, not
    matched as text: pages are minified (unquoted attributes, in another order)."""

    def __init__(self, *classes: str):
        super().__init__(convert_charrefs=True)
        self.classes, self.found, self.open = set(classes), [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.classes & set((a.get("class") or "").split()):
            self.found.append([tag, a, ""])
            self.open.append((tag, self.found[-1]))

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            self.open.pop()

    def handle_data(self, data):
        for _, item in self.open:
            item[2] += data


def marked(path: Path, *classes: str) -> list:
    p = Marked(*classes)
    p.feed(path.read_text(encoding="utf-8"))
    return p.found


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_pages_are_arabic_right_to_left(built_site):
    for name in ["index.html", "places/abu-kamal/index.html", "chronology/2017-11/index.html"]:
        page = parse(built_site / name)
        assert page.html_attrs.get("lang") == "ar" and page.body_attrs.get("dir") == "rtl"


def test_an_article_keeps_the_space_between_two_names_it_links(built_site):
    # the minifier drops whitespace between two elements of a block: the text must not lose it
    # ("وزير الخارجية الروسية</a> <a>سيرغي لافروف" read as "الروسيةسيرغي")
    for page in sorted((built_site / "articles").glob("*/index.html")):
        html = page.read_text("utf-8")
        assert not re.search(r"</a><a class=.?waqai-(place|actor)", html), page
    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    t = Text()
    t.feed((built_site / "articles/004-e3d8978b99e0f25a/index.html").read_text("utf-8"))
    assert "الخارجية الروسية سيرغي لافروف" in " ".join("".join(t.parts).split())


def test_readable_stable_urls(built_site):
    for path in ["places/abu-kamal", "places/deir-ez-zor", "actors/isis", "actors/sdf",
                 "articles/004-e3d8978b99e0f25a", "chronology/2017-11", "chronology/reported-2017-11", "data",
                 "report"]:
        assert (built_site / path / "index.html").exists(), path
    month = parse(built_site / "chronology/2017-11/index.html")
    assert {"2017-11-19", "2017-11-09"} <= month.ids


def test_no_link_leads_to_a_missing_page_or_anchor(built_site):
    pages = {p: parse(p) for p in built_site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site's root path (site_url)
                target = (built_site / unquote(parts.path).removeprefix(SITE_PATH).lstrip("/")).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{path.relative_to(built_site)} -> {href} (no such anchor)")
    assert not broken, broken[:20]


def test_places_list_their_events_in_date_order(built_site):
    ids = [a["id"] for _, a, _ in marked(built_site / "places/abu-kamal/index.html", "waqai-entry")
           if {"kind-occurred", "kind-planned"} & set(a["class"].split())]
    data = {e["id"]: e["date_start"] for e in json.loads((built_site / "events.json").read_text(encoding="utf-8"))}
    starts = [data[i] for i in ids]
    assert len(starts) >= 5 and starts == sorted(starts)


def test_article_pages_mark_dates_with_their_resolved_days(built_site):
    page = built_site / "articles/004-e3d8978b99e0f25a/index.html"
    found = marked(page, "waqai-timex", "waqai-resolved", "waqai-furniture")
    # a date expression's mark with the day it resolves to right after it
    marks = [(a.get("title"), text, after[2]) for (tag, a, text), after in zip(found, found[1:], strict=False)
             if tag == "mark" and after[0] == "sup" and a.get("tabindex") == "0"]
    got = {text: sup for _, text, sup in marks}
    assert got["أمس الأحد"] == "19 تشرين الثاني/نوفمبر 2017"
    assert got["قبل أسبوع"] == "13 تشرين الثاني/نوفمبر 2017"
    assert got["التاسع من تشرين الثاني(نوفمبر)"] == "9 تشرين الثاني/نوفمبر 2017"
    assert "2254" not in got
    assert any(tag == "span" and a["class"] == "waqai-furniture" for tag, a, _ in found)
    # the day shown is Arabic words, ISO only in the machine attribute; the rule explained in Arabic
    shown = {sup for _, _, sup in marks}
    assert "19 تشرين الثاني/نوفمبر 2017" in shown and not any(re.search(r"\d{4}-\d\d", s) for s in shown)
    titles = {t for t, _, _ in marks}
    assert all(titles)
    assert all(not re.search("[A-Za-z]", t) for t in titles), titles


def test_search_index_holds_the_forms_readers_type(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    def docs_with(word):
        return {d["location"].split("#")[0] for d in index["docs"]
                if re.search(rf"(?<!\w){word}(?!\w)", d["text"] + " " + d["title"])}
    assert "places/abu-kamal/" in docs_with("بوكمال")
    assert docs_with("ادلب") >= {p for p in docs_with("إدلب") if p.startswith("places/")}
    assert "places/syria/" in docs_with("سوريا") and "places/syria/" in docs_with("سورية")


def test_the_same_input_gives_byte_identical_sites(built_site, tmp_path):
    again = tmp_path / "again"
    proc = mkdocs_build(again)
    assert proc.returncode == 0, proc.stderr[-2000:]
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_data_downloads_are_there(built_site):
    assert (built_site / "events.csv").read_text(encoding="utf-8").startswith(
        "event_id_cnty,event_date,year,time_precision,event_type")
    for name in ["events.json", "events-index.json", "places.geojson", "timeline.json"]:
        json.loads((built_site / name).read_text(encoding="utf-8"))
    assert (built_site / "feed.xml").read_text(encoding="utf-8").startswith("<?xml")


def test_file_order_and_hash_seed_never_change_the_output(built_site, tmp_path):
    """The same articles, written to disk in the reverse order, built with another hash seed."""
    articles = tmp_path / "seeds"
    articles.mkdir()
    for p in sorted((ROOT / "seeds").iterdir(), reverse=True):
        (articles / p.name).write_bytes(p.read_bytes())
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", f"docs_dir: {ROOT / 'content'}").replace(
        "custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("      articles: seeds", f"      articles: {articles}\n      cache: {tmp_path / 'cache'}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    proc = mkdocs_build(out, config, env={"PYTHONHASHSEED": "12345"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    first = {p.relative_to(built_site): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(k) for k in first if first[k] != second[k]] == []


def test_an_event_over_months_is_listed_on_its_year_page_not_under_a_day(tmp_path):
    import datetime as dt

    from generator.corpus import default_catalog
    from generator.pipeline import build
    from generator.render_site import Site

    (tmp_path / "a.md").write_text("---\npublished: 2019-05-13\n---\nعنوان\n"
                                   "ودارت اشتباكات عنيفة بين القوات الحكومية والمسلحين في ريف حماة هذا العام.\n",
                                   encoding="utf-8")
    b = build(tmp_path, default_catalog([tmp_path]), workers=1, today=dt.date(2026, 1, 1))
    (en,) = b.entries
    assert (en.main.date_start, en.main.date_end) == (dt.date(2019, 1, 1), dt.date(2019, 5, 13))
    site = Site(b)
    assert [p.key for p in site.year_parts if en in p.entries] == ["2019"]
    assert not any(en in p.entries for p in site.parts)


def test_html_links_lead_from_page_to_page():
    """A raw-HTML link, followed from its page's URL, reaches the other page's URL; it goes up only
    to the folder both pages share (a short link)."""
    import itertools
    import posixpath

    from generator.site import html_link, page_url

    pages = ["index.md", "data.md", "places/index.md", "places/damascus.md", "places/idlib.md",
             "articles/00015.md", "chronology/2015/index.md", "chronology/2015/07.md", "chronology/undated-2.md"]
    for a, b in itertools.product(pages, pages):
        link = html_link(a, b, "ev-1")
        assert link.endswith("/#ev-1") and not link.startswith("/")
        here = "/site/" + page_url(a)
        reached = posixpath.normpath(posixpath.join(here, link.split("#")[0])) + "/"
        assert reached.replace("//", "/") == ("/site/" + page_url(b)).replace("//", "/"), (a, b, link)
    assert html_link("places/damascus.md", "places/idlib.md") == "../idlib/"
    assert html_link("places/damascus.md", "places/damascus.md") == "./"
    assert html_link("index.md", "places/idlib.md") == "places/idlib/"


def test_the_report_counts_leave_out_what_did_not_happen(built_site):
    """Every seed is read: the report says so without "0 with warnings, 0 not read"."""
    text = (built_site / "report" / "index.html").read_text(encoding="utf-8")
    assert "قُرئ منها 5" in text
    assert "قُرئ 0" not in text and "يُقرأ 0" not in text


def test_the_404_page_links_its_assets_without_a_double_slash(built_site):
    """The 404 page is served at any depth, so its links are absolute (site_url's path): no "//"."""
    text = (built_site / "404.html").read_text(encoding="utf-8")
    assert "waqai-chrome.js" in text and "waqai-icons.svg" in text
    assert "//assets/" not in text
