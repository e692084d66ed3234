"""Articles and stories to plain dicts: the same values as dataclasses.asdict, and back again."""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import khabar

from khabar.ingest import read_inputs
from khabar.model import RawDoc
from khabar.pipeline import analyze_docs, build_stories
from khabar.serialize import article_from_dict, article_to_dict, story_from_dict, story_to_dict


def test_dicts_equal_asdict_and_round_trip(seeds_dir) -> None:
    sample = Path(khabar.__file__).parent / "sample" / "articles"
    docs = [d for d in read_inputs([sample, seeds_dir]) if isinstance(d, RawDoc)]
    articles = analyze_docs(docs).articles
    stories = build_stories(articles)
    assert articles and stories
    for a in articles:
        d = article_to_dict(a)
        assert d == asdict(a)
        assert article_from_dict(d) == a
    for s in stories:
        d = story_to_dict(s)
        assert d == asdict(s)
        assert story_from_dict(d) == s
