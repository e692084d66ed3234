"""Write khabar/models/word-idf.tsv: how common each content word is in real news.

    python -m khabar.build_idf [--shared ../shared/corpus] [--out khabar/models/word-idf.tsv]

Run once by a developer; the table is package data, read by the story-cohesion stage
(khabar/stages/cohesion.py), which weighs the words two reports' titles and leads share by
it without seeing the rest of the corpus. Documents: every article of hindi-news-2020 (its
daily files split into articles) and of ECB+, each counted once per content word
(`khabar.passages.content_words`: lower-cased, stopwords out, digits in ASCII). A word in
at least MIN_DF documents gets the smooth idf ln((1 + n) / (1 + df)) + 1; rarer words are
left out and weigh the most (the idf of a word no document has).
"""
from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

MIN_DF = 3
_HERE = Path(__file__).resolve().parent


def document_frequencies(shared: Path) -> tuple[Counter, int]:
    """Content-word document frequencies over hindi-news-2020 (split) and ECB+, and the
    number of documents."""
    from khabar.ingest import read_inputs
    from khabar.model import RawDoc
    from khabar.passages import content_words

    df: Counter = Counter()
    n = 0
    for doc in read_inputs([shared / "hindi-news-2020"], split=True):
        if isinstance(doc, RawDoc):
            df.update(set(content_words(doc.raw)))
            n += 1
    with open(shared / "ecbplus" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            df.update(set(content_words(text)))
            n += 1
    return df, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=_HERE.parent.parent / "shared" / "corpus")
    ap.add_argument("--out", type=Path, default=_HERE / "models" / "word-idf.tsv")
    args = ap.parse_args()
    df, n = document_frequencies(args.shared)
    kept = sorted((w, d) for w, d in df.items() if d >= MIN_DF)
    write_table(args.out, f"document frequencies of content words in {n} articles of ../shared/corpus "
                f"(hindi-news-2020 split into articles, and ECB+), words in at least {MIN_DF}; "
                f"written by khabar/build_idf.py", n,
                ((w, f"{math.log((1 + n) / (1 + d)) + 1:.4f}") for w, d in kept))
    print(f"{args.out}: {len(kept)} words of {n} documents")


def write_table(out: Path, source: str, documents: int, rows) -> None:
    """A word table as package data: a "# source:" line, a "# documents" line, then one
    "word<TAB>value" line per row (also khabar/build_background.py's)."""
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"# source: {source}\n")
        fh.write(f"# documents\t{documents}\n")
        for w, value in rows:
            fh.write(f"{w}\t{value}\n")


if __name__ == "__main__":
    main()
