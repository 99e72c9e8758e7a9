"""The events of one article: its happenings, their arguments, one entry per happening.

Every sentence that is not page furniture, the title or a foot-of-page link line is read for
happenings (sentence.py); each gets its date (dating.py), arguments and type (arguments.py) and
toll (casualties.py). Then the happenings of the article that tell the same thing (the lead and
the sentences that go on about it: one type, compatible days, places and actors) become one event
with every sentence as evidence (coding guide, "حدث واحد لكل واقعة").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left

from ..dates import DateExpr
from ..entities import ADJECTIVE, Candidate, Mention
from ..furniture import in_furniture
from ..gazetteer import Gazetteer
from ..normalize import Normalized, normalize
from ..read import Article
from ..segment import paragraphs, sentences
from .actors import PARTIES, preposition_clitic
from .arguments import arguments, resolve_type
from .dating import date_of, long_ago, of_a_state, set_date, since_span, since_start
from .fallback import country_place, implied_enemy, paragraph_place, sentence_place
from .model import FIGHTING_TYPES, Event
from .rules import listed, rules, stem
from .sentence import Sentence, find_happenings
from .sides import as_fighters, with_joint
from .tellings import Told, one_per_happening, same_day_and_place
from .tolls import figures_of, revise
from .words import TOKEN, Tokens, may_happen, may_tell, says_we, toll_words


def _event_id(article: Article, start: int, end: int) -> str:
    """Stable while the article's text does not change: its hash and the clause's place in it."""
    return "ev-" + hashlib.sha1(f"{article.sha256}:{start}:{end}".encode()).hexdigest()[:12]


def _within(items: list, starts: list[int], s: int, e: int) -> list:
    """The items (sorted by start) that start in [s, e): a bisect, not a scan, for long articles."""
    return items[bisect_left(starts, s) : bisect_left(starts, e)]


def link_lines(text: str, body_start: int, lines: list[tuple[int, int]] | None = None) -> set[int]:
    """Starts of the lines that are links to other articles at the foot of a page: short lines with no
    full stop, two or more in a row, in the last part of the body (event_rules.yaml, link_lines).
    `lines`: the body's paragraphs, when the caller has them already."""
    cfg = rules().link_lines
    lines = paragraphs(text, body_start) if lines is None else lines
    tail = len(lines) - max(int(len(lines) * cfg["tail"]), 2)
    short = [i for i in range(max(tail, 0), len(lines)) if len(text[slice(*lines[i])].split()) <= cfg["max_words"]
             and not text[slice(*lines[i])].rstrip().endswith((".", "!", "؟", "?", ":", "»", '"'))]
    out: set[int] = set()
    for i in short:
        if i - 1 in short or i + 1 in short:
            out.add(lines[i][0])
    return out


