"""Which labels of a story's entities the story-level typing of English names changes.

    python benchmarks/entity_labels.py [--corpus PATH] [--sample 50] [--seed 3]

Clusters the corpus (default: ECB+) as `khabar eval` does, names every story's entities
twice — with `khabar.stages.canonical._story_label` (the label an English name's words give)
and with the mentions' majority label alone (what the story showed before) — and prints how
many entities changed, by (before, after), and a random sample of them to be read and
judged by hand. Nothing is judged by code: the verdicts of one reading are in README.md.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import RawDoc  # noqa: E402
from khabar.pipeline import analyze_docs  # noqa: E402
from khabar.stages import canonical  # noqa: E402
from khabar.stages import cluster as cl  # noqa: E402
from khabar.stages.dedup import find_duplicates  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def _labels(groups: list[list[str]], by_id: dict) -> dict[tuple[int, str], str]:
    """(story number, entity name) -> label, for every story's entities."""
    out = {}
    for n, group in enumerate(groups):
        for e in canonical.canonical_entities(f"s{n}", [by_id[i] for i in group]):
            out[(n, e.name)] = e.label
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "ecbplus" / "articles.jsonl")
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    docs = [d for d in read_inputs([args.corpus]) if isinstance(d, RawDoc)]
    articles = analyze_docs(docs).articles
    by_id = {a.id: a for a in articles}
    groups = cl.cluster(articles, find_duplicates(articles))
    after = _labels(groups, by_id)
    typed = canonical._story_label
    canonical._story_label = canonical._majority_label
    try:
        before = _labels(groups, by_id)
    finally:
        canonical._story_label = typed
    changed = [(before[k], after[k], k[1]) for k in after if k in before and before[k] != after[k]]
    print(f"{len(articles)} articles, {len(groups)} stories: {len(changed)} of {len(after)} story entities "
          f"change label ({len(set(after) ^ set(before))} entities differ otherwise)")
    for (old, new), n in Counter((o, n) for o, n, _ in changed).most_common():
        print(f"  {old} -> {new}: {n}")
    random.seed(args.seed)
    print(f"a random {min(args.sample, len(changed))} (seed {args.seed}), to be judged by reading:")
    for old, new, name in random.sample(changed, min(args.sample, len(changed))):
        print(f"  {old} -> {new}  {name}")


if __name__ == "__main__":
    main()
