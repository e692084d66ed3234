"""The store and the service's run: verbatim raw input, atomic replacement, stable ids (issue 2).

Every test that takes `store_url` runs on SQLite and on PostgreSQL (tests/conftest.py).
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, inspect, text

from khabar import migrations, serialize, service
from khabar.errors import KhabarError
from khabar.model import RawDoc
from khabar.store import Store, db_url, metadata

SAMPLE = Path(service.__file__).parent / "sample" / "articles"

ART_A = ("बाढ़ राहत पर बैठक\n\nसोनगढ़। जिला प्रशासन ने सोमवार को बाढ़ राहत पर बैठक की। बैठक में 40 गांवों के लिए "
         "राहत सामग्री भेजने का फैसला हुआ। जिलाधिकारी ने कहा कि नावें तैनात की गई हैं।")
ART_B = ("सोनगढ़ में बाढ़: 40 गांवों को राहत\n\nसोनगढ़। बाढ़ से घिरे 40 गांवों में राहत सामग्री भेजी जाएगी। "
         "जिला प्रशासन की बैठक में यह फैसला सोमवार को लिया गया। नावें तैनात की गई हैं।")


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def test_db_url_forms() -> None:
    assert db_url("khabar.db") == "sqlite:///khabar.db"
    assert db_url("sqlite:///x.db") == "sqlite:///x.db"
    assert db_url("postgresql://u@127.0.0.1/k").startswith("postgresql+psycopg://")


def test_raw_input_is_stored_verbatim(tmp_path: Path, store_url: str) -> None:
    raw = "  शीर्षक \r\n\r\nपाठ\u200d यहाँ ।  \n"
    _write(tmp_path / "in", "a.txt", raw)
    store = Store(store_url)
    service.run([tmp_path / "in"], store)
    assert store.raw_doc("a").raw == raw
    assert "\u200d" not in store.article("a").text
    store.close()


def test_a_failed_run_loses_nothing(tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(store_url)
    service.run([_write(tmp_path / "in1", "a.txt", ART_A)], store)
    stories_before = [s.id for s in store.stories()]
    articles_before = [a.id for a in store.articles()]

    def boom(*_a, **_k):
        raise RuntimeError("interrupted")

    from khabar import pipeline

    monkeypatch.setattr(pipeline, "build_stories", boom)
    with pytest.raises(RuntimeError):
        service.run([_write(tmp_path / "in2", "b.txt", ART_B)], store)
    assert [s.id for s in store.stories()] == stories_before
    assert [a.id for a in store.articles()] == articles_before
    monkeypatch.undo()
    # the raw input of the failed run was kept; the next run processes it
    report = service.run([tmp_path / "in2"], store)
    assert report.already_stored == 1
    assert sorted(a.id for a in store.articles()) == ["a", "b"]
    store.close()


def test_story_ids_are_stable_when_articles_join(tmp_path: Path, store_url: str) -> None:
    store = Store(store_url)
    service.run([_write(tmp_path / "in1", "a.txt", ART_A)], store)
    (first,) = store.stories()
    service.run([_write(tmp_path / "in2", "b.txt", ART_B)], store)
    joined = [s for s in store.stories() if "a" in s.articles]
    assert joined[0].id == first.id
    store.close()


def test_same_id_different_content_is_kept_apart(tmp_path: Path, store_url: str) -> None:
    store = Store(store_url)
    service.run([_write(tmp_path / "x", "a.txt", ART_A)], store)
    service.run([_write(tmp_path / "y", "a.txt", ART_B)], store)
    ids = sorted(a.id for a in store.articles())
    assert len(ids) == 2 and ids[0] == "a" and ids[1].startswith("a~")
    store.close()


def test_the_store_runs_on_the_backend_asked_for(store_url: str, request: pytest.FixtureRequest) -> None:
    store = Store(store_url)
    expected = {"sqlite": "sqlite", "postgres": "postgresql"}[request.node.callspec.params["store_url"]]
    assert store.backend == expected
    assert store.schema_version == migrations.LATEST and store.upgraded_from == 0
    store.close()


def test_lists_put_undated_items_last_on_every_backend(tmp_path: Path, store_url: str) -> None:
    undated = "अनजान तारीख की खबर\n\nनदी पर नया पुल बनाने का काम शुरू हुआ। ठेकेदार ने कहा कि काम तेज चलेगा।"
    dated = {"id": "dated", "published": "2026-03-01", "title": "बाढ़ राहत पर बैठक", "text": ART_A}
    folder = _write(tmp_path / "in", "undated.txt", undated).parent
    _write(folder, "dated.jsonl", json.dumps(dated, ensure_ascii=False) + "\n")
    store = Store(store_url)
    service.run([folder], store)
    page, total = store.articles_page(limit=10)
    assert total == 2 and [a.published is None for a in page] == [False, True]
    stories = store.stories()
    assert len(stories) == 2 and stories[-1].date is None and stories[0].date
    store.close()


# -- schema versions: a store written by the first version opens after an upgrade --------
def _v1_tables() -> MetaData:
    """The tables exactly as schema version 1 declared them (frozen here; do not edit)."""
    md = MetaData()
    Table("khabar_meta", md, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False))
    Table("raw_articles", md,
          Column("seq", Integer, primary_key=True, autoincrement=True),
          Column("hash", String(64), nullable=False, unique=True),
          Column("id", String(512), nullable=False, unique=True),
          Column("kind", String(8), nullable=False), Column("origin", Text, nullable=False),
          Column("raw", Text, nullable=False), Column("is_html", Integer, nullable=False, default=0),
          Column("title", Text), Column("published", String(32)), Column("source", Text), Column("url", Text),
          Column("added_at", String(32), nullable=False))
    Table("articles", md,
          Column("hash", String(64), primary_key=True), Column("id", String(512), nullable=False, unique=True),
          Column("story", String(64), index=True), Column("published", String(32)), Column("source", Text),
          Column("language", String(8)), Column("data", Text, nullable=False))
    Table("stories", md,
          Column("id", String(64), primary_key=True), Column("date", String(32)), Column("headline", Text),
          Column("n_articles", Integer, nullable=False), Column("n_outlets", Integer, nullable=False),
          Column("data", Text, nullable=False))
    Table("rejections", md,
          Column("seq", Integer, primary_key=True, autoincrement=True), Column("run", Integer, index=True),
          Column("origin", Text, nullable=False), Column("reason", Text, nullable=False))
    Table("runs", md,
          Column("id", Integer, primary_key=True, autoincrement=True), Column("started", String(32), nullable=False),
          Column("finished", String(32)), Column("counts", Text))
    return md


# the SQLite file schema version 1 wrote, statement for statement (frozen; do not edit)
V1_SQLITE_DDL = """
CREATE TABLE khabar_meta ("key" VARCHAR(64) NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"));
CREATE TABLE raw_articles (seq INTEGER NOT NULL, hash VARCHAR(64) NOT NULL, id VARCHAR(512) NOT NULL,
    kind VARCHAR(8) NOT NULL, origin TEXT NOT NULL, raw TEXT NOT NULL, is_html INTEGER NOT NULL, title TEXT,
    published VARCHAR(32), source TEXT, url TEXT, added_at VARCHAR(32) NOT NULL, PRIMARY KEY (seq),
    UNIQUE (hash), UNIQUE (id));
CREATE TABLE articles (hash VARCHAR(64) NOT NULL, id VARCHAR(512) NOT NULL, story VARCHAR(64),
    published VARCHAR(32), source TEXT, language VARCHAR(8), data TEXT NOT NULL, PRIMARY KEY (hash), UNIQUE (id));
CREATE INDEX ix_articles_story ON articles (story);
CREATE TABLE stories (id VARCHAR(64) NOT NULL, date VARCHAR(32), headline TEXT, n_articles INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (id));
CREATE TABLE rejections (seq INTEGER NOT NULL, run INTEGER, origin TEXT NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY (seq));
CREATE INDEX ix_rejections_run ON rejections (run);
CREATE TABLE runs (id INTEGER NOT NULL, started VARCHAR(32) NOT NULL, finished VARCHAR(32), counts TEXT,
    PRIMARY KEY (id));
"""

# generated keys are left to the database, so that its sequences stay right (PostgreSQL)
_GENERATED = {"raw_articles": "seq", "rejections": "seq", "runs": "id"}
_V1_ORDER = {"khabar_meta": "key", "raw_articles": "seq", "articles": "hash", "stories": "id",
             "rejections": "seq", "runs": "id"}


def _source_rows(tmp_path: Path) -> dict[str, list[dict]]:
    """Every row of a store holding two runs' articles, a story and a rejection (read as plain rows)."""
    store = Store(str(tmp_path / "source.db"))
    service.run([_write(tmp_path / "in1", "a.txt", ART_A), _write(tmp_path / "in1", "empty.txt", "  \n")], store)
    service.run([_write(tmp_path / "in2", "b.txt", ART_B)], store)
    rows = {}
    v1 = _v1_tables()
    with store.engine.connect() as conn:
        for name, key in _V1_ORDER.items():
            columns = ", ".join(c.name for c in v1.tables[name].columns)  # columns added since are left out
            rows[name] = [dict(r) for r in conn.execute(text(f"SELECT {columns} FROM {name} ORDER BY {key}")).mappings()]
    store.close()
    rows["khabar_meta"] = [{"key": "schema_version", "value": "1"}]
    return rows


def _fill_v1(conn, md: MetaData, rows: dict[str, list[dict]]) -> None:
    for name in _V1_ORDER:
        table = md.tables[name]
        for r in rows[name]:
            conn.execute(table.insert().values({k: v for k, v in r.items() if k != _GENERATED.get(name)}))


def _snapshot(store: Store) -> dict:
    """What a reader of the store sees, as plain data."""
    return {
        "raw": [(d.id, d.raw, d.content_hash, d.origin, d.published) for d in store.raw_docs()],
        "articles": [serialize.article_to_dict(a) for a in store.articles()],
        "stories": [serialize.story_to_dict(s) for s in store.stories()],
        "rejections": store.rejections(),
        "counts": store.counts(),
    }


def _columns_match_json(store: Store) -> int:
    """Every article's header columns and every story's index columns (schema version 6) say
    what its JSON says, and the packed reads built from them equal those built from the JSON;
    returns how many stories belong to a thread."""
    from khabar.packed import PackedArticles, PackedStories
    with store.engine.connect() as conn:
        for key, of, dup, data in conn.execute(text(
                "SELECT analysis_key, duplicate_of, duplicate_kind, data FROM articles")):
            d = json.loads(data)
            assert (key, of, dup) == (d.get("analysis_key"), d.get("duplicate_of"), d.get("duplicate_kind"))
        threaded = 0
        for arts, merged, thread, cohesion, data in conn.execute(text(
                "SELECT articles, merged_from, thread, cohesion, data FROM stories")):
            d = json.loads(data)
            assert (json.loads(arts), json.loads(merged), thread) == (d["articles"], d["merged_from"], d.get("thread"))
            assert cohesion == d.get("cohesion")  # schema version 7
            threaded += thread is not None
        from_json = PackedArticles()
        for (data,) in conn.execute(text("SELECT data FROM articles")):
            from_json.add_json(data)
        stories_json = PackedStories()
        for (data,) in conn.execute(text("SELECT data FROM stories")):
            stories_json.add_json(data)
    assert sorted(store.packed_articles().headers()) == sorted(from_json.headers())
    assert sorted(store.packed_stories().index()) == sorted(stories_json.index())
    return threaded


def test_header_and_index_columns_say_what_the_json_says(tmp_path: Path, store_url: str) -> None:
    store = Store(store_url)
    service.run([SAMPLE], store)
    assert _columns_match_json(store) > 0  # the sample has threads, and their lookup reads the column
    with store.engine.connect() as conn:
        thread = conn.execute(text("SELECT thread FROM stories WHERE thread IS NOT NULL")).first()[0]
    members = store.thread_stories(thread)
    assert len(members) >= 2 and all(s.thread == thread for s in members)
    assert {s.id for s in members} == {s.id for s in store.stories() if s.thread == thread}
    store.close()


def test_the_version_6_step_fills_the_columns_from_the_json(tmp_path: Path, store_url: str) -> None:
    """A store at version 5 holds its articles' headers and stories' indexes only in their
    JSON: the step to version 6 copies them into the new columns, threads and copies too."""
    (extra := tmp_path / "extra").mkdir()
    first = next(p for p in sorted(SAMPLE.rglob("*")) if p.suffix == ".txt")
    (extra / "copy.txt").write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    store = Store(store_url)
    service.run([SAMPLE, extra], store)
    with store.engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")).scalar()
        conn.execute(text("UPDATE articles SET analysis_key = NULL, duplicate_of = NULL, duplicate_kind = NULL"))
        conn.execute(text("UPDATE stories SET articles = NULL, merged_from = NULL, thread = NULL"))
        conn.execute(text("UPDATE khabar_meta SET value = '5' WHERE key = 'schema_version'"))
    store.close()
    store = Store(store_url)
    assert (store.upgraded_from, store.schema_version) == (5, migrations.LATEST)
    assert _columns_match_json(store) > 0
    store.close()


def test_the_version_7_step_fills_the_cohesion_column_from_the_json(tmp_path: Path, store_url: str) -> None:
    store = Store(store_url)
    service.run([SAMPLE], store)
    with store.engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM stories WHERE cohesion IS NOT NULL")).scalar()
        conn.execute(text("UPDATE stories SET cohesion = NULL"))
        conn.execute(text("UPDATE khabar_meta SET value = '6' WHERE key = 'schema_version'"))
    store.close()
    store = Store(store_url)
    assert (store.upgraded_from, store.schema_version) == (6, migrations.LATEST)
    _columns_match_json(store)
    assert any(row[5] is not None for row in store.story_rows())
    store.close()


def _reopened_without(store_url: str, table: str, version: int) -> Store:
    """A store of the sample taken back to `version` by dropping the table the next step adds,
    then opened again (upgraded)."""
    store = Store(store_url)
    service.run([SAMPLE], store)
    with store.engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text(f"UPDATE khabar_meta SET value = '{version}' WHERE key = 'schema_version'"))
    store.close()
    store = Store(store_url)
    assert (store.upgraded_from, store.schema_version) == (version, migrations.LATEST)
    return store


