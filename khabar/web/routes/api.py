"""The REST API under /api: stories, articles, entities, ingest and export (JSON)."""

from __future__ import annotations

import json
import threading
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse

from khabar import queries, service
from khabar.errors import ArticleNotFound, CorrectionNotFound, NothingToCorrect, StoryNotFound, reason
from khabar.ingest import FIELD_ALIASES
from khabar.model import Rejection
from khabar.web.deps import FilterDep, StoreDep, require_read, require_write
from khabar.web.schemas import (
    ArticleBrief,
    ArticlePublic,
    ArticlesPublic,
    CorrectionResult,
    CorrectionsPublic,
    CorrectionPublic,
    DetachRequest,
    EntitiesPublic,
    EntityBrief,
    EntityPublic,
    IngestResult,
    JoinRequest,
    StoriesPublic,
    StoryBrief,
    StoryPublic,
    ThreadBrief,
    ThreadsPublic,
)

router = APIRouter(prefix="/api", tags=["api"])
read = [Depends(require_read)]
Limit = Annotated[int, Query(ge=1, le=500, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many items.")]

NDJSON_TYPES = {"application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines",
                "application/jsonlines"}
_INGEST_LOCK = threading.Lock()  # one ingest at a time: each one re-derives the whole corpus


@router.get("/stories", dependencies=read, response_model=StoriesPublic)
def list_stories(store: StoreDep, f: FilterDep, limit: Limit = 50, offset: Offset = 0) -> StoriesPublic:
    """Stories, newest event first, filtered by date range, outlet, entity, language and words (`q`)."""
    rows = queries.find_stories(store, f)
    return StoriesPublic(data=[StoryBrief.from_row(r) for r in rows[offset:offset + limit]], count=len(rows))


@router.get("/stories/{story_id}", dependencies=read, response_model=StoryPublic,
            responses={404: {"description": "No such story"}})
def get_story(story_id: str, store: StoreDep, request: Request) -> StoryPublic:
    """A story: headline, event date, cited summary, entities with spellings, articles."""
    try:
        view = queries.story_view(store, story_id)
    except StoryNotFound as e:
        raise HTTPException(404, str(e)) from None
    return StoryPublic.from_view(view, request.scope.get("root_path", ""))


@router.get("/articles", dependencies=read, response_model=ArticlesPublic)
def list_articles(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    story: Annotated[str | None, Query(description="Only the articles of this story.")] = None,
    outlet: Annotated[str | None, Query(description="Only this outlet's articles.")] = None,
    lang: Annotated[str | None, Query(description="Only articles in this language.")] = None,
) -> ArticlesPublic:
    """Articles (without text), newest publication first."""
    arts, total = queries.list_articles(store, limit, offset, story=story or None, outlet=outlet or None,
                                        lang=lang or None)
    return ArticlesPublic(data=[ArticleBrief.from_article(a) for a in arts], count=total)


_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "description": "One article object, a JSON list of them, or JSON Lines (application/x-ndjson).",
        "content": {
            "application/json": {"schema": {"oneOf": [
                {"$ref": "#/components/schemas/ArticleCreate"},
                {"type": "array", "items": {"$ref": "#/components/schemas/ArticleCreate"}},
            ]}},
            "application/x-ndjson": {"schema": {"type": "string", "description": "One ArticleCreate object a line."}},
        },
    }
}


