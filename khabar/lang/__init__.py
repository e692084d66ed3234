"""Language data: word lists under lang/<code>/, each file opening with a '# source:' line."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def word_list(lang: str, name: str) -> frozenset[str]:
    """The entries of lang/<lang>/<name>.txt (one per line, '#' comments skipped)."""
    path = resources.files("khabar.lang").joinpath(lang, f"{name}.txt")
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))


@lru_cache(maxsize=None)
def role_entries(lang: str, name: str, role: str) -> frozenset[str]:
    """The entries of lang/<lang>/<name>.txt written "<role> <entry>" (facts_words.txt's
    "role मंत्री", "home भारत"), without the role."""
    prefix = role + " "
    return frozenset(w[len(prefix):] for w in word_list(lang, name) if w.startswith(prefix))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Hindi and English stopwords together, made once (content words for TF-IDF views)."""
    return word_list("hi", "stopwords") | word_list("en", "stopwords")
