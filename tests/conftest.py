"""Shared test fixtures: paths to the corpora in ../shared (CI has them beside the clone)."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared corpus folder; tests that need it are skipped only if it is truly absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def seeds_dir(corpus: Path) -> Path:
    return corpus / "seeds"


# -- store backends: every store/service/API test runs on SQLite and on PostgreSQL ---------
PG_ENV = "KHABAR_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgres")


@contextmanager
def fresh_store_url(backend: str, folder: Path) -> Iterator[str]:
    """A store URL with nothing in it: a new SQLite file, or a new PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        yield str(folder / "khabar.db")
        return
    base = os.environ.get(PG_ENV, "").strip()
    if not base:
        pytest.skip(f"PostgreSQL variant: {PG_ENV} is not set (e.g. postgresql://khabar@127.0.0.1:5432/khabar_test; "
                    ".ci/run starts a server and sets it)")
    from sqlalchemy import create_engine

    from khabar.store import db_url

    schema = f"khabar_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(db_url(base))
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield _with_search_path(base, schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


def _with_search_path(url: str, schema: str) -> str:
    """The URL with libpq's `options` set so that every connection works in `schema`."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store for one test, on each backend (PostgreSQL only when KHABAR_TEST_POSTGRES_URL is set)."""
    with fresh_store_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def module_store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty store shared by one module's tests, on each backend."""
    with fresh_store_url(request.param, tmp_path_factory.mktemp(request.param)) as url:
        yield url


@pytest.fixture
def second_store_url(store_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Another empty store on the same backend as `store_url` (to compare two stores)."""
    folder = tmp_path / "second"
    folder.mkdir()
    with fresh_store_url(request.node.callspec.params["store_url"], folder) as url:
        yield url


# an invented report that opens with its first sentence, so it has no title line
UNTITLED_OPENING = ("जिले के पूर्वी गांवों में रविवार की रात तेज आंधी से दर्जनों पेड़ गिर गए और कई घरों की छतें उड़ "
                    "गईं, जिससे बिजली की आपूर्ति पूरी रात ठप रही ।")


@pytest.fixture
def untitled_report(tmp_path: Path) -> tuple[Path, str]:
    """A text file holding one untitled report, and its first line (`UNTITLED_OPENING`)."""
    path = tmp_path / "storm.txt"
    path.write_text(UNTITLED_OPENING + "\n\nप्रशासन ने सोमवार को नुकसान का सर्वे शुरू किया ।\n", encoding="utf-8")
    return path, UNTITLED_OPENING
