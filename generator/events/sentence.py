"""One sentence as the event stage reads it: its words, clauses, and the happenings they tell.

A happening is a trigger (generator/data/events.yaml) in a clause that is not negated,
conditional, asked, intended, opined, background, an aggregate or figurative (event_rules.yaml).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress

from ..normalize import Normalized, norm
from .modality import first_person, future, modality
from .rules import Rules, Trigger, by_first, listed, rules, stem
from .words import accusative_base, split_words, trigger_at, trigger_words

VIOLENT_CLASSES = {"chemical", "suicide", "air_strike", "shelling", "explosion", "clash", "killing"}
GENERIC_ATTACK = {"هجوم", "هجمات", "اعتداء", "اعتداءات"}  # as listed in events.yaml


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
    # another happening than its clause's verb's: "before" named after «بعد»، «قبيل»; "alongside" after
    # «مع استمرار» (going on beside it)
    other: str | None = None


class Sentence:
    """The tokens of sentence [start, end) of an article (original offsets) over its normalized body."""

    def __init__(self, body: Normalized, body_start: int, start: int, end: int,
                 stems: list[str] | None = None) -> None:
        """`stems`: of the sentence's tokens, when the caller made them already."""
        self.body, self.bs, self.start, self.end = body, body_start, start, end
        self.n0 = body.to_norm(start - body_start)
        self.text = body.text[self.n0 : body.to_norm(end - body_start)]
        self.words, self.at, _ = split_words(self.text)  # (self.at: offsets in self.text)
        self.stems = list(map(stem, self.words)) if stems is None else stems
        self.blocked: set[int] = set()  # tokens inside a date phrase ("فجر الأحد" is dawn, not "detonated")
        self.dated: set[int] = set()  # ... inside a date phrase alone
        self.named: set[int] = set()  # ... inside any place's name
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

    def mark(self, parties: list[tuple[int, int]], places: list[tuple[int, int]],
             named: list[tuple[int, int]] = ()) -> None:
        """Where parties to a conflict and places (after a preposition or a place word; `named`: any)
        are named (original offsets): "انسحبت هيئة تحرير الشام" is fighters', "سيطرة المتمردين على عدن"
        ground."""
        for spans, into in ((parties, self.parties), (places, self.places), (named, self.named)):
            for a, b in spans:
                into.update(self.tokens(a, b))

    @cached_property
    def about_sport(self) -> bool:
        """Whether two words of sport stand in the sentence: its battles are games."""
        sport = rules().sport_words
        if sport.isdisjoint(self.words) and sport.isdisjoint(self.stems):
            return False  # (most sentences: no word of sport at all)
        return sum(w in sport or st in sport for w, st in zip(self.words, self.stems, strict=True)) >= 2  # ("بالتعادل")

    def about_mishap(self, c0: int, c1: int) -> bool:
        """Whether the clause [c0, c1) or one beside it names an accident or a rescue ("حادث سير"،
        "حريق"، "غرق")."""
        a = self.clause(c0 - 1)[0] if c0 else c0
        return self.phrase_in(rules().mishaps, a, self.clause(c1)[1] if c1 < len(self.words) else c1)

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
            after = bisect_right(self.at, m.end())  # the word after the break's words
            if after < len(self.words) and self.words[after] in r.time_after_break:
                continue  # "في وقت مبكر من اليوم": a time of this clause
            at = bisect_left(self.at, m.start())  # (the break's first word, when it is words)
            if m.group().strip()[:1].isalpha() and at and listed(self.words[at - 1], r.toll_verbs_on):
                continue  # "وقتل إثر الغارة أكثر من عشرة مسلحين": the cause inside the toll's clause
            out.add(bisect_right(self.at, m.start()))
        cuts = sorted(out)
        # a date or a place set off by commas ("تمكن مقاتلو المقاومة، الأربعاء، من دخول المدينة"،
        # "صدت المقاومة في مأرب، شرقي اليمن، هجمات") is an aside: the clause runs on through it
        ends = cuts[1:] + [len(self.words)]
        aside = {i for i in range(1, len(cuts) - 1) if all(
            k in self.dated or k in self.named or self.words[k] in r.aside_words for k in range(cuts[i], ends[i]))}
        return [c for i, c in enumerate(cuts) if i not in aside and i - 1 not in aside]

    def clause(self, k: int) -> tuple[int, int]:
        cuts = self.cuts
        i = bisect_right(cuts, k) - 1
        return cuts[i], (cuts[i + 1] if i + 1 < len(cuts) else len(self.words))

    def has(self, words: frozenset[str], a: int, b: int) -> bool:
        """Whether a token of [a, b) is one of `words`, as written or stemmed, or its stem less an
        accusative «ا» ("اتفاقاً") is (two set tests at C speed first: the usual answer is no)."""
        a, b = max(0, a), min(b, len(self.words))
        if a >= b:
            return False
        stems = self.stems[a:b]
        return not words.isdisjoint(self.words[a:b]) or not words.isdisjoint(stems) or any(
            st[:-1] in words for st in stems if st.endswith("ا"))

    def phrase_in(self, phrases: tuple[tuple[str, ...], ...], a: int = 0, b: int | None = None) -> bool:
        """Whether one of `phrases` begins at a token of [a, b): its first word as written or
        stemmed, the rest stemmed."""
        if not phrases:
            return False
        index = by_first(phrases)
        b = len(self.words) if b is None else b
        if 0 <= a and b <= len(self.words) and index.keys().isdisjoint(self.stems[a:b]) and \
                index.keys().isdisjoint(self.words[a:b]):
            return False  # (no phrase's first word there, the usual answer: found at C speed)
        for k in range(a, b):
            for rest in index.get(self.stems[k], ()) + index.get(self.words[k], ()):
                if tuple(self.stems[k + 1 : k + 1 + len(rest)]) == rest:
                    return True
        return False


