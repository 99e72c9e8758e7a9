"""A happening's arguments: where it happened, who acted, against or with whom, who reported it.

The place is the locative argument (a place after في/بـ/قرب/على..., or named as the object of the
trigger), the finest one the clause gives, else its sentence's; never a place the sentence is
only about or heading to (عن، إلى، نحو). Actor1 is the subject (the actor before the trigger in
its clause, or right after a verb); actor2 follows a target or party marker (على، ضد، مع، بين).
News agencies, monitors and media, and the one who speaks before "أن", are sources, not actors
(coding guide, "الإسناد"), unless a party announces its own deed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..entities import Candidate, Mention
from ..gazetteer import Gazetteer
from ..normalize import norm
from .casualties import number
from .fallback import seat_named
from .rules import listed, rules, stem
from .sentence import VIOLENT_CLASSES, Found, Sentence, accusative_base
from .sides import STATE_SIDE, allied, state_side

# finer first: the place an event is coded at (ACLED codes the most precise location given)
FINENESS = {"building": -1, "neighbourhood": 0, "facility": 1, "camp": 1, "village": 2, "town": 3, "city": 4,
            "subdistrict": 5, "district": 6, "region": 7, "mountain": 7, "river": 8, "lake": 8, "governorate": 9,
            "sea": 10, "country": 11}
POINT_KINDS = {"neighbourhood", "facility", "camp", "village", "town", "city"}
LOCATIVE = {"at", "near", None}  # and "from" for what leaves a place ("انسحبوا من المدينة")
_OWN = {"مقات", "قوات", "عناص", "مسلح", "طائر", "مقدا", "وحدا", "كتائ", "الوي", "رجال"}  # "أن مقاتليه هاجموا"
_SPEAKERS_ONLY = {"ngo", "monitor_media"}  # kinds that, named before a report's «أن», only speak
PASSIVE_COUNT = {"killing", "abduction", "arrest"}  # classes whose verb before a count is read as passive
PARTIES = STATE_SIDE | {"armed_group", "political_party"}


@dataclass
class Arguments:
    places: list[Mention] = field(default_factory=list)
    geo_precision: int | None = None
    place_how: str = ""
    actor1: list[Mention] = field(default_factory=list)
    actor2: list[Mention] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    site: str | None = None  # a place the gazetteer lacks, with its place word ("قرية زردنا")
    topics: list[Mention] = field(default_factory=list)  # places talks or a decision are only about
    civilian_target: bool = False
    armed_target: bool = False


def precision_of(m: Mention, gaz: Gazetteer) -> int:
    """ACLED's geo precision of a place mention: 1 the place itself, 2 near it or a part of a region,
    or a place the gazetteer gives its town's point (a neighbourhood at its city's coordinates), 3 a
    province or a country."""
    p = gaz.places.get(m.id)
    if p is None or p.kind in ("governorate", "country", "sea"):
        return 3
    if m.role == "near" or p.kind not in POINT_KINDS or not _own_point(p, gaz):
        return 2
    return 1


def _own_point(p, gaz: Gazetteer) -> bool:
    """Whether a place's coordinates are its own, not the point of the town it lies in (admin units
    carry their seat's point: a seat keeps its own)."""
    return p.lat is not None and all(
        (a.lat, a.lon) != (p.lat, p.lon) for a in gaz.chain(p.id)[1:] if a.kind in POINT_KINDS)


