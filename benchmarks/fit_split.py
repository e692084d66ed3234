"""Fitting the splitter's cue weights to every hand-cut file, judged by cross-validation.

    python benchmarks/fit_split.py            # cross-validated P/R/F1: hand weights against fitted ones
    python benchmarks/fit_split.py --print    # also the weights fitted on every file

The splitter (khabar/stages/split.py) scores each line as the weighted sum of its cues and
starts an article where the sum reaches a threshold; the weights were set by hand on the 9
dev files of tests/data/split_gold.tsv. Here the same cues are read from every file cut by
hand (split_gold.tsv's 14 and the Hindi event gold's 55; a file in both takes split_gold's
starts) and a logistic regression learns the weights. Each file's starts are predicted by a
model fitted on the other files only (leave one file out), its decision threshold the one
that gives the best F-beta on those other files (beta 1, and 1.5 which weighs recall more),
so the figure is what to expect on files like these but unseen. Lines a rule decides (timestamps, bullets, list items) and each file's
first line are left out of the fit and scored as the splitter scores them.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_split import CORPUS, EVENTS, first_line, read_event_starts, read_split_gold  # noqa: E402

from khabar.stages import split as sp  # noqa: E402

CUES = tuple(sp._W)


def gold_files() -> dict[str, set[int]]:
    """file -> 1-based gold start lines, over every hand-cut file."""
    out = {name: starts for name, (_s, starts) in read_event_starts(EVENTS).items()}
    out.update({name: starts for name, (_s, starts) in read_split_gold().items()})
    return out


def file_rows(name: str, starts: set[int]):
    """(line numbers, cue matrix, labels, decided) of one file's non-blank lines but its first:
    decided[k] is +1 / -1 where a rule decides the line, 0 where the cues do."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    lines, blanks, offsets, _ends = sp._lines_of(text)
    numbers = [text.count("\n", 0, o) + 1 for o in offsets]
    first = first_line(text)
    values = sp._cue_values(lines, blanks)
    keep = [k for k in range(len(lines)) if numbers[k] != first]
    x = np.zeros((len(keep), len(CUES)))
    decided = np.zeros(len(keep))
    for r, k in enumerate(keep):
        v = values[k]
        if isinstance(v, float):
            decided[r] = 1 if v > 0 else -1
        else:
            for c, val in v.items():
                x[r, CUES.index(c)] = val
    y = np.array([numbers[k] in starts for k in keep])
    return x, y, decided


def counts(pred: np.ndarray, y: np.ndarray) -> tuple[int, int, int]:
    return int((pred & y).sum()), int((pred & ~y).sum()), int((~pred & y).sum())


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp}, fp {fp}, fn {fn})"


def best_cut(scores: np.ndarray, y: np.ndarray, beta: float = 1.0) -> float:
    """The decision threshold with the best F-beta over these lines (the middle of a tie)."""
    cands = np.unique(scores)
    best, at = -1.0, []
    b2 = beta * beta
    for t in cands:
        tp, fp, fn = counts(scores >= t, y)
        f = (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) if tp else 0.0
        if f > best + 1e-12:
            best, at = f, [t]
        elif abs(f - best) <= 1e-12:
            at.append(t)
    return float(at[len(at) // 2])


def fit(x: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=2000).fit(x, y)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--print", action="store_true", help="print the weights fitted on every file")
    ap.add_argument("--c", type=float, nargs="*", default=[1.0],
                    help="inverse regularisation strengths to try (default scikit-learn's 1.0)")
    ap.add_argument("--beta", type=float, nargs="*", default=[1.0, 1.5],
                    help="F-beta the threshold is chosen by (default 1 and 1.5)")
    args = ap.parse_args()
    files = gold_files()
    data = {name: file_rows(name, starts) for name, starts in sorted(files.items())}
    hand = np.array([sp._W[c] for c in CUES])
    tot = np.zeros(3, dtype=int)
    for x, y, decided in data.values():
        pred = np.where(decided != 0, decided > 0, x @ hand >= sp._THRESHOLD)
        tot += counts(pred, y)
    print(f"{len(data)} files, {sum(int(y.sum()) for _x, y, _d in data.values())} gold starts after the first line")
    print(f"hand weights (set on 9 of these files):       {prf(*tot)}")
    from hindi_gold import LATE_DATES  # type: ignore

    later = {k for k in data if Path(k).stem in LATE_DATES}
    for c, beta in [(c, b) for c in args.c for b in args.beta]:
        tot = np.zeros(3, dtype=int)
        part = np.zeros(3, dtype=int)
        hand_part = np.zeros(3, dtype=int)
        for held in data:
            train = [v for k, v in data.items() if k != held]
            xs = np.vstack([x[d == 0] for x, _y, d in train])
            ys = np.concatenate([y[d == 0] for _x, y, d in train])
            model = fit(xs, ys, c)
            cut = best_cut(model.decision_function(xs), ys, beta)
            x, y, decided = data[held]
            pred = np.where(decided != 0, decided > 0, model.decision_function(x) >= cut)
            tot += counts(pred, y)
            if held in later:
                part += counts(pred, y)
                hand_part += counts(np.where(decided != 0, decided > 0, x @ hand >= sp._THRESHOLD), y)
        print(f"fitted, C={c}, threshold by F{beta:g}, leave one file out: {prf(*tot)}")
        print(f"  the {len(later)} files of the Hindi gold cut on 2026-12-06: fitted {prf(*part)}; "
              f"hand {prf(*hand_part)}")
    if args.print:
        xs = np.vstack([x[d == 0] for x, _y, d in data.values()])
        ys = np.concatenate([y[d == 0] for _x, y, d in data.values()])
        model = fit(xs, ys, args.c[-1])
        cut = best_cut(model.decision_function(xs), ys)
        w = model.coef_[0]
        print(f"weights fitted on every file (C={args.c[-1]}), threshold {cut - model.intercept_[0]:.3f}:")
        for name, v in zip(CUES, w):
            print(f"  {name:15} {v:7.3f}   (hand {sp._W[name]:5.1f})")


if __name__ == "__main__":
    main()
