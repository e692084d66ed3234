"""Scoring a clustering against gold events: B³ and pairwise precision/recall/F1.

Both work from the contingency counts n(pred cluster, gold event), so they are linear
in the number of articles (no loop over pairs).
"""

from __future__ import annotations

from collections import Counter, defaultdict


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def _aligned(pred: dict[str, str], gold: dict[str, str]) -> tuple[Counter, Counter, Counter]:
    """Contingency counts over the gold ids; ids missing from pred count as singletons."""
    cells: Counter = Counter()
    for i, g in gold.items():
        p = pred.get(i)
        cells[("\x00missing:" + i if p is None else p, g)] += 1
    pred_sizes: Counter = Counter()
    gold_sizes: Counter = Counter()
    for (p, g), n in cells.items():
        pred_sizes[p] += n
        gold_sizes[g] += n
    return cells, pred_sizes, gold_sizes


def b_cubed(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """B³ precision, recall and F1 (Bagga & Baldwin), averaged over the gold ids."""
    cells, pred_sizes, gold_sizes = _aligned(pred, gold)
    n = sum(gold_sizes.values())
    if not n:
        return _prf(0.0, 0.0)
    p = sum(c * c / pred_sizes[pc] for (pc, _g), c in cells.items()) / n
    r = sum(c * c / gold_sizes[g] for (_pc, g), c in cells.items()) / n
    return _prf(p, r)


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Precision, recall and F1 over pairs of articles put in one cluster."""
    cells, pred_sizes, gold_sizes = _aligned(pred, gold)

    def pairs(k: int) -> int:
        return k * (k - 1) // 2

    both = sum(pairs(c) for c in cells.values())
    in_pred = sum(pairs(c) for c in pred_sizes.values())
    in_gold = sum(pairs(c) for c in gold_sizes.values())
    p = both / in_pred if in_pred else 1.0
    r = both / in_gold if in_gold else 1.0
    return _prf(p, r)


def evaluate(pred: dict[str, str], gold: dict[str, str]) -> dict:
    """B³ and pairwise scores plus counts of articles, predicted clusters and gold events."""
    scored = {i: pred[i] for i in gold if i in pred}
    return {
        "b_cubed": b_cubed(pred, gold),
        "pairwise": pairwise(pred, gold),
        "articles": len(gold),
        "missing": len(gold) - len(scored),
        "clusters": len(set(scored.values())) + (len(gold) - len(scored)),
        "gold_events": len(set(gold.values())),
    }


Groups = dict[str, dict[str, list[str]]]


def cluster_errors(pred: dict[str, str], gold: dict[str, str]) -> tuple[Groups, Groups]:
    """Where a clustering and the gold part ways, over the articles both know:

    - split: each gold event whose articles went to more than one cluster, as cluster -> its
      article ids there;
    - merged: each cluster holding articles of more than one gold event, as event -> ids.

    Largest first (then by name); ids in sorted order."""
    by_event: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_cluster: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for i in sorted(gold):
        if i in pred:
            by_event[gold[i]][pred[i]].append(i)
            by_cluster[pred[i]][gold[i]].append(i)

    def wrong(groups: dict[str, dict[str, list[str]]]) -> Groups:
        bad = [(k, v) for k, v in groups.items() if len(v) > 1]
        bad.sort(key=lambda kv: (-sum(map(len, kv[1].values())), kv[0]))
        return {k: dict(sorted(v.items(), key=lambda kv: (-len(kv[1]), kv[0]))) for k, v in bad}

    return wrong(by_event), wrong(by_cluster)
