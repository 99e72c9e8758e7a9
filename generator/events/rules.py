"""The event stage's rules, loaded once from generator/data/events.yaml and event_rules.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..normalize import norm

# what stem() may take off a word: an article with its clitics, or up to two clitics
STEM_PREFIXES = ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "وبال", "وال", "بال", "فال", "لل", "كال", "ال")


@lru_cache(maxsize=1 << 16)  # news vocabulary repeats: most words are stemmed again and again
def stem(word: str) -> str:
    """A word without its clitics and article: "وبالغارات" -> "غارات", "وقصفت" -> "قصفت"."""
    if word[:1] not in "وفبلكا":
        return word  # (every prefix below begins with one of these)
    for prefix in ("وبال", "وال", "بال", "فال", "لل", "كال", "ال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    if len(word) > 4 and word[0] in "وف":
        word = word[1:]
    if len(word) > 4 and word[0] in "بل":
        word = word[1:]
    return word


@dataclass(frozen=True)
class EventClass:
    name: str
    rank: int  # 0 = strongest
    type: str
    sub_type: str
    by_actor: dict[str, tuple[str, str]]  # "state" / "nonstate" -> (type, sub_type)
    by_target: dict[str, tuple[str, str]]  # "armed" -> (type, sub_type)
    needs_for: dict[str, frozenset[str]]  # trigger (its first stem) -> words one of which the clause must hold
    instrument: dict[str, frozenset[str]]  # other class -> words that turn this one into it
    instrument_phrases: dict[str, tuple[tuple[str, ...], ...]]  # ... and phrases ("سلاح الجو")
    # True, or the triggers (as listed) that need a party named; "conflict": a party to a conflict;
    # "suspects": such a party or the suspects of a conflict
    needs_party: bool | frozenset[str] | str = False
    gives_way_to: str | None = None  # a class that, told of the same happening, is what it came to


@dataclass(frozen=True)
class Trigger:
    cls: str
    words: tuple[str, ...]  # stems of the trigger's words after the first
    text: str  # the trigger as listed
    verb: bool
    owned: bool = False  # a noun with a pronoun suffix ("غارته"): never with the article ("الذبحة" is angina)


def listed(word: str, words: frozenset[str]) -> bool:
    """Whether a normalized word is in `words`, itself or after its clitic «و» ("وتأمل")."""
    return word in words or word[:1] == "و" and word[1:] in words


def _noun_forms(noun: str) -> list[str]:
    """A noun and its forms with a pronoun suffix: "غاره" -> غارته غارتها غارتهم (none for a noun
    listed with its article: "القبض" + ه would be "قبضة", a fist)."""
    if noun.startswith("ال"):
        return [noun]
    base = noun[:-1] + "ت" if noun.endswith("ه") else noun
    return [noun] + [base + s for s in ("ه", "ها", "هم", "هما")]


def _verb_forms(past: str, present: str, forms: dict[str, list[str]]) -> list[str]:
    """The written forms of a verb from its past and present stems (events.yaml `verb_forms`)."""
    out = [f.format(S=past) for f in forms["past"]] + [f.format(P=present) for f in forms["present"]]
    if past in forms["defective"]:  # a defective verb: "تصدى" -> "تصدت"
        out += [f.format(D=past[:-1]) for f in forms["defective_past"]]
        out += [f.format(Q=present[:-1]) for f in forms["defective_present"]]
    return out


@dataclass(frozen=True)
class Rules:
    classes: dict[str, EventClass]
    triggers: dict[str, list[Trigger]]  # stem of a trigger's first word -> triggers, longest first
    never: frozenset[str]
    party_words: tuple[tuple[str, ...], ...]  # words naming a party where no known actor is named
    conflict_party_words: tuple[tuple[str, ...], ...]  # ... a party to a conflict (for talks)
    suspect_words: tuple[tuple[str, ...], ...]  # ... or the suspects of one (for arrests)
    air_actors: frozenset[str]
    capture_not_after: frozenset[str]
    not_after: dict[str, tuple[tuple[str, ...], ...]]  # trigger -> phrases that, just before it, make an idiom
    not_before: dict[str, tuple[tuple[str, ...], ...]]  # trigger -> phrases that, just after it, unmake it
    figurative_after: frozenset[str]
    figurative_near: frozenset[str]
    figurative_near_reach: int
    devices: frozenset[str]  # what explodes in earnest: "عبوة"، "سيارة مفخخة"
    device_verbs: frozenset[str]  # "انفجر": an explosion only with one of the devices in its sentence
    planted: frozenset[str]  # "سيارة مفخخة"، "عبوة": a bomb's explosion, never a strike's blast
    figurative_before: frozenset[str]
    clause_breaks: re.Pattern[str]
    time_after_break: frozenset[str]  # "في وقت مبكر": no break before these
    toll_verbs_on: frozenset[str]  # "قتل إثر الغارة 10": no break after these
    complementizers: frozenset[str]  # «أن» after a verb of saying: what follows is the report
    aside_words: frozenset[str]  # words of a place set off by commas: "، شرقي اليمن،"
    modality: dict[str, frozenset[str]]  # kind -> its one-word entries
    modality_phrases: dict[str, tuple[tuple[str, ...], ...]]  # kind -> its entries of several words
    window: int
    reach: int
    aggregate: tuple[tuple[str, ...], ...]
    future: frozenset[str]
    reporting: frozenset[str]
    source_words: frozenset[str]
    published_by: frozenset[str]  # "نشرته": the medium after it published the news
    source_adjectives: frozenset[str]
    target_markers: frozenset[str]
    suffering_markers: frozenset[str]  # "في صفوف"، "بحق": the actor right after one suffered it
    party_markers: frozenset[str]
    not_before_subject: frozenset[str]
    member_words: frozenset[str]
    support_markers: frozenset[str]
    affiliation_markers: frozenset[str]  # "تابعة لتنظيم داعش": after an arrest, the suspects' party
    helping: frozenset[str]  # "بمساعدة": a strike after it helps the clause's happening
    imminent: dict[str, frozenset[str]]  # before/after a trigger noun: told as near, not yet come
    agent_verbs: frozenset[str]  # "قصف شنّه داعش": the actor after one is actor1
    agent_markers: tuple[tuple[str, ...], ...]  # "على أيدي"، "من قبل": so is the actor after one of these
    civilian_targets: frozenset[str]
    armed_targets: frozenset[str]
    generic_actors: dict[str, dict]  # id -> {name, name_en, inter, words}
    generic_words: dict[tuple[str, ...], str]  # normalized words -> generic actor id
    casualties: dict[str, frozenset[str]]
    killed_frame: tuple[tuple[str, str], ...]
    no_harm: dict[str, tuple[tuple[str, ...], ...]]  # killed / injured -> words that are zero after a negation
    combined: tuple[str, ...]  # phrases of a combined figure, normalized words space-joined (found in a clause's text)
    revised: tuple[str, ...]  # phrases of a revised toll, normalized words space-joined (found in a clause's text)
    toll_references: frozenset[str]  # "الحادث": a sentence naming a happening so tells its toll
    approximately: tuple[tuple[str, ...], ...]
    openers: frozenset[str]
    link_lines: dict[str, float]
    site_words: dict[str, str]  # a place word (normalized) -> the kind of place it names
    object_classes: frozenset[str]  # classes whose bare object is where it happened ("قصفت ... الحولة")
    object_gap: int  # at most this many words between such a trigger and its object
    not_in_gap: frozenset[str]  # ... none of them a preposition
    victim_subject: frozenset[str]  # "استشهد": its subject died
    defender_subject: frozenset[str]  # "صد": its subject held off the attack of the actors after it
    reactions: frozenset[str]  # "أدان": what follows is a reference
    looking_back: frozenset[str]  # "غداة": a clause telling an earlier happening
    another_happening: frozenset[str]  # "بعد خطفهم": right before a trigger noun, another happening
    alongside: frozenset[str]  # "مع استمرار الاشتباكات": ... another one going on beside it
    another_after: frozenset[str]  # "في غارة ثانية": after a trigger noun, another happening than one before it
    continuing: frozenset[str]  # "تدور"، "مستمرة": a happening told as going on
    resumptive: frozenset[str]  # "فيها": the place named last before the trigger
    subject_carriers: frozenset[str]  # "إذ تمكنت من": the clause goes on with the subject before it
    sport_words: frozenset[str]  # two in a sentence: its battles are games
    mishaps: tuple[tuple[str, ...], ...]  # "حريق"، "حادث سير": the sentence tells an accident or a rescue
    mishap_classes: frozenset[str]  # ... and these classes in it are the accident's, no happening
    interviewers: frozenset[str]  # "التقت وكالة الأنباء": the press meets someone, an interview
    party_satisfies: frozenset[str]  # triggers whose `needs_for` a party named in the clause satisfies
    place_satisfies: frozenset[str]  # ... and those a place named in the clause satisfies
    instrument_openers: frozenset[str]  # "، في تفجير": a clause going on with the one before
    topic_classes: frozenset[str]  # meeting, agreement, decision: what they are about is no place of theirs
    topic_markers: frozenset[str]  # "على"، "حول"، "لبحث": a place after one is a topic
    describing: frozenset[str]  # "الواقعة في": locates the place before
    subjected: frozenset[str]  # "تعرضت": «ل» on a trigger after one is no purpose
    undergoing: frozenset[str]  # "تعرضت", "شهدت": their subject is where it happened
    bordering: frozenset[str]  # "الحدودية مع لبنان": a border's other side, no party
    entering: frozenset[str]  # "دخلت إلى": the place after "إلى" is where it happened
    within_place: frozenset[str]  # "أطراف": part of the place that follows
    of_place: frozenset[str]  # "والي"، "أبناء": people or a body of the place that follows
    speaking_for: frozenset[str]  # "تأمل": a bare place after it (or a reporting verb) is a government
    not_before_reach: int
    scripture: tuple[tuple[str, ...], ...]
    aggregate_toll: int


MODALITY_KINDS = ("negated", "negating_verbs", "legal", "not_negation_after", "failed_deed", "conditional", "question",
                  "intention", "opinion", "background", "since", "munitions", "kinds_of", "since_noun", "state_after",
                  "habitual", "state_nouns_before", "relatives", "vague_objects", "enumeration", "future_near",
                  "main_clause", "topic")


def _words(items) -> frozenset[str]:
    return frozenset(norm(w) for w in items)


def _stemmed(items) -> frozenset[str]:
    """Words as written and as stemmed: a list compared with a word's stem ("الإرهاب" -> "ارهاب")."""
    words = [norm(w) for w in items]
    return frozenset(words) | frozenset(stem(w) for w in words)


