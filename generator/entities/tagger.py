"""find_entities: the scan, then the decisions the scan alone cannot make."""

from __future__ import annotations

import datetime as dt
import re

from ..gazetteer import Gazetteer
from ..normalize import Normalized, normalize
from .anaphora import resolve_anaphora
from .context import Context, Occurrence, Words, main_country
from .loyal import loyal_forces
from .matcher import Matcher, matcher
from .model import Candidate, Mention, Ref
from .nisba import actor_of_nisba, state_forces, territory_of_nisba
from .scan import scan

_LETTERS = re.compile(r"^[\u0621-\u064a]+$")


def find_entities(text: str, gazetteer: Gazetteer | None = None, normalized: Normalized | None = None,
                  published: dt.date | None = None) -> tuple[list[Mention], list[Candidate]]:
    """Every place and actor mention of `text` (offsets into it), and the candidate places.
    `published` (the article's day) picks the name an actor had then ("جبهة النصرة" in 2018 is HTS)."""
    m = matcher(gazetteer)
    gaz = m.gazetteer
    nt = normalized or normalize(text)
    spaces, words, ends = nt.scan
    w = Words(m, spaces, words)
    n = len(words)
    hits, seen = m.scan_starts(words)  # where a name may start; the watched words
    # a common word that only generated places bear is looked for right after a place word ("مدينة
    # الحزم") and right before a direction ("حديثة غربي الأنبار"), where the text may name its family
    special = {k + 1 for k, x in seen if x in m.triggers and k + 1 < n} | {
        k - 1 for k, x in seen if x in m.directions and k > 0}
    occurrences = scan(m, spaces, words, ends, hits, special)
    ctx = Context(gaz, w)
    mentions: list[Mention] = []
    speakers = _speakers(m, words, occurrences)

    def emit(occ: Occurrence, ref: Ref, how: str, role: str | None = None) -> None:
        a, b = nt.span(occ.start, occ.end)
        if ref.kind == "actor" and published:
            ref, how = _as_of(gaz, ref, how, published)
        e = gaz.places[ref.id] if ref.kind == "place" else gaz.actors[ref.id]
        clitic = words[occ.first][: occ.cut]
        mentions.append(Mention(text[a:b], a, b, ref.kind, ref.id, e.name, e.name_en,
                                how + (f"; clitic «{clitic}»" if occ.cut else ""), False, role))

    # 1. actors, and the places of each name: plain ones (neither common words nor minor) are
    # taken at once and vouch for the others; the rest wait for support
    waiting: list[tuple[Occurrence, list[Ref], str | None, str | None]] = []  # (occ, places, trigger, role)
    unsure: list[tuple[Occurrence, list[Ref]]] = []  # ambiguous actor spellings, decided below
    constructs: set[int] = set()  # place words read as a name and let go
    tanween = "\u064b" in text
    for occ in occurrences:
        places, actors = m.by_kind[id(occ.refs)]
        adjective = words[occ.first][occ.cut:] in m.adjective_names and w.adjective(occ.first, occ.cut)
        if adjective and actor_of_nisba(m, nt, text, words, ends, occ.first, mentions, set()):
            continue  # "الحكومة السعودية": the Saudi government, neither the place nor the state alone
        if tanween and (places or actors) and occ.first == occ.last \
                and text[nt.span(occ.start, occ.end)[1] - 1] == "\u064b":
            continue  # "سائقاً تركياً": a name never takes tanween; the word is the nisba adjective
        if (places or actors) and (adjective or w.part_of_a_name(occ.first, occ.last, occ.cut)):
            places = []  # "منتخب تونس"، "بنك الإمارات دبي الوطني": neither the place nor the state
            actors = [r for r in actors if gaz.actors[r.id].kind != "state"]
        if places and occ.cut and words[occ.first] in m.clitic_idioms:
            places = []  # "بحجة التعاون": on the pretext of, not in Hajjah
        if places and occ.first == occ.last and words[occ.first] in m.triggers and occ.first + 1 < n \
                and _LETTERS.match(words[occ.first + 1]) and words[occ.first + 1] not in m.not_a_name:
            places = []  # "معسكر لبوزة": a place word before a name, not the town of Mascara
            constructs.add(occ.first)
        role = w.role(occ.first, occ.cut) if places else None
        if places and m.bare(words[occ.first]) == "ريف":
            role = "near"  # "في ريف حماة": the countryside around Hama
        if places and actors and role in ("at", "near", "toward", "from"):
            actors = []  # "في روسيا": the place, not the state
        for r in actors:
            if not r.common:
                emit(occ, r, r.how)
        if any(r.common for r in actors):
            unsure.append((occ, [r for r in actors if r.common]))
        trigger = _trigger_before(m, words, occ)
        countries = [r for r in places if gaz.places[r.id].kind == "country" and not r.common]
        if places and speakers and role is None and not trigger and _key(words, occ) in speakers:
            places = []  # "وقال ليون": the envoy León, and "برناردينو ليون" too
        if countries and not trigger:
            places = countries  # "اليمن" is the country, though a village bears its name ("قرية اليمن" is not)
        if places:
            waiting.append((occ, places, trigger, role))
            plain = [r for r in places if not (r.common or r.minor)]
            if plain:  # the best known plain place of a name vouches for its family, until context decides
                ctx.add(min(plain, key=lambda r: (gaz.places[r.id].rank, -(gaz.places[r.id].population or 0),
                                                  r.id)).id, occ.first)

    # 2. support, twice (a village can vouch for its neighbour), then one choice among the places
    # of one name
    decided: list[list[tuple[Ref, str]]] = [[] for _ in waiting]
    pending = list(range(len(waiting)))
    goes_on_at: dict[int, bool] = {}  # k -> _goes_on_after (the words do not change between rounds)
    for _round in range(2):
        known, still = len(ctx.at), []
        for k in pending:
            occ, refs, trigger, _role = waiting[k]
            decided[k] = []
            facility = _facility(m, trigger)
            # only a place that needs support asks whether the name goes on
            if k in goes_on_at:
                goes_on = goes_on_at[k]
            elif any(r.common or r.minor for r in refs):
                goes_on = goes_on_at[k] = _goes_on_after(m, words, spaces, occ)
            else:
                goes_on = False
            for r in refs:
                # "قرية إمام رضا": a common word after a place word is only the start of a longer,
                # unknown name when a name's word follows it; the place word vouches for no place then
                weak = (facility or goes_on) and r.common or facility and r.minor and \
                    words[occ.first][occ.cut:] in m.everyday or goes_on and r.minor  # ("منطقة وادي الحجر")
                why = ctx.support(r, occ, None if weak else trigger) if r.common or r.minor else ""
                if why is not None:
                    decided[k].append((r, why))
            if len(decided[k]) > 1:  # several places so named: the likeliest now vouches for its family
                best, _ = ctx.choose([x for x, _ in decided[k]], occ, main_country(gaz, list(ctx.at)))
                for x, _ in decided[k]:
                    if x.id != best.id and occ.first in ctx.at.get(x.id, ()):
                        ctx.at[x.id].remove(occ.first)
                        if not ctx.at[x.id]:
                            del ctx.at[x.id]
                ctx.add(best.id, occ.first)
            elif decided[k] and occ.first not in ctx.at.get(decided[k][0][0].id, ()):
                ctx.add(decided[k][0][0].id, occ.first)
            if len(decided[k]) < len(refs):
                still.append(k)
        if len(ctx.at) == known or not still:
            break  # nothing new to vouch for anything else
        pending = still
    country = main_country(gaz, [pid for pid, at in ctx.at.items() for _ in at])
    for (occ, _refs, _trigger, role), ok in zip(waiting, decided, strict=True):
        if not ok:
            continue
        named = [r for r, _ in ok]  # the places so named that the text supports
        if len(ok) > 1:
            best, why = ctx.choose(named, occ, country)
            ok = [(best, "; ".join(x for x in (dict(ok)[best], why) if x))]
        r, why = ok[0]
        guessed = "a guess" in why or "article's country" in why
        if guessed and country and gaz.country_of(r.id) != country and gaz.places[r.id].rank > 1:
            # a small town abroad that shares its name with a place of the article's country: the
            # article's, when it is one of the places found so named ("في بلدة سروج" in an article on
            # Turkey beside "كوباني السورية"); else unsure
            home = [x for x in named if gaz.country_of(x.id) == country]
            if not home:
                if any(gaz.country_of(x.id) == country for x in _refs if x.kind == "place" and x.id != r.id):
                    continue
            else:
                r, why = home[0], "in the article's country"
        emit(occ, r, "; ".join(x for x in (r.how, why) if x), role)

    _abroad_villages(gaz, text, mentions)

    # a name inside a longer one that was taken is not a mention of its own
    inside: set[tuple[int, int]] = set()
    widest = (-1, -1)  # of the spans so far (sorted by start, longest first), the one reaching furthest
    for a, b in sorted({(x.start, x.end) for x in mentions if x.kind == "place"}, key=lambda se: (se[0], -se[1])):
        if widest[1] >= b:
            inside.add((a, b))
        else:
            widest = (a, b)
    if inside:
        mentions[:] = [x for x in mentions if x.kind != "place" or (x.start, x.end) not in inside]

    # ambiguous actors: the one the article's country calls so ("التحالف" in Yemen), else those
    # whose family is named plainly
    for occ, refs in unsure:
        local = [r for r in refs if r.id in m.actor_by_country.get(country or "", ())]
        chosen = local or [r for r in refs if _actor_supported(gaz, r, occurrences, country)]
        persons = [r for r in chosen if gaz.actors[r.id].kind == "person"]
        if persons and len(persons) < len(chosen) and occ.first > 0 and m.bare(words[occ.first - 1]).startswith("ال"):
            # a person's family name or a group's, after a definite noun, is the group's adjective
            # ("القيادي الحوثي"); elsewhere both stay ("ويبحث الحوثي وصالح": the leader and his group)
            chosen = [r for r in chosen if r not in persons]
        for r in chosen:
            emit(occ, r, f"{r.how}, ambiguous; " + ("the actor of the article's country" if local
                                                     else "its family is named in the article"))

    # 3. "القوات العراقية": an actor head and a country's adjective
    covered = {k for occ in occurrences for k in range(occ.first, occ.last + 1)}
    for i, x in seen:
        if x in m.nisba_forms and i not in covered and i > 0:
            head = i - 2 if i > 1 and words[i - 1] in m.territory_adjectives else i - 1
            if m.bare(words[head]) in m.territory_heads and not covered.intersection(range(head, i)):
                territory_of_nisba(m, w, nt, text, words, ends, i, head, mentions, covered)
            else:
                actor_of_nisba(m, nt, text, words, ends, i, mentions, covered)

    loyal_forces(m, nt, text, words, ends, mentions, seen)  # "القوات الموالية لحكومة هادي"

    # "القوات الحكومية"، "الجيش": the forces of the article's country
    force = m.nisba_actor.get((country or "", "state_force"))
    if force:
        state_forces(m, nt, text, words, ends, covered, mentions, gaz.actors[force], seen)

    # 4. anaphora: "التنظيم" -> the last fitting actor; "المدينة" -> the city the text is about
    anaphors = [i for i, x in seen if x in m.anaphor_forms and i not in covered]
    if anaphors:
        resolve_anaphora(m, w, nt, text, words, ends, anaphors, mentions, occurrences, country)

    mentions.sort(key=lambda x: (x.start, x.end, x.kind, x.id))
    # a common word after a facility's place word that nothing else supports names the facility:
    # a candidate place ("معسكر النصر"), not a mention
    let_go = {occ.first for (occ, _r, trigger, _role), ok in zip(waiting, decided, strict=True)
              if not ok and _facility(m, trigger)}
    # "قرية إمام رضا": a common word and the word that goes on with it, after a place word, is the
    # name of a place the gazetteer lacks
    placed = {x.start for x in mentions if x.kind == "place"}
    named_on = {occ.first: occ.last + 1 for occ, _r, trigger, _role in waiting
                if trigger and not _facility(m, trigger) and nt.span(occ.start, occ.end)[0] not in placed
                and _goes_on_after(m, words, spaces, occ)}
    occurrences = [occ for occ in occurrences
                   if occ.first not in constructs and occ.first not in let_go and occ.first not in named_on]
    return mentions, _candidates(m, w, nt, text, spaces, words, ends, seen, occurrences, covered - constructs,
                                 named_on)


