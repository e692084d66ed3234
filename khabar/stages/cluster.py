"""Stage 7 (corpus): articles about the same real-world happening, grouped.

Each article becomes three views: a TF-IDF vector of its words (title and lead
counted more), its set of named entities (spelling-folded keys), and its numbers.
Candidate pairs come from an inverted index over each article's most distinctive
words and entities (terms shared by too many articles are not used), never from all
pairs. A pair's similarity mixes the three views and is damped when the two
articles' own event dates are known and far apart, so that a similar happening at
another time stays apart. Groups are then formed by average-link agglomeration over
the sparse candidate graph (a missing edge counts as 0), which, unlike single-link,
does not chain topics together.
"""
from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np
import regex
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from khabar.lang import word_list
from khabar.model import Article
from khabar.stages.eventdate import event_date
from khabar.text import ascii_digits, words
from khabar.translit import skeleton

# --- weights and thresholds ---------------------------------------------------------
# Tuned with `python benchmarks/eval_cluster.py --sweep` on ECB+ (English, 982 articles),
# the seeds, the bundled sample (Hindi) and seeds+sample together ("mixed", so that the
# seeds' separation does not hang on corpus statistics): TEXT in 0.5-0.8 and ENT in
# 0.1-0.4 (steps of 0.1, NUM the rest), THRESHOLD 0.10-0.24, PEOPLE_FLOOR 0.4-1.0.
# Kept: the best ECB+ B³ F1 (0.917, precision 0.95) among settings that keep the seeds
# exact and make no false merge on the small sets (sample 0.957, mixed 0.966).
# Not yet tuned on the hand-made Hindi gold (hindi-gold in the harness: B³ F1 0.746, P 0.68 then,
# 0.758, P 0.70 with the word-class NER of 2026-12-01;
# pairwise F1 0.253; whitespace TF-IDF baseline B³ 0.818 by leaving nearly all alone,
# pairwise <= 0.06). Tried there and on ECB+: thresholds 0.14-0.30 (Hindi B³ rises to 0.85
# while ECB+ falls to 0.56) and a prior mass of 2-12 IDF units in the entity/number overlap
# denominators (Hindi B³ 0.76-0.83, ECB+ 0.89-0.91, Hindi pairwise falls): no setting helps
# both, so the defaults stay; short same-day live-blog items on one topic need other signals.
W_TEXT = 0.5
W_ENT = 0.3
W_NUM = 0.2
THRESHOLD = 0.14
TITLE_REPEAT = 3  # title words count three times
LEAD_REPEAT = 2  # first three sentences count twice
LEAD_SENTENCES = 3
PEOPLE_FLOOR = 0.5  # tuned with the weights above
# Tried and not kept (2026-12-01): a like damper for disjoint places in title and lead
# (dateline excepted), at 0.85 / 0.7 / 0.5: ECB+ B³ F1 0.915 / 0.913 / 0.904 (0.917 without)
# for 0.763 on the Hindi gold (0.758 without).
TOP_TERMS = 25  # distinctive words per article used to find candidates
# Words in more than 1% of articles (and in more than 50 of them) index nothing: beyond
# that a word names a topic, not an event. Corpora under 5,000 articles (ECB+, the gold
# sets) only see the floor of 50, so their figures do not depend on the share; it was 5%
# until the 10k-article benchmark (benchmarks/speed.py) showed 5.1 million candidate pairs
# for 10,000 topic-dense articles, 124 s of feature computation.
MAX_DF_SHARE = 0.01
MAX_DF_MIN = 50
MAX_DF_CAP = 1000  # and never more than 1000 articles: beyond that a word is topic, not event
# Candidate pairs may be limited to publication weeks at most this far apart (see
# _nearby_pairs); None means no limit. ECB+ B³ F1 with 2 / 4 / 8 weeks / no limit:
# 0.910 / 0.910 / 0.911 / 0.917, so it stays off until the 100k-article benchmarks show
# the candidate count needs it.
BUCKET_REACH: int | None = None
# Each article keeps the candidates it shares the most index keys with, at most this many
# (a pair stays if either side keeps it), so that pairs stay under n x 200 at any size.
# None keeps all. Measured with `python benchmarks/eval_cluster.py`: at 50, 100 or 200 no
# figure moves on ECB+, the seeds, the sample or the Hindi gold (none has an article with
# that many candidates); on the 10k-article speed corpus 200 regroups 61 of 9,250
# articles and saves a sixth of the clustering time. Smaller caps: ECB+ B³ F1 0.920 / 0.922
# / 0.913 / 0.914 at 15 / 20 / 25 / 40 (0.917 without), but a cap this small would thin
# the links inside any event that more articles than that report, so average-link would
# split it; not used.
MAX_NEIGHBOURS: int | None = 200
# A candidate pair must share at least this many index keys (distinctive words and entities).
# 2 keeps ECB+ at 0.917 but costs the Hindi gold set (B³ F1 0.746 -> 0.734, pairwise 0.253 ->
# 0.188: short live-blog items share few keys), so it stays at 1.
MIN_SHARED = 1
ENTITY_LABELS = {"PER", "LOC", "ORG", "MISC"}
# Name words with shorter consonant skeletons (e.g. "Ram" -> "rm") are too ambiguous to
# link across scripts.
MIN_SKELETON = 3
_NUM_RE = regex.compile(r"\d+(?:[.,]\d+)*")


