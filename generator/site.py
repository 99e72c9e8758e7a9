"""Where every page of the site lives, and how text from articles is made safe to show.

Article text is untrusted: everything from it goes through `esc`, which turns every character
that means something to HTML or Markdown into an entity, so no article can add a tag, a link or
an emphasis. Slugs are made from names by `slug`, which keeps letters and digits only: a path
made from them never leaves its folder.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from markupsafe import Markup

# Characters HTML or Markdown give a meaning to; each becomes a numeric entity.
_SPECIAL = re.compile(r"[&<>\"'`*_\[\]{}()#+\-.!|~\\$:=@%^;/]")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]")
_ANY = re.compile(f"{_SPECIAL.pattern}|{_CONTROL.pattern}|\n")  # a name needs none of them, mostly
_SLUG_DROP = re.compile(r"[^\w]+", re.UNICODE)


def esc(value: object) -> Markup:
    """Text safe anywhere in a Markdown page or an HTML attribute: entities for every special mark,
    bidi overrides and control characters dropped, line breaks made spaces."""
    text = str(value)
    if not _ANY.search(text):  # most names and labels: millions of calls in a large build
        return Markup(text)
    text = _CONTROL.sub("", text).replace("\r", " ").replace("\n", " ")
    return Markup(_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", text))


def esc_block(value: object) -> Markup:
    """Like `esc`, but keeps line breaks as <br>."""
    return Markup("<br>".join(esc(line) for line in str(value).split("\n")))


def slug(text: str, fallback: str = "page", limit: int = 80) -> str:
    """A file-name-safe slug: lower-case letters (any script), digits and '-', never '.' or '/'."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SLUG_DROP.sub("-", text).replace("_", "-").strip("-")
    text = re.sub(r"-{2,}", "-", text)[:limit].strip("-")
    return text or fallback


def unique_slugs(names: list[tuple[str, str]], fallback: str = "page") -> dict[str, str]:
    """key -> slug for (key, name) pairs; collisions get -2, -3 ... in the order of the keys."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for key, name in sorted(names):
        base = slug(name, fallback)
        s, n = base, 2
        while s in used:
            s, n = f"{base}-{n}", n + 1
        used.add(s)
        out[key] = s
    return out


@lru_cache(maxsize=200_000)
def md_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A Markdown link target from one page (docs-relative .md path) to another; MkDocs checks it."""
    rel = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def page_url(page: str) -> str:
    """The directory URL MkDocs gives a page: places/x.md -> places/x/, index.md -> ''."""
    if page == "index.md":
        return ""
    if page.endswith("/index.md"):
        return page[: -len("index.md")]
    return page[: -len(".md")] + "/"


@lru_cache(maxsize=200_000)
def html_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative URL for raw HTML, where MkDocs does not rewrite .md links: up from one page's
    folder to the folder both share, then down ("../a/" from places/b/ to places/a/; "./" to itself)."""
    here, there = page_url(from_page).split("/")[:-1], page_url(to_page).split("/")[:-1]
    same = 0
    while same < len(here) and same < len(there) and here[same] == there[same]:
        same += 1
    parts = [".."] * (len(here) - same) + there[same:]
    return ("/".join(parts) + "/" if parts else "./") + (f"#{anchor}" if anchor else "")


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs from metadata become links; `javascript:` and the like stay text."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None