_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _abroad_villages(gaz: Gazetteer, text: str, mentions: list[Mention]) -> None:
    """A village or neighbourhood (rank 3) whose sentence names only well-known places (cities,
    provinces) of another country is a place the gazetteer lacks ("حي الحوز وسط مدينة الرمادي" is
    no Syrian village): dropped."""
    places = [x for x in mentions if x.kind == "place" and x.id in gaz.places]
    drop = set()
    for x in places:
        if gaz.places[x.id].rank < 3:
            continue
        home = gaz.country_of(x.id)
        known = {gaz.country_of(y.id) for y in places if y is not x and gaz.places[y.id].rank < 3
                 and gaz.places[y.id].kind != "country"  # (a country is often only the topic)
                 and not _SENTENCE_END.search(text, min(x.end, y.end), max(x.start, y.start))}
        if known and home not in known:
            drop.add(id(x))
    if drop:
        mentions[:] = [x for x in mentions if id(x) not in drop]


def _trigger_before(m: Matcher, words: list[str], occ: Occurrence) -> str | None:
    if occ.cut or occ.first == 0:
        return None
    before = words[occ.first - 1]
    return before if before in m.triggers else None


def _actor_supported(gaz: Gazetteer, ref: Ref, occurrences: list[Occurrence], country: str | None) -> bool:
    """An ambiguous actor spelling ("الأسد"، "الفرقة الذهبية") is kept when its family is named plainly
    or it is an actor of the country the article is about."""
    a = gaz.actors[ref.id]
    if country and a.country == country:
        return True
    fam = {x for x in (a.part_of, a.country, *a.allied_with) if x} | {ref.id}
    return any(r.id in fam and not r.common for occ in occurrences for r in occ.refs)


