"""Summaries against a lead-3 baseline on multi-outlet stories of the Hindi 2020 corpus.

    python benchmarks/summary_eval.py [--corpus DIR] [--stories 10] [--out docs/summary_side_by_side.md]

Runs the whole pipeline (split into articles, cluster, summarise) on the corpus, takes the
stories reported by the most outlets (ties: most articles, then id), and writes, for each,
khabar's summary beside the lead-3 baseline (the first three body sentences of the story's
longest article) into a Markdown file for reading. It also prints ROUGE-1 and ROUGE-2 F1
of both against the story's own headlines (every article title in the story is a
reference; the best-matching one counts), computed on khabar's Devanagari-aware words, as
one number among others: a headline is a poor reference for a five-sentence summary.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import Article, RawDoc, Story  # noqa: E402
from khabar.passages import body_sentences  # noqa: E402
from khabar.pipeline import analyze_docs, build_stories  # noqa: E402
from khabar.stages.summary import MAX_WORDS, MIN_LETTERED, MIN_WORDS  # noqa: E402
from khabar.text import ascii_digits, words  # noqa: E402


def ngrams(text: str, n: int) -> Counter:
    ws = [w.lower() for w in words(ascii_digits(text))]
    return Counter(tuple(ws[i:i + n]) for i in range(len(ws) - n + 1))


def rouge_f(candidate: str, reference: str, n: int) -> float:
    c, r = ngrams(candidate, n), ngrams(reference, n)
    overlap = sum((c & r).values())
    if not overlap:
        return 0.0
    p, rec = overlap / sum(c.values()), overlap / sum(r.values())
    return 2 * p * rec / (p + rec)


def lead3(articles: list[Article]) -> tuple[Article, list[str]]:
    longest = max(articles, key=lambda a: (len(a.text), a.id))
    sents = [c[3] for c in body_sentences([longest], MIN_WORDS, MAX_WORDS, MIN_LETTERED)]
    return longest, sents[:3]


def pick(stories: list[Story], by_id: dict[str, Article], k: int) -> list[Story]:
    def outlets(s: Story) -> int:
        return len({by_id[i].source or i for i in s.articles if by_id[i].duplicate_of is None})
    multi = [s for s in stories if outlets(s) >= 2]
    multi.sort(key=lambda s: (-outlets(s), -len(s.articles), s.id))
    return multi[:k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "hindi-news-2020"))
    ap.add_argument("--stories", type=int, default=10)
    ap.add_argument("--out", default=str(ROOT / "docs" / "summary_side_by_side.md"))
    args = ap.parse_args()
    docs = [d for d in read_inputs([args.corpus], split=True) if isinstance(d, RawDoc)]
    articles = analyze_docs(docs).articles
    by_id = {a.id: a for a in articles}
    stories = build_stories(articles)
    chosen = pick(stories, by_id, args.stories)
    lines = ["# khabar summaries beside lead-3, ten multi-outlet stories of hindi-news-2020", "",
             f"Written by `python benchmarks/summary_eval.py` ({len(articles)} articles, {len(stories)} stories; "
             "the stories reported by the most outlets). Reading notes: docs/summaries.md.", ""]
    totals = {"khabar": [0.0, 0.0], "lead3": [0.0, 0.0]}
    for n, s in enumerate(chosen, 1):
        members = [by_id[i] for i in s.articles]
        cite = {a.id: k for k, a in enumerate(members, 1)}
        titles = [a.title for a in members if a.title]
        longest, base = lead3(members)
        ours = " ".join(x.text for x in s.summary)
        theirs = " ".join(base)
        scores = {}
        for name, text in (("khabar", ours), ("lead3", theirs)):
            r1 = max((rouge_f(text, t, 1) for t in titles), default=0.0)
            r2 = max((rouge_f(text, t, 2) for t in titles), default=0.0)
            scores[name] = (r1, r2)
            totals[name][0] += r1
            totals[name][1] += r2
        lines += [f"## {n}. {s.headline}", "",
                  f"story `{s.id}` · {s.date or 'undated'} · {len(members)} articles · "
                  f"outlets: {', '.join(sorted({a.source or '?' for a in members}))}", ""]
        lines += ["Articles: " + "; ".join(f"[{cite[a.id]}] {a.id} ({a.source or '?'}): {a.title or ''}"
                                           for a in members), ""]
        lines += ["**khabar** (ROUGE-1/2 vs headlines {:.3f}/{:.3f})".format(*scores["khabar"]), ""]
        lines += [f"- {x.text} " + "".join(f"[{cite[i]}]" for i in x.sources if i in cite) for x in s.summary]
        lines += ["", f"**lead-3 of the longest article** [{cite[longest.id]}] "
                  "(ROUGE-1/2 vs headlines {:.3f}/{:.3f})".format(*scores["lead3"]), ""]
        lines += [f"- {x}" for x in base] + [""]
    k = max(1, len(chosen))
    summary = (f"mean ROUGE-1/ROUGE-2 F1 against the stories' headlines over {len(chosen)} stories: "
               f"khabar {totals['khabar'][0] / k:.3f}/{totals['khabar'][1] / k:.3f}, "
               f"lead-3 {totals['lead3'][0] / k:.3f}/{totals['lead3'][1] / k:.3f}")
    lines += ["---", "", summary, ""]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print(summary)
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
