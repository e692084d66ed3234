"""Articles and stories to and from plain dicts (for the store and the export)."""

from __future__ import annotations

from dataclasses import asdict

from khabar.model import (
    Answer,
    Article,
    Citation,
    DateMention,
    Entity,
    Fact,
    FactValue,
    Finding,
    Mention,
    Quote,
    RemovedLine,
    Span,
    Story,
    SummarySentence,
    Update,
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
    d["quotes"] = [Quote(**x) for x in d.get("quotes", [])]
    d["facts"] = [Fact(**x) for x in d.get("facts", [])]
    return Article(**d)


def story_to_dict(s: Story) -> dict:
    """All fields of a story as JSON-ready values."""
    return asdict(s)


def story_from_dict(d: dict) -> Story:
    """The inverse of story_to_dict."""
    d = dict(d)
    d["entities"] = [Entity(**e) for e in d.get("entities", [])]
    d["summary"] = [SummarySentence(**x) for x in d.get("summary", [])]
    d["quotes"] = [Quote(**x) for x in d.get("quotes", [])]
    d["agreement"] = [_finding(x) for x in d.get("agreement", [])]
    d["conflicts"] = [_finding(x) for x in d.get("conflicts", [])]
    d["five_w"] = {k: Answer(v["text"], [Citation(**c) for c in v.get("citations", [])])
                   for k, v in d.get("five_w", {}).items()}
    d["whats_new"] = [Update(u["article"], u.get("published"), [Citation(**c) for c in u.get("sentences", [])])
                      for u in d.get("whats_new", [])]
    return Story(**d)


def _finding(d: dict) -> Finding:
    d = dict(d)
    d["values"] = [FactValue(v["value"], v["display"], [Citation(**c) for c in v.get("citations", [])],
                             list(v.get("sources", []))) for v in d.get("values", [])]
    return Finding(**d)
