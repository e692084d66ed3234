"""Article-boundary precision/recall/F1 of khabar.stages.split on the hand-made gold set.

    python benchmarks/eval_split.py            # P/R/F1 on dev and test, throughput
    python benchmarks/eval_split.py --errors   # also list missed / spurious starts (dev only)
    python benchmarks/eval_split.py --sweep    # threshold sweep on the dev files (tuning)

Gold: tests/data/split_gold.tsv (file, start_line, split). A predicted article start counts
as correct when it falls on a gold start line. A third line scores the files segmented
for tests/data/hindi_events_gold.tsv (same rules; not used to set weights or threshold, but
its AU 03-29 live blog prompted the cut-hour timestamp and "देश \\ …" prefix patterns). The first line of a file is always a start
and is left out of the counts (it is free). Throughput is over every file of
../shared/corpus/hindi-news-2020.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from khabar.stages import split as sp  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "hindi-news-2020"
GOLD = ROOT / "tests" / "data" / "split_gold.tsv"
EVENTS = ROOT / "tests" / "data" / "hindi_events_gold.tsv"


def read_split_gold(path: Path = GOLD) -> dict[str, tuple[str, set[int]]]:
    """file -> (split, set of 1-based gold start lines)."""
    out: dict[str, tuple[str, set[int]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    for r in rows[1:]:
        split, starts = out.setdefault(r[0], (r[2], set()))
        starts.add(int(r[1]))
    return out


def read_event_starts(path: Path = EVENTS) -> dict[str, tuple[str, set[int]]]:
    """file -> ("events", start lines) from the event gold set."""
    out: dict[str, tuple[str, set[int]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    for r in rows[1:]:
        out.setdefault(r[0], ("events", set()))[1].add(int(r[1]))
    return out


def predicted_starts(text: str) -> set[int]:
    """1-based line numbers where split_articles starts an article."""
    return {text.count("\n", 0, s.start) + 1 for s in sp.split_articles(text)}


def first_line(text: str) -> int:
    """1-based number of the first non-blank line."""
    for i, line in enumerate(text.split("\n"), 1):
        if line.strip():
            return i
    return 1


def score(gold: dict[str, tuple[str, set[int]]], which: str, corpus: Path = CORPUS,
          errors: bool = False) -> dict[str, float]:
    """Boundary P/R/F1 over the gold files of one split (first lines left out)."""
    tp = fp = fn = 0
    for name, (split, starts) in sorted(gold.items()):
        if split != which:
            continue
        text = (corpus / name).read_text(encoding="utf-8")
        first = first_line(text)
        pred = predicted_starts(text) - {first}
        true = starts - {first}
        tp += len(pred & true)
        fp += len(pred - true)
        fn += len(true - pred)
        if errors:
            print(f"  {name}: missed {sorted(true - pred)} spurious {sorted(pred - true)}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def throughput(corpus: Path = CORPUS) -> tuple[int, int, float, int]:
    """(files, characters, seconds, articles) for splitting every file of the corpus."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*/*.txt"))]
    t = time.perf_counter()
    n = sum(len(sp.split_articles(x)) for x in texts)
    return len(texts), sum(map(len, texts)), time.perf_counter() - t, n


def main() -> None:
    """Print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", action="store_true", help="list errors per dev file")
    ap.add_argument("--sweep", action="store_true", help="sweep the threshold on dev")
    args = ap.parse_args()
    gold = read_split_gold()
    if args.sweep:
        base = sp._THRESHOLD
        for i in range(1, 13):
            sp._THRESHOLD = i / 2
            d = score(gold, "dev")
            print(f"threshold {sp._THRESHOLD:.1f}: dev P {d['p']:.3f} R {d['r']:.3f} F1 {d['f1']:.3f}")
        sp._THRESHOLD = base
        return
    for which in ("dev", "test"):
        d = score(gold, which, errors=args.errors and which == "dev")
        nfiles = sum(1 for s, _ in gold.values() if s == which)
        print(f"{which} ({nfiles} files): P {d['p']:.3f} R {d['r']:.3f} F1 {d['f1']:.3f} "
              f"(tp {d['tp']}, fp {d['fp']}, fn {d['fn']})")
    if EVENTS.is_file():
        from hindi_gold import LATE_DATES, PARTS, part_of  # type: ignore

        events = read_event_starts()
        later = {k: v for k, v in events.items() if Path(k).stem in LATE_DATES}
        groups = [(f"event-gold files ({len(events)})", events),
                  (f"  of them the check parts cut on 2026-12-06 ({len(later)})", later)]
        for part in PARTS[:-1]:
            files = {k: v for k, v in events.items() if part_of(Path(k).stem[:10]) == part}
            groups.append((f"  part {part} ({len(files)})", files))
        for label, group in groups:
            d = score(group, "events", errors=args.errors and group is later)
            print(f"{label}: P {d['p']:.3f} R {d['r']:.3f} F1 {d['f1']:.3f} "
                  f"(tp {d['tp']}, fp {d['fp']}, fn {d['fn']})")
    files, chars, secs, n = throughput()
    print(f"throughput: {files} files, {chars / 1e6:.2f} M chars, {n} articles in {secs:.2f} s "
          f"({files / secs:.0f} files/s)")


if __name__ == "__main__":
    main()
