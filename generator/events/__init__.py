"""Events: the happenings articles tell, one entry per happening, merged across articles.

read → tag → **assemble**: `article_events` (article.py) reads one article's sentences for
happenings (words.py: which sentences can tell one at all; sentence.py: triggers; modality.py:
whether their clause tells one), gives each its arguments and type (arguments.py: places and
type; actors.py: who acted, against whom, who reports it; sides.py: the actors' sides), date
(dating.py) and toll (casualties.py reads figures, tolls.py gives them to their happening), what its
clause leaves unsaid from the rest of the article
(fallback.py: the place, the other side), and joins the sentences that tell one happening
(tellings.py); `merge` joins the tellings of one happening across articles (merge.py).
The rules are data: generator/data/events.yaml (the happenings and their triggers) and event_rules.yaml
(modality, attribution, arguments, casualties). content/coding-guide.md says what counts.
"""

from .article import article_events
from .casualties import toll
from .model import Event
from .rules import rules, stem

__all__ = ["Event", "article_events", "rules", "stem", "toll"]
