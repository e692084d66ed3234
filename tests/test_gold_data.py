"""The hand-made Hindi gold sets parse and point at real lines of the shared corpus."""
from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a gold TSV; '# ' comment lines skipped."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t")
    return list(reader.fieldnames or []), list(reader)


def _lines(folder: Path, name: str) -> list[str]:
    """The lines of a corpus file, split on newlines only."""
    return (folder / name).read_text(encoding="utf-8").split("\n")


def test_gold_files_have_comment_headers():
    for name in ("split_gold.tsv", "hindi_events_gold.tsv"):
        first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# "), name


def test_split_gold_parses():
    header, rows = _rows(DATA / "split_gold.tsv")
    assert header == ["file", "start_line", "split"]
    assert rows
    splits = defaultdict(set)
    for r in rows:
        assert r["split"] in {"dev", "test"}
        assert int(r["start_line"]) >= 1
        splits[r["file"]].add(r["split"])
    assert all(len(s) == 1 for s in splits.values()), "a file is in both dev and test"
    assert {f.split("/")[0] for f in splits} == {"AU", "DH", "DJ", "NT", "PK"}


def test_events_gold_parses():
    header, rows = _rows(DATA / "hindi_events_gold.tsv")
    assert header == ["file", "start_line", "end_line", "event", "note"]
    by_file = defaultdict(list)
    for r in rows:
        s, e = int(r["start_line"]), int(r["end_line"])
        assert 1 <= s <= e
        assert r["event"] and r["note"]
        by_file[r["file"]].append((s, e))
    for spans in by_file.values():
        assert spans == sorted(spans)
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:])), "overlapping articles"
    assert len(by_file) == 95
    assert len({f.split("/")[1] for f in by_file}) == 19


def test_split_gold_lines_exist(corpus):
    folder = corpus / "hindi-news-2020"
    _, rows = _rows(DATA / "split_gold.tsv")
    for r in rows:
        lines = _lines(folder, r["file"])
        n = int(r["start_line"])
        assert n <= len(lines) and lines[n - 1].strip(), f"{r['file']}:{n} is missing or blank"


def test_events_gold_lines_exist_and_cover_files(corpus):
    folder = corpus / "hindi-news-2020"
    _, rows = _rows(DATA / "hindi_events_gold.tsv")
    covered = defaultdict(set)
    for r in rows:
        lines = _lines(folder, r["file"])
        s, e = int(r["start_line"]), int(r["end_line"])
        assert e <= len(lines)
        assert lines[s - 1].strip() and lines[e - 1].strip(), f"{r['file']}:{s}-{e} has a blank edge"
        covered[r["file"]].update(range(s, e + 1))
    for name, seen in covered.items():
        missing = [i for i, line in enumerate(_lines(folder, name), 1) if line.strip() and i not in seen]
        assert not missing, f"{name}: lines {missing[:5]} belong to no article"


def test_load_hindi_gold(corpus):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from hindi_gold import load_hindi_gold

    _, rows = _rows(DATA / "hindi_events_gold.tsv")
    records, gold = load_hindi_gold(corpus / "hindi-news-2020")
    assert len(records) == len(rows) == len(gold)
    assert set(gold) == {r["id"] for r in records}
    for rec in records:
        assert rec["text"].strip() and rec["source"] in {"AU", "DH", "DJ", "NT", "PK"}
        assert rec["id"].startswith(f"{rec['source']}/{rec['published']}-")



def test_hindi_gold_parts_split_the_set_by_date(corpus):
    """The tuning part and the two check parts cover the set between them, never share an
    article, and each check part holds exactly the dates kept out of tuning for it."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from hindi_gold import CHECK_PARTS, load_hindi_gold

    folder = corpus / "hindi-news-2020"
    _, every = load_hindi_gold(folder)
    parts = {p: set(load_hindi_gold(folder, part=p)[1]) for p in ("tune", *CHECK_PARTS)}
    assert all(parts.values())
    assert sum(map(len, parts.values())) == len(every)
    assert set().union(*parts.values()) == set(every)
    for part, dates in CHECK_PARTS.items():
        assert {i.split("/")[1][:10] for i in parts[part]} == dates
        assert not {i.split("/")[1][:10] for i in parts["tune"]} & dates


def test_entity_gold_merging_precision_and_recall(corpus) -> None:
    """The hand-labelled mention clusters (tests/data/entity_gold.tsv): khabar's entities
    rarely join mentions of two different things, and join most spellings of one."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("entity_merge_eval", ROOT / "benchmarks" / "entity_merge_eval.py")
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    rows = ev.read_gold(ROOT / "tests" / "data" / "entity_gold.tsv")
    assert len(rows) > 500 and all(r[1] < r[2] and r[4] for r in rows)
    found = ev.system_entities({r[0] for r in rows})
    gold, pred = {}, {}
    for k, (art, start, end, text, g) in enumerate(rows):
        hit = found.get((art, start, end))
        if g != "-" and hit is not None and hit[1] == text:
            gold[k], pred[k] = g, hit[0]
    assert len(gold) >= 0.9 * sum(r[4] != "-" for r in rows)  # the offsets still point at the mentions
    p, r, _f, *_ = ev.pairwise(gold, pred)
    assert p >= 0.98 and r >= 0.95, (p, r)
