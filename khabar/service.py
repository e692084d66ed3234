"""The service layer: what every front end (CLI, REST, web) calls.

It joins the reader (ingest), the pipeline and the store; it holds no SQL and prints
nothing.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from khabar.errors import ArticleNotFound, CorrectionNotFound, NothingToCorrect, StoryNotFound
from khabar.evaluate import evaluate
from khabar.ingest import read_inputs
from khabar.model import APART, LOOSE_COHESION, TOGETHER, Article, Correction, RawDoc, Rejection, Story
from khabar.serialize import article_to_dict, story_to_dict
from khabar.settings import Settings
from khabar.store import Store


@dataclass
class RunReport:
    """What one run did: counts, the rejected inputs with reasons, and the stories."""

    new: int = 0
    already_stored: int = 0
    copies: int = 0  # articles found to be exact or near copies of another
    rejected: list[Rejection] = field(default_factory=list)
    articles: int = 0
    stories: list[Story] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    hints: list[str] = field(default_factory=list)  # advice on the inputs, one line each

    @property
    def ok(self) -> bool:
        """True if anything could be processed (new or already stored)."""
        return self.new + self.already_stored > 0


# what `progress` is told besides the pipeline's stages (`khabar.pipeline.STAGE_*`)
STAGE_STORE, STAGE_WRITE = "storing inputs", "writing the store"


def open_store(target: str | None = None) -> Store:
    """The store named by a URL/path, or the default from settings (KHABAR_DB, ./khabar.db)."""
    return Store(target or Settings().db)


def run(
    paths: list[str | Path],
    store: Store,
    settings: Settings | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    split: bool = False,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> RunReport:
    """Ingest files/folders into the store, process the whole corpus, and save its stories.

    With `split`, texts holding several articles (daily dumps) are cut into articles.
    `progress` is told what the run is doing and how far it is (`khabar.pipeline.Progress`).
    """
    if split:
        return process_docs(read_inputs(paths, settings, split=True), store, settings, on_reject=on_reject,
                            progress=progress)
    dumps = _DumpWatch()
    report = process_docs(dumps.watch(read_inputs(paths, settings)), store, settings, on_reject=on_reject,
                          progress=progress)
    if dumps.likely():
        report.hints.append(f"{dumps.hits} of the first {dumps.seen} text files look like several articles each "
                            "(daily dumps?): run again with --split to cut them into articles")
    return report


class _DumpWatch:
    """Looks at the first SAMPLE plain-text inputs of a run without --split: when a fifth
    of them (and at least MIN_HITS) look like several articles (`split.looks_like_dump`),
    the run suggests --split. A corpus of dumps read whole makes each file one "article"
    that joins every story its pieces belong to."""

    SAMPLE, MIN_HITS, SHARE = 50, 5, 0.2

    def __init__(self) -> None:
        self.seen = self.hits = 0

    def watch(self, items: Iterable[RawDoc | Rejection]) -> Iterator[RawDoc | Rejection]:
        from khabar.stages.split import looks_like_dump

        for item in items:
            if isinstance(item, RawDoc) and item.kind == "txt" and self.seen < self.SAMPLE:
                self.seen += 1
                self.hits += looks_like_dump(item.raw)
            yield item

    def likely(self) -> bool:
        return self.hits >= self.MIN_HITS and self.hits >= self.SHARE * self.seen


def ingest_records(records: list[RawDoc], store: Store, settings: Settings | None = None) -> RunReport:
    """Process raw documents that did not come from files (e.g. the REST API)."""
    return process_docs(iter(records), store, settings)


class _Intake:
    """The new raw documents of a stream of inputs, passed on as it is read: an input whose
    content is stored already is counted, one whose id is taken gets its hash added to
    it, and rejections are recorded (and shown to `on_reject`)."""

    def __init__(self, store: Store, on_reject: Callable[[Rejection], None] | None) -> None:
        self.known_hashes = store.known_hashes()
        self.taken_ids = store.known_ids()
        self.on_reject = on_reject
        self.rejected: list[Rejection] = []
        self.already = 0
        self.new_hashes: set[str] = set()
        self.new_origins: set[str] = set()

    def new_docs(self, items: Iterable[RawDoc | Rejection]) -> Iterator[RawDoc]:
        for item in items:
            if isinstance(item, Rejection):
                self.rejected.append(item)
                if self.on_reject:
                    self.on_reject(item)
                continue
            if item.content_hash in self.known_hashes:
                self.already += 1
                continue
            if item.id in self.taken_ids:
                item.id = f"{item.id}~{item.content_hash[:8]}"
            self.known_hashes.add(item.content_hash)
            self.taken_ids.add(item.id)
            self.new_hashes.add(item.content_hash)
            self.new_origins.add(item.origin)
            yield item


def process_docs(
    items: Iterable[RawDoc | Rejection],
    store: Store,
    settings: Settings | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> RunReport:
    """Keep the new raw documents among `items` verbatim (stored as they are read, never all
    held at once; rejections among them are recorded), analyse the new ones (and any whose
    analysis went stale), re-derive every story, and replace articles and stories atomically."""
    from khabar.linkage import fingerprint as linkage_fingerprint  # the stages' libraries
    from khabar.pipeline import (PREPARED_VERSION, PhaseClock, PrepKeeper, SignalKeeper,  # load only to process
                                 analyze_docs, build_stories, no_progress)

    settings = settings or Settings()
    progress = progress or no_progress
    t0 = time.perf_counter()
    phase = PhaseClock()
    progress(STAGE_STORE, 0, None)
    intake = _Intake(store, on_reject)
    run_id = store.start_run()
    store.add_raw(intake.new_docs(items))  # raw input is kept first, whatever happens next
    already, new_hashes, origins_new = intake.already, intake.new_hashes, intake.new_origins
    report = RunReport(already_stored=already, rejected=list(intake.rejected))
    del intake
    stored = store.packed_articles()
    stored_digests = stored.digests()  # rows that come back byte for byte alike are not rewritten
    phase("inputs stored, store read")
    previous = {h.content_hash: h.story for h in stored.headers() if h.story}
    # what the corpus stages read of each article is kept in the store beside its analysis:
    # a run that reuses an analysis reads it back instead of reading the article again
    kept = SignalKeeper(store.signals_for, store.put_signals)
    # and what preparing each raw input gave is kept beside it: an input whose analysis
    # stands is neither read nor prepared (extracted, normalised) again
    prep = PrepKeeper(lambda hashes: store.prepared_for(hashes, PREPARED_VERSION),
                      lambda rows: store.put_prepared(rows, PREPARED_VERSION), store.raw_contents)
    analysed = {h.content_hash for h in stored.headers()}
    without_raw = store.prepared_hashes(PREPARED_VERSION) & analysed
    del analysed
    # what finding copies and linking made last time is kept too: a run whose articles all
    # come back as they were (a correction, the same inputs again) reads it instead
    kept_fingerprint = store.linkage_fingerprint()
    fingerprints: list[str] = []  # this run's, worked out once its articles are all known

    def need_signals(headers: list) -> bool:
        fingerprints.append(linkage_fingerprint(headers, settings.cluster_threshold))
        return fingerprints[-1] != kept_fingerprint

    analysis = analyze_docs(store.iter_raw_docs(without_raw), cached=stored, packed=True,
                            count=store.counts()["raw"], kept=kept, prep=prep, progress=progress,
                            need_signals=need_signals)
    del stored, without_raw  # what is still needed of it is in the analysis
    phase(f"per-article phase (inputs: {prep.read} held, {prep.made} prepared; "
          f"signals: {kept.read} read, {kept.made} made)")
    for r in analysis.rejections:
        if r.origin in origins_new:
            report.rejected.append(r)
            if on_reject:
                on_reject(r)
    # stories of the last run can be kept only if it made summaries of the same length
    same_settings = store.last_run_counts().get("summary_size") == settings.summary_size
    earlier = store.packed_stories() if analysis.reused and same_settings else None
    earlier_digests = earlier.digests() if earlier is not None else {}
    phase("store: read stories")
    fingerprint = (fingerprints[-1] if fingerprints
                   else linkage_fingerprint(analysis.articles.headers(), settings.cluster_threshold))
    stories = build_stories(analysis.articles, previous, settings, earlier=earlier, reused=analysis.reused,
                            signals=analysis.signals, progress=progress, corrections=store.corrections(),
                            linkage=store.linkage(fingerprint) if fingerprint == kept_fingerprint else None,
                            keep_linkage=lambda data: store.put_linkage(fingerprint, data))
    phase("corpus + per-story phases")
    progress(STAGE_WRITE, 0, None)
    # a run that adds a few articles keeps most articles and stories exactly as stored:
    # only the others are written (writing all was a fifth of such a run at 10k articles)
    store.replace_results(
        analysis.articles, stories,
        unchanged_articles={i for i, d in analysis.articles.digests().items() if stored_digests.get(i) == d},
        unchanged_stories={i for i, d in stories.digests().items() if earlier_digests.get(i) == d})
    del stored_digests, earlier_digests
    phase("store: write")
    store.add_rejections(run_id, report.rejected)
    analysed_new = [h for h in analysis.articles.headers() if h.content_hash in new_hashes]
    report.new = len(analysed_new)
    report.new_ids = [h.id for h in analysed_new]
    report.copies = sum(1 for h in analysis.articles.headers() if h.duplicate_of)
    report.articles = len(analysis.articles)
    report.stories = stories
    report.seconds = time.perf_counter() - t0
    store.finish_run(run_id, dict(new=report.new, already=already, rejected=len(report.rejected),
                                  articles=report.articles, stories=len(stories),
                                  summary_size=settings.summary_size,
                                  cluster_threshold=settings.cluster_threshold))
    return report


@dataclass
class CorrectionReport:
    """What a correction did: the corrections it recorded and withdrew, the run that grouped
    the corpus again, and the story the corrected article is in now (neither when deferred)."""

    made: list[Correction]
    withdrawn: list[Correction]
    run: RunReport | None  # None when the grouping again was deferred
    story: Story | None


def corrections(store: Store) -> list[Correction]:
    """The reader's corrections of the grouping, oldest first."""
    return store.corrections()


