"""Milliseconds spent in each per-article stage (per article) and each per-story stage (per
story), on one core, without a profiler.

    python benchmarks/stage_times.py [--n 2000] [--stories]

Builds `n` articles the way benchmarks/speed.py does (real hindi-news-2020 and ECB+
articles, sentences mixed, numbers nudged), runs the per-article phase on one core with
each stage call wrapped in a timer, and prints each stage's share; with `--stories`, then
the corpus and per-story phases too (`build_stories`, in this process), each per-story
stage timed alike. cProfile adds a cost to every Python call, which makes stages full of
small calls look dearer than they are; plain timers around the stage calls do not.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import khabar.pipeline as pipeline  # noqa: E402
from khabar.model import RawDoc  # noqa: E402
from speed import base_articles, synthesize  # noqa: E402

STORY_STAGES = ("unpack", "event_date", "choose_headline", "canonical_entities", "summarize", "_story_quotes",
                "compare_facts", "five_w", "whats_new", "_timeline", "pack_json", "story_index", "story_profile")
STAGES = ("normalize", "clean", "extract_metadata", "detect_language", "split_sentences", "find_mentions",
          "find_dates", "article_aspect", "find_facts", "find_quotes", "_signals", "pack", "_analysis_key")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    ap.add_argument("--stories", action="store_true", help="time the per-story stages too")
    args = ap.parse_args()
    records = synthesize(args.n, base_articles(), seed=args.n, prefix="a")
    docs = [RawDoc(id=r["id"], raw=r["text"], kind="json", origin=r["id"], content_hash=r["id"],
                   published=r["published"], source=r["source"]) for r in records]
    spent: dict[str, float] = defaultdict(float)

    def timed(name, fn):
        def call(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.perf_counter() - t
        return call

    for name in STAGES:
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    t0 = time.perf_counter()
    analysis = pipeline.analyze_docs(docs, workers=1, packed=True)
    wall = time.perf_counter() - t0
    n = len(docs)
    print(f"{n} articles, one core: {wall / n * 1000:.2f} ms an article in all")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:18s} {secs / n * 1000:6.3f} ms  {secs / wall * 100:5.1f}%")
    if not args.stories:
        return
    spent.clear()
    for name in STORY_STAGES:
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    job = pipeline._story_job
    pipeline._story_job = timed("_story_job", job)
    os.environ["KHABAR_WORKERS"] = "1"  # the per-story stages in this process, where the timers are
    t0 = time.perf_counter()
    stories = pipeline.build_stories(analysis.articles, reused=analysis.reused, signals=analysis.signals)
    wall = time.perf_counter() - t0
    s = len(stories)
    inside = spent.pop("_story_job")
    print(f"{s} stories: corpus and per-story phases {wall:.1f} s, per-story jobs {inside / s * 1000:.2f} ms a story")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:18s} {secs / s * 1000:6.3f} ms  {secs / inside * 100:5.1f}%")


if __name__ == "__main__":
    main()