def arguments(s: Sentence, f: Found, mentions: list[Mention], gaz: Gazetteer,
              candidates: list[Candidate] = ()) -> Arguments:
    """The arguments of happening `f` from the mentions and candidate places of its sentence (sorted,
    original offsets)."""
    r = rules()
    out = Arguments()
    c0, c1 = s.orig(f.c0), s.orig(f.c1)
    trig = s.orig(f.first)
    in_clause = [m for m in mentions if c0 <= m.start < c1]
    # places: the clause's locative places, else the sentence's; one after a preposition before an
    # unmarked one ("هجومها على محافظة إدلب بعد قمة طهران"), then the finest
    out.topics = [m for m in mentions if m.kind == "place" and _topic(s, f, m)]
    for scope, how in ((in_clause, "clause"), (mentions, "sentence")):
        places = [m for m in scope if m.kind == "place" and m.id in gaz.places and (
            m.role in LOCATIVE or m.role == "from" and f.cls in ("capture", "withdrawal")
            or m.role == "toward" and (f.cls == "withdrawal" and _within(s, m)
                                       or f.cls == "capture" and s.stems[f.first] in r.entering))
            and not (m.role is None and gaz.places[m.id].kind == "country")  # "أعلنت تركيا": the state
            and not (m.role is None and _speaks(s, m))  # "تأمل أنقرة": the government
            and m not in out.topics]
        if places:
            places = [seat_named(s.words[k - 1] if (k := s.token_at(m.start)) else "", m, gaz) for m in places]
            out.places = sorted(_unique(places), key=lambda m: (
                # (an unmarked place is the object only in the trigger's own clause, or the subject of a
                # verb of undergoing before it: "مدينة داريا ...، تعرضت لقصف")
                m.role is None and not (c0 <= m.start < c1 and _object(s, m, trig, f) or _undergoes(s, m, f))
                or _describes(s, m),
                FINENESS.get(gaz.places[m.id].kind, 9), m.role == "near", abs(m.start - trig)))
            out.place_how = how
            break
    if out.place_how != "clause" and any(w in r.resumptive for w in s.words[f.last + 1 : f.c1]):
        # "من تحرير أربعة مواقع فيها": the place named last before the trigger, not one of a later clause
        before = [m for m in mentions if m.kind == "place" and m.id in gaz.places and m.start < trig
                  and gaz.places[m.id].kind in POINT_KINDS]
        if before:
            out.places, out.place_how = [before[-1]], "clause"
    if out.places:
        out.geo_precision = precision_of(out.places[0], gaz)
    _site(f, candidates, gaz, out, c0, c1, trig)
    _sources_and_actors(s, f, mentions, gaz, out, c0, c1, trig)
    # who suffered it: civilian or armed words after the trigger and its subject ("اغتال مسلحون
    # مجهولون رئيس المجلس": the gunmen did it) in its clause
    after = max([f.last + 1] + [s.token_at(m.end - 1) + 1 for m in out.actor1
                                if m.start > trig and m.how == "generic participant"])
    if s.stems[f.first] in r.victim_subject:  # "استشهد ثلاثة جنود من الجيش": its subject died
        out.actor2 = [m for m in out.actor1 if m.start > trig] + out.actor2
        out.actor1 = [m for m in out.actor1 if m.start < trig]
    out.civilian_target = s.has(r.civilian_targets, after, f.c1)
    out.armed_target = s.has(r.armed_targets, after, f.c1) or any(
        gaz.actors[m.id].kind in PARTIES for m in out.actor2 if m.id in gaz.actors)
    return out


def _undergoes(s: Sentence, m: Mention, f: Found) -> bool:
    """Whether unmarked place `m` is the subject of a verb of undergoing or witnessing (event_rules.yaml
    `undergoing`) that governs the trigger: "تعرضت مدينة داريا لقصف"، "وأن مدينة داريا ...، تعرضت
    لقصف"، "شهدت حلب اشتباكات": where it happened."""
    k, verbs = s.token_at(m.start), rules().undergoing
    return k < f.first and any(s.stems[j] in verbs or s.words[j] in verbs
                               for j in range(max(0, k - 2), f.first) if j != k)


def _topic(s: Sentence, f: Found, m: Mention) -> bool:
    """Whether place `m` is what a meeting, agreement or decision is about ("اتفقوا على إنشاء منطقة في
    جنوب سوريا"): a topic word between the trigger and it."""
    r = rules()
    if f.cls not in r.topic_classes:
        return False
    k = s.token_at(m.start)
    return any(s.words[j] in r.topic_markers or s.stems[j] in r.topic_markers for j in range(f.last + 1, k))


def _within(s: Sentence, m: Mention) -> bool:
    """Whether place `m` follows a word for part of it ("إلى أطراف مدينة البوكمال")."""
    k = s.token_at(m.start)
    return any(s.stems[j] in rules().within_place or s.words[j] in rules().within_place
               for j in range(max(0, k - 2), k))


def _describes(s: Sentence, m: Mention) -> bool:
    """Whether place `m` only locates the one before it ("المدينة الواقعة في ريف دير الزور")."""
    k = s.token_at(m.start)
    return any(s.words[j] in rules().describing for j in range(max(0, k - 3), k))


def _speaks(s: Sentence, m: Mention) -> bool:
    """Whether bare place `m` follows a verb of saying or wanting ("قالت دمشق"، "تأمل أنقرة"): its subject."""
    k = s.token_at(m.start)
    if k == 0:
        return False
    return listed(s.words[k - 1], rules().speaking_for)