def _phrases(items) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(norm(p).split()) for p in items)


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = resources.files("generator").joinpath("data")
    ev = yaml.safe_load(data.joinpath("events.yaml").read_text("utf-8"))
    er = yaml.safe_load(data.joinpath("event_rules.yaml").read_text("utf-8"))
    classes: dict[str, EventClass] = {}
    triggers: dict[str, list[Trigger]] = {}
    present = {norm(k): norm(v) for k, v in ev["present_stems"].items()}
    for rank, (name, c) in enumerate(ev["classes"].items()):
        t, sub = c["type"]
        classes[name] = EventClass(
            name, rank, t, sub,
            {k: tuple(v) for k, v in (c.get("by_actor") or {}).items()},
            {k: tuple(v) for k, v in (c.get("by_target") or {}).items()},
            {norm(k): _words(v) for k, v in (c.get("needs_for") or {}).items()},
            {k: _words(w for w in v if " " not in w) for k, v in (c.get("instrument") or {}).items()},
            {k: _phrases(w for w in v if " " in w) for k, v in (c.get("instrument") or {}).items()},
            _words(c["needs_party"]) if isinstance(c.get("needs_party"), list) else (
                c["needs_party"] if c.get("needs_party") in ("conflict", "suspects") else bool(c.get("needs_party"))),
            c.get("gives_way_to"),
        )
        for kind in ("nouns", "verbs"):
            for listed in c.get(kind, []):
                words = norm(listed).split()
                rest = tuple(stem(w) for w in words[1:])
                if kind == "nouns":
                    firsts = _noun_forms(words[0])
                else:
                    pres = present.get(norm(listed), present.get(words[0], words[0]))
                    firsts = _verb_forms(words[0], pres.split()[0], ev["verb_forms"])
                for n, first in enumerate(firsts):
                    triggers.setdefault(stem(first), []).append(
                        Trigger(name, rest, listed, kind == "verbs", kind == "nouns" and n > 0))
    for options in triggers.values():
        options.sort(key=lambda t: (-len(t.words), classes[t.cls].rank))
        # a noun listed as such wins over another's pronoun form of the same spelling ("انتحاريه", the
        # adjective of "العمليات الانتحارية", is also "انتحاري" + ه)
        listed_nouns = {(t.cls, t.words) for t in options if not t.verb and not t.owned}
        options[:] = [t for t in options if not (t.owned and (t.cls, t.words) in listed_nouns)]
    m = er["modality"]
    generic = er["generic_actors"]
    c = er["casualties"]
    return Rules(
        classes=classes,
        triggers=triggers,
        never=_words(ev["never"]),
        party_words=_phrases(ev["party_words"]),
        conflict_party_words=_phrases(ev["conflict_party_words"]),
        suspect_words=_phrases(ev["conflict_party_words"] + ev["suspect_words"]),
        air_actors=frozenset(ev["air_actors"]),
        capture_not_after=_words(ev["capture_not_after"]),
        not_after={norm(k): _phrases(v) for k, v in ev["not_after"].items()},
        not_before={norm(k): tuple(tuple(norm(w) for w in p) for p in v) for k, v in ev["not_before"].items()},
        figurative_after=_stemmed(ev["figurative_after"]),  # (compared with the stem of the word after)
        figurative_near=_words(ev["figurative_near"]),
        figurative_near_reach=int(ev["figurative_near_reach"]),
        devices=_words(ev["devices"]),
        planted=_words(ev["planted"]),
        device_verbs=_words(ev["device_verbs"]),
        figurative_before=_stemmed(ev["figurative_before"]),
        aside_words=_words(w for w in er["aside_words"] if " " not in w),
        time_after_break=_words(er["time_after_break"]),
        toll_verbs_on=_words(er["toll_verbs_on"]),
        complementizers=frozenset(norm(w) for w in er["complementizers"]),
        clause_breaks=re.compile("|".join(re.escape(norm(b) if b.strip() else b) for b in er["clause_breaks"])),
        modality={k: _words(w for w in m[k] if " " not in w) for k in MODALITY_KINDS},
        modality_phrases={k: _phrases(w for w in m[k] if " " in w) for k in MODALITY_KINDS},
        window=int(m["window"]),
        reach=int(m["reach"]),
        aggregate=_phrases(m["aggregate_markers"]),
        future=_words(m["future"]),
        reporting=_words(er["reporting_verbs"]),
        source_words=_words(er["source_words"]),
        published_by=_words(er["published_by"]),
        source_adjectives=_words(er["source_adjectives"]),
        target_markers=_words(er["target_markers"]),
        suffering_markers=_words(er["suffering_markers"]),
        party_markers=_words(er["party_markers"]),
        not_before_subject=_words(er["not_before_subject"]),
        member_words=_words(er["member_words"]),
        support_markers=_words(w for w in er["support_markers"] if " " not in w),
        affiliation_markers=_words(er["affiliation_markers"]),
        helping=_words(er["helping"]),
        imminent={k: _words(v) for k, v in er["imminent"].items()},
        agent_verbs=_words(er["agent_verbs"]),
        agent_markers=_phrases(er["agent_markers"]),
        civilian_targets=_words(er["civilian_targets"]),
        armed_targets=_words(er["armed_targets"]),
        generic_actors=generic,
        generic_words={tuple(norm(w).split()): gid for gid, g in generic.items() for w in g["words"]},
        casualties={k: _words(c[k]) for k in ("killed_nouns", "injured_nouns", "killed_before", "injured_before",
                                              "killed_after_person", "injured_after_person", "person",
                                              "killing_verbs", "none_negators", "companions", "others",
                                              "other_deeds")},
        no_harm={"killed": _phrases(c["none_killed"]), "injured": _phrases(c["none_injured"])},
        killed_frame=tuple((norm(a), norm(b)) for a, b in c["killed_frame"]),
        combined=tuple(" ".join(p) for p in _phrases(c["combined"])),
        revised=tuple(" ".join(p) for p in _phrases(c["revised"])),
        toll_references=_words(c["references"]),
        approximately=_phrases(c["approximately"]),
        openers=_words(er["elaboration_openers"]),
        link_lines=er["link_lines"],
        looking_back=_words(er["looking_back"]),
        another_happening=_words(er["another_happening"]),
        alongside=_words(er["alongside"]),
        another_after=_words(er["another_after"]),
        continuing=_words(er["continuing"]),
        resumptive=_words(er["resumptive"]),
        subject_carriers=_words(er["subject_carriers"]),
        sport_words=_words(w for w in er["sport_words"] if " " not in w),
        mishaps=_phrases(er["mishaps"]),
        mishap_classes=frozenset(er["mishap_classes"]),
        interviewers=_words(er["interviewers"]),
        party_satisfies=_words(ev["party_satisfies"]),
        place_satisfies=_words(ev["place_satisfies"]),
        instrument_openers=_words(er["instrument_openers"]),
        topic_classes=frozenset(er["topic_markers"]["classes"]),
        topic_markers=_words(er["topic_markers"]["words"]),
        reactions=_words(er["reactions"]),
        victim_subject=_words(er["victim_subject"]),
        defender_subject=_words(er["defender_subject"]),
        describing=_words(er["describing"]),
        subjected=_words(er["subjected"]),
        undergoing=_words(er["subjected"] + er["witnessing"]),
        bordering=_words(er["bordering"]),
        entering=_words(er["entering"]),
        within_place=_words(er["within_place"]),
        of_place=_words(er["of_place"]),
        speaking_for=_words(er["speaking_for"]) | _words(er["reporting_verbs"]),
        site_words={norm(w): kind for kind, words in er["site_words"].items() for w in words},
        object_classes=frozenset(er["object_site"]["classes"]),
        object_gap=int(er["object_site"]["max_gap"]),
        not_in_gap=_words(er["object_site"]["not_between"]),
        not_before_reach=int(ev["not_before_reach"]),
        scripture=_phrases(er["scripture"]),
        aggregate_toll=int(er["aggregate_toll"]),
    )


_BY_FIRST: dict[tuple[int, bool], tuple[tuple, dict]] = {}


def by_first(phrases: tuple[tuple[str, ...], ...], stemmed: bool = True) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by their first word, the rest stemmed or as written. Kept by the list's identity (the
    rule lists are made once: a few keys), as hashing a long tuple of tuples at every call cost more
    than the lookup; the entry holds the list, so its id is never another's."""
    hit = _BY_FIRST.get((id(phrases), stemmed))
    if hit is not None and hit[0] is phrases:
        return hit[1]
    index = _by_first(phrases, stemmed)
    _BY_FIRST[id(phrases), stemmed] = (phrases, index)
    return index


def _by_first(phrases: tuple[tuple[str, ...], ...], stemmed: bool) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        out.setdefault(p[0], []).append(tuple(stem(x) for x in p[1:]) if stemmed else p[1:])
    return {k: tuple(v) for k, v in out.items()}