def story_corrections(store: Store, story: Story) -> list[Correction]:
    """The corrections that name one of the story's articles, oldest first."""
    mine = set(story.articles)
    return [c for c in store.corrections() if c.article in mine or c.other in mine]


def detach(store: Store, article_ids: str | Sequence[str], settings: Settings | None = None,
           progress: Callable[[str, int, int | None], None] | None = None, regroup: bool = True) -> CorrectionReport:
    """Take articles out of their story, as one story of their own: each is kept apart from
    every other report of that story (their own copies go with them) by this run and every
    later one, and several are kept together; a "together" correction that put one of them
    there is withdrawn. Raises ArticleNotFound, or NothingToCorrect when they are in
    different stories or are all of theirs."""
    ids = [article_ids] if isinstance(article_ids, str) else list(dict.fromkeys(article_ids))
    if not ids:
        raise NothingToCorrect("no article named")
    articles = []
    for i in ids:
        article = store.article(i)
        if article is None:
            raise ArticleNotFound(f"no article {i!r}")
        articles.append(article)
    if len({a.story for a in articles}) > 1:
        raise NothingToCorrect(f"{', '.join(map(repr, ids))} are in different stories: detach from one story at a time")
    story = store.story(articles[0].story) if articles[0].story else None
    members = store.articles_by_ids(story.articles) if story else []
    leaving = set(ids)
    mates = [a.id for a in members if a.id not in leaving and a.duplicate_of not in leaving]
    if not mates:
        raise NothingToCorrect(f"article {ids[0]!r} is alone in its story already" if len(ids) == 1
                               else "these articles are all the reports of their story")
    mate_set = set(mates)
    withdrawn = [c for c in store.corrections() if c.kind == TOGETHER
                 and ((c.article in leaving and c.other in mate_set) or (c.other in leaving and c.article in mate_set))]
    new = [(APART, x, m) for x in ids for m in mates] + [(TOGETHER, ids[0], x) for x in ids[1:]]
    made = store.change_corrections(new, [c.id for c in withdrawn])
    return _regrouped(store, ids[0], made, withdrawn, settings, progress, regroup)