def _object(s: Sentence, m: Mention, trig: int, f: Found) -> bool:
    """Whether unmarked place `m` is the trigger's object: after its place word ("قصفت الطائرات بلدة
    كفرنبل في ريف إدلب"), or right after a strike's or an assault's trigger and its subject with no
    preposition between ("قصفت قوات النظام الحولة"): the target is where it happened, as much as a
    place after "في"."""
    k = s.token_at(m.start)
    if m.start <= trig or k == 0:
        return False
    if stem(s.words[k - 1]) in rules().site_words:
        return True
    r = rules()
    gap = s.words[f.last + 1 : k]
    return f.cls in r.object_classes and len(gap) <= r.object_gap and not any(
        w in r.not_in_gap or w.startswith(("بال", "لل")) or w[:1] in "بلوف" and len(w) > 3 and (
            w[1:] in r.not_in_gap or w[1:] in r.within_place) or w in r.within_place for w in gap)


def _site(f: Found, candidates: list[Candidate], gaz: Gazetteer, out: Arguments, c0: int, c1: int,
          trig: int) -> None:
    """A place the gazetteer lacks, named in the clause as where it happened ("في قرية زردنا"،
    "على معسكر لبوزة"): the event lies there, at the nearest known place (ACLED codes an unknown
    village at the nearest known location, precision 2). A building ("مسجد الإمام الصادق") is a
    site in the place the clause names, finer than any."""
    sites = rules().site_words
    for c in candidates:
        kind = sites.get(c.kind)
        if not (c0 <= c.start < c1) or kind is None or not (
                c.role in ("at", "near") or c.role == "from" and f.cls in ("capture", "withdrawal")
                or c.role is None and c.start > trig  # the object: "قصفت الطائرات قرية كفرزيتونة"
                and (kind != "building" or f.cls in rules().object_classes)):  # ("اجتماعها ... سوق عكاظ")
            continue
        known = out.places[0] if out.places and out.places[0].id in gaz.places else None
        if known and out.place_how == "clause" and FINENESS.get(gaz.places[known.id].kind, 9) < FINENESS[kind]:
            return  # the clause names a finer known place
        out.site = f"{_bare_word(c.trigger, c.kind)} {c.text}"
        out.geo_precision = site_precision(out.site, out.geo_precision)
        return


def building(site: str) -> bool:
    """Whether a site is a building ("مسجد الإمام الصادق"), in its place rather than near it."""
    return rules().site_words.get(norm(site.split(maxsplit=1)[0])) == "building"


def site_precision(site: str, precision: int | None) -> int:
    """An event's geo precision once it has a site: 2 at least (the site lies near its nearest known
    place), but a building keeps its place's (it lies in the place the text names)."""
    return (precision or 2) if building(site) else max(2, precision or 2)


def _bare_word(word: str, bare: str) -> str:
    """A place word as written, without its clitics ("وبمنطقة" -> "منطقة"; `bare` is its normalized form)."""
    for k in range(min(3, len(word))):
        if norm(word[k:]) == bare:
            return word[k:]
    return word


