"""Stage 6 (corpus): exact and near-duplicate articles."""
from __future__ import annotations

from khabar.model import Article


def find_duplicates(articles: list[Article]) -> dict[str, tuple[str, str]]:
    """Map each copy's id to (original id, "exact" | "near"); originals are not keys."""
    raise NotImplementedError
