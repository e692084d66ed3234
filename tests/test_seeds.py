"""Issue 2, done-when: the seeds end to end (methods are general; names are test data only)."""
from __future__ import annotations

from pathlib import Path

import pytest

from khabar import service
from khabar.store import Store

BOILERPLATE = [
    "No stories found.", "Leave feedback about this", "Advertisement", "विज्ञापन",
    "Read Time: 15 mins", "ये भी पढ़ें", "Content Writer", "Featured Video Of The Day",
    "Latest News", "More Articles Like This",
]


@pytest.fixture(scope="module")
def seeded(seeds_dir: Path, tmp_path_factory):
    store = Store(str(tmp_path_factory.mktemp("db") / "k.db"))
    report = service.run([seeds_dir], store)
    yield store, report
    store.close()


def _story_of(store: Store, article_id: str):
    for s in store.stories():
        if article_id in s.articles:
            return s
    raise AssertionError(f"{article_id} is in no story")


def _id(prefix: str, store: Store) -> str:
    (aid,) = [a.id for a in store.articles() if a.id.startswith(prefix)]
    return aid


def test_two_stories(seeded) -> None:
    store, report = seeded
    groups = sorted(sorted(a[:3] for a in s.articles) for s in store.stories())
    assert groups == [["000", "001", "002", "003"], ["004"]]
    # README.md in the seeds folder is not an article: it is rejected with a reason, not lost
    assert any(r.origin.endswith("README.md") and r.reason.startswith("E003") for r in report.rejected)


def test_one_belousov_and_one_putin(seeded) -> None:
    store, _ = seeded
    story = _story_of(store, _id("000", store))

    def entities_with(spelling: str):
        return {e.id for e in story.entities if any(spelling in v for v in e.variants)}

    belousov = [entities_with(s) for s in ("बेलौसोव", "बेलूसोव", "बेलोउसॉव")]
    assert all(len(b) == 1 for b in belousov), belousov
    assert belousov[0] == belousov[1] == belousov[2]
    putin = [entities_with(s) for s in ("ब्लादीमीर", "व्लादिमीर")]
    assert all(len(p) == 1 for p in putin) and putin[0] == putin[1]
    assert putin[0] != belousov[0]
    # a look-alike place is not folded into the person
    belarus = entities_with("बेलारूस")
    assert not (belarus & belousov[0])


def test_event_date(seeded) -> None:
    store, _ = seeded
    assert _story_of(store, _id("000", store)).date == "2025-12-04"


def test_no_boilerplate_in_clean_text_or_summary(seeded) -> None:
    store, _ = seeded
    for a in store.articles():
        for line in BOILERPLATE:
            assert line not in a.text, (a.id, line)
    # four of the five pages carry furniture (000 is clean): what was removed is kept, marked
    assert sum(1 for a in store.articles() if a.removed) >= 4
    assert all(r.reason for a in store.articles() for r in a.removed)
    for s in store.stories():
        for x in s.summary:
            for line in BOILERPLATE:
                assert line not in x.text


def test_summary_cites_its_articles(seeded) -> None:
    store, _ = seeded
    story = _story_of(store, _id("000", store))
    assert len(story.summary) >= 3
    by_id = {a.id: a for a in store.articles()}
    for x in story.summary:
        assert x.sources and set(x.sources) <= set(story.articles)
        assert by_id[x.article].text[x.start:x.end] == x.text
    assert any(len(x.sources) >= 2 for x in story.summary), "no summary sentence is supported by two outlets"


def test_offsets_round_trip(seeded) -> None:
    store, _ = seeded
    for a in store.articles():
        for m in a.mentions:
            assert a.text[m.start:m.end] == m.text
        for d in a.dates:
            assert a.text[d.start:d.end] == d.text
        for s in a.sentences:
            assert 0 <= s.start < s.end <= len(a.text)


def test_rerun_adds_nothing(seeded, seeds_dir: Path) -> None:
    store, first = seeded
    before = store.counts()
    ids_before = {s.id for s in store.stories()}
    again = service.run([seeds_dir], store)
    assert again.new == 0 and again.already_stored == first.new
    assert store.counts()["raw"] == before["raw"]
    assert {s.id for s in store.stories()} == ids_before
