"""Stage 10 (per story): extractive summary with every supporting article cited."""
from __future__ import annotations

from khabar.model import Article, SummarySentence


def summarize(articles: list[Article], size: int = 5) -> list[SummarySentence]:
    """Up to `size` informative, non-redundant sentences, each citing all supporting articles."""
    raise NotImplementedError
