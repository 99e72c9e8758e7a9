"""Checks on a large built site (bench/site.py builds one): double-escaped entities, and the site's
own search as a reader meets it: how long until the first results, and where it ranks a place's or
an actor's own page for its name.

    python bench/site_checks.py SITE_DIR [--names الرياض,داعش,...] [--wait 900]

Opens the home page in Chromium (offline, served over http.server), types the first name as soon as
the page has loaded, and reports the seconds from opening the page to the search index downloaded,
to Material's search worker ready (it builds its lunr index from the whole index in the reader's
browser, on every page load) and to the first results shown; the browser's peak memory (its
processes' proportional set size), and every console, page and worker error. Then each name: the
first results and the rank of the name's page. Prints Markdown tables. Measurement only.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import json
import os
import re
import threading
import time
from pathlib import Path

from memory import tree_rss

ENTITY_TEXT = re.compile(r"&(?:quot|amp|#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
NAMES = {"الرياض": "places/riyadh/", "داعش": "actors/isis/", "حلب": "places/aleppo/", "سوريا": "places/syria/",
         "اليمن": "places/yemen/", "سورية": "places/syria/", "ادلب": "places/idlib/"}
# Material's search worker takes {type: 0} (the index), answers {type: 1} (ready); queries are
# {type: 2, data}, results {type: 3}. Counted before any of the site's scripts run, so that a check
# waits for the answer to the query it typed, not an earlier one.
WATCH = """
window.__search = {sent: [], at: [], answered: 0, took: [], ready: null, errors: []};
const Native = window.Worker, post = Native.prototype.postMessage;
Native.prototype.postMessage = function (m) {
  if (m && m.type === 2) { __search.sent.push(m.data); __search.at.push(performance.now()); }
  return post.apply(this, arguments);
};
window.Worker = function (url, options) {
  const w = new Native(url, options);
  w.addEventListener('message', e => {
    if (e.data && e.data.type === 1) __search.ready = performance.now();
    if (e.data && e.data.type === 3) __search.took.push(performance.now() - __search.at[__search.answered++]);
  });
  w.addEventListener('error', e => __search.errors.push('worker: ' + e.message));
  return w;
};
window.Worker.prototype = Native.prototype;
"""
ANSWERED = "__search.sent.length > {n} && __search.sent[__search.sent.length - 1] && " \
           "__search.answered === __search.sent.length"


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


def browser_memory(peak: list[int], stop: threading.Event) -> None:
    """The peak memory of the Chromium processes this process started, into peak[0]."""
    while not stop.wait(0.5):
        todo, roots = [os.getpid()], []
        while todo:
            p = todo.pop()
            try:
                exe = Path(f"/proc/{p}/cmdline").read_bytes().split(b"\0")[0]
                kids = [int(c) for t in Path(f"/proc/{p}/task").iterdir() for c in (t / "children").read_text().split()]
            except OSError:
                continue
            if b"chrom" in Path(exe.decode(errors="replace")).name.encode():
                roots.append(p)  # its descendants are counted by tree_rss
            else:
                todo.extend(kids)
        peak[0] = max(peak[0], sum(tree_rss(r) for r in roots))


Ranks = dict[str, tuple[int | None, list[str], float]]


def search(site: Path, names: dict[str, str], wait: float) -> tuple[dict, Ranks]:
    """The first search's timings (seconds from opening the page), the browser's peak memory and the
    errors seen; and for each name, the rank of its page among the results (None: not in the first
    ten), the first five results and the seconds from its query sent to the worker to its answer
    (the first name's is sent once the worker is ready)."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    peak, stop = [0], threading.Event()
    threading.Thread(target=browser_memory, args=(peak, stop), daemon=True).start()
    errors: list[str] = []
    ranks: Ranks = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
        page.add_init_script(WATCH)
        page.on("console", lambda m: errors.append(f"console: {m.text[:200]}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"page: {str(e)[:200]}"))
        page.on("crash", lambda *_: errors.append("the page crashed"))
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        page.goto(base)
        box = page.locator("input.md-search__input")
        for n, (name, target) in enumerate(names.items()):
            sent = page.evaluate("__search.sent.length")
            box.fill(name)
            # Material reads the field on keyup (and when its worker is ready): fill() alone sends
            # no query once the worker is ready
            box.press("End")
            page.wait_for_function(ANSWERED.format(n=sent), timeout=wait * 1000, polling=100)
            answered = page.evaluate("__search.took[__search.took.length - 1]") / 1000
            if n == 0:
                page.wait_for_selector(".md-search-result__item", timeout=wait * 1000)
                first = page.evaluate("""() => ({
                    shown: performance.now(), ready: __search.ready, errors: __search.errors,
                    index: performance.getEntriesByType('resource')
                        .filter(e => e.name.includes('search_index.json')).map(e => e.responseEnd)[0]})""")
                errors.extend(first["errors"])
            page.wait_for_timeout(300)  # the list is rendered after the answer
            hrefs = page.eval_on_selector_all(".md-search-result__item > a",
                                              "es => es.map(e => e.getAttribute('href'))")
            found = [h.replace(base, "").split("?")[0] for h in hrefs][:10]
            ranks[name] = (found.index(target) + 1 if target in found else None, found[:5], answered)
            box.fill("")
            box.press("End")
        browser.close()
    stop.set()
    server.shutdown()
    timing = {k: (first[k] or 0) / 1000 for k in ("index", "ready", "shown")}
    return {**timing, "peak": peak[0], "errors": errors}, ranks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("--names", default=",".join(NAMES))
    ap.add_argument("--wait", type=float, default=900.0, help="seconds to wait for a search's results")
    a = ap.parse_args()
    heads, titles, examples = double_escaped(a.site)
    print(f"headings showing an entity as text: {heads}; search titles: {titles}; {examples}")
    raw = (a.site / "search/search_index.json").stat().st_size
    docs = len(json.loads((a.site / "search/search_index.json").read_text(encoding="utf-8"))["docs"])
    start = time.time()
    first, ranks = search(a.site, {n: NAMES.get(n, "") for n in a.names.split(",")}, a.wait)
    load = os.getloadavg()[0]
    print(f"\n| first search (seconds from opening the home page; load average {load:.1f}) | |\n|---|---|")
    print(f"| search index | {raw / 1e6:.1f} MB, {docs:,} documents |")
    print(f"| index downloaded | {first['index']:.1f} s |")
    print(f"| search worker ready (its lunr index built) | {first['ready']:.1f} s |")
    print(f"| first results shown | {first['shown']:.1f} s |")
    print(f"| browser's peak memory | {first['peak'] / 2**20:,.0f} MB |")
    print(f"| errors (console, page, worker) | {len(first['errors'])} {first['errors'][:3] or ''} |")
    print("\n| name | its page | rank | answered in | first results |\n|---|---|---|---|---|")
    for name, (rank, found, answered) in ranks.items():
        print(f"| {name} | `{NAMES.get(name, '')}` | {rank or 'not in the first 10'} | {answered:.2f} s | "
              + ", ".join(f"`{f}`" for f in found) + " |")
    print(f"\n({time.time() - start:.0f} s in all)")


if __name__ == "__main__":
    main()
