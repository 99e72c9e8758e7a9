"""Reading one article: bytes to text, front matter and catalog metadata, the Article itself.

An article is a .txt or .md file (subfolders allowed) with optional YAML front matter, or a
record of a JSON Lines corpus. Metadata may also come from a `catalog.yaml` beside the files,
for files that must stay byte-identical; front matter wins over the catalog. A catalog entry
that gives a `sha256` applies to that content wherever it is read from.

A file that cannot be read raises ReadError, its message naming the file and what to do. Where
articles come from (folders, catalogs beside them, JSON Lines corpora) and the report of every
file are in corpus.py.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .dates import find_dates
from .furniture import Span, furniture
from .normalize import Normalized, norm, normalize
from .published import Anchor, find_published, implied_weekday

MAX_BYTES = 5 * 1024 * 1024
KNOWN_FIELDS = ("published", "title", "outlet", "url", "language")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # Unicode category Cc, less \t \n \f \r
# a character reference a scraper left in the text (&quot; &#8220; &#x201D;); only well-formed ones
_CHARREF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_LATIN = re.compile(r"[A-Za-z]")
# libyaml's safe loader when PyYAML has it (ten times faster on front matter), else the pure one
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ReadError(Exception):
    """A file that cannot be read as an article; the message says why and what to do."""


@dataclass
class Article:
    id: str  # path relative to the input folder, with "/" (stable across machines)
    text: str  # the decoded file (front matter included): every offset points into it
    body_start: int  # where the body starts (after the front matter)
    meta: dict[str, Any]
    title: str
    title_span: tuple[int, int] | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    published_from: str  # metadata, dateline or none
    published_note: list[str]
    furniture: list[Span]
    sha256: str  # of the body, to find duplicates and to key caches
    encoding: str
    warnings: list[str] = field(default_factory=list)
    # the body's date expressions against `published`, when reading already found them (offsets
    # relative to the body); the extraction takes them instead of finding them again
    body_dates: list | None = field(default=None, repr=False, compare=False)
    body_normalized: Normalized | None = field(default=None, repr=False, compare=False)  # likewise

    @property
    def name(self) -> str:
        return self.id.rsplit("/", 1)[-1]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


# --- bytes to text --------------------------------------------------------------------------


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1256."""
    if not data.strip():
        raise ReadError(f"{where}: the file is empty; remove it or give it a text")
    if data.startswith(codecs.BOM_UTF8):
        text, enc = _strict(data[3:], "utf-8", where), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, enc = _strict(data, "utf-16", where), "utf-16"
    else:
        if b"\x00" in data:
            raise ReadError(f"{where}: binary file (it contains NUL bytes); only text articles can be read")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as err:
            try:
                text, enc = data.decode("cp1256"), "windows-1256"
            except UnicodeDecodeError:
                raise ReadError(
                    f"{where}: bytes that are neither UTF-8 nor Windows-1256 at byte {err.start}; "
                    "re-save the file as UTF-8"
                ) from None
            if not _ARABIC.search(text):
                raise ReadError(f"{where}: not UTF-8 (bad byte at {err.start}) and no Arabic as Windows-1256; "
                                "re-save the file as UTF-8") from None
    controls = len(_CONTROL.findall(text, 0, 4000))
    if controls > 40 or controls * 50 > min(len(text), 4000):  # (2%: a short binary file too)
        raise ReadError(f"{where}: looks binary ({controls} control characters in its first 4000); "
                        "only text articles can be read")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text, enc


def decode_references(text: str) -> str:
    """Character references from scraped HTML decoded, once ("&quot;" -> '"'); the site escapes
    the result once on output. A reference that decodes to a control character becomes a space."""
    def one(m: re.Match) -> str:
        out = html.unescape(m.group())
        return " " if _CONTROL.search(out) or "\x00" in out else out

    return _CHARREF.sub(one, text) if "&" in text else text


