"""Stage 5: sentence spans, Hindi- and English-aware."""
from __future__ import annotations

from khabar.model import Span


def split_sentences(text: str, language: str) -> list[Span]:
    """Sentence spans over `text` (danda, ?, !, . with abbreviations; never across lines)."""
    raise NotImplementedError
