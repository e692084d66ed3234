"""Stage 3: headline, dateline, publication date and outlet of an article."""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import regex

from khabar.model import Span
from khabar.text import WORD_RE as _WORD_RE
from khabar.text import LINE_RE as _LINE_RE
from khabar.text import WORD_END, WORD_START, alternation, ascii_digits

# patterns compiled once (regex's own cache costs a lookup on every call)
_SECTION_SLASH_RE = regex.compile(r"^([^/|]{2,30}?)\s+/\s+\S")
_TRAILING_MARKS_RE = regex.compile(r"[\s:।,.\-–—]+$")
_NOT_LATIN_RE = regex.compile(r"[^A-Za-z]")
_PLACE_AGENCY_RE = regex.compile(r"^(.{2,60}?)\s*\(([^)]{2,30})\)\s*\S")
_PLACE_MARK_RE = regex.compile(r"^(.{2,60}?)\s*(।|:)\s*\S")
_BRACKETS_RE = regex.compile(r"[()\[\]]")
_CLOCK_RE = regex.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?|\b(?:am|pm|ist|gmt|utc|a\.m|p\.m)\b")
_MARKS_DIGITS_RE = regex.compile(r"[\p{P}\p{S}\s\d]+")

# a first line longer than this is a paragraph, not a headline (the seeds' and the 2020
# papers' headlines have 5–22 words; ECB+ titles at most 33 tokens counting punctuation)
_TITLE_MAX_WORDS = 30
# datelines sit in the first lines of the body: the 2020 papers put them on the first or
# second line after the headline (after a standfirst at most), seed 004 on the fourth
_DATELINE_LINES = 5
# the page's own date is printed near the top: a bare date line further down is a live-blog
# entry or a table row (checked on seeds 002/003 and the PK/AU live pages of 2020)
_DATE_LINES = 8
# a date printed at the top of the text (a "Published" line, a bare date line) that is at
# most this many days before the date the input gave is the piece's own: live-blog updates
# of a late evening sit in the next day's page (AU's pages of 2020); later ones are ignored
_STAMP_DAYS = 2
# a line of only a date and time is short: "Wednesday, 29 April 2020 08:48:00 AM IST" has 40
_BARE_DATE_MAX_CHARS = 80
# a dateline's place and agency parts are short: "लॉस एंजिल्स", "जागरण संवाददाता"
_PART_MAX_WORDS = 3

# a first line of 6+ words closed by a full stop or danda is a sentence: none of the 330
# first lines of hindi-news-2020 or the seeds' headlines ends so (4 end in "...")
_SENTENCE_MIN_WORDS = 6
_SENTENCE_END_RE = regex.compile(r"(?<![.…])[.।॥]['\"”’)]*$")
_SPACES_RE = regex.compile(r"\s+")
_DESK_RE = regex.compile(r"(?:डेस्क|संवाददाता|ब्यूरो|टीम|desk|bureau|correspondent|staff)$")
_PUBLISHED_RE = regex.compile(
    r"^\W*(?:published|publish date|first published|posted|प्रकाशित|प्रकाशन तिथि|पब्लिश)", regex.IGNORECASE
)
_UPDATED_RE = regex.compile(r"^\W*(?:last updated|updated|modified|अपडेटेड|अपडेट|अंतिम अपडेट)", regex.IGNORECASE)
_EN_DATELINE_RE = regex.compile(
    r"^(?P<place>[A-Z][A-Za-z .'\-]{1,30}?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\((?P<agency>[^)]{2,30})\))?\s*(?::|[\-–—]\s)\s*"
)
_SECOND_LEVEL = frozenset(
    "co.uk org.uk ac.uk gov.uk ltd.uk co.in org.in net.in gov.in nic.in ac.in edu.in res.in "
    "firm.in gen.in ind.in com.au net.au org.au gov.au edu.au co.nz org.nz co.za com.br com.cn "
    "com.hk com.sg com.pk com.np com.bd com.lk co.jp ne.jp or.jp co.kr com.mx com.ar com.tr "
    "co.il com.my com.ph co.id com.eg com.sa com.ng".split()
)


