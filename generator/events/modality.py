"""Whether a trigger tells a happening: its clause's modality (generator/data/event_rules.yaml,
`modality`): negated, conditional, asked, intended, opined, background, habitual, planned, an
aggregate over a period, or a first-person column's figure of speech (coding guide, "ما ليس حدثاً").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .casualties import toll
from .rules import Rules, by_first, rules, stem

if TYPE_CHECKING:
    from .sentence import Found, Sentence

_MANY = {"الف", "الاف", "الوف", "مئات", "ملايين", "الالاف", "مليون"}
_NOT_OURS = {"هنا", "هناك", "احيانا", "حينا", "ربنا", "سنا", "معنا"}
# "أن يكون/تكون ... قد فعل": after a denial, a doubt or a guess, never an assertion
_SUBJUNCTIVE_BE = {"يكون", "تكون", "يكونوا", "تكونا", "يكونا", "يكن", "تكن"}


# every word counted below holds a match of its own (a word is a run of these letters): so fewer
# than two matches, fewer than two such words
_OURS_AT_MOST = re.compile("نحن|نا(?![\u0621-\u064a])")


def first_person(s: Sentence) -> bool:
    """A sentence in the first person plural, not quoted after a report verb, is commentary
    ("أصبحنا نقطع رؤوس بعضنا ونفجر مساجدنا"): an opinion column's, not a happening."""
    if len(_OURS_AT_MOST.findall(s.text)) < 2:
        return False  # (most sentences: not two words that could be ours, found at C speed)
    ours = sum(1 for w in s.words if w == "نحن" or (len(w) > 3 and w.endswith("نا") and w not in _NOT_OURS))
    return ours >= 2 and not any(w in rules().reporting for w in s.words)


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
        for suffix in ("تهم", "تها", "ته", "تنا"):  # ("نيتهم" -> "نيه": a stem of two letters)
            if x.endswith(suffix) and len(x) > len(suffix) + 1:
                out.append(x[: -len(suffix)] + "ه")
        for suffix in ("هم", "ها", "ه", "نا"):
            if x.endswith(suffix) and len(x) > len(suffix) + 2:
                out.append(x[: -len(suffix)])
    return tuple(out)


@lru_cache(maxsize=1 << 15)
def _word_kinds(w: str, st: str) -> frozenset[str]:
    """The modality kinds one of whose one-word entries a word is (its stem, or one of its forms)."""
    kinds_of = _kinds_of()
    return frozenset().union(*(kinds_of.get(x, ()) for x in (st, *_forms(w))))


@lru_cache(maxsize=1)
def _kinds_of() -> dict[str, frozenset[str]]:
    """The modality kinds each one-word entry is of (one lookup a form, not one a kind)."""
    out: dict[str, set[str]] = {}
    for kind, words in rules().modality.items():
        for w in words:
            out.setdefault(w, set()).add(kind)
    return {w: frozenset(kinds) for w, kinds in out.items()}


@lru_cache(maxsize=1)
def _phrase_firsts() -> frozenset[str]:
    """The first words of every modality phrase."""
    return frozenset(p[0] for phrases in rules().modality_phrases.values() for p in phrases)


def _kind_at(r: Rules, s: Sentence, j: int, kinds: tuple[str, ...]) -> str | None:
    """The modality kind whose word or phrase begins at token j, among `kinds`."""
    w, st = s.words[j], s.stems[j]
    here = _word_kinds(w, st)
    if not here and w not in (firsts := _phrase_firsts()) and st not in firsts:
        return None  # (most words: no kind's word, and no kind's phrase begins with them)
    for kind in kinds:
        if kind in here:
            return kind
        index = by_first(r.modality_phrases[kind], stemmed=False)
        for rest in index.get(w, ()) + (index.get(st, ()) if st != w else ()):
            if tuple(s.words[j + 1 : j + 1 + len(rest)]) == rest:
                return kind
    return None


_LOCAL = ("negated", "conditional", "question", "intention", "opinion", "background", "since", "topic", "legal",
          "kinds_of", "since_noun")
_GOVERNING = ("negating_verbs", "intention", "opinion", "background", "since", "future_near")
_WHY = {"future_near": "plan", "negating_verbs": "negated", "kinds_of": "generic", "since_noun": "since"}


