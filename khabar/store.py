"""The story store: the only module that speaks SQL (with its schema steps, khabar.migrations).

Opened from a URL (`sqlite:///path`, or a bare path meaning SQLite; `postgresql://...`
needs the `postgres` extra); the same queries give the same results on both. Opening a
store made by an older khabar upgrades its schema first (khabar.migrations). Raw inputs
are kept verbatim in `raw_articles`, keyed by the hash of their content; everything
derived (analysed articles, stories) is replaced as a whole, in one transaction, at the
end of a run — so an interrupted or failed run never loses what was stored before. The
exceptions are the articles' corpus signals (khabar.signals) and the raw inputs'
preparations (khabar.prepared), written as a run makes them: a signals row names the
analysis it was made from and is read only for that analysis, a preparation row the
version it was made by and is read only by that version.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement

from khabar import migrations
from khabar.errors import KhabarError
from khabar.model import MAX_ID_LENGTH, Article, Correction, RawDoc, Rejection, Story
from khabar.packed import Header, PackedArticles, PackedStories, StoryIndex, batches
from khabar.serialize import article_from_dict, story_from_dict

SCHEMA_VERSION = migrations.LATEST
# ids per IN (...) query: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters
_IN_CHUNK = 1000

metadata = MetaData()

meta_table = Table(
    "khabar_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

raw_articles = Table(
    "raw_articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("id", String(MAX_ID_LENGTH), nullable=False, unique=True),
    Column("kind", String(8), nullable=False),
    Column("origin", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("is_html", Integer, nullable=False, default=0),
    Column("title", Text),
    Column("published", String(32)),
    Column("source", Text),
    Column("url", Text),
    Column("added_at", String(32), nullable=False),
)

articles_table = Table(
    "articles",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("id", String(MAX_ID_LENGTH), nullable=False, unique=True),
    Column("story", String(64), index=True),
    Column("published", String(32)),
    Column("source", Text),
    Column("language", String(8)),
    Column("data", Text, nullable=False),
    # the rest of what a run reads of a stored article before it reads the article (its
    # `packed.Header`), copied from its JSON so that the JSON need not be parsed for it
    # (schema version 6)
    Column("analysis_key", Text),
    Column("duplicate_of", String(MAX_ID_LENGTH)),
    Column("duplicate_kind", String(16)),
    Index("ix_articles_published", "published"),  # schema version 2
)

stories_table = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("date", String(32)),
    Column("headline", Text),
    Column("n_articles", Integer, nullable=False),
    Column("n_outlets", Integer, nullable=False),
    Column("data", Text, nullable=False),
    Column("profile", Text),  # what threading reads of the story (schema version 4)
    # the rest of the story's `packed.StoryIndex`, copied from its JSON (schema version 6):
    # its article ids and the ids it merged, as JSON lists, and its thread
    Column("articles", Text),
    Column("merged_from", Text),
    Column("thread", String(64)),
    Column("cohesion", Float),  # khabar.stages.cohesion (schema version 7): listings mark loose stories
    Index("ix_stories_date", "date"),  # schema version 2
    Index("ix_stories_thread", "thread"),  # schema version 6
)

# What the corpus stages read of each analysed article (khabar.signals), with the analysis
# key of the analysis it was made from: a run that reuses an article's analysis reads them
# instead of reading the article again (schema version 3). Rows are derived like articles',
# but written as they are made during a run; those of articles no longer stored go when the
# run's results are written, and a row whose key is not the article's is never read.
signals_table = Table(
    "signals",
    metadata,
    Column("id", String(MAX_ID_LENGTH), primary_key=True),
    Column("analysis_key", Text),
    Column("data", LargeBinary, nullable=False),
)

# What preparing each raw input gave that a later run reads (khabar.prepared: the lines that
# could be its outlet's furniture, and digests of all its lines), by content hash, with the
# version that made it (schema version 5): a run that adds articles reads these instead of
# reading and preparing every stored input again. Derived, written as made; rows of another
# version are never read, and are replaced when their input is prepared again.
prepared_table = Table(
    "prepared",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("version", String(32), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

# A reader's corrections of the grouping (khabar.model.Correction; schema version 8): input,
# like the raw articles, never derived, kept until the reader takes one back.
corrections_table = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("article", String(MAX_ID_LENGTH), nullable=False),
    Column("other", String(MAX_ID_LENGTH), nullable=False),
    Column("made", String(32), nullable=False),
    sqlite_autoincrement=True,  # an id taken back is never given to another correction
)

# What finding copies and linking made of the whole corpus at the last run that did them
# (khabar.linkage; schema version 9): derived, one row, written as made and read only by a run
# whose fingerprint it has (every article as it was, the same threshold and code).
linkage_table = Table(
    "linkage",
    metadata,
    Column("key", String(16), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

rejections_table = Table(
    "rejections",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("run", Integer, index=True),
    Column("origin", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

runs_table = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started", String(32), nullable=False),
    Column("finished", String(32)),
    Column("counts", Text),
)


_WRITE_BATCH = 1000  # rows per INSERT when results are replaced


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def db_url(target: str) -> str:
    """A SQLAlchemy URL for a store URL or a plain file path."""
    if "://" in target:
        if target.startswith("postgres://"):
            target = "postgresql://" + target[len("postgres://"):]
        if target.startswith("postgresql://"):
            target = "postgresql+psycopg://" + target[len("postgresql://"):]
        return target
    return f"sqlite:///{Path(target).expanduser()}"


class Store:
    """Raw inputs, analysed articles and stories, behind one small interface."""

    def __init__(self, target: str = "khabar.db") -> None:
        url = db_url(target)
        self.url = url
        self.engine: Engine = _engine(url)
        self.backend = self.engine.dialect.name  # "sqlite" or "postgresql"
        try:
            self.upgraded_from, self.schema_version = migrations.upgrade(self.engine, metadata)
        except Exception:
            self.engine.dispose()
            raise

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def _can_hold(self, *values: object) -> bool:
        """False if a value cannot be stored on this backend (PostgreSQL text has no U+0000), so matches nothing."""
        return self.backend != "postgresql" or not any(isinstance(v, str) and "\x00" in v for v in values)

    def _text_order(self, column) -> ColumnElement:
        """A text column as an ordering key in code-point order on every backend.

        SQLite compares text as bytes (UTF-8: code-point order); PostgreSQL would use the
        database's collation, so a list could come out in another order there.
        """
        return column.collate("C") if self.backend == "postgresql" else column

    # -- raw inputs -------------------------------------------------------------
    def known_hashes(self) -> set[str]:
        """Hashes of every raw article stored."""
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(raw_articles.c.hash))}

    def known_ids(self) -> set[str]:
        """Ids of every raw article stored."""
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(raw_articles.c.id))}

    def add_raw(self, docs: Iterable[RawDoc]) -> int:
        """Store raw inputs verbatim (callers pass only new hashes and unique ids); returns the
        count. `docs` may be an iterator: it is read and written a batch at a time, all in one
        transaction (none is kept if one cannot be), so that a run never holds every input
        at once (at 100,000 articles, holding them left the run's heap in pieces that the
        pool's workers, forked from it, then worked in 10% slower)."""
        count = 0
        with self.engine.begin() as conn:
            for batch in batches(docs, _WRITE_BATCH):
                rows = [
                    dict(
                        hash=d.content_hash, id=d.id, kind=d.kind, origin=d.origin, raw=d.raw,
                        is_html=int(d.is_html), title=d.title, published=d.published, source=d.source,
                        url=d.url, added_at=_now(),
                    )
                    for d in batch
                ]
                for r in rows:
                    if not self._can_hold(*r.values()):
                        raise KhabarError(f"article {r['id'][:80]!r} ({r['origin'][:200]}) holds U+0000, which a "
                                          f"PostgreSQL store cannot keep in text: remove it from the input")
                conn.execute(insert(raw_articles), rows)
                count += len(rows)
        return count

    def raw_docs(self) -> list[RawDoc]:
        """Every stored raw input, in the order it was added."""
        return list(self.iter_raw_docs())

    def iter_raw_docs(self, without_raw: Collection[str] = frozenset()) -> Iterator[RawDoc]:
        """Every stored raw input, in the order it was added, read a batch at a time; those
        whose content hash is in `without_raw` come without their content (`raw` None: read
        it with `raw_contents` if it is needed after all)."""
        if not without_raw:
            q = select(raw_articles).order_by(raw_articles.c.seq)
            with self.engine.connect() as conn:
                for row in conn.execution_options(yield_per=_WRITE_BATCH).execute(q).mappings():
                    yield _raw_from_row(row)
            return
        q = select(*[c for c in raw_articles.c if c.name != "raw"]).order_by(raw_articles.c.seq)
        with self.engine.connect() as conn:
            # streamed by this statement alone: the contents' reads between batches are plain
            rows = conn.execute(q.execution_options(yield_per=_WRITE_BATCH)).mappings()
            for batch in batches(rows, _WRITE_BATCH):
                raw = _raw_contents(conn, [r["hash"] for r in batch if r["hash"] not in without_raw])
                for row in batch:
                    yield _raw_from_row(row, raw.get(row["hash"]))

    def raw_contents(self, hashes: Iterable[str]) -> dict[str, str]:
        """The verbatim content of the raw inputs with these content hashes (unknown ones left out)."""
        with self.engine.connect() as conn:
            return _raw_contents(conn, list(hashes))

    def put_prepared(self, rows: Iterable[tuple[str, bytes]], version: str) -> None:
        """Keep (content hash, encoded preparation) rows made by `version`, in one
        transaction, in place of any kept for those hashes before."""
        self._replace_rows(prepared_table, prepared_table.c.hash,
                           [dict(hash=h, version=version, data=data) for h, data in rows])

    def prepared_for(self, hashes: Iterable[str], version: str) -> dict[str, bytes]:
        """The kept preparations of the raw inputs with these content hashes, of those kept
        by `version`."""
        out: dict[str, bytes] = {}
        with self.engine.connect() as conn:
            for batch in batches(list(hashes), _IN_CHUNK):
                q = select(prepared_table.c.hash, prepared_table.c.data).where(
                    prepared_table.c.hash.in_(batch), prepared_table.c.version == version)
                out.update((h, bytes(data)) for h, data in conn.execute(q))
        return out

    def prepared_hashes(self, version: str) -> set[str]:
        """The content hashes of the raw inputs whose preparation `version` kept."""
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(prepared_table.c.hash).where(prepared_table.c.version == version))}

    def raw_doc(self, article_id: str) -> RawDoc | None:
        """The raw input of one article, by article id."""
        if not self._can_hold(article_id):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(raw_articles).where(raw_articles.c.id == article_id)).mappings().first()
        return _raw_from_row(row) if row else None

    # -- runs and rejections ------------------------------------------------------
    def start_run(self) -> int:
        """Record the start of a run; returns its id."""
        with self.engine.begin() as conn:
            return int(conn.execute(insert(runs_table).values(started=_now())).inserted_primary_key[0])

    def finish_run(self, run: int, counts: dict) -> None:
        """Record a run's end and its counts."""
        with self.engine.begin() as conn:
            conn.execute(
                runs_table.update().where(runs_table.c.id == run).values(finished=_now(), counts=json.dumps(counts))
            )

    def last_run_counts(self) -> dict:
        """The counts recorded by the last finished run ({} if none)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(runs_table.c.counts).where(runs_table.c.finished.is_not(None))
                               .order_by(runs_table.c.id.desc()).limit(1)).first()
        return json.loads(row[0]) if row and row[0] else {}

    def add_rejections(self, run: int, rejections: Iterable[Rejection]) -> None:
        """Record rejected inputs with their reasons."""
        rows = [dict(run=run, origin=r.origin, reason=r.reason) for r in rejections]
        if rows:
            with self.engine.begin() as conn:
                conn.execute(insert(rejections_table), rows)

    def rejections(self, run: int | None = None) -> list[Rejection]:
        """Rejected inputs, of one run or of all runs."""
        q = select(rejections_table).order_by(rejections_table.c.seq)
        if run is not None:
            q = q.where(rejections_table.c.run == run)
        with self.engine.connect() as conn:
            return [Rejection(r.origin, r.reason) for r in conn.execute(q)]

    # -- corrections ----------------------------------------------------------------
    def corrections(self) -> list[Correction]:
        """Every correction, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(corrections_table).order_by(corrections_table.c.id))
            return [Correction(r.id, r.kind, r.article, r.other, r.made) for r in rows]

    def change_corrections(self, new: Iterable[tuple[str, str, str]],
                           withdrawn: Iterable[int] = ()) -> list[Correction]:
        """Withdraw the corrections of these ids and record the new ones, given as (kind,
        article, other), in one transaction; returns the new ones."""
        made = _now()
        rows = [dict(kind=kind, article=a, other=b, made=made) for kind, a, b in new]
        withdrawn = sorted(set(withdrawn))
        with self.engine.begin() as conn:
            for chunk in batches(withdrawn, _IN_CHUNK):
                conn.execute(delete(corrections_table).where(corrections_table.c.id.in_(chunk)))
            out = []
            for row in rows:  # one at a time, for their ids (a story's mates: a handful)
                key = conn.execute(insert(corrections_table).values(**row)).inserted_primary_key[0]
                out.append(Correction(int(key), row["kind"], row["article"], row["other"], made))
        return out

    # -- the kept linkage -------------------------------------------------------------
    def linkage(self, fingerprint: str) -> bytes | None:
        """The kept linkage if it was made with this fingerprint (khabar.linkage), else None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(linkage_table.c.data).where(
                (linkage_table.c.key == "corpus") & (linkage_table.c.fingerprint == fingerprint))).first()
        return bytes(row[0]) if row else None

    def linkage_fingerprint(self) -> str | None:
        """The fingerprint of the kept linkage (None if there is none)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(linkage_table.c.fingerprint).where(linkage_table.c.key == "corpus")).first()
        return row[0] if row else None

    def put_linkage(self, fingerprint: str, data: bytes) -> None:
        """Keep this linkage in place of the one kept before."""
        with self.engine.begin() as conn:
            conn.execute(delete(linkage_table).where(linkage_table.c.key == "corpus"))
            conn.execute(insert(linkage_table).values(key="corpus", fingerprint=fingerprint, data=data))

    # -- derived data -------------------------------------------------------------
    def replace_results(self, articles: Iterable[Article], stories: Iterable[Story],
                        unchanged_articles: Collection[str] = frozenset(),
                        unchanged_stories: Collection[str] = frozenset()) -> None:
        """Replace all analysed articles and stories in one transaction.

        Articles are written in batches (every row's JSON at once was the run's peak memory
        at 10k articles), taken from a packed sequence (a list is packed first) and unpacked
        a batch at a time.
        `unchanged_articles` / `unchanged_stories` name rows the caller knows to be stored
        exactly as they are given (a run that adds a few articles keeps most of both): those
        rows stay, every other row is replaced, and rows of ids no longer given go."""
        packed = articles if isinstance(articles, PackedArticles) else PackedArticles(articles)
        packed_stories = stories if isinstance(stories, PackedStories) else PackedStories(stories)
        # each story's outlets from the articles' headers; rows are written from their store JSON as
        # packed (khabar.packed), and kept rows are skipped without being read
        by_story: dict[str, set[str]] = {}
        for h in packed.headers():
            if h.story:
                by_story.setdefault(h.story, set()).add(h.source or h.id)
        with self.engine.begin() as conn:
            _delete_except(conn, articles_table, unchanged_articles)
            _delete_except(conn, stories_table, unchanged_stories)
            for batch in batches(packed.json_rows(skip=unchanged_articles), _WRITE_BATCH):
                conn.execute(insert(articles_table), [
                    dict(hash=h.content_hash, id=h.id, story=h.story, published=h.published,
                         source=h.source, language=h.language, data=text, **header_columns(h))
                    for h, text in batch
                ])
            for batch in batches(packed_stories.json_rows(skip=unchanged_stories), _WRITE_BATCH):
                conn.execute(insert(stories_table), [
                    dict(id=index.id, date=index.date, headline=index.headline, n_articles=len(index.articles),
                         n_outlets=len(by_story.get(index.id, ())), data=text,
                         profile=packed_stories.profiles.get(index.id), **index_columns(index))
                    for index, text in batch
                ])
            # a story kept as it was stored by a khabar before schema version 4 has no profile yet
            missing = [dict(story_id=i, new_profile=packed_stories.profiles[i]) for (i,) in conn.execute(
                select(stories_table.c.id).where(stories_table.c.profile.is_(None))) if i in packed_stories.profiles]
            if missing:  # one statement for them all, not one per story
                conn.execute(update(stories_table).where(stories_table.c.id == bindparam("story_id"))
                             .values(profile=bindparam("new_profile")), missing)
            conn.execute(delete(signals_table).where(signals_table.c.id.not_in(select(articles_table.c.id))))

    def put_signals(self, rows: Iterable[tuple[str, str | None, bytes]]) -> None:
        """Keep (article id, analysis key, encoded signals) rows, in one transaction, in
        place of any kept for those ids before."""
        self._replace_rows(signals_table, signals_table.c.id,
                           [dict(id=i, analysis_key=key, data=data) for i, key, data in rows])

    def _replace_rows(self, table: Table, key: Column, rows: list[dict]) -> None:
        """Insert `rows` into `table` in one transaction, each in place of any row with its key."""
        if not rows:
            return
        with self.engine.begin() as conn:
            for batch in batches([r[key.name] for r in rows], _IN_CHUNK):
                conn.execute(delete(table).where(key.in_(batch)))
            conn.execute(insert(table), rows)

    def signals_for(self, wanted: Iterable[tuple[str, str | None]]) -> dict[str, bytes]:
        """The kept signals of the (article id, analysis key) pairs asked for, of those kept
        with that very key (a row of another analysis is left out)."""
        keys = {i: key for i, key in wanted if self._can_hold(i)}
        out: dict[str, bytes] = {}
        with self.engine.connect() as conn:
            for batch in batches(list(keys), _IN_CHUNK):
                q = select(signals_table.c.id, signals_table.c.analysis_key, signals_table.c.data).where(
                    signals_table.c.id.in_(batch))
                for i, key, data in conn.execute(q):
                    if key == keys[i]:
                        out[i] = bytes(data)
        return out

    def articles(self) -> list[Article]:
        """Every analysed article."""
        return list(self.iter_articles())

    def iter_articles(self) -> Iterator[Article]:
        """Every analysed article in id order, read from the database a batch at a time."""
        q = select(articles_table.c.data).order_by(self._text_order(articles_table.c.id))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=_WRITE_BATCH).execute(q):
                yield article_from_dict(json.loads(row[0]))

    def packed_articles(self) -> PackedArticles:
        """Every analysed article, packed as its stored JSON (see khabar.packed): what a run starts from."""
        out = PackedArticles()
        t = articles_table.c
        q = select(t.data, t.id, t.hash, t.analysis_key, t.source, t.story, t.duplicate_of, t.duplicate_kind,
                   t.published, t.language).order_by(self._text_order(t.id))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=_WRITE_BATCH).execute(q):
                out.add_json(row[0], Header(*row[1:]))  # the header from its columns, the JSON not parsed
        return out

    def article(self, article_id: str) -> Article | None:
        """One analysed article by id."""
        if not self._can_hold(article_id):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(articles_table.c.data).where(articles_table.c.id == article_id)).first()
        return article_from_dict(json.loads(row[0])) if row else None

    def stories(self) -> list[Story]:
        """Every story, newest event first."""
        return list(self.iter_stories())

    def iter_stories(self) -> Iterator[Story]:
        """Every story, newest event first, read from the database a batch at a time."""
        q = select(stories_table.c.data).order_by(
            self._text_order(stories_table.c.date).desc().nulls_last(), self._text_order(stories_table.c.id))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=_WRITE_BATCH).execute(q):
                yield story_from_dict(json.loads(row[0]))

    def packed_stories(self) -> PackedStories:
        """Every story, packed as its stored JSON (see khabar.packed): what a run compares its new
        stories with."""
        out = PackedStories()
        t = stories_table.c
        q = select(t.data, t.profile, t.id, t.date, t.articles, t.merged_from, t.headline, t.thread,
                   t.cohesion).order_by(self._text_order(t.date).desc().nulls_last(), self._text_order(t.id))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=_WRITE_BATCH).execute(q):
                index = StoryIndex(row[2], row[3], json.loads(row[4]), json.loads(row[5]), row[6], row[7], row[8])
                out.add_json(row[0], row[1], index)  # the index from its columns, the JSON not parsed
        return out

    def story(self, story_id: str) -> Story | None:
        """One story by id."""
        if not self._can_hold(story_id):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(stories_table.c.data).where(stories_table.c.id == story_id)).first()
        return story_from_dict(json.loads(row[0])) if row else None

    def stories_by_prefix(self, prefix: str, limit: int = 2) -> list[Story]:
        """Up to `limit` stories whose id starts with `prefix` (`khabar show` takes a unique prefix)."""
        if not self._can_hold(prefix):
            return []
        q = (select(stories_table.c.data).where(stories_table.c.id.startswith(prefix, autoescape=True))
             .order_by(self._text_order(stories_table.c.id)).limit(limit))
        with self.engine.connect() as conn:
            return [story_from_dict(json.loads(r[0])) for r in conn.execute(q)]

    def thread_stories(self, thread: str) -> list[Story]:
        """The stories of one thread, found by the indexed thread column (schema version 6; only
        they are decoded: decoding every story made `khabar show` take seconds on a
        10,000-article store), checked against their JSON."""
        if not self._can_hold(thread):
            return []
        q = select(stories_table.c.data).where(stories_table.c.thread == thread)
        with self.engine.connect() as conn:
            found = [story_from_dict(json.loads(r[0])) for r in conn.execute(q)]
        return [st for st in found if st.thread == thread]

    def story_rows(self, limit: int | None = None, below: float | None = None
                   ) -> list[tuple[str, str | None, str, int, int, float | None]]:
        """(id, date, headline, articles, outlets, cohesion) of every story (or the first
        `limit`; with `below`, of those whose cohesion is under it), newest event first, from
        the columns alone (decoding every story's JSON for a listing took 5.9 s on a
        10,000-article store)."""
        t = stories_table.c
        q = select(t.id, t.date, t.headline, t.n_articles, t.n_outlets, t.cohesion).order_by(
            self._text_order(t.date).desc().nulls_last(), self._text_order(t.id))
        if below is not None:
            q = q.where(t.cohesion < below)
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(q)]

    def threaded_rows(self) -> list[tuple[str, str, str | None, str]]:
        """(thread, story id, date, headline) of every story in a thread, from the columns
        alone (the thread column is indexed)."""
        t = stories_table.c
        q = select(t.thread, t.id, t.date, t.headline).where(t.thread.is_not(None))
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(q)]

    def counts(self) -> dict[str, int]:
        """How many raw inputs, articles, stories and rejections are stored."""
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for name, t in (
                    ("raw", raw_articles), ("articles", articles_table),
                    ("stories", stories_table), ("rejections", rejections_table),
                )
            }

    # -- queries for the web (issue 6) --
    def data_version(self) -> str:
        """A string that changes whenever the stored results change (for caches built on them)."""
        with self.engine.connect() as conn:
            runs = conn.execute(select(func.max(runs_table.c.id), func.count(runs_table.c.finished))).first()
            n_art = conn.execute(select(func.count()).select_from(articles_table)).scalar_one()
            n_sto = conn.execute(select(func.count()).select_from(stories_table)).scalar_one()
        return f"{runs[0]}:{runs[1]}:{n_art}:{n_sto}"

    def articles_by_ids(self, ids: Iterable[str]) -> list[Article]:
        """The analysed articles with these ids (unknown ids are left out), in the order given."""
        ids = [i for i in dict.fromkeys(ids) if self._can_hold(i)]
        if not ids:
            return []
        rows = []
        with self.engine.connect() as conn:
            for n in range(0, len(ids), _IN_CHUNK):
                chunk = ids[n:n + _IN_CHUNK]
                rows += conn.execute(
                    select(articles_table.c.id, articles_table.c.data).where(articles_table.c.id.in_(chunk))).all()
        found = {r[0]: article_from_dict(json.loads(r[1])) for r in rows}
        return [found[i] for i in ids if i in found]

    def articles_page(
        self, limit: int, offset: int = 0, story: str | None = None, source: str | None = None,
        language: str | None = None,
    ) -> tuple[list[Article], int]:
        """A page of analysed articles (newest publication first) and how many match in all."""
        if not self._can_hold(story, source, language):
            return [], 0
        cond = []
        if story is not None:
            cond.append(articles_table.c.story == story)
        if source is not None:
            cond.append(articles_table.c.source == source)
        if language is not None:
            cond.append(articles_table.c.language == language)
        q = select(articles_table.c.data).where(*cond).order_by(
            self._text_order(articles_table.c.published).desc().nulls_last(),
            self._text_order(articles_table.c.id)).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(articles_table).where(*cond)).scalar_one()
            rows = conn.execute(q).all()
        return [article_from_dict(json.loads(r[0])) for r in rows], total


