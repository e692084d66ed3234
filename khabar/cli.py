"""The command line: thin typer commands over khabar.service."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from khabar import service
from khabar.errors import KhabarError
from khabar.model import Rejection, loosely_joined
from khabar.serve_cmd import serve
from khabar.settings import Settings, cluster_threshold
from khabar.text import shown_title

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="khabar: turn a pile of Hindi and English news reports into events.",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOpt = Annotated[
    Optional[str],
    typer.Option("--db", help="Store: a SQLite file path or a URL (default: $KHABAR_DB or ./khabar.db)."),
]


def _threshold(value: Optional[float]) -> Optional[float]:
    try:
        return cluster_threshold(value, "the threshold")
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


ThresholdOpt = Annotated[
    Optional[float],
    typer.Option("--threshold", callback=_threshold,
                 help="How alike reports must be to make one story, above 0 and at most 1 (default: "
                      "$KHABAR_CLUSTER_THRESHOLD or the tuned 0.14); higher gives purer stories that fewer "
                      "reports join."),
]


def _settings(threshold: Optional[float]) -> Settings:
    settings = Settings()
    if threshold is not None:
        settings.cluster_threshold = threshold
    return settings


def _sample_dir() -> Path:
    return Path(__file__).resolve().parent / "sample" / "articles"


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles (.txt, .html, .json, .jsonl, .csv, .tsv; also gzipped, .gz).")],
    db: DbOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the closing line.")] = False,
    split: Annotated[bool, typer.Option("--split", help="Cut texts that hold several articles (daily dumps) into articles: ids <id>-<n>.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print the seconds and peak memory of each phase (to standard error).")] = False,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Show what the run is doing and how far it is, on standard error (default: when that is a terminal and without --quiet).")] = None,
    threshold: ThresholdOpt = None,
) -> None:
    """Ingest files and folders, find events, and print the stories found."""
    if verbose:
        import logging

        logger = logging.getLogger("khabar")
        if not any(isinstance(h, logging.StreamHandler) and h.stream is sys.stderr for h in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)  # once per stream, however often run is called
            handler.setFormatter(logging.Formatter("%(message)s"))
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    store = service.open_store(db)

    def on_reject(r: Rejection) -> None:
        err.print(f"rejected: {r.origin}: {r.reason}", markup=False)

    show = progress if progress is not None else (err.is_terminal and not quiet)
    with _ProgressView(err) if show else contextlib.nullcontext() as view:
        report = service.run([str(p) for p in paths], store, _settings(threshold), on_reject=on_reject, split=split,
                             progress=view)
    if not quiet:
        _print_stories(service.story_rows(store, RUN_LISTING), len(report.stories))
    for hint in report.hints:
        err.print(f"hint: {hint}", markup=False)
    out.print(
        f"{report.new} new articles processed, {report.already_stored} already stored, "
        f"{report.copies} duplicate copies, {len(report.rejected)} rejected; "
        f"{report.articles} articles in {len(report.stories)} stories ({report.seconds:.1f}s)",
        markup=False,
    )
    store.close()
    if not report.ok:
        raise typer.Exit(code=1)


class _ProgressView:
    """`khabar run`'s progress on a console: a line per stage the run reports (a bar with
    done/total when it knows the total), redrawn as it is told, at most ten times a second.
    It never draws from a thread of its own: the run forks worker processes, and a thread
    writing to the terminal at that moment would leave a locked stream in the workers."""

    def __init__(self, console: Console) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("{task.description:<20}"), BarColumn(), TextColumn("{task.fields[count]}"),
                            TimeElapsedColumn(), console=console, auto_refresh=False)
        self.task: int | None = None
        self.stage: str | None = None
        self.drawn = 0.0

    def __enter__(self) -> _ProgressView:
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self._finish()
        self.bar.refresh()
        self.bar.stop()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        new = stage != self.stage
        if new:
            self._finish()
            self.task, self.stage = self.bar.add_task(stage, total=total, count=""), stage
        self.bar.update(self.task, completed=done, total=total,
                        count=f"{done:,} / {total:,}" if total is not None else "")
        now = time.monotonic()
        if new or now - self.drawn >= 0.1 or (total is not None and done >= total):
            self.bar.refresh()
            self.drawn = now

    def _finish(self) -> None:
        """The stage before shown as done (a stage without a total as one step)."""
        if self.task is not None:
            task = self.bar.tasks[self.task]
            total = task.total if task.total is not None else 1
            self.bar.update(self.task, total=total, completed=total)


@app.command()
def sample(db: DbOpt = None) -> None:
    """Run khabar on the bundled sample corpus (invented news) and print its stories."""
    run([_sample_dir()], db=db, quiet=False, split=False, verbose=False, threshold=None)


# `khabar run` lists the newest this many stories (a run of 10,000 articles makes thousands;
# `khabar stories` lists them all)
RUN_LISTING = 50


@app.command()
def stories(
    db: DbOpt = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="Only the newest N stories.")] = None,
    loose: Annotated[bool, typer.Option("--loose", help="Only the loosely joined stories (to check them).")] = False,
) -> None:
    """One line per story, newest event first: id, date, number of articles and of outlets, headline."""
    store = service.open_store(db)
    _print_stories(service.story_rows(store, limit, loose=loose))
    store.close()


@app.command()
def threads(
    db: DbOpt = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="Only the N threads with the newest stories.")] = None,
) -> None:
    """One line per thread (stories that continue one another: a series of counts, a
    commission's sessions), newest first: id, first and last date, stories, newest headline."""
    store = service.open_store(db)
    rows = service.thread_rows(store, limit)
    store.close()
    if not rows:
        out.print("no threads: no two stories on different dates continue one another", markup=False)
        return
    table = Table(show_lines=False, box=None, pad_edge=False)
    for col in ("thread", "from", "to", "stories", "newest story", "headline"):
        table.add_column(col, no_wrap=col != "headline")
    for r in rows:
        table.add_row(r.id, r.first or "-", r.last or "-", str(r.stories), r.newest, r.headline)
    out.print(table)
    out.print("`khabar show <thread>` prints a thread's newest story and its timeline", markup=False)


def _print_stories(rows, total: int | None = None) -> None:
    """The stories as a table, and how many more there are of `total` (when given)."""
    table = Table(show_lines=False, box=None, pad_edge=False)
    for col in ("story", "date", "articles", "outlets", "headline"):
        table.add_column(col, no_wrap=col != "headline")
    loose = 0
    for story_id, date, headline, n_articles, n_outlets, cohesion in rows:
        mark = loosely_joined(cohesion)
        loose += mark
        table.add_row(story_id, date or "-", str(n_articles), str(n_outlets), ("~ " if mark else "") + (headline or ""))
    out.print(table)
    if loose:
        out.print(f"~ loosely joined ({loose}): a report's title and lead share nothing that matters with the "
                  "others'; `khabar show` the story before relying on it (`khabar detach` takes out a report "
                  "that does not belong)", markup=False)
    if total is not None and total > len(rows):
        out.print(f"… and {total - len(rows):,} more stories, older: `khabar stories` lists them all", markup=False)


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="Story id (a unique prefix is enough), or a thread id (its newest story).")],
    db: DbOpt = None,
) -> None:
    """A story: headline, date, summary with citations, entities with spellings, articles, duplicates."""
    store = service.open_store(db)
    try:
        st, arts = service.get_story(store, story)
        thread_stories = store.thread_stories(st.thread) if st.thread else []
        corrected = service.story_corrections(store, st)
    except KhabarError as e:
        err.print(f"error: {e}", markup=False)
        raise typer.Exit(code=2) from None
    finally:
        store.close()
    cite = {a.id: n for n, a in enumerate(arts, 1)}
    out.print(f"[bold]{st.headline}[/bold]")
    out.print(f"story {st.id} · event date {st.date or 'unknown'}"
              f"{' (' + st.date_precision + ')' if st.date_precision else ''} · "
              f"{len(arts)} articles · {len({a.source or a.id for a in arts})} outlets", markup=False)
    if st.thread:
        out.print("\n[bold]Thread[/bold] (stories that continue one another)")
        timeline = service.thread_timelines(thread_stories)[st.thread]
        for item in timeline:
            mark = "→" if item["id"] == st.id else " "
            out.print(f" {mark} {item['date'] or '-':10} {item['id']}  {item['headline']}", markup=False)
    if st.merged_from:
        out.print(f"merged from earlier stories: {', '.join(st.merged_from)}", markup=False)
    for c in corrected:
        out.print(f"corrected by hand (#{c.id}, {c.made or 'undated'}): {c.article} {c.kind} {c.other}", markup=False)
    if st.loose:
        out.print(f"loosely joined (cohesion {st.cohesion:.2f}): a report's title and lead share nothing that "
                  "matters with any other report's; this story may join two happenings (`khabar detach ARTICLE` "
                  "takes out a report that does not belong, for good)", markup=False)
    if st.five_w:
        out.print("\n[bold]5W1H[/bold]")
        for key in ("who", "what", "when", "where", "why", "how"):
            if key in st.five_w:
                ans = st.five_w[key]
                marks = "".join(sorted({f"[{cite[c.article]}]" for c in ans.citations if c.article in cite}))
                out.print(f"  {key:5} {ans.text} {marks}", markup=False)
    out.print("\n[bold]Summary[/bold]")
    for s in st.summary:
        marks = "".join(f"[{cite[x]}]" for x in s.sources if x in cite)
        out.print(f"• {s.text} {marks}", markup=False)
    if st.conflicts:
        out.print("\n[bold]Where sources differ[/bold]")
        for f in st.conflicts:
            what = "inconsistent inside one article" if f.kind == "inconsistent" else "in conflict"
            out.print(f"  {f.label} — {what}:", markup=False)
            for v in f.values:
                marks = "".join(sorted({f"[{cite[c.article]}]" for c in v.citations if c.article in cite}))
                out.print(f"    {v.display} {marks}", markup=False)
    agreed = [f for f in st.agreement if f.kind == "agreed"]
    if agreed:
        out.print("\n[bold]What sources agree on[/bold]")
        for f in agreed:
            v = f.values[0]
            marks = "".join(sorted({f"[{cite[c.article]}]" for c in v.citations if c.article in cite}))
            out.print(f"  {f.label} ({f.outlets} of {f.of} outlets) {marks}", markup=False)
    if st.quotes:
        out.print("\n[bold]Who said what[/bold]")
        for q in st.quotes:
            who = q.speaker or "unattributed"
            body = f"“{q.text}”" if q.kind == "direct" else q.text
            outlet = next((a.source for a in arts if a.id == q.article and a.source), None)
            where = f"[{cite.get(q.article or '', '?')}{' ' + outlet if outlet else ''}]"
            out.print(f"  {who}: {body} {where}", markup=False)
    if st.whats_new:
        out.print("\n[bold]What's new[/bold] (what later articles added)")
        for u in st.whats_new:
            out.print(f"  [{cite.get(u.article, '?')}] {u.published or 'undated'}", markup=False)
            for c in u.sentences:
                out.print(f"    + {c.text}", markup=False)
    out.print("\n[bold]Entities[/bold]")
    for e in sorted(st.entities, key=lambda e: (-len(e.articles), -sum(e.variants.values()), e.name)):
        variants = ", ".join(f"{v} ×{c}" for v, c in sorted(e.variants.items(), key=lambda kv: -kv[1]))
        roman = f" / {e.romanized}" if e.romanized and e.romanized != e.name else ""
        out.print(f"  {e.label:4} {e.name}{roman}  ({variants}; {len(e.articles)} articles)", markup=False)
    out.print("\n[bold]Articles[/bold]")
    for a in arts:
        dup = f"  copy ({a.duplicate_kind}) of [{cite.get(a.duplicate_of, '?')}]" if a.duplicate_of else ""
        aspect = f" · {a.aspect}" if a.aspect else ""
        out.print(f"  [{cite[a.id]}] {a.id} · {a.source or 'unknown outlet'} · {a.published or 'undated'} · "
                  f"{a.language}{aspect} · {shown_title(a.title, a.text)}{dup}", markup=False)