def _sources_and_actors(s: Sentence, f: Found, mentions: list[Mention], gaz: Gazetteer, out: Arguments,
                        c0: int, c1: int, trig: int) -> None:
    """Sources: who speaks (the actor right after a report verb, or before "أن"), monitors and media,
    "مصادر محلية". Actor1: the subject (before the trigger: "الجيش استعاد"؛ right after a verb:
    "قصفت طائرات التحالف"; after a noun: "غارات التحالف"); actor2: an actor after a target or party
    marker, or the object after a subject ("مسلحون اغتالوا ضابطاً في الشرطة"). A party speaking of
    its own deed ("أعلنت النصرة أنها خطفت"، "أن مقاتليه هاجموا") is also actor1."""
    r = rules()
    speaker_until, own_deed = report_end(s, f)
    actors = [m for m in mentions if m.kind == "actor" and m.id in gaz.actors and not _bordering(s, m)]
    speakers_at = {m.start for m in actors if _after_report_verb(s, m)}
    for m in actors:
        a = gaz.actors[m.id]
        if (a.kind == "monitor_media" and not c0 <= m.start < c1) or (
                (m.start < speaker_until or m.start in speakers_at) and a.kind not in PARTIES):
            out.sources.append(m.name)
    for k in range(len(s.words)):
        if s.words[k] in r.source_words and s.orig(k) < speaker_until:
            more = k + 1 < len(s.words) and s.words[k + 1] in r.source_adjectives
            out.sources.append(" ".join(s.words[k : k + 1 + more]))
    violent = f.cls in VIOLENT_CLASSES
    speakers = [m for m in actors if (m.start < min(speaker_until, c0) or m.start in speakers_at)
                and gaz.actors[m.id].kind in PARTIES]
    # in the clause: parties, and the media a deed befell ("أغلقت السلطات مكتب قناة الجزيرة")
    clause = [m for m in actors if c0 <= m.start < c1 and m.start not in speakers_at and m not in speakers
              and not (m.start < speaker_until and gaz.actors[m.id].kind in _SPEAKERS_ONLY)  # ("وأوضح مدير
              # الدفاع المدني (الخوذ البيضاء) أن الغارات": who speaks)
              and not ((violent or f.cls in ("capture", "withdrawal")) and gaz.actors[m.id].kind == "person")
              # (a person is a speaker, rarely a fighter: the envoy's words "بعد أيام على تحرير عدن")
              and (gaz.actors[m.id].kind != "monitor_media" or m.start > trig and not _published_by(s, m))]
    out.sources += [m.name for m in actors if c0 <= m.start < c1 and gaz.actors[m.id].kind == "monitor_media"
                    and _published_by(s, m)]
    if own_deed and speakers:
        out.actor1.append(speakers[0])
    leaving = f.cls in ("capture", "withdrawal")  # "استعادها من داعش"، "بعد طرد داعش"
    markers = [s.orig(k) for k in range(f.c0, len(s.words)) if s.words[k] in r.target_markers
               or s.stems[k] in r.target_markers or (leaving and s.words[k] in ("من", "طرد"))]
    parties_at = [s.orig(k) for k in range(f.c0, f.c1)
                  if s.words[k] in r.party_markers or s.stems[k] in r.party_markers]
    generic = _generic(s, f)
    subject_before = [m for m in (*clause, *generic) if max(c0, speaker_until) <= m.start < trig]
    # "قتل خمسة جنود"، "اعتقل 10 أشخاص": a count right after the verb is its passive subject, who suffered
    counted, used = number(s.words, f.last + 1) if f.trigger.verb and f.last + 1 < len(s.words) and \
        f.trigger.cls in PASSIVE_COUNT else (None, 0)
    suffered_until = s.orig(min(len(s.words), f.last + 1 + used + 4)) if counted else -1
    # "في قصف شنّه داعش": the actor right after an agent verb that follows the trigger noun did it
    # (or after a trigger noun later in the clause: "وقتل جندي في قصف شنّه داعش")
    agent_at = next((s.orig(j + 1) for j in range(f.first + 1, min(f.c1, len(s.words) - 1))
                     if s.words[j] in r.agent_verbs and s.stems[j - 1] in r.triggers), None)
    if agent_at is None:  # "خطفوا على أيدي جبهة النصرة"، "من قبل جهاديين"
        agent_at = next((s.orig(j + len(p)) for j in range(f.first + 1, min(f.c1, len(s.words) - 1))
                         for p in r.agent_markers if tuple(s.words[j : j + len(p)]) == p and j + len(p) < len(s.words)),
                        None)
    if agent_at is None:  # "بكمين للمقاومة"، "في هجوم لمسلحين": a party after «ل» right after an attack noun
        agent_at = next((s.orig(j + 1) for j in range(f.first, min(f.c1, len(s.words) - 1))
                         if s.words[j + 1][:1] == "ل" and any(t.cls in VIOLENT_CLASSES and not t.verb for t in (
                             *r.triggers.get(s.stems[j], ()), *r.triggers.get(accusative_base(s.stems[j]), ())))),
                        None)  # (and "شن هجوماً لداعش")
    agent = next((m for m in (*clause, *generic) if agent_at is not None and agent_at <= m.start
                  and s.token_at(m.start) <= s.token_at(agent_at) + 1), None)
    if agent is not None:
        out.actor1.append(agent)
    for m in sorted(_unique([*clause, *generic]), key=lambda m: m.start):
        if m in out.actor1 or m in out.actor2:
            continue
        if agent is not None and m.start < trig:
            if all(x.id != m.id for x in out.actor1 + out.actor2):
                out.actor2.append(m)  # "وقتل جندي عراقي في قصف شنّه داعش": who suffered it
            continue
        after_marker = any(trig <= x < m.start for x in markers) or (
            m.start > trig and any(trig <= x < m.start for x in parties_at))
        k = s.token_at(m.start)
        if m.id == "civilians" and f.cls != "protest" or trig < m.start < suffered_until or s.has(
                r.suffering_markers, k - 2, k):
            side = out.actor2  # civilians suffer; so do the counted subject of "قتل خمسة جنود" and who
            # is named "في صفوف"، "بحق"
        elif s.has(r.support_markers, k - 2, k):
            side = out.actor1  # "المسنود بمسلحي المقاومة": on actor1's side
        elif m in subject_before:
            side = out.actor1
        elif after_marker or (m.start > trig and (subject_before or out.actor1) and f.trigger.verb) or (
                agent is not None and m.start > agent.start):
            side = out.actor2  # a marker, the object after a subject, or who is named after the agent of
            # a trigger noun ("غارة شنتها طائرة أميركية ... عن مقتل زعيم داعش")
        else:
            side = out.actor1
        if all(x.id != m.id for x in out.actor1 + out.actor2):
            side.append(m)
    if agent is None and f.trigger.verb and listed(s.words[f.first], r.defender_subject):
        out.actor1, out.actor2 = out.actor2, out.actor1  # "صدت المقاومة هجمات الحوثيين": they attacked
    if not out.actor1 and speakers and speakers[0] not in out.actor2:
        out.actor1.append(speakers[0])
    if not out.actor1 and f.c0 > 0 and f.trigger.verb and s.words[f.c0].lstrip("و") in r.subject_carriers:
        # "واصلت قوات الجيش تقدمها، إذ تمكنت من بسط سيطرتها على زنجبار": a verb with no subject of its
        # own, in a clause opened by "إذ"، "حيث"، "ثم", goes on with the subject of the clause before it
        earlier = [m for m in actors if max(0, speaker_until) <= m.start < c0 and m not in speakers
                   and m.start not in speakers_at and gaz.actors[m.id].kind in PARTIES]
        if earlier:
            first = earlier[0]
            out.actor1.append(first)
            out.actor1.extend(m for m in earlier[1:] if allied(gaz, m.id, first.id) and m.id != first.id)
    out.actor2 = [m for m in out.actor2 if m.id not in {x.id for x in out.actor1}]  # one side each
    # an ally of actor1 named as a party ("دخلت زنجبار وتلتحم مع المقاومة") fights on its side
    for m in [m for m in out.actor2 if any(allied(gaz, m.id, a.id) for a in out.actor1)]:
        out.actor2.remove(m)
        out.actor1.append(m)
    if not out.actor2:  # the target may sit in the next clause: "... غارات، استهدفت مواقع الحوثيين"
        ones = {x.id for x in out.actor1}  # (by id: "التنظيم" after "تنظيم داعش" is the same party)
        later = [m for m in actors if m.start >= c1 and m.id not in ones and gaz.actors[m.id].kind in PARTIES
                 and any(c1 <= x < m.start for x in markers)]
        out.actor2.extend(later[:1])