@router.post(
    "/articles",
    dependencies=[Depends(require_write)],
    response_model=IngestResult,
    openapi_extra=_INGEST_BODY,
    responses={
        400: {"description": "The body is empty, not UTF-8 or not JSON"},
        401: {"description": "No or wrong bearer token"},
        403: {"description": "Writes are disabled (no token configured)"},
        413: {"description": "The body is larger than the server's limit"},
        415: {"description": "Not JSON or JSON Lines"},
        422: {"description": "No usable article in the body (the rejections say why)"},
    },
)
async def create_articles(request: Request, store: StoreDep):
    """Add articles and process the corpus like `khabar run`: counts, new ids, rejections with reasons."""
    body = await _read_body(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    records, origins = _parse_body(body, ctype)
    records = [_storable(r, o) for r, o in zip(records, origins, strict=True)]
    report = await run_in_threadpool(_ingest, store, records, origins)
    result = IngestResult.from_report(report, await run_in_threadpool(store.counts))
    if not report.ok:
        return JSONResponse({"detail": "no usable article in the request", **result.model_dump()}, status_code=422)
    return result


_CORRECTION_ERRORS = {
    400: {"description": "The body is not JSON"},
    401: {"description": "No or wrong bearer token"},
    403: {"description": "Writes are disabled (no token configured)"},
    404: {"description": "No such article, story or correction"},
    409: {"description": "The correction would change nothing"},
}


@router.get("/corrections", dependencies=read, response_model=CorrectionsPublic)
def list_corrections(store: StoreDep) -> CorrectionsPublic:
    """The reader's corrections of the grouping (articles kept apart or together), oldest first."""
    rows = service.corrections(store)
    return CorrectionsPublic(data=[CorrectionPublic.of(c) for c in rows], count=len(rows))


@router.post("/corrections/detach", dependencies=[Depends(require_write)], response_model=CorrectionResult,
             responses=_CORRECTION_ERRORS)
def detach(body: DetachRequest, store: StoreDep) -> CorrectionResult:
    """Take articles out of their story for good, as one story (as `khabar detach`), and group the corpus again."""
    return _correct(lambda: service.detach(store, body.articles))


@router.post("/corrections/join", dependencies=[Depends(require_write)], response_model=CorrectionResult,
             responses=_CORRECTION_ERRORS)
def join(body: JoinRequest, store: StoreDep) -> CorrectionResult:
    """Make one story of two for good (as `khabar join`), and group the corpus again."""
    return _correct(lambda: service.join(store, body.item, body.other))


@router.delete("/corrections/{correction_id}", dependencies=[Depends(require_write)], response_model=CorrectionResult,
               responses=_CORRECTION_ERRORS)
def withdraw(correction_id: int, store: StoreDep) -> CorrectionResult:
    """Take a correction back (as `khabar corrections --withdraw`), and group the corpus again."""
    return _correct(lambda: service.withdraw(store, correction_id))


def _correct(act) -> CorrectionResult:
    """One correction at a time (each groups the whole corpus again, as an ingest does)."""
    try:
        with _INGEST_LOCK:
            return CorrectionResult.from_report(act())
    except (ArticleNotFound, StoryNotFound, CorrectionNotFound) as e:
        raise HTTPException(404, str(e)) from None
    except NothingToCorrect as e:
        raise HTTPException(409, str(e)) from None


# the record fields the store keeps as text, under khabar's names and the others it reads
_STORED_FIELDS = tuple(dict.fromkeys(key for name in ("id", "text", "html", "title", "source", "url")
                                     for key in FIELD_ALIASES[name]))


def _storable(rec: object, origin: str) -> object:
    """The record, or a Rejection if a stored field cannot be kept as text on every backend.

    JSON may carry U+0000 (PostgreSQL text cannot hold it) and lone surrogates (not
    encodable as UTF-8: no backend takes them). An id too long for the store is rejected
    where every record is read (`khabar.ingest`).
    """
    if not isinstance(rec, dict):
        return rec
    for key in _STORED_FIELDS:
        value = rec.get(key)
        if not isinstance(value, str):
            continue
        if "\x00" in value:
            return Rejection(origin, reason("E006") + f" (U+0000 in {key!r})")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            return Rejection(origin, reason("E007", detail=f"lone surrogate U+{ord(value[e.start]):04X} in {key!r}"))
    return rec


def _ingest(store, records: list, origins: list[str]) -> service.RunReport:
    """One ingest at a time."""
    with _INGEST_LOCK:
        return queries.ingest_json(store, records, origins)


async def _read_body(request: Request) -> bytes:
    """The request body, refused with 413 past the limit (announced or streamed)."""
    limit: int = request.app.state.max_body_bytes
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise HTTPException(400, "the Content-Length header is not a number")
        if int(declared) > limit:
            raise HTTPException(413, f"the body is {int(declared):,} bytes; the limit is {limit:,} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_body(body: bytes, ctype: str) -> tuple[list, list[str]]:
    """Article records and their origins from a JSON or JSON Lines body; 400/415/422 if unusable."""
    is_lines = ctype in NDJSON_TYPES
    if not (is_lines or ctype in ("", "application/json") or ctype.endswith("+json")):
        raise HTTPException(415, f"unsupported content type {ctype!r}: send application/json or application/x-ndjson")
    try:
        text = body.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        raise HTTPException(400, f"the body is not UTF-8 (byte 0x{body[e.start]:02x} at offset {e.start})") from None
    if not text.strip():
        raise HTTPException(400, "the body is empty")
    if is_lines:
        records: list = []
        origins: list[str] = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            origin = f"request:{n}"
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                records.append(Rejection(origin, reason("E008", detail=e.msg)))
            origins.append(origin)
        return records, origins
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise HTTPException(400, f"malformed JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    if isinstance(obj, dict):
        return [obj], ["request"]
    if isinstance(obj, list):
        if not obj:
            raise HTTPException(422, "the list has no articles")
        return obj, [f"request[{n}]" for n in range(1, len(obj) + 1)]
    raise HTTPException(422, f"expected an article object or a list of them, got {type(obj).__name__}")


@router.get("/articles/{article_id:path}", dependencies=read, response_model=ArticlePublic,
            responses={404: {"description": "No such article"}})
def get_article(article_id: str, store: StoreDep) -> ArticlePublic:
    """An article: clean text, removed boilerplate, entity and date mentions, sentences (offsets)."""
    try:
        return ArticlePublic.from_article(queries.get_article(store, article_id))
    except ArticleNotFound as e:
        raise HTTPException(404, str(e)) from None


@router.get("/threads", dependencies=read, response_model=ThreadsPublic)
def list_threads(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> ThreadsPublic:
    """Threads (stories that continue one another), the one with the newest story first."""
    rows = service.thread_rows(store)
    return ThreadsPublic(data=[ThreadBrief.from_row(r) for r in rows[offset:offset + limit]], count=len(rows))


@router.get("/entities", dependencies=read, response_model=EntitiesPublic)
def list_entities(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=300, description="Words the name begins with, any spelling.")] = None,
    label: Annotated[str | None, Query(description="PER, LOC, ORG or MISC.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EntitiesPublic:
    """Entities across stories, those in most stories first."""
    rows = queries.find_entities(store, q or None, label or None)
    return EntitiesPublic(data=[EntityBrief.from_row(e) for e in rows[offset:offset + limit]], count=len(rows))


@router.get("/entities/{entity_id}", dependencies=read, response_model=EntityPublic,
            responses={404: {"description": "No such entity"}})
def get_entity(entity_id: str, store: StoreDep) -> EntityPublic:
    """An entity: spellings with counts, its stories (newest first), the entities it appears with."""
    try:
        return EntityPublic.from_view(queries.entity_view(store, entity_id))
    except queries.EntityNotFound as e:
        raise HTTPException(404, str(e)) from None


@router.get("/export", dependencies=read, response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}},
                             "description": "One JSON object a line: every article, then every story."}})
def export(store: StoreDep) -> StreamingResponse:
    """Everything as JSON Lines (the export contract of `khabar export`)."""
    return StreamingResponse(_chunks(service.export_records(store)), media_type="application/x-ndjson")


def _chunks(records, size: int = 65536):
    """JSON Lines in chunks of about `size` characters (one chunk a line is slow to stream)."""
    buf: list[str] = []
    n = 0
    for rec in records:
        line = json.dumps(rec, ensure_ascii=False) + "\n"
        buf.append(line)
        n += len(line)
        if n >= size:
            yield "".join(buf)
            buf, n = [], 0
    if buf:
        yield "".join(buf)

