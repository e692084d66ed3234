"""Articles and stories to and from plain dicts (for the store and the export)."""

from __future__ import annotations

from dataclasses import asdict

from khabar.model import (
    Article,
    DateMention,
    Entity,
    Mention,
    RemovedLine,
    Span,
    Story,
    SummarySentence,
)


def article_to_dict(a: Article) -> dict:
    """All fields of an article as JSON-ready values."""
    return asdict(a)


def article_from_dict(d: dict) -> Article:
    """The inverse of article_to_dict."""
    d = dict(d)
    d["removed"] = [RemovedLine(**r) for r in d.get("removed", [])]
    d["title_span"] = Span(**d["title_span"]) if d.get("title_span") else None
    d["sentences"] = [Span(**s) for s in d.get("sentences", [])]
    d["mentions"] = [Mention(**m) for m in d.get("mentions", [])]
    d["dates"] = [DateMention(**x) for x in d.get("dates", [])]
    return Article(**d)


def story_to_dict(s: Story) -> dict:
    """All fields of a story as JSON-ready values."""
    return asdict(s)


def story_from_dict(d: dict) -> Story:
    """The inverse of story_to_dict."""
    d = dict(d)
    d["entities"] = [Entity(**e) for e in d.get("entities", [])]
    d["summary"] = [SummarySentence(**x) for x in d.get("summary", [])]
    return Story(**d)
