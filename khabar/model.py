"""khabar's data model: raw inputs, articles with offset annotations, stories.

Raw input is kept verbatim (``RawDoc.raw``). Everything else is derived from it.
Every annotation on an article is a span into ``Article.text`` (the clean text),
given as character offsets ``start``/``end`` so that ``text[start:end]`` is the
annotated string exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# the longest article id the store takes (its id columns' declared length; on PostgreSQL it
# also keeps the unique index's entries under the server's per-entry limit of ~2.7 KB)
MAX_ID_LENGTH = 512
# the longest id an input may give: room is left for the "~" and 8 hex digits a run appends
# to an id that another input already has
MAX_INPUT_ID_LENGTH = MAX_ID_LENGTH - 9

Precision = Literal["day", "month", "year", "range", "week"]


@dataclass(slots=True)
class RawDoc:
    """One input article as read from disk or a request, before any processing."""

    id: str
    raw: str  # verbatim decoded input: the .txt content, the HTML, or the JSON text/html
    kind: Literal["txt", "html", "json"]
    origin: str  # where it came from: a path, or "path:line" for JSON Lines
    content_hash: str  # sha256 of the raw content; the article's storage key
    title: str | None = None
    published: str | None = None  # ISO date or datetime, as given by the input
    source: str | None = None  # outlet, if the input says
    url: str | None = None
    is_html: bool = False  # raw is HTML (an .html file, or a JSON record with "html")


@dataclass(slots=True)
class Rejection:
    """An input that could not be used, with a one-line reason."""

    origin: str
    reason: str


@dataclass(slots=True)
class RemovedLine:
    """A boilerplate line taken out of the text, kept with why it went."""

    text: str
    line: int  # 0-based line number in the normalized text
    reason: str  # e.g. "rule:advertisement", "recurring:outlet"


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """A proper-name mention in the clean text."""

    text: str
    start: int
    end: int
    label: str  # PER, LOC, ORG, MISC
    key: str = ""  # spelling-folded key used to group variants
    entity: str | None = None  # canonical entity id, set at story level


@dataclass(slots=True)
class DateMention:
    """A date expression in the clean text, resolved against the article date."""

    text: str
    start: int
    end: int
    value: str | None  # ISO: YYYY-MM-DD, YYYY-MM, YYYY, or "YYYY-MM-DD/YYYY-MM-DD" for ranges
    precision: Precision | None
    relative: bool = False  # resolved from a relative expression (आज, गुरुवार, yesterday)


@dataclass(slots=True)
class Quote:
    """Who said what: a direct quote or reported speech, with its speaker when found.

    ``start``/``end`` span the quoted or reported words; the speaker span, when the speaker
    is named in the text, points at the name (not at a pronoun's antecedent).
    """

    text: str  # the quoted words (direct) or the reported content (reported)
    start: int
    end: int
    kind: Literal["direct", "reported"]
    speaker: str | None = None  # the speaker as written ("रक्षा मंत्री राजनाथ सिंह", "the ministry")
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # the speech verb or phrase as written ("ने कहा", "said", "के अनुसार")
    entity: str | None = None  # the speaker's canonical entity id, set at story level
    article: str | None = None  # set when the quote is listed on a story


@dataclass(slots=True)
class Fact:
    """A comparable statement in one article: a count, amount, ordinal, role, place or date.

    ``slot`` names what the value is about, folded so that two outlets' wordings of the
    same thing meet (the counted noun, the role, the act); ``value`` is the normalised
    value compared across articles. ``start``/``end`` span the whole fact phrase and
    ``value_start``/``value_end`` the value inside it.
    """

    kind: str  # "count", "amount", "percent", "ordinal", "role", "place", "date", "agreement"
    slot: str  # folded key of what is measured or filled ("मामल", "wicket", "रक्षा मंत्री")
    value: str  # normalised value: "116", "1.8e9 INR", an entity id or key, an ISO date
    text: str  # the fact phrase as written
    start: int
    end: int
    value_start: int
    value_end: int
    sentence: int = 0  # index of its sentence in Article.sentences
    approx: bool = False  # stated as approximate (करीब 100, more than 100): never in conflict


@dataclass(slots=True)
class Article:
    """An article after the per-article stages, plus its corpus-level links."""

    id: str
    content_hash: str
    origin: str
    text: str  # clean text: every offset points into this
    removed: list[RemovedLine] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None  # where the title sits in text, if it does
    dateline: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) the article was written
    published_from: str | None = None  # "input", "html", "text" or None
    source: str | None = None
    url: str | None = None
    language: str = "other"  # "hi", "en", "other"
    romanized_hindi: bool = False
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    aspect: str | None = None  # "report" (it happened), "preview" (it will happen) or "mixed"
    analysis_key: str | None = None  # pipeline version + what of the corpus the analysis depended on
    # corpus level
    story: str | None = None
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # "exact" or "near"


@dataclass(slots=True)
class Entity:
    """One person, place or organisation across its spellings within a story."""

    id: str
    name: str  # display name: the most frequent full form
    label: str
    variants: dict[str, int] = field(default_factory=dict)  # spelling -> count
    articles: list[str] = field(default_factory=list)
    romanized: str | None = None  # Latin-script name (ICU transliteration, Hindi schwa deletion)


@dataclass(slots=True)
class SummarySentence:
    """A summary sentence with every article that supports it."""

    text: str
    article: str  # the article the text is taken from
    start: int
    end: int
    sources: list[str] = field(default_factory=list)  # all supporting article ids


@dataclass(slots=True)
class Citation:
    """Where a value stands: (article, start, end) in that article's clean text."""

    article: str
    start: int
    end: int
    text: str = ""  # text[start:end], kept for display


@dataclass(slots=True)
class FactValue:
    """One value of a fact slot with every place that states it."""

    value: str  # normalised value
    display: str  # as written in its first citation
    citations: list[Citation] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # outlets (or article ids when unknown)


@dataclass(slots=True)
class Finding:
    """A fact slot compared across a story's articles.

    kind: "agreed" (every outlet that states it gives one value, at least two outlets),
    "single" (one outlet only), "conflict" (outlets give different values) or
    "inconsistent" (one article gives different values for the slot).
    """

    kind: Literal["agreed", "single", "conflict", "inconsistent"]
    fact: str  # Fact.kind
    slot: str
    label: str  # readable description of the slot, for people
    values: list[FactValue] = field(default_factory=list)
    outlets: int = 0  # outlets that state the slot at all
    of: int = 0  # outlets in the story


@dataclass(slots=True)
class Answer:
    """One of the story's 5W1H answers, with where it comes from."""

    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class Update:
    """What an article added to its story: sentences no earlier article had."""

    article: str
    published: str | None
    sentences: list[Citation] = field(default_factory=list)


# Kinds of hand correction: two articles never in one story, or always in one story.
APART, TOGETHER = "apart", "together"


@dataclass(slots=True, frozen=True)
class Correction:
    """A reader's correction of the grouping, kept in the store and obeyed by every later run:
    `article` and `other` are `kind` (APART or TOGETHER); `id` orders them (later ones were
    made later), `made` is when (ISO, UTC)."""

    id: int
    kind: str
    article: str
    other: str
    made: str | None = None


# A story whose cohesion is under this has a report whose title and lead share nothing that
# matters with any other report's (khabar.stages.cohesion says how it was set).
LOOSE_COHESION = 0.07


def loosely_joined(cohesion: float | None) -> bool:
    """Whether a story of this cohesion may join two happenings (None: not judged)."""
    return cohesion is not None and cohesion < LOOSE_COHESION


@dataclass(slots=True)
class Story:
    """An event: the articles about one real-world happening."""

    id: str
    articles: list[str]
    headline: str = ""
    date: str | None = None  # event date, ISO
    date_precision: str | None = None
    entities: list[Entity] = field(default_factory=list)
    summary: list[SummarySentence] = field(default_factory=list)
    thread: str | None = None  # thread id: stories that continue one another
    merged_from: list[str] = field(default_factory=list)  # ids of earlier stories merged into this one
    quotes: list[Quote] = field(default_factory=list)  # who said what, with Quote.article set
    agreement: list[Finding] = field(default_factory=list)  # "agreed" and "single" findings
    conflicts: list[Finding] = field(default_factory=list)  # "conflict" and "inconsistent" findings
    five_w: dict[str, Answer] = field(default_factory=dict)  # who, what, when, where, why, how
    whats_new: list[Update] = field(default_factory=list)  # per later article, what it added
    timeline: list[dict] = field(default_factory=list)  # articles over time: id, published, aspect, dates
    # how well its reports hold together by their titles and leads (khabar.stages.cohesion);
    # None for one report; under LOOSE_COHESION it may join two happenings
    cohesion: float | None = None

    @property
    def loose(self) -> bool:
        """Its cohesion is under LOOSE_COHESION: it may join two happenings."""
        return loosely_joined(self.cohesion)
