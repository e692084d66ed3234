"""Sentence tokenization in IL-NER's style: words whole (matras kept), punctuation apart."""
from __future__ import annotations

import regex

from khabar.ner.resources import word_list

# decimals and grouped numbers, then words of any script (letters, marks, digits, ZWJ/ZWNJ),
# then any other single non-space character
_TOKEN_RE = regex.compile(
    r"\p{Nd}+(?:[.,:/]\p{Nd}+)+|[\p{L}\p{M}\p{Nd}\u200c\u200d]+|\S"
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Tokens of `text[start:end]` as (token, start, end) with offsets into `text`."""
    end = len(text) if end is None else end
    abbrevs = word_list("hi", "ner_abbreviations.txt")
    out: list[tuple[str, int, int]] = []
    for m in _TOKEN_RE.finditer(text, start, end):
        tok, s, e = m.group(), m.start(), m.end()
        # an initial or abbreviation keeps its full stop when more text follows (एस. डी.)
        if (tok == "." and out and out[-1][2] == s and out[-1][0] in abbrevs
                and regex.match(r"\s*\p{L}", text[e:end])):
            prev, ps, _ = out.pop()
            out.append((prev + ".", ps, e))
            continue
        out.append((tok, s, e))
    return out
