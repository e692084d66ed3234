"""The command line, driven as a user would (issue 2)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli import app

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parent.parent / "khabar" / "sample" / "articles"
GOLD = SAMPLE.parent / "gold.tsv"


def _invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "sample.db")
    res = _invoke("run", str(SAMPLE), "--db", db)
    assert res.exit_code == 0, res.output
    return db


def test_every_command_has_help() -> None:
    res = _invoke("--help")
    assert res.exit_code == 0
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert cmd.callback.__doc__, f"command {name} has no help text"
        assert f"khabar {name}" in readme, f"command {name} is not documented in README.md"


def test_run_prints_stories_and_a_closing_count(sample_db: str) -> None:
    res = _invoke("stories", "--db", sample_db)
    assert res.exit_code == 0
    lines = [line for line in res.output.splitlines() if line.strip().startswith("s")]
    assert len(lines) >= 4


def test_listings_are_newest_first_and_can_be_cut(sample_db: str, tmp_path: Path, monkeypatch) -> None:
    import khabar.cli as cli

    def ids(output: str) -> list[str]:
        return [line.split()[0] for line in output.splitlines() if re.match(r"s[0-9a-f]{8} ", line)]

    every = ids(_invoke("stories", "--db", sample_db).output)
    assert len(every) > 3
    assert ids(_invoke("stories", "--db", sample_db, "--limit", "2").output) == every[:2]
    assert ids(_invoke("stories", "--db", sample_db, "--loose").output) == []  # none in the sample
    # a run lists the newest RUN_LISTING stories and says how many more there are
    monkeypatch.setattr(cli, "RUN_LISTING", 3)
    res = _invoke("run", str(SAMPLE), "--db", str(tmp_path / "cut.db"))
    assert res.exit_code == 0
    assert ids(res.output) == every[:3]
    assert f"and {len(every) - 3} more stories" in res.output


def test_rerun_adds_nothing_twice(sample_db: str) -> None:
    res = _invoke("run", str(SAMPLE), "--db", sample_db, "--quiet")
    assert res.exit_code == 0
    assert res.output.startswith("0 new articles processed")


def test_show_a_story(sample_db: str) -> None:
    exported = [json.loads(x) for x in _invoke("export", "--db", sample_db).output.splitlines()]
    story = max((r for r in exported if r["type"] == "story"), key=lambda r: len(r["articles"]))
    res = _invoke("show", story["id"], "--db", sample_db)
    assert res.exit_code == 0
    assert story["headline"] in res.output
    assert "Summary" in res.output and "Entities" in res.output and "Articles" in res.output
    assert "[1]" in res.output
    # each article's line names its language (the sample's largest stories mix Hindi and English)
    by_id = {r["id"]: r for r in exported if r["type"] == "article"}
    for aid in story["articles"]:
        assert f"{aid} · " in res.output and f" · {by_id[aid]['language']} · " in res.output
    missing = _invoke("show", "no-such-story", "--db", sample_db)
    assert missing.exit_code == 2 and "no story" in missing.output


def test_export_follows_the_contract(sample_db: str, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert _invoke("export", "--db", sample_db, "--out", str(out)).exit_code == 0
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    arts = {r["id"]: r for r in recs if r["type"] == "article"}
    stories = {r["id"]: r for r in recs if r["type"] == "story"}
    assert arts and stories
    for a in arts.values():
        for key in ("id", "source", "title", "published", "language", "story", "duplicate_of", "text",
                    "removed", "entities", "dates"):
            assert key in a
        assert a["story"] in stories
        for e in a["entities"]:
            assert a["text"][e["start"]:e["end"]] == e["text"]
        for d in a["dates"]:
            assert a["text"][d["start"]:d["end"]] == d["text"]
            assert {"value", "precision"} <= set(d)
    for s in stories.values():
        for key in ("id", "headline", "date", "articles", "entities", "summary"):
            assert key in s
        assert all(arts[i]["story"] == s["id"] for i in s["articles"])
        for e in s["entities"]:
            assert {"id", "name", "label", "variants", "articles"} <= set(e)
        for x in s["summary"]:
            assert set(x["sources"]) <= set(s["articles"])
            assert arts[x["article"]]["text"][x["start"]:x["end"]] == x["text"]
        for key in ("five_w", "quotes", "agreement", "conflicts", "whats_new", "timeline"):
            assert key in s
        cited = [c for a in s["five_w"].values() for c in a["citations"]]
        cited += [c for f in s["agreement"] + s["conflicts"] for v in f["values"] for c in v["citations"]]
        cited += [c for u in s["whats_new"] for c in u["sentences"]]
        for c in cited:  # every citation is (article, start, end) of the very text shown
            assert c["article"] in s["articles"]
            assert arts[c["article"]]["text"][c["start"]:c["end"]] == c["text"]
        for q in s["quotes"]:
            assert arts[q["article"]]["text"][q["start"]:q["end"]] == q["text"]
    for a in arts.values():
        for f in a["facts"]:
            assert a["text"][f["start"]:f["end"]] == f["text"]
    assert any(s["conflicts"] for s in stories.values()), "the sample's planted disagreements were not found"
    assert any(a["duplicate_of"] for a in arts.values()), "the sample's syndicated copy was not found"


def test_nothing_processable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    res = runner.invoke(app, ["run", str(tmp_path / "in"), "--db", str(tmp_path / "k.db")])
    assert res.exit_code == 1
    assert "empty.txt" in res.output and "E005" in res.output
    assert "0 new articles processed" in res.output and "1 rejected" in res.output


def test_bad_input_is_named_and_the_rest_is_processed(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "good.txt").write_text(
        "नदी पर नया पुल खुला\n\nरामपुर। जिले में नदी पर बना नया पुल मंगलवार को जनता के लिए खोल दिया गया। "
        "पुल की लंबाई चार सौ मीटर है।", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "ठीक"}\n{broken\n', encoding="utf-8")
    res = runner.invoke(app, ["run", str(tmp_path), "--db", db, "--quiet"])
    assert res.exit_code == 0
    assert "bad.jsonl:2" in res.output and "E008" in res.output
    assert "2 new articles processed" in res.output


def test_eval_on_the_sample_gold() -> None:
    res = _invoke("eval", "--articles", str(SAMPLE), "--gold", str(GOLD))
    assert res.exit_code == 0
    assert "b_cubed" in res.output and "pairwise" in res.output


def test_tag_conll_keeps_one_line_per_token_and_sentence_breaks(tmp_path: Path) -> None:
    src = tmp_path / "in.conll"
    src.write_text("रक्षा\tO\nमंत्री\tO\nराजनाथ\tB-NEP\nसिंह\tI-NEP\nने\tO\n\nभारत\tB-NEL\nऔर\tO\nरूस\tB-NEL\n",
                   encoding="utf-8")
    res = _invoke("tag", "--in", str(src))
    assert res.exit_code == 0
    lines = res.output.split("\n")
    tokens = [x for x in lines if x]
    assert [t.split("\t")[0] for t in tokens] == ["रक्षा", "मंत्री", "राजनाथ", "सिंह", "ने", "भारत", "और", "रूस"]
    assert lines[5] == ""  # the sentence break is kept
    tags = [t.split("\t")[1] for t in tokens]
    assert all(t == "O" or t[:2] in ("B-", "I-") for t in tags)


def test_tag_plain_text_gives_offsets() -> None:
    text = "रक्षा मंत्री राजनाथ सिंह ने दिल्ली में कहा।"
    res = _invoke("tag", "--text", text)
    ents = [json.loads(x) for x in res.output.splitlines()]
    assert ents and all(text[e["start"]:e["end"]] == e["text"] for e in ents)


def test_verbose_run_prints_the_time_of_each_phase(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "khabar", "run", "-v", "-q", "--db", str(tmp_path / "v.db"),
                           str(SAMPLE)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for phase in ("per-article phase", "dedup", "cluster", "per-story stages", "threads", "store: write"):
        assert any(re.match(rf"\s*{phase}.* \d+\.\d s  \(cpu +\d+\.\d s here, +\d+\.\d s in workers; peak +\d+ MB\)$",
                            line)
                   for line in done.stderr.splitlines()), (phase, done.stderr)
    assert "dedup" not in done.stdout  # timings go to standard error only


def test_reading_commands_do_not_load_the_stages() -> None:
    """`khabar stories`, `show` and `export` only read the store: importing the command line
    must not load the pipeline and its libraries (that took `khabar --help` from 0.6 to 2 s)."""
    import subprocess
    import sys

    code = ("import sys, khabar.cli; "
            "print(sorted(m for m in ('khabar.pipeline', 'sklearn', 'scipy', 'trafilatura', 'datasketch') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_processing_does_not_load_scikit_learn() -> None:
    """Only `train-ner` needs scikit-learn (the `train` extra): the pipeline and the service,
    which every `run`, `eval` and `serve` import, must work without it (importing it was half a
    second of every start)."""
    import subprocess
    import sys

    code = ("import sys, khabar.pipeline, khabar.service, khabar.stages.cluster; "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_eval_lists_its_errors(tmp_path: Path) -> None:
    from khabar.service import read_gold

    ids = sorted(read_gold(GOLD))
    one = tmp_path / "one.tsv"  # a gold that calls every sample article one event
    one.write_text("id\tevent\n" + "".join(f"{i}\tall\n" for i in ids), encoding="utf-8")
    res = _invoke("eval", "--articles", str(SAMPLE), "--gold", str(one), "--errors")
    assert res.exit_code == 0
    assert "split: 1 gold events" in res.output and "merged: 0 stories" in res.output
    listed = [line.split()[1] for line in res.output.splitlines() if line.startswith("    ")]
    assert sorted(listed) == ids  # each article once, under the story it went to


def _story_count(output: str) -> int:
    return int(re.search(r"articles in (\d+) stories", output).group(1))


def test_a_stricter_threshold_makes_more_stories_and_a_bad_one_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("KHABAR_CLUSTER_THRESHOLD", raising=False)
    default = _invoke("run", str(SAMPLE), "--db", str(tmp_path / "a.db"), "-q")
    strict = _invoke("run", str(SAMPLE), "--db", str(tmp_path / "b.db"), "-q", "--threshold", "0.5")
    assert default.exit_code == 0 and strict.exit_code == 0
    assert _story_count(strict.output) > _story_count(default.output)
    # eval takes it too, and scores the stricter stories as purer and less complete
    loose, purer = (_invoke("eval", "--articles", str(SAMPLE), "--gold", str(GOLD), *extra).output
                    for extra in ((), ("--threshold", "0.5")))
    assert re.search(r"b_cubed\s+1\.000", purer)
    assert _recall(purer) < _recall(loose)
    for bad in ("0", "1.5", "x"):
        res = runner.invoke(app, ["run", str(SAMPLE), "--db", str(tmp_path / "c.db"), "--threshold", bad])
        assert res.exit_code == 2
        assert "--threshold" in res.output
    assert not (tmp_path / "c.db").exists()


def _recall(output: str) -> float:
    return float(re.search(r"b_cubed\s+[\d.]+\s+([\d.]+)", output).group(1))


def test_a_bad_threshold_in_the_environment_stops_with_its_reason(monkeypatch, capsys) -> None:
    import khabar.cli as cli

    monkeypatch.setenv("KHABAR_CLUSTER_THRESHOLD", "high")
    monkeypatch.setattr(sys, "argv", ["khabar", "stories"])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2
    assert "KHABAR_CLUSTER_THRESHOLD must be a number above 0 and at most 1, not 'high'" in capsys.readouterr().err


def test_detach_join_and_corrections(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    assert _invoke("run", str(SAMPLE), "--db", db, "-q").exit_code == 0
    from khabar.store import Store
    store = Store(db)
    big = max(store.stories(), key=lambda s: len(s.articles))
    store.close()
    x = big.articles[0]
    res = _invoke("detach", x, "--db", db)
    assert res.exit_code == 0, res.output
    assert res.output.count("recorded #") == len(big.articles) - 1
    assert f"{x} is now in story" in res.output and "(1 article)" in res.output
    res = _invoke("detach", x, "--db", db)
    assert res.exit_code == 2 and "alone in its story already" in res.output
    listing = _invoke("corrections", "--db", db).output
    assert listing.count(" apart ") == len(big.articles) - 1 and all(m in listing for m in big.articles[1:])
    # `khabar show` of the story it left says what was corrected
    shown = _invoke("show", big.id, "--db", db).output
    assert "corrected by hand (#1" in shown and x in shown
    res = _invoke("join", x, big.id, "--db", db)
    assert res.exit_code == 0 and f"now in story {big.id} ({len(big.articles)} articles)" in res.output
    assert res.output.count("withdrawn #") == len(big.articles) - 1
    number = re.search(r"recorded #(\d+)", res.output).group(1)
    res = _invoke("corrections", "--db", db, "--withdraw", number)
    assert res.exit_code == 0 and f"withdrawn #{number}" in res.output
    assert "no corrections" in _invoke("corrections", "--db", db).output
    res = _invoke("corrections", "--db", db, "--withdraw", number)
    assert res.exit_code == 2 and f"no correction #{number}" in res.output
    res = _invoke("join", "no-such", x, "--db", db)
    assert res.exit_code == 2 and "no article or story 'no-such'" in res.output


def test_deferred_corrections_wait_for_apply(tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    assert _invoke("run", str(SAMPLE), "--db", db, "-q").exit_code == 0
    from khabar.store import Store

    def story_of(article: str) -> list[str]:
        store = Store(db)
        try:
            return store.story(store.article(article).story).articles
        finally:
            store.close()

    store = Store(db)
    big = max(store.stories(), key=lambda s: len(s.articles))
    store.close()
    a, b = big.articles[0], big.articles[1]
    for x in (a, b):
        res = _invoke("detach", x, "--db", db, "--defer")
        assert res.exit_code == 0 and "deferred" in res.output
    assert story_of(a) == big.articles  # recorded, not yet obeyed
    res = _invoke("corrections", "--db", db, "--apply")
    assert res.exit_code == 0 and "stories" in res.output
    assert story_of(a) == [a] and story_of(b) == [b]


def test_threads_lists_each_thread_with_its_newest_story(sample_db, tmp_path) -> None:
    out = tmp_path / "all.jsonl"
    assert _invoke("export", "--db", sample_db, "--out", str(out)).exit_code == 0
    stories = [r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines()) if r["type"] == "story"]
    threads: dict[str, list[dict]] = {}
    for s in stories:
        if s["thread"]:
            threads[s["thread"]["id"]] = s["thread"]["timeline"]
    assert threads  # the sample's commission meetings continue one another
    res = _invoke("threads", "--db", sample_db)
    assert res.exit_code == 0, res.output
    for tid, timeline in threads.items():
        line = next(x for x in res.output.splitlines() if x.startswith(tid))
        newest = timeline[-1]
        assert newest["id"] in line and timeline[0]["date"] in line and newest["date"] in line
        assert f" {len(timeline)} " in line
    tid, timeline = next(iter(threads.items()))  # a thread's id shows its newest story, timeline and all
    shown = _invoke("show", tid, "--db", sample_db)
    assert shown.exit_code == 0 and f"story {timeline[-1]['id']}" in shown.output and "Thread" in shown.output
    assert _invoke("show", "t00000000", "--db", sample_db).exit_code == 2
    res = _invoke("threads", "--db", str(tmp_path / "empty.db"))
    assert res.exit_code == 0 and "no threads" in res.output


def test_show_gives_an_untitled_article_its_opening_words(tmp_path: Path, untitled_report: tuple[Path, str]) -> None:
    report, opening = untitled_report
    db = str(tmp_path / "u.db")
    assert _invoke("run", str(report), "--db", db, "--quiet").exit_code == 0
    records = [json.loads(x) for x in _invoke("export", "--db", db).output.splitlines()]
    article = next(r for r in records if r["type"] == "article")
    assert not article["title"]
    story = next(r for r in records if r["type"] == "story")
    out = _invoke("show", story["id"], "--db", db).output
    line = next(x for x in out.splitlines() if x.strip().startswith("[1] storm"))
    shown = line.split("(untitled) ", 1)[1].rstrip("…")
    assert len(shown) > 20 and opening.startswith(shown)


def test_a_run_of_daily_dumps_without_split_suggests_it(tmp_path: Path, corpus: Path) -> None:
    from khabar.stages.split import looks_like_dump

    dumps = [p for p in sorted((corpus / "hindi-news-2020").glob("*/*.txt"))
             if looks_like_dump(p.read_text(encoding="utf-8"))][:6]
    assert len(dumps) == 6
    res = _invoke("run", *map(str, dumps), "--db", str(tmp_path / "a.db"), "--quiet")
    assert res.exit_code == 0 and "hint: 6 of the first 6 text files" in res.output and "--split" in res.output
    res = _invoke("run", *map(str, dumps), "--db", str(tmp_path / "b.db"), "--quiet", "--split")
    assert res.exit_code == 0 and "hint:" not in res.output
    res = _invoke("run", str(SAMPLE), "--db", str(tmp_path / "c.db"), "--quiet")
    assert res.exit_code == 0 and "hint:" not in res.output


def test_a_few_long_texts_among_many_articles_give_no_hint(tmp_path: Path, corpus: Path) -> None:
    from khabar.stages.split import looks_like_dump

    dumps = [p for p in sorted((corpus / "hindi-news-2020").glob("*/*.txt"))
             if looks_like_dump(p.read_text(encoding="utf-8"))][:5]
    for n, line in enumerate((corpus / "ecbplus" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:30]):
        (tmp_path / f"ecb{n:02d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    res = _invoke("run", *map(str, dumps), str(tmp_path), "--db", str(tmp_path / "d.db"), "--quiet")
    assert res.exit_code == 0 and "hint:" not in res.output  # 5 of 35: under a fifth
