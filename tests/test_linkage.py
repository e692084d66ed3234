"""The kept linkage: a run whose articles are all as they were reads copies and links from the
store instead of finding them again, and makes the same stories."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import khabar.pipeline as pipeline
from khabar import linkage, service
from khabar.serialize import story_to_dict
from khabar.settings import Settings
from khabar.store import Store

SAMPLE = Path(__file__).resolve().parent.parent / "khabar" / "sample" / "articles"


def _stories(store: Store) -> list[dict]:
    return sorted((story_to_dict(s) for s in store.stories()), key=lambda d: d["id"])


class _Counted:
    """Counts the calls of a function it stands in for."""

    def __init__(self, fn) -> None:
        self.fn, self.calls = fn, 0

    def __call__(self, *a, **k):
        self.calls += 1
        return self.fn(*a, **k)


@pytest.fixture
def counted_link(monkeypatch) -> _Counted:
    counted = _Counted(pipeline.link)
    monkeypatch.setattr(pipeline, "link", counted)
    return counted


def test_encode_decode_round_trip(corpus) -> None:
    from khabar.ingest import read_inputs
    from khabar.model import RawDoc
    from khabar.stages.cluster import link
    from khabar.stages.dedup import find_duplicates

    docs = [d for d in read_inputs([SAMPLE, corpus / "seeds"]) if isinstance(d, RawDoc)]
    arts = pipeline.analyze_docs(docs).articles
    made, dups = link(arts, threshold=0.2), find_duplicates(arts)
    back, back_dups = linkage.decode(linkage.encode(made, dups))
    assert back.ids == made.ids and back.threshold == 0.2 and back_dups == dups
    for name in ("labels", "i", "j", "s"):
        assert np.array_equal(getattr(back, name), getattr(made, name))
    assert len(made.i) > 0 and (made.labels[made.i] == made.labels[made.j]).all()


def test_a_run_of_the_same_inputs_reads_the_kept_linkage(store_url: str, counted_link, corpus) -> None:
    store = Store(store_url)
    service.run([SAMPLE], store)
    assert counted_link.calls == 1 and store.linkage_fingerprint() is not None
    before = _stories(store)
    service.run([SAMPLE], store)  # nothing new: copies and links are read, the stories are the same
    assert counted_link.calls == 1 and _stories(store) == before
    # a correction reads it too, and gives what linking again would give
    big = max(store.stories(), key=lambda s: len(s.articles))
    service.detach(store, big.articles[0])
    assert counted_link.calls == 1
    corrected = _stories(store)
    with store.engine.begin() as conn:  # no kept linkage: found again, the same stories
        conn.exec_driver_sql("DELETE FROM linkage")
    service.apply_corrections(store)
    assert counted_link.calls == 2 and _stories(store) == corrected
    # new articles, or another threshold, link again
    service.run([corpus / "seeds"], store)
    assert counted_link.calls == 3
    settings = Settings()
    settings.cluster_threshold = 0.3
    service.run([SAMPLE], store, settings)
    assert counted_link.calls == 4
    store.close()


def test_the_fingerprint_follows_every_article_and_the_threshold(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "f.db"))
    service.run([SAMPLE], store)
    headers = list(store.packed_articles().headers())
    fp = linkage.fingerprint(headers, None)
    assert fp == linkage.fingerprint(list(reversed(headers)), None)  # order does not matter
    assert fp == linkage.fingerprint(headers, pipeline_threshold())  # None is the tuned threshold
    assert fp != linkage.fingerprint(headers, 0.5)
    assert fp != linkage.fingerprint(headers[1:], None)
    changed = [headers[0]._replace(analysis_key="other"), *headers[1:]]
    assert fp != linkage.fingerprint(changed, None)
    assert store.linkage(fp) is not None and store.linkage("0" * 64) is None
    store.close()


def pipeline_threshold() -> float:
    from khabar.stages.cluster import THRESHOLD
    return THRESHOLD


def test_the_fingerprint_follows_the_background_word_counts(monkeypatch) -> None:
    """Another wordfreq (whose frequencies weigh English words), or none, makes every kept
    linkage stale; so does another Hindi table (its file is among the sources digested)."""
    assert "models/word-df-hi.tsv" in linkage._SOURCES
    linkage._code_digest.cache_clear()
    now = linkage._code_digest()
    real = linkage.metadata.version

    def other(name: str) -> str:
        return "0.0-other" if name == "wordfreq" else real(name)

    monkeypatch.setattr(linkage.metadata, "version", other)
    linkage._code_digest.cache_clear()
    try:
        assert linkage._code_digest() != now
    finally:
        monkeypatch.undo()
        linkage._code_digest.cache_clear()
    assert linkage._code_digest() == now
