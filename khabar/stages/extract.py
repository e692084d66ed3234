"""Stage 0 (HTML only): main text, title and date out of an HTML page."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HtmlExtract:
    text: str  # main text, paragraphs separated by newlines ("" if nothing found)
    title: str | None
    date: str | None  # ISO YYYY-MM-DD


def extract_html(html: str) -> HtmlExtract:
    """Main text, title and publication date of an HTML page (trafilatura + htmldate)."""
    raise NotImplementedError