def _corrected(report: service.CorrectionReport, what: str) -> None:
    """The closing lines of a correction: what was recorded and withdrawn, and where the
    article is now."""
    for c in report.made:
        out.print(f"recorded #{c.id}: {c.article} {c.kind} {c.other}", markup=False)
    for c in report.withdrawn:
        out.print(f"withdrawn #{c.id}: {c.article} {c.kind} {c.other}", markup=False)
    if report.run is None:
        out.print("deferred: the next `khabar run`, or `khabar corrections --apply`, groups the corpus with it",
                  markup=False)
        return
    st = report.story
    if st is not None:
        out.print(f"{what} is now in story {st.id} ({len(st.articles)} article{'s' * (len(st.articles) != 1)}): "
                  f"{st.headline}", markup=False)
    _grouped(report.run)


def _grouped(run: service.RunReport) -> None:
    out.print(f"{run.articles} articles in {len(run.stories)} stories ({run.seconds:.1f}s)", markup=False)


def _correcting(db: Optional[str], threshold: Optional[float], act) -> None:
    """Open the store, make a correction with `act(store, settings)`, report it; a bad id or
    a correction that changes nothing is one line on standard error and exit code 2."""
    store = service.open_store(db)
    try:
        act(store, _settings(threshold) if threshold is not None else None)
    except KhabarError as e:
        err.print(f"error: {e}", markup=False)
        raise typer.Exit(code=2) from None
    finally:
        store.close()


