"""What preparing a raw input gave that a later run reads, to and from bytes.

Preparing an input (extracting an HTML page's text, normalising it) is the first step of
the per-article phase, and a run that adds articles to a store used to repeat it for every
stored input: each outlet's page furniture is counted over all of its texts, and whether a
stored analysis still holds depends on which of the text's lines are furniture now. What
those two read of a text is small: its lines that could be furniture
(`clean.furniture_candidates`) and the digests of all its lines' matching keys
(`clean.line_digests`). The store keeps them per raw input (by content hash), under
`PREP_VERSION`, so that an input whose analysis stands is neither read nor prepared again.

Encoded as: a 4-byte little-endian length, that many bytes of zlib-compressed JSON (the
candidates as [key, line, digest of the paragraph under it in hex]), then the line digests.
"""
from __future__ import annotations

import json
import struct
import zlib

from khabar.stages.clean import Candidate

# Raise whenever extraction, normalisation, `furniture_candidates` or `line_digests` changes
# what it makes; kept rows of another version are not read (their inputs are prepared
# afresh and kept again). The pipeline's version is part of it (see khabar.pipeline).
PREP_VERSION = "1"
_LENGTH = struct.Struct("<I")
_LEVEL = 1


def encode(furniture: tuple[Candidate, ...], lines: bytes) -> bytes:
    """A prepared input's furniture candidates and line digests as bytes."""
    text = json.dumps([[key, line, under.hex()] for key, line, under in furniture],
                      ensure_ascii=False, separators=(",", ":"))
    packed = zlib.compress(text.encode("utf-8"), _LEVEL)
    return _LENGTH.pack(len(packed)) + packed + lines


def decode(blob: bytes) -> tuple[tuple[Candidate, ...], bytes] | None:
    """The (furniture candidates, line digests) `encode` made these bytes from; None for bytes
    it did not make."""
    try:
        (size,) = _LENGTH.unpack_from(blob)
        rows = json.loads(zlib.decompress(blob[_LENGTH.size:_LENGTH.size + size]))
        lines = bytes(blob[_LENGTH.size + size:])
        furniture = tuple((key, line, bytes.fromhex(under)) for key, line, under in rows)
    except (struct.error, zlib.error, ValueError, TypeError):
        return None
    if len(lines) % 8:
        return None
    return furniture, lines
