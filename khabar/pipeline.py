"""The orchestrator: per-article stages, then corpus stages, then per-story stages.

Reads top to bottom as the sequence of stage calls. No I/O here: raw documents in,
articles and stories out.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import gc
import hashlib
import logging
import multiprocessing
import os
import sys
import threading
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence, Sized
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

try:
    import resource  # Unix only: peak memory in `khabar run -v`
except ImportError:  # pragma: no cover
    resource = None

from khabar.errors import reason
from khabar.linkage import decode as decode_linkage
from khabar.linkage import encode as encode_linkage
from khabar.model import APART, TOGETHER, Article, Correction, Quote, RawDoc, Rejection, Story
from khabar.prepared import PREP_VERSION
from khabar.prepared import decode as decode_prepared
from khabar.prepared import encode as encode_prepared
from khabar.positions import ByStart
from khabar.packed import (Header, PackedArticles, PackedStories, StoryIndex, batches, pack, pack_json, story_index,
                           unpack)
from khabar.settings import Settings
from khabar.signals import Signals
from khabar.signals import decode as decode_signals
from khabar.signals import encode as encode_signals
from khabar.stages.agreement import compare_facts
from khabar.stages.aspect import article_aspect
from khabar.stages.canonical import canonical_entities
from khabar.stages.cohesion import story_cohesion
from khabar.stages.clean import (Candidate, clean, furniture_candidates, line_digests, recurring_hits,
                                 recurring_hits_of_digests, recurring_lines)
from khabar.stages.cluster import event_signals, grouped, link
from khabar.stages.dates import find_dates
from khabar.stages.dedup import copy_key, find_duplicates
from khabar.stages.entities import find_mentions
from khabar.stages.eventdate import event_date
from khabar.stages.extract import extract_html
from khabar.stages.facts import find_facts
from khabar.stages.fivew import five_w
from khabar.stages.headline import choose_headline
from khabar.stages.language import detect_language
from khabar.stages.metadata import extract_metadata
from khabar.stages.normalize import normalize
from khabar.stages.quotes import find_quotes
from khabar.stages.sentences import split_sentences
from khabar.stages.summary import summarize
from khabar.stages.thread import StoryProfile, find_threads, profile_from_json, profile_json, story_profile
from khabar.stages.whatsnew import whats_new

log = logging.getLogger("khabar")
log.addHandler(logging.NullHandler())

# How far a run is: (what it is doing, how many items are done, how many there are or None
# when it cannot say). `khabar run` draws it on the terminal; nothing here prints.
Progress = Callable[[str, int, "int | None"], None]


def no_progress(stage: str, done: int, total: int | None) -> None:
    """A `Progress` that is told nothing."""
    return None


# raise when a per-article or per-story stage changes what it makes: cached analyses (and so
# every story) are redone. 6: the sentence-picking stages read at most MAX_PASSAGES sentences
# of a story (khabar.passages), so a story past it, kept from a store of version 5, would not
# be the story a fresh run makes. 7: stories carry their cohesion (khabar.stages.cohesion).
# 8: cleaning takes English menus and "Share this article: ..." lines (lang/en/boilerplate.txt).
# 9: and a line that is only the outlet's name. 10: canonical entities meet across scripts
# by the skeletons of names as written (khabar.stages.canonical._merge_scripts). 11: an
# agreed pair of participants is one finding, not two mirrored ones (khabar.stages.agreement).
# 12: a story of two languages takes its headline and summary from its main one; English
# sports roles (Opener, Skipper...) are titles, not names; a lone Latin surname finds its
# person written in Devanagari. 13: a short credit line naming the outlet is furniture.
# 14: an English speaker is found before an aside ("X, who presided, said"). 15: English
# "<content>, X said." and "X said on Twitter that …" (khabar.stages.quotes). 16: English
# clock times are no counts (khabar.stages.facts); a post many hold makes no conflict. 17: a
# "name" with a conjunction inside answers no "who" (khabar.stages.fivew). 18: a reason
# phrase right after a figure ("167 रन के जवाब में") answers no "why". 19: English "said
# Monday …", and "told" only with "that" (khabar.stages.quotes). 20: "…, X said Wednesday,
# adding that …". 21: summary, 5W1H and what's new read the first sentence without its
# dateline (khabar.passages). 22: no speaker ends in a relative "who"/"जो" (khabar.stages.quotes).
# 23: a person's name with a conjunction inside is MISC (khabar.stages.canonical). 24: a
# story's date takes the edges of periods ("31 मार्च तक") as background, and a period gives
# way to the publication date (khabar.stages.eventdate). 25: a story's profile carries the
# series keys of its titles' counts (khabar.stages.thread). 26: only the keys most of its
# titles give. 27: a series key names the kind of tally (cases, deaths, ...) however a title
# words it, the country or the world, or the lead's place when a title names no place, and
# a measure with a step taken with it (a curfew imposed, extended) (khabar.stages.thread).
# 28: a call to like, follow or write to the outlet on a social network is boilerplate
# however long (khabar/lang/*/boilerplate.txt); what's new lists a sentence an article says
# twice once (khabar.stages.whatsnew); a Hindi pronoun speaker far from any name takes the
# person quoted before it (khabar.stages.quotes); an English count names the head noun of
# its phrase ("13 fully loaded magazines"), and AK-47's 47 is no count (khabar.stages.facts);
# verbs of saying (बोले) and अभी, फिर, समेत are cut from names (lang/hi/ner_function_words.txt);
# a story's date takes a day one to four weeks before a report's as background (eventdate);
# an apostrophe before an "s" word opens no quote (khabar.stages.quotes). 29: an English
# entity the tagging labelled by capitals alone takes the label of its place, law or vessel
# words or of a known place (khabar.stages.canonical._story_label). 30: English number
# words to ninety and "thirty-two"; "at least", "as many as" and कम से कम make a number
# approximate (khabar.stages.facts); reported speech starts after the dateline (quotes).
# 31: English names lose number words, "Rs" and connectors at their edges and posts such as
# Collector before them; company words (Infra, Builders) make organisations (lang/en/ner_*).
# 32: English speakers: a name right before the verb speaks; one after it only with at most
# a post before and an apposition after; "<content>, said <post>, <name>." (quotes).
# 33: a scale or unit that ends a sentence counts ("Rs 180 crore." was 180) (facts). 34:
# what's new compares an article with the earlier ones in its language only (whatsnew).
# 35: an English story entity whose name opens with a direction (North Sumatra) is a place.
# 36: "X द्वारा जारी आंकड़ों के अनुसार" is X's; "जानकारी के अनुसार" names no one; WHO is no
# stopword (khabar.stages.quotes). 37: figures speak for their owner or for no one, and a
# quote of no one inside someone's reported words is dropped (quotes). 38: a post named in
# Hindi and in English is one slot (facts.post_class, agreement); English posts magistrate,
# collector, superintendent; a post never reaches back over a sentence's end (facts). 39:
# counts of dead and injured people have language-neutral slots (facts "tally:"), compared
# across languages without the sentence likeness (agreement). 40: English words before the
# verb that hold a clause are no speaker; "on <weekday>" closes none (quotes). 41: a Hindi
# pronoun goes on with the speaker of the sentence before, not with one spoken of (quotes)
PIPELINE_VERSION = "41"
# the version under which prepared inputs are kept (khabar.prepared): a new pipeline version
# prepares every input again too
PREPARED_VERSION = f"{PIPELINE_VERSION}.{PREP_VERSION}"


@dataclass
class Analysis:
    """What the per-article phase made of a batch of raw documents (`articles` packed when
    asked for: see khabar.packed)."""

    articles: list[Article] | PackedArticles = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    reused: set[str] = field(default_factory=set)  # ids of articles whose earlier analysis was reused
    signals: dict[str, Signals] = field(default_factory=dict)  # what the corpus stages read, by article id


@dataclass
class _Prepared:
    doc: RawDoc
    text: str
    title: str | None
    published: str | None
    published_from: str | None
    furniture: tuple[Candidate, ...] = ()  # its lines that could be its outlet's furniture
    lines: bytes = b""  # the digests of its lines' matching keys (`clean.line_digests`)


@dataclass
class _Held:
    """A raw input prepared in an earlier run, whose analysis may stand: what was kept of its
    preparation (khabar.prepared) in place of its text. Its raw content may not have been read."""

    doc: RawDoc
    furniture: tuple[Candidate, ...]
    lines: bytes


class _Keeper:
    """Rows handed to `put` a batch at a time as they are kept (`flush` hands on the rest);
    `made` counts the rows handed on, `read` what a subclass read back."""

    BATCH = 1000  # rows per `put` (and, for signals, pairs per `get`)

    def __init__(self, put: Callable[[list[tuple]], None]) -> None:
        self._put = put
        self._rows: list[tuple] = []
        self.read = self.made = 0

    def _keep(self, row: tuple) -> None:
        self._rows.append(row)
        if len(self._rows) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self._rows:
            self._put(self._rows)
            self.made += len(self._rows)
            self._rows = []


class PrepKeeper(_Keeper):
    """Where the per-article phase keeps what preparing each raw input gave, and finds what
    was kept before (the service gives one over the store). `get` is given content hashes
    and returns the bytes kept for those it has (`PREPARED_VERSION`'s only); `put` is given
    (content hash, bytes) rows to keep; `raw` is given content hashes and returns their raw
    contents, for inputs that came without them (`RawDoc.raw` None: the store leaves out
    the content of inputs it holds a preparation for)."""

    def __init__(self, get: Callable[[list[str]], dict[str, bytes]],
                 put: Callable[[list[tuple[str, bytes]]], None],
                 raw: Callable[[list[str]], dict[str, str]]) -> None:
        super().__init__(put)
        self.get, self.raw = get, raw  # `read`: preparations read back

    def keep(self, content_hash: str, encoded: bytes) -> None:
        self._keep((content_hash, encoded))


def analyze_docs(docs: Iterable[RawDoc], workers: int | None = None,
                 cached: PackedArticles | None = None, packed: bool = False,
                 count: int | None = None, kept: SignalKeeper | None = None,
                 prep: PrepKeeper | None = None, progress: Progress = no_progress,
                 need_signals: Callable[[list[Header]], bool] | None = None) -> Analysis:
    """Per-article phase: extract, normalize, clean, metadata, language, sentences, entities, dates.

    Articles are independent here, so a batch of at least ``PARALLEL_MIN`` documents is
    spread over ``workers`` processes (default: the machine's cores, or KHABAR_WORKERS);
    results come back in input order, identical to a serial run.

    `cached` holds articles analysed before; one is reused as it is when its content hash
    and id are the document's and its ``analysis_key`` still holds (same pipeline version,
    and the same of its lines are its outlet's recurring furniture), so that a run that
    adds articles analyses only them. With `packed`, the articles come back as a
    `PackedArticles` (workers send them packed), else as a list. `docs` may be an iterator
    (read a batch at a time); `count` then says how many it holds.

    `kept` (the service gives the store's) holds the signals of analyses made before: a
    reused article's are read from it, not made again, and the signals made here are handed
    to it, a batch at a time, as they come.

    `prep` (the service gives the store's) keeps what preparing each input gave
    (khabar.prepared): an input analysed before whose preparation was kept is not prepared
    again (it may then come without its raw content, which `prep` reads if it is needed
    after all), and the inputs prepared here are handed to it.

    `progress` is told how many inputs have been read and prepared, then analysed.

    `need_signals`, given the headers of every article analysed or reused, says whether the
    reused articles' signals are wanted (not when a kept linkage of these very articles
    stands: `khabar.linkage`); by default they are.
    """
    out = Analysis(articles=PackedArticles() if packed else [])
    known = {h.content_hash: h for h in cached.headers()} if cached is not None else {}
    workers = _workers(workers, len(docs) if isinstance(docs, Sized) else count)
    prepared: list[_Prepared | _Held] = []
    total = len(docs) if isinstance(docs, Sized) else count
    progress(STAGE_PREPARE, 0, total)
    with _pool(workers) as pool:
        # a batch at a time, so that only a batch of raw inputs (HTML can be large) is held;
        # an input analysed before whose preparation was kept is not prepared again
        for batch in batches(docs, PREPARE_BATCH):
            held = _held(batch, known, prep)
            fresh = _with_raw([d for d in batch if d.content_hash not in held], prep)
            results = iter(_map(pool, _prepare_safe, fresh))
            for doc in batch:
                if doc.content_hash in held:
                    prepared.append(held[doc.content_hash])
                    continue
                result = next(results)
                if isinstance(result, str):  # a stage bug on one input must not stop the rest
                    out.rejections.append(_prepare_failed(doc, result))
                else:
                    prepared.append(result)
                    if prep is not None:
                        prep.keep(doc.content_hash, encode_prepared(result.furniture, result.lines))
                    result.lines = b""  # read only of a held input
            progress(STAGE_PREPARE, len(prepared) + len(out.rejections), total)
        if prep is not None:
            prep.flush()
    # the analysis pool starts with every outlet's recurring lines in its workers, and a job
    # names only its outlet: a job carrying its outlet's lines made them travel with every
    # 64 articles, and at 100,000 articles (9,557 such lines) cost the workers 0.3 ms an article
    try:
        outlet_lines = _recurring_by_outlet(prepared)
        with _pool(workers, _use_outlet_lines, (outlet_lines,)) as pool:
            jobs, reused = [], {}
            # the key is worked out only for an article analysed before (a new one's worker sets
            # it: for 10,000 new articles it took 2.7 s of this process), and on the pool (for a
            # run adding 100 articles to 10,000, 2.2 s of this process)
            before = [k for k, p in enumerate(prepared) if isinstance(p, _Prepared)
                      and (old := known.get(p.doc.content_hash)) is not None and old.id == p.doc.id]
            keys = {id(prepared[k]): key for k, key in zip(before, _map(
                pool, _analysis_key_job, [(prepared[k].text, _outlet_key(prepared[k].doc)) for k in before]))}
            # a held input's key comes from its kept line digests; one whose analysis no longer
            # stands (its outlet's furniture changed on its lines) is prepared again, then analysed
            stale = []
            for k, p in enumerate(prepared):
                if isinstance(p, _Held):
                    hits = recurring_hits_of_digests(p.lines, outlet_lines.get(_outlet_key(p.doc), frozenset()))
                    old = known[p.doc.content_hash]
                    if _key_of_hits(hits) == old.analysis_key:
                        reused[p.doc.content_hash] = cached.packed(old.id)
                    else:
                        stale.append(k)
            again = _with_raw([prepared[k].doc for k in stale], prep)
            for k, doc, result in zip(stale, again, _map(pool, _prepare_safe, again)):
                if isinstance(result, str):
                    out.rejections.append(_prepare_failed(doc, result))
                    prepared[k] = None
                else:
                    result.furniture = ()  # counted already, from what was kept
                    prepared[k] = result
            del again
            prepared = [p for p in prepared if p is not None]
            for p in prepared:
                if p.doc.content_hash in reused:
                    continue
                old = known.get(p.doc.content_hash)
                if id(p) in keys and old.analysis_key == keys[id(p)]:
                    reused[p.doc.content_hash] = cached.packed(old.id)
                else:
                    jobs.append((p, _outlet_key(p.doc)))
            del keys
            # results are taken in input order as they come, and each prepared text is let go
            # once its result is in (holding every prepared text and every result to the end
            # took the main process to ~2 GB at 100,000 articles)
            fresh = iter(_map(pool, _analyze_safe, jobs))
            del jobs
            prepared.reverse()
            total, done = len(prepared), 0
            progress(STAGE_ANALYSE, 0, total)
            while prepared:
                p = prepared.pop()
                done += 1
                if done % PROGRESS_EVERY == 0 or not prepared:
                    progress(STAGE_ANALYSE, done, total)
                h = p.doc.content_hash
                was_reused = h in reused
                result = reused.pop(h) if was_reused else next(fresh)
                if was_reused:
                    out.reused.add(result[1].id)
                if isinstance(result, str):
                    out.rejections.append(Rejection(p.doc.origin, f"E013 processing failed: {result}"))
                    continue
                if result is None:
                    out.rejections.append(Rejection(p.doc.origin, reason("E012")))
                    continue
                blob, header = result[0], result[1]
                if packed:
                    out.articles.add_packed(blob, header)
                else:
                    out.articles.append(unpack(blob))
                if not was_reused:
                    _take_signals(out, header, result[2], kept)
            # a reused article's signals were kept with its analysis; any not kept (or kept by
            # another SIGNALS_VERSION) are made from its packed analysis, in the workers too
            wanted = need_signals is None or need_signals(
                list(out.articles.headers()) if packed else [Header.of(a) for a in out.articles])
            if kept is not None and out.reused and wanted:
                _read_kept_signals(out, kept)
            again = [(out.articles.packed(i) if packed else (pack(out.articles[k]), Header.of(out.articles[k])))
                     for k, i in enumerate(_ids(out.articles)) if i not in out.signals] if wanted else []
            for (_blob, header), encoded in zip(again, _map(pool, _signals_of_packed, [b for b, _h in again])):
                _take_signals(out, header, encoded, kept)
            if kept is not None:
                kept.flush()
    finally:
        _use_outlet_lines({})  # in this thread, if it ran the jobs itself
    return out


def _ids(articles: list[Article] | PackedArticles) -> list[str]:
    return [h.id for h in articles.headers()] if isinstance(articles, PackedArticles) else [a.id for a in articles]


def _signals(article: Article) -> Signals:
    return Signals(copy_key(article), event_signals(article))


def _signals_of_packed(blob: bytes) -> bytes:
    """The signals of an article given packed, encoded (`khabar.signals`)."""
    return encode_signals(_signals(unpack(blob)))


class SignalKeeper(_Keeper):
    """Where the per-article phase keeps the signals it makes and finds those made before
    (the service gives one that reads and writes the store). `get` is given (article id,
    analysis key) pairs and returns the kept signals of those whose key is the one kept with
    them; `put` is given (article id, analysis key, signals) rows to keep."""

    def __init__(self, get: Callable[[list[tuple[str, str | None]]], dict[str, bytes]],
                 put: Callable[[list[tuple[str, str | None, bytes]]], None]) -> None:
        super().__init__(put)
        self.get = get  # `read`: signals read back

    def keep(self, article_id: str, analysis_key: str | None, encoded: bytes) -> None:
        self._keep((article_id, analysis_key, encoded))


def _take_signals(out: Analysis, header: Header, encoded: bytes, kept: SignalKeeper | None) -> None:
    """Signals made in a worker (sent encoded: as small as pickling them), held for the
    corpus stages and handed to the keeper."""
    out.signals[header.id] = _received(decode_signals(encoded))
    if kept is not None:
        kept.keep(header.id, header.analysis_key, encoded)


def _read_kept_signals(out: Analysis, kept: SignalKeeper) -> None:
    """The reused articles' kept signals, a batch at a time."""
    keys = ({h.id: h.analysis_key for h in out.articles.headers()} if isinstance(out.articles, PackedArticles)
            else {a.id: a.analysis_key for a in out.articles})
    wanted = [(i, keys[i]) for i in sorted(out.reused)]
    for batch in batches(wanted, kept.BATCH):
        for article_id, encoded in kept.get(batch).items():
            signals = decode_signals(encoded)
            if signals is not None and signals.copy.id == article_id:
                out.signals[article_id] = _received(signals)
                kept.read += 1


def _received(signals: Signals) -> Signals:
    """Signals as held until the corpus stages: each distinct word or key one string object
    (at 100,000 articles, a copy of every word per article would be gigabytes, and of every
    entity, number and people key 250 MB) and the word counts as machine ints (a tuple of
    them held 106 MB)."""
    event = signals.event
    event.words = tuple(map(sys.intern, event.words))
    event.counts = array("i", event.counts)
    event.ents = tuple(map(sys.intern, event.ents))
    event.nums = tuple(map(sys.intern, event.nums))
    event.people = tuple(map(sys.intern, event.people))
    return signals


# Below this many documents a process pool costs more than it saves (start-up and pickling).
PARALLEL_MIN = 200
PREPARE_BATCH = 2000  # raw documents extracted and normalised per batch
PROGRESS_EVERY = 50  # results between two progress reports
STAGE_PREPARE, STAGE_ANALYSE = "reading inputs", "analysing articles"
STAGE_DEDUP, STAGE_CLUSTER, STAGE_STORIES, STAGE_THREADS = (
    "finding copies", "clustering", "building stories", "linking threads")


def _workers(asked: int | None, n: int) -> int:
    if n < PARALLEL_MIN:
        return 1
    if asked is None:
        env = os.environ.get("KHABAR_WORKERS", "").strip()
        asked = int(env) if env.isdigit() else (os.cpu_count() or 1)
    return max(1, asked)


@contextlib.contextmanager
def _pool(workers: int, initializer: Callable | None = None, initargs: tuple = ()):
    """A fork-based process pool, or None to run in this process; `initializer(*initargs)`
    runs in each worker as it starts (in this process when there is no pool).

    The objects made so far are frozen out of the garbage collector while the pool lives:
    a forked worker's collector would otherwise walk them all and so copy every page of
    the parent it touches (at 100,000 articles each per-story worker grew past 1.5 GB)."""
    if workers <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield None
        return
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=initializer, initargs=initargs) as pool:
            yield pool
    finally:
        gc.unfreeze()


# each outlet's recurring lines (page furniture), by outlet key, for the analysis jobs run
# by this thread (set by `_use_outlet_lines`: in a pool's workers as they start, or in the
# thread that runs the jobs itself); per thread, so that runs in two threads of one
# process cannot read each other's
_jobs_state = threading.local()


def _use_outlet_lines(lines: dict[str, frozenset[str]]) -> None:
    _jobs_state.outlet_lines = lines


def _outlet_lines(outlet: str) -> frozenset[str]:
    return getattr(_jobs_state, "outlet_lines", {}).get(outlet, frozenset())


def _map(pool, fn, items: list):
    if pool is None:
        return map(fn, items)
    return pool.map(fn, items, chunksize=max(1, min(64, len(items) // (8 * pool._max_workers) or 1)))


def _analysis_key(text: str, outlet_lines: frozenset[str]) -> str:
    """What an article's analysis depends on besides its own text: the pipeline version and
    which of its lines are its outlet's recurring furniture."""
    return _key_of_hits(recurring_hits(text, outlet_lines))


def _key_of_hits(hits: list[str]) -> str:
    """The analysis key of a text whose `recurring_hits` these are."""
    return PIPELINE_VERSION + ":" + hashlib.sha1("\n".join(hits).encode("utf-8")).hexdigest()[:16]


def _held(batch: list[RawDoc], known: dict[str, Header], prep: PrepKeeper | None) -> dict[str, _Held]:
    """The inputs of a batch that were analysed before (same content and id) and whose
    preparation was kept, by content hash, with what was kept of it."""
    if prep is None:
        return {}
    wanted = [d.content_hash for d in batch
              if (old := known.get(d.content_hash)) is not None and old.id == d.id]
    got = prep.get(wanted) if wanted else {}
    out = {}
    for d in batch:
        kept = decode_prepared(got[d.content_hash]) if d.content_hash in got else None
        if kept is not None:
            out[d.content_hash] = _Held(d, *kept)
            prep.read += 1
    return out


def _with_raw(docs: list[RawDoc], prep: PrepKeeper | None) -> list[RawDoc]:
    """The documents with their raw content, read for those that came without it."""
    missing = [d.content_hash for d in docs if d.raw is None]
    if not missing:
        return docs
    if prep is None:
        raise ValueError("documents without their raw content, and nowhere to read it from")
    raw = prep.raw(missing)
    return [dataclasses.replace(d, raw=raw[d.content_hash]) if d.raw is None else d for d in docs]


def _analysis_key_job(job: tuple[str, str]) -> str:
    """The analysis key of a text of the outlet named (see `_use_outlet_lines`)."""
    text, outlet = job
    return _analysis_key(text, _outlet_lines(outlet))


def _prepare_failed(doc: RawDoc, why: str) -> Rejection:
    return Rejection(doc.origin, f"E013 processing failed in extract/normalize: {why}")


def _prepare_safe(doc: RawDoc) -> _Prepared | str:
    try:
        return _prepare(doc)
    except Exception as err:
        log.exception("extract/normalize failed on %s", doc.origin)
        return repr(err)


def _analyze_safe(job: tuple[_Prepared, str]) -> tuple[bytes, Header, bytes] | None | str:
    """The analysed article packed (a third of the bytes to send back) with what the corpus
    stages read of it (encoded, as the store keeps it), None if it has no text, or why it
    failed; the job names the article's outlet, whose recurring lines `_use_outlet_lines`
    gave this worker (or thread)."""
    p, outlet = job
    try:
        article = _analyze(p, _outlet_lines(outlet))
        return None if article is None else (pack(article), Header.of(article), encode_signals(_signals(article)))
    except Exception as err:
        log.exception("analysis failed on %s", p.doc.origin)
        return repr(err)


def _prepare(doc: RawDoc) -> _Prepared:
    """Extracted and normalized text of one raw document, with what the HTML says."""
    title, published, published_from = doc.title, doc.published, "input" if doc.published else None
    if doc.is_html:
        page = extract_html(doc.raw)
        text = page.text
        title = title or page.title
        if not published and page.date:
            published, published_from = page.date, "html"
    else:
        text = doc.raw
    # the raw input is in the store already; without it the prepared text travels back from
    # a worker, and waits for analysis, at half the size
    text = normalize(text)
    return _Prepared(dataclasses.replace(doc, raw=""), text, title, published, published_from,
                     furniture_candidates(text), line_digests(text))


def _outlet_key(doc: RawDoc) -> str:
    """Articles of one outlet share page furniture; unknown outlets are pooled."""
    return doc.source or ""


def _recurring_by_outlet(prepared: list[_Prepared | _Held]) -> dict[str, frozenset[str]]:
    """Lines that recur across many articles of one outlet (page furniture), from the
    candidates the workers found in each text (finding them here, in this process, kept the
    workers idle for 1.2 s at 10,000 articles and 11.5 s at 100,000)."""
    groups: dict[str, list[tuple[Candidate, ...]]] = defaultdict(list)
    for p in prepared:
        groups[_outlet_key(p.doc)].append(p.furniture)
        p.furniture = ()  # counted: let go, so that the analysis jobs do not carry them too
    return {k: recurring_lines(found) for k, found in groups.items()}


def _analyze(p: _Prepared, recurring: frozenset[str]) -> Article | None:
    """All per-article stages on one prepared document; None if no text is left."""
    article = _analyze_stages(p, recurring)
    if article is not None:
        article.analysis_key = _analysis_key(p.text, recurring)
    return article


def _analyze_stages(p: _Prepared, recurring: frozenset[str]) -> Article | None:
    """The per-article stages in order."""
    cleaned = clean(p.text, recurring, outlet=p.doc.source)
    text = cleaned.text
    if not text.strip():
        return None
    meta = extract_metadata(
        text, title=p.title, published=p.published, published_from=p.published_from,
        source=p.doc.source, url=p.doc.url,
    )
    if meta.published is None and cleaned.removed:
        # "Published/Updated: ..." lines are furniture, removed by clean, yet carry the date
        furniture = extract_metadata("\n".join(r.text for r in cleaned.removed))
        if furniture.published:
            meta.published, meta.published_from = furniture.published, "text"
    lang = detect_language(text)
    sentences = split_sentences(text, lang.language)
    mentions = find_mentions(text, lang.language, sentences)
    dates = find_dates(text, lang.language, meta.published, sentences)
    return Article(
        id=p.doc.id,
        content_hash=p.doc.content_hash,
        origin=p.doc.origin,
        text=text,
        removed=cleaned.removed,
        title=meta.title,
        title_span=meta.title_span,
        dateline=meta.dateline,
        published=meta.published,
        published_from=meta.published_from,
        source=meta.source,
        url=p.doc.url,
        language=lang.language,
        romanized_hindi=lang.romanized_hindi,
        sentences=sentences,
        mentions=mentions,
        dates=dates,
        aspect=article_aspect(text, lang.language, sentences, meta.title_span),
        facts=find_facts(text, lang.language, sentences, mentions, dates),
        quotes=find_quotes(text, lang.language, sentences, mentions, meta.dateline),
    )


def build_stories(
    articles: list[Article] | PackedArticles,
    previous: dict[str, str] | None = None,
    settings: Settings | None = None,
    earlier: Sequence[Story] | None = None,
    reused: set[str] | None = None,
    signals: dict[str, Signals] | None = None,
    progress: Progress = no_progress,
    corrections: Sequence[Correction] = (),
    linkage: bytes | None = None,
    keep_linkage: Callable[[bytes], None] | None = None,
) -> PackedStories:
    """Corpus and per-story phases: duplicates, clusters, then entities, date, headline, summary.

    `previous` maps article content hashes to the story ids they had before, so that a
    story keeps its id when new articles join it. `earlier` are the stories of the last
    run (made with the same settings) and `reused` the ids of articles whose analysis was
    reused from it: a story whose articles all came back exactly as they were (same ids,
    reused analyses, same copies) is kept instead of re-derived — the per-story stages
    depend on nothing else — so that a run adding a few articles redoes only the stories
    they touch.

    `signals` (from `analyze_docs`) are what finding copies and clustering read of each
    article; without them they are made here from the articles.

    `progress` is told of each phase, and how many stories are built.

    `corrections` are a reader's (`khabar.model.Correction`, oldest first): articles kept
    apart are never in one story, articles kept together are (`khabar.stages.cluster`); an
    article kept apart from its original, or parted from it by another correction, is no
    longer shown as its copy.

    `linkage` is a kept linkage (`khabar.linkage`) of these very articles: copies and links
    are then taken from it (`signals` are not needed); otherwise they are found, and
    `keep_linkage` is given the new one.

    Returns the stories newest first, packed (a sequence of `Story`, each unpacked as read);
    the articles get their story, copy and entity links (a `PackedArticles` in place; a list
    has its items replaced).
    """
    settings = settings or Settings()
    packed = articles if isinstance(articles, PackedArticles) else PackedArticles(articles)
    headers = {h.id: h for h in packed.headers()}
    clock = PhaseClock(indent=2)
    cores = _workers(None, len(headers))  # the corpus stages' NumPy and SciPy work runs on threads
    progress(STAGE_DEDUP, 0, None)
    if linkage is not None:  # these very articles were found copies of and linked before
        linked, duplicates = decode_linkage(linkage)
        clock("dedup and linking: kept")
        progress(STAGE_CLUSTER, 0, None)
    else:
        have = signals is not None and all(h.id in signals for h in headers.values())
        duplicates = find_duplicates([signals[i].copy for i in headers] if have else packed)
        if have:
            for held in signals.values():
                held.copy = None
        _release_memory()
        clock("dedup")
        # each article's signals are let go as clustering reads them
        progress(STAGE_CLUSTER, 0, None)
        linked = link((signals.pop(i).event for i in sorted(headers)) if have else packed, cores,
                      threshold=settings.cluster_threshold)
        if keep_linkage is not None:
            keep_linkage(encode_linkage(linked, duplicates))
    apart = [(c.article, c.other) for c in corrections if c.kind == APART]
    together = [(c.article, c.other) for c in corrections if c.kind == TOGETHER]
    groups = grouped(linked, duplicates, apart, together)
    del linked
    if apart:  # a copy is shown as one only beside its original
        group_of = {i: k for k, g in enumerate(groups) for i in g}
        duplicates = {c: v for c, v in duplicates.items() if group_of.get(c) == group_of.get(v[0])}
    if signals is not None:
        signals.clear()  # read: let them go before the per-story phase forks its workers
    _release_memory()
    clock("cluster")
    ids, merged = _story_ids(groups, headers, previous or {})
    earlier = earlier if isinstance(earlier, PackedStories) else PackedStories(earlier or [])
    old_at = {index[0]: (k, index) for k, index in enumerate(earlier.index())}
    reused = reused or set()
    stories = PackedStories()
    jobs = []
    for story_id, group in zip(ids, groups):
        k, old = old_at.get(story_id, (None, None))
        if (old is not None and old[3] == merged.get(story_id, []) and sorted(old[2]) == sorted(group)
                and all(i in reused and (headers[i].duplicate_of, headers[i].duplicate_kind)
                        == duplicates.get(i, (None, None)) for i in group)):
            stories.add_packed(earlier.packed(k), old)  # its articles still carry its links, as stored
            if story_id in earlier.profiles:  # kept with it (stores before schema version 4 have none)
                stories.profiles[story_id] = earlier.profiles[story_id]
            continue
        members = [(packed.packed(i)[0], duplicates.get(i)) for i in group]
        jobs.append((story_id, members, merged.get(story_id, []), settings.summary_size))
    kept = len(stories)
    del earlier, old_at
    # per-story stages are independent too: each job carries its articles packed, and comes
    # back as the story and its articles (story, copy and entity links set), packed
    progress(STAGE_STORIES, 0, len(jobs))
    with _pool(_workers(None, len(packed))) as pool:
        for done, (blob, index, members, profile) in enumerate(_map(pool, _story_job, jobs), 1):
            if done % PROGRESS_EVERY == 0 or done == len(jobs):
                progress(STAGE_STORIES, done, len(jobs))
            stories.add_packed(blob, index)
            for art_blob, header in members:
                packed.add_packed(art_blob, header)
            stories.profiles[index.id] = profile
        # a kept story's profile was kept with it; one not kept is made from its stored
        # articles, on the pool too (in this process it was most of the threading time of a
        # run adding 100 articles to 10,000; on the pool, most of the per-story phase)
        kept_stories = [index for index in stories.index() if index.id not in stories.profiles]
        held = [[packed.packed(i)[0] for i in index.articles] for index in kept_stories]
        for index, profile in zip(kept_stories, _map(pool, _profile_of_packed, held)):
            stories.profiles[index.id] = profile
        del held
    profiles = {i: _interned(profile_from_json(text)) for i, text in stories.profiles.items()}
    clock(f"per-story stages ({len(jobs)} new, {kept} kept)")
    progress(STAGE_THREADS, 0, None)
    threads = find_threads([(index.id, index.date, profiles[index.id]) for index in stories.index()], cores)
    del profiles
    stories.set_threads(threads)
    clock("threads")
    stories.sort_newest_first()
    if packed is not articles and isinstance(articles, list):
        articles[:] = packed  # a caller's list gets the articles with their links set
    return stories


def _interned(profile: StoryProfile) -> StoryProfile:
    """A profile as held until threading: one string object per distinct word, not one per
    word in every story."""
    return profile._replace(words=tuple(map(sys.intern, profile.words)))


def _profile_of_packed(blobs: list[bytes]) -> str:
    """The profile of a story given as its articles packed, in the story's order (as JSON,
    as the store keeps it)."""
    return profile_json(story_profile([unpack(b) for b in blobs]))


def _release_memory() -> None:
    """Hand the heap memory a corpus stage freed back to the system (glibc keeps freed
    blocks for reuse otherwise: after clustering 100,000 articles the process stayed
    ~800 MB above what it still used, and every per-story worker forked from it)."""
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):  # not glibc: nothing to do
        pass


class PhaseClock:
    """Logs the seconds since the last call under a phase name, the CPU seconds this process
    and its finished workers spent in them, and the process's peak memory so far (INFO on
    the "khabar" logger; `khabar run -v` shows them); `indent` sets sub-phases apart from
    the phases around them. A pool's workers are counted once it is closed, in the phase
    that closed it: CPU below twice the wall time on two cores means idle cores."""

    def __init__(self, indent: int = 0) -> None:
        self.mark = time.perf_counter()
        self.cpu = _cpu_seconds()
        self.indent = " " * indent

    def __call__(self, name: str) -> None:
        now, cpu = time.perf_counter(), _cpu_seconds()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if resource else float("nan")
        log.info("%s%-*s %7.1f s  (cpu %6.1f s here, %6.1f s in workers; peak %5.0f MB)", self.indent,
                 28 - len(self.indent), name, now - self.mark, cpu[0] - self.cpu[0], cpu[1] - self.cpu[1], peak)
        self.mark, self.cpu = now, cpu


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process, and of its finished child processes."""
    if resource is None:  # pragma: no cover
        return float("nan"), float("nan")
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _story_job(job: tuple[str, list[tuple[bytes, tuple[str, str] | None]], list[str], int]
               ) -> tuple[bytes, StoryIndex, list[tuple[bytes, Header]], str]:
    """Every per-story stage on one group of articles (given packed, each with what it is a
    copy of); the story and its articles come back packed, with what threading reads of it
    (its profile's JSON)."""
    story_id, packed_members, merged_from, summary_size = job
    members = []
    for blob, copy_of in packed_members:
        a = unpack(blob)
        a.story = story_id
        a.duplicate_of, a.duplicate_kind = copy_of or (None, None)
        members.append(a)
    members.sort(key=_chronological)
    originals = [a for a in members if a.duplicate_of is None] or members
    detail = _detail_sample(members, originals)
    voice = _in_main_language(detail)
    summary = summarize(voice, summary_size)
    if not summary and voice is not detail:  # nothing to say in that language: in any
        summary = summarize(detail, summary_size)
    date, precision = event_date(members)
    story = Story(
        id=story_id,
        articles=[a.id for a in members],
        headline=choose_headline([a for a in voice if a.duplicate_of is None] or voice),
        date=date,
        date_precision=precision,
        entities=canonical_entities(story_id, members),
        summary=summary,
        merged_from=merged_from,
    )
    story.quotes = _story_quotes(members)
    findings = compare_facts(detail)
    story.conflicts = [f for f in findings if f.kind in ("conflict", "inconsistent")]
    story.agreement = [f for f in findings if f.kind in ("agreed", "single")]
    story.five_w = five_w(detail, story.entities, story.date, story.summary)
    story.whats_new = whats_new(detail)
    story.timeline = _timeline(members)
    story.cohesion = story_cohesion(detail)
    # packed as the store will write them (khabar.packed)
    return (pack_json(story), story_index(story), [(pack_json(a), Header.of(a)) for a in members],
            profile_json(story_profile(members)))


# Headline, summary, agreement, 5W1H and what's new compare every article or sentence of a
# story with every other: a story of more original articles than this is read through this many of them,
# spread evenly over its time (copies left out). Stories this large are rare in real news
# (the largest on the 10k speed corpus has 23 articles); without a bound, one story of
# thousands of articles needed a 139 GB similarity matrix in the 100k benchmark.
MAX_DETAIL_ARTICLES = 200


# on a tie, the story speaks the language listed first (khabar reads Hindi first)
_LANGUAGE_ORDER = ("hi", "en")


def _in_main_language(articles: list[Article]) -> list[Article]:
    """The articles in the language most of the story's original reports are written in, when
    it mixes languages (the very list otherwise): its headline and summary are read from
    them, so that a Hindi story with an English report reads in Hindi (the English report
    keeps its place in the agreement, quotes, what's new and timeline)."""
    if len({a.language for a in articles}) < 2:
        return articles
    counts = Counter(a.language for a in articles if a.duplicate_of is None) or Counter(a.language for a in articles)
    main = min(counts, key=lambda lang: (-counts[lang], _LANGUAGE_ORDER.index(lang)
                                          if lang in _LANGUAGE_ORDER else len(_LANGUAGE_ORDER), lang))
    return [a for a in articles if a.language == main]


def _detail_sample(members: list[Article], originals: list[Article]) -> list[Article]:
    """The articles the sentence-comparing stages read: all, or for a very large story
    MAX_DETAIL_ARTICLES originals evenly spaced in writing order."""
    if len(originals) <= MAX_DETAIL_ARTICLES:
        return members
    step = len(originals) / MAX_DETAIL_ARTICLES
    return [originals[int(k * step)] for k in range(MAX_DETAIL_ARTICLES)]


def _story_quotes(members: list[Article]) -> list[Quote]:
    """Who said what across the story's original articles, speakers tied to story entities."""
    out = []
    for a in members:
        if a.duplicate_of is not None:
            continue
        mentions = ByStart(a.mentions)
        for q in a.quotes:
            entity = None
            if q.speaker_start is not None and q.speaker_end is not None:
                # the last mention with an entity that overlaps the speaker
                entity = next((m.entity for m in reversed(mentions.overlapping(q.speaker_start, q.speaker_end))
                               if m.entity), None)
            out.append(dataclasses.replace(q, article=a.id, entity=entity))  # the article's own stays as found
    return out


def _timeline(members: list[Article]) -> list[dict]:
    """The story's articles in writing order, with whether each reports or previews the event."""
    return [
        {"article": a.id, "published": a.published, "source": a.source, "aspect": a.aspect,
         "title": a.title, "duplicate_of": a.duplicate_of}
        for a in members
    ]


def _chronological(a: Article) -> tuple[str, str]:
    return (a.published or "9999", a.id)


def _story_ids(
    groups: list[list[str]], by_id: dict[str, Header], previous: dict[str, str]
) -> tuple[list[str], dict[str, list[str]]]:
    """Stable story ids: a group keeps the old id most of its articles had, else gets a new one.

    Also returns, per id, the other old stories whose articles all went into it (merges).
    """
    ids: list[str | None] = [None] * len(groups)
    claims: list[tuple[int, str, int]] = []
    for n, group in enumerate(groups):
        votes = Counter(previous[by_id[i].content_hash] for i in group if by_id[i].content_hash in previous)
        for old, count in votes.items():
            claims.append((count, old, n))
    taken: set[str] = set()
    for count, old, n in sorted(claims, key=lambda c: (-c[0], c[1], c[2])):
        if ids[n] is None and old not in taken:
            ids[n] = old
            taken.add(old)
    for n, group in enumerate(groups):
        if ids[n] is None:
            seed = min(by_id[i].content_hash for i in group)
            new = "s" + hashlib.sha1(seed.encode()).hexdigest()[:8]
            while new in taken:
                new = "s" + hashlib.sha1(new.encode()).hexdigest()[:8]
            ids[n] = new
            taken.add(new)
    final = [i for i in ids if i is not None]
    old_groups: dict[str, set[int]] = defaultdict(set)
    for n, group in enumerate(groups):
        for i in group:
            old = previous.get(by_id[i].content_hash)
            if old:
                old_groups[old].add(n)
    merged: dict[str, list[str]] = defaultdict(list)
    for old, where in sorted(old_groups.items()):
        if len(where) == 1 and old not in final:
            merged[final[next(iter(where))]].append(old)
    return final, dict(merged)
