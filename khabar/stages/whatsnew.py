"""Stage 10b (per story): what each later article added to its story.

The story's original articles (duplicates add nothing) are read in the order they were
written (publication date, then the order the story lists them). For every article after
the first, a body sentence is new when no sentence of any earlier article says the same
thing: its TF-IDF cosine to every earlier sentence stays below ``SAME_SIM``, the cosine
at which the summary counts two sentences as one statement (summary.SUPPORT_SIM), so that
"what's new" and the summary's citations agree on what "the same" means. Up to
``PER_ARTICLE`` new sentences per article are kept, the most central to the story first
(a sentence the article says twice only once) and then back in reading order, so that a
reader who saw yesterday's page sees today's additions at a glance.

Sentences are compared within one language only (TF-IDF words cannot meet across
scripts): an article is read against the earlier articles in its own language, and the
first article in a language the story had not used yet is left out, rather than every one
of its sentences listed as new (a Hindi report after an English one of one flyover's fall
had all of its sentences listed, though it said what the English one had said).
"""
from __future__ import annotations

import numpy as np

from khabar.model import Article, Citation, Update
from khabar.passages import body_sentences, sentence_tfidf
from khabar.stages.summary import MAX_WORDS, MIN_LETTERED, MIN_WORDS, SUPPORT_SIM
from khabar.tfidf import row_mean

SAME_SIM = SUPPORT_SIM
PER_ARTICLE = 3


def whats_new(articles: list[Article]) -> list[Update]:
    """Per article after the first, in writing order, the sentences no earlier article had."""
    originals = [a for a in articles if a.duplicate_of is None]
    if len(originals) < 2:
        return []
    order = {a.id: n for n, a in enumerate(originals)}
    originals.sort(key=lambda a: (a.published or "9999", order[a.id]))
    cands = body_sentences(originals, MIN_WORDS, MAX_WORDS, MIN_LETTERED)
    if not cands:
        return []
    try:
        matrix = sentence_tfidf(tuple(c[3] for c in cands))
    except ValueError:  # no usable words at all
        return []
    centroid = row_mean(matrix)
    central = matrix @ centroid
    rank = {a.id: n for n, a in enumerate(originals)}
    language = {a.id: a.language for a in originals}
    by_article: dict[str, list[int]] = {}
    for i, c in enumerate(cands):
        by_article.setdefault(c[0], []).append(i)
    out: list[Update] = []
    languages = {originals[0].language}  # of the articles read so far
    for a in originals[1:]:
        first_in_language = a.language not in languages
        languages.add(a.language)
        mine = by_article.get(a.id, [])
        if not mine or first_in_language:
            continue  # the story's first report in its language: nothing it could be compared with
        earlier = [i for i, c in enumerate(cands) if rank[c[0]] < rank[a.id] and language[c[0]] == a.language]
        if earlier:
            sims = (matrix[mine] @ matrix[earlier].T).toarray().max(axis=1)
        else:
            sims = np.zeros(len(mine))
        fresh = [i for i, s in zip(mine, sims) if s < SAME_SIM]
        fresh = sorted(_distinct(sorted(fresh, key=lambda i: -central[i]), matrix), key=lambda i: cands[i][1])
        if fresh:
            out.append(Update(
                article=a.id, published=a.published,
                sentences=[Citation(a.id, cands[i][2][0], cands[i][2][1], cands[i][3]) for i in fresh],
            ))
    return out


def _distinct(ranked: list[int], matrix) -> list[int]:
    """The first PER_ARTICLE of `ranked` sentences (rows of `matrix`) that do not say again
    what one kept before them says: an article that repeats a paragraph (scraped pages
    often do) would list the same new sentence twice."""
    kept: list[int] = []
    for i in ranked:
        if len(kept) == PER_ARTICLE:
            break
        if not kept or (matrix[kept] @ matrix[i].T).toarray().max() < SAME_SIM:
            kept.append(i)
    return kept
