"""Threads against the series in the hand-made Hindi event gold.

    python benchmarks/thread_eval.py [--thresholds 0.2 0.25 0.3 0.35]

The gold's event ids name a happening and, for a count or bulletin, its day
("india-count-0412", "india-count-0413": the national count of two days, two events of one
series). Stories that continue one another should share a thread (README "Threads and
merges"). Here each part of the gold is run through the per-article phase and
`build_stories` among all the other articles of hindi-news-2020 (as a run over the corpus
sees them); each story holding gold articles takes the event most of them have; and every
pair of such stories with two different events is judged:

- a **series pair**: the two events share their name but for the day, and the days differ;
- a **thread pair**: the two stories are in one thread.

Precision = series pairs among thread pairs; recall = thread pairs among series pairs. Only
what the ids say is used: a series the annotator named two ways is not seen as one.
"""
from __future__ import annotations

import itertools
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from hindi_gold import CORPUS, PARTS, docs_in_context, part_of  # noqa: E402

from khabar.pipeline import analyze_docs, build_stories  # noqa: E402
from khabar.stages import thread as th  # noqa: E402

_DAY = re.compile(r"-(\d{4})$")


def series(event: str) -> tuple[str, str] | None:
    """(name, MMDD) of an event id that ends with a day, else None."""
    m = _DAY.search(event)
    return (event[:m.start()], m.group(1)) if m else None


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--thresholds", type=float, nargs="*", default=[th.THREAD_THRESHOLD],
                    help=f"story similarity a thread needs (default the tuned {th.THREAD_THRESHOLD})")
    args = ap.parse_args()
    docs, gold = docs_in_context(CORPUS)
    packed = build_stories(analyze_docs(docs).articles)
    stories = packed.index()
    profiles = [(s.id, s.date, th.profile_from_json(packed.profiles[s.id])) for s in stories]
    saved = th.THREAD_THRESHOLD
    try:
        for threshold in args.thresholds:
            th.THREAD_THRESHOLD = threshold
            thread_of = th.find_threads(profiles)
            n_threads = len(set(thread_of.values()))
            print(f"threshold {threshold}: {len(docs)} articles, {len(stories)} stories, {n_threads} threads")
            for part in PARTS[:-1]:
                print("  " + judge(stories, thread_of, gold, part))
    finally:
        th.THREAD_THRESHOLD = saved


def judge(stories, thread_of: dict[str, str], gold: dict[str, str], part: str) -> str:
    """The series and thread pairs of one part's stories, as a line."""
    labelled = []
    for s in stories:
        events = Counter(gold[a] for a in s.articles if a in gold and part_of(a.split("/")[1][:10]) == part)
        if events:
            labelled.append((events.most_common(1)[0][0], thread_of.get(s.id)))
    thread_pairs = series_pairs = both = 0
    for (e1, t1), (e2, t2) in itertools.combinations(labelled, 2):
        if e1 == e2:
            continue  # one event in two stories: a clustering error, not threading's
        s1, s2 = series(e1), series(e2)
        is_series = bool(s1 and s2 and s1[0] == s2[0] and s1[1] != s2[1])
        in_thread = t1 is not None and t1 == t2
        series_pairs += is_series
        thread_pairs += in_thread
        both += is_series and in_thread
    p = f"{both / thread_pairs:.3f}" if thread_pairs else "-"
    r = f"{both / series_pairs:.3f}" if series_pairs else "-"
    return (f"{part:7} {len(labelled):4} stories with gold articles: {series_pairs} series pairs, "
            f"{thread_pairs} thread pairs, {both} both: precision {p}, recall {r}")


if __name__ == "__main__":
    main()
