"""Stage 7b (corpus): threads of stories that continue one another.

Two stories are one thread when they are about the same ongoing affair at different
times — the 21st and the 22nd session of a commission, a lockdown announced and then
extended. A story's profile is the TF-IDF of its titles and leads plus its named
entities (spelling-folded keys, IDF-weighted); stories whose profiles are close are
grouped by the same average-link agglomeration as articles (so an affair does not chain
into a whole topic), and a thread is kept only when it holds stories of at least two
different dates. Candidate pairs come from shared rare entities and words.

A count reported day after day ("दिल्ली में 62 नए मामले", next day "दिल्ली में 67 नए मामले")
is worded anew each day, and its place is in every other story of the topic, so neither
its words nor its names hold it together. A story whose titles (at least half of them)
count something for a place carries that as a series key (the place + the counted thing,
`_series`); stories sharing a key are at least SERIES_SIM alike.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from scipy import sparse

from khabar.fold import fold_key
from khabar.lang import stopwords
from khabar.model import Article
from khabar.stages.cluster import _WINDOW_SLOTS, _average_link, _row_dots
from khabar.stages.facts import (counted_thing, home_country, is_number_word, marks_tally, measure_kind, names_incident,
                                 steps_measure, tally_kind, tally_scope)
from khabar.text import ascii_digits, word_spans, words
from khabar.tfidf import tfidf_matrix

# Story-to-story similarity needed to thread (average link). Set between the values
# measured on the invented sample + seeds (5th and 6th commission meetings: 0.51; the
# 2023 and 2025 India-Russia defence meetings: 0.27) and on hindi-news-2020 run as 330
# whole daily files (no pair above 0.26, as no two daily digests continue one another).
THREAD_THRESHOLD = 0.35
W_TEXT, W_ENT = 0.5, 0.5
# Story pairs less similar than this get no link (as in clustering): on the 10k speed
# store the same 1,443 threads come out, average link takes a third less time, and the
# sample's and seeds' threads (tests/test_thread.py, test_sample.py) are unchanged.
THREAD_LINK_FLOOR = 0.1
MAX_DF_SHARE = 0.1
# and never more than 150 stories: an entity in more is a topic (कोरोना, दिल्ली) whose pairs
# (11,000 for 150 stories) cost time and thread nothing; corpora under 1,500 stories (the
# sample, the seeds, hindi-news-2020) never reach it, so their threads are unchanged
MAX_DF_CAP = 150
ENTITY_LABELS = {"PER", "LOC", "ORG"}
# How alike two stories sharing a series key are at least: above THREAD_THRESHOLD, so that
# the days of one series thread even when their titles share few words. Measured with
# `python benchmarks/thread_eval.py` on 2026-12-06 (the Hindi event gold's series): 0.5
# threads 9 of the 159 series pairs (4 without series keys), 9 of the 25 thread pairs
# among the gold's stories being series (4 of 19 without); 0.4 threads 7 of 159, with
# fewer series stories reaching the threshold once a third joins. Since roundups are cut
# into their items (more, shorter stories around the gold): 8 of 178, 3 without; and with
# a story's key being what most of its titles count (not any one title's): 9 of 178, 9 of
# the 22 thread pairs being series. With keys that name the kind of tally, the country or
# the world, and the lead's place (2026-12-06, later), over the tuning part and the first
# three check parts (147 series pairs; the fourth part left out): at 0.4 / 0.5 / 0.6 / 0.7,
# 60 / 76 / 99 / 99 thread pairs, 26 / 40 / 56 / 57 of them series (with देश read as भारत in
# Hindi); 0.6 kept (0.7 gains one pair; 0.6 was chosen first, with kinds and scopes alone: 38
# thread pairs, 16 series).
SERIES_SIM = 0.6
# Tallies that also count one incident's toll (three killed in an accident, five arrested in a
# raid): counted by a number in a title that names an incident (the incident role of
# facts_words.txt), they key a series only where the title marks a running tally.
INCIDENT_KINDS = frozenset({"deaths", "injured", "arrests"})
# A series key in more stories than this gives no pairs (their pairs grow with the square:
# 400 stories are 79,800 pairs); a key that common is a topic's count, not one series.
SERIES_MAX_DF = 400


class StoryProfile(NamedTuple):
    """What threading reads of a story: the content words of its articles' titles and leads,
    and its entity keys weighted by how many of its articles name them."""
    words: tuple[str, ...]
    entities: dict[str, float]
    series: tuple[str, ...] = ()


def profile_json(profile: StoryProfile) -> str:
    """A profile as JSON text (floats written exactly: `profile_from_json` gives it back equal)."""
    return json.dumps([list(profile.words), profile.entities, list(profile.series)], ensure_ascii=False,
                      separators=(",", ":"))


def profile_from_json(text: str) -> StoryProfile:
    words, entities, *rest = json.loads(text)  # profiles stored before series keys have two parts
    return StoryProfile(tuple(words), entities, tuple(rest[0]) if rest else ())


def story_profile(arts: Sequence[Article]) -> StoryProfile:
    """A story's profile from its articles, in the story's order. The per-story workers make
    it with the story, so that threading does not read every article again in one process
    (at 100,000 articles that reading was most of the phase)."""
    arts = list(arts)
    return StoryProfile(tuple(_words(arts, stopwords())), _entities(arts), _series(arts))


def find_threads(stories: list[tuple[str, str | None, StoryProfile | Sequence[Article]]],
                 threads: int = 1) -> dict[str, str]:
    """Map story id -> thread id for stories that belong to a thread of ≥2 stories on
    different dates. Each story is given with its profile, or its articles to make one from.
    `threads`: how many threads work out the pairs' dot products (the result does not depend
    on it)."""
    stories = sorted(stories, key=lambda s: s[0])
    n = len(stories)
    if n < 2:
        return {}
    docs, ents, keys = [], [], []
    for _sid, _d, given in stories:  # each story's articles read once (they may be unpacked as read)
        profile = given if isinstance(given, StoryProfile) else story_profile(given)
        docs.append(profile.words)
        ents.append(profile.entities)
        keys.append(profile.series)
    try:
        matrix = tfidf_matrix(docs, sublinear_tf=True)
    except ValueError:
        return {}
    df = Counter(k for e in ents for k in e)
    idf = {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}
    norms = [math.sqrt(sum((idf[k] * v) ** 2 for k, v in e.items())) for e in ents]
    max_df = max(5, min(int(MAX_DF_SHARE * n), MAX_DF_CAP))
    column: dict[str, int] = {}
    cells_i, cells_j = [], []
    for i, e in enumerate(ents):
        for k in e:
            if 1 < df[k] <= max_df:
                cells_i.append(i)
                cells_j.append(column.setdefault(k, len(column)))
    series = _shared_series(keys)
    if not cells_i and not len(series):
        return {}
    # candidate pairs: stories sharing a kept entity, all counted in one sparse product
    shared = sparse.csr_matrix((np.ones(len(cells_i)), (cells_i, cells_j)), shape=(n, len(column)))
    both = sparse.triu(shared @ shared.T, k=1).tocoo()
    pairs = np.unique(np.concatenate((both.row.astype(np.int64) * n + both.col, series)))  # (i, j) in order
    rows_i, rows_j = pairs // n, pairs % n
    if not len(rows_i):
        return {}
    # the pairs' text cosines as row dots in batches (rows are L2-normalised; all pairs at
    # once made the run's peak memory at 10,000 articles)
    texts = _row_dots(matrix, rows_i, rows_j, threads=threads)
    ent_sims = np.clip(_row_dots(_entity_matrix(ents, idf, norms), rows_i, rows_j, threads=threads), 0.0, 1.0)
    sims = W_TEXT * texts + W_ENT * ent_sims
    sims = np.where(np.isin(pairs, series), np.maximum(sims, SERIES_SIM), sims)
    keep = sims >= THREAD_LINK_FLOOR
    labels = _average_link(n, (rows_i[keep], rows_j[keep], sims[keep]), THREAD_THRESHOLD)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        groups[lab].append(i)
    out: dict[str, str] = {}
    for members in groups.values():
        dates = {stories[i][1] for i in members if stories[i][1]}
        if len(members) < 2 or len(dates) < 2:
            continue
        first = min(stories[i][0] for i in members)
        tid = "t" + hashlib.sha1(first.encode()).hexdigest()[:8]
        for i in members:
            out[stories[i][0]] = tid
    return out


def _words(arts: list[Article], stop: frozenset[str]) -> list[str]:
    """Content words of a story's titles and leads."""
    out: list[str] = []
    for a in arts:
        lead = a.text[: a.sentences[min(2, len(a.sentences) - 1)].end] if a.sentences else a.text[:400]
        for w in words(ascii_digits(f"{a.title or ''} {lead}")):
            w = w.lower()
            if w not in stop and len(w) > 1:
                out.append(w)
    return out


