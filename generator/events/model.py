"""An event: one happening an article tells, with its arguments and the evidence for each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..entities import Mention
from ..read import Article

# ACLED's political violence
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
FIGHTING_TYPES = frozenset({"Battles", "Explosions/Remote violence"})  # (an attack on civilians may be a government's)


@dataclass
class Event:
    id: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str | None
    kind: str  # the status: occurred, planned; reported = occurred by the publication day, day unknown
    date_text: str | None  # the date phrase, as written
    date_rule: str | None
    type: str  # ACLED event type (or "Statements and diplomacy")
    sub_type: str
    places: list[Mention]  # where it happened, the finest first; then the other places its evidence names
    actors: list[Mention]  # actor1 then actor2
    fatalities: int | None  # None: the text gives no figure (not zero)
    injured: int | None
    casualty_text: list[str]  # the words the figures were read from
    article: Article
    start: int  # the trigger's clause, offsets into article.text
    end: int
    sentence: str  # the first sentence of the evidence
    date_from: str = "clause"  # clause, report (the day the happening was reported), paragraph, none
    notes: list[str] = field(default_factory=list)
    happening: str = ""  # the class of happening (generator/data/events.yaml): air_strike, capture, ...
    trigger: str = ""  # the word that tells it, as written
    trigger_at: int = -1  # its offset in article.text
    actor1: list[Mention] = field(default_factory=list)  # who acted
    actor2: list[Mention] = field(default_factory=list)  # against or with whom
    sources: list[str] = field(default_factory=list)  # who reported it (an agency, a monitor, "مصادر محلية")
    geo_precision: int | None = None  # ACLED: 1 the place itself, 2 near it or part of a region, 3 province/country
    place_how: str = ""  # why this place: "في البوكمال", "the paragraph's place"
    site: str | None = None  # a place the gazetteer lacks, as written ("معسكر لبوزة"): the event
    #   lies there, coded at places[0], the nearest known place, with geo_precision 2 or 3
    evidence: list[tuple[int, int]] = field(default_factory=list)  # the sentences that tell it, offsets
    combined: int | None = None  # "مقتل وإصابة 20": killed and injured together
    note: str = ""  # one line that says what happened, from the sentence
    topics: list[Mention] = field(default_factory=list)  # places its talks or decision are only about

    @property
    def place(self) -> Mention | None:
        return self.places[0] if self.places else None