def cluster(articles: list[Article], duplicates: dict[str, tuple[str, str]]) -> list[list[str]]:
    """Groups of article ids, one per event; every article in exactly one group."""
    arts = sorted(articles, key=lambda a: a.id)
    if not arts:
        return []
    originals = [a for a in arts if a.id not in duplicates]
    n = len(originals)
    sims = _combine(_pair_features(originals)) if n > 1 else _NO_PAIRS
    groups = _average_link(n, sims, THRESHOLD)
    members: dict[int, list[str]] = defaultdict(list)
    root_of: dict[str, int] = {}
    for i, g in enumerate(groups):
        members[g].append(originals[i].id)
        root_of[originals[i].id] = g
    for copy_id, (orig, _kind) in sorted(duplicates.items()):
        g = root_of.get(orig)
        if g is None:  # original missing from this batch: the copy stands alone
            g = len(groups) + len(members)
            root_of[copy_id] = g
        members[g].append(copy_id)
    out = [sorted(m) for m in members.values()]
    out.sort(key=lambda m: m[0])
    return out


@dataclass
class PairFeatures:
    """Candidate pairs (i < j, sorted) and their features, one array entry per pair: text
    cosine (-1 across languages), entity and number overlaps, date x people factor."""

    i: np.ndarray
    j: np.ndarray
    text: np.ndarray
    ent: np.ndarray
    num: np.ndarray
    factor: np.ndarray


Sims = tuple[np.ndarray, np.ndarray, np.ndarray]  # (i, j, similarity) of the pairs worth a link
_NO_PAIRS: Sims = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))


def _combine(f: PairFeatures) -> Sims:
    """Weighted similarity of each candidate pair from its (text, entity, number, date) features;
    pairs in different languages are judged on names and numbers alone."""
    cross = f.text < 0  # words cannot be compared across languages, names and numbers can
    same_lang = W_TEXT * np.maximum(f.text, 0.0) + W_ENT * f.ent + W_NUM * f.num
    other_lang = (W_ENT * f.ent + W_NUM * f.num) / (W_ENT + W_NUM)
    s = np.where(cross, other_lang, same_lang) * f.factor
    keep = s > 0
    return f.i[keep], f.j[keep], s[keep]


def _pair_features(arts: list[Article]) -> PairFeatures:
    """Text cosine, entity overlap, number overlap and date factor of every candidate pair,
    as arrays: at 10,000 articles a dict of per-pair tuples held ~850 MB."""
    n = len(arts)
    stop = word_list("hi", "stopwords") | word_list("en", "stopwords")
    # the analyzer makes each article's words as the vectorizer reaches it: a list of every
    # article's word lists held ~300 MB at 10,000 articles
    vec = TfidfVectorizer(analyzer=lambda a: _weighted_words(a, stop), sublinear_tf=True, norm="l2")
    matrix = vec.fit_transform(arts).tocsr()
    vocab_df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    max_df = min(MAX_DF_CAP, max(MAX_DF_MIN, int(MAX_DF_SHARE * n)))

    ents = [_entities(a) for a in arts]
    ent_df = Counter(k for e in ents for k in e)
    nums = [_numbers(a) for a in arts]
    num_df = Counter(k for s in nums for k in s)
    dates = [_own_date(a) for a in arts]
    people = [_prominent_people(a) for a in arts]

    buckets = [_time_bucket(a) for a in arts]
    postings: dict[object, list[int]] = defaultdict(list)
    for i in range(n):
        row = matrix.getrow(i)
        top = row.indices[np.argsort(-row.data)][:TOP_TERMS]
        for t in top:
            if 1 < vocab_df[t] <= max_df:
                postings[("w", int(t))].append(i)
        for k in ents[i]:
            if 1 < ent_df[k] <= max_df:
                postings[("e", k)].append(i)
    pi, pj = _candidate_pairs(n, postings, buckets)
    text = _row_dots(matrix, pi, pj)
    lang_ids = {lang: k for k, lang in enumerate(sorted({a.language for a in arts}))}
    lang = np.array([lang_ids[a.language] for a in arts], dtype=np.int64)
    text[lang[pi] != lang[pj]] = -1.0
    return PairFeatures(
        i=pi, j=pj, text=text,
        ent=_row_dots(_overlap_matrix(ents, _idf(ent_df, n)), pi, pj),
        num=_row_dots(_overlap_matrix(nums, _idf(num_df, n)), pi, pj),
        factor=_date_factors(dates, pi, pj) * _people_factors(people, pi, pj),
    )


