"""Stage 4: the article's language."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import regex

from khabar.lang import word_list

# a script "dominates" when it has at least half of the letters: Hindi pages carry English
# names and kickers (seed 003 is about 15% Latin letters), English pages almost no Devanagari
_SCRIPT_SHARE = 0.5
# share of Latin-script tokens that must be English function words: ECB+ articles score
# 0.35-0.55, English headlines 0.15+, Spanish/French/German text under 0.05 (checked by hand
# on ECB+ and a few sentences of each)
_EN_MIN = 0.15
# share of romanized-Hindi function words in a Latin text: Hinglish chat and comments score
# 0.25-0.45, English text under 0.03 (its only hits are "ho", "ye", "ek" in names)
_HI_LATIN_MIN = 0.15

# the same for the function words of other Latin-script languages (Spanish, French, German …)
_OTHER_MIN = 0.15
# below this many words a Latin text may have no function word at all ("Esther Williams,
# swimming star, dies at 91"): with no sign of another language it is taken as English
_SHORT_TEXT = 30

_DEVA_LETTER_RE = regex.compile(r"[\p{Script=Devanagari}&&\p{L}]", regex.V1)
_LATIN_LETTER_RE = regex.compile(r"[\p{Script=Latin}&&\p{L}]", regex.V1)
_LETTER_RE = regex.compile(r"\p{L}")
_DEVA_WORD_RE = regex.compile(r"[\p{Script=Devanagari}&&[\p{L}\p{M}]]+", regex.V1)
_LATIN_WORD_RE = regex.compile(r"[\p{Script=Latin}&&\p{L}]+(?:'[\p{Script=Latin}&&\p{L}]+)?", regex.V1)


@dataclass
class LanguageResult:
    language: str  # "hi", "en" or "other"
    romanized_hindi: bool = False


def detect_language(text: str) -> LanguageResult:
    """Hindi, English or other; notices Hindi written in Latin script."""
    # each distinct character classified once (three regex scans of the whole text were
    # most of this stage)
    letters = deva = latin = 0
    for ch, n in Counter(text).items():
        kind = _letter_kind(ch)
        if kind:
            letters += n
            if kind == 1:
                deva += n
            elif kind == 2:
                latin += n
    if not letters:
        return LanguageResult("other")
    if deva >= _SCRIPT_SHARE * letters:
        return LanguageResult(_devanagari_language(text))
    if latin >= _SCRIPT_SHARE * letters:
        return _latin_language(text)
    return LanguageResult("other")


def _devanagari_language(text: str) -> str:
    """ "hi" unless Marathi or Nepali function words outnumber the Hindi ones."""
    counts = Counter(_DEVA_WORD_RE.findall(text))
    hi = _hits(counts, word_list("hi", "function_words"))
    mr = _hits(counts, word_list("mr", "function_words"))
    ne = _hits(counts, word_list("ne", "function_words"))
    return "hi" if hi >= max(mr, ne) else "other"


def _latin_language(text: str) -> LanguageResult:
    """English, romanized Hindi or another Latin-script language, by function-word shares."""
    words = _LATIN_WORD_RE.findall(text.lower())
    if not words:
        return LanguageResult("other")
    counts = Counter(words)
    en = _hits(counts, word_list("en", "function_words")) / len(words)
    hi = _hits(counts, word_list("hi", "romanized_function_words")) / len(words)
    other = _hits(counts, word_list("other", "latin_function_words")) / len(words)
    if hi >= _HI_LATIN_MIN and hi > en:
        return LanguageResult("hi", romanized_hindi=True)
    if other >= _OTHER_MIN and other > en:
        return LanguageResult("other")
    if en >= _EN_MIN or (len(words) < _SHORT_TEXT and not other and hi < _HI_LATIN_MIN):
        return LanguageResult("en")
    return LanguageResult("other")


def _hits(counts: Counter, listed: frozenset[str]) -> int:
    """How many of the counted words are in the list."""
    return sum(counts[w] for w in listed.intersection(counts))


@lru_cache(maxsize=4096)
def _letter_kind(ch: str) -> int:
    """0 for a character that is not a letter, 1 for a Devanagari letter, 2 for a Latin one,
    3 for a letter of another script."""
    if not _LETTER_RE.match(ch):
        return 0
    if _DEVA_LETTER_RE.match(ch):
        return 1
    return 2 if _LATIN_LETTER_RE.match(ch) else 3