def join(store: Store, item: str, other: str, settings: Settings | None = None,
         progress: Callable[[str, int, int | None], None] | None = None, regroup: bool = True) -> CorrectionReport:
    """Make one story of two: `item` and `other` are article or story ids (a story stands for
    its first report), kept together by this run and every later one; "apart" corrections
    between the two stories' reports are withdrawn. Raises ArticleNotFound, or
    NothingToCorrect when both are in one story already."""
    first, second = _article_of(store, item), _article_of(store, other)
    stories = [store.story(a.story) if a.story else None for a in (first, second)]
    sides = [set(s.articles) if s else {a.id} for s, a in zip(stories, (first, second))]
    if first.id in sides[1] or second.id in sides[0]:
        raise NothingToCorrect(f"{item!r} and {other!r} are in one story already")
    withdrawn = [c for c in store.corrections() if c.kind == APART
                 and ((c.article in sides[0] and c.other in sides[1]) or (c.article in sides[1] and c.other in sides[0]))]
    made = store.change_corrections([(TOGETHER, first.id, second.id)], [c.id for c in withdrawn])
    return _regrouped(store, first.id, made, withdrawn, settings, progress, regroup)


def withdraw(store: Store, correction_id: int, settings: Settings | None = None,
             progress: Callable[[str, int, int | None], None] | None = None, regroup: bool = True
             ) -> CorrectionReport:
    """Take back one correction and group the corpus again. Raises CorrectionNotFound."""
    found = next((c for c in store.corrections() if c.id == correction_id), None)
    if found is None:
        raise CorrectionNotFound(f"no correction #{correction_id}")
    store.change_corrections([], [found.id])
    return _regrouped(store, found.article, [], [found], settings, progress, regroup)


