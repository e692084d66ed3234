"""Whole-run speed and memory at 1k, 10k (and 100k) articles, plus an incremental run and a correction.

    python benchmarks/speed.py [--sizes 1000 10000 100000] [--workers N] [--keep DIR]
                               [--incremental-max N] [--html]

Builds each corpus from the real articles of hindi-news-2020 (split into articles) and
ECB+ (about two Hindi to one English): every synthetic article takes a real article's
title and body, swaps half of its body sentences for sentences of another article of the
same language, nudges its numbers, and gets a publication date spread over a year, so the
corpus has the real texts' words, names and lengths without being 100 copies of each.
Then it times `khabar run --quiet -v` on it in a fresh SQLite store (a subprocess under
/usr/bin/time, for the largest process's peak RSS, while a thread samples the memory of
the run and its worker processes together), then `khabar run` again with 100 new articles added to
that store (the incremental cost), then `khabar detach` of an article of the store's
largest story (what a reader's correction costs: the corpus grouped again), and prints
articles/s, peak RSS, the growth factor
between consecutive sizes (time ratio for 10x the articles) and the seconds of each phase
of the run as `-v` logs them.

With `--html`, every article is given as a web page instead of text (a JSON Lines record
with "html"): its title and paragraphs inside page furniture (a menu of 150
sections, 60 other articles' headlines as related links, a footer; about 20,000 characters,
33 KB of UTF-8), so that the runs pay for extracting the text from HTML as they do on
scraped pages (real news pages are often larger still).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import RawDoc  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
KHABAR = str(Path(sys.executable).with_name("khabar"))
_SENT = re.compile(r"(?<=[।.?!])\s+")
_NUM = re.compile(r"\d+")


def base_articles() -> dict[str, list[tuple[str, str]]]:
    """(title, body) of the real articles, by language."""
    hindi = []
    for d in read_inputs([SHARED / "hindi-news-2020"], split=True):
        if isinstance(d, RawDoc):
            title, _, body = d.raw.strip().partition("\n")
            if len(body) > 200:
                hindi.append((title, body))
    english = []
    with open(SHARED / "ecbplus" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec.get("text") or ""
            title, _, body = text.strip().partition("\n")
            if len(body) > 200:
                english.append((rec.get("title") or title, body))
    return {"hi": hindi, "en": english}


def synthesize(n: int, base: dict[str, list[tuple[str, str]]], seed: int, prefix: str) -> list[dict]:
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    out = []
    for k in range(n):
        lang = "hi" if rng.random() < 0.67 else "en"
        pool = base[lang]
        title, body = rng.choice(pool)
        _, other = rng.choice(pool)
        mine, theirs = _SENT.split(body), _SENT.split(other)
        mixed = [rng.choice(theirs) if rng.random() < 0.5 else s for s in mine]
        text = title + "\n" + " ".join(mixed)
        text = _NUM.sub(lambda m: str(int(m.group()) + rng.randint(0, 3)) if rng.random() < 0.3 else m.group(), text)
        out.append({"id": f"{prefix}{k}", "text": text, "source": f"outlet-{rng.randint(1, 12)}",
                    "published": (start + timedelta(days=rng.randint(0, 364))).isoformat()})
    return out


_MENU = "".join(f'<li><a href="/section/{k}">खंड {k} की ख़बरें</a></li>' for k in range(150))


def as_page(rec: dict, base: dict[str, list[tuple[str, str]]], rng: random.Random) -> dict:
    """The record with its text given as a web page (see the module's notes)."""
    title, *body = rec["text"].split("\n")
    paragraphs = [p for p in _SENT.split(" ".join(body)) if p.strip()]
    related = "".join(f'<li><a href="/news/{rng.randint(1, 10**6)}">{rng.choice(base["hi"])[0]}</a></li>'
                      for _ in range(60))
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | {rec['source']}</title>"
            f"<meta property='article:published_time' content='{rec['published']}'></head><body>"
            f"<header><nav><ul>{_MENU}</ul></nav></header><main><article><h1>{title}</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + f"</article><aside><h2>और ख़बरें</h2><ul>{related}</ul></aside></main>"
            f"<footer><ul>{_MENU[:3000]}</ul><p>© {rec['source']}</p></footer></body></html>")
    out = {k: v for k, v in rec.items() if k != "text"}
    out["html"] = page
    return out


def timed_run(paths: list[Path], db: Path, workers: int | None) -> tuple[float, float, float, str, str]:
    """Seconds, peak RSS of the largest process and peak memory of the whole process tree
    (MB) of one `khabar run`, its closing line, and its phases' seconds in one line."""
    return timed_command(["run", "--quiet", "-v", "--db", str(db), *map(str, paths)], workers)


