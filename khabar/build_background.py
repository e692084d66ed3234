"""Write khabar/models/word-df-hi.tsv: in how many Hindi news reports each word stands.

    python -m khabar.build_background [--shared ../shared/corpus] [--out khabar/models/word-df-hi.tsv]

Run once by a developer; the table is package data. Clustering reads it as a prior on the
document frequencies of the words of Hindi reports (`khabar.stages.cluster`,
BACKGROUND_DOCS): a corpus of a few hundred reports cannot tell by itself which of its
words every report of the day carries (सरकार, जिला, संक्रमित) and which name one happening.

Documents: the reports of hindi-news-2020 (its daily files cut into articles by khabar's
splitter), analysed by khabar's per-article stages, each counted once per word that
clustering weighs (`cluster.event_signals`: lower-cased, stopwords out, digits in ASCII).
The files of the dates that the hand-made Hindi event gold labels
(tests/data/hindi_events_gold.tsv) are left out, so that the gold's figures do not rest on
counts taken from the very reports it labels. Words in fewer than MIN_DF reports are left
out: a word the table lacks is taken as one no report had.
"""
from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from khabar.build_idf import write_table

MIN_DF = 2
_HERE = Path(__file__).resolve().parent
GOLD = _HERE.parent / "tests" / "data" / "hindi_events_gold.tsv"


def gold_dates(gold: Path = GOLD) -> set[str]:
    """The dates (file stems) whose files the Hindi event gold labels."""
    with open(gold, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return {Path(row["file"]).stem for row in csv.DictReader(lines, delimiter="\t")}


def document_frequencies(corpus: Path, leave_out: set[str]) -> tuple[Counter, int, int]:
    """Word document frequencies over the Hindi reports of `corpus` (hindi-news-2020), the
    number of reports counted and the number of files read."""
    from khabar.ingest import read_inputs
    from khabar.model import RawDoc
    from khabar.pipeline import analyze_docs
    from khabar.stages.cluster import event_signals

    paths = [p for p in sorted(corpus.glob("*/*.txt")) if p.stem not in leave_out]
    docs = [d for d in read_inputs(paths, split=True) if isinstance(d, RawDoc)]
    df: Counter = Counter()
    n = 0
    for article in analyze_docs(docs).articles:
        if article.language == "hi":
            df.update(set(event_signals(article).words))
            n += 1
    return df, n, len(paths)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=_HERE.parent.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=_HERE / "models" / "word-df-hi.tsv")
    args = ap.parse_args()
    leave_out = gold_dates()
    df, n, files = document_frequencies(args.shared / "hindi-news-2020", leave_out)
    kept = sorted((w, d) for w, d in df.items() if d >= MIN_DF)
    write_table(args.out, f"in how many of {n} Hindi reports of ../shared/corpus/hindi-news-2020 each word "
                f"stands ({files} daily files cut into articles; the {len(leave_out)} dates the Hindi "
                f"event gold labels left out), words in at least {MIN_DF}; written by "
                f"khabar/build_background.py", n, kept)
    print(f"{args.out}: {len(kept)} words of {n} reports")


if __name__ == "__main__":
    main()