def _overlap_matrix(sets: list[set[str]], w: dict[str, float]) -> sparse.csr_matrix:
    """Rows whose dot product is the IDF-weighted cosine (Ochiai) of two sets — a long list
    of side mentions dilutes it less than Jaccard would. Cell (i, k) = sqrt(w_k / sum of w
    over set i), so row i . row j = sum of w_k over the shared keys / sqrt(total_i * total_j):
    all candidate pairs in a few sparse products."""
    column: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, keys in enumerate(sets):
        keys = sorted(keys)  # a set's order follows the string hash seed: sorted, sums come out the same every run
        total = math.fsum(w[k] for k in keys)
        if not total:
            continue
        for k in keys:
            rows.append(i)
            cols.append(column.setdefault(k, len(column)))
            vals.append(math.sqrt(w[k] / total))
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(sets), max(1, len(column))))


def _candidate_pairs(n: int, postings: dict[object, list[int]],
                     buckets: list[int | None]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) that share at least MIN_SHARED index keys (distinctive words, entities).

    Counted in one sparse product (articles x keys) rather than pair by pair, so that the
    count stays in C even when a topic-dense corpus yields millions of pairs.
    """
    if BUCKET_REACH is not None:
        cand: set[tuple[int, int]] = set()
        for plist in postings.values():
            cand.update(_nearby_pairs(plist, buckets))
        arr = np.array(sorted(cand), dtype=np.int64).reshape(-1, 2)
        return arr[:, 0].copy(), arr[:, 1].copy()
    rows, cols = [], []
    for k, plist in enumerate(postings.values()):
        rows.extend(plist)
        cols.extend([k] * len(plist))
    if not rows:
        return _NO_PAIRS[0], _NO_PAIRS[1]
    inc = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, len(postings)))
    shared = (inc @ inc.T).tocsr()
    shared.setdiag(0)
    shared.eliminate_zeros()
    keep = shared.data >= MIN_SHARED
    if MAX_NEIGHBOURS is not None:
        keep &= _top_per_row(shared, MAX_NEIGHBOURS)
    coo = shared.tocoo()
    pi, pj = coo.row[keep].astype(np.int64), coo.col[keep].astype(np.int64)
    pi, pj = np.minimum(pi, pj), np.maximum(pi, pj)  # a pair kept from either side
    pairs = np.unique(pi * n + pj)
    return pairs // n, pairs % n


def _top_per_row(m: sparse.csr_matrix, k: int) -> np.ndarray:
    """Mask over m's stored values: each row's k largest (ties to the lower column)."""
    mask = np.ones(m.nnz, dtype=bool)
    counts = np.diff(m.indptr)
    for r in np.flatnonzero(counts > k):
        a, b = m.indptr[r], m.indptr[r + 1]
        order = np.lexsort((m.indices[a:b], -m.data[a:b]))
        mask[a + order[k:]] = False
    return mask


def _time_bucket(a: Article) -> int | None:
    """Week number of the article's publication date (None if undated)."""
    if not a.published:
        return None
    try:
        return date.fromisoformat(a.published[:10]).toordinal() // 7
    except ValueError:
        return None


