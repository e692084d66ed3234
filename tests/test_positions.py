"""Spans near a position by bisection give what reading every span gives."""
from __future__ import annotations

import random

from khabar.model import Mention, Span
from khabar.positions import ByStart, index_at


def test_spans_starting_ending_and_overlapping_are_those_a_full_reading_finds() -> None:
    rng = random.Random(11)
    spans = []
    for _ in range(60):
        start = rng.randint(0, 400)
        spans.append(Mention("x", start, start + rng.randint(1, 25), rng.choice(["PER", "ORG", "LOC"]), "x"))
    index = ByStart(spans)
    ordered = sorted(spans, key=lambda m: m.start)
    assert list(index) == ordered
    for lo in range(-10, 440, 7):
        for hi in (lo, lo + 1, lo + 3, lo + 41):
            assert index.starting(lo, hi) == [m for m in ordered if lo <= m.start < hi]
            assert index.ending(lo, hi) == [m for m in ordered if lo <= m.end <= hi]
            assert index.overlapping(lo, hi) == [m for m in ordered if m.start < hi and lo < m.end]


def test_intervals_covering_a_position() -> None:
    rng = random.Random(7)
    intervals = [Span(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 500) for _ in range(40))]
    index = ByStart(intervals)
    for pos in range(-5, 560):
        assert bool(index.overlapping(pos, pos + 1)) == any(s.start <= pos < s.end for s in intervals)


def test_the_sentence_holding_a_position() -> None:
    rng = random.Random(7)
    spans, at = [], 0
    for _ in range(30):
        at += rng.randint(0, 3)
        spans.append(Span(at, at + rng.randint(1, 20)))
        at = spans[-1].end
    for pos in range(-2, at + 3):
        want = next((n for n, s in enumerate(spans) if s.start <= pos < s.end), 0)
        assert index_at(spans, pos) == want
        assert index_at(spans, pos, default=-1) == next((n for n, s in enumerate(spans) if s.start <= pos < s.end), -1)
