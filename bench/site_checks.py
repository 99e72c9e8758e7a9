"""Checks on a large built site (bench/site.py builds one): double-escaped entities, and where
search ranks a place's or an actor's own page for its name.

    python bench/site_checks.py SITE_DIR [--names الرياض,داعش,...]

Prints, for each name, the first results of the site's own search in Chromium (offline, as a
reader gets them) and the rank of the name's page; and how many page headings and search titles
show a character reference as text ("&quot;" read by a reader). Measurement only.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import re
import threading
from pathlib import Path

ENTITY_TEXT = re.compile(r"&(?:quot|amp|#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
NAMES = {"الرياض": "places/riyadh/", "داعش": "actors/isis/", "حلب": "places/aleppo/", "سوريا": "places/syria/",
         "اليمن": "places/yemen/"}


def double_escaped(site: Path) -> tuple[int, int, list[str]]:
    """(headings, search titles) that show an entity as text, and a few examples."""
    heads, examples = 0, []
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8", errors="replace")
        for h1 in re.findall(r"<h1[^>]*>(.*?)</h1>", text, re.S):
            shown = html.unescape(re.sub(r"<[^>]+>", "", h1))
            if ENTITY_TEXT.search(shown):
                heads += 1
                examples.append(shown[:80])
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = 0
    for doc in index["docs"]:
        shown = html.unescape(re.sub(r"<[^>]+>", "", doc["title"]))
        if ENTITY_TEXT.search(shown):
            titles += 1
            examples.append(shown[:80])
    return heads, titles, examples[:5]


def ranks(site: Path, names: dict[str, str]) -> dict[str, tuple[int | None, list[str]]]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
        page.goto(base)
        for name, target in names.items():
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("")
            box.fill(name)
            page.wait_for_selector(".md-search-result__item", timeout=400_000)
            page.wait_for_timeout(500)
            hrefs = page.eval_on_selector_all(".md-search-result__item > a",
                                              "es => es.map(e => e.getAttribute('href'))")
            found = [h.replace(base, "").split("?")[0] for h in hrefs][:10]
            out[name] = (found.index(target) + 1 if target in found else None, found[:5])
        browser.close()
    server.shutdown()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("--names", default=",".join(NAMES))
    a = ap.parse_args()
    heads, titles, examples = double_escaped(a.site)
    print(f"headings showing an entity as text: {heads}; search titles: {titles}; {examples}")
    for name, (rank, first) in ranks(a.site, {n: NAMES.get(n, "") for n in a.names.split(",")}).items():
        print(f"{name}: its page at rank {rank}; first results {first}")


if __name__ == "__main__":
    main()
