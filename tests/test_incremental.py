"""Rebuilds: the extraction cache, the in-process reuse under `serve`, generated pages rewritten
only when what they show changed, and the search index a large site gets."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

from generator import pipeline
from generator.corpus import default_catalog
from generator.render import render
from generator.search import ENTITY_BOOST

ARTICLES = {
    "aleppo.md": ("2019-03-12", "قصفت طائرات حربية أحياء في مدينة حلب أمس الاثنين، وقتل خمسة مدنيين.\n"),
    "daraa.md": ("2019-05-20", "اندلعت اشتباكات عنيفة في مدينة درعا أمس الأحد بين فصائل المعارضة والقوات الحكومية.\n"),
    "raqqa.md": ("2019-07-02", "دخلت قوات سوريا الديمقراطية مدينة الرقة يوم السبت الماضي بعد معارك طويلة.\n"),
}


def write_articles(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (day, text) in ARTICLES.items():
        (folder / name).write_text(f"---\npublished: {day}\noutlet: test\ntitle: {name[:-3]}\n---\n{text}",
                                   encoding="utf-8")


def project(tmp: Path, search_full_text: str | None = None) -> Path:
    """A copy of the project's mkdocs.yml reading tmp/articles, with its cache in tmp."""
    write_articles(tmp / "articles")
    cfg = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    cfg = cfg.replace("docs_dir: content", f"docs_dir: {ROOT / 'content'}").replace(
        "custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    extra = f"\n      search_full_text: '{search_full_text}'" if search_full_text else ""
    cfg = cfg.replace("      articles: seeds",
                      f"      articles: {tmp / 'articles'}\n      cache: {tmp / 'cache'}{extra}")
    path = tmp / "mkdocs.yml"
    path.write_text(cfg, encoding="utf-8")
    return path


def stamps(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_an_edit_rewrites_the_pages_it_touches_and_no_other(tmp_path):
    config = project(tmp_path)
    proc = mkdocs_build(tmp_path / "site", config)
    assert proc.returncode == 0, proc.stderr[-2000:]
    pages = tmp_path / "cache" / "pages"
    before = stamps(pages)
    assert "places/aleppo.md" in before and "places/daraa.md" in before

    proc = mkdocs_build(tmp_path / "site", config)  # nothing changed: nothing written
    assert proc.returncode == 0, proc.stderr[-2000:]
    unchanged = stamps(pages)
    assert [p for p in unchanged if unchanged[p] != before[p] and p != ".signatures.json"] == []

    edited = tmp_path / "articles" / "aleppo.md"
    edited.write_text(edited.read_text(encoding="utf-8")
                      + "وقصفت الطائرات مدينة إدلب أمس وقتل ثلاثة مدنيين.\n", encoding="utf-8")
    proc = mkdocs_build(tmp_path / "site", config)
    assert proc.returncode == 0, proc.stderr[-2000:]
    after = stamps(pages)
    changed = {p for p in after if after[p] != before.get(p)} - {".signatures.json"}
    assert {"articles/aleppo.text.html", "places/idlib.md", "chronology/2019-03.md"} <= changed, sorted(changed)
    untouched = {"articles/daraa.md", "articles/daraa.text.html", "articles/raqqa.md", "places/daraa.md",
                 "places/raqqa.md", "chronology/2019-05.md", "chronology/2019-06.md"}
    assert untouched <= set(after) and not changed & untouched
    site = (tmp_path / "site" / "places" / "idlib" / "index.html").read_text(encoding="utf-8")
    assert "وقصفت الطائرات مدينة إدلب" in site


def test_the_cache_and_the_last_build_give_what_a_fresh_extraction_gives(tmp_path, monkeypatch):
    write_articles(tmp_path / "articles")
    (tmp_path / "articles" / "empty.md").write_text("---\npublished: 2019-01-01\n---\n", encoding="utf-8")
    folder, cache = tmp_path / "articles", tmp_path / "cache"
    catalog = default_catalog([folder])

    pipeline._RECENT.clear()
    fresh = pipeline.build(folder, catalog, cache_dir=cache, workers=1)
    assert fresh.cached == 0
    first = render(fresh)
    again = pipeline.build(folder, catalog, cache_dir=cache, workers=1)  # from the last build, in memory
    assert again.cached == 4 and render(again) == first  # rendering changed nothing it reuses

    pipeline._RECENT.clear()  # a new process: from the SQLite cache, the unreadable file too
    monkeypatch.setattr(pipeline, "extract", lambda *a: pytest.fail("extracted again"))
    cached = pipeline.build(folder, catalog, cache_dir=cache, workers=1)
    assert cached.cached == 4 and render(cached) == first
    assert [r.status for r in cached.report if r.path == "empty.md"] == ["skipped"]
    monkeypatch.undo()

    (folder / "raqqa.md").write_text((folder / "raqqa.md").read_text(encoding="utf-8") + "وانتهت المعارك.\n",
                                     encoding="utf-8")
    edited = pipeline.build(folder, catalog, cache_dir=cache, workers=1)
    assert edited.cached == 3


def test_a_compact_index_keeps_titles_and_headings_and_pages_keep_everything(tmp_path):
    config = project(tmp_path, search_full_text="false")
    proc = mkdocs_build(tmp_path / "site", config)
    assert proc.returncode == 0, proc.stderr[-2000:]
    site = tmp_path / "site"
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location = {d["location"]: d for d in docs}
    article = by_location["articles/aleppo/"]
    assert article["title"] == "aleppo"
    assert all(d["text"].split("<span hidden>")[0].strip() == "" for loc, d in by_location.items()
               if loc.startswith(("articles/", "chronology/")))
    assert "places/aleppo/" in by_location and not [x for x in by_location if x.startswith("places/aleppo/#")]
    # an article's headings are every article's: not in the index; a month's days are
    assert not [x for x in by_location if x.startswith("articles/") and "#" in x]
    assert [x for x in by_location if x.startswith("chronology/2019-03/#")]
    # a place an article names is boosted above one shown only as its parent
    assert by_location["places/aleppo/"]["boost"] > by_location["places/syria/"]["boost"] >= ENTITY_BOOST
    # the pages themselves are whole: entries, and the article's text
    assert "حلب" in (site / "articles" / "aleppo" / "index.html").read_text(encoding="utf-8")
    month = (site / "chronology" / "2019-03" / "index.html").read_text(encoding="utf-8")
    assert "waqai-entry" in month and "data-waqai-block" not in month and "waqai-html" not in month


def test_a_full_index_holds_every_article_text(built_site):
    docs = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    texts = [d["text"] for d in docs if d["location"].startswith("articles/") and d["location"].endswith("#النص")]
    assert len(texts) == 5
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        words = [w for w in seed.read_text(encoding="utf-8").split() if len(w) > 6 and w.isalpha()][:30]
        assert any(all(w in t for w in words) for t in texts), seed.name


@pytest.fixture(autouse=True)
def _no_leftover(tmp_path):
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_place_with_more_events_than_a_page_holds_gets_further_pages(monkeypatch):
    from generator import render_pages as rendering
    from generator.pipeline import build
    from generator.site import html_link

    result = build(ROOT / "seeds", workers=1)
    on_syria = {en.id for en in result.entries for m in en.places
                for p in result.gazetteer.chain(m.id) if p.id == "syria"}
    monkeypatch.setattr(rendering, "ENTITY_PAGE_SIZE", 4)
    pages = render(result)
    paths = ["places/syria.md"] + sorted((p for p in pages if p.startswith("places/syria/")),
                                         key=lambda p: int(p.rsplit("/", 1)[1][:-3]))
    assert len(paths) == -(-len(on_syria) // 4) > 2
    shown = [re.findall(r'class="waqai-entry[^"]*" id="([^"]+)"', pages[p]) for p in paths]
    assert [len(ids) for ids in shown[:-1]] == [4] * (len(paths) - 1)
    assert sorted(i for ids in shown for i in ids) == sorted(on_syria)  # each once, none lost
    for p in paths:  # every page links every other
        assert all(f'href="{html_link(p, q)}"' in pages[p] for q in paths if q != p)


def test_every_extraction_stage_is_in_the_engine_version_and_no_later_one():
    from generator.pipeline import engine_files

    files = set(engine_files())
    for stage in ("read.py", "dates/", "entities/", "events/", "gazetteer/", "data/events.yaml",
                  "data/event_rules.yaml", "data/entities.yaml", "data/everyday_words.txt.gz"):
        assert any(f == stage or f.startswith(stage) for f in files), stage
    for later in ("render.py", "render_pages.py", "chronology.py", "downloads.py", "data/labels.yaml"):
        assert later not in files, later
