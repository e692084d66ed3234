"""The per-article phase gives the same articles on a process pool as in one process (issue 3)."""
from __future__ import annotations

import threading

from khabar import pipeline
from khabar.model import RawDoc
from khabar.serialize import article_to_dict


def test_pool_and_serial_give_identical_articles_in_input_order(seeds_dir, monkeypatch) -> None:
    from khabar.ingest import read_inputs

    docs = [d for d in read_inputs([seeds_dir]) if isinstance(d, RawDoc)]
    docs.append(RawDoc(id="empty", raw="   \n ", kind="txt", origin="empty.txt", content_hash="e"))
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)
    serial = pipeline.analyze_docs(docs, workers=1)
    pooled = pipeline.analyze_docs(docs, workers=2)
    assert [article_to_dict(a) for a in pooled.articles] == [article_to_dict(a) for a in serial.articles]
    assert [a.id for a in pooled.articles] == [d.id for d in docs if d.id != "empty"]
    assert [(r.origin, r.reason) for r in pooled.rejections] == [(r.origin, r.reason) for r in serial.rejections]
    assert pooled.rejections and "E012" in pooled.rejections[0].reason  # the empty one, with its reason
    # what the corpus stages read, made in the workers, is what the articles give
    assert sorted(pooled.signals) == sorted(a.id for a in serial.articles)
    for a in serial.articles:
        made = pipeline._received(pipeline._signals(a))  # as the main process holds them
        got = pooled.signals[a.id]
        assert got.event == made.event and got.copy.exact == made.copy.exact
        assert (got.copy.prints == made.copy.prints).all()


def test_stories_from_signals_are_the_stories_from_articles(seeds_dir, monkeypatch) -> None:
    from pathlib import Path

    from khabar.ingest import read_inputs
    from khabar.serialize import story_to_dict

    sample = Path(pipeline.__file__).parent / "sample" / "articles"
    docs = [d for d in read_inputs([seeds_dir, sample]) if isinstance(d, RawDoc)]
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)
    first = pipeline.analyze_docs(docs, workers=2, packed=True)
    assert len(first.signals) == len(first.articles)
    with_signals = pipeline.build_stories(first.articles, signals=first.signals)
    assert not first.signals  # let go once read
    # a second analysis reusing the first: the reused articles' signals are made from them
    again = pipeline.analyze_docs(docs, workers=2, cached=first.articles, packed=True)
    assert again.reused and len(again.signals) == len(again.articles)
    without = pipeline.build_stories(pipeline.analyze_docs(docs, workers=1).articles)
    assert [story_to_dict(s) for s in with_signals] == [story_to_dict(s) for s in without]


def test_per_story_stages_on_a_pool_give_identical_stories_and_articles(seeds_dir, monkeypatch) -> None:
    import copy
    from pathlib import Path

    from khabar.ingest import read_inputs
    from khabar.serialize import story_to_dict

    sample = Path(pipeline.__file__).parent / "sample" / "articles"
    docs = [d for d in read_inputs([seeds_dir, sample]) if isinstance(d, RawDoc)]
    arts = pipeline.analyze_docs(docs, workers=1).articles
    one, two = copy.deepcopy(arts), copy.deepcopy(arts)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 10**9)
    serial = pipeline.build_stories(one)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)
    pooled = pipeline.build_stories(two)
    assert [story_to_dict(s) for s in pooled] == [story_to_dict(s) for s in serial]
    # the mentions' entity ids and story ids set by the per-story stages reach the caller's articles
    assert [article_to_dict(a) for a in two] == [article_to_dict(a) for a in one]
    assert any(m.entity for a in two for m in a.mentions)


def test_a_very_large_story_is_summarised_from_an_even_sample_of_its_articles(monkeypatch) -> None:
    from khabar import pipeline
    from khabar.model import Article

    arts = [Article(id=f"a{k:03d}", content_hash=str(k), origin="x", text="t", published=f"2026-01-{k % 28 + 1:02d}")
            for k in range(50)]
    arts[3].duplicate_of = "a000"
    originals = [a for a in arts if a.duplicate_of is None]
    assert pipeline._detail_sample(arts, originals) is arts  # under the bound: every article
    monkeypatch.setattr(pipeline, "MAX_DETAIL_ARTICLES", 10)
    sample = pipeline._detail_sample(arts, originals)
    assert len(sample) == 10 and all(a.duplicate_of is None for a in sample)
    assert sample[0] is originals[0] and sample[-1] in originals[-5:]  # spread from first to last


def _burn(n: int) -> int:
    return sum(k * k for k in range(200_000 + n))


def test_phase_clock_counts_the_cpu_of_a_closed_pools_workers(caplog) -> None:
    import logging

    from khabar import pipeline

    with caplog.at_level(logging.INFO, logger="khabar"):
        clock = pipeline.PhaseClock()
        with pipeline._pool(2) as pool:
            assert sum(pipeline._map(pool, _burn, list(range(40)))) > 0
        clock("pooled")
        clock("idle")
    pooled, idle = (float(r.getMessage().split(" s in workers")[0].rsplit(",", 1)[1]) for r in caplog.records[-2:])
    assert pooled > 0.0 and idle == 0.0


def test_outlet_furniture_is_found_and_removed_alike_on_a_pool_and_in_one_process(monkeypatch) -> None:
    furniture = "हमारे ऐप से जुड़ें और खबरें पढ़ें"
    docs = []
    for k, place in enumerate(["पटना", "गया", "भागलपुर", "दरभंगा"]):
        body = (f"{place} में नगर निगम ने नई सड़क बनाने का काम शुरू किया है और लोगों ने इसका स्वागत किया ।\n"
                f"अधिकारियों ने बताया कि काम तीन महीने में पूरा होगा और इस पर भारी खर्च आएगा ।")
        for outlet in ("पत्र एक", "पत्र दो"):
            text = f"{place} में सड़क का काम शुरू\n{body}\n{furniture}" if outlet == "पत्र एक" else f"{place} में सड़क का काम\n{body}"
            docs.append(RawDoc(id=f"{outlet}-{k}", raw=text, kind="json", origin=f"o{k}{outlet}",
                               content_hash=f"{outlet}{k}", source=outlet))
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 2)
    serial = pipeline.analyze_docs(docs, workers=1)
    pooled = pipeline.analyze_docs(docs, workers=2)
    assert [article_to_dict(a) for a in pooled.articles] == [article_to_dict(a) for a in serial.articles]
    for a in pooled.articles:
        gone = [(r.text, r.reason) for r in a.removed]
        # only the outlet that prints the line loses it, as its recurring furniture
        assert gone == ([(furniture, "recurring")] if a.source == "पत्र एक" else [])
        assert furniture not in a.text
    # the outlets' lines are not kept after the phase, and are per thread
    assert pipeline._outlet_lines("पत्र एक") == frozenset()
    pipeline._use_outlet_lines({"पत्र एक": frozenset({furniture})})
    seen = []
    other = threading.Thread(target=lambda: seen.append(pipeline._outlet_lines("पत्र एक")))
    other.start()
    other.join()
    assert seen == [frozenset()] and pipeline._outlet_lines("पत्र एक") == {furniture}
    pipeline._use_outlet_lines({})