def _bordering(s: Sentence, m: Mention) -> bool:
    """Whether actor `m` names the country across a border ("الحدودية مع لبنان"، "المحاذية لتركيا"):
    where the border runs, no party to the happening."""
    k, words = s.token_at(m.start), rules().bordering
    if k == 0:
        return False
    prev = s.words[k - 1]
    return prev in words or k > 1 and prev in ("مع", "علي") and s.words[k - 2] in words


def preposition_clitic(s: Sentence, m: Mention) -> str:
    """The preposition («ب» or «ل») written on the word whose name mention `m` is ("لتنظيم داعش"،
    "وبالجيش"), else ""."""
    k = s.token_at(m.start)
    p = s.words[k].lstrip("وف")[:1]
    return p if m.start > s.orig(k) and p in "بل" else ""


def _after_report_verb(s: Sentence, m: Mention) -> bool:
    """The speaker of a report: an actor named within two words after "قال"، "أعلن" ..."""
    r = rules()
    k = s.token_at(m.start)
    return any(s.words[j] in r.reporting or s.stems[j] in r.reporting for j in range(max(0, k - 2), k))


# words between a verb of saying and its «أن», in one clause: the speaker, with a title, a name and a
# place, can be long ("وأوضح مدير الدفاع المدني (الخوذ البيضاء) في إدلب مصطفى حاج يوسف أن")
REPORT_REACH = 20


