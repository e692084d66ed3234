"""What the corpus stages read of each article is kept in the store beside its analysis and
read back by a run that reuses the analysis (issue 3: incremental runs)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select, text, update

from khabar import pipeline, service
from khabar.ingest import read_inputs
from khabar.model import RawDoc
from khabar.signals import SIGNALS_VERSION, decode, encode
from khabar.store import Store, signals_table

SAMPLE = Path(pipeline.__file__).parent / "sample" / "articles"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
NEW = ("सोनगढ़ में नई बस सेवा\nसोनगढ़। परिवहन निगम ने सोमवार से सोनगढ़ और रामपुर के बीच नई बस सेवा शुरू की। "
       "पहले दिन 300 यात्रियों ने सफर किया। निगम के अधिकारी ने कहा कि किराया 40 रुपये रखा गया है।")


def _analysed(paths) -> list:
    docs = [d for d in read_inputs(paths) if isinstance(d, RawDoc)]
    return list(pipeline.analyze_docs(docs, workers=1).articles)


def _same(a: pipeline.Signals, b: pipeline.Signals) -> None:
    ca, cb = a.copy, b.copy
    assert (ca.id, ca.published, ca.exact) == (cb.id, cb.published, cb.exact)
    assert ca.prints.dtype == cb.prints.dtype and np.array_equal(ca.prints, cb.prints)
    assert (ca.signature is None) == (cb.signature is None)
    if ca.signature is not None:
        assert ca.signature.dtype == cb.signature.dtype and np.array_equal(ca.signature, cb.signature)
    ea, eb = a.event, b.event
    assert (ea.id, ea.language, ea.source, ea.words, ea.ents, ea.nums, ea.people, ea.date) == \
           (eb.id, eb.language, eb.source, eb.words, eb.ents, eb.nums, eb.people, eb.date)
    assert list(ea.counts) == list(eb.counts)


def test_signals_come_back_equal_from_their_bytes() -> None:
    paths = [SAMPLE] + ([SEEDS] if SEEDS.is_dir() else [])
    arts = _analysed(paths)
    assert len(arts) >= 18
    dated = signed = 0
    for a in arts:
        made = pipeline._signals(a)
        _same(decode(encode(made)), made)
        dated += made.event.date is not None
        signed += made.copy.signature is not None
    assert dated and signed  # the optional parts were exercised too


def test_bytes_of_another_version_or_not_signals_decode_to_none() -> None:
    (a,) = _analysed([SAMPLE])[:1]
    blob = bytearray(encode(pipeline._signals(a)))
    assert decode(bytes(blob)) is not None
    blob[2] = (SIGNALS_VERSION + 1) % 256
    assert decode(bytes(blob)) is None
    assert decode(b"") is None and decode(b"not signals at all, just bytes") is None


def _read_count(caplog) -> int:
    line = next(r.getMessage() for r in caplog.records if "per-article phase" in r.getMessage())
    return int(line.split("signals: ")[1].split(" read")[0])


def _stories(store: Store) -> list:
    return sorted((s.id, s.articles, s.headline, [x.text for x in s.summary], s.thread) for s in store.stories())


def test_a_run_reads_the_kept_signals_and_ends_as_one_that_makes_them(tmp_path: Path, store_url: str,
                                                                       second_store_url: str, caplog) -> None:
    caplog.set_level("INFO", logger="khabar")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "bus.txt").write_text(NEW, encoding="utf-8")
    kept, fresh = Store(store_url), Store(second_store_url)
    for store in (kept, fresh):
        service.run([SAMPLE], store)
    with kept.engine.connect() as conn:
        n_kept = conn.execute(select(text("count(*)")).select_from(signals_table)).scalar()
    assert n_kept == kept.counts()["articles"]
    with fresh.engine.begin() as conn:  # this store has to make every article's signals again
        conn.execute(signals_table.delete())
    # and one kept row belongs to another analysis of its article: it must not be read
    with kept.engine.begin() as conn:
        stale = conn.execute(select(signals_table.c.id).limit(1)).scalar()
        conn.execute(update(signals_table).where(signals_table.c.id == stale).values(analysis_key="another"))
    caplog.clear()
    service.run([SAMPLE, extra], kept)
    assert _read_count(caplog) == n_kept - 1
    caplog.clear()
    service.run([SAMPLE, extra], fresh)
    assert _read_count(caplog) == 0
    assert _stories(kept) == _stories(fresh)
    for store in (kept, fresh):  # both keep every article's signals now, the stale one made again
        with store.engine.connect() as conn:
            rows = dict(conn.execute(select(signals_table.c.id, signals_table.c.analysis_key)).all())
        assert rows == {a.id: a.analysis_key for a in store.articles()}
        store.close()


def test_signals_of_articles_no_longer_stored_go_with_the_results(store_url: str) -> None:
    store = Store(store_url)
    store.put_signals([("gone", "k", b"x"), ("also-gone", None, b"y")])
    store.put_signals([("gone", "k2", b"z")])  # in place of the row kept before
    assert store.signals_for([("gone", "k2"), ("also-gone", None), ("never", "k")]) == {"gone": b"z", "also-gone": b"y"}
    assert store.signals_for([("gone", "k")]) == {}  # kept with another key
    store.replace_results([], [])
    assert store.signals_for([("gone", "k2"), ("also-gone", None)]) == {}
    store.close()


@pytest.mark.parametrize("packed", [True, False])
def test_analysis_reads_kept_signals_only_for_reused_articles(packed: bool) -> None:
    docs = [d for d in read_inputs([SAMPLE]) if isinstance(d, RawDoc)]
    held: dict[str, tuple[str | None, bytes]] = {}

    def get(wanted):
        return {i: held[i][1] for i, key in wanted if i in held and held[i][0] == key}

    def put(rows):
        held.update({i: (key, data) for i, key, data in rows})

    first = pipeline.SignalKeeper(get, put)
    before = pipeline.analyze_docs(docs, workers=1, packed=True, kept=first)
    assert (first.read, first.made) == (0, len(before.articles)) and len(held) == first.made
    again = pipeline.SignalKeeper(get, put)
    after = pipeline.analyze_docs(docs, workers=1, cached=before.articles, packed=packed, kept=again)
    assert after.reused == set(held) and (again.read, again.made) == (len(held), 0)
    for i, signals in after.signals.items():
        _same(signals, before.signals[i])


def test_a_kept_story_keeps_its_profile_and_one_without_gets_it(tmp_path: Path, store_url: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Threading reads a profile of every story: a story kept by a run comes with the one
    stored beside it (not made again from its articles); a story stored without one (by a
    khabar before schema version 4) gets it made and written, even though its row stays."""
    from khabar.stages.thread import profile_from_json
    from khabar.store import stories_table

    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "bus.txt").write_text(NEW, encoding="utf-8")
    store = Store(store_url)
    service.run([SAMPLE], store)
    before = store.packed_stories().profiles
    assert set(before) == {s.id for s in store.stories()}
    made: list[int] = []
    real = pipeline._profile_of_packed
    monkeypatch.setattr(pipeline, "_profile_of_packed", lambda blobs: made.append(len(blobs)) or real(blobs))
    service.run([SAMPLE, extra], store)
    assert made == []  # every kept story's profile came from the store
    with store.engine.begin() as conn:
        conn.execute(update(stories_table).values(profile=None))
    (extra / "bus2.txt").write_text(NEW.replace("300", "310").replace("40 रुपये", "45 रुपये"), encoding="utf-8")
    service.run([SAMPLE, extra], store)
    after = store.packed_stories().profiles
    assert set(after) == {s.id for s in store.stories()}
    assert len(made) >= len(before) - 2  # the kept stories' profiles were made again
    for story_id, text_ in before.items():
        if story_id in after:
            assert profile_from_json(after[story_id]) == profile_from_json(text_)
    store.close()


def test_signals_of_an_article_with_no_body_come_back_equal() -> None:
    """No words, no fingerprints, no MinHash, no date: the arrays end exactly at the end of
    the bytes."""
    from array import array

    from khabar.stages.cluster import EventSignals
    from khabar.stages.dedup import CopyKey

    empty = pipeline.Signals(CopyKey("x", None, None, np.zeros(0, dtype=np.uint64), None),
                             EventSignals("x", "hi", None, (), array("i"), (), (), (), None))
    _same(decode(encode(empty)), empty)
