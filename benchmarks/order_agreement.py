"""Same stories whatever the order and batching? One batch vs ten shuffled batches (B³ agreement).

    python benchmarks/order_agreement.py [--corpus PATH.jsonl] [--batches 10] [--seed 0]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar import service  # noqa: E402
from khabar.evaluate import b_cubed  # noqa: E402
from khabar.store import Store  # noqa: E402


def stories_of(store: Store) -> dict[str, str]:
    return {a: s.id for s in store.stories() for a in s.articles}


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "ecbplus" / "articles.jsonl")
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    lines = [x for x in args.corpus.read_text(encoding="utf-8").splitlines() if x.strip()]
    tmp = Path(tempfile.mkdtemp())
    one = Store(str(tmp / "one.db"))
    (tmp / "all.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    t = time.perf_counter()
    service.run([tmp / "all.jsonl"], one)
    t_one = time.perf_counter() - t
    shuffled = lines[:]
    random.Random(args.seed).shuffle(shuffled)
    many = Store(str(tmp / "many.db"))
    size = -(-len(shuffled) // args.batches)
    t = time.perf_counter()
    for k in range(args.batches):
        f = tmp / f"batch{k}.jsonl"
        f.write_text("\n".join(shuffled[k * size:(k + 1) * size]) + "\n", encoding="utf-8")
        service.run([f], many)
    t_many = time.perf_counter() - t
    a, b = stories_of(one), stories_of(many)
    agree = b_cubed(b, a)
    print(json.dumps({"articles": len(a), "batches": args.batches, "b_cubed_agreement_f1": round(agree["f1"], 4),
                      "one_batch_seconds": round(t_one, 1), "batched_seconds": round(t_many, 1)}))
