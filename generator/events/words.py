"""The words the event stage reads: the tokens of a normalized text, and those that can begin a trigger.

Where an article's words that can begin a trigger stand is found once (`Tokens`), so whether a
sentence can tell a happening at all is a bisect, not a pass over its words (sentences end between
words); `says_we` finds words in the first person plural (an opinion column's).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress

from ..normalize import Normalized, norm
from .rules import STEM_PREFIXES, Rules, Trigger, rules, stem

TOKEN = re.compile(r"[\u0621-\u064a]+|[0-9]+(?:[.,][0-9]+)?|[?]")
# a letter a scan word may hold that no token does (normalize() leaves no mark or Arabic-Indic digit)
_OTHER_LETTER = re.compile("[\u0671-\u06d3]")
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")


def split_words(text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens of a normalized text, where each starts and where each ends. One re.split gives
    [gap, word, gap, ..., word, gap]; running sums of the lengths give the offsets at C speed (no
    match object a word)."""
    parts = _TOKEN_SPLIT.split(text)
    sums = list(accumulate(map(len, parts)))
    return parts[1::2], sums[0:-1:2], sums[1::2]


class Tokens:
    """Where the words that can begin a trigger stand in an article's normalized body: found among
    the words of its scan (Normalized.scan, which the date and entity taggers made already, so the
    words are hashed already too). A word of the scan that holds only the tokens' letters is a token;
    one that holds other letters too ("گ") holds several, each asked."""

    def __init__(self, body: Normalized) -> None:
        _spaces, words, ends = body.scan
        self.starts, self.ends = ends[0::2], ends[1::2]  # of scan word i in the normalized text
        hits = set(compress(range(len(words)), map(trigger_words().__contains__, words)))
        for m in _OTHER_LETTER.finditer(body.text):  # (seldom: most texts have none)
            i = bisect_right(self.starts, m.start()) - 1
            if not trigger_words().isdisjoint(TOKEN.findall(words[i])):
                hits.add(i)
        self.triggers = sorted(hits)

    def span(self, n0: int, n1: int) -> tuple[int, int] | None:
        """The scan words [i, j) of the normalized text [n0, n1), or None when a word runs across one
        of its ends (then the piece is not a run of whole words: its tokens are asked on their own)."""
        i, j = bisect_left(self.starts, n0), bisect_left(self.starts, n1)
        if i and self.ends[i - 1] > n0 or j > i and self.ends[j - 1] > n1:
            return None
        return i, j

    def may_tell(self, i: int, j: int) -> bool:
        """Whether one of scan words [i, j) can begin a trigger."""
        k = bisect_left(self.triggers, i)
        return k < len(self.triggers) and self.triggers[k] < j


def may_tell(text: str) -> bool:
    """Whether a normalized sentence has a word that can begin a trigger (its stem, or its stem
    without a clitic و/ف): a sentence without one tells no happening."""
    return not trigger_words().isdisjoint(TOKEN.findall(text))


def may_happen(words: list[str], stems: list[str]) -> bool:
    """Whether a trigger begins at one of a sentence's tokens (`stems`: theirs), as find_happenings
    reads them before it asks the sentence's names, dates and clauses. False: the sentence tells no
    happening (find_happenings would find none in it)."""
    r = rules()
    for k in compress(range(len(words)), map(trigger_words().__contains__, words)):
        if words[k] not in r.never and stems[k] not in r.never and trigger_at(r, words, stems, k) is not None:
            return True
    return False