def _article_of(store: Store, item: str) -> Article:
    """The article of this id, or the first report of the story of this id (or unique prefix)."""
    article = store.article(item)
    if article is not None:
        return article
    try:
        story, arts = get_story(store, item)
    except StoryNotFound:
        raise ArticleNotFound(f"no article or story {item!r}") from None
    originals = [a for a in arts if a.duplicate_of is None] or arts
    if not originals:
        raise ArticleNotFound(f"story {story.id!r} has no stored article")
    return originals[0]


def _regrouped(store: Store, article_id: str, made: list[Correction], withdrawn: list[Correction],
               settings: Settings | None, progress: Callable[[str, int, int | None], None] | None,
               regroup: bool) -> CorrectionReport:
    """The report of a correction, the corpus grouped again unless `regroup` is false."""
    if not regroup:
        return CorrectionReport(made, withdrawn, None, None)
    report = apply_corrections(store, settings, progress)
    article = store.article(article_id)
    story = store.story(article.story) if article and article.story else None
    return CorrectionReport(made, withdrawn, report, story)


def apply_corrections(store: Store, settings: Settings | None = None,
                      progress: Callable[[str, int, int | None], None] | None = None) -> RunReport:
    """Group the stored corpus again, obeying every correction (a run without new inputs:
    only the stories that change are made again), with the settings of the last run unless
    others are given. Corrections made with `regroup=False` wait for this, or the next run."""
    if settings is None:
        settings = Settings()
        last = store.last_run_counts()
        if settings.cluster_threshold is None and last.get("cluster_threshold") is not None:
            settings.cluster_threshold = float(last["cluster_threshold"])
        if "summary_size" in last:
            settings.summary_size = int(last["summary_size"])
    return process_docs([], store, settings, progress=progress)