def _nearby_pairs(plist: list[int], buckets: list[int | None]) -> list[tuple[int, int]]:
    """Pairs (i < j) of a posting list whose publication weeks are at most BUCKET_REACH apart.

    Reports of one happening are published within days of each other; pairs further
    apart would be damped by the date factor anyway, so they are not candidates. Undated
    articles pair with every article of the list.
    """
    if BUCKET_REACH is None:
        return [(i, j) if i < j else (j, i) for p, i in enumerate(plist) for j in plist[p + 1:]]
    by_bucket: dict[int | None, list[int]] = defaultdict(list)
    for i in plist:
        by_bucket[buckets[i]].append(i)
    out: list[tuple[int, int]] = []
    undated = by_bucket.pop(None, [])
    keys = sorted(by_bucket)
    for x, b in enumerate(keys):
        group = by_bucket[b]
        near = [j for c in keys[x + 1:] if c - b <= BUCKET_REACH for j in by_bucket[c]]
        for p, i in enumerate(group):
            for j in group[p + 1:] + near:
                out.append((i, j) if i < j else (j, i))
    everyone = plist
    for p, i in enumerate(undated):
        for j in everyone:
            if j != i and (buckets[j] is not None or j > i):
                out.append((i, j) if i < j else (j, i))
    return out


def _row_dots(matrix, pi: np.ndarray, pj: np.ndarray, cells: int = 500_000) -> np.ndarray:
    """Dot product of rows pi[k] and pj[k] for every k (the cosine, for L2-normalised rows),
    in batches of about `cells` stored values per side (at 50,000 pairs a batch, long
    articles' TF-IDF rows made ~400 MB of copies at 2,000 articles)."""
    out = np.zeros(len(pi))
    per_row = matrix.nnz / max(1, matrix.shape[0])
    batch = max(1000, int(cells / max(1.0, per_row)))
    for k in range(0, len(pi), batch):
        rows_i, rows_j = matrix[pi[k:k + batch]], matrix[pj[k:k + batch]]
        out[k:k + batch] = np.asarray(rows_i.multiply(rows_j).sum(axis=1)).ravel()
    return out


def _weighted_words(a: Article, stop: frozenset[str]) -> list[str]:
    """Content words of an article, title and lead repeated to weigh more."""

    def clean(t: str) -> list[str]:
        return [w for w in (x.lower() for x in words(ascii_digits(t))) if w not in stop and len(w) > 1]

    title = a.title or ""
    body = a.text
    if a.title_span:
        body = a.text[: a.title_span.start] + a.text[a.title_span.end:]
    lead = ""
    if a.sentences:
        lead_spans = [s for s in a.sentences if not (a.title_span and s.start < a.title_span.end)]
        lead = " ".join(a.text[s.start:s.end] for s in lead_spans[:LEAD_SENTENCES])
    else:
        lead = body[:400]
    return clean(title) * TITLE_REPEAT + clean(lead) * (LEAD_REPEAT - 1) + clean(body)


def _entities(a: Article) -> set[str]:
    """Folded keys of the article's named entities, plus script-neutral skeletons of their words."""
    out = set()
    for m in a.mentions:
        if not m.key or m.label not in ENTITY_LABELS:
            continue
        out.add(m.key)
        for w in words(m.text):
            sk = skeleton(w)
            if len(sk) >= MIN_SKELETON:
                out.add("x:" + sk)
    return out


def _numbers(a: Article) -> set[str]:
    """Numbers written in the article (ordinals like 22वीं give 22), without 0-9 alone."""
    out = set()
    for m in _NUM_RE.finditer(ascii_digits(a.text)):
        v = m.group().replace(",", "")
        if len(v) >= 2:
            out.add(v)
    return out


def _idf(df: Counter, n: int) -> dict[str, float]:
    """Smoothed inverse document frequency of every key."""
    return {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}


def _own_date(a: Article) -> tuple[date, str] | None:
    """The date of the happening this article reports, if it can tell.

    Only for articles with a publication date: without one, relative expressions
    cannot be resolved and the absolute dates left are mostly background.
    """
    if not a.published:
        return None
    value, precision = event_date([a])
    if not value or precision not in ("day", "month", "year", "week"):
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        d = date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None
    return d, precision


def _prominent_people(a: Article) -> set[str]:
    """Surname keys of the people an article is about: named twice or more, or in its title/lead."""
    lead_end = _lead_end(a)
    counts: Counter = Counter()
    lead: set[str] = set()
    for m in a.mentions:
        if m.label != "PER" or not m.key:
            continue
        last = m.key.split()[-1]
        counts[last] += 1
        if m.start < lead_end:
            lead.add(last)
    return {k for k, c in counts.items() if c >= 2} | lead


