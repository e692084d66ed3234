"""Stage 6 (corpus): exact and near-duplicate articles.

Exact copies have the same body (the text without its title line, case and spacing
ignored). Near copies — syndicated wire text under another headline, with other page
furniture or a sentence edited — share most word 3-shingles: MinHash LSH proposes
candidates and the exact shingle sets decide. Every copy points at its original (the
earliest published, then the shortest id) and is near that original itself: near-copy
links are not chained.
"""
from __future__ import annotations

import hashlib
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from khabar.arrays import sorted_unique
from khabar.model import Article
from khabar.packed import id_ordered
from khabar.text import lowered_words

NUM_PERM = 128
# LSH recall threshold (Jaccard) for candidates: below the decision thresholds so that the
# index misses few true copies; the exact shingle sets decide afterwards. A copy with a
# paragraph or furniture added contains its original at a Jaccard as low as 0.2 (a text
# twice as long: 0.36); on the 10k speed store, 0.3 found 722 copies, 0.2 finds 1,013 in
# 26 s, 0.1 1,196 and 0.05 1,368 in 105 s (an LSH Ensemble index by containment: 1,371,
# 4.5x slower). The copies 0.2 misses sit in texts over about four times their length.
# benchmarks/dedup_eval.py --n 200, "grown" copies (the whole body plus as much new text
# again or more): recall 0.960 at 0.3, 0.985 at 0.2; precision 0.995 / 0.997.
LSH_THRESHOLD = 0.2
# Decision: Jaccard >= 0.5 or containment >= 0.8 of the shorter text. Independent reports
# of one event share almost no 3-word shingles (Jaccard 0.02-0.06 on the seeds, TOOLKIT.md),
# edited copies most of them. Checked with `python benchmarks/dedup_eval.py --n 200`
# (200 ECB+ and 200 Hindi articles, each with an exact copy under another headline and a
# near copy with furniture added, a sentence dropped and a number changed): recall 1.000
# for both kinds, precision 1.000 over the 800 copies grouped.
JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8
# Shorter texts than this many shingles are judged only as exact copies.
MIN_SHINGLES = 15
_NO_PRINTS = np.zeros(0, dtype=np.uint64)


@dataclass(slots=True)
class CopyKey:
    """What finding copies reads of one article, made from that article alone (so that the
    per-article phase's workers can make it): its exact key (a digest of its body's
    words, None without a body), the sorted fingerprints of its word 3-shingles, and their
    MinHash (None when the body has under MIN_SHINGLES shingles)."""

    id: str
    published: str | None
    exact: str | None
    prints: np.ndarray
    signature: np.ndarray | None


def copy_key(a: Article) -> CopyKey:
    """The article's `CopyKey` (kept in the store: raise `khabar.signals.SIGNALS_VERSION`
    when what this makes changes)."""
    body = _body(a)
    if not body:
        return CopyKey(a.id, a.published, None, _NO_PRINTS, None)
    fp = _fingerprints(body)
    signature = None
    if len(fp) >= MIN_SHINGLES:
        m = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int, permutations=_permutations(), scheme="affine32")
        m.update_batch((fp >> np.uint64(32)).tolist())  # the fingerprints' top 32 bits are the input hashes
        signature = m.hashvalues.astype(np.uint32)
    return CopyKey(a.id, a.published, hashlib.sha1(" ".join(body).encode()).hexdigest(), fp, signature)


