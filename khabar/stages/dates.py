"""Stage 9a (per article): date expressions resolved against the article date."""
from __future__ import annotations

from khabar.model import DateMention, Span


def find_dates(text: str, language: str, published: str | None, sentences: list[Span]) -> list[DateMention]:
    """Absolute and relative date expressions in Hindi and English, with value and precision."""
    raise NotImplementedError