def article_events(article: Article, dates: list[DateExpr], mentions: list[Mention],
                   gazetteer: Gazetteer, normalized: Normalized | None = None,
                   candidates: list[Candidate] | None = None) -> list[Event]:
    """The events one article tells. `dates`, `mentions` and `candidates` (places the gazetteer
    lacks) carry offsets into article.text; `normalized` is the body normalized, when the taggers
    already did it."""
    text, bs = article.text, article.body_start
    body = normalized or normalize(article.body)
    title = article.title_span
    resolved = sorted((d for d in dates if d.date_start and not d.vague), key=lambda d: d.start)
    date_starts = [d.start for d in resolved]
    mentions = sorted(mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]
    candidates = sorted(candidates or [], key=lambda c: c.start)
    candidate_starts = [c.start for c in candidates]
    furniture_starts = [f.start for f in article.furniture]
    lines = paragraphs(text, bs)
    links = link_lines(text, bs, lines)
    para_starts = [p[0] for p in lines]
    r = rules()
    told: list[Told] = []
    spans = sentences(text, bs, lines=lines)
    revisions: list[tuple[int, int, int, Sentence]] = []  # sentences that only revise a toll
    if title and not text[bs : title[0]].strip() and not text[title[1] :].strip():
        title = None  # a wire item of one paragraph and no headline: its one line is its text
    if _opinion_piece(body, bs, spans, r):
        return []  # a column in the first person plural: its "انفجار" and "تحرير" are figures of speech
    tokens = Tokens(body)
    for n, (s0, e0) in enumerate(spans):
        if in_furniture(article.furniture, s0, e0, furniture_starts) or (title and s0 <= title[0] < e0):
            continue
        para = max(0, bisect_left(para_starts, s0 + 1) - 1)
        if para_starts and para_starts[para] in links:
            continue
        n0, n1 = body.to_norm(s0 - bs), body.to_norm(e0 - bs)
        plain, span = body.text[n0:n1], tokens.span(n0, n1)
        if not (tokens.may_tell(*span) if span else may_tell(plain)):  # no word of it can be a trigger
            # (most sentences): not read further,
            if any(p in plain for p in r.revised) or r.toll_references.intersection(plain.split()):
                # unless it revises or tells a toll ("وارتفعت الحصيلة إلى 30"، "أسفر الحادث عن مقتل 3")
                revisions.append((para, s0, e0, Sentence(body, bs, s0, e0)))
            continue
        words_of = TOKEN.findall(plain)
        stems_of = list(map(stem, words_of))
        if not may_happen(words_of, stems_of) and toll_words().isdisjoint(words_of):
            continue  # no trigger begins at any of its words, and it names no happening for a toll
        s = Sentence(body, bs, s0, e0, stems_of)
        if s.phrase_in(r.scripture):
            continue  # a verse quoted: its verbs are not the news
        sentence_dates = _within(resolved, date_starts, s0, e0)
        in_sentence = _within(mentions, mention_starts, s0, e0)
        # a trigger inside a date ("فجر الأحد") or an actor's name ("فجر ليبيا"، "هيئة تحرير الشام") is none
        s.mark([(m.start, m.end) for m in in_sentence if m.kind == "actor" and m.id in gazetteer.actors
                and gazetteer.actors[m.id].kind in PARTIES],
               [(m.start, m.end) for m in in_sentence if m.kind == "place" and m.role is not None],
               [(m.start, m.end) for m in in_sentence if m.kind == "place"])
        s.block_dates([(d.start, d.end) for d in sentence_dates],
                      [(_adjective_start(m), m.end) for m in in_sentence if m.kind == "actor" and not m.inferred])
        found = find_happenings(s)
        if not found:
            if s.has(r.toll_references, 0, len(s.words)):  # "نتج عن الحادث استشهاد 12 وإصابة تسعة"
                revisions.append((para, s0, e0, s))
            continue
        # "منذ منتصف يونيو" a month or more before P begins a period (a state: "كانت تسيطر عليها منذ"),
        # the day of no happening
        long_since = [d for d in sentence_dates if since_start(s, d) and long_ago(d, article)]
        datable = [d for d in sentence_dates if d not in long_since]
        for f in found:
            args = arguments(s, f, in_sentence, gazetteer, _within(candidates, candidate_starts, s0, e0))
            type_, sub = resolve_type(f, args, gazetteer)
            if type_ in FIGHTING_TYPES:
                args.actor1, args.actor2 = as_fighters(gazetteer, args.actor1), as_fighters(gazetteer, args.actor2)
            args.actor1, args.actor2 = with_joint(gazetteer, args.actor1), with_joint(gazetteer, args.actor2)
            date, how = date_of(s, f, datable, found)
            figures = figures_of(s, f, found)
            a, b = s.orig(f.c0), s.orig(f.c1)
            ev = Event(
                id=_event_id(article, a, b), date_start=None, date_end=None, precision=None, kind="reported",
                date_text=None, date_rule=None, type=type_, sub_type=sub, places=args.places,
                actors=args.actor1 + [m for m in args.actor2 if m not in args.actor1], fatalities=figures.killed,
                injured=figures.injured, article=article, start=a, end=b,
                casualty_text=[text[s.orig(i) : s.orig_end(j - 1)] for i, j in figures.said],  # (as written)
                sentence=text[s0:e0], date_from=how, happening=f.cls,
                trigger=text[s.orig(f.first) : s.orig_end(f.last)],
                trigger_at=s.orig(f.first), actor1=args.actor1, actor2=args.actor2, sources=sorted(set(args.sources)),
                geo_precision=args.geo_precision, place_how=args.place_how, evidence=[(s0, e0)], site=args.site,
                combined=figures.combined, note=_note(text[a:b]), topics=args.topics,
            )
            if _no_party(r.classes[f.cls].needs_party, f, ev, s, r, in_sentence):
                continue  # talks or a deal with no party named: a club's, a company's; "في قمة إنجازاته"
            reacted = _reaction(s, f)  # "وأدان أمس اختطاف الموظفين": the day is the condemnation's,
            if reacted:  # and who condemns is no party to it
                ev.actor1 = [m for m in ev.actor1 if m.start >= ev.trigger_at]
                ev.actors = ev.actor1 + [m for m in ev.actor2 if m not in ev.actor1]
            # "ويأتي الهجوم غداة خطف ثمانية": an earlier happening looked back to takes no day but its own
            reacted |= how != "clause" and bool(r.looking_back.intersection(s.words[max(0, f.c0 - 1) : f.c0 + 1]))
            # "وأكدت الأحد أنهم من عناصر الفرقة بعد خطفهم": a day before "بعد" is the verb's, not the abduction's
            other = f.other == "before"
            reacted |= other
            if date is None and any(s.orig(f.c0) <= d.start < s.orig(f.c1) and not of_a_state(s, f, d)
                                    for d in long_since):
                continue  # "وتحاصر الزبداني منذ 2013": a state of the war since long ago, background
            if date is not None and not (reacted and date.start < ev.trigger_at):  # ("ندد بالهجوم الذي
                # أوقع أمس 30 قتيلاً": a day after the trigger is the happening's own)
                set_date(ev, date.date_start, date.date_end, date.precision, date.text, date.rule, article)
                if since_span(s, f, date, article):  # "يخوضها منذ أسبوع": the week up to P
                    ev.date_end, ev.precision = article.published, "days"
                    ev.notes.append("going on since then: the span up to the publication day")
            if f.status == "future" and ev.kind != "planned":
                continue  # told in the future with no stated day after P: a plan, no happening
            if _background(s, f, ev, how, article) or f.status == "since" and how != "clause":
                continue
            if max(figures.killed or 0, figures.injured or 0, figures.combined or 0) >= r.aggregate_toll:
                continue  # "20 ألف جريح": a count over months, not one happening
            if f.cls == "decision" and not any(_speaks_for_party(gazetteer, m.id) and _subject(s, f, m)
                                               for m in args.actor1):
                continue  # a demand or decision is news when a party to the conflict makes it
            # ("إثر الهجوم الانتحاري في سروج قبل أسبوع": one with a day of its own is told, not referred to)
            referred = reacted and not (other and ev.date_start is not None)
            # ("مع استمرار الاشتباكات": a happening going on beside the verb's is told here, not referred to)
            beside = f.other == "alongside"
            reference = referred or _reference(s, f) and how != "clause" and not beside
            told.append(Told(ev, para, n, figures.revised, reference, reacted, _reference(s, f), beside))
    events = one_per_happening(told, gazetteer)
    paragraph_of = {id(t.event): t.paragraph for t in told}
    for para, s0, e0, s in revisions:
        revise(events, paragraph_of, para, s0, e0, s, text)
    for i, ev in enumerate(events):
        if not ev.places:
            sentence_place(ev, mentions, gazetteer)
        if not ev.places:
            paragraph_place(ev, [e for e in events[:i] if paragraph_of[id(e)] == paragraph_of[id(ev)]],
                             mentions, gazetteer)
        if not ev.places:
            country_place(ev, mentions, gazetteer, para_starts, paragraph_of[id(ev)], title)
        if ev.type in FIGHTING_TYPES and bool(ev.actor1) != bool(ev.actor2):
            implied_enemy(ev, mentions, gazetteer, para_starts, paragraph_of[id(ev)], events)
    return [ev for ev in same_day_and_place(events, gazetteer) if not _says_nothing(ev, gazetteer)]


