"""The REST API's pydantic models: one per role (brief, public, list, create, result)."""

from __future__ import annotations

from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field, field_validator

from khabar import queries
from khabar.model import Article, Correction, Story
from khabar.service import CorrectionReport, RunReport, ThreadRow, article_record, correction_record, story_record


class StoryBrief(BaseModel):
    """A story in a list."""

    id: str
    headline: str
    date: str | None = None
    date_precision: str | None = None
    n_articles: int
    n_outlets: int
    outlets: list[str]
    languages: list[str]

    @classmethod
    def from_row(cls, r: queries.StoryRow) -> StoryBrief:
        """From a query row."""
        s = r.story
        return cls(id=s.id, headline=s.headline, date=s.date, date_precision=s.date_precision,
                   n_articles=r.n_articles, n_outlets=r.n_outlets, outlets=r.outlets, languages=r.languages)


class StoriesPublic(BaseModel):
    """A page of stories and how many match in all."""

    data: list[StoryBrief]
    count: int


class CitationPublic(BaseModel):
    """A supporting article of a summary sentence and the sentence in it (offsets into its text)."""

    article: str
    start: int | None = None
    end: int | None = None
    url: str = Field(description="The article page, anchored at the cited sentence.")


class SummarySentencePublic(BaseModel):
    text: str
    article: str
    start: int
    end: int
    sources: list[str]
    citations: list[CitationPublic]


class EntityInStory(BaseModel):
    id: str
    name: str
    romanized: str | None = Field(default=None, description="The name in Latin letters.")
    label: str
    variants: dict[str, int]
    articles: list[str]


class ArticleBrief(BaseModel):
    """An article in a list (no text)."""

    id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    language: str
    story: str | None = None
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    url: str | None = None

    @classmethod
    def from_article(cls, a: Article) -> ArticleBrief:
        """From an analysed article."""
        return cls(id=a.id, title=a.title, source=a.source, published=a.published, language=a.language,
                   story=a.story, duplicate_of=a.duplicate_of, duplicate_kind=a.duplicate_kind, url=a.url)


class ArticlesPublic(BaseModel):
    data: list[ArticleBrief]
    count: int


class CorrectionPublic(BaseModel):
    """A reader's correction of the grouping: `article` and `other` are kept `kind`
    ("apart": never in one story; "together": always in one story) by every run."""

    id: int
    kind: str
    article: str
    other: str
    made: str | None = None

    @classmethod
    def of(cls, c: Correction) -> CorrectionPublic:
        return cls(**correction_record(c))


class StoryPublic(BaseModel):
    """A story with its entities, cited summary and articles (chronological)."""

    id: str
    headline: str
    date: str | None = None
    date_precision: str | None = None
    summary: list[SummarySentencePublic]
    entities: list[EntityInStory]
    articles: list[ArticleBrief]
    # the least title-and-lead likeness of a report to the others (khabar.stages.cohesion);
    # None for one report; under 0.07 the story may join two happenings
    cohesion: float | None = None
    loose: bool = False
    corrections: list[CorrectionPublic] = Field(
        default_factory=list, description="A reader's corrections that name the story's articles (oldest first).")

    @classmethod
    def from_view(cls, v: queries.StoryView, root: str = "") -> StoryPublic:
        """From the story view the pages use too."""
        s: Story = v.story
        rec = story_record(s)
        return cls(
            id=s.id, headline=s.headline, date=s.date, date_precision=s.date_precision,
            summary=[
                SummarySentencePublic(
                    text=c.sentence.text, article=c.sentence.article, start=c.sentence.start, end=c.sentence.end,
                    sources=c.sentence.sources,
                    citations=[CitationPublic(article=x.article, start=x.start, end=x.end,
                                              url=article_url(root, x.article, x.anchor)) for x in c.citations],
                )
                for c in v.summary
            ],
            entities=[EntityInStory(id=e["id"], name=e["name"], romanized=e.get("romanized"), label=e["label"], variants=e["variant_counts"],
                                    articles=e["articles"]) for e in rec["entities"]],
            articles=[ArticleBrief.from_article(a) for a in v.articles],
            cohesion=s.cohesion, loose=s.loose, corrections=[CorrectionPublic.of(c) for c in v.corrections],
        )


class MentionPublic(BaseModel):
    entity: str | None = None
    text: str
    start: int
    end: int
    label: str


class DatePublic(BaseModel):
    text: str
    value: str | None = None
    precision: str | None = None
    start: int
    end: int
    relative: bool = False


class RemovedPublic(BaseModel):
    text: str
    line: int
    reason: str


class ArticlePublic(BaseModel):
    """An analysed article, as in the JSON Lines export: clean text and offset annotations."""

    id: str
    source: str | None = None
    title: str | None = None
    published: str | None = None
    language: str
    story: str | None = None
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    text: str
    removed: list[str]
    removed_detail: list[RemovedPublic]
    entities: list[MentionPublic]
    dates: list[DatePublic]
    sentences: list[tuple[int, int]]
    dateline: str | None = None
    url: str | None = None
    romanized_hindi: bool = False
    published_from: str | None = None
    content_hash: str

    @classmethod
    def from_article(cls, a: Article) -> ArticlePublic:
        """From an analysed article, through the export contract."""
        return cls.model_validate(article_record(a))


class ArticleCreate(BaseModel):
    """One input article, with the fields of khabar's JSON Lines input (other common names for them, such as `body`, `content`, `date` or `outlet`, are read too: see the README)."""

    model_config = ConfigDict(extra="allow")

    id: str | None = Field(None, description="Article id; one is made from the content if absent.")
    text: str | None = Field(None, description="Plain text of the article (page furniture may be left in).")
    html: str | None = Field(None, description="The article's HTML page, used when there is no text.")
    title: str | None = None
    published: str | None = Field(None, description="Publication date: ISO date or datetime (also an e-mail/RSS date, a Unix time, or a day, month and year in words).")
    source: str | None = Field(None, description="The outlet.")
    url: str | None = None


