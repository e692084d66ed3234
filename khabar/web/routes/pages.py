"""Server-rendered pages: stories, a story, an article, threads, entities, and the API reference."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from khabar import queries, service
from khabar.errors import ArticleNotFound, StoryNotFound
from khabar.web.deps import FilterDep, StoreDep, require_read
from khabar.web.render import article_html
from khabar.web.schemas import article_url

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)
PAGE_SIZE = 50


def _page(request: Request, name: str, **ctx) -> HTMLResponse:
    """Render a template with the request and the app's root path."""
    ctx.setdefault("root", request.scope.get("root_path", ""))
    return request.app.state.templates.TemplateResponse(request, name, ctx)


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, store: StoreDep, f: FilterDep,
                 offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """The stories, newest first, with the filter form."""
    rows = queries.find_stories(store, f)
    outlets, languages = queries.facets(store)
    params = {k: v for k, v in (("q", f.q), ("from", f.date_from), ("to", f.date_to), ("outlet", f.outlet),
                                 ("entity", f.entity), ("lang", f.lang)) if v}
    return _page(request, "stories.html", rows=rows[offset:offset + PAGE_SIZE], count=len(rows), f=f,
                 outlets=outlets, languages=languages, offset=offset, page_size=PAGE_SIZE, params=params)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    """One story: summary with citations, coverage, entities, articles, timeline."""
    try:
        v = queries.story_view(store, story_id)
    except StoryNotFound as e:
        raise HTTPException(404, str(e)) from None
    root = request.scope.get("root_path", "")
    cite_urls = {(i, c.article): article_url(root, c.article, c.anchor)
                 for i, s in enumerate(v.summary) for c in s.citations}
    by_id = {a.id: a for a in v.articles}

    def cite(article_id: str, start: int) -> str:
        """Link to the sentence of an article that holds offset `start` (quotes, facts, 5W1H)."""
        a = by_id.get(article_id)
        return article_url(root, article_id, queries.sentence_anchor(a, start) if a else None)

    return _page(request, "story.html", v=v, cite_urls=cite_urls, timeline=_timeline(v), cite=cite,
                 thread_timeline=_thread_timeline(v), speakers=_quotes_by_speaker(v))


def _thread_timeline(v: queries.StoryView) -> dict:
    """Rows of the thread's picture: each dated story of the thread with its article count."""
    rows = [{"date": t.date[:10], "n": len(t.articles), "numbers": [], "event": t.id == v.story.id}
            for t in v.thread if t.date]
    return {"rows": rows, "max": max([r["n"] for r in rows] + [1])}


def _quotes_by_speaker(v: queries.StoryView) -> list[dict]:
    """The story's quotes grouped by speaker (entity when resolved, else the words as written),
    speakers with most quotes first, unattributed quotes last."""
    names = {e.id: e.name for e in v.entities}
    groups: dict[str, dict] = {}
    for q in v.story.quotes:
        key = q.entity or (q.speaker or "").strip() or ""
        g = groups.setdefault(key, {"name": names.get(q.entity, q.speaker) if q.entity else q.speaker,
                                    "entity": q.entity, "quotes": [], "articles": set()})
        g["quotes"].append(q)
        g["articles"].add(q.article)
    return sorted(groups.values(), key=lambda g: (not g["name"], -len(g["quotes"]), g["name"] or ""))


def _timeline(v: queries.StoryView) -> dict:
    """Rows of the story's timeline: publication dates with their articles, and the event date."""
    rows = [{"date": d, "n": len(arts), "numbers": [v.numbers[a.id] for a in arts], "event": False}
            for d, arts in v.timeline]
    event = (v.story.date or "")[:10]
    if event and not any(r["date"] == event for r in rows):
        rows.append({"date": event, "n": 0, "numbers": [], "event": True})
        rows.sort(key=lambda r: r["date"])
    for r in rows:
        r["event"] = r["date"] == event
    return {"rows": rows, "max": max([r["n"] for r in rows] + [1])}


@router.get("/articles/{article_id:path}/raw", response_class=PlainTextResponse)
def raw_page(article_id: str, store: StoreDep) -> PlainTextResponse:
    """The verbatim input of an article, as plain text (HTML input too: never rendered)."""
    try:
        raw = queries.get_raw(store, article_id)
    except ArticleNotFound as e:
        raise HTTPException(404, str(e)) from None
    return PlainTextResponse(raw.raw, media_type="text/plain; charset=utf-8")


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(article_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    """One article: clean text with entity and date highlights, removed boilerplate dimmed."""
    try:
        a = queries.get_article(store, article_id)
    except ArticleNotFound as e:
        raise HTTPException(404, str(e)) from None
    root = request.scope.get("root_path", "")
    safe_url = a.url if a.url and a.url.lower().startswith(("http://", "https://")) else None
    return _page(request, "article.html", a=a, body=article_html(a, root), safe_url=safe_url)


@router.get("/threads", response_class=HTMLResponse)
def threads_page(request: Request, store: StoreDep, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """The threads, the one with the newest story first, each linking to that story (whose
    page draws the thread's timeline)."""
    rows = service.thread_rows(store)
    return _page(request, "threads.html", rows=rows[offset:offset + PAGE_SIZE], count=len(rows), offset=offset,
                 page_size=PAGE_SIZE)


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, store: StoreDep,
                  q: Annotated[str | None, Query(max_length=300)] = None,
                  label: Annotated[str | None, Query(max_length=16)] = None,
                  offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    """Entities across stories, with a name search (any spelling)."""
    rows = queries.find_entities(store, (q or "").strip() or None, (label or "").strip() or None)
    return _page(request, "entities.html", rows=rows[offset:offset + PAGE_SIZE], count=len(rows), q=q or "",
                 label=label or "", offset=offset, page_size=PAGE_SIZE)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(entity_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    """One entity: its spellings, its stories over time, the entities it appears with."""
    try:
        v = queries.entity_view(store, entity_id)
    except queries.EntityNotFound as e:
        raise HTTPException(404, str(e)) from None
    dated = [r for r in v.stories if r.story.date]
    rows = [{"date": r.story.date[:10], "n": r.n_articles, "numbers": [], "event": False} for r in reversed(dated)]
    return _page(request, "entity.html", v=v, timeline={"rows": rows, "max": max([r["n"] for r in rows] + [1])})


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The REST API reference, rendered from the OpenAPI spec (no script, works offline)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {})
            ops.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "params": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                            "type": _type_name(p.get("schema", {})),
                            "description": p.get("description") or p.get("schema", {}).get("description", "")}
                           for p in op.get("parameters", [])],
                "body": sorted(body.get("content", {})), "body_description": body.get("description", ""),
                "responses": [(code, r.get("description", "")) for code, r in op.get("responses", {}).items()],
            })
    return _page(request, "docs.html", ops=ops, spec=spec)


def _type_name(schema: dict) -> str:
    """A short type name of a JSON schema (for the reference page)."""
    if "anyOf" in schema:
        return " or ".join(_type_name(s) for s in schema["anyOf"])
    return str(schema.get("type", schema.get("$ref", "").rsplit("/", 1)[-1] or "any"))
