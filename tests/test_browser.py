"""The built site in a real browser (Debian's Chromium driven by Playwright), at desktop (1280 px)
and phone (390 px) widths, offline: Arabic everywhere, search that agrees with how readers type,
tooltips inside the screen, charts, maps and filters that work without a network, dates whole,
and screenshots of every kind of page for a person to look at (test-artifacts/)."""

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]
sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                                "(.ci/run installs it: apt-get install chromium)")
WIDTHS = {"desktop": 1280, "phone": 390}
# one page of every kind
KINDS = {
    "home": "", "place": "places/abu-kamal/", "place-country": "places/syria/", "actor": "actors/isis/",
    "article": "articles/004-e3d8978b99e0f25a/", "month": "chronology/2017-11/", "year": "chronology/2017/",
    "reported": "chronology/reported-2017-11/", "chronology": "chronology/", "places": "places/",
    "actors": "actors/", "articles": "articles/", "articles-month": "articles/2017-11/", "data": "data/",
    "report": "report/", "about": "about/", "missing": "no-such-page/",
}
# Latin a reader may meet outside isolated runs: names of formats, services and the data's own words
ALLOWED_LATIN = {"OpenStreetMap", "GeoNames", "ACLED", "JSON", "CSV", "GeoJSON", "TimelineJS", "Atom", "YAML",
                 "UTF", "Windows", "Leaflet", "Chart", "js"}
# a date as the pages write it: [weekday] day month-pair year, a month-pair year, or a year
MONTHS = ("كانون الثاني/يناير|شباط/فبراير|آذار/مارس|نيسان/أبريل|أيار/مايو|حزيران/يونيو|تموز/يوليو|آب/أغسطس"
          "|أيلول/سبتمبر|تشرين الأول/أكتوبر|تشرين الثاني/نوفمبر|كانون الأول/ديسمبر")
DATE = re.compile(rf"^(?:(?:الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد) )?(?:\d{{1,2}} )?(?:{MONTHS}) \d{{4}}$"
                  r"|^\d{4}$")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Site404(Quiet):
    """Serves 404.html for a missing page, as GitHub Pages does; that page links its assets from the
    site's own path (site_url's, /waqai/), which is served from the root here too."""

    def translate_path(self, path):
        prefix = urlsplit(SITE_URL).path
        return super().translate_path("/" + path[len(prefix):] if path.startswith(prefix) else path)

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@pytest.fixture(scope="module")
def base_url(built_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Site404, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _page(browser, width: int):
    phone = width < 600
    # has_touch, not is_mobile: a mobile viewport would widen itself to fit a page that overflows
    ctx = browser.new_context(viewport={"width": width, "height": 844 if phone else 900}, locale="ar",
                              has_touch=phone)
    pg = ctx.new_page()
    pg.errors, pg.outside = [], []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))

    def route(r):  # the site must work offline: nothing may leave this machine
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            pg.outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    return ctx, pg


@pytest.fixture(params=list(WIDTHS))
def page(request, browser):
    ctx, pg = _page(browser, WIDTHS[request.param])
    pg.width_name = request.param
    yield pg
    ctx.close()


@pytest.fixture
def desktop(browser):
    ctx, pg = _page(browser, WIDTHS["desktop"])
    yield pg
    ctx.close()


