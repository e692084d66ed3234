"""Shared text helpers: Devanagari-aware word tokens.

A plain ``\\w+`` splits Devanagari words at vowel signs (shared/TOOLKIT.md), so words
here are runs of letters, combining marks and digits of any script.
"""
from __future__ import annotations

import regex

# letters, combining marks (matras, virama, nukta), digits; keeps inner apostrophes/hyphens out
WORD_RE = regex.compile(r"[\p{L}\p{M}\p{Nd}]+")
DEVANAGARI_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")


def words(text: str) -> list[str]:
    """Word tokens of `text`, Devanagari words kept whole (matras intact)."""
    return WORD_RE.findall(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every word token in `text`."""
    return [m.span() for m in WORD_RE.finditer(text)]


def ascii_digits(text: str) -> str:
    """Devanagari digits replaced by ASCII digits (same length, offsets unchanged)."""
    return text.translate(DEVANAGARI_DIGITS)
