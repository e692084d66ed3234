"""One very long input, end to end: seconds and peak memory of `khabar run` on it.

    python benchmarks/long_article.py              # 1, 2 and 4 MB of real Hindi news text
    python benchmarks/long_article.py --mb 4.5

The input limit is 5 MB an article (KHABAR_MAX_ARTICLE_BYTES). The text is hindi-news-2020's
articles one after another (--split would cut them apart; here they stay one input), so
every stage meets real sentences, names, numbers and quotes in the thousands.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar import service  # noqa: E402
from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import RawDoc  # noqa: E402
from khabar.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "hindi-news-2020"


def long_text(megabytes: float) -> str:
    """Real articles joined by blank lines until the text is this many MB of UTF-8."""
    parts, size = [], 0
    while True:
        for d in read_inputs([CORPUS], split=True):
            if isinstance(d, RawDoc):
                parts.append(d.raw)
                size += len(d.raw.encode("utf-8")) + 2
                if size >= megabytes * 1_000_000:
                    return "\n\n".join(parts)


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[1.0, 2.0, 4.0])
    args = ap.parse_args(argv)
    for mb in args.mb:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "long.jsonl"
            text = long_text(mb)
            path.write_text(json.dumps({"id": "long", "text": text, "published": "2020-04-16"},
                                       ensure_ascii=False) + "\n", encoding="utf-8")
            store = Store(str(Path(tmp) / "db.sqlite"))
            t = time.perf_counter()
            report = service.run([path], store)
            seconds = time.perf_counter() - t
            store.close()
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        print(f"{len(text.encode('utf-8')) / 1e6:.1f} MB, {len(text):,} characters: {seconds:.1f} s, "
              f"{len(report.stories)} story, {len(report.rejected)} rejected; largest process so far {peak:.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
