"""Token features for the Hindi CRF: word, folded word, affixes, shape, context and cues."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import regex

from khabar.fold import fold_key
from khabar.ner.resources import place_token_seqs, place_keys, word_list

FEATURES_VERSION = "2"  # 2: word classes from unlabelled news (khabar/ner/build_clusters.py)

_DEVANAGARI = regex.compile(r"\p{Devanagari}")
_LATIN = regex.compile(r"\p{Latin}")


def sentence_features(tokens: list[str]) -> list[list[str]]:
    """CRF feature strings for every token of one sentence."""
    posts = word_list("hi", "ner_postpositions.txt")
    titles = word_list("hi", "titles.txt")
    own = [token_features(t) for t in tokens]  # cached per distinct token
    ctx = [as_neighbour_features(t) for t in tokens]  # what a token says about the tokens beside it, cached too
    gaz = _gazetteer_marks([o[0] for o in own])
    n = len(tokens)
    out = []
    for i, tok in enumerate(tokens):
        f = list(own[i][1])
        if gaz[i]:
            f.append("gaz=" + gaz[i])
        if i > 0:
            f.extend(ctx[i - 1][0])  # the coarse class of each neighbour
        if i + 1 < n:
            f.extend(ctx[i + 1][1])
        f.append(ctx[i - 2][2] if i > 1 else "w-2=<s>")
        f.extend(ctx[i - 1][3] if i > 0 else ("w-1=<s>",))
        f.extend(ctx[i + 1][4] if i + 1 < n else ("w+1=</s>",))
        f.append(ctx[i + 2][5] if i + 2 < n else "w+2=</s>")
        if i > 0:
            f.append("bg-=" + tokens[i - 1] + "|" + tok)
        if i + 1 < n:
            f.append("bg+=" + tok + "|" + tokens[i + 1])
            if tokens[i + 1] in posts:
                f.append("next_post")
        if i + 2 < n and tokens[i + 2] in posts:
            f.append("next2_post")
        if i > 0 and tokens[i - 1] in titles:
            f.append("prev_title")
        if i > 1 and tokens[i - 2] in titles:
            f.append("prev2_title")
        if tok in titles:
            f.append("is_title")
        if tok in posts:
            f.append("is_post")
        out.append(f)
    return out


@lru_cache(maxsize=200_000)
def as_neighbour_features(w: str) -> tuple[tuple[str, ...], tuple[str, ...], str, tuple[str, ...], tuple[str, ...], str]:
    """The features a token gives the token after it (class, words, suffix, shape at -1; word
    at -2) and before it (at +1 and +2), made once per distinct token: formatting them per
    occurrence was a sixth of the per-article phase."""
    coarse = _classes(w)[:1]
    return (tuple(c + "-1" for c in coarse), tuple(c + "+1" for c in coarse), "w-2=" + w,
            ("w-1=" + w, "s2-1=" + w[-2:], "sh-1=" + _shape(w)),
            ("w+1=" + w, "s2+1=" + w[-2:], "sh+1=" + _shape(w)), "w+2=" + w)


@lru_cache(maxsize=1)
def _class_table() -> dict[str, tuple[str, ...]]:
    """Word -> its class features ("k64=17", "k512=301"), from the shipped word-class file."""
    path = files("khabar") / "models" / CLASSES_FILE
    if not path.is_file():
        return {}
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, *ids = line.split("\t")
        table[word] = tuple(f"k{k}={c}" for k, c in zip(GRANULARITIES, ids))
    return table


GRANULARITIES = (64, 512)  # classes per k-means run (khabar/ner/build_clusters.py writes one column each)
CLASSES_FILE = "word-classes-hi.tsv"


@lru_cache(maxsize=200_000)
def _classes(tok: str) -> tuple[str, ...]:
    return _class_table().get(tok, ())


@lru_cache(maxsize=200_000)
def token_features(tok: str) -> tuple[str, tuple[str, ...]]:
    """The folded key and the features of a token that do not depend on its neighbours."""
    folded = fold_key(tok)
    f = ["b", "w=" + tok, "f=" + folded, "sh=" + _shape(tok), "len=" + str(min(len(tok), 8))]
    f.extend(_classes(tok))
    for k in range(1, 5):
        if len(tok) > k:
            f.append(f"p{k}={tok[:k]}")
            f.append(f"s{k}={tok[-k:]}")
    if tok.endswith("."):
        f.append("dot")
    return folded, tuple(f)


@lru_cache(maxsize=200_000)
def _shape(tok: str) -> str:
    """Coarse script/shape class of a token."""
    if tok.isdigit():
        return "num"
    if any(c.isdigit() for c in tok):
        return "hasnum"
    if _DEVANAGARI.search(tok):
        return "dev"
    if _LATIN.search(tok):
        return "Lat" if tok[:1].isupper() else "lat"
    return "punct"


def _gazetteer_marks(folded: list[str]) -> list[str]:
    """B/I marks for tokens inside the longest known place name (matched on folded keys)."""
    marks = [""] * len(folded)
    i = 0
    while i < len(folded):
        hit = place_length(folded, i, len(folded))
        if hit:
            marks[i] = "B"
            for j in range(i + 1, i + hit):
                marks[j] = "I"
            i += hit
        else:
            i += 1
    return marks


def place_length(folded: list[str], i: int, end: int) -> int:
    """How many tokens, from `folded[i]` and before `end`, the longest known place name
    takes (0: none starts there). The gazetteer feature and the CRF decoder both ask this."""
    keys = place_keys("hi")
    for length in range(min(place_token_seqs("hi").get(folded[i], 0), end - i), 0, -1):
        if " ".join(folded[i:i + length]) in keys:
            return length
    return 0
