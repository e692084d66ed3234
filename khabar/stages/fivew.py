"""Stage 10c (per story): who, what, when, where, why and how, each citing where it comes from.

Built from the other per-story results, never from free generation:

- who: the story's people (organisations when it names no person), ranked by how many
  articles name them and how early; up to three, each cited at its first mention in up to
  three articles.
- what: the summary's first sentence (what the earliest reports said first), cited where
  it was taken from.
- when: the story's event date, cited at the date expressions that give it.
- where: the place the story happens in: a place named in an article's dateline counts
  most, then places in titles and leads; a country counts half, so that the city where a
  meeting was held beats the countries it was between.
- why / how: the most central body sentence with a reason or purpose phrase (क्योंकि, के
  कारण, because, in order to) / a means phrase (के जरिए, के तहत, through, via), from
  ``lang/*/fivew_why.txt`` and ``fivew_how.txt``; only a sentence that shares a content
  word with the articles' titles or the "what" sentence qualifies, so that a stray
  "because" in a side paragraph about something else is not offered as the story's
  reason. Absent when nothing qualifies: an empty answer is better than a wrong one.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache

import regex

from khabar.fold import fold_key
from khabar.lang import word_list
from khabar.model import Answer, Article, Citation, Entity, SummarySentence
from khabar.passages import body_sentences, content_words, sentence_tfidf
from khabar.stages.summary import MAX_WORDS, MIN_LETTERED, MIN_WORDS
from khabar.text import alternation
from khabar.tfidf import row_mean

_WHO_MAX = 3
_CITE_MAX = 3
_LEAD = 3  # sentences of an article that count as its lead
_DATELINE, _LEAD_W, _BODY_W = 3.0, 2.0, 1.0
_COUNTRY = 0.5


def five_w(
    articles: list[Article], entities: list[Entity], date: str | None, summary: list[SummarySentence]
) -> dict[str, Answer]:
    """The story's 5W1H answers that can be found, each with citations into its articles."""
    originals = [a for a in articles if a.duplicate_of is None] or articles
    out: dict[str, Answer] = {}
    mentioned = _mentions_by_entity(originals)
    who = _who(mentioned, entities)
    if who:
        out["who"] = who
    if summary:
        first = summary[0]
        out["what"] = Answer(first.text, [Citation(first.article, first.start, first.end, first.text)])
    if date:
        out["when"] = Answer(date, _date_citations(originals, date))
    where = _where(originals, mentioned, entities)
    if where:
        out["where"] = where
    anchor = set(content_words(" ".join([a.title or "" for a in originals] + [s.text for s in summary[:1]])))
    for key in ("why", "how"):
        found = _cued_sentence(originals, key, anchor)
        if found:
            out[key] = found
    return out


Mentioned = list[tuple[Article, int, int, str, int]]


def _mentions_by_entity(articles: list[Article]) -> dict[str, Mentioned]:
    """Entity id -> (article, start, end, text, sentence index) of each of its mentions, in
    article order. Read once per story: asked per entity, and each mention's sentence found
    by counting the sentences before it, a long article (40,000 sentences, one place named
    in each) took minutes."""
    out: dict[str, Mentioned] = defaultdict(list)
    for a in articles:
        starts = [s.start for s in a.sentences]
        for m in a.mentions:
            if m.entity:
                out[m.entity].append((a, m.start, m.end, m.text, bisect_right(starts, m.start) - 1))
    return out


def _cite_first(mentions: list[tuple[Article, int, int, str, int]]) -> list[Citation]:
    """The first mention in each of up to _CITE_MAX articles."""
    seen: set[str] = set()
    out = []
    for a, start, end, text, _ in sorted(mentions, key=lambda m: (m[1],)):
        if a.id in seen:
            continue
        seen.add(a.id)
        out.append(Citation(a.id, start, end, text))
    return out[:_CITE_MAX]