def trigger_at(r: Rules, words: list[str], stems: list[str], k: int) -> Trigger | None:
    """The trigger that begins at token k: the first listed of its heads' whose rest the stems after it
    are; None when there is none or it cannot stand so written."""
    w = words[k]
    # a short word with a clitic ("ونهب"، "لقصف") keeps its clitic in the stem: try it without (after
    # a preposition, a noun: "تعرضت لقصف"، "قتل 5 بقصف"; "بفجر" is at dawn)
    short = len(w) == 4 and w[:1] in "وفبل"
    heads = (stems[k], stem(w[1:])) if short else (stems[k],)
    if (base := accusative_base(stems[k])) is not None:  # "شن هجوماً"، "عقد اجتماعاً"
        heads = (*heads, base)
    for n, head in enumerate(heads):
        for t in r.triggers.get(head, ()):
            if tuple(stems[k + 1 : k + 1 + len(t.words)]) == t.words and not (n == 1 and short and w[0] in "بل"
                                                                               and t.verb):
                if (t.verb or t.owned) and w.lstrip("وف").startswith(("ال", "بال", "لل")) and \
                        not norm(t.text).startswith("ال"):  # ("التقى" is a verb whose root begins with ل)
                    return None  # (a verb never takes the article: "القاتل" is the killer, not "قاتل",
                    # fought; nor does a noun with a pronoun: "الذبحة" is angina, not "ذبحه", its slaughter)
                return t
    return None


@lru_cache(maxsize=1)
def toll_words() -> frozenset[str]:
    """Every word Sentence.has(toll_references) holds for ("الحادث"، "وبالهجوم"، "هجوماً"): a prefix
    stem() takes off, a reference and maybe the accusative «ا», each checked as `has` checks it."""
    refs = rules().toll_references
    candidates = {p + x + a for x in refs for p in STEM_PREFIXES for a in ("", "ا")}
    return frozenset(w for w in candidates if w in refs or (st := stem.__wrapped__(w)) in refs
                     or st.endswith("ا") and st[:-1] in refs)


def accusative_base(st: str) -> str | None:
    """A noun's stem without its accusative alef ("هجوما" -> "هجوم": "شن هجوماً"، "أصدر مرسوماً"), or
    None when the stem is too short to carry one."""
    return st[:-1] if len(st) >= 5 and st.endswith("ا") else None


@lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Every word `_may_trigger` holds for, spelled out once, so that a sentence's words are one set
    test each (C speed) instead of two stems. stem() takes off one of a few prefixes, so such a word
    is a prefix, a head and maybe the accusative «ا», or a clitic و/ف/ب/ل before a prefix and a head;
    each of these is checked by `_may_trigger` (a clitic before a word whose stem is a head holds by
    its second test), so the set holds exactly the words it holds for."""
    heads = rules().triggers
    plain = {p + h for h in heads for p in STEM_PREFIXES}
    stemmed = {w for w in plain if stem.__wrapped__(w) in heads}
    out = {c + w for w in stemmed for c in "وفبل"} | stemmed
    rest = {c + w for w in plain - stemmed for c in ("", *"وفبل")} | {w + "ا" for w in plain}
    return frozenset(out | {w for w in rest - out if _may_trigger(w)})


def _may_trigger(word: str) -> bool:
    """Whether a word can begin a trigger: its stem, or its stem without a clitic, or its stem
    without an accusative «ا», is a trigger's first word (stem uncached: building the set of
    trigger_words must not fill the cache the sentences use)."""
    heads, st = rules().triggers, stem.__wrapped__(word)
    return st in heads or (word[:1] in "وفبل" and stem.__wrapped__(word[1:]) in heads) or (
        accusative_base(st) in heads)


# the end of a first person plural word ("نحن"، "أصبحنا"), whose start says_we then checks (a regex
# that looks back to each word's start at every offset costs ten times more)
_WE_END = re.compile(r"(?:نحن|نا)(?!\S)")
_SPACE = re.compile(r"\s")


def says_we(text: str, enough: int) -> bool:
    """Whether `text` holds `enough` words (white space apart) that are "نحن", or three letters or more
    and «نا»."""
    found = 0
    for m in _WE_END.finditer(text):
        at = m.start()
        if m.group() == "نحن":
            whole = at == 0 or text[at - 1].isspace()  # the word itself, no more
        else:
            whole = at >= 3 and not _SPACE.search(text, at - 3, at)  # three letters or more before «نا»
        if whole:
            found += 1
            if found >= enough:
                return True
    return False
