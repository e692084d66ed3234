"""The spaCy side of the NER comparison: spaCy 3 (blank `hi`, tok2vec + ner, CPU) on IL-NER.

    pip install 'spacy>=3.7,<4'        # not a khabar dependency: only this comparison needs it
    python benchmarks/ner_spacy.py [--epochs 10] [--seed 0]

Trains on IL-NER train with the same tag mapping as khabar's CRF (khabar/ner/train.py),
keeps the epoch with the best dev micro F1 (PER/LOC/ORG), and scores it on test and on the
test sentences not in train with the same entity-level scorer, then prints the CRF's
figures from its model card beside it, and the tagging speed of both on one core.
Tokens are given to spaCy as IL-NER cuts them, so only the models differ.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ner.train import read_conll, score  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "il-ner-hindi"


def _doc(nlp, toks: list[str], tags: list[str] | None = None):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=toks, spaces=[True] * len(toks), ents=tags)


def _predict(nlp, sents) -> tuple[list[list[str]], float]:
    t0 = time.perf_counter()
    out = []
    docs = [_doc(nlp, toks) for toks, _ in sents]
    for doc in nlp.get_pipe("ner").pipe(docs, batch_size=64):
        tags = []
        for tok in doc:
            tags.append("O" if tok.ent_iob_ == "O" or not tok.ent_type_ else f"{tok.ent_iob_}-{tok.ent_type_}")
        out.append(tags)
    return out, len(sents) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    try:
        import spacy
        from spacy.training import Example
        from spacy.util import compounding, fix_random_seed, minibatch
    except ImportError:
        raise SystemExit("spaCy is not installed: pip install 'spacy>=3.7,<4' (only this comparison needs it)")
    fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    train = read_conll(CORPUS / "train.txt")
    dev = read_conll(CORPUS / "dev.txt")
    test = read_conll(CORPUS / "test.txt")
    nlp = spacy.blank("hi")
    ner = nlp.add_pipe("ner")
    examples = []
    for toks, tags in train:
        for t in tags:
            if t != "O":
                ner.add_label(t[2:])
        pred = _doc(nlp, toks)
        gold = _doc(nlp, toks, tags)
        examples.append(Example(pred, gold))
    optimizer = nlp.initialize(lambda: examples)
    best = (-1.0, None, 0)
    t_train = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(examples)
        losses: dict = {}
        for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        pred, _ = _predict(nlp, dev)
        f1 = score([g for _, g in dev], pred)["micro_PER_LOC_ORG"]["f1"]
        print(f"epoch {epoch:2d}  loss {losses.get('ner', 0):9.1f}  dev micro F1 {f1:.3f}", flush=True)
        if f1 > best[0]:
            best = (f1, nlp.to_bytes(), epoch)
    train_secs = time.perf_counter() - t_train
    nlp.from_bytes(best[1])
    seen = {tuple(t) for t, _ in train}
    pred, speed = _predict(nlp, test)
    gold = [g for _, g in test]
    unseen = [i for i, (t, _) in enumerate(test) if tuple(t) not in seen]
    all_ = score(gold, pred)
    un = score([gold[i] for i in unseen], [pred[i] for i in unseen])
    card = json.loads((ROOT / "khabar" / "models" / "ner-hi.json").read_text(encoding="utf-8"))
    crf = card["scores"]["test"]
    print(f"\nspaCy {spacy.__version__} blank hi, tok2vec + ner, best epoch {best[2]} of {args.epochs} "
          f"(dev {best[0]:.3f}), trained in {train_secs / 60:.1f} min")
    for name, sc, sc_un, sps in (("spaCy", all_, un, speed),
                                 ("CRF (khabar)", crf["all"], crf["unseen"], crf["sentences_per_second"])):
        m, mu = sc["micro_PER_LOC_ORG"], sc_un["micro_PER_LOC_ORG"]
        per = "  ".join(f"{lab} {sc[lab]['f1']:.3f}" for lab in ("PER", "LOC", "ORG"))
        print(f"{name:13} test P/R/F1 {m['p']:.3f}/{m['r']:.3f}/{m['f1']:.3f}  unseen F1 {mu['f1']:.3f}  "
              f"{per}  {sps:.0f} sentences/s")


if __name__ == "__main__":
    main()
