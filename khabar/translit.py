"""Script-neutral consonant skeletons of names, so that Devanagari and Latin spellings meet.

`skeleton("क़ुरैशी") == skeleton("Qureshi") == "krs"`: vowels are dropped, aspiration
and nukta are folded, and consonants that the two scripts write differently fall in
one class (q/k, v/w/b, f/ph/p, z/j, sh/s; ड़/ढ़ with r: दोआबगढ़ = Doabgarh). Used to compare names across scripts; it is
deliberately coarse, so callers use it only for names and only with a length floor.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# Devanagari consonants (without nukta; nukta is dropped first) -> class letter
_DEVA = {
    "क": "k", "ख": "k", "ग": "g", "घ": "g", "ङ": "n",
    "च": "c", "छ": "c", "ज": "j", "झ": "j", "ञ": "n",
    "ट": "t", "ठ": "t", "ड": "d", "ढ": "d", "ण": "n",
    "त": "t", "थ": "t", "द": "d", "ध": "d", "न": "n",
    "प": "p", "फ": "p", "ब": "b", "भ": "b", "म": "m",
    "य": "y", "र": "r", "ल": "l", "ळ": "l", "व": "b",
    "श": "s", "ष": "s", "स": "s", "ह": "h",
    "ं": "n", "ँ": "n",  # anusvara / chandrabindu before a consonant are a nasal
}
# Latin digraphs first, then single letters -> class letter ("" drops it)
_LATIN_DIGRAPHS = {
    "sh": "s", "ch": "c", "th": "t", "dh": "d", "ph": "p", "kh": "k", "gh": "g",
    "bh": "b", "jh": "j", "ck": "k", "qu": "k",
}
_LATIN = {
    "b": "b", "c": "k", "d": "d", "f": "p", "g": "g", "h": "h", "j": "j", "k": "k",
    "l": "l", "m": "m", "n": "n", "p": "p", "q": "k", "r": "r", "s": "s", "t": "t",
    "v": "b", "w": "b", "x": "ks", "y": "y", "z": "j",
}


@lru_cache(maxsize=200_000)  # names repeat: the clustering stage asks for the same words again and again
def skeleton(name: str) -> str:
    """Consonant skeleton of a name in Devanagari or Latin script (vowels dropped, classes folded)."""
    text = unicodedata.normalize("NFD", name.lower())
    # ड़ and ढ़ (ड/ढ + nukta) are a flapped r: गढ़ = garh, पड़ोस = parosa
    text = text.replace("\u0921\u093c", "र").replace("\u0922\u093c", "र")
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _DEVA:
            out.append(_DEVA[ch])
        elif "a" <= ch <= "z":
            pair = text[i:i + 2]
            if pair in _LATIN_DIGRAPHS:
                out.append(_LATIN_DIGRAPHS[pair])
                i += 2
                continue
            out.append(_LATIN.get(ch, ""))
        i += 1
    s = "".join(out)
    # 'h' after a consonant is aspiration, 'y' between consonants a vowel glide: drop both
    s = "".join(c for k, c in enumerate(s) if not (c == "h" and k > 0))
    s = "".join(c for k, c in enumerate(s) if not (c == "y" and 0 < k))
    # doubled consonants are written single in the other script
    return "".join(c for k, c in enumerate(s) if k == 0 or c != s[k - 1])
