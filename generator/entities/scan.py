"""The scan of find_entities: the names that start at the words Matcher.scan_starts picked, longest
first, each an Occurrence (words first..last, the entries it may name) for the tagger to decide on."""

from __future__ import annotations

from itertools import chain, repeat

from .context import Occurrence
from .matcher import Matcher


def scan(m: Matcher, spaces: list[str], words: list[str], ends: list[int], hits: list[int],
         after_trigger: set[int]) -> list[Occurrence]:
    """The longest spelling at each word of `hits` (Matcher.scan_starts), clitics split off; a name
    never runs across lines. Right after a place word (the words `after_trigger`), the names that are
    only places there are looked for too. Offsets of the occurrences: into the normalized text."""
    out: list[Occurrence] = []
    taken_until = -1
    extra = [i for i in after_trigger if words[i] in m.after_trigger_table and "\n" not in spaces[i]]
    n = len(words)
    table, phrases = m.table, m.phrases
    for i in sorted(set(hits).union(extra)) if extra else hits:
        if i <= taken_until:
            continue
        word = words[i]
        nxt = words[i + 1] if i + 1 < n and "\n" not in spaces[i + 1] else None
        if i in after_trigger and word in m.after_trigger_table:
            options = sorted(_options(table, phrases, word, nxt) + _options(m.after_trigger_table, m.after_trigger,
                                                                             word, nxt), key=lambda co: -len(co[1][0]))
        elif word in table:  # (the common case, without a list of (cut, phrase) made for it)
            cut, head = table[word]
            by_second = phrases[head]
            longer = by_second.get(nxt, ()) if nxt else ()
            options = zip(repeat(cut), chain(longer, by_second.get("", ())) if longer else by_second.get("", ()))
        else:
            continue
        for cut, (words_of, tail, refs) in options:
            k = len(words_of)
            if k > 1 and (words[i + 1 : i + k] != tail or any("\n" in spaces[i + j] for j in range(2, k))):
                continue
            out.append(Occurrence(i, i + k - 1, ends[2 * i] + cut, ends[2 * (i + k - 1) + 1], refs, cut))
            # a longer name that only needs support ("وسط بيروت", a neighbourhood) leaves the names
            # inside it to be read too ("بيروت"): when it is not supported they stand
            weak = k > 1 and all(r.kind == "place" and (r.minor or r.common) for r in refs)
            taken_until = i if weak else i + k - 1
            break
    return out


def _options(table, index, word: str, nxt: str | None) -> list:
    """(clitic length, phrase) that may start at `word`, longest first."""
    if word not in table:
        return []
    cut, head = table[word]
    by_second = index[head]
    return [(cut, o) for o in (*(by_second.get(nxt, ()) if nxt else ()), *by_second.get("", ()))]
