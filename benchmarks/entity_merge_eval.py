"""How well khabar merges mentions into entities, against hand-labelled mention clusters.

    python benchmarks/entity_merge_eval.py [--gold tests/data/entity_gold.tsv] [--errors]

The gold set (tests/data/entity_gold.tsv, khabar's own annotation) lists every PER/LOC/ORG
mention the tagger found in the seeds and in 22 articles of five multi-outlet stories of
hindi-news-2020, each labelled by reading it in context with what it refers to. This runs
the whole pipeline on those articles, looks up each gold mention at its (article, start,
end) and scores the entity ids khabar gave them, pair by pair over all gold mentions:
precision = of the pairs khabar put in one entity, the share that refer to one thing;
recall = of the pairs that refer to one thing, the share khabar put in one entity.
Mentions labelled '-' (not a name: tagger errors) are left out. --errors lists the
distinct wrong merges and missed merges.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import RawDoc  # noqa: E402
from khabar.pipeline import analyze_docs, build_stories  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


def read_gold(path: Path) -> list[tuple[str, int, int, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        art, start, end, text, gold = line.split("\t")
        rows.append((art, int(start), int(end), text, gold))
    return rows


def system_entities(article_ids: set[str]) -> dict[tuple[str, int, int], tuple[str, str]]:
    """(article, start, end) -> (entity id, mention text) for the named articles, after a whole run."""
    docs = [d for d in read_inputs([SHARED / "seeds"]) if isinstance(d, RawDoc) and d.id in article_ids]
    docs += [d for d in read_inputs([SHARED / "hindi-news-2020"], split=True)
             if isinstance(d, RawDoc) and d.id in article_ids]
    articles = analyze_docs(docs).articles
    build_stories(articles)
    return {(a.id, m.start, m.end): (m.entity or f"none-{a.id}-{m.start}", m.text)
            for a in articles for m in a.mentions}


def pairwise(gold: dict[int, str], pred: dict[int, str]) -> tuple[float, float, float, int, int, int]:
    items = sorted(gold)
    tp = fp = fn = 0
    for i, j in combinations(items, 2):
        same_g, same_p = gold[i] == gold[j], pred[i] == pred[j]
        tp += same_g and same_p
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn


def b_cubed(gold: dict[int, str], pred: dict[int, str]) -> tuple[float, float, float]:
    gsets, psets = defaultdict(set), defaultdict(set)
    for k in gold:
        gsets[gold[k]].add(k)
        psets[pred[k]].add(k)
    p = sum(len(psets[pred[k]] & gsets[gold[k]]) / len(psets[pred[k]]) for k in gold) / len(gold)
    r = sum(len(psets[pred[k]] & gsets[gold[k]]) / len(gsets[gold[k]]) for k in gold) / len(gold)
    return p, r, 2 * p * r / (p + r)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "data" / "entity_gold.tsv"))
    ap.add_argument("--errors", action="store_true", help="list wrong and missed merges")
    args = ap.parse_args()
    rows = read_gold(Path(args.gold))
    found = system_entities({r[0] for r in rows})
    gold, pred, text, lost = {}, {}, {}, 0
    for k, (art, start, end, t, g) in enumerate(rows):
        if g == "-":
            continue
        hit = found.get((art, start, end))
        if hit is None or hit[1] != t:
            lost += 1
            continue
        gold[k], pred[k], text[k] = g, hit[0], t
    scored = len(gold)
    print(f"gold mentions: {len(rows)} ({sum(r[4] == '-' for r in rows)} not names, left out); "
          f"{scored} found at their offsets, {lost} not found (the text or the tagger changed)")
    print(f"gold entities: {len(set(gold.values()))}; khabar entities over the same mentions: {len(set(pred.values()))}")
    p, r, f, tp, fp, fn = pairwise(gold, pred)
    print(f"pairwise merging  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (pairs: {tp} right, {fp} wrong merges, {fn} missed)")
    bp, br, bf = b_cubed(gold, pred)
    print(f"B³ over mentions  P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}")
    # without the biggest clusters dominating: distinct pairs of spellings (text, text) of one
    # gold entity or of one khabar entity
    same_g = {tuple(sorted((text[i], text[j]))) for i, j in combinations(sorted(gold), 2) if gold[i] == gold[j]
              and text[i] != text[j]}
    same_p = {tuple(sorted((text[i], text[j]))) for i, j in combinations(sorted(gold), 2) if pred[i] == pred[j]
              and text[i] != text[j]}
    bad_p = {tuple(sorted((text[i], text[j]))) for i, j in combinations(sorted(gold), 2) if pred[i] == pred[j]
             and gold[i] != gold[j] and text[i] != text[j]}
    print(f"distinct spelling pairs: {len(same_g)} to merge, khabar merges {len(same_g & same_p)} of them; "
          f"{len(bad_p)} of the {len(same_p)} it merges are wrong (or right only for some mentions)")
    if args.errors:
        wrong: Counter = Counter()
        missed: Counter = Counter()
        for i, j in combinations(sorted(gold), 2):
            if pred[i] == pred[j] and gold[i] != gold[j]:
                wrong[tuple(sorted((f"{text[i]} ({gold[i]})", f"{text[j]} ({gold[j]})")))] += 1
            if gold[i] == gold[j] and pred[i] != pred[j]:
                missed[tuple(sorted((text[i], text[j]))) + (gold[i],)] += 1
        print("\nwrong merges (distinct name pairs, with pair counts):")
        for (a, b), n in wrong.most_common():
            print(f"  {n:4d}  {a}  ~  {b}")
        print("\nmissed merges:")
        for (a, b, g), n in missed.most_common():
            print(f"  {n:4d}  {a}  ~  {b}   [{g}]")


if __name__ == "__main__":
    main()