def show(page, url: str) -> None:
    """Open a page and let its charts and map draw (they wait until they are scrolled into view)."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for sel in (".waqai-chart", ".waqai-map"):
        if page.locator(sel).count():
            page.locator(sel).first.scroll_into_view_if_needed()
            page.wait_for_selector(f"{sel}.waqai-drawn", timeout=15000)
    page.evaluate("window.scrollTo(0, 0)")


def search(page, base_url, query):
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # on a phone the search field opens from the header's button
        page.locator("label.md-header__button[for='__search']").click()
    box.fill(query)
    # Material reads the field on keyup (and once its index is built): fill() alone sends no query
    # when the index was built first
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")
    return [urlsplit(h).path.replace(urlsplit(base_url).path, "", 1) for h in hrefs]


# --- Arabic, right to left, nothing broken offline -------------------------------------------------

LATIN_OUTSIDE_ISOLATION = """() => {
  const root = document.body.cloneNode(true);
  root.querySelectorAll('script, style, bdi, [dir=ltr], code, .waqai-text, .md-search, [hidden], '
                        + '.leaflet-control-attribution').forEach(e => e.remove());
  return (root.innerText.match(/[A-Za-z]{2,}/g) || []);
}"""


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_page_is_arabic_rtl_offline_and_screenshot(page, base_url, kind):
    show(page, base_url + KINDS[kind])
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    english = [w for w in page.evaluate(LATIN_OUTSIDE_ISOLATION) if w not in ALLOWED_LATIN]
    assert english == [], english[:10]
    # no page scrolls sideways, nothing sticks out of the screen
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    out = page.evaluate("""w => [...document.querySelectorAll('article *')].filter(e => e.offsetParent
        && !e.closest('.leaflet-container, .md-typeset__table, pre, .md-typeset__scrollwrap')).filter(e => {
          const r = e.getBoundingClientRect(); return r.width && (r.left < -1 || r.right > w + 1); })
        .map(e => e.tagName + ' ' + e.textContent.slice(0, 40))""", page.viewport_size["width"])
    assert out == [], out[:5]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"{kind}-{WIDTHS[page.width_name]}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if kind == "missing":  # the browser logs the missing page's own 404 status
        page.errors = [e for e in page.errors if "404" not in e]
    assert page.errors == [] and page.outside == []


def test_no_generated_page_has_english_words(built_site):
    """Every page of the site, read as text the way a reader sees it (what is isolated left to right,
    the articles' own texts and code are content, not interface)."""
    from html.parser import HTMLParser

    skip = {"script", "style", "bdi", "code"}

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack, self.words = [], []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
                return
            skipped = (tag in skip or a.get("dir") == "ltr" or "waqai-text" in (a.get("class") or "")
                       or "md-search" in (a.get("class") or "") or "hidden" in a)
            self.stack.append(skipped)

        def handle_endtag(self, tag):
            if self.stack and tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
                self.stack.pop()

        def handle_data(self, data):
            if not any(self.stack):
                self.words += re.findall(r"[A-Za-z]{2,}", data)

    found = {}
    for path in sorted(built_site.rglob("*.html")):
        if path.name.endswith(".text.html"):
            continue
        t = Text()
        t.feed(path.read_text(encoding="utf-8"))
        english = [w for w in t.words if w not in ALLOWED_LATIN]
        if english:
            found[str(path.relative_to(built_site))] = english[:5]
    assert not found, list(found.items())[:10]


def test_charts_and_maps_draw_offline(desktop, base_url):
    for kind in ("home", "place", "actor", "year"):
        show(desktop, base_url + KINDS[kind])
        canvas = desktop.locator(".waqai-chart canvas").first
        assert canvas.bounding_box()["height"] > 100
        painted = desktop.evaluate("""() => { const c = document.querySelector('.waqai-chart canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }""")
        assert painted > 1000, kind
        assert desktop.locator(".waqai-map .leaflet-overlay-pane path").count() > 10  # the offline borders
        assert desktop.locator(".waqai-map .leaflet-marker-icon").count() >= 1  # the places, or their clusters
        status = desktop.locator(".waqai-map-status").inner_text()
        assert "حدود الدول" in status
    assert desktop.errors == [] and desktop.outside == []


def test_the_map_says_in_arabic_when_its_tiles_cannot_load(desktop, base_url):
    show(desktop, base_url + KINDS["place"])
    desktop.locator(".waqai-tiles").click()
    desktop.wait_for_function("document.querySelector('.waqai-map-status').textContent.includes('تعذّر')",
                              timeout=15000)
    assert any("tile.openstreetmap.org" in u for u in desktop.outside)  # asked for, offline: refused
    text = desktop.locator("article").inner_text()
    assert "34.4523" in text and "أماكن قريبة" in text  # the coordinates and the neighbours stay
    ARTIFACTS.mkdir(exist_ok=True)
    desktop.locator(".waqai-map").screenshot(path=str(ARTIFACTS / "map-offline-tiles-1280.png"))


def test_filters_change_the_list(page, base_url):
    show(page, base_url + KINDS["place"])
    entries = page.locator(".waqai-entry")
    total = entries.count()
    assert total >= 5
    options = page.eval_on_selector_all("form.waqai-filters select[name=type] option",
                                        "os => os.map(o => o.value).filter(Boolean)")
    assert len(options) >= 2
    page.select_option("form.waqai-filters select[name=type]", options[-1])
    visible = page.eval_on_selector_all(".waqai-entry:not([hidden])", "es => es.map(e => e.dataset.type)")
    assert 0 < len(visible) < total and set(visible) == {options[-1]}
    assert "من" in page.locator("form.waqai-filters output").inner_text()
    page.locator("form.waqai-filters button[type=reset]").click()
    page.wait_for_timeout(100)
    assert page.locator(".waqai-entry:not([hidden])").count() == total
    # by month, on a month page with its days: a day with nothing left loses its heading too
    show(page, base_url + KINDS["actor"])
    months = page.eval_on_selector_all("form.waqai-filters select[name=from] option",
                                       "os => os.map(o => o.value).filter(Boolean)")
    page.select_option("form.waqai-filters select[name=from]", months[-1])
    starts = page.eval_on_selector_all(".waqai-entry:not([hidden])", "es => es.map(e => e.dataset.end || '')")
    assert starts and all(s >= months[-1] for s in starts)
    assert page.errors == []


def test_latin_runs_are_isolated(page, base_url):
    show(page, base_url + KINDS["article"])
    loose = page.evaluate("""() => {
      const out = []; const w = document.createTreeWalker(document.querySelector('.waqai-text'), NodeFilter.SHOW_TEXT);
      for (let n = w.nextNode(); n; n = w.nextNode())
        if (/[A-Za-z]/.test(n.nodeValue) && !n.parentElement.closest('bdi, [dir=ltr]')) out.push(n.nodeValue);
      return out; }""")
    assert loose == []
    # "20-Nov-2017" and the banner's date read left to right, as written
    box = page.locator(".waqai-text bdi", has_text="Thursday 25th of April 2024").first
    assert box.evaluate("e => getComputedStyle(e).direction") == "ltr"


def test_period_entries_are_not_under_day_headings(desktop, base_url):
    for path in (KINDS["month"], "chronology/2017-01/", KINDS["year"]):
        if desktop.goto(base_url + path).status != 200:
            continue
        placed = desktop.evaluate("""() => [...document.querySelectorAll('.waqai-entry[data-start]')].map(e => {
            let h = e.closest('.waqai-list').previousElementSibling;
            while (h && !/^H[1-6]$/.test(h.tagName)) h = h.previousElementSibling;
            return [e.dataset.start, e.dataset.end, h ? h.id : ''];
          })""")
        for start, end, heading in placed:
            if re.fullmatch(r"\d{4}-\d\d-\d\d", heading):  # under a day: a day (or a night of two)
                assert heading == start and (int(end[-2:]) - int(start[-2:])) in (0, 1), (path, start, end)
            elif start != end:
                assert heading in ("month", "year"), (path, heading)
    # (that an event over months is listed on its year page: test_site.py, on an article made for it)


def test_month_pages_link_their_neighbours_and_mark_their_tab(page, base_url):
    show(page, base_url + KINDS["month"])
    nav = page.locator(".waqai-prevnext a")
    assert nav.count() == 3 and "تشرين الأول/أكتوبر 2017" in nav.first.inner_text()
    if page.width_name == "desktop":
        for kind, tab in (("month", "التسلسل الزمني"), ("place", "الأماكن"), ("actor", "الفاعلون"),
                          ("article", "المقالات")):
            page.goto(base_url + KINDS[kind])
            assert page.locator(".md-tabs__item--active").inner_text().strip() == tab


def test_interactive_controls_do_not_print(desktop, base_url):
    show(desktop, base_url + KINDS["place"])
    desktop.emulate_media(media="print")
    for sel in (".waqai-tiles", "form.waqai-filters", ".waqai-map"):
        assert desktop.locator(sel).first.evaluate("e => getComputedStyle(e).display") == "none", sel


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["article", "actor", "month", "articles-month", "place"])
def test_dates_have_one_form_and_never_wrap(page, base_url, kind):
    show(page, base_url + KINDS[kind])
    # an inline box has a rectangle per bidi run: one line is one distinct top
    dates = page.eval_on_selector_all("time.waqai-d", """ts => ts.filter(t => t.offsetParent).map(t =>
        [t.textContent, new Set([...t.getClientRects()].map(r => Math.round(r.top))).size])""")
    assert dates
    bad = [text for text, _ in dates if not DATE.match(text)]
    assert bad == [], bad[:5]
    wrapped = [text for text, lines in dates if lines != 1]
    assert wrapped == [], wrapped[:5]
    body = page.locator("article").inner_text()
    assert not re.search(r"\b\d{4}-\d\d-\d\d\b|\b\d\d-\d\d-\d{4}\b", body)