def _says_nothing(ev: Event, gaz: Gazetteer) -> bool:
    """Whether every telling of a happening left who, when, where and what it cost unsaid: no actor
    (not even "مدنيون"), no day, no figure, no place below a country of its own clause. ACLED records
    no event without an actor; in news such a clause is nearly always a remark, a figure of speech or
    a kind of happening ("في خضم المعارك الضارية"، "مشهد قتال" in a film)."""
    if rules().classes[ev.happening].needs_party:
        return False  # (talks, deals, decisions, arrests, looting named their party to be told at all)
    placed = ev.place_how in ("clause", "sentence") and bool(ev.places) and (
        ev.places[0].id not in gaz.places or gaz.places[ev.places[0].id].kind != "country")
    return not ev.actors and ev.date_start is None and not placed and all(
        x is None for x in (ev.fatalities, ev.injured, ev.combined))


SUBJECT_REACH = 5  # words after a verb its subject may stand at ("وحذر وزير الدفاع التركي خلوصي أكار")


def _subject(s: Sentence, f, m: Mention) -> bool:
    """Whether actor `m` can be the one who decides or demands: named before the trigger in its
    clause or sentence, or within SUBJECT_REACH words after it, and not after a preposition (what a
    demand is about or against: "طالب الوجهاء بطرد الحوثيين"، "دعت العشائر إلى الثورة ضد التنظيم"),
    unless the party is that of the one who speaks ("القيادي في حركة أنصار الله"، "المتحدث الرسمي
    لتنظيم داعش"); a state named deep in what is said ("يحذر مصرفي من أن الكساد المقبل سيكون من صنع
    الصين") says nothing."""
    r = rules()
    k = s.token_at(m.start)
    clitic = bool(preposition_clitic(s, m))
    governed = clitic or k > 0 and listed(s.words[k - 1], r.not_before_subject)
    head = k - 1 if clitic else k - 2  # the noun before its preposition
    if governed:
        if head < 0 or not listed(s.words[head], r.member_words):
            return False
        k = head  # (the speaker's own place in the sentence)
    if k < f.first:
        return True
    return k <= f.last + SUBJECT_REACH and not any(
        (listed(w, r.not_before_subject) or w.lstrip("وف")[:1] in "بل" and len(w) > 3)  # ("بطرد المسلحين")
        and not listed(w, r.member_words) for w in s.words[f.last + 1 : k])  # ("وحذر الناطق باسم حماس")