def test_the_version_8_step_adds_the_corrections_table(tmp_path: Path, store_url: str) -> None:
    store = _reopened_without(store_url, "corrections", 7)
    assert store.corrections() == []
    a, b = [x.id for x in store.articles()][:2]
    (made,) = store.change_corrections([("apart", a, b)])
    assert store.corrections() == [made] and (made.article, made.other) == (a, b)
    store.close()


def test_the_version_9_step_adds_the_linkage_table(tmp_path: Path, store_url: str) -> None:
    store = _reopened_without(store_url, "linkage", 8)
    assert store.linkage_fingerprint() is None
    before = [s.id for s in store.stories()]
    service.run([SAMPLE], store)  # links again, and keeps it
    assert store.linkage_fingerprint() is not None and [s.id for s in store.stories()] == before
    store.close()


def _indexes(store: Store) -> set[tuple[str, str, tuple]]:
    insp = inspect(store.engine)
    return {(t, ix["name"], tuple(ix["column_names"])) for t in insp.get_table_names() for ix in insp.get_indexes(t)}


def _check_upgraded(url: str, tmp_path: Path, fresh_url: str) -> None:
    """Open an old store with the current code: schema brought up to date, data intact, still usable."""
    source = Store(str(tmp_path / "source.db"))
    expected = _snapshot(source)
    source.close()
    store = Store(url)
    assert (store.upgraded_from, store.schema_version) == (1, migrations.LATEST)
    assert _snapshot(store) == expected
    _columns_match_json(store)  # filled from the JSON by the version 6 step
    fresh = Store(fresh_url)
    assert _indexes(store) == _indexes(fresh)
    assert {("stories", "ix_stories_date", ("date",)), ("articles", "ix_articles_published", ("published",))} \
        <= _indexes(store)
    fresh.close()
    # it keeps working: a new article joins the stored story under its id
    (story,) = store.stories()
    assert store.signals_for([(a.id, a.analysis_key) for a in store.articles()]) == {}  # none kept before version 3
    service.run([_write(tmp_path / "in3", "c.txt", ART_B + " नावें पहुंच गई हैं।")], store)
    assert [s.id for s in store.stories() if "c" in s.articles] == [story.id]
    # and from that run on, every article's signals are kept (made again for the old ones),
    # and every story's profile, the kept story's too
    stored = [(a.id, a.analysis_key) for a in store.articles()]
    assert set(store.signals_for(stored)) == {i for i, _ in stored} and len(stored) == 3
    assert set(store.packed_stories().profiles) == {s.id for s in store.stories()}
    # and every raw input's preparation (schema version 5)
    from khabar.pipeline import PREPARED_VERSION
    assert store.prepared_hashes(PREPARED_VERSION) == store.known_hashes() and len(store.known_hashes()) == 3
    store.close()
    again = Store(url)
    assert (again.upgraded_from, again.schema_version) == (migrations.LATEST, migrations.LATEST)
    again.close()