def find_happenings(s: Sentence) -> list[Found]:
    """The triggers of a sentence, strongest per clause, each with its status or why it tells nothing."""
    r = rules()
    found: list[Found] = []
    generic = first_person(s)
    after = 0  # the first word a trigger may start at (none inside the one found before)
    # only the words that can begin a trigger are read (a C-speed pass: most words cannot)
    for k in compress(range(len(s.words)), map(trigger_words().__contains__, s.words)):
        if k < after or s.words[k] in r.never or s.stems[k] in r.never or k in s.blocked:
            continue
        hit = trigger_at(r, s.words, s.stems, k)
        if hit is None:
            continue
        last = k + len(hit.words)
        c0, c1 = s.clause(k)
        cls = _refine(r, s, hit, k, c0, c1)
        if cls:
            f = Found(k, last, hit, cls, c0, c1)
            f.why_not = "generic" if generic else modality(r, s, f) or _imminent(r, s, f)
            if f.why_not == "plan" or (f.why_not is None and future(r, s, f)):
                f.why_not, f.status = None, "future"  # planned if a day after P says when, else dropped
            elif f.why_not == "since":
                f.why_not, f.status = None, "since"  # an event only with a date of its own
            found.append(f)
        after = last + 1
    # a happening named after "بعد"، "قبيل" is another than the clause's verb tells, in a clause of its
    # own from that word on ("وتواصلت المعارك بريف اللاذقية بعد سيطرة المعارضة على منطقة بجبل التركمان"),
    # unless the verb is the toll it took ("قتل 4 حوثيين بعد هجوم للمقاومة": one happening)
    for f in found:
        if (how := another_happening(s, f)) and not any(g.c0 == f.c0 and g.first < f.first and not g.why_not
                                               and "killing" in (g.cls, g.trigger.cls) for g in found):
            f.other, c0 = how, f.c0
            for g in found:
                if g.c0 == c0 and g.first < f.first - 1:
                    g.c1 = min(g.c1, f.first - 1)
                elif g.c0 == c0:  # (it and what follows it: "بعد هجوم للمقاومة بقذيفة صاروخية")
                    g.c0 = f.first - 1
    # the items that go on a list of kinds ("شملت القصف العشوائي ...، وإعدامات ...، والاعتقال التعسفي")
    # are kinds too: a noun joined by و to it, with no verb between
    listing = False
    for f in found:
        if f.why_not == "generic":
            listing = True
        elif listing and not f.trigger.verb and (s.words[f.first][:1] == "و" or any(
                w[:1] == "و" or w in ("فضلا", "اضافه") for w in s.words[max(0, f.first - 3) : f.first])):
            f.why_not = "generic"  # ("، وأعمال الاعتقال"، "فضلاً عن الحصار")
        else:
            listing = False
    # a bare "هجوم"/"هجمات" beside a strike or a bombing of the same sentence is that happening (beside
    # fighting it stays, a telling of the same battle that may name its sides: "تصاعد القتال ...، حيث
    # أفاد ناشطون بفشل هجوم شنه حزب الله")
    violent = [f for f in found if not f.why_not and f.cls in VIOLENT_CLASSES and f.trigger.text not in GENERIC_ATTACK]
    if violent and violent[0].cls != "clash":
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
        if best is None or _rank(r, s, f) < _rank(r, s, best):
            if best:
                f.absorbed.append(best)
            by_clause[f.c0] = f
        else:
            best.absorbed.append(f)
    return sorted(by_clause.values(), key=lambda f: f.first)


def _imminent(r: Rules, s: Sentence, f: Found) -> str | None:
    """"opinion" for a happening told as near ("قرب سقوط العند"، "تحرير مدينة زنجبار بات قريباً": `after` up
    to five words on), else None."""
    if f.trigger.verb:
        return None
    near = f.first > 0 and s.words[f.first - 1] in r.imminent["before"] or s.has(
        r.imminent["after"], f.last + 1, min(f.c1, f.last + 6))
    return "opinion" if near else None


def _rank(r: Rules, s: Sentence, f: Found) -> int:
    """A trigger's strength in its clause (lower wins); one named as support ("طرد التنظيم من البلدة
    بمساعدة الضربات الجوية": the capture, with the air strikes' help) yields to any other."""
    helps = f.first > 0 and s.words[f.first - 1] in r.helping  # ("تحت غطاء غارات": «غطاء» before it)
    return r.classes[f.cls].rank + (1000 if helps and f.cls in VIOLENT_CLASSES else 0)