def _as_of(gaz: Gazetteer, ref: Ref, how: str, day: dt.date) -> tuple[Ref, str]:
    """An actor named by a name it no longer had on `day` is the actor it had become."""
    actor, seen = gaz.actors[ref.id], {ref.id}
    while not actor.active_on(day) and actor.succeeded_by and actor.succeeded_by not in seen \
            and actor.active_until and day.isoformat()[: len(actor.active_until)] > actor.active_until:
        seen.add(actor.succeeded_by)
        actor = gaz.actors[actor.succeeded_by]
    if actor.id == ref.id:
        return ref, how
    old = gaz.actors[ref.id].name
    return Ref("actor", actor.id, ref.how, ref.common, False), f"{how}; successor: «{old}» was {actor.name} by {day}"


def _adjective_after(place_word: str, word: str) -> bool:
    """An indefinite relative adjective agreeing with its place word: "منطقة سكنية"، "حي شعبي"، "مطار
    دولي" (a feminine word takes -ية, a masculine one -ي; "بلدة شيلوبي" is a name)."""
    if word.startswith("ال"):
        return False
    return word.endswith("يه") if place_word.endswith(("ه", "ات", "تي")) else word.endswith("ي")


def _name_word(m: Matcher, word: str) -> bool:
    """Whether a word after a place word can be (part of) a name: Arabic letters, three or more, and
    neither a word of everyday use nor one that is never a name ("منطقة سكنية"، "حي شعبي")."""
    return bool(_LETTERS.match(word)) and len(word) >= 3 and word not in m.not_a_name \
        and m.bare(word) not in m.not_a_name and not word.endswith(m.not_a_name_suffixes) and word not in m.everyday


