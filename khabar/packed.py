"""Articles held compressed in memory, unpacked one at a time when read.

An analysed article is about 24 KB of Python objects (its text, sentences, mentions,
dates, facts); packed (pickled, then compressed) it is about 3 KB, and unpacking it takes
about 0.2 ms (measured on the 10k-article speed corpus with zlib). The compression is
Zstandard at level 1 since 2026-12-05: on 3,000 stored articles' JSON of the 10k speed
store (11.9 KB each), 0.031 ms to compress and 0.015 to decompress one, against zlib level
1's 0.090 and 0.040, and 2.9 KB against 3.2. The corpus phases read
each article once or twice in turn, so a run over 100,000 articles holds ~0.35 GB of
packed articles instead of ~2.4 GB of objects.

A `PackedArticles` is a read-only sequence of `Article`: every read gives a fresh copy,
so changing it changes nothing stored; `add` stores a changed article back.

A packed object is held in one of two forms. The per-article phase packs pickles, the
quickest to read back for the corpus stages. What is headed for the store (the per-story
phase's results) and what comes from it is packed as its store JSON (khabar.serialize),
compressed: the store reads and writes that text as it is, without making objects of it
(on the 10k speed corpus, writing unpacked and re-serialised every article and story:
6.8 of the 8.3 s the write took), and two equal JSON forms are two equal objects.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import pickle
import threading
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import NamedTuple, TypeVar, overload

import zstandard

from khabar.model import Article, Story
from khabar.serialize import article_from_dict, story_from_dict, to_json

T = TypeVar("T")
_LEVEL = 1  # Zstandard level 1 (see the module's notes)
# The first byte of a packed JSON form; a Zstandard frame (the pickled form) starts with 0x28.
_JSON_TAG = b"J"
_NO_THREAD = '"thread": null'  # a story's JSON before threading


def pack(article: Article) -> bytes:
    """One article as compressed bytes."""
    return _pack(article)


def pack_json(x: Article | Story) -> bytes:
    """An article or story as its compressed store JSON (see the module's notes)."""
    return _pack_text(to_json(x))


def unpack(blob: bytes) -> Article:
    """The article `pack` or `pack_json` made these bytes from."""
    return _unpack(blob, article_from_dict)


class Header(NamedTuple):
    """What is known of a packed article without unpacking it."""

    id: str
    content_hash: str
    analysis_key: str | None
    source: str | None
    story: str | None
    duplicate_of: str | None
    duplicate_kind: str | None
    published: str | None = None
    language: str | None = None

    @classmethod
    def of(cls, a: Article) -> Header:
        return cls(a.id, a.content_hash, a.analysis_key, a.source, a.story, a.duplicate_of, a.duplicate_kind,
                   a.published, a.language)

    @classmethod
    def of_dict(cls, d: dict) -> Header:
        """The header of an article given as its store dict."""
        return cls(d["id"], d["content_hash"], d.get("analysis_key"), d.get("source"), d.get("story"),
                   d.get("duplicate_of"), d.get("duplicate_kind"), d.get("published"), d.get("language"))


class _Packed(Sequence[T]):
    """A sequence of packed objects, each unpacked as it is read."""

    _from_dict = staticmethod(article_from_dict)

    def __init__(self) -> None:
        self._blobs: list[bytes] = []

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, k: int) -> T: ...
    @overload
    def __getitem__(self, k: slice) -> list[T]: ...

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [_unpack(b, self._from_dict) for b in self._blobs[k]]
        return _unpack(self._blobs[k], self._from_dict)

    def __iter__(self) -> Iterator[T]:
        for b in self._blobs:
            yield _unpack(b, self._from_dict)

    def _json_at(self, k: int) -> str:
        """The store JSON of the k-th object: as held, or made from the object."""
        blob = self._blobs[k]
        if blob[:1] == _JSON_TAG:
            return _decompress(blob[1:]).decode("utf-8")
        return to_json(_unpack(blob, self._from_dict))

    def _digests(self, ids: Iterable[str]) -> dict[str, bytes]:
        return {i: hashlib.blake2b(b, digest_size=16).digest() for i, b in zip(ids, self._blobs)}


