"""Dependencies shared by the pages and the API: the store, token checks, story filters."""

from __future__ import annotations

import hmac
from typing import Annotated

import regex
from fastapi import Depends, HTTPException, Query, Request

from khabar.queries import StoryFilter
from khabar.store import Store

_DATE_RE = regex.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def get_store(request: Request) -> Store:
    """The store the app was created over."""
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def _check_token(request: Request, what: str) -> None:
    """Raise 403 if no token is configured, 401 if the request does not carry the right one."""
    token: str | None = request.app.state.token
    if not token:
        raise HTTPException(403, f"{what} are disabled: no token is configured on the server (KHABAR_TOKEN)")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, f"{what} need an 'Authorization: Bearer <token>' header",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "the bearer token is not valid",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def require_write(request: Request) -> None:
    """Writes always need the bearer token."""
    _check_token(request, "writes")


def require_read(request: Request) -> None:
    """Reads need the bearer token only when the app was told so."""
    if request.app.state.require_token_for_reads:
        _check_token(request, "reads")


def _blank(v: str | None) -> str | None:
    """A form's empty field means 'not given'."""
    return v.strip() if v and v.strip() else None


def _date(v: str | None, name: str) -> str | None:
    v = _blank(v)
    if v is not None and not _DATE_RE.match(v):
        raise HTTPException(422, f"'{name}' must be an ISO date: YYYY-MM-DD, YYYY-MM or YYYY (got {v[:40]!r})")
    return v


def story_filter(
    q: Annotated[str | None, Query(max_length=500,
                                   description="Words to find in headlines and texts (any spelling).")] = None,
    date_from: Annotated[str | None, Query(alias="from",
                                           description="Event date on or after (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="Event date on or before (YYYY[-MM[-DD]]).")] = None,
    outlet: Annotated[str | None, Query(max_length=300, description="An outlet that carried the story.")] = None,
    entity: Annotated[str | None, Query(max_length=300, description="An entity id, or a name in any spelling.")] = None,
    lang: Annotated[str | None, Query(max_length=16, description="A language of its articles: hi, en, other.")] = None,
) -> StoryFilter:
    """The story filters of a request (empty values are ignored)."""
    return StoryFilter(q=_blank(q), date_from=_date(date_from, "from"), date_to=_date(date_to, "to"),
                       outlet=_blank(outlet), entity=_blank(entity), lang=_blank(lang))


FilterDep = Annotated[StoryFilter, Depends(story_filter)]
