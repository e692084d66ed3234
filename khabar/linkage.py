"""The kept linkage: what finding copies and linking made of a corpus, kept in the store so
that a run whose articles are all as they were (a correction; the same inputs again) need
neither read every article's signals nor find copies and link again.

A kept linkage is read only when its fingerprint is the run's: the id, content hash and
analysis key of every article, the threshold, the source of the modules that make it
(dedup, clustering, signals, the pipeline) and the background word counts clustering reads
(the Hindi table, wordfreq's version), so that a change to any of them, or to any article,
makes it stale rather than wrong.
"""
from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
import zstandard

from khabar import __version__
from khabar.packed import Header
from khabar.stages.cluster import THRESHOLD, Linkage

_FORMAT = "khabar-linkage-1"
# what a kept linkage was made by: a change to any of these makes every kept one stale
_SOURCES = ("stages/cluster.py", "stages/dedup.py", "signals.py", "pipeline.py", "linkage.py",
            "models/word-df-hi.tsv")  # the background word counts clustering weighs Hindi words by


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """khabar's version, wordfreq's, and the source of the modules and data a linkage depends
    on (a module shipped without its source counts by the version alone)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode() + b"\0")
    try:  # the English background word counts are wordfreq's (cluster._background)
        h.update(b"wordfreq " + metadata.version("wordfreq").encode() + b"\0")
    except metadata.PackageNotFoundError:
        h.update(b"no wordfreq\0")
    for name in _SOURCES:
        try:
            source = (root / name).read_bytes()
        except OSError:
            source = b"(no source)"
        h.update(name.encode() + b"\0" + source + b"\0")
    return h.hexdigest()


def fingerprint(headers: Iterable[Header], threshold: float | None) -> str:
    """What a linkage of these articles at this threshold depends on, as a digest."""
    h = hashlib.sha256()
    h.update(f"{_FORMAT}\0{_code_digest()}\0{THRESHOLD if threshold is None else threshold!r}\0".encode())
    for x in sorted(headers, key=lambda x: x.id):
        h.update(f"{x.id}\0{x.content_hash}\0{x.analysis_key}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def encode(linkage: Linkage, duplicates: dict[str, tuple[str, str]]) -> bytes:
    """A linkage and the copies found beside it, as compressed bytes."""
    buf = io.BytesIO()
    head = json.dumps({"format": _FORMAT, "ids": linkage.ids, "threshold": linkage.threshold,
                       "duplicates": duplicates}, ensure_ascii=False).encode("utf-8", "surrogatepass")
    # article indices as 32-bit (a store holds far fewer than 2**31 articles): half the bytes
    np.savez(buf, head=np.frombuffer(head, dtype=np.uint8), labels=linkage.labels.astype(np.int32),
             i=linkage.i.astype(np.int32), j=linkage.j.astype(np.int32), s=linkage.s)
    return zstandard.ZstdCompressor(level=3).compress(buf.getvalue())


def decode(data: bytes) -> tuple[Linkage, dict[str, tuple[str, str]]]:
    """What `encode` made the bytes of."""
    with np.load(io.BytesIO(zstandard.ZstdDecompressor().decompress(data))) as parts:
        head = json.loads(parts["head"].tobytes().decode("utf-8", "surrogatepass"))
        if head.get("format") != _FORMAT:
            raise ValueError(f"not a kept linkage of this khabar: {head.get('format')!r}")
        linkage = Linkage(head["ids"], parts["labels"].astype(np.int64), float(head["threshold"]),
                          parts["i"].astype(np.int64), parts["j"].astype(np.int64), parts["s"])
    return linkage, {k: (v[0], v[1]) for k, v in head["duplicates"].items()}
