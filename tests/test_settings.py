"""Settings read from the environment, checked with a reason that names them."""
from __future__ import annotations

import pytest

from khabar.settings import Settings, cluster_threshold


def test_cluster_threshold_is_read_from_the_environment(monkeypatch) -> None:
    monkeypatch.delenv("KHABAR_CLUSTER_THRESHOLD", raising=False)
    assert Settings().cluster_threshold is None  # the clustering stage's own
    monkeypatch.setenv("KHABAR_CLUSTER_THRESHOLD", "0.2")
    assert Settings().cluster_threshold == 0.2
    monkeypatch.setenv("KHABAR_CLUSTER_THRESHOLD", " ")
    assert Settings().cluster_threshold is None


@pytest.mark.parametrize("bad", ["abc", "0", "-0.1", "1.5", "nan"])
def test_a_bad_cluster_threshold_is_refused_by_name(bad: str) -> None:
    with pytest.raises(ValueError, match="KHABAR_CLUSTER_THRESHOLD must be a number above 0 and at most 1"):
        cluster_threshold(bad)
    assert cluster_threshold("1") == 1.0 and cluster_threshold(0.05) == 0.05
