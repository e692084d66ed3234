"""Read queries for the web pages and the REST API (issue 6): search, filters, views.

Like ``khabar.service`` it holds no SQL: it asks the store, and keeps a per-store index of
every story (its words and folded word keys, outlets, languages, entities) that is rebuilt
whenever the store's data version changes. Search and filters scan that index in Python,
which is fine for the corpora khabar holds today (thousands of stories).
"""
from __future__ import annotations

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from khabar import service
from khabar.errors import ArticleNotFound, KhabarError, StoryNotFound
from khabar.ingest import record_to_doc
from khabar.romanize import romanize
from khabar.model import Article, Correction, Entity, RawDoc, Rejection, Story, SummarySentence
from khabar.search import WordIndex, index_text, matches, matches_prefix, normalize, parse_query
from khabar.store import Store


class EntityNotFound(KhabarError):
    """No entity with the given id."""


# -- the per-store index ----------------------------------------------------------------
@dataclass
class StoryRow:
    """A story with what the list pages show and filter on."""

    story: Story
    n_articles: int
    n_outlets: int  # distinct outlets; an article without one counts as its own (as in the CLI)
    outlets: list[str]  # the named outlets, most articles first
    languages: list[str]
    words: WordIndex = field(repr=False, default=None)  # type: ignore[assignment]


@dataclass
class EntityRow:
    """One entity (one id) across every story that has it."""

    id: str
    name: str
    label: str
    variants: dict[str, int]
    stories: list[str]  # story ids, newest first
    articles: list[str]
    romanized: str | None = None  # of the display name


@dataclass
class _Index:
    stories: list[StoryRow]  # newest first
    by_story: dict[str, StoryRow]
    entities: dict[str, EntityRow]
    outlets: list[str]
    languages: list[str]


_CACHE: dict[str, tuple[str, _Index]] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_MAX = 8  # stores kept; a server has one, a test run a few


def _index(store: Store) -> _Index:
    """The index of the store's current data (built once per data version)."""
    version = store.data_version()
    hit = _CACHE.get(store.url)
    if hit and hit[0] == version:
        return hit[1]
    idx = _build_index(store)
    with _CACHE_LOCK:
        if len(_CACHE) >= _CACHE_MAX and store.url not in _CACHE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[store.url] = (version, idx)
    return idx


def _build_index(store: Store) -> _Index:
    """Read every story and article once and index them."""
    stories = store.stories()
    by_id = {a.id: a for a in store.articles()}
    rows: list[StoryRow] = []
    for s in stories:
        arts = [by_id[i] for i in s.articles if i in by_id]
        outlets = Counter(a.source for a in arts if a.source)
        texts = [s.headline, *(x.text for x in s.summary)]
        for a in arts:
            texts += [a.title, a.text]
        rows.append(StoryRow(
            story=s,
            n_articles=len(s.articles),
            n_outlets=len({a.source or a.id for a in arts}),
            outlets=[o for o, _ in outlets.most_common()],
            languages=sorted({a.language for a in arts}),
            words=index_text(texts),
        ))
    entities: dict[str, EntityRow] = {}
    names: dict[str, Counter] = defaultdict(Counter)
    labels: dict[str, Counter] = defaultdict(Counter)
    for s in stories:
        for e in s.entities:
            row = entities.get(e.id)
            if row is None:
                row = entities[e.id] = EntityRow(e.id, e.name, e.label, {}, [], [])
            weight = sum(e.variants.values()) or 1
            names[e.id][e.name] += weight
            labels[e.id][e.label] += weight
            for v, c in e.variants.items():
                row.variants[v] = row.variants.get(v, 0) + c
            if s.id not in row.stories:
                row.stories.append(s.id)
            row.articles += [a for a in e.articles if a not in row.articles]
    for eid, row in entities.items():
        row.name = names[eid].most_common(1)[0][0]
        row.label = labels[eid].most_common(1)[0][0]
        row.romanized = romanize(row.name)
    all_outlets = Counter(a.source for a in by_id.values() if a.source)
    return _Index(
        stories=rows,
        by_story={r.story.id: r for r in rows},
        entities=entities,
        outlets=sorted(all_outlets),
        languages=sorted({a.language for a in by_id.values()}),
    )


# -- stories ----------------------------------------------------------------------------
@dataclass
class StoryFilter:
    """What a story list may be narrowed by (every field optional)."""

    q: str | None = None
    date_from: str | None = None  # ISO date prefix, compared with the event date
    date_to: str | None = None
    outlet: str | None = None
    entity: str | None = None  # an entity id, or a name in any spelling
    lang: str | None = None