# --- tooltips --------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", [".waqai-text mark.waqai-timex", ".waqai-text a.waqai-place[title]", ".waqai-type"])
def test_tooltips_open_next_to_their_anchor_inside_the_screen(page, base_url, target):
    show(page, base_url + KINDS["article"])
    # a handle, not a locator: the theme takes the title off while its tooltip shows, and
    # "[title]" would then point at another element
    anchor = page.locator(target).nth(3).element_handle()
    anchor.scroll_into_view_if_needed()
    if page.width_name == "desktop":
        anchor.hover()
    elif "a.waqai-place" in target:
        anchor.focus()  # a tap on a phone follows the link; the tooltip is for focus (keyboard, reader)
    else:
        anchor.tap()
    tip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tip.wait_for(timeout=5000)
    page.wait_for_timeout(500)
    a, t = anchor.bounding_box(), tip.bounding_box()
    width = page.viewport_size["width"]
    assert 0 <= t["x"] and t["x"] + t["width"] <= width + 1, (t, width)
    gap_y = max(t["y"] - (a["y"] + a["height"]), a["y"] - (t["y"] + t["height"]))
    gap_x = max(t["x"] - (a["x"] + a["width"]), a["x"] - (t["x"] + t["width"]))
    assert gap_y < 40 and gap_x < 40, (a, t)
    assert re.search("[\u0621-\u064a]", tip.inner_text()) and not re.search("[A-Za-z]{3,}", tip.inner_text())
    ARTIFACTS.mkdir(exist_ok=True)
    name = target.split(".")[-1].split("[")[0]
    page.screenshot(path=str(ARTIFACTS / f"tooltip-{name}-{WIDTHS[page.width_name]}.png"))


