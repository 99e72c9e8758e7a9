"""One sentence as the event stage reads it: its words, clauses, and the happenings they tell.

A happening is a trigger (generator/data/events.yaml) in a clause that is not negated,
conditional, asked, intended, opined, background, an aggregate or figurative (event_rules.yaml).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..normalize import Normalized, norm
from .rules import Rules, Trigger, rules, stem

VIOLENT_CLASSES = {"chemical", "suicide", "air_strike", "shelling", "explosion", "clash", "killing"}
GENERIC_ATTACK = {"هجوم", "هجمات", "اعتداء", "اعتداءات"}  # as listed in events.yaml
_TOKEN = re.compile(r"[\u0621-\u064a]+|[0-9]+(?:[.,][0-9]+)?|[?]")
_PAST_PERSON = ("ت", "وا", "ا", "تا", "ن")


@dataclass
class Found:
    """A trigger in a sentence: tokens [first, last], its class, its clause's tokens [c0, c1)."""

    first: int
    last: int
    trigger: Trigger
    cls: str
    c0: int
    c1: int
    status: str = "occurred"  # occurred; future (planned when a date after P says when); since ("منذ أن")
    why_not: str | None = None  # why it is no happening ("negated", "opinion", ...)
    absorbed: list[Found] = field(default_factory=list)  # weaker triggers of the same clause


def may_tell(text: str) -> bool:
    """Whether a normalized sentence has a word that can begin a trigger (its stem, or its stem
    without a clitic و/ف): a sentence without one tells no happening."""
    return any(map(_may_trigger, _TOKEN.findall(text)))


def accusative_base(st: str) -> str | None:
    """A noun's stem without its accusative alef ("هجوما" -> "هجوم": "شن هجوماً"، "أصدر مرسوماً"), or
    None when the stem is too short to carry one."""
    return st[:-1] if len(st) >= 5 and st.endswith("ا") else None


@lru_cache(maxsize=1 << 16)
def _may_trigger(word: str) -> bool:
    heads = rules().triggers
    st = stem(word)
    return st in heads or (word[:1] in "وف" and stem(word[1:]) in heads) or accusative_base(st) in heads


class Sentence:
    """The tokens of sentence [start, end) of an article (original offsets) over its normalized body."""

    def __init__(self, body: Normalized, body_start: int, start: int, end: int) -> None:
        self.body, self.bs, self.start, self.end = body, body_start, start, end
        self.n0 = body.to_norm(start - body_start)
        self.text = body.text[self.n0 : body.to_norm(end - body_start)]
        matches = list(_TOKEN.finditer(self.text))
        self.words = [m.group() for m in matches]
        self.at = [m.start() for m in matches]  # offsets in self.text
        self.stems = [stem(w) for w in self.words]
        self.blocked: set[int] = set()  # tokens inside a date phrase ("فجر الأحد" is dawn, not "detonated")
        self.dated: set[int] = set()  # ... inside a date phrase alone
        self.parties: set[int] = set()  # tokens inside the name of a party to a conflict
        self.places: set[int] = set()  # ... of a place after a preposition or a place word

    def tokens(self, a: int, b: int) -> range:
        """The tokens original offsets [a, b) cover."""
        return range(self.token_at(a), self.token_at(max(a, b - 1)) + 1)

    def block_dates(self, dates: list[tuple[int, int]], names: list[tuple[int, int]] = ()) -> None:
        """Mark the tokens of date phrases and of names (original offsets): no trigger among them."""
        for a, b in dates:
            self.dated.update(self.tokens(a, b))
        for a, b in [*dates, *names]:
            self.blocked.update(self.tokens(a, b))
        self.__dict__.pop("cuts", None)  # (a date between commas no longer cuts its clause)

    def mark(self, parties: list[tuple[int, int]], places: list[tuple[int, int]]) -> None:
        """Where parties to a conflict and places are named (original offsets): "انسحبت هيئة تحرير الشام"
        is fighters', "سيطرة المتمردين على عدن" ground."""
        for spans, into in ((parties, self.parties), (places, self.places)):
            for a, b in spans:
                into.update(self.tokens(a, b))

    @cached_property
    def about_sport(self) -> bool:
        """Whether two words of sport stand in the sentence: its battles are games."""
        return sum(w in rules().sport_words for w in self.words) >= 2

    def orig(self, k: int) -> int:
        """Original offset (into the article's text) of token k's start; len(tokens) -> the end."""
        if k >= len(self.words):
            return self.end
        return self.body.orig(self.n0 + self.at[k]) + self.bs

    def orig_end(self, k: int) -> int:
        return self.body.orig(self.n0 + self.at[k] + len(self.words[k]) - 1) + 1 + self.bs

    def token_at(self, offset: int) -> int:
        """The token an original offset falls in (or the next one)."""
        rel = self.body.to_norm(offset - self.bs) - self.n0
        return max(0, bisect_right(self.at, rel) - 1) if rel >= 0 else 0

    @cached_property
    def cuts(self) -> list[int]:
        """Token indexes where clauses start (0 first)."""
        r = rules()
        out = {0}
        for m in r.clause_breaks.finditer(self.text):
            out.add(bisect_right(self.at, m.start()))
        cuts = sorted(out)
        # a date set off by commas ("تمكن مقاتلو المقاومة، الأربعاء، من دخول المدينة") is parenthetical:
        # the clause runs on through it
        ends = cuts[1:] + [len(self.words)]
        aside = {i for i in range(1, len(cuts) - 1) if self.dated.issuperset(range(cuts[i], ends[i]))}
        return [c for i, c in enumerate(cuts) if i not in aside and i - 1 not in aside]

    def clause(self, k: int) -> tuple[int, int]:
        cuts = self.cuts
        i = bisect_right(cuts, k) - 1
        return cuts[i], (cuts[i + 1] if i + 1 < len(cuts) else len(self.words))

    def has(self, words: frozenset[str], a: int, b: int) -> bool:
        return any(self.words[k] in words or self.stems[k] in words or (
            self.stems[k].endswith("ا") and self.stems[k][:-1] in words)  # "اتفاقاً"
            for k in range(max(0, a), min(b, len(self.words))))

    def phrase_in(self, phrases: tuple[tuple[str, ...], ...], a: int = 0, b: int | None = None) -> bool:
        """Whether one of `phrases` begins at a token of [a, b): its first word as written or
        stemmed, the rest stemmed."""
        if not phrases:
            return False
        index = _by_first(phrases)
        b = len(self.words) if b is None else b
        for k in range(a, b):
            for rest in index.get(self.stems[k], ()) + index.get(self.words[k], ()):
                if tuple(self.stems[k + 1 : k + 1 + len(rest)]) == rest:
                    return True
        return False


