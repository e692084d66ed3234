"""Stage 10 (per story): extractive summary with every supporting article cited.

Method: every body sentence of the story's articles is a candidate. A sentence scores
by how central it is to the story (TF-IDF cosine to the story centroid), how many
articles say the same thing (support), and whether it is in an article's lead; a
sentence that opens with a back-referring word (उन्होंने, He) is penalised. Sentences
are then picked greedily, skipping any too similar to one already picked (MMR), and
ordered by where they stand in the articles. Each picked sentence cites every article
that has a sentence close to it, not only the one it was taken from.
"""
from __future__ import annotations

import math

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from khabar.lang import word_list
from khabar.model import Article, SummarySentence
from khabar.text import ascii_digits, words

# Two sentences "say the same thing" at cosine >= 0.45 on TF-IDF word vectors. Chosen by
# reading the citations this gives on the seeds' and the sample's summaries (a cited
# outlet must really carry the statement); not swept against labelled data yet.
SUPPORT_SIM = 0.45
# A candidate this similar to a picked sentence is redundant. At 0.5, paraphrases of one
# fact came through on an ECB+ story ("found guilty" / "has convicted"); 0.35 keeps them
# out there, and the seeds' and sample's summaries still read as distinct facts.
REDUNDANT_SIM = 0.35
# Sentences outside these word counts are fragments or run-ons (captions, tables).
MIN_WORDS, MAX_WORDS = 6, 70
MIN_LETTERED = 5  # and at least five words that are not numbers
# Bonus for the first three sentences of an article (news puts the event in the lead).
LEAD_BONUS = 0.15
# Multiplier for a sentence opening with a back-referring word.
PRONOUN_PENALTY = 0.6


def summarize(articles: list[Article], size: int = 5) -> list[SummarySentence]:
    """Up to `size` informative, non-redundant sentences, each citing all supporting articles."""
    cands = _candidates(articles)
    if not cands or size <= 0:
        return []
    texts = [c[3] for c in cands]
    try:
        vec = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True, norm="l2")
        matrix = vec.fit_transform(texts)
    except ValueError:  # no usable words at all
        return []
    sims = (matrix @ matrix.T).toarray()
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    central = (matrix @ centroid) / norm if norm else np.zeros(len(cands))
    art_of = [c[0] for c in cands]
    n_articles = len({a.id for a in articles})
    support: list[set[str]] = []
    for i in range(len(cands)):
        close = np.nonzero(sims[i] >= SUPPORT_SIM)[0]
        support.append({art_of[j] for j in close} | {art_of[i]})
    scores = []
    for i, (art, idx, _span, text) in enumerate(cands):
        s = float(central[i])
        if n_articles > 1:
            s *= 1.0 + math.log(len(support[i]))
        if idx < 3:
            s += LEAD_BONUS
        if _starts_with_pronoun(text):
            s *= PRONOUN_PENALTY
        scores.append(s)
    picked: list[int] = []
    for i in sorted(range(len(cands)), key=lambda k: (-scores[k], art_of[k], cands[k][1])):
        if len(picked) >= size:
            break
        if any(sims[i, j] >= REDUNDANT_SIM for j in picked):
            continue
        picked.append(i)
    order = {a.id: n for n, a in enumerate(articles)}
    # reading order: what the earliest reports said first, each in its place in the article
    picked.sort(key=lambda i: (min(order[x] for x in support[i]), cands[i][1], order[art_of[i]]))
    out = []
    for i in picked:
        art, _idx, (start, end), text = cands[i]
        sources = sorted(support[i], key=lambda x: order[x])
        out.append(SummarySentence(text=text, article=art, start=start, end=end, sources=sources))
    return out


def _candidates(articles: list[Article]) -> list[tuple[str, int, tuple[int, int], str]]:
    """(article id, sentence index in article body, span, text) of every usable sentence."""
    out = []
    for a in articles:
        title = (a.title or "").strip()
        body_idx = 0
        for s in a.sentences:
            text = a.text[s.start:s.end].strip()
            if not text:
                continue
            if a.title_span and s.start < a.title_span.end and s.end > a.title_span.start:
                continue
            if title and text == title:
                continue
            ws = words(text)
            lettered = sum(1 for w in ws if not any(c.isdigit() for c in w) and len(w) > 1)
            # bylines and timestamps ("संवाददाता । 10 मार्च 2026, 05:40 PM") are mostly numbers
            if MIN_WORDS <= len(ws) <= MAX_WORDS and lettered >= MIN_LETTERED:
                out.append((a.id, body_idx, (s.start, s.end), text))
            body_idx += 1
    return out


def _analyzer(text: str) -> list[str]:
    stop = word_list("hi", "stopwords") | word_list("en", "stopwords")
    return [w for w in (x.lower() for x in words(ascii_digits(text))) if w not in stop]


def _starts_with_pronoun(text: str) -> bool:
    ws = words(text)
    if not ws:
        return False
    first = ws[0].lower()
    two = " ".join(ws[:2]).lower()
    return first in _pronouns() or two in _pronouns()


def _pronouns() -> frozenset[str]:
    return word_list("hi", "pronouns") | word_list("en", "pronouns")
