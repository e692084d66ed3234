"""khabar.arrays: the sort-based distinct values match numpy's own."""
from __future__ import annotations

import numpy as np

from khabar.arrays import sorted_unique


def test_sorted_unique_is_np_unique() -> None:
    rng = np.random.default_rng(0)
    cases = [np.zeros(0, dtype=np.int64), np.array([7], dtype=np.uint64), np.array([3, 3, 3]),
             rng.integers(0, 50, 1000), rng.integers(0, 2**62, 5000, dtype=np.int64),
             rng.integers(0, 2**63, 5000, dtype=np.uint64)]
    for x in cases:
        got = sorted_unique(x)
        want = np.unique(x)
        assert got.dtype == want.dtype and np.array_equal(got, want)
    assert len(sorted_unique(cases[3])) < len(cases[3])  # repeats were there to drop
