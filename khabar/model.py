"""khabar's data model: raw inputs, articles with offset annotations, stories.

Raw input is kept verbatim (``RawDoc.raw``). Everything else is derived from it.
Every annotation on an article is a span into ``Article.text`` (the clean text),
given as character offsets ``start``/``end`` so that ``text[start:end]`` is the
annotated string exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "month", "year", "range", "week"]


@dataclass
class RawDoc:
    """One input article as read from disk or a request, before any processing."""

    id: str
    raw: str  # verbatim decoded input: the .txt content, the HTML, or the JSON text/html
    kind: Literal["txt", "html", "json"]
    origin: str  # where it came from: a path, or "path:line" for JSON Lines
    content_hash: str  # sha256 of the raw content; the article's storage key
    title: str | None = None
    published: str | None = None  # ISO date or datetime, as given by the input
    source: str | None = None  # outlet, if the input says
    url: str | None = None
    is_html: bool = False  # raw is HTML (an .html file, or a JSON record with "html")


@dataclass
class Rejection:
    """An input that could not be used, with a one-line reason."""

    origin: str
    reason: str


@dataclass
class RemovedLine:
    """A boilerplate line taken out of the text, kept with why it went."""

    text: str
    line: int  # 0-based line number in the normalized text
    reason: str  # e.g. "rule:advertisement", "recurring:outlet"


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Mention:
    """A proper-name mention in the clean text."""

    text: str
    start: int
    end: int
    label: str  # PER, LOC, ORG, MISC
    key: str = ""  # spelling-folded key used to group variants
    entity: str | None = None  # canonical entity id, set at story level


@dataclass
class DateMention:
    """A date expression in the clean text, resolved against the article date."""

    text: str
    start: int
    end: int
    value: str | None  # ISO: YYYY-MM-DD, YYYY-MM, YYYY, or "YYYY-MM-DD/YYYY-MM-DD" for ranges
    precision: Precision | None
    relative: bool = False  # resolved from a relative expression (आज, गुरुवार, yesterday)


@dataclass
class Article:
    """An article after the per-article stages, plus its corpus-level links."""

    id: str
    content_hash: str
    origin: str
    text: str  # clean text: every offset points into this
    removed: list[RemovedLine] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None  # where the title sits in text, if it does
    dateline: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) the article was written
    published_from: str | None = None  # "input", "html", "text" or None
    source: str | None = None
    url: str | None = None
    language: str = "other"  # "hi", "en", "other"
    romanized_hindi: bool = False
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    # corpus level
    story: str | None = None
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # "exact" or "near"


@dataclass
class Entity:
    """One person, place or organisation across its spellings within a story."""

    id: str
    name: str  # display name: the most frequent full form
    label: str
    variants: dict[str, int] = field(default_factory=dict)  # spelling -> count
    articles: list[str] = field(default_factory=list)


@dataclass
class SummarySentence:
    """A summary sentence with every article that supports it."""

    text: str
    article: str  # the article the text is taken from
    start: int
    end: int
    sources: list[str] = field(default_factory=list)  # all supporting article ids


@dataclass
class Story:
    """An event: the articles about one real-world happening."""

    id: str
    articles: list[str]
    headline: str = ""
    date: str | None = None  # event date, ISO
    date_precision: str | None = None
    entities: list[Entity] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    thread: str | None = None  # thread id: stories that continue one another
    merged_from: list[str] = field(default_factory=list)  # ids of earlier stories merged into this one