def story_rows(store: Store, limit: int | None = None, loose: bool = False
               ) -> list[tuple[str, str | None, str, int, int, float | None]]:
    """(id, date, headline, articles, outlets, cohesion) of every story (or the newest
    `limit`; with `loose`, of the loosely joined ones only), newest event first: a listing,
    without reading the stories themselves."""
    return store.story_rows(limit, below=LOOSE_COHESION if loose else None)


@dataclass(frozen=True)
class ThreadRow:
    """One thread in a listing: its id, its stories' first and last dates, how many stories
    it holds, and its newest story (id and headline)."""

    id: str
    first: str | None
    last: str | None
    stories: int
    newest: str
    headline: str


def thread_rows(store: Store, limit: int | None = None) -> list[ThreadRow]:
    """Every thread (or the `limit` whose newest story is newest), newest first: a listing
    from the stories' columns, without reading the stories themselves."""
    by_thread: dict[str, list[tuple[str, str | None, str]]] = {}
    for thread, story_id, day, headline in store.threaded_rows():
        by_thread.setdefault(thread, []).append((day or "", story_id, headline or ""))
    rows = []
    for thread, items in by_thread.items():
        items.sort()
        days = [d for d, _, _ in items if d]
        _day, newest, headline = items[-1]
        rows.append(ThreadRow(thread, days[0] if days else None, days[-1] if days else None, len(items),
                              newest, headline))
    rows.sort(key=lambda r: (r.last or "", r.stories, r.id), reverse=True)
    return rows[:limit] if limit is not None else rows


def get_story(store: Store, story_id: str) -> tuple[Story, list[Article]]:
    """A story and its articles (chronological); raises StoryNotFound. A thread's id (as
    `khabar threads` lists it) gives the thread's newest story, whose view carries the
    thread's timeline."""
    story = store.story(story_id)
    if story is None:
        matches = store.stories_by_prefix(story_id) if story_id else []
        if len(matches) != 1:
            members = store.thread_stories(story_id) if story_id else []
            if not members:
                raise StoryNotFound(f"no story {story_id!r}")
            matches = [max(members, key=lambda s: (s.date or "", s.id))]
        story = matches[0]
    arts = [store.article(i) for i in story.articles]
    return story, [a for a in arts if a is not None]


def export_records(store: Store) -> Iterator[dict]:
    """Every article and story as export records (the JSON Lines contract in README.md)."""
    for a in store.iter_articles():  # a batch at a time: a whole 100k store does not fit twice
        yield article_record(a)
    stories = store.stories()
    timelines = thread_timelines(stories)
    by_article: dict[str, list[Correction]] = {}
    for c in store.corrections():
        for x in dict.fromkeys((c.article, c.other)):
            by_article.setdefault(x, []).append(c)
    for s in stories:
        mine = sorted({c.id: c for a in s.articles for c in by_article.get(a, ())}.values(), key=lambda c: c.id)
        yield story_record(s, timelines.get(s.thread or ""), mine)


def thread_timelines(stories: list[Story]) -> dict[str, list[dict]]:
    """Per thread id, its stories in date order: [{"id", "date", "headline"}]."""
    out: dict[str, list[dict]] = {}
    for s in stories:
        if s.thread:
            out.setdefault(s.thread, []).append({"id": s.id, "date": s.date, "headline": s.headline})
    for items in out.values():
        items.sort(key=lambda x: (x["date"] or "", x["id"]))
    return out


