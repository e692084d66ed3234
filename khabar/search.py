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

import regex

from khabar.fold import fold_key
from khabar.text import ascii_digits, words

_DROP = ("\u093c", "\u200c", "\u200d")  # nukta, ZWNJ, ZWJ
_DEVANAGARI_DIGIT = regex.compile("[०-९]")


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
    text = unicodedata.normalize("NFC", text)
    for c in _DROP:  # str.replace is much faster than str.translate on long texts
        if c in text:
            text = text.replace(c, "")
    if _DEVANAGARI_DIGIT.search(text):
        text = ascii_digits(text)
    return text.casefold()


def parse_query(query: str | None) -> list[Term]:
    """The distinct words of a query, each with its folded key (empty for a blank query)."""
    seen: dict[str, Term] = {}
    for w in words(normalize(query or "")):
        if w not in seen:
            seen[w] = Term(w, _key(w))
    return list(seen.values())


def index_text(texts: Iterable[str | None]) -> WordIndex:
    """The word index of several texts taken together."""
    ws: set[str] = set()
    for t in texts:
        if t:
            ws.update(words(normalize(t)))
    return WordIndex(frozenset(ws), frozenset(_key(w) for w in ws))


def _key(word: str) -> str:
    """The folded key of one normalised word (fold_key caches its results)."""
    return fold_key(word) or word


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
