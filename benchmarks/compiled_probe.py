"""How much faster would khabar run if its Python were compiled as it is?

    pip install cython && python benchmarks/compiled_probe.py [--n 2000] [--rounds 2]

Copies the package to a temporary folder and compiles the modules that the per-article
and per-story phases spend their time in with Cython (the .py files unchanged, in
Cython's pure-Python mode, with type annotations ignored so that every value stays a
Python object as in the interpreter). Then it times, in turn, the plain tree and the
compiled one on the same `n` synthetic articles (built as benchmarks/speed.py builds
them), each in a fresh process on one core: the per-article phase, then the corpus and
per-story phases (`build_stories`), and prints milliseconds per article for each.

It answers one question for the speed target (README, "Speed and scale"): is the time in
the interpreter's own work, which compiling removes, or in the work the stages ask of
C code (regular expressions, NumPy, dictionaries and strings), which it does not? Needs a
C compiler and Python's headers; nothing it builds is kept.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# the modules of the two parallel phases (what `benchmarks/stage_times.py` shows them to
# spend their time in), and what those call per article or per story
MODULES = [
    "khabar/stages/entities.py", "khabar/stages/facts.py", "khabar/stages/dates.py", "khabar/stages/clean.py",
    "khabar/ner/tag.py", "khabar/ner/tokenize.py", "khabar/ner/features.py", "khabar/fold.py", "khabar/text.py",
    "khabar/stages/quotes.py", "khabar/stages/cluster.py", "khabar/stages/language.py",
    "khabar/stages/metadata.py", "khabar/stages/normalize.py", "khabar/stages/sentences.py",
    "khabar/stages/aspect.py", "khabar/stages/summary.py", "khabar/stages/canonical.py", "khabar/passages.py",
    "khabar/stages/fivew.py", "khabar/stages/agreement.py", "khabar/stages/eventdate.py", "khabar/serialize.py",
    "khabar/packed.py", "khabar/stages/dedup.py", "khabar/stages/whatsnew.py", "khabar/stages/headline.py",
    "khabar/tfidf.py", "khabar/positions.py", "khabar/romanize.py", "khabar/stages/thread.py", "khabar/signals.py",
    "khabar/model.py",
]

_BUILD = """
from setuptools import setup
from Cython.Build import cythonize
setup(ext_modules=cythonize({modules!r}, nthreads=2, quiet=True, force=True,
      compiler_directives={{"language_level": 3, "binding": True, "annotation_typing": False}}))
"""

# run in a child process whose sys.path starts at the tree being timed
_TIME = """
import sys, time
sys.path[:0] = [{tree!r}, {bench!r}]
import khabar.pipeline as pipeline
from khabar.model import RawDoc
from speed import base_articles, synthesize
assert pipeline.__file__.startswith({tree!r}), pipeline.__file__
recs = synthesize({n}, base_articles(), seed={n}, prefix="a")
docs = [RawDoc(id=r["id"], raw=r["text"], kind="json", origin=r["id"], content_hash=r["id"],
               published=r["published"], source=r["source"]) for r in recs]
pipeline.analyze_docs(docs[:100], workers=1, packed=True)  # models and word lists loaded
t = time.perf_counter()
an = pipeline.analyze_docs(docs, workers=1, packed=True)
per_article = time.perf_counter() - t
t = time.perf_counter()
import os
os.environ["KHABAR_WORKERS"] = "1"
stories = pipeline.build_stories(an.articles, signals=an.signals)
rest = time.perf_counter() - t
compiled = sum(1 for m in list(sys.modules.values()) if getattr(m, "__file__", "") and m.__file__.endswith(".so")
               and "/khabar/" in m.__file__)
print(f"{{per_article / {n} * 1000:.3f}} {{rest / {n} * 1000:.3f}} {{len(stories)}} {{compiled}}")
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="synthetic articles (default 2000)")
    ap.add_argument("--rounds", type=int, default=2, help="timings of each tree, taken in turn")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="khabar-compiled-"))
    try:
        tree = work / "tree"
        shutil.copytree(ROOT / "khabar", tree / "khabar", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
        (tree / "setup_probe.py").write_text(_BUILD.format(modules=MODULES))
        print(f"compiling {len(MODULES)} modules with Cython ...", flush=True)
        built = subprocess.run([sys.executable, "setup_probe.py", "build_ext", "--inplace", "-j", "2"], cwd=tree,
                               capture_output=True, text=True)
        if built.returncode != 0:
            sys.exit("compiling failed (is Cython installed, and a C compiler?):\n" + built.stderr[-2000:])
        results: dict[str, list[tuple[float, float]]] = {"plain": [], "compiled": []}
        for _ in range(args.rounds):
            for name, path in (("plain", ROOT), ("compiled", tree)):
                code = _TIME.format(tree=str(path), bench=str(ROOT / "benchmarks"), n=args.n)
                out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=work)
                if out.returncode != 0:
                    sys.exit(f"{name} run failed:\n{out.stderr[-2000:]}")
                art, rest, stories, so = out.stdout.split()
                results[name].append((float(art), float(rest)))
                print(f"{name:9s} per-article {float(art):.3f} ms, corpus + per-story {float(rest):.3f} ms an "
                      f"article ({stories} stories; {so} compiled modules loaded)", flush=True)
        best = {k: (min(a for a, _ in v), min(r for _, r in v)) for k, v in results.items()}
        for phase, k in (("per-article", 0), ("corpus + per-story", 1)):
            p, c = best["plain"][k], best["compiled"][k]
            print(f"{phase:20s} plain {p:.3f} ms, compiled {c:.3f} ms an article (best of {args.rounds}): "
                  f"{(1 - c / p) * 100:.1f}% less")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