_DEFER = Annotated[
    bool,
    typer.Option("--defer", help="Only record it; the next `khabar run`, or `khabar corrections --apply`, groups "
                                 "the corpus with it (to make several corrections on a large store at once)."),
]

_CORRECTION_THRESHOLD = Annotated[
    Optional[float],
    typer.Option("--threshold", callback=_threshold,
                 help="Group again at this threshold (default: the one the last run used)."),
]


@app.command()
def detach(
    articles: Annotated[list[str], typer.Argument(help="The ids of the articles to take out of their story (one story).")],
    db: DbOpt = None,
    threshold: _CORRECTION_THRESHOLD = None,
    defer: _DEFER = False,
) -> None:
    """Take articles out of their story for good, as one story of their own (every later run obeys; see khabar corrections)."""
    _correcting(db, threshold, lambda store, settings: _corrected(
        service.detach(store, articles, settings, regroup=not defer), articles[0]))


@app.command()
def join(
    item: Annotated[str, typer.Argument(help="An article id, or a story id (a unique prefix is enough).")],
    other: Annotated[str, typer.Argument(help="Another article or story.")],
    db: DbOpt = None,
    threshold: _CORRECTION_THRESHOLD = None,
    defer: _DEFER = False,
) -> None:
    """Make one story of two for good (every later run obeys; see khabar corrections)."""
    _correcting(db, threshold, lambda store, settings: _corrected(
        service.join(store, item, other, settings, regroup=not defer), item))


