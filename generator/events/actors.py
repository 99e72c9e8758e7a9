"""Who took part in a happening, from its sentence: who reports it (sources), who acted (actor1),
against or with whom (actor2), and the generic participants ("مسلحون مجهولون"، "مدنيون"). Called by
arguments.py for each happening; `report_end` also tells the dating stage where a report's words begin."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..entities import Mention
from ..gazetteer import Gazetteer
from .casualties import number
from .rules import listed, rules
from .sentence import VIOLENT_CLASSES, Found, Sentence, accusative_base
from .sides import STATE_SIDE, allied

if TYPE_CHECKING:
    from .arguments import Arguments

_OWN = {"مقات", "قوات", "عناص", "مسلح", "طائر", "مقدا", "وحدا", "كتائ", "الوي", "رجال"}  # "أن مقاتليه هاجموا"
_SPEAKERS_ONLY = {"ngo", "monitor_media"}  # kinds that, named before a report's «أن», only speak
PASSIVE_COUNT = {"killing", "abduction", "arrest"}  # classes whose verb before a count is read as passive
PARTIES = STATE_SIDE | {"armed_group", "political_party"}


BOMBINGS = frozenset({"explosion", "suicide"})  # a state that reports a bombing did not set it off


def sources_and_actors(s: Sentence, f: Found, mentions: list[Mention], gaz: Gazetteer, out: Arguments,
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
    # (not of a disrupted weapon: "نزع ألغاماً زرعها الحوثيون" names who planted them, not who removed them)
    agent_at = None if f.cls == "disrupted" else next((s.orig(j + 1) for j in range(f.first + 1, min(
        f.c1, len(s.words) - 1)) if s.words[j] in r.agent_verbs and s.stems[j - 1] in r.triggers), None)
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
    if agent is None and (f.trigger.cls == "killing" or f.cls != f.trigger.cls):
        # "قتل 14 جندياً في غارة أمريكية": the strike that killed them, named with its maker's adjective
        agent = next((m for m in clause if m.start >= trig and any(
            t.cls in VIOLENT_CLASSES and not t.verb for t in r.triggers.get(s.stems[s.token_at(m.start)], ()))), None)
    if agent is not None:
        out.actor1.append(agent)
    for m in sorted(unique([*clause, *generic]), key=lambda m: m.start):
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
        elif s.has(r.support_markers, k - 2, k) or s.has(r.helping, max(f.first, k - 5), k):
            side = out.actor1  # "المسنود بمسلحي المقاومة"، "بمساندة ضربات جوية يشنها التحالف": on actor1's side
        elif m in subject_before and any(listed(w, r.subjected) for w in s.words[k + 1 : min(k + 5, s.token_at(trig))]):
            side = out.actor2  # "أن الجيش العراقي تعرض لهجوم انتحاري": who underwent it
        elif m in subject_before:
            side = out.actor1
        elif f.cls in ("arrest", "disrupted") and m.start > trig and s.has(r.affiliation_markers, k - 2, k):
            side = out.actor2  # "ضبط شبكة إرهابية تابعة لتنظيم داعش": the suspects' party; "نزع ألغام زرعها
            # الحوثيون": whose weapons were disrupted
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
    if not out.actor1 and speakers and speakers[0] not in out.actor2 and not (
            f.cls in BOMBINGS and gaz.actors[speakers[0].id].kind in STATE_SIDE):
        out.actor1.append(speakers[0])  # ("قال الجيش إن قواته استعادت": the speaker's own deed; not
        # a bomb a state reports, "أعلنت الداخلية أن انتحارياً فجر نفسه"; a group's claim is its own)
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
                 and any(c1 <= x < m.start for x in markers)
                 and not any(allied(gaz, m.id, a.id) for a in out.actor1)]  # (never actor1's own side)
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
    """The speaker of a report: an actor named within two words after "قال"، "أعلن" ..., not after its
    «أن» ("تفيد بأن داعش يقف وراء الاعتداء": who did it, not who speaks)."""
    r = rules()
    k = s.token_at(m.start)
    return any((s.words[j] in r.reporting or s.stems[j] in r.reporting)
               and not any(w in r.complementizers for w in s.words[j + 1 : k]) for j in range(max(0, k - 2), k))


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
        if s.words[k] in rules().complementizers and any(
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
    firsts = _generic_firsts()
    k = f.c0
    while k < end:
        if s.words[k] not in firsts:  # (most words: no generic participant's name begins there)
            k += 1
            continue
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


@lru_cache(maxsize=1)
def _generic_firsts() -> frozenset[str]:
    """The first words of the generic participants' names."""
    return frozenset(words[0] for words in rules().generic_words if words)


def unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.id not in seen:
            seen.add(m.id)
            out.append(m)
    return out
