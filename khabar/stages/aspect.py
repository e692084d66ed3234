"""Stage 9c (per article): is the article a report (it happened) or a preview (it will)?

News states its event in the title and the first sentences, and the tense of their main
verbs tells a preview ("... बैठक करेंगे", "will meet") from a report ("... बैठक की",
"met"). Each of the title and the first ``_LEAD`` body sentences gets the tense of its
last tense cue (Hindi is verb-final, so the last cue is the main verb's; English uses its
first cue, the finite verb near the subject), the title counting twice. Then:

- only future sentences, or future outweighing past at least 2:1 -> "preview";
- only past, or past outweighing future 2:1 -> "report";
- both, more evenly -> "mixed"; no cue at all -> None.

Hindi cues come from the tense lexicon the date stage uses (``lang/hi/date_tense.txt``),
English ones from ``lang/en/date_tense.txt`` (future) and ``lang/en/aspect_past.txt`` plus
the -ed ending (past). The lead size and the 2:1 margin were set by reading the aspect this
gives on the seeds (003 was written the day before the meeting, in the future tense; the
other three report it) and on 40 articles of hindi-news-2020 and ECB+; no labelled data.
"""
from __future__ import annotations

import regex

from khabar.lang import word_list
from khabar.model import Span

# The date stage owns the Hindi tense lexicon and how it reads a word list into cues;
# sharing it keeps one definition of Hindi tense in the code base.
from khabar.stages.dates import _hi_marks, _lang  # noqa: PLC2701

_LEAD = 3  # body sentences read after the title
_TITLE_WEIGHT = 2
_MARGIN = 2.0  # one tense must outweigh the other this many times to decide
_TOKEN = regex.compile(r"[\p{L}\p{M}']+")
_CLAUSE_TAIL = 30  # Hindi: words read back from a sentence end (the main verb is last; long sentences end in a clause of their own)


def article_aspect(text: str, language: str, sentences: list[Span], title_span: Span | None = None) -> str | None:
    """"report", "preview", "mixed" or None, from the tense of the title and lead sentences."""
    if language not in ("hi", "en"):
        return None
    units: list[tuple[str, int]] = []
    if title_span is not None:
        units.append((text[title_span.start:title_span.end], _TITLE_WEIGHT))
    body = 0
    for s in sentences:
        if title_span is not None and s.start < title_span.end and s.end > title_span.start:
            continue
        units.append((text[s.start:s.end], 1))
        body += 1
        if body >= _LEAD:
            break
    past = future = 0
    for sentence, weight in units:
        tense = _hindi_tense(sentence) if language == "hi" else _english_tense(sentence)
        if tense == "past":
            past += weight
        elif tense == "future":
            future += weight
    if not past and not future:
        return None
    if future >= _MARGIN * past:
        return "preview"
    if past >= _MARGIN * future:
        return "report"
    return "mixed"


def _hindi_tense(sentence: str) -> str | None:
    """The tense of a Hindi sentence's main verb: its last cue, read from the end."""
    words = [w for w in _TOKEN.findall(sentence)][-_CLAUSE_TAIL:]
    for mark in reversed(_hi_marks(words, _lang("hi").tense)):
        if mark:
            return mark
    return None


def _english_tense(sentence: str) -> str | None:
    """The tense of an English sentence: its first future or past cue."""
    future = _lang("en").tense
    past = word_list("en", "aspect_past")
    not_past = word_list("en", "aspect_notpast")
    words = [w.lower() for w in _TOKEN.findall(sentence)]
    for i, w in enumerate(words):
        if w in future.get("future", ()):
            return "future"
        if w in future.get("futureto", ()) and i + 1 < len(words) and words[i + 1] == "to":
            return "future"
        if w in past or (len(w) > 4 and w.endswith("ed") and w not in not_past):
            return "past"
    return None
