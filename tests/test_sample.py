"""Shape of the bundled sample corpus in khabar/sample (invented news)."""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

SAMPLE = Path(str(files("khabar") / "sample"))
ARTICLES = SAMPLE / "articles"
REQUIRED = ("id", "text", "published", "source")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    """Every JSON Lines record of the sample, parsed."""
    lines = (ARTICLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def page_ids() -> list[str]:
    """Ids of the .txt and .html files: their path under sample/ without extension."""
    paths = sorted((ARTICLES / "pages").glob("*.txt")) + sorted((ARTICLES / "pages").glob("*.html"))
    return [p.relative_to(ARTICLES).with_suffix("").as_posix() for p in paths]


@pytest.fixture(scope="module")
def gold() -> dict[str, str]:
    """gold.tsv as id -> event."""
    with open(SAMPLE / "gold.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert rows and list(rows[0]) == ["id", "event"]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids in gold.tsv"
    return {r["id"]: r["event"] for r in rows}


def test_jsonl_records_have_required_fields(records):
    """Each record has non-empty id/text/source and an ISO publication date."""
    for rec in records:
        for key in REQUIRED:
            assert isinstance(rec.get(key), str) and rec[key].strip(), (rec.get("id"), key)
        dt.date.fromisoformat(rec["published"][:10])
        if "url" in rec:
            assert re.match(r"https?://[^/]+\.example/", rec["url"]), rec["url"]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))


def test_size_outlets_and_languages(records, page_ids):
    """At least 14 articles from at least 4 outlets, some text in English, most in Hindi."""
    assert len(records) + len(page_ids) >= 14
    assert len({r["source"] for r in records}) >= 4
    assert {p.rsplit(".", 1)[-1] for p in map(str, (ARTICLES / "pages").iterdir())} >= {"txt", "html"}
    devanagari = [r for r in records if re.search(r"[\u0900-\u097F]", r["text"])]
    assert len(devanagari) > len(records) / 2
    assert len(devanagari) < len(records), "no English record"


def test_gold_covers_every_article_and_nothing_else(records, page_ids, gold):
    """Every article has a gold row and every gold row names an article."""
    assert set(gold) == {r["id"] for r in records} | set(page_ids)


def test_gold_events(gold):
    """At least 4 events, at least 4 of them reported by two or more articles."""
    sizes = Counter(gold.values())
    assert len(sizes) >= 4
    assert sum(1 for n in sizes.values() if n >= 2) >= 4


def test_txt_pages_have_headline_then_text():
    """A .txt page starts with a headline line and carries a date in its text."""
    for path in (ARTICLES / "pages").glob("*.txt"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].strip() and len(lines) > 3, path.name
        assert re.search(r"\d{1,2} \S+ 20\d\d", path.read_text(encoding="utf-8")), path.name


def test_html_pages_have_title_date_and_article():
    """An .html page has a <title>, og:title, a published time and an <article>."""
    for path in (ARTICLES / "pages").glob("*.html"):
        html = path.read_text(encoding="utf-8")
        for needle in ("<title>", 'property="og:title"', 'property="article:published_time"',
                       "<article>", "<nav>", "<footer>"):
            assert needle in html, (path.name, needle)


def test_readme_says_invented(gold):
    """The README exists, says the content is invented, and names every gold event."""
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "invented" in readme.lower()
    for event in set(gold.values()):
        assert event in readme, event