def _name_goes_on(m: Matcher, words: list[str], spaces, j: int, loose: bool = False) -> bool:
    """Whether word j goes on the name before it: a name's word right after a space, and not a
    definite adjective ("التابعة"), a conjunction ("وريفها") or a place word. `loose`: after an
    indefinite word an everyday noun goes on too (a construct: "إمام رضا"), never an adjective."""
    if j >= len(words):
        return False
    nxt = words[j]
    if loose and _LETTERS.match(nxt) and len(nxt) >= 3 and spaces[j] == " " and nxt not in m.triggers \
            and nxt not in m.directions and nxt not in m.not_a_name and not nxt.startswith(("و", "ف")) \
            and m.table.get(nxt, (0,))[0] == 0 \
            and not _adjective_form(nxt.removeprefix("ال")) and (j + 1 >= len(words) or not _LETTERS.match(words[j + 1])
                                              or words[j + 1] in m.directions):
        return True  # (closed off by punctuation or a direction: "قرية إمام رضا (شرق الموصل)")
    return _name_word(m, nxt) and spaces[j] == " " and not nxt.startswith(("ال", "و", "ف")) \
        and m.bare(nxt) not in m.everyday and nxt not in m.triggers


def _goes_on_after(m: Matcher, words: list[str], spaces, occ: Occurrence) -> bool:
    """Whether the name at `occ` goes on past its last word; after an indefinite word, everyday
    nouns too ("قرية إمام رضا")."""
    return _name_goes_on(m, words, spaces, occ.last + 1, loose=not words[occ.first][occ.cut:].startswith("ال"))


def _adjective_form(word: str) -> bool:
    """An indefinite nisba or feminine adjective's ending ("كبيرة"، "سكنية"، "شعبي")."""
    return word.endswith(("يه", "ي", "ه", "يين", "ين", "ون"))


