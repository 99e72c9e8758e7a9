"""A page's HTML once MkDocs has made it: minified, and for a long generated page, a table of
contents of its own. Functions of strings (and of a page's TableOfContents), no state.
"""

from __future__ import annotations

import re

import minify_html

_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
# the theme's <meta name="generator"> (MkDocs' and Material's versions): nothing a reader or a search
# engine uses, 67 bytes on each of tens of thousands of pages; the README and the About page credit both
_GENERATOR = re.compile(r'<meta content="mkdocs-[^"<>]*" name=generator>')


def minify(html: str) -> str:
    """A page without the theme's indentation and optional quotes and tags (minify-html: what the
    browser builds from it is the same). Scripts and styles are left as they are: Material's are
    minified already, and the data blocks are compact JSON."""
    out = _GENERATOR.sub("", minify_html.minify(html), count=1)
    # minify-html writes a title's "&lt;" as "<": safe in <title>, where browsers read no tags, but not
    # what a parser that does not know that reads; article titles are untrusted, so it stays escaped
    return _TITLE.sub(lambda m: "<title>" + m.group(1).replace("<", "&lt;") + "</title>", out, count=1)


def toc_items(toc) -> list:
    """The headings a table of contents lists: under the title, when there is one title."""
    return [child for top in toc for child in top.children] if len(toc) == 1 else list(toc)


def with_toc(html: str, toc) -> str:
    """A generated page is in no navigation, so a phone's drawer offers no table of contents for it:
    a long one gets its own, after its title, hidden where the theme's sidebar shows one."""
    items = toc_items(toc)
    links = "".join(f'<li><a href="{item.url}">{item.title}</a></li>' for item in items[:80])
    box = (f'<details class="waqai-toc" data-search-exclude><summary>جدول المحتويات</summary>'
           f"<ul>{links}</ul></details>")
    end = html.find("</h1>")
    return html[: end + 5] + box + html[end + 5 :] if end != -1 else box + html
