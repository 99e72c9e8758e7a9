"""Generated pages made of headings and raw HTML only, rendered without Python-Markdown.

An article page, nine in ten of a large site's pages, is a title, two headings and raw HTML that
the plugin lifts out before Markdown (see mkdocs_plugin.py): Python-Markdown still took about a
millisecond a page to build its tree of a few headings and placeholders, half a minute at 31,017
articles, on one core. `GeneratedPage.render` writes such a page's HTML itself: the headings as
MkDocs' toc extension writes them (the same ids, permalinks and table of contents), the raw blocks
as they are. Anything else in a page (a Markdown link, a list, emphasis, a character that could
start Markdown's inline syntax, an extension or toc option other than those in SUPPORTED) sends
the page to Python-Markdown as before. tests/test_mkdocs_page.py holds the two to the same output.

The theme's navigation sidebar and tabs are the same on every generated page of one folder (their
links are relative to the page's folder; a generated page is in no navigation, the plugin marks
its section's tab): `cached_include` renders them once per folder instead of once per page.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable

import jinja2
from markdown.extensions.toc import nest_toc_tokens, unique
from markdown.extensions.toc import slugify as default_slugify
from markdown.serializers import _escape_attrib_html
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page, _RawHTMLPreprocessor
from mkdocs.structure.toc import get_toc

# the extensions (and the toc options) whose output for headings and raw blocks this module writes
SUPPORTED = frozenset({"attr_list", "fenced_code", "md_in_html", "tables", "toc"})
TOC_OPTIONS = frozenset({"permalink", "permalink_title", "slugify", "separator"})
_BLOCKS = re.compile(r"\n(?:[ \t]*\n)+")
# a heading whose text Markdown would leave as it is: no character of its inline syntax, an
# ampersand only in a character reference (which Markdown keeps as written), no tab or control
# character that its preprocessors would replace
_HEADING = re.compile(r"(#{1,6}) ((?:[^\\`*_\[\]<>!{}#&\n\r\t\x02\x03]|&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)+)")
# a raw block of one line: one <div> or <p> element, not asking for Markdown inside, no tab
_RAW_LINE = re.compile(r"<(div|p)(?: (?:(?!markdown)[^<>])*)?>[^\n\r\t\x02\x03]*</\1>")


def _options(config: MkDocsConfig) -> dict | None:
    """The toc options when the configuration is one this module writes the same HTML for, else None."""
    names = config.markdown_extensions  # by their short names (an Extension object or a path: not ours)
    toc = (config.mdx_configs or {}).get("toc", {})
    if not set(names) <= SUPPORTED or "toc" not in names or not set(toc) <= TOC_OPTIONS:
        return None
    if not isinstance(toc.get("permalink"), str):
        return None  # permalink: true writes a pilcrow entity; off writes no link: not written here
    return toc


def quick_render(text: str, config: MkDocsConfig) -> tuple[str, list[dict], str | None, set[str]] | None:
    """(HTML, toc tokens, first <h1>'s text, anchor ids) of `text`, the Markdown of a page after
    the plugin lifted its raw blocks, as Python-Markdown with MkDocs would make them; None when the
    page holds anything but headings and one-line <div>/<p> blocks, or the configuration differs."""
    toc = _options(config)
    if toc is None:
        return None
    blocks = [b.strip("\n") for b in _BLOCKS.split(text.strip("\n"))]
    headings = [_HEADING.fullmatch(b) for b in blocks]
    if not all(h or _RAW_LINE.fullmatch(b) for h, b in zip(headings, blocks, strict=True)):
        return None
    slugify, sep = toc.get("slugify", default_slugify), toc.get("separator", "-")
    link = f'<a class="headerlink" href="#{{id}}" title="{_escape_attrib_html(toc.get("permalink_title", ""))}">' \
           f'{html.escape(toc["permalink"], quote=False)}</a>'
    used: set[str] = set()
    counters: dict[str, int] = {}
    out, tokens, title = [], [], None
    for k, (h, block) in enumerate(zip(headings, blocks, strict=True)):
        if not h:  # Markdown ends a raw block with a blank line (not the page's last)
            out.append(block if k == len(blocks) - 1 else block + "\n")
            continue
        level, inner = len(h.group(1)), h.group(2).strip()
        name = " ".join(inner.split())
        ident = unique(slugify(html.unescape(name), sep), used, counters)
        out.append(f'<h{level} id="{_escape_attrib_html(ident)}">{inner}{link.format(id=ident)}</h{level}>')
        tokens.append({"level": level, "id": ident, "name": name, "html": inner, "data-toc-label": ""})
        if k == 0 and level == 1:
            title = name
    anchors = _RawHTMLPreprocessor()
    anchors.run(text.split("\n"))
    return "\n".join(out), nest_toc_tokens(tokens), title, anchors.present_anchor_ids | used


class GeneratedPage(Page):
    """A page the plugin made: rendered by quick_render when it can be, else as any page."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        made = quick_render(self.markdown or "", config) if self.markdown is not None else None
        if made is None:
            return super().render(config, files)
        self.content, tokens, self._title_from_render, self.present_anchor_ids = made
        self.toc = get_toc(tokens)
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}



def cached_include(cache: dict) -> Callable:
    """The theme's `{% include name %}` as a function for the templates (`waqai_include`), whose
    output for a generated page is kept in `cache` by template and page folder (a new cache each
    build); any other page renders it as the include would."""

    @jinja2.pass_context
    def include(context, name: str) -> Markup:
        page = context.get("page")
        key = (name, page.url.rstrip("/").rpartition("/")[0]) if isinstance(page, GeneratedPage) else None
        if key in cache:
            return cache[key]
        template = context.environment.get_template(name)
        made = Markup("".join(template.root_render_func(template.new_context(context.get_all(), True))))
        if key is not None:
            cache[key] = made
        return made

    return include
