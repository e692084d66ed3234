"""Stage 5: sentence spans, Hindi- and English-aware.

Each line is split on its own, so no sentence crosses a newline; a line without a final
mark (a headline) is a sentence of its own. A sentence ends at a cluster of end marks
(। ॥ ? ! .) with the closing quotes and brackets after it, when what follows can open a
sentence. A full stop does not end one after an abbreviation ("Dr.", "डॉ."), an initial
("A. K.", "ए. के."), inside a number ("3.5") or in a tokenised decimal ("$2 . 6").
Tokenised text (ECB+: "the city 's golden triangle .", "p . m .", "U.S. .") is handled
by letting the cluster and its closers be separated by spaces.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import regex

from khabar.model import Span

# patterns compiled once (regex's own cache costs a lookup on every call)
_ANY_LETTER_RE = regex.compile(r"\p{L}")

_TERMS = "।॥.?!"
_ALWAYS = "।॥"  # a danda ends a sentence whatever follows
_CLOSERS = "”’»)]}"
_AMBIGUOUS_QUOTES = "\"'"
# after an end mark these cannot open a new sentence
_NO_START = ",;:)]}”’»-–—/%"
_NUMBER_RE = regex.compile(r"^[$€£₹]?\d[\d,]*$")
_DOTTED_RE = regex.compile(r"^(?:\p{L}\.)+\p{L}$")
_TERM_RE = regex.compile(r"[।॥.?!]")
_DATELINE_WORDS = 3


def split_sentences(text: str, language: str) -> list[Span]:
    """Sentence spans over `text` (danda, ?, !, . with abbreviations; never across lines)."""
    abbrevs, before_number = _abbreviations(language)
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        _split_line(text, pos, pos + len(line), abbrevs, before_number, spans)
        pos += len(line) + 1
    return spans


def _split_line(
    text: str, start: int, end: int, abbrevs: frozenset[str], before_number: frozenset[str],
    spans: list[Span],
) -> None:
    """Append the sentence spans of text[start:end] (one line) to `spans`."""
    sent_start = start
    i = start
    first = True
    while True:
        m = _TERM_RE.search(text, i, end)
        if m is None:
            break
        close, n_terms = _cluster_end(text, m.start(), end)
        if _is_boundary(text, sent_start, m.start(), close, n_terms, end, abbrevs, before_number):
            # a dateline closed by a danda ("नई दिल्ली।", "लखनऊ, जेएनएन ।") opens the
            # first sentence rather than being one
            if not (first and text[m.start()] in _ALWAYS and _is_dateline_head(text, sent_start, m.start())):
                _add(text, sent_start, close, spans)
                sent_start = close
            first = False
        i = close
    _add(text, sent_start, end, spans)


def _is_dateline_head(text: str, start: int, at: int) -> bool:
    """A line-opening piece short enough to be a dateline (at most 3 words, no verb test)."""
    # 3 words covers "लॉस एंजिल्स, आइएएनएस" and "आगरा, जागरण संवाददाता" (hindi-news-2020)
    return len(text[start:at].split()) <= _DATELINE_WORDS


def _cluster_end(text: str, at: int, end: int) -> tuple[int, int]:
    """End of the end-mark cluster at `at` with its closing quotes, and its mark count."""
    last, j, terms = at + 1, at + 1, 1
    while j < end and text[j] in ".?!" and text[at] in ".?!":  # "?!", "..." written together
        j += 1
        terms += 1
        last = j
    while j < end:
        k = j
        while k < end and text[k] in " \t":
            k += 1
        if k >= end:
            break
        ch = text[k]
        if ch in _TERMS:
            # "U.S. ." or "? ?" in tokenised text: one cluster
            terms += 1
        elif text.startswith("''", k):
            k += 1  # the tokenised closing quote
        elif ch in _CLOSERS:
            pass
        elif ch in _AMBIGUOUS_QUOTES and (k + 1 >= end or text[k + 1] in " \t" + _TERMS + _CLOSERS):
            pass  # a straight quote after an end mark and before a space closes
        else:
            break
        last = j = k + 1
    return last, terms


def _is_boundary(
    text: str, start: int, at: int, close: int, n_terms: int, end: int,
    abbrevs: frozenset[str], before_number: frozenset[str],
) -> bool:
    """Does the end-mark cluster text[at:close] end a sentence?"""
    nxt = close
    while nxt < end and text[nxt] in " \t":
        nxt += 1
    if nxt >= end:
        return True
    after = text[nxt]
    mark = text[at]
    if mark in _ALWAYS:
        return True
    if text[at:close].startswith("..") or text[at:close].startswith("…"):
        return False  # an ellipsis inside a line trails off, it does not end
    if nxt == close and not (mark == "." and _is_devanagari(after) and _ends_in_vowel_sign(text, at)):
        # "3.5", "sanmarg.in", "U.S", "नवभारतटाइम्स.कॉम": no space after the mark; but
        # "है.वह" (a Hindi verb, its dot, the next sentence) is a boundary
        return False
    if after in _NO_START or ("a" <= after <= "z"):
        return False
    prev = _previous_token(text, at)
    if after.isdigit() and not _ANY_LETTER_RE.search(prev):
        return False  # "$2 . 6", "( . 535 )", a garbled currency sign "? 900": inside a number
    if mark in "?!":
        return not (len(prev) == 1 and prev.isalpha())  # "E! News"
    if n_terms > 1:
        return True  # "U.S. ." — the abbreviation's dot and then the sentence's
    key = prev.lower().lstrip("(\"'“‘`[")
    if key in abbrevs:
        return False
    if key in before_number and after.isdigit():
        return False
    if _NUMBER_RE.match(key) and not text[start:at].strip(" \t").removesuffix(key).strip():
        return False  # a list number opening the line: "4 . Will they …", "2. …"
    if len(key) == 1 and key.isalpha():
        return False  # an initial: "A. K. Singh", "J . D . Drew"
    if _DOTTED_RE.match(key):
        return False  # "U.S", "p.m": a dotted abbreviation
    return True


def _previous_token(text: str, at: int) -> str:
    """The token right before position `at`, spaces between skipped ("Dr ." → "Dr")."""
    j = at
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    k = j
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return text[k:j]


def _ends_in_vowel_sign(text: str, at: int) -> bool:
    """Does the word before `at` end in a vowel sign or anusvara (है, था, गए, हैं)?"""
    return at > 0 and ("\u093e" <= text[at - 1] <= "\u094c" or text[at - 1] in "\u0901\u0902")


def _is_devanagari(ch: str) -> bool:
    """A Devanagari letter or sign."""
    return "\u0900" <= ch <= "\u097f" and ch not in _ALWAYS


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Append text[start:end] stripped of surrounding whitespace, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))


@lru_cache(maxsize=None)
def _abbreviations(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """Abbreviations (always, and only before a number) for `language`, loaded once."""
    langs = ("en",) if language == "en" else ("hi", "en")
    always, numeric = set(), set()
    for lang in langs:
        path = resources.files("khabar").joinpath("lang", lang, "abbreviations.txt")
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.endswith(" #"):
                numeric.add(line[:-2].strip().lower())
            else:
                always.add(line.lower())
    return frozenset(always), frozenset(numeric)