def another_happening(s: Sentence, f: Found) -> str | None:
    """A named happening right after "بعد"، "قبيل"، "عقب" ("بعد خطفهم"، "قبيل تحرير عدن"، "بعد انسحاب
    القوات"، "بعد سيطرة فصائل المعارضة"): another one than its clause's verb tells. Not an indefinite
    noun ("بعد معارك عنيفة"، "بعد اشتباكات مع داعش"): that is how the verb's happening came about, on its day.
    "before" for one before or after the verb's (event_rules.yaml `another_happening`), "alongside" for one
    going on beside it ("مع استمرار الاشتباكات": `alongside`), None for neither."""
    r = rules()
    if f.trigger.verb or f.first == 0:
        return None
    how = "before" if s.words[f.first - 1] in r.another_happening else (
        "alongside" if s.words[f.first - 1] in r.alongside else None)
    w, nxt = s.words[f.first], f.last + 1
    named = f.trigger.owned or w.startswith(("ال", "وال")) or nxt < len(s.words) and (
        s.words[nxt].startswith("ال") or nxt in s.named or nxt in s.parties)
    return how if named else None


def _owned(word: str, noun: str) -> bool:
    """Whether `word` is noun `noun` after «ب» with a possessive pronoun: "بصواريخها"، "بقذيفته"."""
    base = noun[:-1] + "ت" if noun.endswith("ه") else noun
    return word[:1] == "ب" and word[1:].startswith(base) and word[1 + len(base):] in ("ه", "ها", "هم", "هما")


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
    after = k + 1 + len(t.words)
    if t.verb and s.has(r.figurative_near, after, min(c1, after + r.figurative_near_reach)):
        return None
    if t.verb and t.cls == "explosion" and (
            norm(t.text) in r.device_verbs and not s.has(r.devices, 0, len(s.words))  # "انفجر يونكر"
            or not s.has(r.devices, c0, c1) and (  # no bomb, car or shell in the clause, but
                s.has(r.figurative_after, k + 1 + len(t.words), c1) or s.has(r.figurative_before, k + 1, c1))):
        return None  # "تنفجر في مدن الجنوب بين حين وآخر خلافات"، "فجّر المنتخب مفاجأة"
    noun = norm(t.text)
    if not t.verb and noun in r.devices and _owned(s.words[k], noun):
        return None  # "بصواريخها"، "بقذائفه": the weapon of another happening, told by its own trigger
    j = k + 1 + len(t.words)
    if t.cls == "meeting" and t.verb and j < len(s.words) and (s.words[j] in r.interviewers or any(
            q in s.text[s.at[j - 1] + len(s.words[j - 1]) : s.at[j]] for q in "«\"“")):
        return None  # "التقت «الشرق الأوسط» الشابين"، "التقت وكالة الأنباء": an interview
    if t.cls == "capture" and not t.verb and prev in r.capture_not_after:
        return None  # "عملية تحرير": the name of an operation
    after = k + 1 + len(t.words)
    for p in r.not_before.get(s.stems[k], ()) or r.not_before.get(s.words[k], ()) or r.not_before.get(t.text, ()):
        if any(tuple(s.words[j : j + len(p)]) == p for j in range(after, min(c1, after + r.not_before_reach))):
            return None  # "حذر (وزير الدفاع) من أن": a warning that something may happen
    for p in r.not_after.get(s.stems[k], ()) or r.not_after.get(t.text, ()):
        if tuple(s.words[max(0, k - len(p)) : k]) == p or tuple(s.stems[max(0, k - len(p)) : k]) == p:
            return None  # an idiom: "في مواجهة الإرهاب"
    # (a trigger of several words listed in `needs_for` has its own need, maybe none: "ضربة جوية" is a
    # strike though "ضربة" alone needs aircraft)
    need = c.needs_for[t.text] if t.words and t.text in c.needs_for else (
        c.needs_for.get(s.stems[k]) or c.needs_for.get(t.text))
    here = range(c0, c1)
    # (the trigger's own words never satisfy its need: "السيطرة" is in the list of ground for "استعاد")
    if need and not (s.has(need, c0, k) or s.has(need, k + 1 + len(t.words), c1)) and not (
            (s.stems[k] in r.party_satisfies or t.text in r.party_satisfies) and s.parties.intersection(here)
            or (s.stems[k] in r.place_satisfies or t.text in r.place_satisfies) and s.places.intersection(here)):
        return None  # (a party or a place named in the clause will do: "انسحبت هيئة تحرير الشام من")
    # a toll's cause may be a clause away ("قتل 5، في غارة"): the next clause too
    lo, hi = (c0, s.clause(c1)[1] if c1 < len(s.words) else c1) if t.cls == "killing" else (c0, c1)
    for other, words in c.instrument.items():
        if s.has(words, lo, hi) or s.phrase_in(c.instrument_phrases[other], lo, hi):
            return other
    return t.cls
