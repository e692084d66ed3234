"""The `khabar serve` command: the web pages and the REST API over a store (issue 6)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer


def serve(
    db: Annotated[
        Optional[str],
        typer.Option("--db", help="Store: a SQLite file path or a URL (default: $KHABAR_DB or ./khabar.db)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the stories as web pages and a REST API (writes need $KHABAR_TOKEN)."""
    try:
        import uvicorn

        from khabar.web.app import create_app
    except ImportError as err:  # the web extra is not installed
        raise typer.BadParameter(f"the web server needs the 'web' extra: pip install 'khabar[web]' ({err})") from None
    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