# --- search --------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["البوكمال", "بوكمال"])
def test_search_finds_al_bukamal_with_or_without_the_article(desktop, base_url, query):
    assert "places/abu-kamal/" in search(desktop, base_url, query)


def test_both_spellings_of_syria_find_syria(desktop, base_url):
    assert "places/syria/" in search(desktop, base_url, "سوريا")
    assert "places/syria/" in search(desktop, base_url, "سورية")


def test_idlib_with_and_without_hamza_find_the_same_pages(desktop, base_url):
    with_hamza, without = search(desktop, base_url, "إدلب"), search(desktop, base_url, "ادلب")
    assert "places/idlib/" in with_hamza and "places/idlib/" in without
    assert set(with_hamza) == set(without)


@pytest.mark.parametrize(("query", "bare"), [("الرقة؟", "الرقة"), ("تركيا؛", "تركيا"), ("«قسد»", "قسد"),
                                             ("المرصد:", "المرصد"), ("حلب،", "حلب"), ('"تركيا"', "تركيا")])
def test_punctuation_in_a_query_finds_what_the_bare_word_finds(page, base_url, query, bare):
    assert search(page, base_url, query)[:5] == search(page, base_url, bare)[:5]


def test_a_word_is_not_the_start_of_a_longer_one(desktop, base_url):
    found = search(desktop, base_url, "البوكمال")
    assert found[0] == "places/abu-kamal/"  # its own page first
    desktop.goto(base_url)
    desktop.locator("input.md-search__input").fill("البوك")  # a word's start alone finds nothing
    desktop.locator("input.md-search__input").press("End")
    # the theme's "no results", shown once the query is answered
    desktop.wait_for_function("document.querySelector('.md-search-result__meta').textContent.trim() === "
                              "'لا توجد نتائج'", timeout=15000)
    assert desktop.locator(".md-search-result__item").count() == 0