def find_happenings(s: Sentence) -> list[Found]:
    """The triggers of a sentence, strongest per clause, each with its status or why it tells nothing."""
    r = rules()
    found: list[Found] = []
    k, n = 0, len(s.words)
    generic = _first_person(s)
    while k < n:
        hit = None
        if s.words[k] in r.never or s.stems[k] in r.never or k in s.blocked:
            k += 1
            continue
        # a short word with a clitic ("ونهب") keeps its clitic in the stem: try it without
        heads = (s.stems[k], stem(s.words[k][1:])) if s.words[k][:1] in "وف" and len(s.words[k]) == 4 else (
            s.stems[k],)
        if (base := accusative_base(s.stems[k])) is not None:  # "شن هجوماً"، "عقد اجتماعاً"
            heads = (*heads, base)
        for head in heads:
            for t in r.triggers.get(head, ()):
                if tuple(s.stems[k + 1 : k + 1 + len(t.words)]) == t.words:
                    hit = t
                    break
            if hit:
                break
        if hit is None or hit.verb and s.words[k].lstrip("وف").startswith(("ال", "بال", "لل")) and not \
                norm(hit.text).startswith("ال"):  # ("التقى" is a verb whose root begins with ل)
            k += 1  # (a verb never takes the article: "القاتل" is the killer, not "قاتل", fought)
            continue
        last = k + len(hit.words)
        c0, c1 = s.clause(k)
        cls = _refine(r, s, hit, k, c0, c1)
        if cls:
            f = Found(k, last, hit, cls, c0, c1)
            f.why_not = "generic" if generic else _modality(r, s, f)
            if f.why_not == "plan" or (f.why_not is None and _future(r, s, f)):
                f.why_not, f.status = None, "future"  # planned if a day after P says when, else dropped
            elif f.why_not == "since":
                f.why_not, f.status = None, "since"  # an event only with a date of its own
            found.append(f)
        k = last + 1
    # a bare "هجوم"/"هجمات" beside a strike or a bombing of the same sentence is that happening
    violent = [f for f in found if not f.why_not and f.cls in VIOLENT_CLASSES and f.trigger.text not in GENERIC_ATTACK]
    if violent:
        found = [f for f in found if not (f.trigger.text in GENERIC_ATTACK and f.c0 != violent[0].c0
                                          and not f.why_not)]
    # a killing told beside another violent happening is its toll ("قتل 8 ... في كمين"); a withdrawal
    # beside a capture is its other side ("سيطر على تدمر بعد انسحاب قوات النظام")
    live = {f.cls for f in found if not f.why_not}
    if live & (VIOLENT_CLASSES - {"killing"}):
        found = [f for f in found if f.cls != "killing" or f.why_not]
    # (unless the capture is an earlier happening the withdrawal's sentence looks back to: "تراجع
    # التنظيم إلى أطراف المدينة أمس، غداة سيطرته على أجزاء منها")
    if any(f.cls == "capture" and not f.why_not
           and not r.looking_back.intersection(s.words[max(0, f.c0 - 1) : f.c0 + 1]) for f in found):
        found = [f for f in found if f.cls != "withdrawal" or f.why_not]
    # what a clause disrupts (defused bombs, seized weapons) is its object, not a bombing
    disrupting = {f.c0 for f in found if f.cls == "disrupted" and not f.why_not}
    found = [f for f in found if not (f.c0 in disrupting and f.cls in ("explosion", "shelling", "suicide"))]
    # one happening a clause: the strongest trigger; the others (its toll, a weaker word) are absorbed
    by_clause: dict[int, Found] = {}
    for f in found:
        if f.why_not:
            continue
        best = by_clause.get(f.c0)
        if best is None or r.classes[f.cls].rank < r.classes[best.cls].rank:
            if best:
                f.absorbed.append(best)
            by_clause[f.c0] = f
        else:
            best.absorbed.append(f)
    return sorted(by_clause.values(), key=lambda f: f.first)


