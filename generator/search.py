"""Search that agrees with how readers type Arabic.

Material's search (lunr) matches words as they are written: "بوكمال" does not find "البوكمال",
"ادلب" does not find "إدلب". After the search plugin has written its index, every document gets
the other forms of its words appended: normalized (alef and hamza, ة/ه, ى/ي, no diacritics or
tatweel) and without their clitics and article ("والبوكمال" -> "البوكمال", "بوكمال"). A query in
any of these forms then meets its word. Aliases of places and actors are on their pages already.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .gazetteer import Gazetteer
from .normalize import norm

_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0640\u064b-\u065f\u0670\u0671]{2,}")
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


def expansions(text: str) -> str:
    written = set(_ARABIC_WORD.findall(text))
    extra = set()
    for w in written:
        extra |= forms(w)
    return " ".join(sorted(extra - written))


def expand_index(path: Path, gazetteer: Gazetteer | None = None) -> None:
    """Append the other forms of every document's words to it, in place; deterministic."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data.get("docs", []):
        extra = expansions(f"{doc.get('title', '')} {doc.get('text', '')}")
        if extra:
            doc["text"] = f"{doc.get('text', '')} <span hidden>{extra}</span>"
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
