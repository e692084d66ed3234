"""Stage 10c (per story): how well a story's reports hold together, by their titles and leads.

News puts its happening in the title and the lead, so reports of one happening share some
of those words however else they differ. Clustering reads whole texts, and on a corpus of
one topic two reports of different happenings can be alike in the rest: the topic's words,
places and ministries (docs/story_audit.md read thirty such stories on hindi-news-2020:
19 joined different happenings). A story's cohesion is the least, over its original
reports, of each one's closest likeness to another report of the story in its language:
the cosine of their titles' and leads' content words (the title and the first LEAD_SENTENCES sentences),
each word weighted by how rare it is in real news (`khabar/models/word-idf.tsv`, built by
`python -m khabar.build_idf` from hindi-news-2020 and ECB+), so that a shared "कोरोना" or
"India" counts for little. A story under khabar.model.LOOSE_COHESION (0.07) has a report
whose title and lead share nothing that matters with any other's: it may join two
happenings, and `khabar show`, `khabar stories` and the web pages say so. The story's grouping is not changed by it: a report whose title was
taken wrong would then lose its links (the seeds read raw split so).

That bound was set on the thirty stories of the default threshold read in docs/story_audit.md
(seed 1; under 0.07: 7 of 19 mixed flagged, none of the 7 plainly one event, one of 4
debatable) and checked on the thirty read at threshold 0.18 (seed 2: 10 of 20 mixed, none
of 7 one event, 2 of 3 debatable).
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from importlib import resources

from khabar.model import Article
from khabar.passages import content_words

LEAD_SENTENCES = 3


def story_cohesion(articles: list[Article]) -> float | None:
    """The least, over the original reports (copies left out), of each one's closest
    title-and-lead cosine to another report of the story in its language, rounded to three
    decimals. Words cannot be compared across languages: a report alone in its language
    is not judged (names and numbers joined it), and a story with no two original reports
    in one language has None, as has a story of one report.

    The pairs grow with the square of the reports: the pipeline gives a story's detail
    sample, at most MAX_DETAIL_ARTICLES originals (khabar.pipeline), as to the other stages
    that compare every report with every other."""
    originals = [a for a in articles if a.duplicate_of is None]
    least = None
    for language in sorted({a.language or "" for a in originals}):
        vectors = [_vector(_head_words(a)) for a in originals if (a.language or "") == language]
        for i, v in enumerate(vectors):
            if len(vectors) < 2:
                break
            best = max(_dot(v, w) for j, w in enumerate(vectors) if j != i)
            least = best if least is None else min(least, best)
    return None if least is None else round(least, 3)


def _head_words(a: Article) -> list[str]:
    """Content words of the title and the first LEAD_SENTENCES sentences of the body."""
    out = list(content_words(a.title or ""))
    body = [s for s in a.sentences if not (a.title_span and s.start < a.title_span.end)]
    for s in body[:LEAD_SENTENCES]:
        out.extend(content_words(a.text[s.start:s.end]))
    return out


def _vector(words: list[str]) -> dict[str, float]:
    """Sublinear tf x idf, L2-normalised."""
    idf, unseen = _idf()
    v = {w: (1.0 + math.log(c)) * idf.get(w, unseen) for w, c in Counter(words).items()}
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {w: x / norm for w, x in v.items()} if norm else {}


def _dot(v: dict[str, float], w: dict[str, float]) -> float:
    if len(w) < len(v):
        v, w = w, v
    return sum(x * w.get(k, 0.0) for k, x in v.items())


@lru_cache(maxsize=1)
def _idf() -> tuple[dict[str, float], float]:
    """The shipped word idf table, and the idf of a word it does not list (one no document
    had)."""
    text = resources.files("khabar").joinpath("models", "word-idf.tsv").read_text(encoding="utf-8")
    idf: dict[str, float] = {}
    documents = 0
    for line in text.splitlines():
        if line.startswith("# documents\t"):
            documents = int(line.split("\t")[1])
        elif line and not line.startswith("#"):
            word, value = line.split("\t")
            idf[word] = float(value)
    return idf, math.log(1 + documents) + 1.0