def _series(arts: list[Article]) -> tuple[str, ...]:
    """Series keys of a story: "<place key>|<counted thing>" where the titles of at least half
    of its articles count something for a place. The place is the title's last one before the count
    ("पटना / बिहार में 30 मामले": बिहार), else its first; a word that stands for the country or
    the world (देश, दुनिया, worldwide: scope-<name> in facts_words.txt) is a place "@<name>",
    the country being the language's home country where one is set (भारत for Hindi).
    The counted thing is the kind of tally when a word names one (मामले, केस, संक्रमित and
    infections are "cases"; मौतें and killed "deaths": tally-<kind> in facts_words.txt), so that
    one place's count worded anew each day keeps its key. The word gives it as the noun a
    number counts, or beside a number in a title that marks a running tally ("अब तक तीन
    लोगों की मौत", "मरीजों की संख्या 38": `marks_tally`, or a bulletin's two figures of two
    kinds), so that one accident's toll starts no series. A title that names no place takes
    its lead's first ("114 की मौत, 4421 संक्रमित"). Otherwise the counted thing is the
    count's slot, where a time window ("24 घंटे") and nobody in particular (लोग, people) are
    none. A measure with a step taken with it ("पंजाब में कर्फ्यू लागू", then "पंजाब में 17 मई
    तक बढ़ा कर्फ्यू"; measure-<kind> and measurestep in facts_words.txt) keys
    "<place>|<measure>". An article whose title is not in its text is read by its first
    sentence."""
    counts: Counter = Counter()
    for a in arts:
        counts.update(_title_series(a))
    need = (len(arts) + 1) // 2  # what most of its reports' titles count, not one report's
    return tuple(k for k, c in counts.items() if c >= need)


