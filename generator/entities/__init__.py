"""Places and actors: every gazetteer name found in a text, clitic-aware, longest first, and
taken as a place only where the text means one.

One matcher is built from the gazetteers (every spelling of every entry, normalized, with its
clitic forms: "والبوكمال", "بدير الزور", "لـ«داعش»"); it scans the words of the normalized text
once. Then the rules of generator/data/entities.yaml decide what the scan alone cannot: which of
several places of one name is meant, whether a common word or a village name is a place here,
whether a place name is part of another name ("منتخب تونس"), what role a place has in its
sentence, and what "التنظيم" or "المدينة" point back to.
"""

from .matcher import matcher
from .model import Candidate, Mention, Ref
from .nisba import ADJECTIVE
from .tagger import find_entities

__all__ = ["ADJECTIVE", "Candidate", "Mention", "Ref", "find_entities", "matcher"]
