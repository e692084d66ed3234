"""Spelling-folding keys for proper names, so that spelling variants of one name meet.

Hindi news spells foreign (and many Indian) names in several ways: vowel length,
ौ / ू / ोउ for one "ou", ब / व, nukta or not, aspirated or not, न् / ं before a consonant,
a nasal mark on the last vowel or not.
``fold_key`` maps all of these to one string while keeping the consonant skeleton and the
vowel *quality* (a / i / e / back-rounded), which is what tells true variants
(बेलौसोव ~ बेलूसोव) from look-alikes (बेलारूस, बालासोर).
"""
from __future__ import annotations

from functools import lru_cache

import unicodedata

import regex

_HALANT = "\u094d"
_NUKTA = "\u093c"
_ANUSVARA = "\u0902"
_NASALS = set("ङञणनम")

# vowel signs and independent vowels -> class representative
# a-class: ा / आ; i-class: ि ी / इ ई; e-class: े ै / ए ऐ; back rounded: ु ू ो ौ ॉ / उ ऊ ओ औ ऑ
_SIGN_CLASS = {
    "\u093e": "\u093e",  # ा
    "\u093f": "\u093f", "\u0940": "\u093f",  # ि ी
    "\u0947": "\u0947", "\u0948": "\u0947", "\u0945": "\u0947", "\u0946": "\u0947",  # े ै ॅ ॆ
    "\u0941": "\u0941", "\u0942": "\u0941", "\u094b": "\u0941", "\u094c": "\u0941",
    "\u0949": "\u0941", "\u094a": "\u0941",  # ु ू ो ौ ॉ ॊ
}
_INDEP_CLASS = {
    "अ": "अ", "आ": "आ",
    "इ": "इ", "ई": "इ",
    "ए": "ए", "ऐ": "ए", "ऍ": "ए", "ऎ": "ए",
    "उ": "उ", "ऊ": "उ", "ओ": "उ", "औ": "उ", "ऑ": "उ", "ऒ": "उ",
}
# the independent vowel that repeats the quality of a vowel sign (ोउ, ीई ...)
_SIGN_TO_INDEP = {"\u093e": "आ", "\u093f": "इ", "\u0947": "ए", "\u0941": "उ"}

_CONSONANT = {
    "ब": "ब", "व": "ब", "भ": "ब",
    "श": "स", "ष": "स",
    "ख": "क", "घ": "ग", "छ": "च", "झ": "ज", "ठ": "ट", "ढ": "ड",
    "थ": "त", "ध": "द", "फ": "प",
    "ण": "न", "ङ": "न", "ञ": "न",
    "य": "य",
}
_OTHER = {
    "\u0901": _ANUSVARA,  # chandrabindu -> anusvara
    "\u0903": "",  # visarga
    "\u0943": "र\u093f",  # ृ -> रि
    "ऋ": "रि",
    "\u200c": "", "\u200d": "",
}

_LATIN_FOLDS = (("ph", "f"), ("w", "v"), ("ck", "k"))
_SEPARATORS = regex.compile(r"[^\p{L}\p{M}\p{Nd}]+")
_DEVANAGARI = regex.compile(r"\p{Devanagari}")
_DOUBLE = regex.compile(r"(\p{L})\1+")


@lru_cache(maxsize=200_000)
def fold_key(name: str) -> str:
    """A spelling-folded key for a name: variants of one name share it, look-alikes do not."""
    words = [w for w in _SEPARATORS.split(unicodedata.normalize("NFC", name)) if w]
    return " ".join(k for k in (_fold_word(w) for w in words) if k)


def _fold_word(word: str) -> str:
    """Fold one word, script by script."""
    if _DEVANAGARI.search(word):
        return _fold_devanagari(word)
    return _fold_latin(word)


def _fold_latin(word: str) -> str:
    """Lowercase, strip accents, a few spelling folds, single letters for double ones."""
    w = unicodedata.normalize("NFKD", word.lower())
    w = "".join(c for c in w if not unicodedata.combining(c))
    for a, b in _LATIN_FOLDS:
        w = w.replace(a, b)
    return _DOUBLE.sub(r"\1", w)


def _fold_devanagari(word: str) -> str:
    """Fold one Devanagari word (nukta, halant, vowel length and quality, aspiration, b/v)."""
    w = unicodedata.normalize("NFD", word).replace(_NUKTA, "")
    chars = list(w)
    # a nasal consonant + halant before another consonant is an anusvara (पन्जाब = पंजाब)
    for i in range(len(chars) - 2):
        if chars[i] in _NASALS and chars[i + 1] == _HALANT and _is_consonant(chars[i + 2]):
            chars[i], chars[i + 1] = _ANUSVARA, ""
    out: list[str] = []
    for c in chars:
        if c == _HALANT or not c:
            continue
        c = _OTHER.get(c, c)
        c = _SIGN_CLASS.get(c, c)
        c = _INDEP_CLASS.get(c, c)
        c = "".join(_CONSONANT.get(x, x) for x in c)
        if not c:
            continue
        prev = out[-1] if out else ""
        if c == prev and (_is_consonant(c) or c == _ANUSVARA):
            continue  # doubled consonant (दिल्ली = दिली) or repeated nasal mark
        if c in _INDEP_CLASS.values() and prev and (
            _SIGN_TO_INDEP.get(prev) == c or prev == c
        ):
            continue  # vowel sign or vowel followed by the same vowel (ोउ, ओउ -> ो)
        out.append(c)
    if len(out) > 2 and out[-1] == _ANUSVARA:
        out.pop()  # a nasalised last vowel is spelt with and without its mark (ढिल्लों / ढिल्लो)
    return "".join(out)


def _is_consonant(c: str) -> bool:
    """True for a Devanagari consonant letter."""
    return len(c) == 1 and "\u0915" <= c <= "\u0939"