@app.command()
def corrections(
    db: DbOpt = None,
    withdraw: Annotated[Optional[int], typer.Option("--withdraw", help="Take back the correction of this number and group again.")] = None,
    apply: Annotated[bool, typer.Option("--apply", help="Group the corpus again now, obeying every correction (after --defer).")] = False,
    threshold: _CORRECTION_THRESHOLD = None,
    defer: _DEFER = False,
) -> None:
    """The corrections made with detach and join, oldest first; --withdraw N takes one back, --apply applies deferred ones."""
    if withdraw is not None:
        def act(store, settings) -> None:
            report = service.withdraw(store, withdraw, settings, regroup=not defer)
            _corrected(report, report.withdrawn[0].article)

        _correcting(db, threshold, act)
        return
    if apply:
        _correcting(db, threshold, lambda store, settings: _grouped(service.apply_corrections(store, settings)))
        return
    store = service.open_store(db)
    try:
        rows = service.corrections(store)
    finally:
        store.close()
    if not rows:
        out.print("no corrections: every story is as khabar grouped it", markup=False)
        return
    table = Table(box=None, pad_edge=False)
    for col in ("#", "kind", "article", "other", "made"):
        table.add_column(col, no_wrap=True)
    for c in rows:
        table.add_row(str(c.id), c.kind, c.article, c.other, c.made or "-")
    out.print(table)