def _candidates(m: Matcher, w: Words, nt: Normalized, text: str, spaces, words, ends, seen, occurrences,
                covered: set[int], named_on: dict[int, int] | None = None) -> list[Candidate]:
    """"قرية X" where X is no known name: not a word of everyday use (an adjective or a common noun:
    "منطقة سكنية"، "قاعدة جوية", see tools/everyday_words.py), nor an indefinite adjective ("حي شعبي")."""
    n = len(words)
    starts_taken = {occ.first for occ in occurrences}
    clitic_start = {occ.first for occ in occurrences if occ.cut}  # "فندق بسويسرا": a place, not a name
    covered = covered | {k for occ in occurrences for k in range(occ.first, occ.last + 1)}
    out: list[Candidate] = []
    for i in [i for i, x in seen if (x in m.triggers or x in m.site_triggers) and i < n - 1]:
        site = words[i] not in m.triggers  # a building's name may be an everyday word ("مسجد الإمام"), or
        if i + 1 in starts_taken and (not site or i + 1 in clitic_start) or i in covered:  # its town's
            continue  # ("مستشفى سراقب الميداني")
        nxt = words[i + 1]
        if not site and named_on and i + 1 in named_on:
            s, e = nt.span(ends[2 * (i + 1)], ends[2 * named_on[i + 1] + 1])
            out.append(Candidate(text[s:e], s, e, text[slice(*nt.span(ends[2 * i], ends[2 * i + 1]))],
                                 w.role(i + 1, 0), m.triggers[words[i]][1]))
            continue
        if (not (_site_word(m, nxt) if site else _name_word(m, nxt)) or "\n" in spaces[i + 1]
                or _adjective_after(words[i], nxt)
                or nxt[:1] == "و" and nxt not in m.whole_words and (nxt in m.triggers or nxt[1:] in m.everyday)):
            # ("ميناء ومطار": a list)
            continue
        last = i + 1
        land = nxt in m.geo_heads  # "منطقة وادي الحجر": the word after it is the name's, whatever it is
        if (i + 2 < n and words[i + 2].startswith("ال") and words[i + 2] not in m.not_a_name
                and (site or land or words[i + 2] not in m.everyday)
                and _LETTERS.match(words[i + 2]) and (site or land or i + 2 not in starts_taken)
                and "\n" not in spaces[i + 2] and spaces[i + 2] != ""):
            last = i + 2
        elif site and nxt in m.site_titles and i + 2 < n and _given_name(words[i + 2]) and spaces[i + 2] == " ":
            last = i + 2  # "مستشفى الملك فهد"، "جامع الشيخ زايد"، "جامعة الملك عبد العزيز"
            if words[last] in ("عبد", "ابو") and last + 1 < n and spaces[last + 1] == " ":
                last += 1
        s, e = nt.span(ends[2 * (i + 1)], ends[2 * last + 1])
        out.append(Candidate(text[s:e], s, e, text[slice(*nt.span(ends[2 * i], ends[2 * i + 1]))],
                             w.role(i + 1, 0), (m.site_triggers if site else m.triggers)[words[i]][1], site))
    return out


def _given_name(word: str) -> bool:
    """A given name after a title ("الملك فهد"، "الإمام علي"): letters, no article."""
    return bool(_LETTERS.match(word)) and len(word) >= 3 and not word.startswith("ال")


def _site_word(m: Matcher, word: str) -> bool:
    """Whether a word after a building's word can begin its name: Arabic letters, three or more, no
    pronoun suffix and no word that is never a name ("مستشفى التي")."""
    return bool(_LETTERS.match(word)) and len(word) >= 3 and word not in m.not_a_name \
        and m.bare(word) not in m.not_a_name and not word.endswith(m.not_a_name_suffixes)


def _facility(m: Matcher, trigger: str | None) -> bool:
    """Whether the place word before a name is a facility's ("معسكر"، "جبل")."""
    return trigger is not None and m.triggers[trigger][1] in m.facility_words


def _key(words: list[str], occ: Occurrence) -> tuple[str, ...]:
    return (words[occ.first][occ.cut:], *words[occ.first + 1 : occ.last + 1])


def _speakers(m: Matcher, words: list[str], occurrences: list[Occurrence]) -> set[tuple[str, ...]]:
    """The names that some sentence makes a speaker, right after a verb of speech ("وقال ليون"),
    where no place so named can speak for a government (a country, a province, a city of at least
    `speaking_city` people, or a city of unknown size: "وقالت موسكو"). Source: generator/data/entities.yaml."""
    gaz, out = m.gazetteer, set()
    for occ in occurrences:
        if occ.cut or occ.first == 0 or m.bare(words[occ.first - 1]) not in m.speech_verbs:
            continue
        places = [gaz.places[r.id] for r in occ.refs if r.kind == "place"]
        if places and not any(p.kind in ("country", "governorate") or p.kind == "city" and (
                p.population is None or p.population >= m.speaking_city) for p in places):  # (unknown: it may)
            out.add(_key(words, occ))
    return out
