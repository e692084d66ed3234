"""Clustering scores on small cases computed by hand."""
from __future__ import annotations

import pytest

from khabar.evaluate import b_cubed, evaluate, pairwise

GOLD = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}


def test_perfect() -> None:
    pred = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
    assert b_cubed(pred, GOLD)["f1"] == pytest.approx(1.0)
    assert pairwise(pred, GOLD)["f1"] == pytest.approx(1.0)


def test_all_in_one() -> None:
    pred = {k: 0 for k in GOLD}
    b = b_cubed(pred, GOLD)
    # precision: a,b,c see 3/5 correct, d,e see 2/5 -> (3*3/5 + 2*2/5)/5 = 13/25
    assert b["precision"] == pytest.approx(13 / 25) and b["recall"] == pytest.approx(1.0)
    p = pairwise(pred, GOLD)
    # 10 predicted pairs, 3 + 1 of them true
    assert p["precision"] == pytest.approx(4 / 10) and p["recall"] == pytest.approx(1.0)


def test_all_singletons_and_missing_ids() -> None:
    pred = {"a": 1, "b": 2, "c": 3}  # d and e missing: singletons
    b = b_cubed(pred, GOLD)
    assert b["precision"] == pytest.approx(1.0)
    # recall: a,b,c 1/3 each, d,e 1/2 each -> (1 + 1) / 5
    assert b["recall"] == pytest.approx(2 / 5)
    p = pairwise(pred, GOLD)
    assert p["recall"] == pytest.approx(0.0)
    assert evaluate(pred, GOLD)["missing"] == 2
    assert evaluate(pred, GOLD)["gold_events"] == 2


def test_one_split() -> None:
    pred = {"a": 1, "b": 1, "c": 2, "d": 3, "e": 3}
    b = b_cubed(pred, GOLD)
    assert b["precision"] == pytest.approx(1.0)
    # recall a,b: 2/3, c: 1/3, d,e: 1 -> (2/3+2/3+1/3+1+1)/5
    assert b["recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 2) / 5)
    p = pairwise(pred, GOLD)
    assert p["precision"] == pytest.approx(1.0) and p["recall"] == pytest.approx(2 / 4)


def test_cluster_errors_name_the_split_events_and_the_mixed_clusters() -> None:
    from khabar.evaluate import cluster_errors

    gold = {"a": "E1", "b": "E1", "c": "E1", "d": "E2", "e": "E2", "f": "E3", "x": "E4"}
    pred = {"a": "s1", "b": "s1", "c": "s2", "d": "s2", "e": "s3", "f": "s4", "z": "s9"}
    split, merged = cluster_errors(pred, gold)
    assert split == {"E1": {"s1": ["a", "b"], "s2": ["c"]}, "E2": {"s2": ["d"], "s3": ["e"]}}
    assert list(split) == ["E1", "E2"]  # the larger first
    assert merged == {"s2": {"E1": ["c"], "E2": ["d"]}}
    assert cluster_errors(gold, gold) == ({}, {})
