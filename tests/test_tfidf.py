"""khabar.tfidf builds the same matrix as scikit-learn's TfidfVectorizer, faster."""
from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from khabar.passages import content_words
from khabar.tfidf import row_mean, tfidf_matrix


def _docs(seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(40)] + ["दिल्ली", "मामले", "बैठक"]
    return [[rng.choice(words) for _ in range(rng.randint(0, 12))] for _ in range(rng.randint(1, 30))]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("sublinear", [False, True])
def test_same_matrix_as_scikit_learn(seed: int, sublinear: bool) -> None:
    docs = _docs(seed)
    if not any(docs):
        docs.append(["x"])
    ours = tfidf_matrix(docs, sublinear_tf=sublinear).toarray()
    theirs = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=sublinear).fit_transform(docs).toarray()
    assert ours.shape == theirs.shape
    assert np.allclose(ours, theirs, atol=1e-12)


def test_analyzer_on_real_sentences() -> None:
    texts = ["दिल्ली में कोरोना के 116 नए मामले सामने आए।", "Delhi reported 116 new cases on Tuesday.",
             "राजधानी दिल्ली में नए मामलों की संख्या बढ़ी।", ""]
    ours = tfidf_matrix(texts, analyzer=content_words, sublinear_tf=True).toarray()
    theirs = TfidfVectorizer(analyzer=content_words, sublinear_tf=True).fit_transform(texts).toarray()
    assert np.allclose(ours, theirs, atol=1e-12)
    assert not ours[3].any()  # a document without words is a zero row, not an error


def test_no_tokens_at_all_is_an_error_like_scikit_learn() -> None:
    with pytest.raises(ValueError):
        tfidf_matrix([[], []])


@pytest.mark.parametrize("seed", range(8))
def test_row_mean_is_scipys_to_the_last_bit(seed: int) -> None:
    """The per-story stages' centroid: exactly SciPy's `mean(axis=0)`, so that no summary or
    answer can change with the faster sum (sentences tying on centrality stay tied)."""
    docs = _docs(seed) + [["x"]]
    m = tfidf_matrix(docs, sublinear_tf=True)
    assert np.array_equal(row_mean(m), np.asarray(m.mean(axis=0)).ravel())
    rng = np.random.default_rng(seed)
    r = m.copy()
    r.data = rng.random(len(r.data)) / rng.integers(1, 50, len(r.data))  # values less friendly to rounding
    assert np.array_equal(row_mean(r), np.asarray(r.mean(axis=0)).ravel())
