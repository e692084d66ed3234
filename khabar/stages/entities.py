"""Stage 8a (per article): proper-name mentions."""
from __future__ import annotations

from khabar.model import Mention, Span


def find_mentions(text: str, language: str, sentences: list[Span]) -> list[Mention]:
    """Person, place and organisation mentions with offsets into `text` and folded keys."""
    raise NotImplementedError