class RejectionPublic(BaseModel):
    origin: str
    reason: str


class IngestResult(BaseModel):
    """What an ingest did: counts, the new article ids, and the rejected records with reasons."""

    new: int
    already_stored: int
    copies: int
    rejected: list[RejectionPublic]
    new_ids: list[str]
    articles: int = Field(description="Articles in the store after the run.")
    stories: int = Field(description="Stories in the store after the run.")
    seconds: float

    @classmethod
    def from_report(cls, r: RunReport, counts: dict[str, int]) -> IngestResult:
        """From the service's run report and the store's counts after it."""
        return cls(new=r.new, already_stored=r.already_stored, copies=r.copies,
                   rejected=[RejectionPublic(origin=x.origin, reason=x.reason) for x in r.rejected],
                   new_ids=r.new_ids, articles=counts.get("articles", 0), stories=counts.get("stories", 0),
                   seconds=round(r.seconds, 3))


class CorrectionsPublic(BaseModel):
    """Every correction, oldest first."""

    data: list[CorrectionPublic]
    count: int


def _text_id(value: str) -> str:
    """An id as text any store can look up: JSON may carry lone surrogates, which no backend
    can encode (refused here with 422 instead of failing in the store)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ValueError(f"not text: lone surrogate U+{ord(value[e.start]):04X}") from None
    return value


class DetachRequest(BaseModel):
    """Take these articles (of one story) out of it, for good, as one story of their own."""

    model_config = ConfigDict(extra="forbid")
    articles: list[str] = Field(min_length=1, max_length=1000, description="The articles' ids.")

    @field_validator("articles")
    @classmethod
    def _texts(cls, value: list[str]) -> list[str]:
        return [_text_id(v) for v in value]


class JoinRequest(BaseModel):
    """Make one story of the stories of these two, for good."""

    model_config = ConfigDict(extra="forbid")
    item: str = Field(description="An article id, or a story id (a unique prefix is enough).")
    other: str = Field(description="Another article or story.")

    _text = field_validator("item", "other")(_text_id)


class CorrectionResult(BaseModel):
    """What a correction did: corrections recorded and withdrawn, the story its article is in
    now, and the store's counts after grouping again."""

    made: list[CorrectionPublic]
    withdrawn: list[CorrectionPublic]
    story: str | None = Field(default=None, description="The id of the story the corrected article is in now.")
    articles: int
    stories: int
    seconds: float

    @classmethod
    def from_report(cls, r: CorrectionReport) -> CorrectionResult:
        return cls(made=[CorrectionPublic.of(c) for c in r.made], withdrawn=[CorrectionPublic.of(c) for c in r.withdrawn],
                   story=r.story.id if r.story else None, articles=r.run.articles, stories=len(r.run.stories),
                   seconds=round(r.run.seconds, 3))


class EntityBrief(BaseModel):
    id: str
    name: str
    romanized: str | None = Field(default=None, description="The name in Latin letters.")
    label: str
    variants: list[str] = Field(description="Spellings, most frequent first.")
    n_stories: int
    n_articles: int

    @classmethod
    def from_row(cls, e: queries.EntityRow) -> EntityBrief:
        """From a query row."""
        return cls(id=e.id, name=e.name, romanized=e.romanized, label=e.label,
                   variants=sorted(e.variants, key=lambda v: (-e.variants[v], v)),
                   n_stories=len(e.stories), n_articles=len(e.articles))


class EntitiesPublic(BaseModel):
    data: list[EntityBrief]
    count: int


class ThreadBrief(BaseModel):
    """A thread in a list: stories that continue one another (a place's daily count, a
    commission's sessions); `khabar show` or GET /api/stories/{newest} gives its timeline."""

    id: str
    first: str | None = Field(None, description="The date of its earliest story.")
    last: str | None = Field(None, description="The date of its newest story.")
    stories: int
    newest: str = Field(description="The id of its newest story.")
    headline: str = Field(description="Its newest story's headline.")

    @classmethod
    def from_row(cls, r: ThreadRow) -> ThreadBrief:
        return cls(id=r.id, first=r.first, last=r.last, stories=r.stories, newest=r.newest, headline=r.headline)


class ThreadsPublic(BaseModel):
    """A page of threads, newest first, and how many there are in all."""

    data: list[ThreadBrief]
    count: int


class RelatedEntity(BaseModel):
    id: str
    name: str
    label: str
    shared_articles: int


class EntityPublic(BaseModel):
    """An entity across stories: spellings with counts, stories (newest first), entities it appears with."""

    id: str
    name: str
    romanized: str | None = Field(default=None, description="The name in Latin letters.")
    label: str
    variants: dict[str, int]
    articles: list[str]
    stories: list[StoryBrief]
    related: list[RelatedEntity]

    @classmethod
    def from_view(cls, v: queries.EntityView) -> EntityPublic:
        """From the entity view the pages use too."""
        e = v.entity
        return cls(id=e.id, name=e.name, romanized=e.romanized, label=e.label, variants=e.variants, articles=e.articles,
                   stories=[StoryBrief.from_row(r) for r in v.stories],
                   related=[RelatedEntity(id=o.id, name=o.name, label=o.label, shared_articles=n)
                            for o, n in v.related])


def article_url(root: str, article_id: str, anchor: int | None = None) -> str:
    """The page of an article, anchored at the sentence starting at `anchor`."""
    return f"{root}/articles/{quote(article_id)}" + (f"#s-{anchor}" if anchor is not None else "")
