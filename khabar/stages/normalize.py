"""Stage 1: Unicode and whitespace normalization of extracted text."""
from __future__ import annotations

import unicodedata

import regex

# zero-width and invisible format characters that web copy leaves inside words:
# ZWSP, ZWNJ, ZWJ, word joiner, BOM / ZWNBSP, soft hyphen, LRM/RLM
_INVISIBLE_RE = regex.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
# every horizontal space that is not a plain space: tab, NBSP, narrow NBSP, en/em spaces …
_SPACE_RE = regex.compile(r"[^\S\n]+")
_NUKTA = "\u093c"
# a nukta typed after the vowel sign instead of after its consonant: क + ी + ़ → क + ़ + ी
_LATE_NUKTA_RE = regex.compile("([\u0915-\u0939])([\u093e-\u094c\u0962\u0963])\u093c")
_DOUBLE_NUKTA_RE = regex.compile(_NUKTA + "{2,}")
_DEVA = r"[\u0900-\u0963\u0966-\u097f]"  # Devanagari letters, marks and digits, not the dandas
# '||' or '।।' written for the double danda
_DOUBLE_DANDA_RE = regex.compile(rf"(?<={_DEVA}[ ]*)(?:\|\||।।)|(?:\|\||।।)(?=[ ]*{_DEVA})")
# a pipe after a Devanagari word that is not a separator before Latin text ("… है |", "है|")
_DANDA_RE = regex.compile(rf"(?<={_DEVA}[ ]*)\|(?![ ]*[A-Za-z])")


def normalize(text: str) -> str:
    """NFC, nukta/ZWJ/ZWNJ handling, danda and pipe, whitespace; keeps line structure."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE_RE.sub("", text)
    # NFC leaves the nukta letters U+0958–U+095F decomposed (they are composition
    # exclusions), so every nukta letter ends up as consonant + U+093C whichever way
    # it was typed; the two fixes below make the remaining typing variants agree
    text = unicodedata.normalize("NFC", text)
    text = _LATE_NUKTA_RE.sub(lambda m: m.group(1) + _NUKTA + m.group(2), text)
    text = _DOUBLE_NUKTA_RE.sub(_NUKTA, text)
    text = unicodedata.normalize("NFC", text)
    text = _DOUBLE_DANDA_RE.sub("॥", text)
    text = _DANDA_RE.sub("।", text)
    lines = [_SPACE_RE.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue  # at most one empty line in a row, none at the start
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
