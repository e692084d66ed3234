"""Stage 2: boilerplate lines out of already-extracted, normalized text."""
from __future__ import annotations

from dataclasses import dataclass, field

from khabar.model import RemovedLine


@dataclass
class CleanResult:
    text: str
    removed: list[RemovedLine] = field(default_factory=list)


def clean(text: str, recurring: frozenset[str] = frozenset()) -> CleanResult:
    """Drop boilerplate lines (rules, plus `recurring` lines of the outlet), keep them marked."""
    raise NotImplementedError