def language_warning(body: str, meta: dict[str, Any]) -> str | None:
    """A warning when the article is not in Arabic, the only language the engines read."""
    declared = str(meta.get("language") or "").strip().lower()
    if declared and not declared.startswith("ar"):
        return f"the article's language is {declared!r}: this language is not supported (only Arabic is read)"
    latin = len(_LATIN.findall(body))
    if latin < 50:
        return None  # (most articles: the Arabic letters need no counting)
    arabic = len(_ARABIC.findall(body))
    if latin > 2 * arabic:
        share = 100 * arabic // max(1, arabic + latin)
        return (f"the text is not Arabic ({share}% of its letters are Arabic): this language is not supported "
                "(only Arabic is read for dates, places and events)")
    return None


def _strict(data: bytes, encoding: str, where: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReadError(f"{where}: invalid {encoding} at byte {err.start}; re-save the file as UTF-8") from None


# --- metadata -----------------------------------------------------------------------------


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], int]:
    """(metadata, offset of the body). A file without front matter has empty metadata."""
    m = _FRONT_MATTER.match(text)
    if not m:
        if text.startswith("---\n"):
            raise ReadError(f"{where}, line 1: front matter opened with '---' is never closed; add a line '---'")
        return {}, 0
    try:
        meta = yaml.load(m.group(1) or "", Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = f", line {mark.line + 2}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ReadError(
            f"{where}{line}: broken front matter ({problem}); fix the YAML between the '---' lines"
        ) from None
    if not isinstance(meta, dict):
        raise ReadError(f"{where}, line 2: front matter must be 'key: value' lines, not {type(meta).__name__}")
    return {str(k): v for k, v in meta.items()}, m.end()


def parse_published(value: Any, where: str) -> dt.date:
    """A `published` value: a date, a datetime (with or without zone) or an ISO string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ReadError(f"{where}: published: {text!r} is not a date; write it as YYYY-MM-DD") from None


@dataclass
class Catalog:
    """Metadata for files that stay untouched: by file name within a folder, by content anywhere."""

    by_name: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (folder, name)
    by_hash: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add_file(self, path: Path) -> None:
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
            self.problems.append(f"{path}: catalog not read ({str(err).splitlines()[0]}); fix its YAML")
            return
        if isinstance(entries, dict):
            entries = entries.get("articles", [])
        folder = str(path.parent.resolve())
        for k, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict) or not (entry.get("file") or entry.get("sha256")):
                self.problems.append(f"{path}: entry {k + 1} names no `file` nor `sha256`; it is ignored")
                continue
            meta = {key: v for key, v in entry.items() if key not in ("file", "sha256")}
            if entry.get("file"):
                self.by_name[(folder, str(entry["file"]))] = meta
            if entry.get("sha256"):
                self.by_hash[str(entry["sha256"]).lower()] = meta

    def lookup(self, path: Path, sha256: str) -> dict[str, Any]:
        return self.by_name.get((str(path.parent.resolve()), path.name)) or self.by_hash.get(sha256) or {}


# --- one article ----------------------------------------------------------------------------


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def build_article(article_id: str, text: str, meta: dict[str, Any], body_start: int, encoding: str,
                  where: str, today: dt.date | None = None) -> Article:
    """An article from its decoded text and metadata: title, furniture, publication day."""
    warnings: list[str] = []
    language = language_warning(text[body_start:], meta)
    if language:
        warnings.append(language)
    normalized = normalize(text[body_start:])  # once, for every stage that reads the body
    spans, title_span = furniture(text, body_start, normalized)
    published: dt.date | None = None
    found_dates = None
    note: list[str] = []
    if meta.get("published") not in (None, ""):
        published = parse_published(meta["published"], where)
        source = "metadata"
        found_dates = find_dates(text[body_start:], published, normalized)
        weekday, phrases = implied_weekday(found_dates, published)
        if weekday is not None and weekday != published.weekday():
            names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
            msg = (f"published {published} is a {names[published.weekday()]}, but the text's weekdays "
                   f"({', '.join(phrases)}) say it was written on a {names[weekday]}")
            note.append(msg)
            warnings.append(msg)
    else:
        anchor: Anchor = find_published(text, body_start, today)
        published, source, note = anchor.published, anchor.source, anchor.notes
        if anchor.published is None:
            warnings.append("no publication date (no metadata, no dateline): relative dates stay unresolved"
                            + (f"; {anchor.notes[-1]}" if anchor.weekday is not None else ""))
    if meta.get("title") and title_span and not same_title(text[title_span[0] : title_span[1]], str(meta["title"])):
        title_span = None  # the metadata has the headline, and the body opens with its lead, not the headline again
    title = decode_references(str(meta["title"])).strip() if meta.get("title") else (
        text[title_span[0] : title_span[1]] if title_span else article_id)
    return Article(
        id=article_id, text=text, body_start=body_start, meta=meta, title=title, title_span=title_span,
        outlet=(decode_references(str(meta["outlet"])).strip() or None) if meta.get("outlet") else None,
        url=str(meta["url"]) if meta.get("url") else None,
        published=published, published_from=source, published_note=note, furniture=spans,
        sha256=body_hash(text[body_start:]), encoding=encoding, warnings=warnings, body_dates=found_dates,
        body_normalized=normalized,
    )


def same_title(line: str, title: str) -> bool:
    """Whether a line repeats a headline: mostly the same words (a scrape may trim or add a few)."""
    if len(line) > 2 * len(title) + 20:
        return False  # a paragraph, not the headline
    a, b = set(norm(line).split()), set(norm(title).split())
    return bool(a and b) and len(a & b) >= 0.6 * len(a | b)


@dataclass(frozen=True)
class Source:
    """One input, not yet read: a file's bytes or a corpus record's line, and where it came from."""

    id: str  # the article id and report path: relative to the input folder, with "/"
    where: str  # for messages: the path (and line)
    data: bytes
    listed: tuple[tuple[str, Any], ...] = ()  # catalog metadata found by file name
    record: bool = False  # a JSON Lines record rather than a file


def read_file(path: Path, article_id: str, catalog: Catalog, today: dt.date | None = None) -> Article:
    """One article file, with the catalog's metadata."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file; check the path") from None
    except OSError as err:
        raise ReadError(f"{path}: cannot be read ({err.strerror}); check its permissions") from None
    listed = catalog.by_name.get((str(path.parent.resolve()), path.name), {})
    return read_source(Source(article_id, str(path), data, tuple(sorted(listed.items()))), catalog, today)


