"""Quotes found on hindi-news-2020, with a random sample to read.

    python benchmarks/quotes_stats.py [--sample 25] [--seed 3]
    python benchmarks/quotes_stats.py --corpus ../shared/corpus/ecbplus/articles.jsonl   # English

A folder (of daily dumps) is split into articles; a file is read as it is.

Prints how many direct and reported quotes the pipeline finds on the split corpus, how many
have a speaker, checks every offset, and prints a seeded random sample for reading.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import RawDoc  # noqa: E402
from khabar.pipeline import analyze_docs  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "hindi-news-2020"))
    ap.add_argument("--sample", type=int, default=25)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    docs = [d for d in read_inputs([args.corpus], split=Path(args.corpus).is_dir()) if isinstance(d, RawDoc)]
    t = time.time()
    articles = analyze_docs(docs).articles
    quotes = [(a, q) for a in articles for q in a.quotes]
    bad = sum(1 for a, q in quotes if a.text[q.start:q.end] != q.text
              or (q.speaker is not None and a.text[q.speaker_start:q.speaker_end] != q.speaker))
    kinds = Counter(q.kind for _, q in quotes)
    print(f"{len(articles)} articles analysed in {time.time() - t:.1f} s; {len(quotes)} quotes "
          f"({kinds['direct']} direct, {kinds['reported']} reported), "
          f"{sum(1 for _, q in quotes if q.speaker)} with a speaker, {bad} offset errors")
    random.seed(args.seed)
    for a, q in random.sample(quotes, min(args.sample, len(quotes))):
        print(f"  {q.kind:8} | {q.speaker} | {q.cue} | {q.text[:90]}")


if __name__ == "__main__":
    main()
