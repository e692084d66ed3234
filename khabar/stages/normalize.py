"""Stage 1: Unicode and whitespace normalization of extracted text."""
from __future__ import annotations


def normalize(text: str) -> str:
    """NFC, nukta/ZWJ/ZWNJ handling, danda and pipe, whitespace; keeps line structure."""
    raise NotImplementedError
