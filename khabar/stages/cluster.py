"""Stage 7 (corpus): articles about the same real-world happening, grouped."""
from __future__ import annotations

from khabar.model import Article


def cluster(articles: list[Article], duplicates: dict[str, tuple[str, str]]) -> list[list[str]]:
    """Groups of article ids, one per event; every article in exactly one group."""
    raise NotImplementedError
