"""What the conflicting-facts damper (khabar.stages.cluster.FACT_CONFLICT) changes on a corpus.

    python benchmarks/fact_conflict.py 1.0 0.4            # all of hindi-news-2020, split into articles
    python benchmarks/fact_conflict.py 0.4 0.25 --corpus PATH

Clusters the corpus with the first value and with the second, and prints every story of
the first that the second parts: each article with the story it gets, its outlet, date,
title and the counts its title and lead state. The value in the code was chosen by reading
this output (see the comment above FACT_CONFLICT); the labelled sets barely respond to it.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import RawDoc  # noqa: E402
from khabar.pipeline import analyze_docs  # noqa: E402
from khabar.stages import cluster as cl  # noqa: E402
from khabar.stages.dedup import find_duplicates  # noqa: E402


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before", type=float)
    ap.add_argument("after", type=float)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "hindi-news-2020")
    args = ap.parse_args(argv)
    docs = [d for d in read_inputs([args.corpus], split=True) if isinstance(d, RawDoc)]
    arts = analyze_docs(docs).articles
    dups = find_duplicates(arts)
    story = {}
    for value in (args.before, args.after):
        cl.FACT_CONFLICT = value
        story[value] = {i: k for k, g in enumerate(cl.cluster(arts, dups)) for i in g}
    before, after = story[args.before], story[args.after]
    members = defaultdict(list)
    for i, k in before.items():
        members[k].append(i)
    by_id = {a.id: a for a in arts}
    parted = [k for k, ids in members.items() if len({after[i] for i in ids}) > 1]
    print(f"{len(arts)} articles: {len(set(before.values()))} stories at {args.before}, "
          f"{len(set(after.values()))} at {args.after}; {len(parted)} stories parted")
    for k in parted:
        print(f"-- story {k}")
        for i in sorted(members[k], key=lambda i: (after[i], i)):
            a = by_id[i]
            counts = ", ".join(f.split(":", 1)[1].replace(cl._SLOT_END, "=") for f in cl._lead_facts(a))
            print(f"   -> {after[i]:5}  {i:22} {a.published}  {(a.title or '')[:60]}  [{counts}]")


if __name__ == "__main__":
    main(sys.argv[1:])
