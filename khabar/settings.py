"""One settings object: defaults shipped here, overridable by environment and flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value and value.isdigit() else default


@dataclass
class Settings:
    # Store URL or path; KHABAR_DB overrides the default ./khabar.db
    db: str = field(default_factory=lambda: os.environ.get("KHABAR_DB", "khabar.db"))
    # One article's raw text above this is rejected: the longest page in the Hindi 2020
    # corpus is 79 KB and a long web page with its HTML ~2 MB; 5 MB leaves a wide margin.
    max_article_bytes: int = field(default_factory=lambda: _env_int("KHABAR_MAX_ARTICLE_BYTES", 5_000_000))
    # A whole .json file (read at once); .jsonl is streamed and has no file limit.
    max_json_bytes: int = field(default_factory=lambda: _env_int("KHABAR_MAX_JSON_BYTES", 200_000_000))
    # Sentences per story summary.
    summary_size: int = field(default_factory=lambda: _env_int("KHABAR_SUMMARY_SIZE", 5))