def find_duplicates(articles: Sequence[Article | CopyKey]) -> dict[str, tuple[str, str]]:
    """Map each copy's id to (original id, "exact" | "near"); originals are not keys.

    Takes the articles, or their `CopyKey`s made beforehand (the same result).
    Exact copies share a body. A near copy must be near its original itself: texts are
    taken in original order (earliest published, then shortest id) and each one near an
    earlier original becomes its copy. Near-copy links are not followed from text to text
    (A contains most of B, B most of C...): on the 100k speed corpus, whose articles mix
    sentences of two others, following them made one group of 20,144 articles.
    """
    arts = id_ordered(articles)
    # One pass in id order; of each body, only its first text's fingerprints (a sorted
    # array: 8 bytes a shingle, where a set of strings held ~120) and MinHash are kept.
    members: dict[str, list[str]] = {}  # exact key -> the ids with that body, in id order
    firsts: list[str] = []  # exact keys of the texts indexed, by row
    prints: list[np.ndarray] = []  # by row
    signatures = np.zeros((64, NUM_PERM), dtype=np.uint32)  # by row, grown as needed
    sizes = np.zeros(64, dtype=np.int64)  # shingles, by row
    near: dict[str, list[str]] = defaultdict(list)  # exact key -> exact keys of near texts
    ranges = _band_ranges()
    bands: list[dict[bytes, list[int]]] = [{} for _ in ranges]  # band value -> rows that have it
    order: dict[str, tuple[str, int, str]] = {}  # id -> its place in original order
    for x in arts:
        key = x if isinstance(x, CopyKey) else copy_key(x)
        order[key.id] = (key.published or "9999-99-99", len(key.id), key.id)
        k = key.exact
        if k is None:
            continue
        if k in members:
            members[k].append(key.id)
            continue  # exact copies are judged through the first text with their body
        members[k] = [key.id]
        if key.signature is None:
            continue
        fp, signature = key.prints, key.signature
        values = [signature[a:b].tobytes() for a, b in ranges]
        rows: set[int] = set()
        for band, v in zip(bands, values):
            rows.update(band.get(v, ()))
        if rows:
            candidates = np.fromiter(rows, dtype=np.int64, count=len(rows))
            worth = candidates[_worth_checking(len(fp), signature, sizes[candidates], signatures[candidates])]
            for r in _near_rows(fp, worth, sizes[worth], prints).tolist():
                near[k].append(firsts[r])
                near[firsts[r]].append(k)
        row = len(firsts)
        if row == len(signatures):
            signatures = np.concatenate([signatures, np.zeros_like(signatures)])
            sizes = np.concatenate([sizes, np.zeros_like(sizes)])
        signatures[row], sizes[row] = signature, len(fp)
        firsts.append(k)
        prints.append(fp)
        for band, v in zip(bands, values):
            band.setdefault(v, []).append(row)

    out: dict[str, tuple[str, str]] = {}
    original_of: dict[str, str] = {}  # exact key -> id of the original its texts are copies of
    for k in sorted(members, key=lambda k: min(order[i] for i in members[k])):
        first = min(members[k], key=order.__getitem__)
        leaders = [x for x in near.get(k, ()) if x in original_of and original_of[x] in members[x]]
        if leaders:
            lead = min(leaders, key=lambda x: order[original_of[x]])
            original_of[k] = original_of[lead]
            for i in members[k]:
                out[i] = (original_of[k], "near")
        else:
            original_of[k] = first
            for i in members[k]:
                if i != first:
                    out[i] = (first, "exact")
    return out


@lru_cache(maxsize=1)
def _permutations():
    """MinHash's random permutations, made once (datasketch makes them per signature by default:
    a fifth of the stage at 10k articles). Shingles are hashed with CRC-32, in C, instead of
    SHA-1 in Python; the index only proposes candidates, the exact shingle sets decide."""
    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def _body(a: Article) -> tuple[str, ...]:
    """Lower-cased words of the text without its title line."""
    text = a.text
    if a.title_span and a.title_span.start == 0:
        text = text[a.title_span.end:]
    elif a.title and text.startswith(a.title):
        text = text[len(a.title):]
    return lowered_words(text)


# odd 64-bit multipliers (from the golden ratio and MurmurHash3's finalizer) that mix three
# word hashes into one shingle hash; arithmetic wraps modulo 2^64
_MIX = tuple(np.uint64(c) for c in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0xFF51AFD7ED558CCD))