def _speaks_for_party(gaz: Gazetteer, actor_id: str) -> bool:
    """A party to the conflict, or a person holding an office of one (a president, a minister)."""
    a = gaz.actors.get(actor_id)
    return a is not None and (a.kind in PARTIES or any(
        r.of in gaz.actors and gaz.actors[r.of].kind in PARTIES for r in a.roles))


BACKGROUND_AGE = dt.timedelta(days=60)
OPINION_SHARE = 0.3  # of an article's sentences in the first person plural, outside quotes: a column


def _no_party(needs, f, ev: Event, s: Sentence, r, mentions: list[Mention]) -> bool:
    """Whether a happening that needs a party (events.yaml `needs_party`) names none: no known actor,
    none of the party words in its sentence (for talks, only the words for a party to a conflict:
    a minister meeting his staff is no diplomacy of this chronology), and no place named by the
    trigger itself (a conference or talks named after where they meet: "مؤتمر سوتشي"، "محادثات أستانا")."""
    if not needs or (isinstance(needs, frozenset) and f.trigger.text not in needs):
        return False
    if any(m.id != "civilians" for m in ev.actors):  # (people as such name no party: "ثلاثة أشخاص")
        return False
    end = ev.trigger_at + len(ev.trigger)
    if any(m.kind == "place" and 0 <= m.start - end <= 1 for m in mentions):
        return False
    words = {"conflict": r.conflict_party_words, "suspects": r.suspect_words}.get(needs, r.party_words)
    return not s.phrase_in(words)


