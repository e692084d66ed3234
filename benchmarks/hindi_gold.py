"""The hand-made Hindi event gold set as articles + gold map, for clustering evaluation.

    python benchmarks/hindi_gold.py OUT_DIR [--part tune|check|check2|check3|check4|all]
    khabar eval --articles OUT_DIR/hindi_gold.jsonl --gold OUT_DIR/hindi_gold.tsv

Parts: "tune" is what clustering settings were tuned on (the dates in no check part),
"check" the dates kept out of all tuning (CHECK_DATES), "check2", "check3" and "check4"
three more such parts labelled on 2026-12-06 (each two pairs of days next to days the
corpus holds out; check3's errors were read to find one rule that day, check4 was labelled
after every change of that day), "all" every part (the default).

The gold file (tests/data/hindi_events_gold.tsv) holds only line references into
../shared/corpus/hindi-news-2020; the article texts are cut from the corpus at load time.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "hindi_events_gold.tsv"
CORPUS = ROOT.parent / "shared" / "corpus" / "hindi-news-2020"
# annotated before any tuning on this set and never used for it (see the gold file's header)
CHECK_DATES = frozenset({"2020-04-16", "2020-04-17"})
# labelled on 2026-12-06 by an annotator who saw no khabar output; never tuned on
CHECK2_DATES = frozenset({"2020-04-12", "2020-04-13", "2020-05-14", "2020-05-15"})
CHECK3_DATES = frozenset({"2020-03-22", "2020-03-23", "2020-04-07", "2020-04-08"})
# labelled after every change of 2026-12-06, its errors read by nobody: held out from all
CHECK4_DATES = frozenset({"2020-04-29", "2020-04-30", "2020-05-10", "2020-05-11"})
CHECK_PARTS = {"check": CHECK_DATES, "check2": CHECK2_DATES, "check3": CHECK3_DATES, "check4": CHECK4_DATES}
LATE_DATES = CHECK2_DATES | CHECK3_DATES | CHECK4_DATES  # cut and labelled on 2026-12-06
PARTS = ("tune", *CHECK_PARTS, "all")


def part_of(date: str) -> str:
    """The part ("tune" or a check part) an article of this date belongs to."""
    return next((part for part, dates in CHECK_PARTS.items() if date in dates), "tune")



def read_rows(path: Path = GOLD) -> list[dict[str, str]]:
    """Rows of the gold TSV (comment lines skipped) as dicts keyed by the header."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def load_hindi_gold(corpus_dir: str | Path = CORPUS, gold_path: str | Path = GOLD, part: str = "all"
                    ) -> tuple[list[dict], dict[str, str]]:
    """Article records cut from the corpus files, and the gold map article id -> event id,
    for one part of the set ("tune", a check part or "all")."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    corpus_dir = Path(corpus_dir)
    records: list[dict] = []
    gold: dict[str, str] = {}
    cache: dict[str, list[str]] = {}
    for row in read_rows(Path(gold_path)):
        name = row["file"]
        if name not in cache:
            cache[name] = (corpus_dir / name).read_text(encoding="utf-8").split("\n")
        start, end = int(row["start_line"]), int(row["end_line"])
        paper, date = name.split("/")[0], Path(name).stem
        if part != "all" and part_of(date) != part:
            continue
        rid = f"{paper}/{date}-{start}"
        records.append({
            "id": rid,
            "text": "\n".join(cache[name][start - 1:end]).strip(),
            "source": paper,
            "published": date,
        })
        gold[rid] = row["event"]
    return records, gold


def docs_in_context(corpus_dir: str | Path = CORPUS) -> tuple[list, dict[str, str]]:
    """The gold's articles (every part) among every other article of the corpus, as raw
    documents, and the gold map: the files the gold covers are cut as the gold cuts them,
    the others by khabar's splitter, ids as the gold's (<paper>/<date>-<n>). A deployment
    clusters a whole corpus, whose statistics and neighbours are not those of the labelled
    articles alone."""
    import dataclasses
    import tempfile

    sys.path.insert(0, str(ROOT))
    from khabar.ingest import read_inputs
    from khabar.model import RawDoc

    corpus_dir = Path(corpus_dir)
    covered = {row["file"] for row in read_rows()}
    recs, gold = load_hindi_gold(corpus_dir, part="all")
    tmp = Path(tempfile.mkdtemp()) / "hindi.jsonl"
    tmp.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    docs = [d for d in read_inputs([tmp]) if isinstance(d, RawDoc)]
    for path in sorted(corpus_dir.glob("*/*.txt")):
        if f"{path.parent.name}/{path.name}" not in covered:
            docs += [dataclasses.replace(d, id=f"{path.parent.name}/{d.id}")
                     for d in read_inputs([path], split=True) if isinstance(d, RawDoc)]
    return docs, gold


def main(argv: list[str]) -> None:
    """Write hindi_gold.jsonl and hindi_gold.tsv (id, event) into the folder given."""
    import argparse

    ap = argparse.ArgumentParser(description="Write the Hindi gold set as articles + gold map.")
    ap.add_argument("out_dir")
    ap.add_argument("--part", choices=PARTS, default="all")
    args = ap.parse_args(argv)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    records, gold = load_hindi_gold(part=args.part)
    with open(out / "hindi_gold.jsonl", "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(out / "hindi_gold.tsv", "w", encoding="utf-8") as fh:
        fh.write("id\tevent\n")
        for rid, event in gold.items():
            fh.write(f"{rid}\t{event}\n")
    events = set(gold.values())
    print(f"{len(records)} articles, {len(events)} events -> {out}/hindi_gold.jsonl, {out}/hindi_gold.tsv")


if __name__ == "__main__":
    main(sys.argv[1:])
