"""An article's spans near a position, found by bisection.

Mentions, date mentions and sentences lie in text order; asking every one of them about
every quote, number or mention made long articles quadratic (a 4 MB article took minutes
in the stages that did). These answer the same questions from sorted starts.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Protocol


class Spanned(Protocol):
    start: int
    end: int


class ByStart(list):
    """Spans (anything with `start` and `end`) in order of start, their given order kept
    among equal starts, with the length of the longest."""

    def __init__(self, spans: Iterable[Spanned] = ()) -> None:
        super().__init__(sorted(spans, key=attrgetter("start")))
        self.starts = [s.start for s in self]
        self.longest = max((s.end - s.start for s in self), default=0)

    def starting(self, lo: int, hi: int) -> list:
        """The spans that start at lo or later and before hi, in order."""
        return self[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def ending(self, lo: int, hi: int) -> list:
        """The spans that end at lo or later and at hi or earlier, in order."""
        return [s for s in self.starting(lo - self.longest, hi + 1) if lo <= s.end <= hi]

    def overlapping(self, lo: int, hi: int) -> list:
        """The spans that share a character with [lo, hi) (start < hi, end > lo), in order."""
        return [s for s in self.starting(lo - self.longest + 1, hi) if s.end > lo]


def index_at(spans: Sequence[Spanned], pos: int, default: int = 0) -> int:
    """The index of the span holding `pos` among spans in text order that do not overlap
    (sentences), else `default`."""
    k = bisect_right(spans, pos, key=attrgetter("start")) - 1
    return k if k >= 0 and pos < spans[k].end else default
