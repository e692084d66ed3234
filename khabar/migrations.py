"""Schema versions of the store, and the steps that bring an older store up to date.

The version lives in ``khabar_meta`` under the key ``schema_version``. Version 1 is the
schema khabar first shipped. Each later version is one function here, applied in order,
each in its own transaction together with the version bump, when a store is opened: an
interrupted upgrade leaves the store at the last version it fully reached. A new store is
created at the latest version directly from the table definitions in ``khabar.store``,
which must therefore always describe the latest schema.

To change the schema: edit the tables in ``khabar.store``, then append a step here that
makes the same change to an existing store (for both SQLite and PostgreSQL), and extend
the upgrade test in tests/test_store.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Index, MetaData, Table, bindparam, inspect, select, text, update
from sqlalchemy.engine import Connection, Engine

from khabar.errors import KhabarError

VERSION_KEY = "schema_version"
# any fixed 64-bit number: the PostgreSQL advisory lock that serialises concurrent upgrades
_PG_LOCK_ID = 0x6B68616261720001


@dataclass(frozen=True)
class Migration:
    """One step: the version it produces, what it does, and the function doing it."""

    version: int
    description: str
    apply: Callable[[Connection, MetaData], None]


def _v2_newest_first_indexes(conn: Connection, md: MetaData) -> None:
    """Index stories.date and articles.published, the keys of the newest-first lists."""
    for table, column in (("stories", "date"), ("articles", "published")):
        _create_index(conn, md.tables[table], f"ix_{table}_{column}")


def _v3_signals_table(conn: Connection, md: MetaData) -> None:
    """Add the table of what the corpus stages read of each article (khabar.signals); it
    starts empty, and the next run fills it."""
    md.tables["signals"].create(conn, checkfirst=True)


def _v4_story_profiles(conn: Connection, md: MetaData) -> None:
    """Add stories.profile (what threading reads of a story); empty until the next run
    writes its stories."""
    if "profile" not in {c["name"] for c in inspect(conn).get_columns("stories")}:
        conn.execute(text("ALTER TABLE stories ADD COLUMN profile TEXT"))


def _v5_prepared_table(conn: Connection, md: MetaData) -> None:
    """Add the table of what preparing each raw input gave (khabar.prepared); it starts
    empty, and the next run fills it."""
    md.tables["prepared"].create(conn, checkfirst=True)


def _v6_header_columns(conn: Connection, md: MetaData) -> None:
    """Add the columns a run reads of each stored article and story before it reads its JSON
    (articles: analysis_key, duplicate_of, duplicate_kind; stories: articles, merged_from,
    thread, indexed), filled from each row's JSON."""
    have = {t: {c["name"] for c in inspect(conn).get_columns(t)} for t in ("articles", "stories")}
    for table, columns in (("articles", ("analysis_key", "duplicate_of", "duplicate_kind")),
                           ("stories", ("articles", "merged_from", "thread"))):
        for name in columns:
            if name not in have[table]:
                kind = md.tables[table].c[name].type.compile(dialect=conn.dialect)
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {kind}"))
    _create_index(conn, md.tables["stories"], "ix_stories_thread")
    # filled as a run writes them (the store's own functions; imported here, since the store
    # imports this module)
    from khabar.packed import Header, StoryIndex
    from khabar.store import header_columns, index_columns
    story_columns = ("articles", "merged_from", "thread")  # this step's own (later steps fill theirs)
    _fill_from_json(conn, md.tables["articles"], "hash", lambda d: header_columns(Header.of_dict(d)))
    _fill_from_json(conn, md.tables["stories"], "id",
                    lambda d: {k: v for k, v in index_columns(StoryIndex.of_dict(d)).items() if k in story_columns})


def _v7_story_cohesion(conn: Connection, md: MetaData) -> None:
    """Add stories.cohesion (khabar.stages.cohesion), filled from each story's JSON (a story
    made before it has none: the pipeline version of the same release makes every story again
    on the next run)."""
    if "cohesion" not in {c["name"] for c in inspect(conn).get_columns("stories")}:
        kind = md.tables["stories"].c["cohesion"].type.compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE stories ADD COLUMN cohesion {kind}"))
    _fill_from_json(conn, md.tables["stories"], "id", lambda d: {"cohesion": d.get("cohesion")})


def _v8_corrections_table(conn: Connection, md: MetaData) -> None:
    """Add the table of a reader's corrections of the grouping; it starts empty."""
    md.tables["corrections"].create(conn, checkfirst=True)


def _v9_linkage_table(conn: Connection, md: MetaData) -> None:
    """Add the table of the kept linkage (khabar.linkage); it starts empty, and the next run fills it."""
    md.tables["linkage"].create(conn, checkfirst=True)