_MANY = {"الف", "الاف", "الوف", "مئات", "ملايين", "الالاف", "مليون"}
_SUBJECTED = {"تعرض", "تعرضت", "تعرضوا", "يتعرض", "تتعرض", "يتعرضون", "تعرضها", "تعرضه", "خضع", "خضعت"}
_NOT_OURS = {"هنا", "هناك", "احيانا", "حينا", "ربنا", "سنا", "معنا"}


def _first_person(s: Sentence) -> bool:
    """A sentence in the first person plural, not quoted after a report verb, is commentary
    ("أصبحنا نقطع رؤوس بعضنا ونفجر مساجدنا"): an opinion column's, not a happening."""
    ours = sum(1 for w in s.words if w == "نحن" or (len(w) > 3 and w.endswith("نا") and w not in _NOT_OURS))
    return ours >= 2 and not any(w in rules().reporting for w in s.words)


def _refine(r: Rules, s: Sentence, t: Trigger, k: int, c0: int, c1: int) -> str | None:
    """The trigger's class in this clause, or None when the clause lacks what it needs or the use
    is figurative."""
    c = r.classes[t.cls]
    nxt = s.stems[k + 1 + len(t.words)] if k + 1 + len(t.words) < len(s.stems) else ""
    prev = s.stems[k - 1] if k else ""
    if accusative_base(nxt) in r.figurative_after:
        nxt = accusative_base(nxt)  # "هجوماً إعلامياً"
    if nxt in r.figurative_after or prev in r.figurative_before or s.words[k - 1 : k] == ["خيار"]:
        return None
    if t.verb and s.has(r.figurative_near, k + 1 + len(t.words), min(c1, k + 4 + len(t.words))):
        return None
    if t.verb and t.cls == "explosion" and not s.has(r.devices, c0, c1) and (  # no bomb, car or shell, but
            s.has(r.figurative_after, k + 1 + len(t.words), c1) or s.has(r.figurative_before, k + 1, c1)):
        return None  # "تنفجر في مدن الجنوب بين حين وآخر خلافات"، "فجّر المنتخب مفاجأة"
    if t.cls == "capture" and not t.verb and prev in r.capture_not_after:
        return None  # "عملية تحرير": the name of an operation
    after = k + 1 + len(t.words)
    for p in r.not_before.get(s.stems[k], ()) or r.not_before.get(s.words[k], ()) or r.not_before.get(t.text, ()):
        if any(tuple(s.words[j : j + len(p)]) == p for j in range(after, min(c1, after + r.not_before_reach))):
            return None  # "حذر (وزير الدفاع) من أن": a warning that something may happen
    for p in r.not_after.get(s.stems[k], ()) or r.not_after.get(t.text, ()):
        if tuple(s.words[max(0, k - len(p)) : k]) == p or tuple(s.stems[max(0, k - len(p)) : k]) == p:
            return None  # an idiom: "في مواجهة الإرهاب"
    need = c.needs_for.get(s.stems[k]) or c.needs_for.get(t.text)
    here = range(c0, c1)
    if need and not s.has(need, c0, c1) and not (
            (s.stems[k] in r.party_satisfies or t.text in r.party_satisfies) and s.parties.intersection(here)
            or (s.stems[k] in r.place_satisfies or t.text in r.place_satisfies) and s.places.intersection(here)):
        return None  # (a party or a place named in the clause will do: "انسحبت هيئة تحرير الشام من")
    # a toll's cause may be a clause away ("قتل 5، في غارة"): the next clause too
    lo, hi = (c0, s.clause(c1)[1] if c1 < len(s.words) else c1) if t.cls == "killing" else (c0, c1)
    for other, words in c.instrument.items():
        if s.has(words, lo, hi) or s.phrase_in(c.instrument_phrases[other], lo, hi):
            return other
    return t.cls