def find_stories(store: Store, f: StoryFilter | None = None) -> list[StoryRow]:
    """Stories matching the filter, newest event first."""
    f = f or StoryFilter()
    idx = _index(store)
    terms = parse_query(f.q)
    outlet = normalize(f.outlet) if f.outlet else None
    wanted_entities = _entity_ids(idx, f.entity) if f.entity else None
    out = []
    for row in idx.stories:
        date = (row.story.date or "")[:10]
        if f.date_from and (not date or date < f.date_from):
            continue
        if f.date_to and (not date or date[: len(f.date_to)] > f.date_to):
            continue
        if outlet and outlet not in {normalize(o) for o in row.outlets}:
            continue
        if f.lang and f.lang not in row.languages:
            continue
        if wanted_entities is not None and not any(e.id in wanted_entities for e in row.story.entities):
            continue
        if terms and not matches(terms, row.words):
            continue
        out.append(row)
    return out


def _entity_ids(idx: _Index, wanted: str) -> set[str]:
    """Ids of the entities named by an id or by a name (whole words, any spelling)."""
    if wanted in idx.entities:
        return {wanted}
    terms = parse_query(wanted)
    if not terms:
        return set()
    out = set()
    for e in idx.entities.values():
        names = index_text([e.name, *e.variants])
        if matches(terms, names):
            out.add(e.id)
    return out


def facets(store: Store) -> tuple[list[str], list[str]]:
    """Every outlet and every language in the store (for filter menus)."""
    idx = _index(store)
    return idx.outlets, idx.languages


@dataclass
class Citation:
    """One supporting article of a summary sentence, and the sentence in it to point at."""

    article: str
    number: int  # the article's number in the story's list
    anchor: int | None  # start offset of the sentence to jump to, or None
    start: int | None = None
    end: int | None = None


@dataclass
class CitedSentence:
    sentence: SummarySentence
    citations: list[Citation]


@dataclass
class ArticleGroup:
    """An original article with the copies of it found in the same story."""

    article: Article
    number: int
    copies: list[tuple[Article, int]]


@dataclass
class StoryView:
    """Everything the story page shows."""

    story: Story
    articles: list[Article]  # chronological
    numbers: dict[str, int]
    n_outlets: int  # an article without an outlet counts as its own
    summary: list[CitedSentence]
    groups: list[ArticleGroup]
    coverage: list[tuple[str, list[Article]]]  # outlet -> its articles, most first
    entities: list[Entity]
    timeline: list[tuple[str, list[Article]]]  # publication date -> articles, in date order
    undated: list[Article]
    thread: list[Story] = field(default_factory=list)  # the stories of its thread, in date order
    corrections: list[Correction] = field(default_factory=list)  # a reader's, naming its articles


def story_view(store: Store, story_id: str) -> StoryView:
    """A story with its articles, cited summary, coverage, entities and timeline; raises StoryNotFound."""
    story, _ = service.get_story(store, story_id)
    arts = sorted(store.articles_by_ids(story.articles), key=lambda a: (a.published or "9999", a.id))
    numbers = {a.id: n for n, a in enumerate(arts, 1)}
    by_id = {a.id: a for a in arts}
    summary = [CitedSentence(x, _citations(x, by_id, numbers)) for x in story.summary]
    groups: dict[str, ArticleGroup] = {}
    for a in arts:
        if not (a.duplicate_of and a.duplicate_of in by_id):
            groups[a.id] = ArticleGroup(a, numbers[a.id], [])
    for a in arts:
        if a.id not in groups:
            root = a
            seen = {a.id}
            while root.duplicate_of in by_id and root.duplicate_of not in seen and root.id not in groups:
                seen.add(root.duplicate_of)
                root = by_id[root.duplicate_of]
            if root.id in groups:
                groups[root.id].copies.append((a, numbers[a.id]))
            else:  # a cycle of copies: show it on its own
                groups[a.id] = ArticleGroup(a, numbers[a.id], [])
    coverage: dict[str, list[Article]] = defaultdict(list)
    for a in arts:
        coverage[a.source or "(outlet unknown)"].append(a)
    timeline: dict[str, list[Article]] = defaultdict(list)
    for a in arts:
        if a.published:
            timeline[a.published[:10]].append(a)
    entities = sorted(story.entities, key=lambda e: (-len(e.articles), -sum(e.variants.values()), e.name))
    return StoryView(
        story=story,
        articles=arts,
        numbers=numbers,
        n_outlets=len({a.source or a.id for a in arts}),
        summary=summary,
        groups=list(groups.values()),
        coverage=sorted(coverage.items(), key=lambda kv: (-len(kv[1]), kv[0])),
        entities=entities,
        timeline=sorted(timeline.items()),
        undated=[a for a in arts if not a.published],
        thread=sorted((r.story for r in _index(store).stories if story.thread and r.story.thread == story.thread),
                      key=lambda x: (x.date or "", x.id)),
        corrections=service.story_corrections(store, story),
    )


def _citations(x: SummarySentence, by_id: dict[str, Article], numbers: dict[str, int]) -> list[Citation]:
    """Where each supporting article says the summary sentence: its own span, or its closest sentence."""
    out = []
    for aid in dict.fromkeys([x.article, *x.sources]):
        a = by_id.get(aid)
        if a is None:
            continue
        if aid == x.article:
            anchor = _sentence_at(a, x.start)
            out.append(Citation(aid, numbers[aid], anchor, x.start, x.end))
        else:
            best = _closest_sentence(a, x.text)
            out.append(Citation(aid, numbers[aid], best[0] if best else None, *(best or (None, None))))
    return sorted(out, key=lambda c: c.number)