def modality(r: Rules, s: Sentence, f: Found) -> str | None:
    """Why the trigger tells no happening, or None."""
    m = r.modality
    words, stems = s.words, s.stems
    if "?" in words or (words and words[0] in m["question"]):
        return "question"
    if s.about_sport:
        return "figurative"  # "يستأنف النصر تدريباته ... مواجهاته"، "بعد مفاوضات طويلة مع النادي": a game's
    if f.cls in r.mishap_classes and s.about_mishap(f.c0, f.c1):
        return "mishap"  # "لقي شخصان مصرعهما إثر اختناقهما"، "سيطرت فرق الدفاع المدني على حريق"
    w0 = words[f.first]
    # ("تعرضت لقصف"، "تعرضت أمس لقصف": a day may stand between)
    suffered = any(w.lstrip("وف") in r.subjected for w in words[max(0, f.first - 3) : f.first])
    if not f.trigger.verb and w0 != stems[f.first] and w0.lstrip("وف")[:1] == "ل" and not suffered:
        return "intention"  # "لمواجهة"، "لتحرير": a purpose, not a deed ("تعرضت لهجوم" is one)
    # in the clause, then the words that govern it
    for lo, hi, kinds in ((max(f.c0, f.first - r.window), f.first, _LOCAL),
                          (max(0, f.c0 - r.reach), f.c0, _GOVERNING)):
        for j in range(hi - 1, lo - 1, -1):
            if words[j] in r.reporting or stems[j] in r.reporting:
                return _rest(r, s, f)  # "قال إن ...": its content stands, as its own form says
            if kinds is _GOVERNING and words[j] in m["main_clause"]:  # (even when the clause begins at
                # the trigger: "، فيما أعدم")
                break  # "..., فيما قصفت": a new main clause; what came before does not govern it
            if words[j] == "لقد" or "قد" in _forms(words[j]):  # and "وقد"، "فقد"
                if j + 1 < len(words) and _present(words[j + 1]):
                    return "intention"  # "قد يشن" may launch; "قد شن" has launched
                if any(words[k] in _SUBJUNCTIVE_BE and k and words[k - 1] in ("ان", "بان")
                       for k in range(max(1, j - 6), j)):
                    return "opinion"  # "نفى أن تكون المقاتلات قد قصفت"، "رجح أن يكون قد قتل": not told as done
                continue
            kind = _kind_at(r, s, j, kinds)
            if kind == "negated" and j + 1 < len(words) and words[j + 1] in m["not_negation_after"]:
                continue  # "لا يزال القتال"
            if kind == "negated" and j == f.first - 1 and not f.trigger.verb and words[j] in m["failed_deed"]:
                continue  # "بفشل هجوم": an attack that failed
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
    if not f.trigger.verb and _campaign(r, s, f):
        return "habitual"  # "العمليات العسكرية التي تنفذها تركيا": a campaign going on, no one happening
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


def _campaign(r: Rules, s: Sentence, f: Found) -> bool:
    """A definite trigger noun and a relative with a present verb after it ("الغارات التي يشنها
    التحالف"، "العمليات العسكرية التي تنفذها تركيا") or an adjective of going on ("العمليات العسكرية
    الجارية"), in a clause that names no day after it and a sentence with no toll: what is being done
    over time, not one happening."""
    words = s.words
    if not words[f.last].lstrip("وبل").startswith("ال") or any(k in s.dated for k in range(f.last + 1, f.c1)):
        return False
    k, going_on = f.last + 1, False
    while k < min(f.c1, f.last + 4) and (words[k].startswith("ال") or words[k] == "شبه") \
            and words[k] not in r.modality["relatives"]:
        if words[k] in r.continuing:
            going_on = True  # "العمليات العسكرية الجارية": going on
            break
        k += 1  # its adjectives ("العسكرية الجوية")
    if not going_on and not (k + 1 < f.c1 and words[k] in r.modality["relatives"] and _present(words[k + 1])):
        return False
    # "سقوط سبعة عناصر في المعارك التي يخوضها الحزب": the deaths are a happening
    c = r.casualties
    dead = c["killing_verbs"] | c["killed_nouns"] | {"مقتل", "مصرع", "استشهاد"}
    return not (toll(words) or any(x in dead for w in words for x in _forms(w)))


def _present(word: str) -> bool:
    w = word[1:] if word[:1] in "وف" else word
    if len(w) == 5 and w[0] == "ت" and w[3] == "ي":
        return False  # a verbal noun of the pattern تفعيل ("أن تنظيم الدولة قتل"، "تفجير"، "تحرير"), no verb
    return len(w) > 3 and w[0] in "يت" and not w.endswith("ت")  # ("تعرضت" is past)


_LIGHT = {"يشن", "تشن", "ينفذ", "تنفذ", "يعقد", "تعقد", "يبدا", "تبدا", "يتم", "تتم", "يجري", "تجري", "يقيم", "تقيم",
          "يطلق", "تطلق", "يكون", "تكون", "يشهد", "تشهد", "يواصل", "تواصل", "يوقع", "توقع"}


def _future_verb(r: Rules, word: str) -> bool:
    """"سيشن"، "ستقيم": the future prefix س on a present verb (not the س of "سيطر" or "سيارة")."""
    w = word[1:] if word[:1] in "وف" else word
    if w[:1] != "س" or w[1:2] not in ("ي", "ت", "ن") or len(w) < 4:
        return False
    rest = w[1:]
    return rest in _LIGHT or any(t.verb for t in r.triggers.get(stem(rest), ()))


def future(r: Rules, s: Sentence, f: Found) -> bool:
    """A happening told in the future: "ستقيم", "سوف يعقد", "من المقرر أن"."""
    if _future_verb(r, s.words[f.first]):
        return True
    return any(s.words[j] in r.future or s.stems[j] in r.future or _future_verb(r, s.words[j])
               for j in range(max(f.c0, f.first - 4), f.first))
