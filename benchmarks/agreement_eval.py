"""Precision and recall of khabar's conflicts and inconsistencies against annotated cases.

    python benchmarks/agreement_eval.py            # sample + seeds (recall and precision)
    python benchmarks/agreement_eval.py --hindi    # also hindi-news-2020 (precision on judged findings)

Gold: tests/data/conflicts_gold.tsv. A finding matches a gold row when its story holds the
row's article, its kind is the row's kind, and every value of the row is found in the
finding's values (as written in a citation).
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import Finding, RawDoc, Story  # noqa: E402
from khabar.pipeline import analyze_docs, build_stories  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
CORPORA = {
    "sample": ([ROOT / "khabar" / "sample" / "articles"], False),
    "seeds": ([SHARED / "seeds"], False),
    "hindi-2020": ([SHARED / "hindi-news-2020"], True),
}


def load_gold(path: Path = ROOT / "tests" / "data" / "conflicts_gold.tsv") -> list[dict]:
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def findings(corpus: str) -> list[tuple[Story, Finding]]:
    paths, split = CORPORA[corpus]
    docs = [d for d in read_inputs(paths, split=split) if isinstance(d, RawDoc)]
    stories = build_stories(analyze_docs(docs).articles)
    return [(s, f) for s in stories for f in s.conflicts]


def matches(row: dict, story: Story, finding: Finding) -> bool:
    if row["article"] not in story.articles or row["kind"] != finding.kind:
        return False
    written = [c.text for v in finding.values for c in v.citations] + [v.display for v in finding.values]
    return all(any(val in w for w in written) for val in row["values"].split("|"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hindi", action="store_true", help="also run on hindi-news-2020 (about a minute)")
    args = ap.parse_args()
    gold = load_gold()
    corpora = ["sample", "seeds"] + (["hindi-2020"] if args.hindi else [])
    for corpus in corpora:
        rows = [r for r in gold if r["corpus"] == corpus]
        found = findings(corpus)
        true_rows = [r for r in rows if r["verdict"] == "true"]
        hit_rows = [r for r in true_rows if any(matches(r, s, f) for s, f in found)]
        good = [1 for s, f in found if any(matches(r, s, f) for r in true_rows)]
        judged = [1 for s, f in found if any(matches(r, s, f) for r in rows)]
        print(f"{corpus:10} findings={len(found):3} judged={len(judged):3} correct={len(good):3} "
              f"precision={len(good) / len(judged) if judged else 0:.3f}", end="")
        if corpus != "hindi-2020":
            print(f"  recall={len(hit_rows)}/{len(true_rows)} = {len(hit_rows) / len(true_rows) if true_rows else 0:.3f}")
        else:
            print("  (recall not measured: rows are khabar's own findings, judged)")
        for r in true_rows:
            if r not in hit_rows:
                print(f"    missed: {r['article']} {r['kind']} {r['values']} ({r['note']})")
        for s, f in found:
            if not any(matches(r, s, f) for r in rows):
                print(f"    unjudged: {s.id} {f.kind} {f.fact} " + " | ".join(v.display for v in f.values))


if __name__ == "__main__":
    main()
