"""What a happening cost: the killed and injured the text states, with the words they came from.

Read from the words of a clause (event_rules.yaml, "casualties"): a number before a killed noun
("28 قتيلاً"), after a killing word ("مقتل 5"، "أودى بحياة 3"), before a person noun and a verb
("24 شخصاً قتلوا"), inside a frame ("لقي 28 شخصاً مصرعهم"), one person in the singular after a
killing word ("فقتلوا رضيعاً"), a definite number after the dead ("القتلى الثلاثة"); "مقتل وإصابة 20" is a combined
figure, neither killed nor injured; "ارتفعت الحصيلة إلى 30" is a revision that replaces; figures
of the two sides of one happening add up ("قُتل 30 من قوات النظام و21 من داعش": 51). "نحو مئة" is
100; "العشرات" stays unknown, which is not zero.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress

from .rules import STEM_PREFIXES as _PREFIXES
from .rules import rules, stem

NUMBER_WORDS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4,
    "خمسه": 5, "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8, "ثمان": 8, "تسعه": 9,
    "تسع": 9, "عشره": 10, "عشر": 10, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40,
    "اربعون": 40, "خمسين": 50, "خمسون": 50, "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70, "ثمانين": 80,
    "ثمانون": 80, "تسعين": 90, "تسعون": 90, "مئه": 100, "مائه": 100, "مئتين": 200, "مائتين": 200, "مئتي": 200,
    "الف": 1000, "الفين": 2000,
}
# a dual noun counts two by itself: "مقتل جنديين"
# (only nouns whose plural is broken: "مقاتلين" is a plural, "جنديين" only a dual)
DUALS = {w: 2 for w in (
    "جنديين", "جنديان", "شخصين", "شخصان", "طفلين", "طفلان", "طفلتين", "طفلتان", "قتيلين", "قتيلان", "جريحين",
    "جريحان", "عنصرين", "عنصران", "ضابطين", "ضابطان", "امراتين", "امراتان", "رجلين", "رجلان", "فتاتين", "فتاتان",
    "سيدتين", "سيدتان", "شابين", "شابان", "شقيقين", "شقيقان", "شرطيان", "شرطيين", "مدنيان", "مقاتلان", "مسلحان")}
DUALS |= {"ال" + w: 2 for w in DUALS}  # "مقتل الشرطيين"، "الجنديين": the two


SINGULAR = {"جندي", "شخص", "مدني", "طفل", "طفله", "عنصر", "شرطي", "ضابط", "مواطن", "امراه", "مقاتل", "مسلح",
            "صحفي", "عسكري", "قيادي", "قائد", "امير", "زعيم", "مسؤول", "رجل", "شاب", "فتاه", "سيده", "ناشط",
            "رضيع", "رضيعه", "صبي"}
TEENS = {"عشر", "عشره"}  # "أحد عشر"، "ثلاثة عشر": 11 ... 19
ONE_TWO = {"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2}


@dataclass
class Toll:
    killed: int | None = None
    injured: int | None = None
    combined: int | None = None
    revised: bool = False  # a revision ("ارتفعت الحصيلة إلى ..."): replaces an earlier figure
    said: list[tuple[int, int]] = field(default_factory=list)  # the words each figure was read from: [i, j)

    def __bool__(self) -> bool:
        return any(x is not None for x in (self.killed, self.injured, self.combined))


def number(words: list[str], k: int) -> tuple[int | None, int]:
    """The number written at word k (digits, or words such as "ثلاثة وعشرين"), and how many words it took."""
    w = words[k]
    if w.replace(",", "").isdigit():
        return int(w.replace(",", "")), 1
    base = w[1:] if w[:1] == "و" and (w[1:] in NUMBER_WORDS or w[1:] in ONE_TWO) else w
    teen = k + 1 < len(words) and words[k + 1] in TEENS
    if teen and (base in ONE_TWO or NUMBER_WORDS.get(base, 10) < 10):
        return 10 + ONE_TWO.get(base, NUMBER_WORDS.get(base, 0)), 2  # "أحد عشر"، "ثلاثة عشر"
    if base not in NUMBER_WORDS:
        return None, 0
    total, used = NUMBER_WORDS[base], 1
    while k + used < len(words) and words[k + used][:1] == "و" and words[k + used][1:] in NUMBER_WORDS:
        total += NUMBER_WORDS[words[k + used][1:]]  # "خمسة وعشرين"
        used += 1
    return total, used


def toll(words: list[str], a: int = 0, b: int | None = None) -> Toll:
    """The figures stated in words[a:b] (normalized words of a clause or sentence)."""
    r = rules()
    c = r.casualties
    b = len(words) if b is None else b
    stems = _Stems(words)
    out = Toll()
    killed: list[tuple[int, bool]] = []  # (figure, joined to the one before by "و": the other side's)
    injured: list[tuple[int, bool]] = []
    text = " ".join(words[a:b])
    if any(p in text for p in r.revised):
        out.revised = True
    combined = any(p in text for p in r.combined)
    k, last_kind = a, None
    waiting: tuple[int, tuple[int, int], int] | None = None  # a figure of people with no kind yet
    # the words a figure may stand at (most words: none can), found at C speed; the others are passed
    span = words[a:b]
    at = sorted({*compress(range(a, b), map(_figure_words().__contains__, span)),
                 *compress(range(a, b), map(operator.not_, map(str.isalpha, span)))})
    i = 0
    while True:
        while i < len(at) and at[i] < k:
            i += 1
        if i == len(at):
            break
        k = at[i]
        n, used = number(words, k)
        dual = DUALS.get(words[k]) if n is None else None
        if n is None and dual is None and k > a and _singular(stems[k]) and (
                stems[k - 1] in c["killed_before"] or stems[k - 1] in c["injured_before"]
                or stems[k - 1] in c["killing_verbs"]):
            dual = 1  # "وقتل جندي عراقي"، "فقتلوا رضيعاً": one
        if n is None and dual is None and k > a and words[k].startswith("ال") and words[k][2:] in NUMBER_WORDS \
                and (definite := _definite_count(stems, k, a, b, c)):
            # "القتلى الثلاثة"، "بشهدائها الثلاثة"، "شهداء الإمارات الثلاثة"، "الجنود الثلاثة الذين قتلوا"
            n, used = NUMBER_WORDS[words[k][2:]], 1
            (killed if definite == "killed" else injured).append((n, False))
            out.said.append((k - 1, k + 1))
            last_kind = definite
            k += used
            continue
        if n is None and dual is None:
            k += 1
            continue
        if dual is not None:
            n, used = dual, 1
        nxt = [stems[j] for j in range(k + used, min(b, k + used + 4))]
        lead = _lead(words, k, a, r.approximately)  # "إصابة أكثر من 58": the word before "أكثر من"
        while lead - 1 > a and words[lead - 1] in _QUOTES:
            lead -= 1  # "استشهاد» 12": a quoted word still stands before its figure
        if lead - 1 > a and words[lead - 1] == "ال":
            lead -= 1  # "القتلى ال27"
        before = stems[lead - 1] if lead > a else ""
        before2 = stems[lead - 2] if lead - 1 > a else ""
        span = (max(a, k - 2), min(b, k + used + 2))  # the words around the figure
        kind = None
        if combined and (before in c["killed_before"] or before2 in c["killed_before"] or
                         (nxt and (nxt[0] in c["killed_nouns"] or nxt[0] in c["injured_nouns"]))):
            kind = "combined"
        elif nxt and (nxt[0] in c["killed_nouns"] or nxt[0] in c["person"] and nxt[1:2] and nxt[1] in c["killed_nouns"]
                      ) or before in c["killed_before"] or before in c["killed_nouns"] or (
                before in ("الي", "الى") and before2 in c["killed_before"]):
            kind = "killed"
        elif nxt and nxt[0] in c["injured_nouns"] or before in c["injured_before"]:
            kind = "injured"
        elif dual == 1 and before in c["killing_verbs"]:
            kind = "killed"  # "فقتلوا رضيعاً"
        elif any(stems[j] == x for x, _ in r.killed_frame for j in range(max(a, k - 3), k)) and any(
                stems[j] == y or words[j] == y for _, y in r.killed_frame for j in range(k, min(b, k + 5))):
            kind = "killed"  # "لقي 7 أشخاص ليبيين مصرعهم، وأصيب 19": the frame before the next verb
        elif (dual or nxt and (nxt[0] in c["person"] or nxt[0] == "من")) and (after := _verb_after(
                stems, k + used, b, c)):
            kind = after  # "24 شخصاً قتلوا"، "شخصين قتلا"، "8 من المسلحين الحوثيين قتلوا"
        elif (nxt and nxt[0] in c["person"] or dual) and before not in c["other_deeds"] and _harm_before(
                stems, lead, a, c, c["killing_verbs"], KILLER_REACH) == "killed":
            kind = "killed"  # "قتلت قوات الأمن 23 عنصراً"، "وقتل مسلحون أمس الشرطيين"
        elif out.revised and before in ("الي", "الى"):
            kind = "killed"
        elif before in c["person"] and (before2 in c["killed_before"]):
            kind = "killed"  # "مقتل جندي و5 مدنيين"? the figure follows its noun
        elif last_kind and (words[k][:1] == "و" or before == "و") and nxt and (nxt[0] in c["person"]):
            kind = last_kind  # "قتل 30 من قوات النظام و21 من داعش": the other side, told the same way
        elif not last_kind and (words[k][:1] == "و" or before in ("و", "مع")) and _companions(nxt, c) and (
                harm := _harm_before(stems, lead, a, c, c["killed_before"] | c["killing_verbs"] | _KILLING_BY,
                                     NAMED_REACH)):
            kind, n = harm, n + 1  # "مقتل القيادي وثلاثة من مرافقيه": the one named and his companions
        # "قتل 20 بينهم 5 أطفال": a part of a figure told before it, not more dead
        subset = any(words[j] in ("بينهم", "منهم", "بينها") for j in range(max(a, k - 3), k)) and bool(
            killed if kind == "killed" else injured if kind == "injured" else False)
        joined = words[k][:1] == "و" or (k > a and words[k - 1] == "و")
        if kind in ("killed", "injured") and joined and waiting is not None and k - waiting[2] <= 10:
            # "تسع نساء من التجار وخمسة رجال ... قتلوا": the figure before, joined to this one, is the same kind
            (killed if kind == "killed" else injured).append((waiting[0], False))
            out.said.append(waiting[1])
        waiting = (n, span, k) if kind is None and nxt and nxt[0] in c["person"] else None
        if kind == "killed" and not subset:
            killed.append((n, joined))
        elif kind == "injured" and not subset:
            injured.append((n, joined))
        elif kind == "combined":
            out.combined = max(out.combined or 0, n)
        if kind:
            out.said.append(span)
            last_kind = kind
        k += used
    out.killed, out.injured = _total(killed, out.revised), _total(injured, out.revised)
    if not out:
        _none_stated(words, a, b, r, out)
    return out


@lru_cache(maxsize=1)
def _figure_words() -> frozenset[str]:
    """Every word of letters `toll` reads a figure at: a number word (with «و»: "وعشرين"), the first
    of a teen ("أحد"), a dual, a definite number ("الثلاثة"), or a word whose stem is a singular person
    ("وجندي"، "رضيعاً"; every prefix stem() takes off, checked by `_singular` itself)."""
    words = set(NUMBER_WORDS) | set(ONE_TWO) | {"و" + w for w in (*NUMBER_WORDS, *ONE_TWO)} | set(DUALS)
    words |= {"ال" + w for w in NUMBER_WORDS}
    words |= {w for x in SINGULAR for p in _PREFIXES for c in ("", "و", "ف") for a in ("", "ا")
              if _singular(_toll_stem.__wrapped__(w := c + p + x + a))}
    return frozenset(words)


_KILLING_BY = frozenset({"بقتل", "قتلها"})  # "بقتلها هذا القيادي مع 12 آخرين"
_RELATIVES = {"الذين", "اللذين", "الذي", "اللواتي", "اللاتي"}
_QUOTES = {"«", "»", '"', "(", ")", "“", "”"}


def _companions(nxt: list[str], c: dict) -> bool:
    """"ثلاثة من مرافقيه"، "12 آخرين": people counted besides someone named before them."""
    return bool(nxt) and (nxt[0] in c["others"] or nxt[0] == "من" and nxt[1:2] != [] and nxt[1] in c["companions"]
                          or nxt[0] in c["person"] and nxt[1:2] != [] and nxt[1] in c["others"])


KILLER_REACH = 16  # words between a killing verb and its object's figure ("أعدمت لجنة ... أمس رمياً بالرصاص، 41 طفلاً")
NAMED_REACH = 11  # words between a killing word and someone named before companions ("مقتل ما يسمى والي ...")


def _harm_before(stems: _Stems, lead: int, a: int, c: dict, killing: frozenset[str], reach: int) -> str | None:
    """killed / injured: the nearest killing word (of `killing`) or wounding word within `reach` words
    before the figure at `lead`, no other figure between ("قتلت القوات 5 مسلحين واعتقلت 10": the 10
    are not the dead)."""
    for j in range(lead - 1, max(a, lead - reach) - 1, -1):
        if stems[j][:1].isdigit() or _toll_stem(stems.words[j]) in NUMBER_WORDS:
            return None
        if stems[j] in killing:
            return "killed"
        if stems[j] in c["injured_before"]:
            return "injured"
    return None


def _singular(stem_: str) -> bool:
    """A person noun in the singular, in any case ("جندي"، "رضيعاً")."""
    return stem_ in SINGULAR or stem_[-1:] == "ا" and stem_[:-1] in SINGULAR


def _definite_count(stems: _Stems, k: int, a: int, b: int, c: dict) -> str | None:
    """killed / injured for a definite number after its noun (word k: "الثلاثة"): the noun, right
    before it or before a name it is of ("شهداء الإمارات الثلاثة"), is the dead ("القتلى"), or people
    a killing or wounding verb tells of ("الجنود الثلاثة الذين قتلوا"، "قتل مسلحون الحراس الثلاثة")."""
    for head in (k - 1, k - 2):
        if head < a:
            return None
        noun = _owned(stems[head])
        if noun in c["killed_nouns"]:
            return "killed"
        if noun in c["person"]:
            return _verb_after(stems, k + 1, b, c) or _harm_before(stems, head, a, c, c["killing_verbs"], KILLER_REACH)
    return None


def _owned(stem_: str) -> str:
    """A noun without a pronoun suffix ("شهدائها" -> "شهداء")."""
    for suffix in ("هم", "ها", "ه"):
        if stem_.endswith(suffix) and len(stem_) - len(suffix) >= 3:
            base = stem_[: -len(suffix)]
            return base[:-1] + "ء" if base.endswith("ئ") else base
    return stem_


def _none_stated(words: list[str], a: int, b: int, r, out: Toll) -> None:
    """Zero killed (and injured) when the text says none were ("ولم تسفر عن سقوط قتلى"): the harm
    word within five words after a negation, no figure between."""
    negators = r.casualties["none_negators"]
    for k in range(a, b):
        if words[k] not in negators:
            continue
        reach = 2 if words[k] in ("لا", "ولا") else 6  # "لا إصابات", but "لا يعرف عدد القتلى" is no zero
        for j in range(k + 1, min(b, k + reach)):
            if words[j][:1].isdigit() or words[j] in ("عدد", "حصيله", "حجم"):
                break  # "لم يعرف عدد القتلى": unknown, not zero
            for kind, phrases in r.no_harm.items():
                if any(tuple(words[j : j + len(p)]) == p for p in phrases) and getattr(out, kind) is None:
                    setattr(out, kind, 0)
                    out.said.append((k, j + 1))
        if out:
            return


def _lead(words: list[str], k: int, a: int, approximately: tuple[tuple[str, ...], ...]) -> int:
    """Where the phrase before a figure starts once an approximation ("أكثر من"، "نحو") is set aside."""
    for p in approximately:
        if k - len(p) >= a and tuple(w[1:] if i == 0 and w[:1] == "و" and w[1:] == p[0] else w
                                      for i, w in enumerate(words[k - len(p) : k])) == p:
            return k - len(p)
    return k


class _Stems:
    """The words' stems, with a clitic و/ف off even short words ("وقتل" -> "قتل"), made as they are
    read (a toll reads a clause of a long sentence)."""

    def __init__(self, words: list[str]) -> None:
        self.words = words

    def __getitem__(self, k: int) -> str:
        return _toll_stem(self.words[k])


@lru_cache(maxsize=1 << 15)
def _toll_stem(x: str) -> str:
    return stem(x[1:] if x[:1] in "وف" and len(x) > 3 and x[1:] not in NUMBER_WORDS else x)


def _verb_after(stems: _Stems, k: int, b: int, c: dict) -> str | None:
    """killed / injured when a killing or wounding verb follows the figure's noun within a few words
    (before any other figure)."""
    # "ستة مقاتلين الذين تلقوا تدريبات على يد الجيش قتلوا": a relative clause between them
    reach = 14 if any(stems.words[j] in _RELATIVES for j in range(k, min(b, k + 7))) else 6
    for j in range(k, min(b, k + reach)):
        if stems[j] in c["killed_after_person"]:
            return "killed"
        if stems[j] in c["injured_after_person"]:
            return "injured"
        if stems[j][:1].isdigit():
            return None
    return None


def _total(figures: list[tuple[int, bool]], revised: bool) -> int | None:
    """The figures of one happening: the largest, plus those joined to it by "و" (the other side:
    "30 من قوات النظام و21 من داعش" is 51); a revision is its own last figure."""
    if not figures:
        return None
    if revised:
        return figures[-1][0]
    main = max(n for n, joined in figures if not joined) if any(not j for _, j in figures) else 0
    return max(main + sum(n for n, joined in figures if joined), max(n for n, _ in figures))
