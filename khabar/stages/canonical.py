"""Stage 8b (per story): one canonical entity per person/place/org across spellings."""
from __future__ import annotations

from khabar.model import Article, Entity


def canonical_entities(story_id: str, articles: list[Article]) -> list[Entity]:
    """Group the story's mentions into entities; sets `Mention.entity` on every mention."""
    raise NotImplementedError