def _engine(url: str) -> Engine:
    """An engine for the URL, with SQLite's pragmas, or a clear message if a driver is missing."""
    try:
        engine = create_engine(url, future=True, pool_pre_ping=url.startswith("postgresql"))
    except ModuleNotFoundError as err:
        if url.startswith("postgresql"):
            raise KhabarError(
                f"a PostgreSQL store needs the 'postgres' extra: pip install 'khabar[postgres]' ({err})") from None
        raise
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def header_columns(h: Header) -> dict:
    """The article columns of schema version 6: the part of its header no older column holds."""
    return dict(analysis_key=h.analysis_key, duplicate_of=h.duplicate_of, duplicate_kind=h.duplicate_kind)


def index_columns(index: StoryIndex) -> dict:
    """The story columns of schema versions 6 and 7: its article and merged ids as JSON lists,
    its thread, its cohesion."""
    return dict(articles=json.dumps(list(index.articles), ensure_ascii=False),
                merged_from=json.dumps(list(index.merged_from), ensure_ascii=False), thread=index.thread,
                cohesion=index.cohesion)


def _raw_contents(conn, hashes: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for batch in batches(hashes, _IN_CHUNK):
        q = select(raw_articles.c.hash, raw_articles.c.raw).where(raw_articles.c.hash.in_(batch))
        out.update((h, raw) for h, raw in conn.execute(q))
    return out


def _raw_from_row(r, raw: str | None = None) -> RawDoc:
    return RawDoc(
        id=r["id"], raw=r["raw"] if "raw" in r else raw, kind=r["kind"], origin=r["origin"], content_hash=r["hash"],
        title=r["title"], published=r["published"], source=r["source"], url=r["url"],
        is_html=bool(r["is_html"]),
    )


def _delete_except(conn, table: Table, keep: Collection[str]) -> None:
    """Delete every row of `table` whose id is not in `keep` (all rows if it is empty)."""
    if not keep:
        conn.execute(delete(table))
        return
    gone = [i for (i,) in conn.execute(select(table.c.id)) if i not in keep]
    for batch in batches(gone, 500):
        conn.execute(delete(table).where(table.c.id.in_(batch)))


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    """WAL for concurrent readers (the web server) and a busy timeout for writers.

    It also turns off the sqlite3 module's own transaction handling, which begins a
    transaction only before INSERT/UPDATE/DELETE, so schema changes would escape it:
    `_sqlite_begin` begins every transaction instead (SQLAlchemy's documented recipe).
    """
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _sqlite_begin(conn) -> None:
    """Begin SQLite transactions explicitly, so DDL (schema upgrades) is inside them too."""
    conn.exec_driver_sql("BEGIN")
