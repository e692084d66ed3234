"""Stage 3: headline, dateline, publication date and outlet of an article."""
from __future__ import annotations

from dataclasses import dataclass

from khabar.model import Span


@dataclass
class Metadata:
    title: str | None
    title_span: Span | None  # where the title sits in the clean text, if it does
    dateline: str | None  # e.g. "नई दिल्ली"
    published: str | None  # ISO YYYY-MM-DD
    published_from: str | None  # "input", "html", "text" or None
    source: str | None


def extract_metadata(
    text: str,
    title: str | None = None,
    published: str | None = None,
    published_from: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Metadata:
    """Fill title, dateline, date and outlet from the clean text and what the input gave."""
    raise NotImplementedError
