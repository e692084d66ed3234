"""Latin-script names for Devanagari ones, with Hindi schwa deletion (पुतिन → Putin, not Putina).

A table-driven transliteration in the spelling Indian English news uses (ASCII, no
diacritics: श and ष are "sh", long and short vowels are one letter), then Hindi's
inherent-vowel deletion:

- every consonant carries an inherent "a" unless a vowel sign or a virama follows it;
- the word-final inherent "a" is dropped (राजनाथ → Rajnath) unless it follows a consonant
  cluster (नरेंद्र → Narendra, मित्र → Mitra) or the word has one syllable (न → Na);
- right to left, an inherent "a" between a vowel-carrying consonant before it and a
  consonant with a vowel after it is dropped (कमला → Kamla, राजनाथ → Rajnath), the usual
  rule for Hindi (it is a rule of thumb: a few names keep the vowel in speech).

Anusvara is "n" ("m" before p, b, m; "ng" before a final ह: सिंह → Singh), chandrabindu "n",
visarga "h". Text that is not Devanagari passes through; every word is capitalised.
PyICU's Devanagari-Latin gives scholarly diacritics and keeps every schwa (TOOLKIT.md), and
needs a system ICU to build, so khabar does its own.
"""
from __future__ import annotations

from functools import lru_cache

import unicodedata

_CONS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r", "ल": "l", "व": "v", "श": "sh",
    "ष": "sh", "स": "s", "ह": "h", "ळ": "l",
}
_NUKTA = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f", "य": "y"}
_VOWELS = {"अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ए": "e", "ऐ": "ai",
           "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e"}
_SIGNS = {"ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "े": "e", "ै": "ai", "ो": "o", "ौ": "au",
          "ॉ": "o", "ॅ": "e"}
_VIRAMA, _NUKTA_SIGN, _ANUSVARA, _CANDRA, _VISARGA = "\u094d", "\u093c", "\u0902", "\u0901", "\u0903"
_LABIALS = {"p", "ph", "b", "bh", "m"}
_LATIN_CONS = frozenset(_CONS.values()) | frozenset(_NUKTA.values())


@lru_cache(maxsize=50_000)
def romanize(name: str) -> str:
    """The name in Latin letters: Devanagari transliterated with schwa deletion, others as they are.
    Cached: every story's entities are romanized, and the same names recur story after story."""
    words = []
    for word in name.split():
        if any("\u0900" <= c <= "\u097f" for c in word):
            word = _word(word)
        words.append(word[:1].upper() + word[1:] if word else word)
    return " ".join(words)


def _word(word: str) -> str:
    # units: [consonant latin, vowel latin or None (inherent a) or "" (virama)], or ["", vowel] for an independent vowel
    units: list[list] = []
    nasal: dict[int, str] = {}  # unit index -> nasal written after it
    chars = unicodedata.normalize("NFD", word)
    i = 0
    while i < len(chars):
        c = chars[i]
        if c in _CONS:
            latin = _CONS[c]
            if i + 1 < len(chars) and chars[i + 1] == _NUKTA_SIGN:
                latin = _NUKTA.get(c, latin)
                i += 1
            units.append([latin, None])
        elif c in _VOWELS:
            units.append(["", _VOWELS[c]])
        elif c in _SIGNS and units:
            units[-1][1] = _SIGNS[c]
        elif c == _VIRAMA and units:
            units[-1][1] = ""
        elif c in (_ANUSVARA, _CANDRA) and units:
            nasal[len(units) - 1] = "n"
        elif c == _VISARGA and units:
            nasal[len(units) - 1] = "h"
        elif c == _NUKTA_SIGN:
            pass
        else:
            units.append([c, ""])  # digits, punctuation: kept as they are
        i += 1
    _delete_schwas(units, set(nasal))
    out = []
    for n, (cons, vowel) in enumerate(units):
        out.append(cons + ("a" if vowel is None else vowel))
        if n in nasal:
            nxt = units[n + 1][0] if n + 1 < len(units) else ""
            mark = nasal[n]
            if mark == "n" and nxt in _LABIALS:
                mark = "m"
            elif mark == "n" and nxt == "h" and n + 2 == len(units):
                mark = "ng"
            out.append(mark)
    return "".join(out)


def _delete_schwas(units: list[list], nasalised: set[int]) -> None:
    """Drop inherent vowels the way Hindi speech does (see the module docstring)."""
    def is_cons(k: int) -> bool:
        return 0 <= k < len(units) and units[k][0] in _LATIN_CONS

    syllables = sum(1 for c, v in units if v != "")
    last = len(units) - 1
    if last >= 0 and units[last][1] is None and is_cons(last) and syllables > 1 and last not in nasalised:
        cluster = last >= 1 and units[last - 1][1] == ""
        if not cluster:
            units[last][1] = ""
    for k in range(last - 1, 0, -1):
        if units[k][1] is not None or not is_cons(k) or k in nasalised:
            continue  # a nasalised vowel is sounded: जयशंकर keeps the "a" of शं
        before_has_vowel = units[k - 1][1] not in ("",)
        after = k + 1
        after_cv = is_cons(after) and units[after][1] not in ("",)
        if before_has_vowel and after_cv:
            units[k][1] = ""