@app.command()
def export(
    db: DbOpt = None,
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Write here instead of standard output.")] = None,
) -> None:
    """Everything as JSON Lines: one object per article and per story."""
    store = service.open_store(db)
    fh = open(out_file, "w", encoding="utf-8") if out_file else sys.stdout
    try:
        for rec in service.export_records(store):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    finally:
        if out_file:
            fh.close()
        store.close()


@app.command("eval")
def eval_cmd(
    articles: Annotated[list[Path], typer.Option("--articles", help="Articles (a JSONL file or a folder).")],
    gold: Annotated[Path, typer.Option("--gold", help="Gold TSV: header 'id<TAB>event', one row per article.")],
    split: Annotated[bool, typer.Option("--split", help="Cut texts that hold several articles into articles first (as run --split).")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="Also list each gold event split over stories and each story mixing gold events, with titles.")] = False,
    threshold: ThresholdOpt = None,
) -> None:
    """Cluster articles (without touching the store) and print B³ and pairwise P/R/F1 against gold."""
    res = service.evaluate_files([str(a) for a in articles], gold, _settings(threshold), split=split)
    for r in res.rejected:
        err.print(f"rejected: {r.origin}: {r.reason}", markup=False)
    table = Table(box=None)
    for col in ("metric", "precision", "recall", "f1"):
        table.add_column(col)
    for name in ("b_cubed", "pairwise"):
        s = res.scores[name]
        table.add_row(name, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}")
    out.print(table)
    out.print(f"{res.n_articles} articles, {res.n_stories} stories, {res.scores.get('gold_events', '?')} gold events, "
              f"{res.seconds:.1f}s ({res.n_articles / max(res.seconds, 1e-9):.0f} articles/s)", markup=False)
    if errors:
        _print_errors(res)


def _print_errors(res) -> None:
    """The gold events the stories split and the stories that mix gold events."""
    from khabar.evaluate import cluster_errors

    split, merged = cluster_errors(res.pred, res.gold)

    def line(article_id: str, label: str) -> str:
        return f"    {label:<12} {article_id}  {res.titles.get(article_id, '')[:70]}"

    for heading, groups in ((f"split: {len(split)} gold events over more than one story (story, article, title)",
                             split),
                            (f"merged: {len(merged)} stories holding more than one gold event "
                             f"(gold event, article, title)", merged)):
        out.print(f"\n{heading}", markup=False)
        for name, parts in groups.items():
            out.print(f"  {name}", markup=False)
            for label, ids in parts.items():
                for i in ids:
                    out.print(line(i, label), markup=False)


