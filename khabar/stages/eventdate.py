"""Stage 9b (per story): the date of the event a story reports.

Every resolved date mention of every article votes for its (value, precision) with a weight:

    weight = zone x precision x direction x distance x dateline

- zone: where the mention sits. News puts the event's date in the headline and the first
  sentences ("... ने गुरुवार को कहा"); later sentences bring background and side events.
  Title 4, lead (first 3 sentences after the title) 2.5, rest from 1 right after the lead
  down to 0.5 at the end of the text (the inverted pyramid: the further down, the less
  central; the last lines of scraped pages are often links to other stories).
- precision: a day says more than a week, a month or a year. Day 1, week 0.4, month 0.3,
  range 0.15, year 0.1.
- direction: a date after the article's own date is a preview ("गुरुवार को बैठक करेंगे"),
  a report of a thing that has happened outweighs it: report 1, preview 0.6 (set on the
  seeds so that 003's future-tense गुरुवार near its top still beats a past-tense weekday in
  a link to another story at its very end).
- distance from the article's date: within a week 1, within a month 0.3, beyond that the
  mention is background (an earlier agreement, last year's figures): 0.02, and such a date
  is chosen only if nothing in the foreground is left. For a story's date (not clustering's
  own date), a date one to four weeks *before* the article's is background too ("यह व्यक्ति
  21 मार्च को ओमान से लौटा था" in a report of 3 April): the publication date gives the
  happening's day better. Measured 2026-12-06 on the Hindi event gold: tuning part exact
  63 → 64 of 72 and within a day 69 → 71, third check part within a day 120 → 121, the
  other parts the same; for clustering's own date it cost the tuning part B³ 0.846 → 0.833.
- dateline: a date standing alone on its line ("December 6, 2025", "Published on 4 Dec")
  is when the page was written, not the event: 0.1.
- edge of a period: a date with से / तक / के बाद after it or since / until / from / by
  before it ("31 मार्च तक लॉकडाउन", "since March 25") bounds a period rather than dating the
  happening: it weighs as a range and counts as background (for a story's date; an
  article's own date for clustering reads it as any date, see `event_date`).

An article gives each value its best mention's weight plus 0.1 for every further mention
(capped at +0.5), so one long article cannot outvote several that agree; the story's score
for a value is the sum over its articles. A foreground day wins; else a foreground coarser
date (a period only when no article has a publication date); else the earliest publication
date (precision "day"); else the best background date; else None. All weights were set by
hand on the five seed pages and a reading of a sample of hindi-news-2020 and ECB+ articles.
The Hindi event gold's ids carry the happening's day, which `benchmarks/eventdate_eval.py`
measures against (the two rules for periods came from that, 2026-12-06); nothing was swept.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

import regex

from khabar.model import Article, DateMention
from khabar.stages.dates import find_dates

_ZONE = {"title": 4.0, "lead": 2.5, "body": 1.0}
_PRECISION = {"day": 1.0, "week": 0.4, "month": 0.3, "range": 0.15, "year": 0.1}
_PREVIEW = 0.6
_BODY_END = 0.5  # body weight at the very end of the text (1.0 right after the lead)
_DATELINE = 0.1
_LEAD_SENTENCES = 3
_LEAD_CHARS = 400  # without sentence spans: about three sentences of Hindi news text
_NEAR_DAYS, _MONTH_DAYS = 7, 31
_NEAR, _MONTH, _BACKGROUND = 1.0, 0.3, 0.02
_EXTRA_MENTION, _EXTRA_CAP = 0.1, 0.5
_DATELINE_MAX_WORDS = 4  # "Last updated at", "Published on": a line with more words is a sentence
_WORD = regex.compile(r"[\p{L}\p{M}]+")


def _day(s: str | None) -> date | None:
    """A `date` from an ISO date or datetime string, or None."""
    if not s:
        return None
    try:
        return date.fromisoformat(s.strip()[:10])
    except ValueError:
        return None


def _period(value: str, precision: str | None) -> tuple[date, date] | None:
    """First and last day covered by a date value."""
    try:
        if "/" in value:
            a, b = value.split("/", 1)
            first, last = _period(a, None), _period(b, None)
            return (first[0], last[1]) if first and last else None
        if precision == "week":
            d = date.fromisoformat(value)
            return d, d + timedelta(days=6)
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            d = date(*parts)
            return d, d
        if len(parts) == 2:
            y, m = parts
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except (ValueError, TypeError):
        return None


def _zones(a: Article) -> list[tuple[DateMention, float, str]]:
    """The article's resolved mentions, each with its zone weight and the text it is in."""
    out: list[tuple[DateMention, float, str]] = []
    title_end = -1
    if a.title_span is not None:
        title_end = a.title_span.end
    elif a.title and a.text.startswith(a.title.strip()):
        title_end = len(a.title.strip())
    elif a.title:  # the title is not part of the text: read its dates on their own
        out.extend((m, _ZONE["title"], a.title) for m in find_dates(a.title, a.language, a.published, [])
                   if m.value is not None)
    sentences = sorted((s for s in a.sentences if s.start >= title_end), key=lambda s: s.start)
    lead_end = sentences[min(_LEAD_SENTENCES, len(sentences)) - 1].end if sentences else (
        max(title_end, 0) + _LEAD_CHARS)
    for m in a.dates:
        if m.value is None:
            continue
        start = a.title_span.start if a.title_span is not None else 0
        if title_end >= 0 and start <= m.start < title_end:
            zone = _ZONE["title"]
        elif m.start < lead_end:
            zone = _ZONE["lead"]
        else:
            depth = (m.start - lead_end) / max(1, len(a.text) - lead_end)
            zone = _ZONE["body"] * (1.0 - (1.0 - _BODY_END) * min(1.0, depth))
        out.append((m, zone, a.text))
    return out