def _opinion_piece(body: Normalized, bs: int, spans: list[tuple[int, int]], r) -> bool:
    """An opinion column: many of its sentences speak as "we" ("أصبحنا"، "بيننا"، "نحن") and report no one."""
    if len(spans) < 4 or not says_we(body.text, 3):
        return False  # (news seldom says "we": most articles stop here)
    ours = 0
    for s0, e0 in spans:
        plain = body.between(s0 - bs, e0 - bs)
        words = plain.split()
        if not r.reporting.isdisjoint(words) or not says_we(plain, 1):
            continue  # (a word of the test below is one says_we counts)
        if any(w == "نحن" or (len(w) > 4 and w.endswith("نا") and w not in ("احيانا", "ايضا")) for w in words):
            ours += 1
    return ours >= OPINION_SHARE * len(spans) and ours >= 3


def _reference(s: Sentence, f) -> bool:
    """A definite noun trigger ("الهجوم"، "هذا الاتفاق"، "التفجير"; or one made definite by the noun
    after it, "انفجار السيارة المفخخة"): it names a happening, often one the article has told already."""
    w = s.words[f.first].lstrip("وف")
    w = w[1:] if w[:1] in "بل" and w[1:3] == "ال" else w
    nxt = s.words[f.last + 1] if f.last + 1 < len(s.words) else ""
    return not f.trigger.verb and (w.startswith("ال") or w.startswith("لل") or (
        f.first > 0 and s.words[f.first - 1] in ("هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين")) or (
        nxt.startswith("ال") and stem(nxt) in rules().devices))


def _adjective_start(m: Mention) -> int:
    """Where an actor's name blocks triggers: a head named with a country's adjective ("غارة أميركية")
    is a happening's noun too; only its adjective is the name's."""
    if not m.how.startswith(ADJECTIVE) or " " not in m.text:
        return m.start
    return m.start + m.text.rindex(" ") + 1


def _reaction(s: Sentence, f) -> bool:
    """A happening named as what a party condemns or welcomes ("أدان اختطاف"، "رحبت باتفاق"): it is
    real, but told on its own day elsewhere; the reaction's day is not its day."""
    reactions = rules().reactions
    return any(s.stems[j] in reactions or s.words[j] in reactions for j in range(f.c0, f.first))


def _background(s: Sentence, f, ev: Event, how: str, article: Article) -> bool:
    """A happening told as background: in a relative clause with no date of its own ("الذي سيطر على
    مساحات واسعة"), or dated only to a month, season or year long before the publication day ("بعض
    الأراضي التي خسرتها العام الماضي"): the history the news is set in, not the news."""
    r = rules()
    if how != "clause" and any(s.words[j] in r.modality["relatives"] for j in range(max(0, f.first - 3), f.first)):
        return True
    if how != "clause" and (s.has(r.modality["vague_objects"], f.last + 1, min(f.c1, f.last + 5)) or s.phrase_in(
            r.modality_phrases["vague_objects"], f.last + 1, min(f.c1, f.last + 5))) and not (
            s.has(r.modality["enumeration"], f.last + 1, f.last + 16)
            or s.phrase_in(r.modality_phrases["enumeration"], f.last + 1, min(len(s.words), f.last + 16))):
        return True  # "واستولى على عدد من البلدات": the war's course summed up (unless it names them)
    p = article.published
    return bool(p and ev.date_end and ev.precision in ("month", "season", "year", "week")
                and ev.date_end < p - BACKGROUND_AGE)


def _note(clause: str) -> str:
    return " ".join(clause.split())[:240]
