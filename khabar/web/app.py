"""The web app: server-rendered pages and the REST API over one store (issue 6)."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.templating import Jinja2Templates

from khabar import service
from khabar.text import shown_title
from khabar.web.schemas import ArticleCreate

HERE = Path(__file__).resolve().parent
# a request body above this is refused with 413: the sample's whole JSONL is 60 KB and one
# long web page with its HTML ~2 MB, so 10 MB takes a batch of pages; KHABAR_MAX_REQUEST_BYTES overrides
DEFAULT_MAX_BODY = 10_000_000
# pages: a restrictive policy (no script at all; the pages work without JavaScript)
PAGE_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")


def create_app(
    db: str | None = None,
    token: str | None = None,
    require_token_for_reads: bool = False,
    max_body_bytes: int | None = None,
) -> FastAPI:
    """The FastAPI app over the store `db` (default: settings); writes need `token` (or $KHABAR_TOKEN)."""
    store = service.open_store(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(
        title="khabar",
        summary="News events from Hindi and English reports: stories, entities, cited summaries.",
        version="0.1.0",
        docs_url=None,  # the default Swagger page loads its JS from a CDN: /docs is served by the pages instead
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.token = token or os.environ.get("KHABAR_TOKEN") or None
    app.state.require_token_for_reads = require_token_for_reads or os.environ.get(
        "KHABAR_REQUIRE_TOKEN_FOR_READS", "") in ("1", "true", "yes")
    env_max = os.environ.get("KHABAR_MAX_REQUEST_BYTES", "")
    app.state.max_body_bytes = max_body_bytes or (int(env_max) if env_max.isdigit() else DEFAULT_MAX_BODY)
    app.state.templates = _templates()

    from khabar.web.routes import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def openapi() -> dict:
        """FastAPI's spec plus the ingest body's schema (the body is parsed by hand: JSON or JSON Lines)."""
        if app.openapi_schema is None:
            spec = FastAPI.openapi(app)
            schemas = spec.setdefault("components", {}).setdefault("schemas", {})
            schemas["ArticleCreate"] = ArticleCreate.model_json_schema(ref_template="#/components/schemas/{model}")
            # a 422 from a checked value (e.g. a date filter) says why in one string, not a list
            detail = schemas.get("HTTPValidationError", {}).get("properties", {}).get("detail")
            if detail and "type" in detail:
                schemas["HTTPValidationError"]["properties"]["detail"] = {
                    "anyOf": [{k: v for k, v in detail.items() if k != "title"}, {"type": "string"}],
                    "title": detail.get("title", "Detail"),
                }
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        if _wants_json(request):
            return JSONResponse({"detail": _jsonable_errors(exc)}, status_code=422)
        msgs = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return _error(request, 422, msgs)

    return app


def _templates() -> Jinja2Templates:
    """Templates with autoescaping everywhere and undefined names as errors."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["u"] = lambda v: quote(str(v))
    env.filters["shown_title"] = lambda a: shown_title(a.title, a.text)  # an untitled one by its opening
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    """API paths answer in JSON, pages in HTML."""
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def _jsonable_errors(exc: RequestValidationError) -> list[dict]:
    """Validation errors without the raw input (which may be large or not JSON-serialisable)."""
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]


def _error(request: Request, status: int, detail: str, headers: dict | None = None):
    """An error as JSON for the API, as a page for the browser."""
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "detail": detail, "root": request.scope.get("root_path", "")},
        status_code=status, headers=headers,
    )
