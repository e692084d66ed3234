"""Stage 4: the article's language."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class LanguageResult:
    language: str  # "hi", "en" or "other"
    romanized_hindi: bool = False


def detect_language(text: str) -> LanguageResult:
    """Hindi, English or other; notices Hindi written in Latin script."""
    raise NotImplementedError
