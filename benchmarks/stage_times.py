"""Milliseconds per article spent in each per-article stage, on one core, without a profiler.

    python benchmarks/stage_times.py [--n 2000]

Builds `n` articles the way benchmarks/speed.py does (real hindi-news-2020 and ECB+
articles, sentences mixed, numbers nudged), runs the per-article phase on one core with
each stage call wrapped in a timer, and prints each stage's share. cProfile adds a cost
to every Python call, which makes stages full of small calls look dearer than they are;
plain timers around the stage calls do not.
"""
from __future__ import annotations

import argparse
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

STAGES = ("normalize", "clean", "extract_metadata", "detect_language", "split_sentences", "find_mentions",
          "find_dates", "article_aspect", "find_facts", "find_quotes", "_signals", "pack", "_analysis_key")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
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
    pipeline.analyze_docs(docs, workers=1, packed=True)
    wall = time.perf_counter() - t0
    n = len(docs)
    print(f"{n} articles, one core: {wall / n * 1000:.2f} ms an article in all")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:18s} {secs / n * 1000:6.3f} ms  {secs / wall * 100:5.1f}%")


if __name__ == "__main__":
    main()