def test_a_version_1_sqlite_file_opens_after_an_upgrade(tmp_path: Path) -> None:
    rows = _source_rows(tmp_path)
    old = tmp_path / "v1.db"
    con = sqlite3.connect(old)
    con.executescript(V1_SQLITE_DDL)
    for name in _V1_ORDER:
        for r in rows[name]:
            cols = [k for k in r if k != _GENERATED.get(name)]
            con.execute(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        [r[c] for c in cols])
    con.commit()
    con.close()
    _check_upgraded(str(old), tmp_path, str(tmp_path / "fresh.db"))


def test_a_version_1_store_opens_after_an_upgrade_on_every_backend(
    tmp_path: Path, store_url: str, second_store_url: str,
) -> None:
    rows = _source_rows(tmp_path)
    md = _v1_tables()
    engine = create_engine(db_url(store_url))
    with engine.begin() as conn:
        md.create_all(conn)
        _fill_v1(conn, md, rows)
    engine.dispose()
    _check_upgraded(store_url, tmp_path, second_store_url)


def test_a_failed_step_leaves_the_store_at_the_last_version_it_reached(
    tmp_path: Path, store_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = Store(store_url)
    service.run([_write(tmp_path / "in", "a.txt", ART_A)], store)
    before = _snapshot(store)
    store.close()
    nxt = migrations.LATEST + 1

    def broken(conn, md):
        conn.execute(text("CREATE TABLE khabar_probe (x INTEGER)"))
        raise RuntimeError("step failed")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, migrations.Migration(nxt, "t", broken)])
    monkeypatch.setattr(migrations, "LATEST", nxt)
    with pytest.raises(RuntimeError):
        Store(store_url)
    engine = create_engine(db_url(store_url))
    assert migrations.schema_version(engine, metadata) == nxt - 1
    assert not inspect(engine).has_table("khabar_probe")  # the step's own change was rolled back too
    engine.dispose()

    def fixed(conn, md):
        conn.execute(text("CREATE TABLE khabar_probe (x INTEGER)"))

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS[:-1], migrations.Migration(nxt, "t", fixed)])
    store = Store(store_url)
    assert (store.upgraded_from, store.schema_version) == (nxt - 1, nxt)
    assert inspect(store.engine).has_table("khabar_probe")
    assert _snapshot(store) == before
    store.close()


