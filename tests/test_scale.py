"""What keeps a large site small and its build fast does not change what a reader gets: pages
written by a second process are the bytes one process writes; minified pages keep every link,
anchor and text; the theme's icons come from a sprite that holds them."""

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from mkdocs.__main__ import cli

import generator.mkdocs_plugin as plugin
from generator import mkdocs_apart


def build(out: Path, apart_at_least: int, monkeypatch) -> None:
    monkeypatch.setattr(plugin, "APART_AT_LEAST", apart_at_least)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    cli(["build", "-q", "-d", str(out), "-f", str(ROOT / "mkdocs.yml")], standalone_mode=False)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="a second process is only started on more than one core")
def test_a_second_process_writes_the_same_pages(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    started = []
    real_start = mkdocs_apart.start
    monkeypatch.setattr(mkdocs_apart, "start", lambda *a: started.append(a) or real_start(*a))
    split = []  # (jobs, jobs the second process made) of each build's generated pages
    real_make_all = mkdocs_apart.make_all
    monkeypatch.setattr(mkdocs_apart, "make_all", lambda jobs, make, progress, apart=None: split.append(
        (len(jobs), sum(1 for j in jobs if apart and apart(j)))) or real_make_all(jobs, make, progress, apart))
    build(tmp_path / "one", 10**9, monkeypatch)
    assert not started and split[-1][1] == 0
    shutil.rmtree(ROOT / ".cache/waqai/pages", ignore_errors=True)  # every page made anew
    build(tmp_path / "two", 1, monkeypatch)
    assert len(started) == 1 and len(started[0][0]) == 5  # the seeds' five article pages, two in three apart
    assert split[-1][0] > split[-1][1] > 0  # and some of the generated pages were made by a second process
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []
    assert not [k for k, v in two.items() if mkdocs_apart.PLACEHOLDER.encode() in v]
    assert not (ROOT / ".cache/waqai/apart").exists()


def test_pages_are_minified_and_draw_icons_from_the_sprite(built_site):
    page = (built_site / "articles/004-e3d8978b99e0f25a/index.html").read_text(encoding="utf-8")
    assert "\n    " not in page and "  <" not in page  # the theme's indentation is gone
    sprite = (built_site / "assets/waqai-icons.svg").read_text(encoding="utf-8")
    chrome = (built_site / "assets/waqai-chrome.js").read_text(encoding="utf-8")
    used = set(re.findall(r"waqai-icons\.svg#([a-z-]+)", page + chrome))
    assert used and used <= set(re.findall(r'<symbol id="([a-z-]+)"', sprite))
    # what works only with JavaScript comes from one cached script, put where the theme had it
    marks = {"palette": "data-md-component={}palette", "search": "data-md-component={}search",
             "top": "data-md-component={}top", "config": "id={}__config"}
    for part, mark in marks.items():
        assert f'<script>__waqai_insert("{part}")</script>' in page
        assert mark.format('\\"') in chrome and mark.format("") not in page  # (JSON in the script)
    assert "__md_scope=" in chrome and "__md_scope=" not in page and "var palette=" in chrome
    # an article's two headings get no table of contents; the title is still where "skip to content" goes
    assert "waqai-toc" not in page and "data-md-type=toc" not in page  # no empty sidebar for it either
    assert "tabbed" not in page  # nor Material's script for content tabs, which the site has none of
    assert "name=generator" not in page  # nor the theme's generator tag (the About page credits MkDocs and Material)
    place = next(p for p in (built_site / "places").glob("*/index.html") if "waqai-toc" in p.read_text("utf-8"))
    assert "data-md-type=toc" in place.read_text(encoding="utf-8")  # a page with headings to jump to has one
    assert re.search(r'class=md-skip href=#[^ >]+', page)