@lru_cache(maxsize=64)
def _by_first(phrases: tuple[tuple[str, ...], ...], stemmed: bool = True) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by their first word, the rest stemmed or as written (the rule lists are loaded once:
    a few keys)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(tuple(stem(x) for x in p[1:]) if stemmed else p[1:])
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1 << 15)
def _forms(w: str) -> tuple[str, ...]:
    """A word, without a clitic و/ف ("ولم"، "ورجح") or ل/ب ("لخطة"), and without a pronoun suffix
    ("خشيتهم" -> "خشيه")."""
    out = [w]
    if w[:1] in "وف" and len(w) > 2:
        out.append(w[1:])
    for x in list(out):  # "لخطة"، "بدون": a preposition's clitic too
        if x[:1] in "لب" and len(x) > 3:
            out.append(x[1:])
    for x in list(out):
        for suffix in ("تهم", "تها", "ته", "تنا"):
            if x.endswith(suffix) and len(x) > len(suffix) + 2:
                out.append(x[: -len(suffix)] + "ه")
        for suffix in ("هم", "ها", "ه", "نا"):
            if x.endswith(suffix) and len(x) > len(suffix) + 2:
                out.append(x[: -len(suffix)])
    return tuple(out)


@lru_cache(maxsize=1 << 15)
def _word_kinds(w: str, st: str) -> frozenset[str]:
    """The modality kinds one of whose one-word entries a word is (its stem, or one of its forms)."""
    m = rules().modality
    forms = (st, *_forms(w))
    return frozenset(kind for kind, words in m.items() if any(x in words for x in forms))


def _kind_at(r: Rules, s: Sentence, j: int, kinds: tuple[str, ...]) -> str | None:
    """The modality kind whose word or phrase begins at token j, among `kinds`."""
    w, st = s.words[j], s.stems[j]
    here = _word_kinds(w, st)
    for kind in kinds:
        if kind in here:
            return kind
        index = _by_first(r.modality_phrases[kind], stemmed=False)
        for rest in index.get(w, ()) + (index.get(st, ()) if st != w else ()):
            if tuple(s.words[j + 1 : j + 1 + len(rest)]) == rest:
                return kind
    return None


_LOCAL = ("negated", "conditional", "question", "intention", "opinion", "background", "since", "topic", "legal",
          "kinds_of", "since_noun")
_GOVERNING = ("negating_verbs", "intention", "opinion", "background", "since", "future_near")
_WHY = {"future_near": "plan", "negating_verbs": "negated", "kinds_of": "generic", "since_noun": "since"}


def _modality(r: Rules, s: Sentence, f: Found) -> str | None:
    """Why the trigger tells no happening, or None."""
    m = r.modality
    words, stems = s.words, s.stems
    if "?" in words or (words and words[0] in m["question"]):
        return "question"
    if s.about_sport:
        return "figurative"  # "يستأنف النصر تدريباته ... مواجهاته"، "بعد مفاوضات طويلة مع النادي": a game's
    w0 = words[f.first]
    suffered = f.first > 0 and words[f.first - 1].lstrip("وف") in _SUBJECTED
    if not f.trigger.verb and w0 != stems[f.first] and w0.lstrip("وف")[:1] == "ل" and not suffered:
        return "intention"  # "لمواجهة"، "لتحرير": a purpose, not a deed ("تعرضت لهجوم" is one)
    # in the clause, then the words that govern it
    for lo, hi, kinds in ((max(f.c0, f.first - r.window), f.first, _LOCAL),
                          (max(0, f.c0 - r.reach), f.c0, _GOVERNING)):
        for j in range(hi - 1, lo - 1, -1):
            if words[j] in r.reporting or stems[j] in r.reporting:
                return _rest(r, s, f)  # "قال إن ...": its content stands, as its own form says
            if hi != f.first and words[j] in m["main_clause"]:
                break  # "..., فيما قصفت": a new main clause; what came before does not govern it
            if words[j] == "لقد" or "قد" in _forms(words[j]):  # and "وقد"، "فقد"
                if j + 1 < len(words) and _present(words[j + 1]):
                    return "intention"  # "قد يشن" may launch; "قد شن" has launched
                continue
            kind = _kind_at(r, s, j, kinds)
            if kind == "negated" and j + 1 < len(words) and words[j + 1] in m["not_negation_after"]:
                continue  # "لا يزال القتال"
            if kind in ("topic", "kinds_of") and j < f.first - 2 or kind == "since_noun" and j < f.first - 1:
                continue  # a topic word governs the noun right after it only
            if kind:
                return _WHY.get(kind, kind)
    return _rest(r, s, f)


