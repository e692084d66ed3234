"""TF-IDF rows for the small matrices of the per-story stages, without per-call overhead.

The per-story stages (summary, 5W1H, what's new, agreement) build one small TF-IDF matrix
per story — a few to a few hundred sentences. scikit-learn's ``TfidfVectorizer`` gives the
right numbers but spends about 8 ms per call on validation and set-up, which at 10,000
mostly small stories is more than the work itself (benchmarks/speed.py profile). This
builds the same matrix as ``TfidfVectorizer(analyzer=..., sublinear_tf=..., norm=...)``
with its defaults (smooth idf, vocabulary in sorted order, float64) directly in SciPy;
tests/test_tfidf.py checks it against scikit-learn.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain

import numpy as np
from scipy.sparse import csr_matrix


def tfidf_matrix(docs: Sequence, analyzer: Callable[[object], Iterable[str]] | None = None,
                 sublinear_tf: bool = False, norm: str | None = "l2") -> csr_matrix:
    """One L2-normalised TF-IDF row per document (a token list, or anything `analyzer` reads).

    Raises ValueError when no document has a token, as scikit-learn does.
    """
    counts = [Counter(analyzer(d) if analyzer is not None else d) for d in docs]
    vocab = sorted(set().union(*counts))
    if not vocab:
        raise ValueError("empty vocabulary: no document has a token")
    column = dict(zip(vocab, range(len(vocab))))
    lengths = [len(c) for c in counts]
    indptr = np.zeros(len(docs) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(lengths)
    total = int(indptr[-1])
    # every row's (column, count) pairs at once, put in column order row by row with one sort
    # (iterated by map and chain, in C: generator expressions were a third of the call)
    unsorted_cols = np.fromiter(map(column.__getitem__, chain.from_iterable(counts)), dtype=np.int64, count=total)
    unsorted_data = np.fromiter(chain.from_iterable(c.values() for c in counts), dtype=np.float64, count=total)
    order = np.lexsort((unsorted_cols, np.repeat(np.arange(len(docs)), lengths)))
    cols_arr, values = unsorted_cols[order], unsorted_data[order]
    if sublinear_tf:
        values = np.log(values) + 1.0
    n = len(docs)
    if norm not in ("l2", None):
        raise ValueError(f"unsupported norm: {norm!r}")
    values = idf_weighted(values, cols_arr, indptr, len(vocab), l2=norm == "l2")
    return csr_matrix((values, cols_arr, indptr), shape=(n, len(vocab)))


def idf_weighted(values: np.ndarray, columns: np.ndarray, indptr: np.ndarray, width: int,
                 l2: bool = True) -> np.ndarray:
    """The stored values of a CSR matrix of term frequencies (rows = documents) times their
    terms' smooth idf, ln((1 + n) / (1 + df)) + 1, each row then divided by its L2 norm:
    scikit-learn's `TfidfTransformer` (smooth idf, norm "l2") to the last bit, the same
    operations in the same order (a row's squares summed one after another, as its
    `normalize` does), without importing scikit-learn (half a second of every start-up)."""
    n = len(indptr) - 1
    values = values * smooth_idf(np.bincount(columns, minlength=width).astype(np.float64), n)[columns]
    return l2_rows(values, indptr) if l2 else values


def smooth_idf(df: np.ndarray, documents: float) -> np.ndarray:
    """ln((1 + documents) / (1 + df)) + 1 for each document frequency in `df`."""
    idf = np.full_like(df, float(documents + 1))
    idf /= df + 1.0
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def l2_rows(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """The stored values of a CSR matrix with each row divided by its L2 norm (its squares
    summed one after another, as scikit-learn's `normalize` does); empty rows as they are."""
    n = len(indptr) - 1
    rows = np.repeat(np.arange(n), np.diff(indptr))
    row_norm = np.sqrt(np.bincount(rows, weights=values * values, minlength=n))  # in order
    per_value = row_norm[rows]
    return values / np.where(per_value > 0, per_value, 1.0)


def row_mean(matrix: csr_matrix) -> np.ndarray:
    """The mean of a CSR matrix's rows as a flat array: what ``matrix.mean(axis=0)`` gives, to
    the last bit (the same products summed in the same order, row by row), without SciPy's
    per-call set-up (55 µs against 3 µs a call; three per-story stages ask it of every story)."""
    n_rows, n_cols = matrix.shape
    return np.bincount(matrix.indices, weights=matrix.data * (1.0 / n_rows), minlength=n_cols)
