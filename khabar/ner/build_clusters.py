"""Word classes for the Hindi NER from unlabelled news text: words used in like contexts share a class.

    python -m khabar.ner.build_clusters [--out khabar/models/word-classes-hi.tsv]

The CRF learns names it saw in IL-NER train well and unseen names badly (shared/TOOLKIT.md:
recall on unseen names about a quarter). A class learnt from how a word is used in a large
unlabelled text generalises past the training names: an unseen surname falls in the class
of the surnames the CRF did see. This builds such classes from the hindi-news-2020 texts
and the IL-NER train tokens (their words only, not their tags): each word seen at least
MIN_COUNT times is described by the words right before and after it (the 2,000 most
frequent as context), weighted by positive PMI, reduced to 100 dimensions by truncated SVD,
and grouped by k-means at two granularities (64 and 512 classes). Seeded, so the file is the
same on every run; it ships in the package beside the model.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import coo_matrix

from khabar.ner.features import CLASSES_FILE, GRANULARITIES
from khabar.ner.tokenize import tokenize

_REPO = Path(__file__).resolve().parent.parent.parent
_SHARED = _REPO.parent / "shared" / "corpus"
OUT = _REPO / "khabar" / "models" / CLASSES_FILE
MIN_COUNT = 5  # dev micro F1 (PER/LOC/ORG) with classes of words seen >= 5 / >= 3 times: 0.722 / 0.720; without classes 0.718
CONTEXT_WORDS = 2000
DIMENSIONS = 100
SEED = 0


def _sentences(news: Path, ilner: Path) -> list[list[str]]:
    """Token lists: every line of the news dumps, every sentence of IL-NER train (words only)."""
    out = []
    for path in sorted(news.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            toks = [t for t, _, _ in tokenize(line)]
            if toks:
                out.append(toks)
    toks: list[str] = []
    for line in ilner.read_text(encoding="utf-8").splitlines() + [""]:
        word = line.split("\t")[0].strip()
        if word:
            toks.append(word)
        elif toks:
            out.append(toks)
            toks = []
    return out


def build(news: Path = _SHARED / "hindi-news-2020", ilner: Path = _SHARED / "il-ner-hindi" / "train.txt",
          out: Path = OUT) -> dict:
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    sents = _sentences(news, ilner)
    counts = Counter(t for s in sents for t in s)
    vocab = sorted((w for w, c in counts.items() if c >= MIN_COUNT), key=lambda w: (-counts[w], w))
    row = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:CONTEXT_WORDS])}
    rows, cols = [], []
    for s in sents:
        padded = ["<s>"] + s + ["</s>"]
        for i in range(1, len(padded) - 1):
            r = row.get(padded[i])
            if r is None:
                continue
            left, right = ctx.get(padded[i - 1]), ctx.get(padded[i + 1])
            if left is not None:
                rows.append(r)
                cols.append(left)
            if right is not None:
                rows.append(r)
                cols.append(CONTEXT_WORDS + right)
    m = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * CONTEXT_WORDS)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    p_row = np.asarray(m.sum(axis=1)).ravel() / total
    p_col = np.asarray(m.sum(axis=0)).ravel() / total
    coo = m.tocoo()
    pmi = np.log((coo.data / total) / (p_row[coo.row] * p_col[coo.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape).tocsr()
    vectors = TruncatedSVD(n_components=DIMENSIONS, random_state=SEED).fit_transform(ppmi)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1.0)
    classes = []
    for k in GRANULARITIES:
        km = MiniBatchKMeans(n_clusters=k, random_state=SEED, n_init=3, batch_size=4096)
        classes.append(km.fit_predict(vectors))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"# source: built by khabar/ner/build_clusters.py from hindi-news-2020 text and IL-NER train words "
                 f"(no tags); {len(vocab)} words seen >= {MIN_COUNT} times; columns: word, "
                 + ", ".join(f"class of {k}" for k in GRANULARITIES) + "\n")
        for i, w in enumerate(vocab):
            fh.write(w + "\t" + "\t".join(str(int(c[i])) for c in classes) + "\n")
    return {"sentences": len(sents), "words": len(vocab), "out": str(out)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    print(build(out=args.out))


if __name__ == "__main__":
    main()