def _published_by(s: Sentence, m: Mention) -> bool:
    """Whether a medium is named as who published the news ("في بيان نشرته وكالة أعماق")."""
    k, words = s.token_at(m.start), rules().published_by
    return any(w in words or w.lstrip("و") in words for w in s.words[max(0, k - 2) : k])


def report_end(s: Sentence, f: Found) -> tuple[int, bool]:
    """Where the words of a report begin (offset; 0 when the happening is told plainly), and whether
    the report speaks of the speaker's own deed ("أعلنت النصرة أنها خطفت": أنه/أنها/أنهم)."""
    for k in range(f.first - 1, -1, -1):
        if s.words[k] in ("ان", "بان", "انه", "انها", "انهم", "بانه", "بانها", "بانهم") and any(
                _reports(s, j) for j in range(max(0, k - REPORT_REACH, s.clause(k)[0]), k)):
            own = s.words[k] in ("انه", "انها", "انهم", "بانه", "بانها", "بانهم") or (
                k + 1 < len(s.words) and s.words[k + 1].endswith(("ه", "ها", "هم")) and s.stems[k + 1][:4] in _OWN)
            return s.orig(k), own
        if _reports(s, k):
            return (s.orig(k + 1) if k + 1 < len(s.words) else s.end), False
    return 0, False


def _reports(s: Sentence, k: int) -> bool:
    """Whether word k is a reporting verb, with its conjunction too ("وقال": too short for stem())."""
    rep, w = rules().reporting, s.words[k]
    return w in rep or s.stems[k] in rep or (w[0] in "وف" and w[1:] in rep)


def _generic(s: Sentence, f: Found) -> list[Mention]:
    """Generic participants of the happening's clause ("مسلحون مجهولون"، "جماعات إسلامية"،
    "متظاهرون"), and for violence its victims a clause later ("... ما أدى إلى مقتل أربعة أشخاص")."""
    r = rules()
    end = len(s.words) if f.cls in VIOLENT_CLASSES else f.c1
    out: list[Mention] = []
    k = f.c0
    while k < end:
        for n in (2, 1):
            gid = r.generic_words.get(tuple(s.words[k : k + n])) if k + n <= len(s.words) else None
            if gid is None or (k >= f.c1 and gid != "civilians"):
                continue
            g = r.generic_actors[gid]
            out.append(Mention(" ".join(s.words[k : k + n]), s.orig(k), s.orig_end(k + n - 1), "actor", gid,
                               g["name"], g["name_en"], "generic participant"))
            k += n - 1
            break
        k += 1
    return out


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.id not in seen:
            seen.add(m.id)
            out.append(m)
    return out


def resolve_type(f: Found, args: Arguments, gaz: Gazetteer) -> tuple[str, str]:
    """ACLED type and sub-type of a happening from its class and its arguments."""
    r = rules()
    c = r.classes[f.cls]
    kinds = {gaz.actors[m.id].kind for m in args.actor1 if m.id in gaz.actors}
    if f.cls in ("shelling", "explosion") and any(m.id in r.air_actors for m in args.actor1):
        return r.classes["air_strike"].type, r.classes["air_strike"].sub_type  # a coalition's "قصف" is from the air
    by_actor = type_by_actor(f.cls, args.actor1, args.places, gaz)
    if by_actor:
        return by_actor
    if c.by_actor and kinds and "nonstate" in c.by_actor:
        return c.by_actor["nonstate"]
    if c.by_target and args.armed_target and not args.civilian_target:
        return c.by_target["armed"]
    return c.type, c.sub_type


def type_by_actor(cls: str, actor1: list[Mention], places: list[Mention], gaz: Gazetteer) -> tuple[str, str] | None:
    """The (type, sub-type) a class takes from who acted: protesters, or the state's side in the
    country of the place ("سيطرة" by the state is "Government regains territory"); else None."""
    c = rules().classes[cls]
    if not c.by_actor:
        return None
    if any(m.id == "protesters" for m in actor1) and "protesters" in c.by_actor:
        return c.by_actor["protesters"]
    country = gaz.country_of(places[0].id) if places and places[0].id in gaz.places else None
    if any(state_side(gaz, m.id, country) for m in actor1):
        return c.by_actor.get("state", (c.type, c.sub_type))
    return None