def _fingerprints(ws: Sequence[str]) -> np.ndarray:
    """Sorted distinct 64-bit fingerprints of the word 3-shingles.

    Each word is hashed once (CRC-32) and a shingle's fingerprint mixes its three word
    hashes in numpy: joining, encoding and hashing every shingle string in Python was
    half of the stage at 10,000 articles. Two different shingles share a fingerprint with
    odds of about 2^-64, far below what moves a Jaccard decision."""
    if len(ws) < 3:
        return np.zeros(0, dtype=np.uint64)
    h = np.fromiter(map(zlib.crc32, map(str.encode, ws)), dtype=np.uint64, count=len(ws))
    x = h[:-2] * _MIX[0] + h[1:-1] * _MIX[1] + h[2:] * _MIX[2]
    x ^= x >> np.uint64(33)
    x *= _MIX[2]
    x ^= x >> np.uint64(33)
    return sorted_unique(x)


# How far (in standard deviations of the MinHash estimate) a candidate's estimated
# Jaccard may fall below the least Jaccard a copy can have and still be checked exactly.
# At 4 a true copy at the very boundary is skipped with odds of about 3 in 100,000.
ESTIMATE_MARGIN = 4.0


def _worth_checking(size: int, signature: np.ndarray, sizes: np.ndarray, signatures: np.ndarray) -> np.ndarray:
    """Mask over candidates (their shingle counts `sizes` and MinHash `signatures`, one row
    each) for a text of `size` shingles: those whose MinHash-estimated Jaccard leaves room
    for a copy.

    A pair is a copy at Jaccard >= JACCARD_MIN, or at containment >= CONTAINMENT_MIN, which
    for texts of n and m shingles (n <= m) means Jaccard >= c*n / (n + m - c*n). Candidates
    estimated more than ESTIMATE_MARGIN standard deviations below the lower of the two are
    not compared exactly: on the 100k speed corpus, whose articles share sentences with
    dozens of others, the LSH index proposed mostly such pairs (Jaccard 0.15-0.25), and
    comparing every one was most of the stage. The copies found on the 10k speed store
    and by benchmarks/dedup_eval.py are unchanged."""
    estimates = np.count_nonzero(signatures == signature, axis=1) / NUM_PERM
    n = sizes.astype(np.float64)
    shorter, longer = np.minimum(n, size), np.maximum(n, size)
    contained = CONTAINMENT_MIN * shorter / (shorter + longer - CONTAINMENT_MIN * shorter)
    least = np.minimum(JACCARD_MIN, contained)
    spread = np.sqrt(least * (1.0 - least) / NUM_PERM)
    return estimates >= least - ESTIMATE_MARGIN * spread


def _near_rows(fp: np.ndarray, rows: np.ndarray, sizes: np.ndarray, prints: list[np.ndarray]) -> np.ndarray:
    """The candidate `rows` (of `sizes` shingles) whose fingerprints are near `fp`: Jaccard or
    containment (of the shorter) over the decision thresholds. All candidates' fingerprints
    are looked up in `fp` in one search (both sides sorted and distinct, so a value found
    is a shingle shared)."""
    if not len(rows) or len(fp) < MIN_SHINGLES:
        return rows[:0]
    flat = np.concatenate([prints[r] for r in rows.tolist()])
    found = fp.take(np.searchsorted(fp, flat), mode="clip") == flat
    ends = np.cumsum(sizes)
    inter = np.diff(np.concatenate(([0], np.cumsum(found)[ends - 1]))) if len(flat) else np.zeros(len(rows), np.int64)
    union = len(fp) + sizes - inter
    ok = (sizes >= MIN_SHINGLES) & ((inter / union >= JACCARD_MIN)
                                     | (inter / np.minimum(len(fp), sizes) >= CONTAINMENT_MIN))
    return rows[ok]


@lru_cache(maxsize=1)
def _band_ranges() -> tuple[tuple[int, int], ...]:
    """The MinHash rows of each LSH band: datasketch's choice for LSH_THRESHOLD at NUM_PERM
    (its false positive and negative weights equal). The bands are indexed here, a dict per
    band from a band's values to the texts that have them: datasketch's own index spent
    ~20 s of the stage's 58 at 100,000 articles on its per-call work (byte swaps, storage
    layers) for the same candidates."""
    return tuple(MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges)
