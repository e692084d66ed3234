"""What a run tells its `progress` callback, and `khabar run --progress` drawing it."""
from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from khabar import service
from khabar.cli import app
from khabar.pipeline import STAGE_ANALYSE, STAGE_CLUSTER, STAGE_DEDUP, STAGE_PREPARE, STAGE_STORIES, STAGE_THREADS
from khabar.store import Store

SAMPLE = Path(__file__).resolve().parent.parent / "khabar" / "sample" / "articles"


def test_a_run_reports_every_stage_in_order_with_counts_that_reach_their_totals(tmp_path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    store = Store(str(tmp_path / "p.db"))
    report = service.run([SAMPLE], store, progress=lambda *call: calls.append(call))
    stages = list(dict.fromkeys(stage for stage, _done, _total in calls))
    assert stages == [service.STAGE_STORE, STAGE_PREPARE, STAGE_ANALYSE, STAGE_DEDUP, STAGE_CLUSTER,
                      STAGE_STORIES, STAGE_THREADS, service.STAGE_WRITE]
    for stage in (STAGE_PREPARE, STAGE_ANALYSE, STAGE_STORIES):
        counts = [(done, total) for s, done, total in calls if s == stage]
        assert [d for d, _t in counts] == sorted(d for d, _t in counts)  # never backwards
        assert counts[-1][0] == counts[-1][1], stage  # ends done
    assert [t for s, _d, t in calls if s == STAGE_ANALYSE][-1] == report.articles
    assert [t for s, _d, t in calls if s == STAGE_STORIES][-1] == len(report.stories)
    # a run adding nothing builds no story again, and says so
    calls.clear()
    service.run([SAMPLE], store, progress=lambda *call: calls.append(call))
    assert [(d, t) for s, d, t in calls if s == STAGE_STORIES] == [(0, 0)]
    store.close()


def test_run_draws_progress_only_when_asked_or_on_a_terminal(tmp_path) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["run", str(SAMPLE), "--db", str(tmp_path / "a.db"), "-q", "--progress"],
                          catch_exceptions=False)
    assert shown.exit_code == 0
    (line,) = [x for x in shown.stderr.splitlines() if x.startswith(STAGE_ANALYSE)]
    done = re.search(r"(\d+) / (\d+)", line)
    articles = re.search(r"(\d+) articles in", shown.stdout)[1]  # the closing line's count
    assert done and done[1] == done[2] == articles
    assert "writing the store" in shown.stderr
    quiet = runner.invoke(app, ["run", str(SAMPLE), "--db", str(tmp_path / "b.db"), "-q"], catch_exceptions=False)
    assert quiet.exit_code == 0 and STAGE_ANALYSE not in quiet.stderr  # not a terminal: nothing drawn