class PackedArticles(_Packed[Article]):
    """Packed articles in the order added, found by position or id, each with its `Header`."""

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        super().__init__()
        self._headers: list[Header] = []
        self._at: dict[str, int] = {}
        for a in articles:
            self.add(a)

    def add(self, article: Article) -> None:
        """Append an article, or store it back in place of the one with its id."""
        self.add_packed(pack(article), Header.of(article))

    def add_json(self, text: str, header: Header | None = None) -> None:
        """`add` for an article given as its store JSON: held as that text, compressed; its
        header is read from the JSON unless given."""
        self.add_packed(_pack_text(text), header if header is not None else Header.of_dict(json.loads(text)))

    def add_packed(self, blob: bytes, header: Header) -> None:
        """`add` for an article packed elsewhere (e.g. in a worker process)."""
        at = self._at.get(header.id)
        if at is not None:
            self._blobs[at], self._headers[at] = blob, header
            return
        self._at[header.id] = len(self._blobs)
        self._blobs.append(blob)
        self._headers.append(header)

    def headers(self) -> list[Header]:
        """Every article's header, in order."""
        return list(self._headers)

    def digests(self) -> dict[str, bytes]:
        """A digest of every article's packed bytes, by id: equal digests, same article."""
        return self._digests(h.id for h in self._headers)

    def get(self, id: str) -> Article | None:
        """The article with this id, if held."""
        at = self._at.get(id)
        return None if at is None else unpack(self._blobs[at])

    def json_rows(self, skip: Collection[str] = frozenset()) -> Iterator[tuple[Header, str]]:
        """Each article's header and store JSON, in order, leaving out the ids in `skip`."""
        for k, h in enumerate(self._headers):
            if h.id not in skip:
                yield h, self._json_at(k)

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


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of `size` items (the last may be shorter): for reading or writing a
    large sequence a batch at a time."""
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def id_ordered(articles: Sequence[Article]) -> Sequence[Article]:
    """The articles sorted by id; packed ones as a view, so that none is unpacked to sort them."""
    if isinstance(articles, PackedArticles):
        return articles.view(sorted(h.id for h in articles.headers()))
    return sorted(articles, key=lambda a: a.id)


class StoryIndex(NamedTuple):
    """What is known of a packed story without unpacking it."""

    id: str
    date: str | None
    articles: list[str]
    merged_from: list[str]
    headline: str | None = None
    thread: str | None = None
    cohesion: float | None = None

    @classmethod
    def of_dict(cls, d: dict) -> StoryIndex:
        """The index of a story given as its store dict."""
        return cls(d["id"], d.get("date"), list(d.get("articles", [])), list(d.get("merged_from", [])),
                   d.get("headline"), d.get("thread"), d.get("cohesion"))


class PackedStories(_Packed[Story]):
    """Stories held packed like articles (a story with its summary, entities, findings and
    timeline is many KB of objects), each one's id, date, article ids and merges at hand."""

    _from_dict = staticmethod(story_from_dict)

    def __init__(self, stories: Iterable[Story] = ()) -> None:
        super().__init__()
        self._index: list[StoryIndex] = []
        # what threading reads of each story (khabar.stages.thread.profile_json), by id, where
        # known: kept in the store with the story, so that a story kept by a later run is not
        # read again to make it
        self.profiles: dict[str, str] = {}
        for s in stories:
            self.add(s)

    def add(self, story: Story) -> None:
        self.add_packed(_pack(story), story_index(story))

    def add_json(self, text: str, profile: str | None = None, index: StoryIndex | None = None) -> None:
        """`add` for a story given as its store JSON: held as that text, compressed (with its
        profile's JSON, if given); its index is read from the JSON unless given."""
        if index is None:
            index = StoryIndex.of_dict(json.loads(text))
        self.add_packed(_pack_text(text), index)
        if profile is not None:
            self.profiles[index.id] = profile

    def json_rows(self, skip: Collection[str] = frozenset()) -> Iterator[tuple[StoryIndex, str]]:
        """Each story's index and store JSON, in order, leaving out the ids in `skip`."""
        for k, index in enumerate(self._index):
            if index.id not in skip:
                yield index, self._json_at(k)

    def add_packed(self, blob: bytes, index: StoryIndex) -> None:
        self._blobs.append(blob)
        self._index.append(index)

    def index(self) -> list[StoryIndex]:
        """(id, date, article ids, merged_from) of every story, in order, without unpacking."""
        return list(self._index)

    def packed(self, k: int) -> bytes:
        """The packed bytes of the k-th story."""
        return self._blobs[k]

    def digests(self) -> dict[str, bytes]:
        """A digest of every story's packed bytes, by id: equal digests, same story."""
        return self._digests(index[0] for index in self._index)

    def set_threads(self, threads: dict[str, str]) -> None:
        """Set each story's thread (None where `threads` has none)."""
        for k, index in enumerate(self._index):
            thread = threads.get(index.id)
            if index.thread != thread:  # only these are unpacked
                blob = self._blobs[k]
                if blob[:1] == _JSON_TAG:  # the text's field set, without making a Story of it
                    text = _decompress(blob[1:]).decode("utf-8")
                    if index.thread is None and text.count(_NO_THREAD) == 1:
                        # Story is the only type with a "thread" field, and inside a string
                        # value its quotes would be escaped: this is the field itself
                        text = text.replace(_NO_THREAD, '"thread": ' + json.dumps(thread, ensure_ascii=False))
                    else:
                        d = json.loads(text)
                        d["thread"] = thread
                        text = json.dumps(d, ensure_ascii=False)
                    self._blobs[k] = _pack_text(text)
                else:
                    s = _unpack(blob, story_from_dict)
                    s.thread = thread
                    self._blobs[k] = _pack(s)
                self._index[k] = index._replace(thread=thread)

    def sort_newest_first(self) -> None:
        """Newest event first, then by id (descending), as the store lists them."""
        order = sorted(range(len(self._index)), key=lambda k: (self._index[k][1] or "", self._index[k][0]),
                       reverse=True)
        self._blobs = [self._blobs[k] for k in order]
        self._index = [self._index[k] for k in order]


def story_index(s: Story) -> StoryIndex:
    return StoryIndex(s.id, s.date, list(s.articles), list(s.merged_from), s.headline, s.thread, s.cohesion)


def _pack(obj: object) -> bytes:
    return _compress(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def _pack_text(text: str) -> bytes:
    return _JSON_TAG + _compress(text.encode("utf-8"))


def _unpack(blob: bytes, from_dict):
    if blob[:1] == _JSON_TAG:
        return from_dict(json.loads(_decompress(blob[1:])))
    return pickle.loads(_decompress(blob))


# a compressor and a decompressor per thread (neither may be used by two threads at once;
# making them per call cost half the time of compressing an article)
_codecs = threading.local()


def _compress(data: bytes) -> bytes:
    try:
        return _codecs.compressor.compress(data)
    except AttributeError:
        _codecs.compressor = zstandard.ZstdCompressor(level=_LEVEL)
        return _codecs.compressor.compress(data)


def _decompress(data: bytes) -> bytes:
    try:
        return _codecs.decompressor.decompress(data)
    except AttributeError:
        _codecs.decompressor = zstandard.ZstdDecompressor()
        return _codecs.decompressor.decompress(data)