def timed_command(args: list[str], workers: int | None) -> tuple[float, float, float, str, str]:
    """`timed_run` of any khabar command."""
    env = dict(os.environ)
    if workers:
        env["KHABAR_WORKERS"] = str(workers)
    cmd = ["/usr/bin/time", "-v", KHABAR, *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = [0.0]
    sampler = threading.Thread(target=_watch, args=(proc, peak), daemon=True)
    sampler.start()
    out, err = proc.communicate()
    secs = time.perf_counter() - t0
    sampler.join()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
    if proc.returncode != 0:
        raise SystemExit(f"khabar run failed ({proc.returncode}):\n{err[-2000:]}")
    # the pool's workers are children of the run: /usr/bin/time reports the largest single process
    return (secs, int(rss.group(1)) / 1024 if rss else float("nan"), peak[0], out.strip().splitlines()[-1],
            phases(err))


_PHASE = re.compile(r"^(\s*)(\S.*?)\s+(\d+\.\d) s  \(cpu", re.M)


def _article_to_detach(db: Path) -> str | None:
    """An article of the store's largest story (the correction a reader most likely makes)."""
    from khabar.store import Store

    store = Store(str(db))
    try:
        rows = store.story_rows()
        if not rows:
            return None
        largest = max(rows, key=lambda r: (r[3], r[0]))
        story = store.story(largest[0])
        return story.articles[-1] if story and len(story.articles) > 1 else None
    finally:
        store.close()


def phases(log: str) -> str:
    """The phases `khabar run -v` logged, as "name seconds" pairs in one line (sub-phases of
    the corpus and per-story phases in brackets after it)."""
    out, subs = [], []
    for indent, name, secs in _PHASE.findall(log):
        name = name.strip()
        if indent:
            subs.append(f"{name} {secs}")
        else:
            out.append(f"{name} {secs}" + (f" [{', '.join(subs)}]" if subs else ""))
            subs = []
    return "; ".join(out)


def _watch(proc: subprocess.Popen, peak: list[float]) -> None:
    """Samples, twice a second, the memory of the run and every process under it: the sum of
    their proportional set sizes (a page shared by n processes counts 1/n to each), which is
    what the machine must hold; RSS would count shared pages once per process."""
    while proc.poll() is None:
        peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(proc.pid)) / 1024)
        time.sleep(0.5)


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=None, help="KHABAR_WORKERS for the runs (default: cores)")
    ap.add_argument("--keep", help="build the corpora and stores in this folder and keep them")
    ap.add_argument("--incremental-max", type=int, default=None,
                    help="time the +100 run only for corpora up to this size (it re-reads the whole store)")
    ap.add_argument("--html", action="store_true", help="give every article as a web page (see above)")
    args = ap.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="khabar-speed-"))
    folder.mkdir(parents=True, exist_ok=True)
    base = base_articles()
    print(f"base: {len(base['hi'])} Hindi and {len(base['en'])} English articles; cores: {os.cpu_count()}")
    previous = None
    for n in args.sizes:
        corpus = folder / f"corpus-{n}.jsonl"
        extra = folder / f"extra-{n}.jsonl"
        for path, recs in ((corpus, synthesize(n, base, seed=n, prefix="a")),
                           (extra, synthesize(100, base, seed=n + 1, prefix="x"))):
            if args.html:
                rng = random.Random(n)
                recs = [as_page(r, base, rng) for r in recs]
            with open(path, "w", encoding="utf-8") as fh:
                for r in recs:
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        db = folder / f"store-{n}.db"
        db.unlink(missing_ok=True)
        secs, rss, total, line, spent = timed_run([corpus], db, args.workers)
        growth = f"; x{secs / previous[1]:.1f} the time of {previous[0]} articles" if previous else ""
        print(f"{n:>7} articles: {secs:7.1f} s = {n / secs:6.1f} articles/s, peak {total:7.0f} MB for all "
              f"processes (largest single process {rss:.0f} MB RSS){growth}")
        print(f"         ({line})")
        print(f"         phases (s): {spent}")
        if args.incremental_max is None or n <= args.incremental_max:
            inc_secs, inc_rss, inc_total, line, spent = timed_run([corpus, extra], db, args.workers)
            print(f"         +100 new articles on that store: {inc_secs:.1f} s, peak {inc_total:.0f} MB for all "
                  f"processes ({inc_rss:.0f} MB RSS) ({line})")
            print(f"         phases (s): {spent}")
            article = _article_to_detach(db)
            if article:
                fix_secs, _rss, fix_total, line, _spent = timed_command(["detach", article, "--db", str(db)],
                                                                        args.workers)
                print(f"         a correction on that store (khabar detach {article}): {fix_secs:.1f} s, peak "
                      f"{fix_total:.0f} MB for all processes ({line})")
        previous = (n, secs)
    if not args.keep:  # a 100k store is gigabytes
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
