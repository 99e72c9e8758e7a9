"""Hostile input: the site builds from scripts, broken Markdown, bidi tricks, odd file names,
huge and tiny articles, and an evil user gazetteer; every file is in the report, no article text
becomes code in a reader's browser, and nothing is written outside the output folders."""

import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, mkdocs_build

HOSTILE = ROOT / "tests" / "data" / "hostile"
EVIL_PLACES = ROOT / "tests" / "data" / "hostile-gazetteer" / "places.yaml"
TINY = 10_000


def make_corpus(folder: Path) -> set[str]:
    """The hostile corpus, plus what is too big to keep in the repository."""
    shutil.copytree(HOSTILE, folder)
    (folder / ("ا" * 125 + ".md")).write_text("---\npublished: 2019-05-13\n---\nقصف على حلب أمس.\n", encoding="utf-8")
    line = "وقصفت الطائرات الحربية مدينة إدلب أمس، وقتل 3 مدنيين في قرية زردنا. "
    big = "---\npublished: 2019-05-13\n---\n" + (line + "\n") * (4_900_000 // len(line.encode()))
    (folder / "big-under-5mb.md").write_text(big, encoding="utf-8")
    (folder / "huge-over-5mb.md").write_text(big * 2, encoding="utf-8")
    tiny = folder / "tiny"
    tiny.mkdir()
    for n in range(TINY):
        (tiny / f"{n:05d}.md").write_text(f"---\npublished: 2019-05-{1 + n % 28:02d}\n---\nقصف على حلب أمس {n}.\n",
                                          encoding="utf-8")
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def config(tmp: Path, articles: Path, strict: bool = False) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", f"docs_dir: {ROOT / 'content'}").replace(
        "custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("      articles: seeds", f"      articles: {articles}\n      cache: {tmp / 'cache'}\n"
                        f"      places: [{EVIL_PLACES}]\n      strict: {str(strict).lower()}")
    path = tmp / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    files = make_corpus(tmp / "articles")
    before = {p for p in ROOT.rglob("*") if ".cache" not in p.parts and ".venv" not in p.parts
              and ".git" not in p.parts and "test-artifacts" not in p.parts}
    proc = mkdocs_build(tmp / "site", config(tmp, tmp / "articles"))
    after = {p for p in ROOT.rglob("*") if ".cache" not in p.parts and ".venv" not in p.parts
             and ".git" not in p.parts and "test-artifacts" not in p.parts}
    return tmp, files, proc, after - before


class Scan(HTMLParser):
    """Everything in a page that could run code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.blocks: list = []  # the parsed JSON data blocks

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "data") and value:
                if urlsplit(value.strip()).scheme.lower() in ("javascript", "data", "vbscript"):
                    self.bad.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "style", "base") or (tag == "img" and dict(attrs).get("src") == "x"):
            self.bad.append(f"<{tag}>")
        if tag == "script":
            src = dict(attrs).get("src")
            if src and urlsplit(src).netloc:
                self.bad.append(f"<script src={src}>")
            # data for the page's charts, maps and filters: JSON, never code
            self.json = [] if dict(attrs).get("type") == "application/json" else None
            self.in_script = True

    def handle_data(self, data):
        if getattr(self, "json", None) is not None:
            self.json.append(data)
        elif getattr(self, "in_script", False) and "alert" in data:
            self.bad.append(f"inline script: {data[:80]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            if getattr(self, "json", None) is not None:
                try:  # a name that closed the element early would leave a JSON cut short
                    self.blocks.append(json.loads("".join(self.json)))
                except ValueError:
                    self.bad.append(f"JSON block broken: {''.join(self.json)[:80]!r}")
            self.json = None
            self.in_script = False


def test_the_build_finishes(hostile_site):
    _, _, proc, _ = hostile_site
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_every_file_is_in_the_report(hostile_site):
    tmp, files, _, _ = hostile_site
    report = (tmp / "site" / "report.csv").read_text(encoding="utf-8").splitlines()[1:]
    reported = {line.split(",")[0].strip('"') for line in report}
    assert files <= reported, sorted(files - reported)[:10]
    statuses = {line.split(",")[0].strip('"'): line.split(",")[1] for line in report}
    assert statuses["huge-over-5mb.md"] == "skipped" and statuses["big-under-5mb.md"] in ("read", "warnings")
    assert statuses[".hidden-article.md"] == "skipped"
    assert sum(1 for p, s in statuses.items() if p.startswith("tiny/") and s != "skipped") == TINY


def test_no_article_text_becomes_code(hostile_site):
    tmp, _, _, _ = hostile_site
    bad = {}
    for page in (tmp / "site").rglob("*.html"):
        scan = Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        if scan.bad:
            bad[str(page.relative_to(tmp / "site"))] = scan.bad[:3]
    assert not bad, list(bad.items())[:5]
    # Material shows the search index's titles and texts as HTML: scan them as HTML too
    index = json.loads((tmp / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        scan = Scan()
        scan.feed(doc["title"] + " " + doc["text"])
        assert not scan.bad and "<script" not in (doc["title"] + doc["text"]).lower(), (doc["location"], scan.bad)


def test_json_blocks_hold_hostile_names_as_data(hostile_site):
    """A gazetteer name with </script> in a page's map and filter data stays inside its JSON."""
    tmp, _, _, _ = hostile_site
    page = (tmp / "site" / "places" / "evil-place" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(20)" not in page and "</script>بلدة" not in page
    scan = Scan()
    scan.feed(page)
    assert not scan.bad, scan.bad
    names = [p["name"] for block in scan.blocks if isinstance(block, dict) for p in block.get("points", [])]
    assert "<script>alert(20)</script>بلدة" in names


def test_hostile_text_is_shown_as_text(hostile_site):
    tmp, _, _, _ = hostile_site
    page = (tmp / "site" / "articles" / "script-body" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script" in page or "&#60;script" in page  # minified: "&lt;script>" (a ">" in text needs none)
    assert "<script>alert" not in page


def test_nothing_is_written_outside_the_output_folders(hostile_site):
    tmp, _, _, outside = hostile_site
    assert outside == set()
    site = (tmp / "site").resolve()
    for p in site.rglob("*"):
        assert p.resolve().is_relative_to(site)
    assert not any(".." in p.name for p in (tmp / "site" / "articles").iterdir() if p.is_dir() and p.name != "a-b-c")


def test_same_slugs_get_distinct_pages(hostile_site):
    tmp, _, _, _ = hostile_site
    names = {p.name for p in (tmp / "site" / "articles").iterdir()}
    assert {"same-slug", "same-slug-2", "same-slug-3"} <= names


def test_strict_fails_with_a_clear_message(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "good.md").write_text("---\npublished: 2019-05-13\n---\nقصف على حلب أمس.\n", encoding="utf-8")
    (articles / "empty.md").write_text("", encoding="utf-8")
    proc = mkdocs_build(tmp_path / "site", config(tmp_path, articles, strict=True))
    assert proc.returncode != 0
    assert "strict" in proc.stderr and "empty.md" in proc.stderr


def test_render_paths_never_leave_the_output(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(HOSTILE, articles)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "generator", "render", str(articles), "--out", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for p in out.rglob("*"):
        assert p.resolve().is_relative_to(out.resolve())
    json.loads((out / "events.json").read_text(encoding="utf-8"))