def _is_dateline(text: str, m: DateMention) -> bool:
    """True if an absolute date stands (nearly) alone on its line."""
    if m.relative:
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[line_start:m.start] + " " + text[m.end:line_end]
    return len(_WORD.findall(rest)) <= _DATELINE_MAX_WORDS


# words that make the date beside them the edge of a period, not the day of the happening:
# "25 मार्च से" (since / from), "3 मई तक" (until), "25 मार्च के बाद" (after); "since March 25"
_HI_AFTER = ("से", "तक")
_HI_AFTER_PAIRS = (("के", "बाद"), ("के", "पहले"))
_EN_BEFORE = frozenset({"since", "until", "till", "from", "through", "after", "before", "by"})


def _is_boundary(text: str, m: DateMention) -> bool:
    """True if the mention is the edge of a period: since, from, until, after or before it."""
    after = _WORD.findall(text, m.end, min(len(text), m.end + 20))
    if after and (after[0] in _HI_AFTER or tuple(after[:2]) in _HI_AFTER_PAIRS):
        return True
    before = _WORD.findall(text, max(0, m.start - 12), m.start)
    return bool(before) and before[-1].lower() in _EN_BEFORE


def _weight(m: DateMention, zone: float, ref: date | None, text: str,
            boundaries: bool = True) -> tuple[float, bool] | None:
    """(weight, is_background) of one mention, or None if its value cannot be read; with
    `boundaries`, the edge of a period (`_is_boundary`) is background."""
    span = _period(m.value or "", m.precision)
    if span is None:
        return None
    w = zone * _PRECISION.get(m.precision or "day", 0.1)
    background = False
    if ref is not None:
        if span[0] > ref:
            w *= _PREVIEW
        gap = 0 if span[0] <= ref <= span[1] else min(abs((span[0] - ref).days), abs((span[1] - ref).days))
        if gap <= _NEAR_DAYS:
            w *= _NEAR
        elif gap <= _MONTH_DAYS:
            w *= _MONTH
            background = boundaries and span[1] < ref  # for a story's date, an earlier week's day is background
        else:
            w *= _BACKGROUND
            background = True
    if _is_dateline(text, m):
        w *= _DATELINE
    if boundaries and _is_boundary(text, m):
        return w * _PRECISION["range"], True
    return w, background


def event_date(articles: list[Article], boundaries: bool = True) -> tuple[str | None, str | None]:
    """(ISO value, precision) of the story's event, from its articles' date mentions.

    With `boundaries` (the default), a date that is the edge of a period ("31 मार्च तक",
    "since March 25") weighs as background: the story's date is then the day of the
    happening rather than when its lockdown ends. Clustering reads an article's own date
    without it (`cluster._own_date`): there the date a report is anchored to, whatever its
    role, tells reports apart better (measured 2026-12-06, `benchmarks/eventdate_eval.py`)."""
    pubs = sorted(d for d in (_day(a.published) for a in articles) if d)
    story_ref = pubs[(len(pubs) - 1) // 2] if pubs else None  # the median publication date
    scores: dict[tuple[str, str], float] = {}
    foreground: set[tuple[str, str]] = set()
    support: dict[tuple[str, str], set[str]] = {}
    for a in articles:
        ref = _day(a.published) or story_ref
        best: dict[tuple[str, str], float] = {}
        count: dict[tuple[str, str], int] = {}
        for m, zone, text in _zones(a):
            key = (m.value or "", m.precision or "day")
            weighed = _weight(m, zone, ref, text, boundaries)
            if weighed is None:
                continue
            w, background = weighed
            if not background:
                foreground.add(key)
            best[key] = max(best.get(key, 0.0), w)
            count[key] = count.get(key, 0) + 1
        for key, w in best.items():
            scores[key] = scores.get(key, 0.0) + w + min(_EXTRA_CAP, _EXTRA_MENTION * (count[key] - 1))
            support.setdefault(key, set()).add(a.id)

    def pick(keys: list[tuple[str, str]]) -> tuple[str, str]:
        # highest score; then more articles agreeing; then the earlier date
        return max(keys, key=lambda k: (scores[k], len(support[k]), [-ord(c) for c in k[0]]))

    day_fg = [k for k in scores if k in foreground and k[1] == "day"]
    if day_fg:
        return pick(day_fg)
    # a month, week or year; a period ("15 से 31 मार्च") says when something lasted, not when
    # the reported thing happened, so it gives way to the publication date when there is one
    coarse_fg = [k for k in scores if k in foreground and not (pubs and k[1] == "range")]
    if coarse_fg:
        return pick(coarse_fg)
    if pubs:
        return pubs[0].isoformat(), "day"
    if scores:
        return pick(list(scores))
    return None, None

