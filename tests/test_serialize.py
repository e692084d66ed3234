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


def test_store_json_is_the_json_of_the_plain_dicts(seeds_dir) -> None:
    """The store writes `to_json`, made by the json encoder asking each dataclass for its
    fields; it must be the very text `json.dumps` gives for the plain dicts, and read back
    to the same objects."""
    import json

    import pytest

    from khabar.model import Span
    from khabar.serialize import to_json

    sample = Path(khabar.__file__).parent / "sample" / "articles"
    docs = [d for d in read_inputs([sample, seeds_dir]) if isinstance(d, RawDoc)]
    articles = analyze_docs(docs).articles
    stories = build_stories(articles)
    assert any(s.five_w for s in stories) and any(a.mentions for a in articles)  # nested fields are there
    for a in articles:
        assert to_json(a) == json.dumps(article_to_dict(a), ensure_ascii=False)
        assert article_from_dict(json.loads(to_json(a))) == a
    for s in stories:
        assert to_json(s) == json.dumps(story_to_dict(s), ensure_ascii=False)
        assert story_from_dict(json.loads(to_json(s))) == s
    assert to_json(Span(1, 2)) == '{"start": 1, "end": 2}'
    with pytest.raises(TypeError):
        to_json(object())