def _rest(r: Rules, s: Sentence, f: Found) -> str | None:
    """What the trigger's own form and neighbours say: a state, a habit, a plan, an aggregate."""
    m = r.modality
    words, stems = s.words, s.stems
    if f.first and stems[f.first - 1] in m["state_nouns_before"] and not f.trigger.verb:
        return "background"  # "مناطق سيطرة داعش"
    if s.phrase_in(r.modality_phrases["state_after"], f.last + 1, min(f.c1, f.last + 4)):
        return "background"  # "واعتقل الساعدي منذ ذلك الحين في سجن": held since then
    present = f.trigger.verb and _present(words[f.first])
    if present and f.cls in ("capture", "meeting"):
        return "background"  # "تسيطر على": controls, a state of affairs; "تبحث عن": is looking for
    for j in range(f.first - 1, max(-1, f.first - 4), -1):
        if present and words[j] in m["relatives"]:
            return "background"  # "التي يسيطر عليها"
        if present and any(x in m["habitual"] for x in _forms(words[j])):
            return "habitual"  # "كانوا يذبحون"
        if j + 1 <= f.first and words[j] == "ان" and j + 1 < len(words) and _present(words[j + 1]):
            return "plan"  # "أن تبدأ هجومها": أن and a verb not yet done (إنّ is never followed by a verb)
    if any(_kind_at(r, s, j, ("future_near",)) for j in range(f.c0, f.first)):
        return "plan"  # "في الأيام المقبلة ... المعركة"، "المرحلة المقبلة من القتال"
    if r.classes[f.cls].name == "killing" and s.phrase_in(r.aggregate):
        return "aggregate"
    if stems[f.first] not in m["munitions"] and any(words[j] in _MANY or (words[j].isdigit() and int(words[j]) >= 100)
                                                   for j in range(max(f.c0, f.first - 3), f.first)):
        return "aggregate"  # "14 ألف غارة"، "مئات الغارات": a count over a period ("1400 قذيفة" may be a day's)
    if s.phrase_in(r.aggregate, 0, f.c1):  # (in its clause or before it: "استقبل خلال شهر يوليو ... ، بقذائف")
        return "aggregate"
    return None


def _present(word: str) -> bool:
    w = word[1:] if word[:1] in "وف" else word
    return len(w) > 3 and w[0] in "يت" and not w.endswith(_PAST_PERSON[:1])


_LIGHT = {"يشن", "تشن", "ينفذ", "تنفذ", "يعقد", "تعقد", "يبدا", "تبدا", "يتم", "تتم", "يجري", "تجري", "يقيم", "تقيم",
          "يطلق", "تطلق", "يكون", "تكون", "يشهد", "تشهد", "يواصل", "تواصل", "يوقع", "توقع"}


def _future_verb(r: Rules, word: str) -> bool:
    """"سيشن"، "ستقيم": the future prefix س on a present verb (not the س of "سيطر" or "سيارة")."""
    w = word[1:] if word[:1] in "وف" else word
    if w[:1] != "س" or w[1:2] not in ("ي", "ت", "ن") or len(w) < 4:
        return False
    rest = w[1:]
    return rest in _LIGHT or any(t.verb for t in r.triggers.get(stem(rest), ()))


def _future(r: Rules, s: Sentence, f: Found) -> bool:
    """A happening told in the future: "ستقيم", "سوف يعقد", "من المقرر أن"."""
    if _future_verb(r, s.words[f.first]):
        return True
    return any(s.words[j] in r.future or s.stems[j] in r.future or _future_verb(r, s.words[j])
               for j in range(max(f.c0, f.first - 4), f.first))