def test_results_mark_the_words_as_written_and_count_in_words(desktop, base_url):
    search(desktop, base_url, "ادلب")
    marks = desktop.eval_on_selector_all(".md-search-result__item mark", "ms => ms.filter(m => m.offsetParent)"
                                         ".map(m => m.textContent)")
    assert any("إدلب" in m for m in marks)
    meta = desktop.locator(".md-search-result__meta")
    n = int(re.sub(r"\D", "", meta.inner_text()) or 0)
    assert n > 10 and meta.inner_text() == (f"{n} نتائج" if 3 <= n % 100 <= 10 else f"{n} نتيجة")
    # the wording Material would write for other counts, as the site writes it
    for count, words in ((1, "نتيجة واحدة"), (2, "نتيجتان"), (3, "3 نتائج"), (11, "11 نتيجة"), (100, "100 نتيجة")):
        meta.evaluate("(m, n) => { m.textContent = n === 1 ? 'نتيجة واحدة' : 'عدد النتائج: ' + n; }", count)
        desktop.wait_for_timeout(50)
        assert meta.inner_text() == words
    ARTIFACTS.mkdir(exist_ok=True)
    desktop.screenshot(path=str(ARTIFACTS / "search-results-1280.png"))


def test_a_result_link_highlights_the_word_as_written(page, base_url):
    page.goto(base_url + "places/idlib/?h=ادلب")
    page.wait_for_selector("article mark[data-md-highlight]", timeout=10000)
    marked = page.eval_on_selector_all("article mark[data-md-highlight]", "ms => ms.map(m => m.textContent)")
    assert "إدلب" in marked


def test_snippets_read_as_clean_text(built_site):
    import json

    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        if not doc["location"].startswith(("places/", "actors/", "articles/", "chronology/")):
            continue  # the pages with label tables, charts and maps
        text = re.sub(r"<span hidden>.*?</span>", "", doc["text"])
        for glued in ("المصدرغير", "بالإنكليزية", "الإحداثيات", "عرض الخريطة", "OpenStreetMap"):
            assert glued not in text, (doc["location"], glued)
        assert not re.search(r"[\u0621-\u064a]\.[\u0621-\u064a]", text), doc["location"]


def test_a_phone_reaches_a_place_pages_table_of_contents(browser, base_url):
    ctx, pg = _page(browser, WIDTHS["phone"])
    show(pg, base_url + KINDS["place"])
    toc = pg.locator("details.waqai-toc")
    assert toc.is_visible()
    toc.locator("summary").tap()
    link = toc.locator("a", has_text="الأحداث")
    assert link.is_visible()
    link.tap()
    pg.wait_for_timeout(300)
    assert pg.evaluate("location.hash") == "#الأحداث" or "%D8" in pg.evaluate("location.hash")
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "place-toc-390.png"))
    ctx.close()