def _title_series(a: Article) -> list[str]:
    """The series keys one article's title gives (see `_series`)."""
    if a.title_span:
        start, end = a.title_span.start, a.title_span.end
    else:
        start, end = (a.sentences[0].start, a.sentences[0].end) if a.sentences else (0, 0)
    title = a.text[start:end]
    spans = _spans(a.text, start, end)
    places = _places(a, start, end, spans)
    if not places:  # "114 की मौत, 4421 संक्रमित": the lead says where
        lead = next((s for s in a.sentences if s.start >= end), None)
        if lead is None:
            return []
        places = _places(a, lead.start, lead.end, _spans(a.text, lead.start, lead.end))[:1]
        if not places:
            return []

    def place_before(at: int) -> str:
        before = [k for st, k in places if st < at]
        return before[-1] if before else places[0][1]

    numbers = sum(is_number_word(a.text[s:e]) for s, e in spans)
    kinds = [(s, kind) for s, e in spans if (kind := tally_kind(a.text[s:e]))]
    # a running tally: marked as one ("कुल", "अब तक", "new"), or a bulletin's two figures of
    # two kinds ("114 की मौत, 4421 संक्रमित")
    marked = numbers > 0 and (marks_tally(title) or (numbers > 1 and len({k for _, k in kinds}) > 1))
    keys: dict[str, None] = {}
    for f in a.facts:
        if f.kind == "count" and f.start < end:
            thing = counted_thing(f.slot)
            if thing and thing.rsplit(" ", 1)[-1] not in _WINDOW_SLOTS:
                kind = next((k for k in map(tally_kind, thing.split()) if k), "")
                if kind in INCIDENT_KINDS and not marked and names_incident(title):
                    continue  # "three killed in a road accident": one incident's toll, no series
                keys[place_before(f.start) + "|" + (kind or thing)] = None
    if kinds and marked:
        for s, kind in kinds:
            keys[place_before(s) + "|" + kind] = None
    # a measure and a step taken with it ("लॉकडाउन 3 मई तक बढ़ा", "curfew lifted")
    measures = [(s, kind) for s, e in spans if (kind := measure_kind(a.text[s:e]))]
    if measures and steps_measure(title):
        for s, kind in measures:
            keys[place_before(s) + "|" + kind] = None
    return list(keys)


