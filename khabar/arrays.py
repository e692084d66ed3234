"""Small numpy helpers shared by the corpus stages."""
from __future__ import annotations

import numpy as np


def sorted_unique(x: np.ndarray) -> np.ndarray:
    """The distinct values of a 1-d array, ascending: what ``np.unique(x)`` returns.

    numpy 2.4's ``np.unique`` finds distinct values through a hash table before sorting
    them, which on integer arrays of millions of values is about a hundred times slower
    than sorting and dropping repeats (8.9 s against 0.09 s for 8 million random int64):
    at 40,000 articles it was 9.7 s of clustering's 67 (the candidate pairs).
    """
    s = np.sort(x, kind="stable")
    if len(s) < 2:
        return s
    keep = np.empty(len(s), dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]
