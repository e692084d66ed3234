"""Samples of stories and of near misses on an unlabelled corpus, to be read and judged by hand.

    python benchmarks/story_audit.py [--corpus PATH] [--stories 30] [--pairs 30] [--seed 1] [--threshold T]

The labelled sets are small; this reads the clustering on a whole real corpus instead
(default: all of hindi-news-2020, split into articles). It clusters the corpus as `run`
does (copies found, then clustered) and prints two random samples:

- **stories**: stories of two or more original articles (copies left out), each article with
  its outlet, date, title and first body sentence. A reader marks each story "one event"
  or "mixed": the share marked one event estimates the precision of what `run` groups.
- **near misses**: pairs of articles in different stories, from different outlets, published
  at most a day apart, that share at least two name keys and a number of their titles
  and leads that at most five articles' leads give (the pairs most likely to be one event
  that clustering left apart). A reader marks each pair "same event" or "different": the pairs marked same
  event are misses, and the kinds of them say what clustering cannot yet see.

The verdicts of one reading are in docs/story_audit.md. Nothing is judged by code.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import Article, RawDoc  # noqa: E402
from khabar.pipeline import analyze_docs  # noqa: E402
from khabar.stages import cluster as cl  # noqa: E402
from khabar.stages.dedup import find_duplicates  # noqa: E402
from khabar.text import ascii_digits  # noqa: E402

MIN_SHARED_NAMES = 2  # name keys two articles of one event usually share (a place and a person)
MAX_DAYS_APART = 1
MAX_NUMBER_LEADS = 5  # a shared lead number counts if at most this many articles' leads give it


def _first_sentence(a: Article) -> str:
    """The first sentence after the title, on one line."""
    title_end = a.title_span.end if a.title_span else 0
    for s in a.sentences:
        if s.start >= title_end:
            return " ".join(a.text[s.start:s.end].split())
    return ""


def _line(a: Article, width: int) -> str:
    return (f"{a.id:24} {a.source or '-':4} {(a.published or '')[:10]}  {(a.title or '')[:width]}\n"
            f"{'':30}{_first_sentence(a)[:width + 40]}")


def _day(a: Article) -> date | None:
    try:
        return date.fromisoformat((a.published or "")[:10])
    except ValueError:
        return None


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "hindi-news-2020")
    ap.add_argument("--stories", type=int, default=30, help="stories to sample")
    ap.add_argument("--pairs", type=int, default=30, help="near misses to sample")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--width", type=int, default=90, help="characters of each title shown")
    ap.add_argument("--threshold", type=float, default=None, help="story threshold (default: clustering's own)")
    args = ap.parse_args(argv)
    docs = [d for d in read_inputs([args.corpus], split=args.corpus.is_dir()) if isinstance(d, RawDoc)]
    arts = analyze_docs(docs).articles
    dups = find_duplicates(arts)
    groups = cl.cluster(arts, dups, threshold=args.threshold)
    by_id = {a.id: a for a in arts}
    story_of = {i: k for k, g in enumerate(groups) for i in g}
    rng = random.Random(args.seed)

    multi = [[i for i in g if i not in dups] for g in groups]
    multi = [g for g in multi if len(g) >= 2]
    print(f"{len(arts)} articles, {len(dups)} copies, {len(groups)} stories, "
          f"{len(multi)} of two or more original articles\n")
    print(f"== {min(args.stories, len(multi))} stories of two or more original articles (seed {args.seed})")
    for n, g in enumerate(rng.sample(multi, min(args.stories, len(multi))), 1):
        print(f"-- S{n} ({len(g)} articles)")
        for i in sorted(g, key=lambda i: (by_id[i].published or "", i)):
            print("   " + _line(by_id[i], args.width))

    names = {a.id: {k for k in cl._entities(a) if not k.startswith("x:")} for a in arts}
    lead_numbers = {a.id: _lead_numbers(a) for a in arts}
    # a number in many leads is the topic's ("कोविड-19", "24 घंटे"), not one event's
    in_leads = Counter(n for ns in lead_numbers.values() for n in ns)
    lead_numbers = {i: {n for n in ns if in_leads[n] <= MAX_NUMBER_LEADS} for i, ns in lead_numbers.items()}
    by_name: dict[str, list[str]] = defaultdict(list)
    for i, keys in names.items():
        if i not in dups:
            for k in keys:
                by_name[k].append(i)
    pairs = set()
    for ids in by_name.values():
        if len(ids) > 200:  # a topic word (कोरोना), not an event's name
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                i, j = sorted((ids[x], ids[y]))
                a, b = by_id[i], by_id[j]
                if story_of[i] == story_of[j] or a.source == b.source:
                    continue
                da, db = _day(a), _day(b)
                if da is None or db is None or abs((da - db).days) > MAX_DAYS_APART:
                    continue
                if len(names[i] & names[j]) >= MIN_SHARED_NAMES and lead_numbers[i] & lead_numbers[j]:
                    pairs.add((i, j))
    pairs_list = sorted(pairs)
    print(f"\n== {min(args.pairs, len(pairs_list))} of {len(pairs_list)} near misses (different stories and "
          f"outlets, at most {MAX_DAYS_APART} day apart, >= {MIN_SHARED_NAMES} names and a rare lead number shared)")
    for n, (i, j) in enumerate(rng.sample(pairs_list, min(args.pairs, len(pairs_list))), 1):
        shared = sorted(names[i] & names[j])
        print(f"-- P{n} names {', '.join(shared)[:80]}; numbers {', '.join(sorted(lead_numbers[i] & lead_numbers[j]))}")
        print("   " + _line(by_id[i], args.width))
        print("   " + _line(by_id[j], args.width))


def _lead_numbers(a: Article) -> set[str]:
    """Numbers of two or more digits in the title and lead (as clustering reads them)."""
    lead = ascii_digits(a.text[:cl._lead_end(a)])
    return {v for v in (m.group().replace(",", "") for m in cl._NUM_RE.finditer(lead)) if len(v) >= 2}

if __name__ == "__main__":
    main(sys.argv[1:])
