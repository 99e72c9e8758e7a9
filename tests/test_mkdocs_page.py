"""Article pages rendered without Python-Markdown (mkdocs_page.py) are what Python-Markdown with
MkDocs makes of them: the same HTML, table of contents, anchors and title, or the page is left to
Python-Markdown."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.mkdocs_page import GeneratedPage, quick_render
from generator.mkdocs_plugin import _RAW_BLOCK
from generator.pipeline import build
from generator.render import jobs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def lifted(markdown: str) -> str:
    """A generated page's Markdown as the plugin hands it to MkDocs' render: front matter read,
    raw blocks lifted out (on_page_markdown)."""
    if markdown.startswith("---\n"):
        markdown = markdown[markdown.index("\n---\n", 4) + 5:]
    blocks: list[str] = []

    def lift(m) -> str:
        blocks.append(m.group(1))
        return f'\n\n<div data-waqai-block="{len(blocks) - 1}"></div>\n\n'

    return _RAW_BLOCK.sub(lift, markdown)


def rendered(cls, markdown: str, config):
    file = File("articles/page.md", src_dir="/nowhere", dest_dir="/nowhere/site", use_directory_urls=True)
    page = cls(None, file, config)
    page.markdown = markdown
    page.render(config, Files([file]))

    def toc(items):
        return [(i.level, i.id, i.title, toc(i.children)) for i in items]

    return page.content, toc(page.toc), page.present_anchor_ids, page._title_from_render


def test_the_seeds_article_place_and_actor_pages_are_rendered_as_python_markdown_renders_them(config):
    todo = jobs(build(ROOT / "seeds"), inline_texts=False)
    articles = {job.fragment_of for job in todo if job.fragment_of}  # the pages whose text is spliced in
    entities = [job.path for job in todo if job.path.startswith(("places/", "actors/"))
                and job.path.endswith(".md") and not job.path.endswith("/index.md")]
    pages = {job.path: job.make() for job in todo if job.path in articles or job.path in entities}
    assert len(articles) >= 5 and len(pages) >= 30
    for path, markdown in sorted(pages.items()):
        text = lifted(markdown)
        assert quick_render(text, config) is not None, path  # the fast way is taken: the test is not vacuous
        assert rendered(GeneratedPage, text, config) == rendered(Page, text, config), path


WORDS = st.sampled_from(["الأحداث", "في", "هذا", "المقال", "Syria", "2015", "&#58;", "&amp;", "&#x27;", "%",
                         "-", "(", ")", "'", '"', "،", "؟", ".", "é", "النص", "\u200f", "  ", "*", "_", "[x]",
                         "<b>", "!", "&", "{#id}", "#", "\t", "`"])
HEADING = st.builds(lambda level, words: "#" * level + " " + " ".join(words),
                    st.integers(1, 4), st.lists(WORDS, min_size=1, max_size=6))
RAW = st.sampled_from(['<div data-waqai-block="0"></div>', '<p class="waqai-warning">لغة غير مدعومة.</p>',
                       '<div class="waqai-text-placeholder" data-page="a&#47;b"><span id="ev-1"></span></div>',
                       '<div markdown>[x](y.md)</div>', "- a list", "plain *text*", '<p>a\tb</p>',
                       '<p><a href="../x/">س</a> (3 كيلومترات)، <a href="../y/">ص</a></p>'])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(HEADING, RAW), min_size=1, max_size=6), st.sampled_from(["\n\n", "\n\n\n", "\n \n"]))
def test_any_page_is_rendered_as_python_markdown_renders_it_or_left_to_it(config, blocks, gap):
    text = gap.join(blocks) + "\n"
    fast = rendered(GeneratedPage, text, config)
    assert fast == rendered(Page, text, config)


def test_the_fast_way_is_taken_for_headings_and_placeholders_and_not_otherwise(config):
    page = "# عنوان&#58; في 2015\n\n<div data-waqai-block=\"0\"></div>\n\n## النص\n\n## النص\n"
    assert quick_render(page, config) is not None
    html, tokens, title, anchors = quick_render(page, config)
    assert 'id="النص_1"' in html and anchors == {"عنوان-في-2015", "النص", "النص_1"} and title == "عنوان&#58; في 2015"
    for other in ("# a *b*", "# a\n\n- list", "# a\n\n<div markdown>[x](y.md)</div>", "# a {#b}", "# a\tb"):
        assert quick_render(other, config) is None, other


def test_another_configuration_is_left_to_python_markdown():
    for change in (lambda c: c.markdown_extensions.append("smarty"),
                   lambda c: c.mdx_configs["toc"].update(permalink=True),
                   lambda c: c.mdx_configs["toc"].update(baselevel=2)):
        config = load_config(str(ROOT / "mkdocs.yml"))
        assert quick_render("# a\n", config) is not None
        change(config)
        assert quick_render("# a\n", config) is None


def test_navigation_and_tabs_rendered_once_per_folder_are_what_each_page_would_render(tmp_path, monkeypatch):
    """The whole seeds site, built with the theme's navigation and tabs cached per folder of generated
    pages and built with them rendered on every page, is the same byte for byte."""
    from mkdocs.commands.build import build as mkdocs_build

    from generator import mkdocs_page, mkdocs_plugin

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    calls = {"cached": 0}

    def uncached(cache):
        calls["cached"] += 1
        return mkdocs_page.cached_include(_Forgetful())

    sites = []
    for variant in ("cached", "uncached"):
        if variant == "uncached":
            monkeypatch.setattr(mkdocs_plugin, "cached_include", uncached)
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / variant),
                             plugins={"search": {}, "waqai": {"cache": str(tmp_path / "cache")}})
        mkdocs_build(config)
        sites.append({p.relative_to(tmp_path / variant): p.read_bytes()
                      for p in sorted((tmp_path / variant).rglob("*")) if p.is_file()})
    assert calls["cached"] == 1 and len(sites[0]) > 50
    assert sites[0] == sites[1]


class _Forgetful(dict):
    """A cache that keeps nothing: every page renders the include."""

    def __setitem__(self, key, value) -> None:
        pass