def _fill_from_json(conn: Connection, table: Table, key: str, fill: Callable[[dict], dict]) -> None:
    """Set columns of every row of `table` to what `fill` makes of the row's JSON (`data`),
    the rows found by their `key` column."""
    # the rows' JSON streamed (a batch at a time), only the small values held
    rows = [{"row_key": k, **{"new_" + name: v for name, v in fill(json.loads(data)).items()}}
            for k, data in conn.execute(select(table.c[key], table.c.data).execution_options(yield_per=1000))]
    if not rows:
        return
    # one statement with a row per article or story (a bound name may not be a column's)
    names = [name[4:] for name in rows[0] if name != "row_key"]
    statement = update(table).where(table.c[key] == bindparam("row_key")).values(
        {name: bindparam("new_" + name) for name in names})
    for start in range(0, len(rows), 1000):
        conn.execute(statement, rows[start:start + 1000])


MIGRATIONS: list[Migration] = [
    Migration(2, "index stories.date and articles.published (the newest-first lists)", _v2_newest_first_indexes),
    Migration(3, "keep each article's corpus signals (the signals table)", _v3_signals_table),
    Migration(4, "keep each story's profile for threading (stories.profile)", _v4_story_profiles),
    Migration(5, "keep what preparing each raw input gave (the prepared table)", _v5_prepared_table),
    Migration(6, "article headers and story indexes as columns (read without parsing the JSON)", _v6_header_columns),
    Migration(7, "each story's cohesion as a column (listings mark loosely joined stories)", _v7_story_cohesion),
    Migration(8, "keep a reader's corrections of the grouping (the corrections table)", _v8_corrections_table),
    Migration(9, "keep what finding copies and linking made of the corpus (the linkage table)", _v9_linkage_table),
]

LATEST = MIGRATIONS[-1].version if MIGRATIONS else 1


class SchemaTooNew(KhabarError):
    """The store was written by a newer khabar than this one."""


def upgrade(engine: Engine, md: MetaData) -> tuple[int, int]:
    """Create a new store at the latest version, or apply the missing steps to an old one.

    Returns (version found, version now); a new store is reported as found at 0.
    """
    meta = md.tables["khabar_meta"]
    with engine.begin() as conn:
        _lock(conn)
        found = _read_version(conn, meta)
        if found is None:
            md.create_all(conn)
            conn.execute(meta.insert().values(key=VERSION_KEY, value=str(LATEST)))
            return 0, LATEST
    if found > LATEST:
        raise SchemaTooNew(
            f"this store has schema version {found}, newer than this khabar knows ({LATEST}): upgrade khabar")
    version = found
    for step in MIGRATIONS:
        if step.version <= version:
            continue
        with engine.begin() as conn:
            _lock(conn)
            current = _read_version(conn, meta) or version
            if current >= step.version:  # another process got here first
                version = current
                continue
            step.apply(conn, md)
            conn.execute(update(meta).where(meta.c.key == VERSION_KEY).values(value=str(step.version)))
            version = step.version
    return found, version


def schema_version(engine: Engine, md: MetaData) -> int | None:
    """The version a store records (None for an empty database)."""
    with engine.connect() as conn:
        return _read_version(conn, md.tables["khabar_meta"])


def _read_version(conn: Connection, meta: Table) -> int | None:
    """The stored version, None if the database has no khabar tables yet."""
    insp = inspect(conn)
    if not insp.has_table(meta.name):
        others = [t for t in ("raw_articles", "articles", "stories") if insp.has_table(t)]
        if others:
            raise KhabarError(f"not a khabar store: it has tables {others} but no {meta.name} table")
        return None
    row = conn.execute(select(meta.c.value).where(meta.c.key == VERSION_KEY)).first()
    if row is None:  # the meta table exists but is empty: the first version wrote it the same way
        conn.execute(meta.insert().values(key=VERSION_KEY, value="1"))
        return 1
    if not str(row[0]).strip().isdigit():
        raise KhabarError(f"the store's {VERSION_KEY} is not a number: {row[0]!r}")
    return int(row[0])


def _lock(conn: Connection) -> None:
    """On PostgreSQL, hold a transaction-scoped lock so two processes never upgrade at once."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_ID})


def _create_index(conn: Connection, table: Table, name: str) -> None:
    """Create the index of that name declared on `table`, unless the database already has it."""
    if any(ix["name"] == name for ix in inspect(conn).get_indexes(table.name)):
        return
    index = next((ix for ix in table.indexes if ix.name == name), None)
    if not isinstance(index, Index):
        raise KhabarError(f"migration error: no index {name!r} declared on {table.name}")
    index.create(conn)
