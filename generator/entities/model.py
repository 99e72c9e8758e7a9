"""What the tagger finds: mentions of places and actors, and candidate places."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    """One entry a spelling can name."""

    kind: str  # place or actor
    id: str
    how: str  # name, alias, former name
    common: bool  # the spelling is also a common word (or marked ambiguous): only taken with support
    minor: bool  # a place of rank 3 (a village, a neighbourhood): only taken with support


@dataclass
class Mention:
    text: str
    start: int
    end: int
    kind: str  # place or actor
    id: str
    name: str
    name_en: str
    how: str  # how it was matched, readable: "alias; clitic «و»; support: ..."
    inferred: bool = False
    role: str | None = None  # places: at, near, toward, from, about, or None (no preposition)

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind, "id": self.id,
                "name": self.name, "name_en": self.name_en, "how": self.how,
                **({"role": self.role} if self.kind == "place" else {}),
                **({"inferred": True} if self.inferred else {})}


@dataclass
class Candidate:
    """A probable place the gazetteer lacks: the name after a place trigger."""

    text: str
    start: int
    end: int
    trigger: str  # the place word, as written ("بمنطقة")
    role: str | None = None  # at, near, toward, from, about (as a place mention's)
    kind: str = ""  # the place word, bare and normalized ("منطقه")
    site: bool = False  # after a building's word ("مسجد"): a site of events, no place a gazetteer lacks
