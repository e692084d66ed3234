"""Stage 9b (per story): the date of the event a story reports."""
from __future__ import annotations

from khabar.model import Article


def event_date(articles: list[Article]) -> tuple[str | None, str | None]:
    """(ISO value, precision) of the story's event, from its articles' date mentions."""
    raise NotImplementedError
