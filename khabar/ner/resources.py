"""Word lists for NER and entity rules, loaded once from package data."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from khabar.fold import fold_key


@lru_cache(maxsize=None)
def word_list(language: str, name: str) -> frozenset[str]:
    """The items of `khabar/lang/<language>/<name>` (comment and blank lines skipped)."""
    path = files("khabar") / "lang" / language / name
    items = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            items.add(line.split("\t")[0].strip())
    return frozenset(items)


@lru_cache(maxsize=None)
def place_names(language: str) -> frozenset[str]:
    """Country names (CLDR) and the curated places of `language`, as written."""
    names = set(word_list(language, "gazetteer_countries.txt"))
    names |= word_list(language, "gazetteer_places.tsv" if language == "hi"
                       else "gazetteer_places.txt")
    return frozenset(n for n in names if "(" not in n)


@lru_cache(maxsize=None)
def place_keys(language: str) -> frozenset[str]:
    """Folded keys of the place names, so spelling variants of a place match too."""
    return frozenset(fold_key(n) for n in place_names(language))


@lru_cache(maxsize=None)
def place_token_seqs(language: str) -> dict[str, int]:
    """First folded token of every place -> the longest place length (in tokens) it starts."""
    out: dict[str, int] = {}
    for key in place_keys(language):
        parts = key.split()
        if parts:
            out[parts[0]] = max(out.get(parts[0], 0), len(parts))
    return out
