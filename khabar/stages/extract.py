"""Stage 0 (HTML only): main text, title and date out of an HTML page."""
from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass

import htmldate
import regex
import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

LOGGER = logging.getLogger(__name__)
LOGGER.addHandler(logging.NullHandler())

# a table whose text is mostly link text is navigation ("more stories", calendars, menus);
# 0.5 chosen by hand: data tables (case counts per state) have no links at all
_TABLE_LINK_SHARE = 0.5
_SPACE_RE = re.compile(r"\s+")
_RULE_ROW_RE = re.compile(r"^\|[-| :]*\|[ \t]*\n?", re.MULTILINE)  # "|---|---|" under a header
_LETTER_RE = regex.compile(r"\p{L}")


@dataclass
class HtmlExtract:
    text: str  # main text, paragraphs separated by newlines ("" if nothing found)
    title: str | None
    date: str | None  # ISO YYYY-MM-DD


def extract_html(html: str) -> HtmlExtract:
    """Main text, title and publication date of an HTML page (trafilatura + htmldate)."""
    tree = _parse(html)
    if tree is None:
        return HtmlExtract(text="", title=None, date=None)
    return HtmlExtract(text=_main_text(tree), title=_title(tree), date=_date(tree))


def _parse(html: str) -> HtmlElement | None:
    """The page as an lxml tree, or None for empty, non-HTML or URL-only input."""
    if not isinstance(html, str) or not html.strip():
        return None
    stripped = html.strip()
    # a bare URL would make the libraries download it: never go to the network
    if "<" not in stripped:
        return None
    try:
        tree = load_html(stripped)
        if tree is None:
            # a fragment ("<p>…</p>") is refused as dubious HTML: wrap it once
            tree = load_html(f"<html><body><div>{stripped}</div></body></html>")
    except Exception as err:  # lxml raises many kinds on broken input
        LOGGER.info("HTML not parsed: %s", err)
        return None
    return tree


def _main_text(tree: HtmlElement) -> str:
    """Main text of the page, one paragraph a line, comments and link tables left out."""
    work = copy.deepcopy(tree)
    _drop_link_tables(work)
    try:
        text = trafilatura.extract(
            work,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            with_metadata=False,
        )
    except Exception as err:  # a page trafilatura cannot handle is "nothing", not a crash
        LOGGER.info("trafilatura failed: %s", err)
        text = None
    text = _RULE_ROW_RE.sub("", text or "")
    text = "\n".join(_table_row(line) for line in text.split("\n")).strip()
    # punctuation-only output ("<<<>>>") is not text
    return text if _LETTER_RE.search(text) else ""


def _table_row(line: str) -> str:
    """A markdown table row from trafilatura ("| a | b |") as tab-separated cells."""
    if len(line) > 1 and line.startswith("|") and line.rstrip().endswith("|"):
        return "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    return line


def _drop_link_tables(tree: HtmlElement) -> None:
    """Remove tables that are mostly links (navigation furniture) from `tree`."""
    for table in list(tree.iter("table")):
        text = _SPACE_RE.sub("", table.text_content())
        if not text:
            table.drop_tree()
            continue
        link_text = sum(len(_SPACE_RE.sub("", a.text_content())) for a in table.iter("a"))
        if link_text / len(text) > _TABLE_LINK_SHARE:
            table.drop_tree()


def _title(tree: HtmlElement) -> str | None:
    """Headline from trafilatura's metadata, else og:title, else <title>."""
    title = None
    try:
        title = _trafilatura_title(tree)
    except Exception as err:
        LOGGER.info("trafilatura metadata failed: %s", err)
    if not title:
        for node in tree.xpath('//meta[@property="og:title" or @name="og:title"]'):
            title = node.get("content")
            if title:
                break
    if not title:
        found = tree.xpath("//title")
        title = found[0].text_content() if found else None
    title = _SPACE_RE.sub(" ", title or "").strip()
    return title or None


def _trafilatura_title(tree: HtmlElement) -> str | None:
    """The title `trafilatura.extract_metadata` gives, made by the steps of it that make the
    title: the page's meta tags, then its JSON-LD, then its headings and <title>, trimmed as
    it trims. The rest of it (authors, a second date search, site name, categories, tags,
    licence) was 45% of extracting a page (5.3 of 11.7 ms on `benchmarks/speed.py --html`
    pages), for nothing khabar reads; tests/test_extract.py checks both give one title.
    These steps only read the tree. With a trafilatura that no longer has them, the whole
    of `extract_metadata` is asked."""
    if _TITLE_STEPS is None:
        meta = trafilatura.extract_metadata(copy.deepcopy(tree))
        return meta.title if meta is not None else None
    examine_meta, extract_meta_json, extract_title = _TITLE_STEPS
    meta = examine_meta(tree)
    try:
        meta = extract_meta_json(tree, meta)
    except Exception as err:  # as extract_metadata does: its JSON-LD reader has bugs
        LOGGER.info("trafilatura JSON-LD metadata failed: %s", err)
    if not meta.title:
        meta.title = extract_title(tree)
    meta.clean_and_trim()
    return meta.title


try:
    from trafilatura.metadata import examine_meta as _examine_meta
    from trafilatura.metadata import extract_meta_json as _extract_meta_json
    from trafilatura.metadata import extract_title as _extract_title
    _TITLE_STEPS = (_examine_meta, _extract_meta_json, _extract_title)
except ImportError:  # pragma: no cover - another trafilatura
    _TITLE_STEPS = None


def _date(tree: HtmlElement) -> str | None:
    """Original publication date from the page markup (htmldate, no network, no text guess)."""
    try:
        # extensive_search off: the text-pattern fallback guesses (copyright years, any date
        # in the body); a date written in the text is left to the metadata stage instead
        return htmldate.find_date(
            copy.deepcopy(tree), original_date=True, extensive_search=False, url=None
        )
    except Exception as err:
        LOGGER.info("htmldate failed: %s", err)
        return None