def sentence_anchor(a: Article, offset: int) -> int:
    """Start of the article sentence that contains `offset`: the anchor a citation links to."""
    return _sentence_at(a, offset)


def _sentence_at(a: Article, offset: int) -> int:
    """Start of the article sentence that contains `offset` (the offset itself if none does)."""
    for s in a.sentences:
        if s.start <= offset < s.end:
            return s.start
    return offset


def _closest_sentence(a: Article, text: str) -> tuple[int, int] | None:
    """The (start, end) of the article sentence sharing the most folded words with `text`."""
    target = _keys(text)
    if not target:
        return None
    best, best_score = None, 0.0
    for s in a.sentences:
        keys = _keys(a.text[s.start:s.end])
        if not keys:
            continue
        score = len(target & keys) / len(target | keys)
        if score > best_score:
            best, best_score = (s.start, s.end), score
    return best


def _keys(text: str) -> set[str]:
    """Folded word keys of a text."""
    return set(index_text([text]).keys)


# -- articles ---------------------------------------------------------------------------
def list_articles(
    store: Store, limit: int = 50, offset: int = 0, story: str | None = None, outlet: str | None = None,
    lang: str | None = None,
) -> tuple[list[Article], int]:
    """A page of articles, newest first, and how many there are in all."""
    return store.articles_page(limit, offset, story=story, source=outlet, language=lang)


def get_article(store: Store, article_id: str) -> Article:
    """One analysed article; raises ArticleNotFound."""
    a = store.article(article_id)
    if a is None:
        raise ArticleNotFound(f"no article {article_id!r}")
    return a


def get_raw(store: Store, article_id: str) -> RawDoc:
    """The verbatim input of an article; raises ArticleNotFound."""
    raw = store.raw_doc(article_id)
    if raw is None:
        raise ArticleNotFound(f"no article {article_id!r}")
    return raw


def ingest_json(store: Store, records: list[object], origins: list[str] | None = None) -> service.RunReport:
    """Article records (khabar's JSON input fields) processed like `khabar run`; bad ones rejected.

    An item that is already a Rejection (e.g. a line that was not JSON) is passed through.
    """
    docs: list[RawDoc] = []
    rejected: list[Rejection] = []
    for n, rec in enumerate(records):
        if isinstance(rec, Rejection):
            rejected.append(rec)
            continue
        origin = origins[n] if origins else f"request[{n + 1}]"
        item = record_to_doc(rec, origin)  # type: ignore[arg-type]
        (rejected if isinstance(item, Rejection) else docs).append(item)
    if not docs:
        return service.RunReport(rejected=rejected)
    report = service.ingest_records(docs, store)
    report.rejected = rejected + report.rejected
    return report


# -- entities ---------------------------------------------------------------------------
def find_entities(store: Store, q: str | None = None, label: str | None = None) -> list[EntityRow]:
    """Entities whose name or a spelling begins with every query word; most stories first."""
    idx = _index(store)
    terms = parse_query(q)
    rows = [
        e for e in idx.entities.values()
        if (not label or e.label == label) and (not terms or matches_prefix(terms, [e.name, *e.variants]))
    ]
    return sorted(rows, key=lambda e: (-len(e.stories), -len(e.articles), -sum(e.variants.values()), e.name))


@dataclass
class EntityView:
    """Everything the entity page shows."""

    entity: EntityRow
    stories: list[StoryRow]  # newest first
    related: list[tuple[EntityRow, int]]  # entities sharing articles with it, and how many


def entity_view(store: Store, entity_id: str, related_max: int = 30) -> EntityView:
    """An entity, its stories over time and the entities it appears with; raises EntityNotFound."""
    idx = _index(store)
    e = idx.entities.get(entity_id)
    if e is None:
        raise EntityNotFound(f"no entity {entity_id!r}")
    stories = [idx.by_story[s] for s in e.stories if s in idx.by_story]
    stories.sort(key=lambda r: (r.story.date or "", r.story.id), reverse=True)
    mine = set(e.articles)
    shared: Counter = Counter()
    for r in stories:
        for other in r.story.entities:
            if other.id != e.id:
                n = len(mine & set(other.articles))
                if n:
                    shared[other.id] += n
    related = [(idx.entities[i], n) for i, n in shared.items() if i in idx.entities]
    related.sort(key=lambda t: (-t[1], t[0].name))
    return EntityView(e, stories, related[:related_max])


__all__ = [
    "ArticleGroup", "Citation", "CitedSentence", "EntityNotFound", "EntityRow", "EntityView", "StoryFilter",
    "StoryNotFound", "StoryRow", "StoryView", "entity_view", "facets", "find_entities",
    "find_stories", "get_article", "get_raw", "ingest_json", "list_articles", "sentence_anchor", "story_view",
]
