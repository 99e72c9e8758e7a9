"""Search that agrees with how readers type Arabic.

Material's search (lunr) matches words as they are written: "بوكمال" does not find "البوكمال",
"ادلب" does not find "إدلب". After the search plugin has written its index, every document gets
the other forms of its words appended: normalized (alef and hamza, ة/ه, ى/ي, no diacritics or
tatweel) and without their clitics and article ("والبوكمال" -> "البوكمال", "بوكمال"). A query in
any of these forms then meets its word. Aliases of places and actors are on their pages already.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from .gazetteer import Gazetteer
from .normalize import norm

_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0640\u064b-\u065f\u0670\u0671]{2,}")
# a Latin run in a document's text (outside tags and character references): isolated, so that a
# file name or a dateline reads left to right in a result ("180c9277222e8e9c.txt_003" otherwise)
_LATIN_RUN = re.compile(r"(?:[0-9]+[-._/:])*[0-9]*[A-Za-z][A-Za-z0-9]*(?:[-._/:][A-Za-z0-9]+)*")
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
ENTITY_BOOST = 8  # a place's or an actor's own page against the articles that name it
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل")


def forms(word: str) -> set[str]:
    """The forms a reader may type for a written word."""
    n = norm(word)
    out = {n}
    for p in _PREFIXES:
        if n.startswith(p) and len(n) - len(p) >= 3:
            rest = n[len(p) :]
            out.add(rest)
            if p.endswith("ل") and p != "ل":  # "والبوكمال" -> "البوكمال" and "بوكمال"
                out.add("ال" + rest)
    return out


def isolate_latin(text: str) -> str:
    """Latin runs of an index text wrapped in <bdi> (tags and character references left alone)."""
    parts = _MARKUP.split(text)
    for i in range(0, len(parts), 2):
        parts[i] = _LATIN_RUN.sub(lambda m: f"<bdi>{m.group()}</bdi>", parts[i])
    return "".join(parts)


def _entry_of(location: str, gazetteer: Gazetteer | None):
    """The place or actor whose own page (not a section of it) this search document is."""
    if gazetteer is None or "#" in location:
        return None
    parts = location.strip("/").split("/")
    if len(parts) != 2:
        return None
    table = {"places": gazetteer.places, "actors": gazetteer.actors}.get(parts[0])
    return table.get(parts[1]) if table is not None else None


def expansions(text: str) -> str:
    written = set(_ARABIC_WORD.findall(text))
    extra = set()
    for w in written:
        extra |= forms(w)
    return " ".join(sorted(extra - written))


def further_page(path: str) -> bool:
    """places/x/2/ (or its source, places/x/2.md): a further page of a place's or an actor's events."""
    return path.startswith(("places/", "actors/")) and path.strip("/").count("/") > 1


COMPACT_TEXT = 400  # characters of a place's or actor's own page kept in a compact index


def _compact(doc: dict) -> dict | None:
    """A large site's index keeps what readers look up, not every word of every article: the
    titles of articles and pages, day headings, and the first lines of place and actor pages.
    An article's own headings ("النص", "الأحداث في هذا المقال") are the same on every article:
    they were more than half the documents the reader's browser indexed, and found nothing."""
    location = doc.get("location", "")
    section = "#" in location
    top = location.split("/")[0]
    if top in ("places", "actors"):
        if further_page(location):
            return None if section else {**doc, "text": ""}
        return None if section else {**doc, "text": doc.get("text", "")[:COMPACT_TEXT]}
    if top == "articles":
        return None if section else {**doc, "text": ""}
    if top == "chronology":
        return {**doc, "text": ""}
    return doc


def articles_naming(mentions: Iterable[tuple[str, str, str]]) -> dict[str, int]:
    """How many articles name each place and actor, keyed by its page ("places/riyadh"), from
    (article id, kind "place" or "actor", entity id) for every mention."""
    seen = {(article, f"{kind}s/{id_}") for article, kind, id_ in mentions}
    return dict(Counter(page for _, page in seen))


def entity_boost(articles: int) -> float:
    """A place's or actor's own page against the articles that name it, and against the other
    places and actors of the same name: 8 × (1 + log10(1 + articles)), so that the city of Riyadh
    comes before a village called الرياض that two articles name. Logarithmic, so that among pages
    of the same name it decides, and a name in a title still beats one in a text (the title
    weighs a thousand times more)."""
    return round(ENTITY_BOOST * (1 + math.log10(1 + max(articles, 0))), 2)


def expand_index(path: Path, gazetteer: Gazetteer | None = None, compact: bool = False,
                 named: Mapping[str, int] | None = None) -> None:
    """Append the other forms of every document's words to it, in place; deterministic.
    A place's or an actor's own page also gets the forms of its one-word names in its title
    (hidden), where the search weighs them most: "سورية" then finds Syria's page first, as "سوريا"
    does; and a boost (entity_boost) from `named`, the articles naming it (articles_naming)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if compact:
        data["docs"] = [d for d in map(_compact, data.get("docs", [])) if d is not None]
    for doc in data.get("docs", []):
        extra = expansions(f"{doc.get('title', '')} {doc.get('text', '')}")
        if doc.get("text"):
            doc["text"] = isolate_latin(doc["text"])
        if extra:
            doc["text"] = f"{doc.get('text', '')} <span hidden>{html.escape(extra)}</span>"
        entry = _entry_of(doc.get("location", ""), gazetteer)
        if entry is not None:
            # one-word names only: every word of "قوات سورية الديمقراطية" in its title would tie
            # the SDF with Syria itself for the query "سورية"
            single = [s.text for s in entry.spellings() if len(s.text.split()) == 1]
            names = sorted(set(single).union(*(forms(w) for w in single))) if single else []
            if names:  # the index is shown as HTML: names from a gazetteer are escaped like all text
                doc["title"] = f"{doc.get('title', '')}<span hidden> {html.escape(' '.join(names))}</span>"
            # its own page first for its names: on a large site, hundreds of articles name a place
            # more often than its page does
            doc["boost"] = entity_boost((named or {}).get(doc["location"].strip("/"), 0))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