@app.command("train-ner")
def train_ner(
    train: Annotated[Optional[Path], typer.Option(help="CoNLL training file (default: ../shared IL-NER train).")] = None,
    dev: Annotated[Optional[Path], typer.Option(help="CoNLL dev file (default: IL-NER dev).")] = None,
    test: Annotated[Optional[Path], typer.Option(help="CoNLL test file to score on (default: test.txt beside dev).")] = None,
    model: Annotated[Optional[Path], typer.Option(help="Where to write the model (default: the packaged one).")] = None,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same data: byte-identical model).")] = 0,
) -> None:
    """Train the Hindi NER model (CRF) and print entity-level scores on dev and test (the packaged
    model: its word classes are rebuilt first from hindi-news-2020)."""
    from khabar.ner import train as tr

    kwargs = {k: v for k, v in dict(train_path=train, dev_path=dev, model_path=model, test_path=test).items() if v}
    if train or dev or model:
        kwargs["lang_dir"] = None  # only the packaged model rewrites the packaged word lists
    else:  # the packaged model: first its word classes, from the unlabelled news text (seeded)
        import importlib.util

        if importlib.util.find_spec("sklearn") is None:  # k-means for the word classes: the train extra
            raise typer.BadParameter("rebuilding the word classes needs scikit-learn, the 'train' extra: "
                                     "pip install 'khabar[train]'")
        from khabar.ner import build_clusters

        built = build_clusters.build()
        out.print(f"word classes: {built['words']} words from {built['sentences']} sentences -> {built['out']}",
                  markup=False)
    scores = tr.train(seed=seed, **kwargs)
    for split, sc in scores.items():
        for part in ("all", "unseen"):
            labels = "  ".join(f"{lab} {sc[part][lab]['f1']:.3f}" for lab in ("PER", "LOC", "ORG") if lab in sc[part])
            micro = sc[part].get("micro_PER_LOC_ORG", {})
            out.print(f"{split:4} {part:6} {labels}  micro P/R/F1 {micro.get('p', 0):.3f}/"
                      f"{micro.get('r', 0):.3f}/{micro.get('f1', 0):.3f}", markup=False)


@app.command()
def tag(
    in_file: Annotated[Optional[Path], typer.Option("--in", help="CoNLL input: a token per line (first column), blank line between sentences. Default: standard input.")] = None,
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Write here instead of standard output.")] = None,
    text: Annotated[Optional[str], typer.Option("--text", help="Plain text instead: print its entities with offsets as JSON Lines.")] = None,
) -> None:
    """Tag Hindi tokens with the NER model (token<TAB>BIO tag), or find entities in plain text."""
    from khabar.ner.tag import tag_tokens

    fh = open(out_file, "w", encoding="utf-8") if out_file else sys.stdout
    try:
        if text is not None:
            from khabar.stages.entities import find_mentions
            from khabar.stages.language import detect_language
            from khabar.stages.sentences import split_sentences

            lang = detect_language(text).language
            for m in find_mentions(text, lang, split_sentences(text, lang)):
                fh.write(json.dumps({"text": m.text, "start": m.start, "end": m.end, "label": m.label},
                                    ensure_ascii=False) + "\n")
            return
        src = open(in_file, encoding="utf-8") if in_file else sys.stdin
        with src:
            sentence: list[str] = []
            for line in [*src, ""]:
                token = line.rstrip("\n").split("\t")[0].strip() if line.strip() else ""
                if token:
                    sentence.append(token)
                    continue
                if sentence:
                    for tok, tg in zip(sentence, tag_tokens(sentence)):
                        fh.write(f"{tok}\t{tg}\n")
                    fh.write("\n")
                    sentence = []
    finally:
        if out_file:
            fh.close()


app.command()(serve)


def main() -> None:
    """Entry point of the `khabar` command."""
    try:  # a bad setting in the environment stops every command with its reason, not a traceback
        cluster_threshold(os.environ.get("KHABAR_CLUSTER_THRESHOLD"))
    except ValueError as e:
        err.print(f"error: {e}", markup=False)
        raise SystemExit(2) from None
    app()
