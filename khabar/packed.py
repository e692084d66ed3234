"""Articles held compressed in memory, unpacked one at a time when read.

An analysed article is about 24 KB of Python objects (its text, sentences, mentions,
dates, facts); packed (pickle, then zlib at level 1) it is about 3.4 KB, and unpacking it
takes about 0.2 ms (measured on the 10k-article speed corpus). The corpus phases read
each article once or twice in turn, so a run over 100,000 articles holds ~0.35 GB of
packed articles instead of ~2.4 GB of objects.

A `PackedArticles` is a read-only sequence of `Article`: every read gives a fresh copy,
so changing it changes nothing stored; `add` stores a changed article back.
"""
from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple, overload

from khabar.model import Article

_LEVEL = 1  # zlib level 1: 3.4 KB an article, against 3.0 KB at level 6 for three times the time


def pack(article: Article) -> bytes:
    """One article as compressed bytes."""
    return zlib.compress(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL), _LEVEL)


def unpack(blob: bytes) -> Article:
    """The article `pack` made these bytes from."""
    return pickle.loads(zlib.decompress(blob))


class Header(NamedTuple):
    """What is known of a packed article without unpacking it."""

    id: str
    content_hash: str
    analysis_key: str | None
    source: str | None
    story: str | None
    duplicate_of: str | None
    duplicate_kind: str | None

    @classmethod
    def of(cls, a: Article) -> Header:
        return cls(a.id, a.content_hash, a.analysis_key, a.source, a.story, a.duplicate_of, a.duplicate_kind)


class PackedArticles(Sequence[Article]):
    """Packed articles in the order added, found by position or id, each with its `Header`."""

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self._blobs: list[bytes] = []
        self._headers: list[Header] = []
        self._at: dict[str, int] = {}
        for a in articles:
            self.add(a)

    def add(self, article: Article) -> None:
        """Append an article, or store it back in place of the one with its id."""
        self.add_packed(pack(article), Header.of(article))

    def add_packed(self, blob: bytes, header: Header) -> None:
        """`add` for an article packed elsewhere (e.g. in a worker process)."""
        at = self._at.get(header.id)
        if at is not None:
            self._blobs[at], self._headers[at] = blob, header
            return
        self._at[header.id] = len(self._blobs)
        self._blobs.append(blob)
        self._headers.append(header)

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, k: int) -> Article: ...
    @overload
    def __getitem__(self, k: slice) -> list[Article]: ...

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [unpack(b) for b in self._blobs[k]]
        return unpack(self._blobs[k])

    def __iter__(self) -> Iterator[Article]:
        for b in self._blobs:
            yield unpack(b)

    def headers(self) -> list[Header]:
        """Every article's header, in order."""
        return list(self._headers)

    def get(self, id: str) -> Article | None:
        """The article with this id, if held."""
        at = self._at.get(id)
        return None if at is None else unpack(self._blobs[at])

    def packed(self, id: str) -> tuple[bytes, Header]:
        """The packed bytes and header of the article with this id."""
        at = self._at[id]
        return self._blobs[at], self._headers[at]

    def view(self, ids: Iterable[str]) -> ArticleView:
        """The articles with these ids, in the order given, unpacked as they are read."""
        return ArticleView(self, [self._at[i] for i in ids])


class ArticleView(Sequence[Article]):
    """Some articles of a `PackedArticles`, unpacked as they are read."""

    def __init__(self, packed: PackedArticles, positions: list[int]) -> None:
        self._packed = packed
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._packed[p] for p in self._positions[k]]
        return self._packed[self._positions[k]]

    def __iter__(self) -> Iterator[Article]:
        for p in self._positions:
            yield self._packed[p]


def id_ordered(articles: Sequence[Article]) -> Sequence[Article]:
    """The articles sorted by id; packed ones as a view, so that none is unpacked to sort them."""
    if isinstance(articles, PackedArticles):
        return articles.view(sorted(h.id for h in articles.headers()))
    return sorted(articles, key=lambda a: a.id)
