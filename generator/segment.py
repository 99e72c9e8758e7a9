"""Paragraphs and sentences of Arabic text, as offsets into the original (nothing is copied).

A paragraph is a run of non-empty lines; a sentence ends at . ! ? ؟ ؛ followed by a space, a
line break or the end (a closing quote or bracket right after the mark stays with it), or at
the end of its line. A mark with no space after it ("2.5", "U.S.") ends nothing.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]+")
_END = re.compile(r"[.!?؟؛;…]+[\"'»”’)\]]*(?=\s|$)")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line between start and end, without surrounding spaces."""
    out = []
    for m in _LINE.finditer(text, start, len(text) if end is None else end):
        s, e = m.span()
        s += len(m.group()) - len(m.group().lstrip())
        e -= len(m.group()) - len(m.group().rstrip())
        if s < e:
            out.append((s, e))
    return out


def sentences(text: str, start: int = 0, end: int | None = None,
              lines: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence between start and end (`lines`: their paragraphs, when the
    caller has them already)."""
    out = []
    for p_start, p_end in paragraphs(text, start, end) if lines is None else lines:
        s = p_start
        for m in _END.finditer(text, p_start, p_end):
            if text[s : m.end()].strip():
                out.append(_strip(text, s, m.end()))
            s = m.end()
        if text[s:p_end].strip():
            out.append(_strip(text, s, p_end))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