def read_source(src: Source, catalog: Catalog | None = None, today: dt.date | None = None,
                text_field: str = "content", fields: dict[str, str] | None = None) -> Article:
    """An Article from one source; raises ReadError with a message naming it and what to do."""
    where = src.where
    if src.record:
        return _read_record(src, text_field, fields, today)
    if len(src.data) > MAX_BYTES:
        raise ReadError(f"{where}: {len(src.data) / 1048576:.1f} MB is over the {MAX_BYTES // 1048576} MB limit for "
                        "one article; split it or remove it")
    text, encoding = decode(src.data, where)
    meta, body_start = split_front_matter(text, where)
    if not text[body_start:].strip():
        raise ReadError(f"{where}: the article has metadata but no text")
    listed = dict(src.listed) or (catalog.by_hash.get(body_hash(text[body_start:]), {}) if catalog else {})
    # references decoded before any offset is taken: every offset points into the decoded text
    text = text[:body_start] + decode_references(text[body_start:])
    return build_article(src.id, text, {**listed, **meta}, body_start, encoding, where, today)


JSONL_FIELDS = {"title": "title", "outlet": "source", "url": "url", "published": "date_extracted"}


def _read_record(src: Source, text_field: str, fields: dict[str, str] | None, today: dt.date | None) -> Article:
    fields = {**JSONL_FIELDS, **(fields or {})}
    try:
        record = json.loads(src.data)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ReadError(f"{src.where}: not JSON ({getattr(err, 'msg', err)})") from None
    text = record.get(text_field) if isinstance(record, dict) else None
    if not isinstance(text, str) or not text.strip():
        raise ReadError(f"{src.where}: no text in field {text_field!r}")
    text = decode_references(unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    meta = {key: record[f] for key, f in fields.items() if record.get(f) not in (None, "")}
    return build_article(src.id, text, meta, 0, "utf-8", src.where, today)
