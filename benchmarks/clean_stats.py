"""How much the cleaner removes from the Hindi 2020 corpus, with a random sample to judge by eye.

    python benchmarks/clean_stats.py [--sample 30] [--seed 0]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.stages.clean import clean, find_recurring_lines  # noqa: E402
from khabar.stages.normalize import normalize  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "hindi-news-2020"

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    by_paper: dict[str, list[tuple[Path, str]]] = defaultdict(list)
    for f in sorted(CORPUS.glob("*/*.txt")):
        by_paper[f.parent.name].append((f, normalize(f.read_text(encoding="utf-8"))))
    t = time.perf_counter()
    removed, lines, reasons = [], 0, Counter()
    for paper, files in by_paper.items():
        recurring = find_recurring_lines([x for _, x in files])
        for f, text in files:
            res = clean(text, recurring)
            lines += sum(1 for x in text.splitlines() if x.strip())
            for r in res.removed:
                removed.append((f"{paper}/{f.name}", r))
                reasons[r.reason.split(":")[0]] += 1
    secs = time.perf_counter() - t
    print(f"{sum(len(v) for v in by_paper.values())} files, {lines} non-empty lines, {len(removed)} removed "
          f"({secs:.1f}s); by reason: {dict(reasons.most_common())}")
    for name, r in random.Random(args.seed).sample(removed, min(args.sample, len(removed))):
        print(f"{name}\t{r.reason}\t{r.text[:100]}")