@dataclass
class Metadata:
    title: str | None
    title_span: Span | None  # where the title sits in the clean text, if it does
    dateline: str | None  # e.g. "नई दिल्ली"
    published: str | None  # ISO YYYY-MM-DD
    published_from: str | None  # "input", "html", "text" or None
    source: str | None


@dataclass(frozen=True)
class _Data:
    months: dict[str, int]
    places: frozenset[str]
    agencies: frozenset[str]
    date_re: regex.Pattern


def extract_metadata(
    text: str,
    title: str | None = None,
    published: str | None = None,
    published_from: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Metadata:
    """Fill title, dateline, date and outlet from the clean text and what the input gave."""
    data = _data()
    lines = _line_spans(text)
    title_line = None
    if title and title.strip():
        title = _SPACES_RE.sub(" ", title).strip()
        at = text.find(title)
        title_span = Span(at, at + len(title)) if at >= 0 else None
        if title_span is not None:
            title_line = next((k for k, (s, e) in enumerate(lines) if s <= at < e), None)
    else:
        title, title_span, title_line = _title_from_text(text, lines, data)
    dateline = _find_dateline(text, lines, title_line, data)
    date = _normalise_input_date(published, data) if published else None
    if date is not None:
        date_from = published_from or "input"
        printed = _date_from_text(text, lines, data)
        if printed and 0 < (dt.date.fromisoformat(date) - dt.date.fromisoformat(printed)).days <= _STAMP_DAYS:
            # the piece's own stamp ("10:41 PM, 28-MAR-2020" on a live-blog update in the
            # page or file of the 29th) is when this piece was written
            date, date_from = printed, "text"
    else:
        date = _date_from_text(text, lines, data)
        date_from = "text" if date else None
    if source and source.strip():
        outlet = source.strip()
    else:
        outlet = _registrable_domain(url) if url else None
    return Metadata(
        title=title, title_span=title_span, dateline=dateline,
        published=date, published_from=date_from, source=outlet,
    )


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of `text`, surrounding spaces excluded."""
    spans = []
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def _title_from_text(
    text: str, lines: list[tuple[int, int]], data: _Data
) -> tuple[str | None, Span | None, int | None]:
    """The first line that can be a headline (not a dateline, not a bare date)."""
    for k, (s, e) in enumerate(lines[:3]):
        line = text[s:e]
        if _dateline_alone(line, data) or _is_bare_date(line, data):
            continue
        words = len(_WORD_RE.findall(line))
        if words > _TITLE_MAX_WORDS or (words >= _SENTENCE_MIN_WORDS and _SENTENCE_END_RE.search(line)):
            return None, None, None  # the text opens with a paragraph: no headline
        return line, Span(s, e), k
    return None, None, None


def _find_dateline(
    text: str, lines: list[tuple[int, int]], title_line: int | None, data: _Data
) -> str | None:
    """The place of the dateline: alone on a line or opening one of the first body lines."""
    for k, (s, e) in enumerate(lines[:_DATELINE_LINES + 1]):
        if k == title_line:
            continue
        line = text[s:e]
        place = _dateline_alone(line, data) or _dateline_opening(line, data)
        if place:
            return place
    if title_line is not None:  # "पटना / …" in front of the headline
        s, e = lines[title_line]
        m = _SECTION_SLASH_RE.match(text[s:e])
        if m and _fold(m.group(1)) in data.places:
            return m.group(1).strip()
    return None


def _dateline_alone(line: str, data: _Data) -> str | None:
    """Place of a line that is only a dateline ("नई दिल्ली:", "मेरठ, जेएनएन ।", "NEW DELHI")."""
    body = _TRAILING_MARKS_RE.sub("", line.strip())
    if not body:
        return None
    explicit = body != line.strip()  # it ended with ":" / "।" / ","
    return _dateline_parts(body, data, explicit)


def _dateline_opening(line: str, data: _Data) -> str | None:
    """Place of a dateline opening a paragraph: "नई दिल्ली। …", "नयी दिल्ली, 11 मार्च (भाषा) …"."""
    m = _EN_DATELINE_RE.match(line)
    if m:
        place = m.group("place").strip()
        letters = _NOT_LATIN_RE.sub("", place)
        if (len(letters) >= 3 and letters.isupper()) or _fold(place) in data.places:
            if len(_WORD_RE.findall(place)) <= _PART_MAX_WORDS:
                return place
    m = _PLACE_AGENCY_RE.match(line)  # "नयी दिल्ली, 11 मार्च (भाषा) …"
    if m and _is_agency(m.group(2), data):
        place = _dateline_parts(m.group(1), data, explicit=True, agency_seen=True)
        if place:
            return place
    m = _PLACE_MARK_RE.match(line)
    if m:
        return _dateline_parts(m.group(1), data, explicit=m.group(2) == "।")
    return None


def _dateline_parts(head: str, data: _Data, explicit: bool, agency_seen: bool = False) -> str | None:
    """Place named by a dateline head "place[, agency|date|name]"; None if it is not one.

    A head is accepted when it names a known place, or carries an agency or desk, or a
    date; with `explicit` (it ended in "।") an unknown one- or two-part head is accepted
    only with an agency or date beside it.
    """
    parts = [p.strip() for p in head.split(",") if p.strip()]
    if not parts or len(parts) > 3:
        return None
    if any(len(_WORD_RE.findall(p)) > _PART_MAX_WORDS or not _WORD_RE.search(p) for p in parts):
        return None
    known = [p for p in parts if _fold(p) in data.places or all(
        _fold(x) in data.places for x in p.split("/") if x.strip())]
    agency = agency_seen or any(_is_agency(p, data) for p in parts)
    dated = any(_has_month(p, data) for p in parts)
    if known:
        return known[-1] if len(known) > 1 and not agency else known[0]
    if not (agency or dated):
        return None
    others = [p for p in parts if not _is_agency(p, data) and not _has_month(p, data)]
    if len(others) != 1:
        return None
    if not explicit and not agency:
        return None
    return others[0]


def _has_month(part: str, data: _Data) -> bool:
    """A dateline part holding a date: "11 मार्च", "चार मार्च", "Dec 4"."""
    return any(w.rstrip(".") in data.months for w in _fold(part).split())


def _is_agency(part: str, data: _Data) -> bool:
    """A news agency or desk credit: "जेएनएन", "भाषा", "जागरण संवाददाता", "Reuters"."""
    key = _fold(_BRACKETS_RE.sub(" ", part))
    return key in data.agencies or bool(_DESK_RE.search(key))


def _is_bare_date(line: str, data: _Data) -> bool:
    """A line that is only a date (and time): "December 6, 2025", "11:08 AM, 29-MAR-2020"."""
    if len(line) > _BARE_DATE_MAX_CHARS or not any(c.isdigit() for c in line):
        return False
    key = _fold(ascii_digits(line))
    m = data.date_re.search(key)
    if not m:
        return False
    rest = key[: m.start()] + " " + key[m.end():]
    rest = _CLOCK_RE.sub(" ", rest)
    rest = _MARKS_DIGITS_RE.sub(" ", rest).strip()
    weekdays = {w for w in rest.split() if w.rstrip(".") in data.months or _is_weekday(w)}
    return not set(rest.split()) - weekdays


def _is_weekday(word: str) -> bool:
    """An English or Hindi weekday name or abbreviation."""
    return word.rstrip(".") in _weekdays()


def _date_from_text(text: str, lines: list[tuple[int, int]], data: _Data) -> str | None:
    """Publication date printed in the text: a "Published"/"Updated" line, else a bare date line."""
    published, updated, bare = None, None, None
    for k, (s, e) in enumerate(lines):
        line = text[s:e]
        if published is None and _PUBLISHED_RE.match(line):
            published = _parse_date(line, data)
        elif updated is None and _UPDATED_RE.match(line):
            updated = _parse_date(line, data)
        elif bare is None and k < _DATE_LINES and _is_bare_date(line, data):
            bare = _parse_date(line, data)
    return published or updated or bare


def _normalise_input_date(value: str, data: _Data) -> str | None:
    """An input date (ISO date or datetime, or a written date) as YYYY-MM-DD."""
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return _parse_date(value, data)


def _parse_date(text: str, data: _Data) -> str | None:
    """The first full date (day, month, year) written in `text`, as YYYY-MM-DD."""
    key = _fold(ascii_digits(text))
    for m in data.date_re.finditer(key):
        g = m.groupdict()
        try:
            if g.get("iy"):
                day = dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
            elif g.get("ny"):
                a, b = int(g["na"]), int(g["nb"])
                # day first, as Indian and European pages write it, unless that cannot be
                day_, month_ = (a, b) if b <= 12 else (b, a)
                day = dt.date(_full_year(g["ny"]), month_, day_)
            elif g.get("dmy_y"):
                day = dt.date(int(g["dmy_y"]), data.months[g["dmy_m"].rstrip(".")], int(g["dmy_d"]))
            else:
                day = dt.date(int(g["mdy_y"]), data.months[g["mdy_m"].rstrip(".")], int(g["mdy_d"]))
        except (ValueError, KeyError, TypeError):
            continue
        return day.isoformat()
    return None


def _full_year(year: str) -> int:
    """A two-digit year read as 20xx."""
    return int(year) + 2000 if len(year) == 2 else int(year)


def _registrable_domain(url: str) -> str | None:
    """The registrable domain of `url` ("https://www.bbc.co.uk/x" → "bbc.co.uk")."""
    url = url.strip()
    if "//" not in url:
        url = "//" + url
    try:
        host = (urlsplit(url).hostname or "").strip(".").lower()
    except ValueError:
        return None
    if not host:
        return None
    if regex.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return host
    labels = host.split(".")
    if len(labels) <= 2:
        return host.removeprefix("www.")
    size = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    return ".".join(labels[-size:])


def _fold(text: str) -> str:
    """NFC, casefolded, nukta dropped, chandrabindu as anusvara, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("\u093c", "").replace("\u0901", "\u0902")
    return _SPACES_RE.sub(" ", text).strip()


def _lang_lines(lang: str, name: str) -> list[str]:
    """Non-comment, non-empty lines of the data file khabar/lang/<lang>/<name>."""
    path = resources.files("khabar").joinpath("lang", lang, name)
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@lru_cache(maxsize=1)
def _weekdays() -> frozenset[str]:
    """Weekday names and abbreviations of hi and en, folded."""
    return frozenset(
        _fold(entry.split()[-1]).rstrip(".")
        for lang in ("hi", "en") for entry in _lang_lines(lang, "calendar.txt")
        if entry.startswith("weekday ")
    )


@lru_cache(maxsize=1)
def _data() -> _Data:
    """Month names, dateline places, agencies and the date regex, loaded once."""
    months: dict[str, int] = {}
    for lang in ("hi", "en"):
        for entry in _lang_lines(lang, "calendar.txt"):
            kind, *rest = entry.split()
            if kind == "month":
                months[_fold(rest[-1]).rstrip(".")] = int(rest[0])
    places = frozenset(_fold(p) for lang in ("hi", "en") for p in _lang_lines(lang, "datelines.txt"))
    agencies = frozenset(_fold(a) for lang in ("hi", "en") for a in _lang_lines(lang, "agencies.txt"))
    month = alternation(months)
    nb, na = WORD_START, WORD_END
    # plausible publication years only: "2 अप्रैल 2069" in a case table is a count
    year = r"(?:199\d|20[0-3]\d)"
    date_re = regex.compile(
        nb + "(?:"
        + rf"(?P<iy>{year})-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)"
        + rf"|(?P<na>[0-3]?\d)[\-/.](?P<nb>[0-3]?\d)[\-/.](?P<ny>{year}|\d{{2}}(?![\d:]))"
        + rf"|(?P<dmy_d>[0-3]?\d)(?:st|nd|rd|th)?[\s\-/.]*(?P<dmy_m>{month})\.?[\s\-/.,]*(?P<dmy_y>{year})"
        + rf"|(?P<mdy_m>{month})\.?[\s\-/.]*(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?[\s,]+(?P<mdy_y>{year})"
        + ")" + na
    )
    return _Data(months=months, places=places, agencies=agencies, date_re=date_re)
