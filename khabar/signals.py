"""What the corpus stages read of an article, as bytes the store can keep.

Finding copies reads an article's `CopyKey` (khabar.stages.dedup) and clustering its
`EventSignals` (khabar.stages.cluster). Both are made from the analysed article alone, in
the per-article phase's workers. A run that adds articles to a store reuses the stored
analyses of the others, but used to make their signals afresh: unpacking every stored
article and reading it again was half of that run's per-article phase (9.3 of 18.3 s of
one core for 100 articles added to 10,000). Kept in the store beside the analysis they
were made from, they are read back instead.

The bytes: a fixed header, then the strings as compressed JSON, then the word counts
(int32), the shingle fingerprints (uint64) and the MinHash (uint32), all little-endian.
`SIGNALS_VERSION` is part of the header: raise it whenever `copy_key` or `event_signals`
changes what it makes, and every stored signal is made afresh once (a blob of another
version decodes to None).
"""
from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from dataclasses import dataclass
from datetime import date

import numpy as np

from khabar.stages.cluster import EventSignals
from khabar.stages.dedup import CopyKey

# 6: an article's own date is its publication day, not a period ("15 से 31 मार्च"), when
# nothing in its foreground names a day (khabar.stages.eventdate)
# 7: time windows ("24 घंटे में") are no lead facts (khabar.stages.cluster._lead_facts)
# 8: an English count names the head noun of its phrase, and the number of a hyphenated
# name (AK-47, COVID-19) counts nothing (khabar.stages.facts; lead facts)
# 9: English number words to ninety and "thirty-two", no decade ("nineteen sixties"), and
# "at least", "as many as", कम से कम make a number approximate (khabar.stages.facts)
# 10: English names lose number words, "Rs" and connectors at their edges, and posts such
# as Collector and Director before them; company words (Infra) make an organisation
# 11: a scale or unit that ends a sentence ("Rs 180 crore.") counts (khabar.stages.facts)
# 12: counts of dead and injured people have one slot in any language ("tally:deaths")
SIGNALS_VERSION = 12
_MAGIC = b"ks"
# magic, version, flags (1: has a MinHash), counts, fingerprints, MinHash values, JSON bytes
_HEAD = struct.Struct("<2sBBIIII")
_HAS_SIGNATURE = 1
_LEVEL = 1  # zlib level of the JSON part


@dataclass(slots=True)
class Signals:
    """What the corpus stages read of one article, made in the per-article phase's workers:
    finding copies and clustering then read no article (unpacking and reading every
    article again in this process was most of their time: 10 of 14 s at 10k articles)."""

    copy: CopyKey | None  # None once read (its fingerprints are ~40% of the bytes held)
    event: EventSignals


def encode(signals: Signals) -> bytes:
    """The signals as bytes (`decode` gives them back equal)."""
    c, e = signals.copy, signals.event
    if c is None:
        raise ValueError("encode: the copy key was already let go")
    strings = [c.id, c.published, c.exact, e.id, e.language, e.source,
               [e.date[0].isoformat(), e.date[1]] if e.date else None,
               list(e.words), list(e.ents), list(e.nums), list(e.people), list(e.facts)]
    text = zlib.compress(json.dumps(strings, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), _LEVEL)
    counts = np.asarray(e.counts, dtype="<i4")
    prints = np.asarray(c.prints, dtype="<u8")
    signature = np.asarray(c.signature, dtype="<u4") if c.signature is not None else np.zeros(0, dtype="<u4")
    head = _HEAD.pack(_MAGIC, SIGNALS_VERSION, _HAS_SIGNATURE if c.signature is not None else 0,
                      len(counts), len(prints), len(signature), len(text))
    return b"".join((head, text, counts.tobytes(), prints.tobytes(), signature.tobytes()))


def decode(blob: bytes) -> Signals | None:
    """The signals `encode` made these bytes from; None if they were made by another
    `SIGNALS_VERSION` (or are not signals at all), so that the caller makes them afresh."""
    if len(blob) < _HEAD.size:
        return None
    magic, version, flags, n_counts, n_prints, n_sig, n_text = _HEAD.unpack_from(blob)
    if magic != _MAGIC or version != SIGNALS_VERSION:
        return None
    at = _HEAD.size
    (c_id, published, exact, e_id, language, source, when, words, ents, nums, people, facts) = json.loads(
        zlib.decompress(blob[at:at + n_text]))
    at += n_text
    counts = array("i")
    counts.frombytes(blob[at:at + 4 * n_counts])
    if sys.byteorder != "little":  # pragma: no cover - stored little-endian
        counts.byteswap()
    at += 4 * n_counts
    prints = np.frombuffer(blob, dtype="<u8", count=n_prints, offset=at).astype(np.uint64)
    at += 8 * n_prints
    signature = (np.frombuffer(blob, dtype="<u4", count=n_sig, offset=at).astype(np.uint32)
                 if flags & _HAS_SIGNATURE else None)
    event_date = (date.fromisoformat(when[0]), when[1]) if when else None
    return Signals(CopyKey(c_id, published, exact, prints, signature),
                   EventSignals(e_id, language, source, tuple(words), counts, tuple(ents), tuple(nums),
                                tuple(people), event_date, tuple(facts)))