def _who(mentioned: dict[str, Mentioned], entities: list[Entity]) -> Answer | None:
    for labels in (("PER",), ("ORG",)):
        ranked = []
        for e in entities:
            if e.label not in labels:  # two names joined by the tagging are MISC (canonical)
                continue
            ms = mentioned.get(e.id)
            if not ms:
                continue
            first = min(m[4] for m in ms)
            ranked.append((-len({m[0].id for m in ms}), first, -len(ms), e.name, e, ms))
        if ranked:
            ranked.sort(key=lambda r: r[:4])
            top = ranked[:_WHO_MAX]
            cites = [c for r in top for c in _cite_first(r[5])]
            return Answer(", ".join(r[4].name for r in top), cites)
    return None


def _date_citations(articles: list[Article], date: str) -> list[Citation]:
    out = []
    for a in articles:
        for d in a.dates:
            if d.value == date:
                out.append(Citation(a.id, d.start, d.end, d.text))
                break
    return out[:_CITE_MAX]


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    names = set(word_list("hi", "gazetteer_countries")) | set(word_list("en", "gazetteer_countries"))
    return frozenset(fold_key(n) for n in names)


def _where(articles: list[Article], mentioned: dict[str, Mentioned], entities: list[Entity]) -> Answer | None:
    places = [e for e in entities if e.label == "LOC"]
    if not places:
        return None
    datelines = {fold_key(a.dateline) for a in articles if a.dateline}
    countries = _country_keys()
    best = None
    for e in places:
        ms = mentioned.get(e.id)
        if not ms:
            continue
        per_article: dict[str, float] = defaultdict(float)
        for a, _s, _e, text, idx in ms:
            if a.dateline and fold_key(text) in datelines:
                w = _DATELINE
            elif idx < _LEAD:
                w = _LEAD_W
            else:
                w = _BODY_W
            per_article[a.id] = max(per_article[a.id], w)
        score = sum(per_article.values())
        if any(fold_key(v) in countries for v in e.variants):
            score *= _COUNTRY
        key = (score, len(ms), e.name)
        if best is None or key > best[0]:
            best = (key, e, ms)
    if best is None:
        return None
    return Answer(best[1].name, _cite_first(best[2]))


@lru_cache(maxsize=4)
def _cue_pattern(key: str) -> regex.Pattern:
    """A reason or means phrase as a whole word or words (`_has_cue` also asks that it does
    not come right after a figure)."""
    alt = alternation(word_list("hi", f"fivew_{key}") | word_list("en", f"fivew_{key}"))
    return regex.compile(r"(?<![\p{L}\p{M}])(?:" + alt + r")(?![\p{L}\p{M}])", regex.IGNORECASE)


# right after a figure ("167 रन के जवाब में", in reply to 167 runs; "2 के चलते"): a phrase
# there tells a score or a count, not why or how
_AFTER_FIGURE = regex.compile(r"(?<=\d[\d,.]*\s+(?:[\p{L}\p{M}]+\s+)?)")


def _has_cue(pattern: regex.Pattern, text: str) -> bool:
    """Whether the text holds a cue phrase that does not come right after a figure. The same
    as one pattern that looks behind first, but that pattern tried its lookbehind at every
    character of every article (a sixth of the 5W1H stage); here the phrases are found
    first and only where one starts is the figure looked for (every start, overlapping
    ones too, as that pattern would have tried them)."""
    return any(not _AFTER_FIGURE.match(text, m.start())
               for m in pattern.finditer(text, overlapped=True))


def _cued_sentence(articles: list[Article], key: str, anchor: set[str]) -> Answer | None:
    pattern = _cue_pattern(key)
    if not any(_has_cue(pattern, a.text) for a in articles):
        return None  # no cue anywhere: no need to read sentences
    cands = body_sentences(articles, MIN_WORDS, MAX_WORDS, MIN_LETTERED)
    cued = [i for i, c in enumerate(cands) if _has_cue(pattern, c[3]) and anchor & set(content_words(c[3]))]
    if len(cands) < 2 or not cued:
        return None
    try:
        matrix = sentence_tfidf(tuple(c[3] for c in cands))
    except ValueError:
        return None
    centroid = row_mean(matrix)
    central = matrix @ centroid
    best = max(cued, key=lambda i: (central[i], -i))
    art, _idx, (start, end), text = cands[best]
    return Answer(text, [Citation(art, start, end, text)])
