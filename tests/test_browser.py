"""The built site in a real browser (Debian's Chromium driven by Playwright): Arabic search that
agrees with how readers type, RTL pages, no console errors, screenshots for a person to look at."""

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                                "(.ci/run installs it: apt-get install chromium)")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(built_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site)))
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


@pytest.fixture
def page(browser, base_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    pg = ctx.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # the site must work offline: nothing may leave this machine
    pg.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).hostname == "127.0.0.1"
             else route.abort())
    yield pg
    ctx.close()


def search(page, base_url, query):
    page.goto(base_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(300)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")
    return {urlsplit(h).path.replace(urlsplit(base_url).path, "", 1).split("#")[0] for h in hrefs}


def test_pages_are_arabic_rtl_without_console_errors(page, base_url):
    for path in ["", "places/abu-kamal/", "articles/004-e3d8978b99e0f25a/", "chronology/2017-11/", "report/"]:
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.lang") == "ar"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.errors == []


@pytest.mark.parametrize("query", ["البوكمال", "بوكمال"])
def test_search_finds_al_bukamal_with_or_without_the_article(page, base_url, query):
    assert "places/abu-kamal/" in search(page, base_url, query)


def test_both_spellings_of_syria_find_syria(page, base_url):
    assert "places/syria/" in search(page, base_url, "سوريا")
    assert "places/syria/" in search(page, base_url, "سورية")


def test_idlib_with_and_without_hamza_find_the_same_pages(page, base_url):
    with_hamza, without = search(page, base_url, "إدلب"), search(page, base_url, "ادلب")
    assert "places/idlib/" in with_hamza and "places/idlib/" in without
    assert with_hamza == without


def test_a_place_page_shows_its_events_and_the_map_waits_for_the_reader(page, base_url):
    page.goto(base_url + "places/abu-kamal/")
    assert page.locator(".waqai-entry").count() >= 5
    assert page.locator(".waqai-map-button").count() == 1  # no tile or script request until clicked
    assert page.errors == []


def test_an_article_page_highlights_its_dates(page, base_url):
    page.goto(base_url + "articles/004-e3d8978b99e0f25a/")
    marks = page.eval_on_selector_all(".waqai-timex", "els => els.map(e => [e.textContent, "
                                      "e.nextElementSibling.textContent])")
    assert ["أمس الأحد", "2017-11-19"] in marks and ["قبل أسبوع", "2017-11-13"] in marks


def test_screenshots_for_a_person(page, base_url):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in [("home", ""), ("place-abu-kamal", "places/abu-kamal/"),
                       ("article-004", "articles/004-e3d8978b99e0f25a/"), ("month-2017-11", "chronology/2017-11/")]:
        page.goto(base_url + path)
        page.wait_for_timeout(200)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000
    assert page.errors == []