def test_a_store_from_a_newer_khabar_is_refused(store_url: str) -> None:
    Store(store_url).close()
    engine = create_engine(db_url(store_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE khabar_meta SET value = :v WHERE key = 'schema_version'"),
                     {"v": str(migrations.LATEST + 5)})
    engine.dispose()
    with pytest.raises(migrations.SchemaTooNew, match="upgrade khabar"):
        Store(store_url)


def test_u0000_is_kept_where_the_backend_can_and_refused_clearly_where_not(
    tmp_path: Path, store_url: str, request: pytest.FixtureRequest,
) -> None:
    store = Store(store_url)
    service.run([_write(tmp_path / "in", "a.txt", ART_A)], store)
    before = store.counts()
    doc = RawDoc(id="nul", raw="पाठ\x00यहाँ", kind="json", origin="test", content_hash="0" * 64)
    if request.node.callspec.params["store_url"] == "postgres":
        with pytest.raises(KhabarError, match="U\\+0000"):
            store.add_raw([doc])
        assert store.counts() == before
    else:
        store.add_raw([doc])
        assert store.raw_doc("nul").raw == doc.raw
    # a lookup holding U+0000 is an unknown id on every backend, never an error
    assert store.article("a\x00") is None and store.story("\x00") is None and store.raw_doc("x\x00") is None
    assert store.articles_page(10, story="\x00") == ([], 0)
    store.close()


def test_articles_by_ids_keeps_the_order_asked_for_across_many_ids(tmp_path: Path, store_url: str) -> None:
    store = Store(store_url)
    service.run([_write(tmp_path / "in", "a.txt", ART_A), _write(tmp_path / "in", "b.txt", ART_B)], store)
    asked = [f"none-{n}" for n in range(2500)]
    asked[1700:1700] = ["b"]
    asked[10:10] = ["a"]
    assert [a.id for a in store.articles_by_ids(asked)] == ["a", "b"]
    assert [a.id for a in store.articles_by_ids(["b", "a", "b"])] == ["b", "a"]
    store.close()


def test_results_written_in_batches_are_all_there(tmp_path: Path, store_url: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import khabar.store as store_module

    texts = [ART_A, ART_B, ART_A.replace("40", "45"), ART_B.replace("सोमवार", "मंगलवार"), "अकेली खबर\n\nकुछ और हुआ।"]
    paths = [_write(tmp_path / "in", f"{n}.txt", t) for n, t in enumerate(texts)]
    monkeypatch.setattr(store_module, "_WRITE_BATCH", 2)
    store = Store(store_url)
    service.run(paths, store)
    assert sorted(a.id for a in store.articles()) == ["0", "1", "2", "3", "4"]
    stories = store.stories()
    assert sorted(i for s in stories for i in s.articles) == ["0", "1", "2", "3", "4"]
    store.close()


def test_thread_and_prefix_lookups_read_only_their_stories(store_url: str) -> None:
    """`khabar show` asks the store for a story's thread and for a unique id prefix; both
    must find exactly the right stories, whatever characters the ids hold."""
    from khabar.model import Story

    stories = [Story("s1a", [], headline="one", thread="t_1"), Story("s1b", [], headline="two", thread="t_1"),
               Story("s2", [], headline="three", thread="t_10"), Story("s3%", [], headline="four", thread="t%1"),
               Story("s4", [], headline="five"), Story("s4_x", [], headline="six",
                                                        summary=[], merged_from=['"thread": "t_1"'])]
    store = Store(store_url)
    store.replace_results([], stories)
    assert sorted(s.id for s in store.thread_stories("t_1")) == ["s1a", "s1b"]
    assert [s.id for s in store.thread_stories("t%1")] == ["s3%"]
    assert [s.id for s in store.thread_stories("t_10")] == ["s2"]
    assert store.thread_stories("t") == []
    assert [s.id for s in store.stories_by_prefix("s1")] == ["s1a", "s1b"]
    assert [s.id for s in store.stories_by_prefix("s3%")] == ["s3%"]
    assert [s.id for s in store.stories_by_prefix("s4_")] == ["s4_x"]  # "_" is no wildcard
    assert [s.id for s in store.stories_by_prefix("s", limit=10)] == ["s1a", "s1b", "s2", "s3%", "s4", "s4_x"]
    with pytest.raises(KhabarError):
        service.get_story(store, "s1")  # two stories start so
    assert service.get_story(store, "s2")[0].headline == "three"
    # U+0000 can be in no id on any backend: nothing found, never an error
    assert store.stories_by_prefix("s\x00") == [] and store.thread_stories("t\x00") == []
    store.close()


def test_add_raw_streams_an_iterator_in_one_transaction(store_url: str) -> None:
    store = Store(store_url)

    def docs(n: int, fail_at: int | None = None):
        for k in range(n):
            if k == fail_at:
                raise RuntimeError("input broke")
            yield RawDoc(id=f"d{k}", raw=f"पाठ {k}", kind="json", origin=f"in:{k}", content_hash=f"{k:064x}")

    # more than one write batch, read from a generator: every one is stored, in order
    assert store.add_raw(docs(2500)) == 2500
    assert [d.id for d in store.iter_raw_docs()] == [f"d{k}" for k in range(2500)]
    # read over several batches with every third one's content left out (each batch's
    # contents are read on the connection that streams the rows)
    left_out = {f"{k:064x}" for k in range(0, 2500, 3)}
    assert [(d.id, d.raw) for d in store.iter_raw_docs(without_raw=left_out)] == \
        [(f"d{k}", None if k % 3 == 0 else f"पाठ {k}") for k in range(2500)]
    # an input that breaks after two batches were written leaves none of that call stored
    with pytest.raises(RuntimeError):
        store.add_raw(RawDoc(id="e" + d.id, raw=d.raw, kind=d.kind, origin=d.origin, content_hash="e" + d.content_hash[1:])
                      for d in docs(2500, fail_at=2100))
    assert store.counts()["raw"] == 2500
    store.close()
