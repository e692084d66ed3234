"""Hindi NER on IL-NER test: per-label P/R/F1 (all sentences and those not in train) and speed.

    python benchmarks/ner_speed.py

Tags every test sentence with the shipped CRF (khabar/models/ner-hi.crfsuite) in this one
process (one core), timing feature extraction and tagging together, cold (first pass, empty
feature cache) and warm (second pass), one sentence per call; then warm again in batches of
25 sentences, about an article's worth, as the entity stage calls the tagger.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ner.tag import tag_sentences, tag_tokens  # noqa: E402
from khabar.ner.train import read_conll, score  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "il-ner-hindi"


def main() -> None:
    test = read_conll(CORPUS / "test.txt")
    seen = {tuple(t) for t, _ in read_conll(CORPUS / "train.txt")}
    tag_tokens(["शुरू"])  # open the model outside the timing
    for run in ("cold", "warm"):
        t0 = time.perf_counter()
        pred = [tag_tokens(t) for t, _ in test]
        secs = time.perf_counter() - t0
        print(f"{run}: {len(test)} sentences in {secs:.2f} s = {len(test) / secs:.0f} sentences/s")
    t0 = time.perf_counter()
    for k in range(0, len(test), 25):
        tag_sentences([t for t, _ in test[k:k + 25]])
    secs = time.perf_counter() - t0
    print(f"warm, 25 per call: {len(test) / secs:.0f} sentences/s")
    gold = [g for _, g in test]
    unseen = [i for i, (t, _) in enumerate(test) if tuple(t) not in seen]
    for name, idx in (("all test sentences", range(len(test))), (f"{len(unseen)} not in train", unseen)):
        s = score([gold[i] for i in idx], [pred[i] for i in idx])
        print(name)
        for label in ("PER", "LOC", "ORG", "micro_PER_LOC_ORG"):
            x = s[label]
            print(f"  {label:18} P {x['p']:.3f}  R {x['r']:.3f}  F1 {x['f1']:.3f}  (support {x['support']})")


if __name__ == "__main__":
    main()