def _places(a: Article, start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, key) of the places named between `start` and `end`, and of the words there
    that stand for the country or the world ("@national", "@world"), in order."""
    places = [(m.start, _place_key(m.key)) for m in a.mentions if m.label == "LOC" and m.key and start <= m.start < end]
    home = _home_key(a.language)
    scopes = [(s, home if scope == "national" and home else "@" + scope)
              for s, e in spans if (scope := tally_scope(a.text[s:e]))]
    return sorted(places + scopes)


def _spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) in `text` of every word between `start` and `end`."""
    return [(s + start, e + start) for s, e in word_spans(text[start:end])]


def _place_key(key: str) -> str:
    """A place's folded key without spaces: "मध्य प्रदेश" and "मध्यप्रदेश" are one place."""
    return key.replace(" ", "")


@lru_cache(maxsize=8)
def _home_key(language: str | None) -> str:
    """The place key of the country "the country" means in this language (`home_country`),
    or ""."""
    home = home_country(language)
    return _place_key(fold_key(home)) if home else ""


def _shared_series(keys: list[tuple[str, ...]]) -> np.ndarray:
    """i * n + j for every pair of stories i < j that share a series key held by at most
    SERIES_MAX_DF stories, in order."""
    n = len(keys)
    holders: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            holders[k].append(i)
    out = [np.asarray(h, dtype=np.int64) for h in holders.values() if 1 < len(h) <= SERIES_MAX_DF]
    if not out:
        return np.zeros(0, dtype=np.int64)
    codes = [(h[:, None] * n + h[None, :])[np.triu_indices(len(h), k=1)] for h in out]
    return np.unique(np.concatenate(codes))


def _entities(arts: list[Article]) -> dict[str, float]:
    """Entity keys of a story, weighted by how many of its articles mention them."""
    c: Counter = Counter()
    for a in arts:
        # in the order the article names them (a set's order changes with the process's string
        # hashing, and with it the stored profile's text and the order its floats are summed)
        for k in dict.fromkeys(m.key for m in a.mentions if m.key and m.label in ENTITY_LABELS):
            c[k] += 1
    return {k: math.log1p(v) for k, v in c.items()}


def _entity_matrix(ents: list[dict[str, float]], idf: dict[str, float], norms: list[float]):
    """Stories x entity keys, IDF-weighted and L2-normalised, so that a row dot is `_cosine`."""
    keys = {k: n for n, k in enumerate(idf)}
    rows, cols, vals = [], [], []
    for i, e in enumerate(ents):
        if not norms[i]:
            continue
        for k, v in e.items():
            rows.append(i)
            cols.append(keys[k])
            vals.append(idf[k] * v / norms[i])
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(ents), len(keys)))
