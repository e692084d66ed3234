"""How often an article's own event date is the date of the happening it reports, on the
hand-made Hindi event gold.

    python benchmarks/eventdate_eval.py

The gold's event ids carry the happening's date when the annotator could tell it
("india-count-0412": the national count of 12 April, whatever day a paper printed it;
tests/data/hindi_events_gold.tsv's header gives the rules). For every gold article whose
event id ends in such a date (MMDD, year 2020), this compares the date khabar gives the
article alone (`eventdate.event_date` on the one article, as a story of it is dated) and
its publication date (the paper's file date) with the gold date, part by part; and the
date clustering reads as the article's own (the same but for the edges of periods, "31
मार्च तक", which there weigh as any date).
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from hindi_gold import CORPUS, PARTS, load_hindi_gold  # noqa: E402

from khabar.ingest import read_inputs  # noqa: E402
from khabar.model import RawDoc  # noqa: E402
from khabar.pipeline import analyze_docs  # noqa: E402
from khabar.stages.eventdate import event_date  # noqa: E402

_DATED = re.compile(r"-(\d{2})(\d{2})$")


def gold_date(event: str) -> date | None:
    """The happening's date an event id ends with (MMDD of 2020), if it ends with one."""
    m = _DATED.search(event)
    if not m:
        return None
    try:
        return date(2020, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None


def main() -> None:
    for part in PARTS[:-1]:
        recs, gold = load_hindi_gold(CORPUS, part=part)
        tmp = Path(tempfile.mkdtemp()) / "h.jsonl"
        tmp.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
        arts = analyze_docs([d for d in read_inputs([tmp]) if isinstance(d, RawDoc)]).articles
        dated = [(a, gold_date(gold[a.id])) for a in arts if gold_date(gold[a.id])]
        n = len(dated)
        pub_exact = sum(a.published == want.isoformat() for a, want in dated)
        line = [f"{part:7} {n:4} dated gold articles"]
        for label, boundaries in (("story date", True), ("clustering's own date", False)):
            exact = near = none = 0
            for a, want in dated:
                value, precision = event_date([a], boundaries=boundaries)
                if not value or precision != "day":
                    none += 1
                    continue
                got = date.fromisoformat(value[:10])
                exact += got == want
                near += abs((got - want).days) <= 1
            line.append(f"{label} exact {exact} ({exact / max(n, 1):.0%}), within a day {near} "
                        f"({near / max(n, 1):.0%}), not day-precise {none}")
        line.append(f"publication date exact {pub_exact} ({pub_exact / max(n, 1):.0%})")
        print("; ".join(line))


if __name__ == "__main__":
    main()