def _lead_end(a: Article) -> int:
    """Offset where the title and the first sentences of the body end."""
    body = [s for s in a.sentences if not (a.title_span and s.start < a.title_span.end)]
    if body:
        return body[min(LEAD_SENTENCES, len(body)) - 1].end
    return min(len(a.text), 400)


def _people_factors(people: list[set[str]], pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """Damping of each pair when its two articles are about different people: 1 if they
    share them, down to PEOPLE_FLOOR (shared / the smaller set, counted as row dots of a
    0/1 article x surname matrix).

    Reports of one happening name the same protagonists; a similar happening with other
    protagonists (another minister at a like meeting, another boxer against the same
    champion) shares some of them at most. Neutral when either side names none, or the two
    name one person between them.
    """
    column: dict[str, int] = {}
    rows, cols = [], []
    for r, names in enumerate(people):
        for k in sorted(names):
            rows.append(r)
            cols.append(column.setdefault(k, len(column)))
    inc = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(people), max(1, len(column))))
    size = np.array([len(p) for p in people], dtype=np.float64)
    shared = _row_dots(inc, pi, pj)
    si, sj = size[pi], size[pj]
    neutral = (si == 0) | (sj == 0) | (si + sj - shared < 2)
    damped = PEOPLE_FLOOR + (1 - PEOPLE_FLOOR) * shared / np.maximum(np.minimum(si, sj), 1.0)
    return np.where(neutral, 1.0, damped)


_COARSE = {"year": 366, "month": 31, "week": 7, "day": 0}  # days a date of this precision may be off


def _date_factors(dates: list[tuple[date, str] | None], pi: np.ndarray, pj: np.ndarray) -> np.ndarray:
    """Per pair: 1 when the two event dates agree (within 3 days plus their precision's
    slack) or either is unknown; 0.6 up to a week beyond that; 0.25 further apart.

    Tuned with the ECB+ halves (same topic, events months or years apart) and the
    seeds (the same meeting reported 0-2 days apart): reports of one event rarely put
    it more than 3 days apart; a gap of weeks means another happening.
    """
    known = np.array([x is not None for x in dates], dtype=bool)
    day = np.array([x[0].toordinal() if x else 0 for x in dates], dtype=np.int64)
    slack = np.array([_COARSE.get(x[1], 0) if x else 0 for x in dates], dtype=np.int64)
    gap = np.abs(day[pi] - day[pj])
    reach = np.maximum(slack[pi], slack[pj]) + 3
    f = np.where(gap <= reach, 1.0, np.where(gap <= reach + 7, 0.6, 0.25))
    return np.where(known[pi] & known[pj], f, 1.0)


def _average_link(n: int, sims: Sims, threshold: float) -> list[int]:
    """Cluster label per item: merge the pair of clusters with the highest average link while >= threshold.

    `sims`: (i, j, similarity) arrays of distinct pairs."""
    label = list(range(n))
    size = [1] * n
    group: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> neighbour -> summed similarity
    for i, j, s in zip(sims[0].tolist(), sims[1].tolist(), sims[2].tolist()):
        links[i][j] = links[i].get(j, 0.0) + s
        links[j][i] = links[j].get(i, 0.0) + s
    version = [0] * n
    heap: list[tuple[float, int, int, int, int]] = []
    for i in range(n):
        for j, s in links[i].items():
            if i < j and s >= threshold:
                heapq.heappush(heap, (-s, i, j, 0, 0))
    alive = [True] * n
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or version[a] != va or version[b] != vb:
            continue
        # merge b into a
        alive[b] = False
        for k, s in links[b].items():
            if k == a:
                continue
            links[a][k] = links[a].get(k, 0.0) + s
            links[k][a] = links[k].get(a, 0.0) + s
            links[k].pop(b, None)
        links[a].pop(b, None)
        links[b] = {}
        size[a] += size[b]
        version[a] += 1
        for k in group.pop(b):
            label[k] = a
            group[a].append(k)
        for k, s in links[a].items():
            if alive[k]:
                avg = s / (size[a] * size[k])
                if avg >= threshold:
                    x, y = (a, k) if a < k else (k, a)
                    heapq.heappush(heap, (-avg, x, y, version[x], version[y]))
    return label
