"""A run that adds articles analyses only them, and ends where a run on everything would (issue 3)."""
from __future__ import annotations

import json
from pathlib import Path

from khabar import pipeline, service
from khabar.packed import unpack
from khabar.serialize import article_to_dict, story_to_dict

SAMPLE = Path(pipeline.__file__).parent / "sample" / "articles"
NEW = ("सोनगढ़ में नई बस सेवा\nसोनगढ़। परिवहन निगम ने सोमवार से सोनगढ़ और रामपुर के बीच नई बस सेवा शुरू की। "
       "पहले दिन 300 यात्रियों ने सफर किया। निगम के अधिकारी ने कहा कि किराया 40 रुपये रखा गया है।")


def _state(store):
    arts = sorted((article_to_dict(a) for a in store.articles()), key=lambda d: d["id"])
    stories = sorted((story_to_dict(s) for s in store.stories()), key=lambda d: d["id"])
    return arts, stories


def test_second_run_analyses_only_the_new_article_and_matches_a_full_run(tmp_path, monkeypatch) -> None:
    calls: list[str] = []
    real = pipeline._analyze_stages

    def counting(p, recurring):
        calls.append(p.doc.id)
        return real(p, recurring)

    monkeypatch.setattr(pipeline, "_analyze_stages", counting)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "bus.txt").write_text(NEW, encoding="utf-8")

    inc = service.open_store(str(tmp_path / "inc.db"))
    service.run([SAMPLE], inc)
    first = len(calls)
    assert first >= 18
    calls.clear()
    service.run([SAMPLE, extra], inc)
    assert calls == ["bus"]  # the 18 stored articles were reused, not analysed again

    full = service.open_store(str(tmp_path / "full.db"))
    service.run([SAMPLE, extra], full)
    assert _state(inc) == _state(full)
    inc.close()
    full.close()


def test_a_new_pipeline_version_analyses_everything_again(tmp_path, monkeypatch) -> None:
    store = service.open_store(str(tmp_path / "s.db"))
    service.run([SAMPLE], store)
    calls: list[str] = []
    real = pipeline._analyze_stages
    monkeypatch.setattr(pipeline, "_analyze_stages", lambda p, r: calls.append(p.doc.id) or real(p, r))
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", pipeline.PIPELINE_VERSION + "-next")
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "bus.txt").write_text(NEW, encoding="utf-8")
    service.run([SAMPLE, extra], store)
    assert len(calls) == 19
    store.close()


def test_only_the_stories_new_articles_touch_are_derived_again(tmp_path, monkeypatch) -> None:
    store = service.open_store(str(tmp_path / "inc.db"))
    service.run([SAMPLE], store)
    first_ids = {s.id for s in store.stories()}
    derived: list[list[str]] = []
    real = pipeline._story_job
    monkeypatch.setattr(pipeline, "_story_job",
                        lambda job: derived.append(sorted(unpack(blob).id for blob, _copy in job[1])) or real(job))
    # a second report of one sample event (its text with another headline and a new closing line)
    donor = json.loads((SAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    body = donor["text"]
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "again.txt").write_text("दूसरी रिपोर्ट\n" + body + "\nअधिकारियों ने बाकी ब्योरा कल देने की बात कही।",
                                     encoding="utf-8")
    (extra / "bus.txt").write_text(NEW, encoding="utf-8")
    service.run([SAMPLE, extra], store)
    stories = store.stories()
    touched = [s for s in stories if {"again", "bus"} & set(s.articles)]
    assert any("again" in s.articles and len(s.articles) > 2 for s in touched)  # it joined a stored story
    assert sorted(derived) == sorted(sorted(s.articles) for s in touched)  # only those were derived
    assert len(derived) < len(stories)

    full = service.open_store(str(tmp_path / "full.db"))
    service.run([SAMPLE, extra], full)
    # and the whole result is what a fresh run gives, but for the history: a story the new
    # article joined to another lists the one it absorbed (a fresh run merged nothing)
    (arts, inc_stories), (full_arts, full_stories) = _state(store), _state(full)
    assert arts == full_arts
    absorbed = first_ids - {x["id"] for x in inc_stories}  # stories of the first run no longer there
    for s in inc_stories:
        assert set(s.pop("merged_from")) <= absorbed
    for s in full_stories:
        assert s.pop("merged_from") == []
    assert inc_stories == full_stories
    store.close()
    full.close()


def test_stories_are_derived_again_when_the_summary_length_changes(tmp_path) -> None:
    from khabar.settings import Settings

    store = service.open_store(str(tmp_path / "s.db"))
    service.run([SAMPLE], store, settings=Settings(summary_size=1))
    assert max(len(s.summary) for s in store.stories()) == 1
    service.run([SAMPLE], store, settings=Settings(summary_size=5))  # nothing new, longer summaries
    full = service.open_store(str(tmp_path / "full.db"))
    service.run([SAMPLE], full, settings=Settings(summary_size=5))
    assert max(len(s.summary) for s in store.stories()) > 1
    assert _state(store) == _state(full)
    store.close()
    full.close()


def test_rows_kept_as_stored_are_those_a_full_rewrite_would_write(tmp_path, monkeypatch) -> None:
    from sqlalchemy import select

    from khabar.store import Store, articles_table, stories_table

    def rows(store):
        with store.engine.connect() as conn:
            return (sorted(tuple(r) for r in conn.execute(select(articles_table))),
                    sorted(tuple(r) for r in conn.execute(select(stories_table))))

    donor = json.loads((SAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "again.txt").write_text("दूसरी रिपोर्ट\n" + donor["text"], encoding="utf-8")
    (extra / "bus.txt").write_text(NEW, encoding="utf-8")

    real = Store.replace_results
    kept: list[tuple[int, int]] = []

    def spying(self, articles, stories, unchanged_articles=frozenset(), unchanged_stories=frozenset()):
        kept.append((len(unchanged_articles), len(unchanged_stories)))
        return real(self, articles, stories, unchanged_articles, unchanged_stories)

    monkeypatch.setattr(Store, "replace_results", spying)
    skipping = service.open_store(str(tmp_path / "skip.db"))
    service.run([SAMPLE], skipping)
    service.run([SAMPLE, extra], skipping)
    assert kept[0] == (0, 0)  # a first run has nothing stored to keep
    assert kept[1][0] >= 10 and kept[1][1] >= 3  # most rows of the second run were kept

    def rewriting(self, articles, stories, unchanged_articles=frozenset(), unchanged_stories=frozenset()):
        return real(self, articles, stories)

    monkeypatch.setattr(Store, "replace_results", rewriting)
    full = service.open_store(str(tmp_path / "full.db"))
    service.run([SAMPLE], full)
    service.run([SAMPLE, extra], full)
    assert rows(skipping) == rows(full)
    skipping.close()
    full.close()