def article_record(a: Article) -> dict:
    """One article in the export contract."""
    d = article_to_dict(a)
    return {
        "type": "article",
        "id": a.id,
        "source": a.source,
        "title": a.title,
        "published": a.published,
        "language": a.language,
        "story": a.story,
        "duplicate_of": a.duplicate_of,
        "duplicate_kind": a.duplicate_kind,
        "text": a.text,
        "removed": [r.text for r in a.removed],
        "removed_detail": d["removed"],
        "entities": [
            {"entity": m.entity, "text": m.text, "start": m.start, "end": m.end, "label": m.label}
            for m in a.mentions
        ],
        "dates": [
            {"text": x.text, "value": x.value, "precision": x.precision, "start": x.start, "end": x.end,
             "relative": x.relative}
            for x in a.dates
        ],
        "sentences": [[s.start, s.end] for s in a.sentences],
        "aspect": a.aspect,
        "quotes": d["quotes"],
        "facts": d["facts"],
        "dateline": a.dateline,
        "url": a.url,
        "romanized_hindi": a.romanized_hindi,
        "published_from": a.published_from,
        "content_hash": a.content_hash,
    }


def story_record(s: Story, timeline: list[dict] | None = None, corrections: list[Correction] | None = None) -> dict:
    """One story in the export contract (with its thread's timeline and the corrections that
    name its articles, when given)."""
    d = story_to_dict(s)
    return {
        "type": "story",
        "id": s.id,
        "headline": s.headline,
        "date": s.date,
        "date_precision": s.date_precision,
        "articles": list(s.articles),
        "entities": [
            {"id": e.id, "name": e.name, "romanized": e.romanized, "label": e.label,
             "variants": sorted(e.variants, key=lambda v: -e.variants[v]),
             "variant_counts": e.variants, "articles": e.articles}
            for e in s.entities
        ],
        "summary": [
            {"text": x.text, "sources": x.sources, "article": x.article, "start": x.start, "end": x.end}
            for x in s.summary
        ],
        "thread": {"id": s.thread, "timeline": timeline or []} if s.thread else None,
        "merged_from": list(s.merged_from),
        "five_w": d["five_w"],
        "quotes": d["quotes"],
        "agreement": d["agreement"],
        "conflicts": d["conflicts"],
        "whats_new": d["whats_new"],
        "timeline": d["timeline"],
        "cohesion": s.cohesion,
        "corrections": [correction_record(c) for c in corrections or ()],
    }


def correction_record(c: Correction) -> dict:
    """A correction as the export and the API give it."""
    return {"id": c.id, "kind": c.kind, "article": c.article, "other": c.other, "made": c.made}


@dataclass
class EvalResult:
    scores: dict
    n_articles: int
    n_stories: int
    rejected: list[Rejection]
    seconds: float
    pred: dict[str, str] = field(default_factory=dict)  # article id -> story id
    gold: dict[str, str] = field(default_factory=dict)  # article id -> gold event
    titles: dict[str, str] = field(default_factory=dict)  # article id -> its title


def evaluate_files(
    articles: list[str | Path], gold: str | Path, settings: Settings | None = None, split: bool = False
) -> EvalResult:
    """Cluster the given articles (no store) and score the stories against a gold TSV (id, event)."""
    from khabar.pipeline import analyze_docs, build_stories

    t0 = time.perf_counter()
    docs: list[RawDoc] = []
    rejected: list[Rejection] = []
    for item in read_inputs(articles, settings, split=split):
        (rejected if isinstance(item, Rejection) else docs).append(item)
    analysis = analyze_docs(docs)
    titles = {a.id: " ".join((a.title or a.text[:200]).split()) for a in analysis.articles}
    stories = build_stories(analysis.articles, None, settings, signals=analysis.signals)
    pred = {aid: s.id for s in stories for aid in s.articles}
    gold_map = read_gold(gold)
    return EvalResult(
        scores=evaluate(pred, gold_map),
        n_articles=len(analysis.articles),
        n_stories=len(stories),
        rejected=rejected + analysis.rejections,
        seconds=time.perf_counter() - t0,
        pred=pred,
        gold=gold_map,
        titles=titles,
    )


def read_gold(path: str | Path) -> dict[str, str]:
    """A gold TSV with a header line and columns id, event."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    if not rows:
        return {}
    start = 1 if rows[0] and rows[0][0].strip().lower() == "id" else 0
    return {r[0].strip(): r[1].strip() for r in rows[start:] if len(r) >= 2 and r[0].strip()}
