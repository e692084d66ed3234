"""Hindi-aware full-text matching: query normalisation and word-set matching (pure functions).

A word is a run of letters, marks and digits (``khabar.text.words``), so Devanagari words
stay whole with their matras. Both the text and the query are normalised the same way
(NFC, nukta dropped, ZWJ/ZWNJ dropped, Devanagari digits as ASCII, case folded), and every
word also gets its spelling-folded key (``khabar.fold.fold_key``), so a name typed in
another spelling (vowel length, ौ/ू, ब/व, with or without nukta) still matches.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from khabar.fold import fold_key
from khabar.text import ascii_digits, words

_DROP = dict.fromkeys(map(ord, "\u093c\u200c\u200d"))  # nukta, ZWNJ, ZWJ


@dataclass(frozen=True)
class Term:
    """One query word: its normalised form and its spelling-folded key."""

    word: str
    key: str


@dataclass(frozen=True)
class WordIndex:
    """The normalised words of a text and their folded keys."""

    words: frozenset[str]
    keys: frozenset[str]


def normalize(text: str) -> str:
    """NFC, without nukta or zero-width joiners, ASCII digits, case-folded."""
    return ascii_digits(unicodedata.normalize("NFC", text).translate(_DROP)).casefold()


def parse_query(query: str | None) -> list[Term]:
    """The distinct words of a query, each with its folded key (empty for a blank query)."""
    seen: dict[str, Term] = {}
    for w in words(normalize(query or "")):
        if w not in seen:
            seen[w] = Term(w, fold_key(w) or w)
    return list(seen.values())


def index_text(texts: Iterable[str | None]) -> WordIndex:
    """The word index of several texts taken together."""
    ws: set[str] = set()
    for t in texts:
        if t:
            ws.update(words(normalize(t)))
    return WordIndex(frozenset(ws), frozenset(fold_key(w) or w for w in ws))


def matches(terms: list[Term], index: WordIndex) -> bool:
    """True if every term is in the index, as written or in another spelling of the same word."""
    return all(t.word in index.words or t.key in index.keys for t in terms)


def matches_prefix(terms: list[Term], names: Iterable[str]) -> bool:
    """True if every term begins some word of the names (as written or folded): for name look-up."""
    idx = index_text(names)
    return all(
        any(w.startswith(t.word) for w in idx.words) or any(k.startswith(t.key) for k in idx.keys)
        for t in terms
    )
