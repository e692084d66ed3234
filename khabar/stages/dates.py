"""Stage 9a (per article): date expressions resolved against the article date.

A rule-based scanner: a handful of regular expressions built once from the word lists in
``lang/hi/date_*.txt`` and ``lang/en/date_*.txt``, run over the text with Devanagari digits
mapped to ASCII (same length, so offsets are unchanged). Every pattern is run on every
text whatever its language: Hindi pages often carry English dates ("December 6, 2025").

Resolution rules (against ``published``):
- a day and month without a year take the year that puts them nearest the publication date;
- कल/परसों are yesterday/day-before when their clause is past, tomorrow/day-after when it is
  future, and yesterday when the tense cannot be told (see ``_DEFAULT_PAST``);
- a weekday is the most recent such day (today counts) unless its clause is future, then the
  next one (today counts); "पिछले/last" gives the one strictly before today, "अगले/next" the
  one strictly after;
- weeks have precision "week" and the ISO date of the week's Monday as value
  (पिछले सप्ताह, published Thu 2025-12-04 -> "2025-11-24");
- without ``published`` relative expressions are still returned, with value None.
"""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import regex

from khabar.lang import word_list
from khabar.model import DateMention, Span
from khabar.text import WORD_END, WORD_START, ascii_digits

# patterns compiled once (regex's own cache costs a lookup on every call)
_LETTER_RE = regex.compile(r"[\p{L}\p{M}]")
_WORD_CHAR_RE = regex.compile(r"[\p{L}\p{M}\p{N}]")
_NEXT_CAPITALISED_RE = regex.compile(r"\s+([A-Z][a-z]+)")

_L, _R = WORD_START, WORD_END  # word boundaries that work for Devanagari
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
# a pattern that starts with a plain class is scanned ~10x faster than one that starts with
# _DAY's alternation; the day is range-checked when the date is built
_DAY1 = r"[0-9]{1,2}(?![0-9])"
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2}|2100)"
_DASH = r"[-–—]"
_ORD = r"(?:st|nd|rd|th)?"
# Clause ends used to scope a tense cue: danda, ? ! ; a line break, a full stop before space.
_CLAUSE_END = regex.compile(r"[।॥?!;|\n]|\.(?=\s|$)")
_KI = regex.compile(_L + r"(?:कि|that)" + _R)
_CLAUSE_END_BACK = regex.compile(r"(?r)" + _CLAUSE_END.pattern)  # searching right to left
_KI_BACK = regex.compile(r"(?r)" + _KI.pattern)

# When the tense of a कल/परसों clause cannot be told, read it as past: on the first 300 files
# of hindi-news-2020 (the corpus's Hindi newspapers), 46 of the 63 कल whose clause did show a
# tense were past (reports of yesterday), so past is the better guess for the other 9.
_DEFAULT_PAST = True

# Nukta letters precomposed (U+0958..U+095F) and decomposed, so that both spellings match.
_NUKTA = {chr(0x0958 + i): base + "\u093c" for i, base in enumerate("कखगजडढफय")}


@dataclass(frozen=True)
class _Lang:
    """The compiled patterns and word sets of one language."""

    months: dict[str, int]
    weekdays: dict[str, int]
    roles: dict[str, frozenset[str]]  # role -> its words and phrases (normalised)
    tense: dict[str, set[str]]
    p_weekday: regex.Pattern
    p_dayword: regex.Pattern
    p_period: regex.Pattern
    p_weekday_tail: regex.Pattern  # a weekday (and comma) right before an absolute date
    p_mod_tail: regex.Pattern  # a modifier (पिछले, next, हर) right before a weekday or unit
    p_pin: regex.Pattern  # a weekday naming a day word's day: "कल यानी रविवार"


@dataclass
class _Cand:
    """A date found by one pattern, before overlaps are settled."""

    start: int
    end: int
    value: str | None
    precision: str | None
    relative: bool = False


def _entries(lang: str, name: str) -> list[tuple[str, str]]:
    """(role, item) pairs of a "<role> <item>" data file."""
    out = []
    for line in word_list(lang, name):
        role, _, item = line.partition(" ")
        if item.strip():
            out.append((role, " ".join(item.split())))
    return out


def _spellings(word: str) -> set[str]:
    """The word as written, with nukta letters precomposed and decomposed."""
    decomposed = "".join(_NUKTA.get(c, c) for c in unicodedata.normalize("NFC", word))
    composed = decomposed
    for pre, dec in _NUKTA.items():
        composed = composed.replace(dec, pre)
    return {word, decomposed, composed}


def _alt(words) -> str:
    """A regex alternation of `words`, longest first, inner spaces matching spaces.

    Date patterns join their parts with spaces (or no-break spaces), never tabs or line breaks, so
    a table row "1 अप्रैल<TAB>1834" or a headline above a line is not read as one date.
    """
    uniq = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(r"[ \u00a0]+".join(regex.escape(p) for p in w.split(" ")) for w in uniq) + ")"


def _norm(s: str) -> str:
    """Whitespace collapsed and nukta decomposed, for dictionary look-ups of matched text."""
    return "".join(_NUKTA.get(c, c) for c in " ".join(s.split()))


@lru_cache(maxsize=None)
def _lang(lang: str) -> _Lang:
    """Load and compile the date resources of one language (cached)."""
    cased = lang == "en"  # English names are matched capitalised (or upper case) only

    def forms(word: str, capital: bool = False) -> set[str]:
        out = _spellings(word)
        if cased:
            out |= {word.upper()}
            if capital:
                out |= {word[0].upper() + word[1:]}
        return out

    months: dict[str, int] = {}
    for num, name in _entries(lang, "date_months"):
        for f in forms(name):
            months[_norm(f)] = int(num)
    weekdays: dict[str, int] = {}
    for num, name in _entries(lang, "date_weekdays"):
        for f in forms(name):
            weekdays[_norm(f)] = int(num)
    by_role: dict[str, set[str]] = {}
    for role, item in _entries(lang, "date_relative"):
        by_role.setdefault(role, set()).update(forms(item, capital=True))
    roles = {r: frozenset(_norm(w) for w in ws) for r, ws in by_role.items()}
    tense: dict[str, set[str]] = {}
    for role, item in _entries(lang, "date_tense"):
        tense.setdefault(role, set()).add(_norm(item))

    def alt(*role_names: str) -> str:
        return _alt(w for r in role_names for w in by_role.get(r, ()))

    mods = alt("prev", "this", "next", "every")  # see _MODS
    tod = _alt(w for w in by_role.get("timeofday", ()))
    wd = _alt(f for w in weekdays for f in _spellings(w))
    daywords = alt("day0", "day1", "day2", "day-1", "day+1")
    units = alt("week", "month", "year")
    return _Lang(
        months=months,
        weekdays=weekdays,
        roles=roles,
        tense=tense,
        # patterns carry no left boundary (a look-behind at every position is 20x slower);
        # _left_ok checks it on each match
        p_weekday=regex.compile(rf"(?P<wd>{wd})(?:[ \u00a0]+(?P<tod>{tod}))?" + _R),
        p_dayword=regex.compile(rf"(?P<dw>{daywords})(?:[ \u00a0]+(?P<tod>{tod}))?" + _R),
        p_period=regex.compile(rf"(?P<unit>{units})" + _R),
        p_mod_tail=regex.compile(rf"(?P<mod>{mods})[ \u00a0]+$"),
        p_pin=regex.compile(rf"[ \u00a0]*,?[ \u00a0]*(?:{alt('appos')}[ \u00a0]*,?[ \u00a0]*)?(?P<wd>{wd})" + _R),
        p_weekday_tail=regex.compile(rf"{_L}{wd}[ \u00a0]*,?[ \u00a0]*$"),
    )


@lru_cache(maxsize=None)
def _hindi_day_numbers() -> dict[str, int]:
    """Hindi number words 1-31 (पांच -> 5), for dates written in words."""
    return {_norm(w): int(n) for n, w in _entries("hi", "date_daywords")}


@lru_cache(maxsize=None)
def _absolute_patterns() -> dict[str, regex.Pattern]:
    """Regexes for absolute dates, Hindi and English month names together (cached)."""
    hi, en = _lang("hi"), _lang("en")
    hm = _month_alternation("hi")
    hw = _alt(f for w in _hindi_day_numbers() for f in _spellings(w))
    # English months: "Dec." and PTB-tokenised "Dec ." both allowed after the name
    em = _month_alternation("en") + _R + r"(?:[ \u00a0]?\.)?"
    year_words_hi = _alt(f for w in hi.roles.get("yearword", ()) for f in _spellings(w))
    year_preps_en = _alt(en.roles.get("yearprep", ()))
    return {
        "iso": regex.compile(rf"(?P<y>{_YEAR})(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)(?P<d>{_DAY})" + _R),
        "numeric": regex.compile(
            rf"(?P<a>{_DAY1}) ?(?P<s>[./-]) ?(?P<b>[0-9]{{1,2}}) ?(?P=s) ?(?P<y>{_YEAR})" + _R),
        "hi_dmy": regex.compile(
            rf"(?P<d>{_DAY1})(?:[ \u00a0]*(?:{_DASH}|से)[ \u00a0]*(?P<d2>{_DAY}))?[ \u00a0]*-?[ \u00a0]*"
            rf"(?P<m>{hm}){_R}(?:[ \u00a0]*,?[ \u00a0]*(?P<y>{_YEAR}){_R})?"),
        "hi_wdmy": regex.compile(
            rf"(?P<d>{hw})(?:[ \u00a0]*(?:{_DASH}|से)[ \u00a0]*(?P<d2>{hw}))?[ \u00a0]+"
            rf"(?P<m>{hm}){_R}(?:[ \u00a0]*,?[ \u00a0]*(?P<y>{_YEAR}){_R})?"),
        "hi_my": regex.compile(rf"(?P<m>{hm})[ \u00a0]*,?[ \u00a0]*(?P<y>{_YEAR})" + _R),
        "en_mdy": regex.compile(
            rf"(?P<m>{em})[ \u00a0]*(?P<d>{_DAY}){_ORD}{_R}(?:[ \u00a0]*{_DASH}[ \u00a0]*(?P<d2>{_DAY}){_ORD}{_R}(?![ \u00a0]*:))?"
            rf"(?:[ \u00a0]*,?[ \u00a0]*(?P<y>{_YEAR}){_R})?"),
        "en_dmy": regex.compile(
            rf"(?P<d>{_DAY1}){_ORD}(?:[ \u00a0]*{_DASH}[ \u00a0]*(?P<d2>{_DAY}){_ORD})?"
            rf"(?:[ \u00a0]+of)?[ \u00a0]*-?[ \u00a0]*(?P<m>{em})(?:[ \u00a0]*[-,]?[ \u00a0]*(?P<y>{_YEAR}){_R})?"),
        "en_my": regex.compile(rf"(?P<m>{em})[ \u00a0]*,?[ \u00a0]*(?P<y>{_YEAR})" + _R),
        "year_range": regex.compile(
            rf"(?P<y>{_YEAR})[ \u00a0]*{_DASH}[ \u00a0]*(?P<y2>[0-9]{{4}}|[0-9]{{2}})" + _R
            + r"(?![-/.][0-9]|[ \u00a0]*:)"),  # not "2025-12-06", not "2011 - 13 : 42" (a time)
        "hi_year": regex.compile(
            rf"{year_words_hi}[ \u00a0]*(?P<y>{_YEAR})(?:[ \u00a0]*{_DASH}[ \u00a0]*(?P<y2>[0-9]{{4}}|[0-9]{{2}}))?" + _R),
        # "in 2008" but not "in 2000 homes": a plural word or % after the number is a count
        "en_year": regex.compile(
            rf"{year_preps_en}[ \u00a0]+(?P<y>{_YEAR}){_R}(?![ \u00a0]*%|[ \u00a0]+[a-z]+s{_R})"),
    }


# The patterns that hold a month name (`_absolute_patterns`), by the language of the name.
# A search for any month name first skips them on a text that has none: on the speed
# corpus two texts in three name no Hindi month and three in four no English one, and the
# month-name patterns are the slowest (a day number in words, "एक", is everywhere).
_NEEDS_MONTH = {"hi_dmy": "hi", "hi_wdmy": "hi", "hi_my": "hi", "en_mdy": "en", "en_dmy": "en", "en_my": "en"}


@lru_cache(maxsize=1)
def _month_names() -> dict[str, regex.Pattern]:
    """A pattern of the month names of each language, as the date patterns spell them."""
    return {lang: regex.compile(_month_alternation(lang)) for lang in ("hi", "en")}


def _month_alternation(lang: str) -> str:
    """The alternation of a language's month names the date patterns use (Hindi: every
    spelling of each)."""
    months = _lang(lang).months
    return _alt(f for m in months for f in _spellings(m)) if lang == "hi" else _alt(months)


# characters that, right before a match, also mean it is part of something longer
# ("1.5.2020" inside a version number, "12-2021-22", "2.5 मई")
_LEFT_EXTRA = {"numeric": ".:/-", "hi_dmy": ".,:", "en_dmy": ".,:", "year_range": ".,/:-"}
_DEV_DIGIT = regex.compile(r"[०-९]")
_WORDCHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")


def _left_ok(t: str, start: int, extra: str = "") -> bool:
    """True if a match at `start` is not glued to the word or number before it."""
    if start == 0:
        return True
    c = t[start - 1]
    return c not in extra and _WORDCHAR.match(c) is None


def _iso(d: date) -> str:
    """ISO form of a date."""
    return d.isoformat()


def _parse_published(published: str | None) -> date | None:
    """The article date as a `date`, from an ISO date or datetime; None if absent or bad."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _make_day(y: int, m: int, d: int) -> date | None:
    """The date (y, m, d), or None if there is no such day."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(m: int, d: int, pub: date) -> date | None:
    """The date (m, d) in the year that puts it nearest `pub`."""
    options = [x for x in (_make_day(pub.year + k, m, d) for k in (-1, 0, 1)) if x]
    return min(options, key=lambda x: abs((x - pub).days)) if options else None


def _second_year(y: int, y2s: str) -> int | None:
    """The end year of a range "2021–2031" or "2021-31", or None if it is not a later year."""
    y2 = int(y2s) if len(y2s) == 4 else (y // 100) * 100 + int(y2s)
    return y2 if y < y2 <= y + 100 else None


def _day_or_range(y: int | None, m: int, d: int, d2: int | None, pub: date | None) -> tuple[str | None, str] | None:
    """Value and precision of a day (or day range) in month m, year y or inferred from pub."""
    if y is None:
        if pub is None:
            return (None, "range" if d2 else "day")
        first = _nearest_year(m, d, pub)
        if first is None:
            return None
        y = first.year
    a = _make_day(y, m, d)
    if a is None:
        return None
    if d2:
        b = _make_day(y, m, d2)
        if b is None or b <= a:
            return None
        return (f"{_iso(a)}/{_iso(b)}", "range")
    return (_iso(a), "day")


def _absolute(t: str, language: str, pub: date | None) -> list[_Cand]:
    """Absolute date candidates in `t` (digits already ASCII)."""
    pats = _absolute_patterns()
    hi, en = _lang("hi"), _lang("en")
    out: list[_Cand] = []

    def month_of(name: str, table: dict[str, int]) -> int:
        return table[_norm(name.rstrip(" .\t\n\u00a0"))]

    has_month = {lang: pattern.search(t) is not None for lang, pattern in _month_names().items()}

    def hits(key: str):
        if key in _NEEDS_MONTH and not has_month[_NEEDS_MONTH[key]]:
            return ()  # no month name anywhere in the text, so the pattern cannot match
        return (mt for mt in pats[key].finditer(t) if _left_ok(t, mt.start(), _LEFT_EXTRA.get(key, "")))

    for mt in hits("iso"):
        d = _make_day(int(mt["y"]), int(mt["m"]), int(mt["d"]))
        if d:
            out.append(_Cand(mt.start(), mt.end(), _iso(d), "day"))
    for mt in hits("numeric"):
        a, b, y = int(mt["a"]), int(mt["b"]), int(mt["y"])
        # day first, as Indian papers write it; in English text month first (US style) when
        # the first number can be a month; either way a number above 12 cannot be the month
        day, mon = (b, a) if (language == "en" and a <= 12) or b > 12 else (a, b)
        d = _make_day(y, mon, day)
        if d:
            out.append(_Cand(mt.start(), mt.end(), _iso(d), "day"))
    words = _hindi_day_numbers()

    def day(s: str) -> int:
        return int(s) if s.isdigit() else words[_norm(s)]

    for key, table in (("hi_dmy", hi.months), ("hi_wdmy", hi.months), ("en_dmy", en.months),
                       ("en_mdy", en.months)):
        for mt in hits(key):
            m = month_of(mt["m"], table)
            y = int(mt["y"]) if mt["y"] else None
            d2 = day(mt["d2"]) if mt["d2"] else None
            res = _day_or_range(y, m, day(mt["d"]), d2, pub)
            if res:
                out.append(_Cand(mt.start(), mt.end(), res[0], res[1]))
    for key, table in (("hi_my", hi.months), ("en_my", en.months)):
        for mt in hits(key):
            out.append(_Cand(mt.start(), mt.end(), f"{int(mt['y']):04d}-{month_of(mt['m'], table):02d}", "month"))
    for key in ("year_range", "hi_year", "en_year"):
        for mt in hits(key):
            y = int(mt["y"])
            y2 = _second_year(y, mt["y2"]) if mt.groupdict().get("y2") else None
            if key == "year_range" and y2 is None:
                continue
            start = mt.start("y") if key == "en_year" else mt.start()
            if y2:
                out.append(_Cand(start, mt.end(), f"{y}/{y2}", "range"))
            else:
                out.append(_Cand(start, mt.end(), str(y), "year"))
    # a weekday right before a full date belongs to it: "गुरुवार, 4 दिसंबर", "Thursday, Dec. 4"
    for c in out:
        if c.precision == "day":
            head = t[max(0, c.start - 24):c.start]
            for lg in (hi, en):
                mw = lg.p_weekday_tail.search(head)
                if mw:
                    c.start -= len(head) - mw.start()
                    break
    return out


def _sentence_of(pos: int, starts: list[int], sentences: list[Span], n: int) -> tuple[int, int]:
    """(start, end) of the sentence holding `pos`, or the whole text."""
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and sentences[i].start <= pos < sentences[i].end:
        return sentences[i].start, sentences[i].end
    return 0, n


def _clause(t: str, s_start: int, s_end: int, start: int, end: int) -> tuple[int, int]:
    """The clause around a mention: from the last clause end (or कि/that) before it to the next."""
    left = s_start
    m = _CLAUSE_END_BACK.search(t, s_start, start)  # the last one before the mention
    if m:
        left = m.end()
    k = _KI_BACK.search(t, left, start)
    if k:
        left = k.end()
    right = s_end
    m = _CLAUSE_END.search(t, end, s_end)
    if m:
        right = m.start()
    k = _KI.search(t, end, right)
    if k:
        right = k.start()
    return left, right


_TOKEN = regex.compile(r"[\p{L}\p{M}']+")
# 300 characters: longer than 98% of the sentences (split at danda, ? ! and line ends) in the
# first 300 files of hindi-news-2020
_SENTENCE_REACH = 300


def _hi_marks(words: list[str], tense: dict[str, set[str]]) -> list[str]:
    """Tense cue of each word ("past", "future" or "") in a Hindi clause."""
    out = []
    fut_suffix = tuple(tense.get("futuresuffix", ()))
    past_suffix = tuple(tense.get("pastsuffix", ()))
    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        mark = ""
        if w in tense.get("future", ()) or (
                w not in tense.get("futurenot", ()) and w.endswith(fut_suffix)):
            mark = "future"
        elif w in tense.get("prospective", ()) and prev.endswith("ने") and len(prev) > 2:
            mark = "future"
        elif w in tense.get("past", ()) or w in tense.get("ergative", ()):
            mark = "past"
        elif w in tense.get("pastfinal", ()) and (not nxt or nxt in tense.get("past", ()) or nxt in ("है", "हैं")):
            mark = "past"
        elif len(w) > 3 and w not in tense.get("pastnot", ()) and w.endswith(past_suffix):
            mark = "past"
        out.append(mark)
    return out


def _hi_tense(t: str, sent: tuple[int, int], start: int, end: int) -> str | None:
    """"past", "future" or None for a Hindi mention, from the verb of its clause.

    Hindi puts the verb at the clause end, so the last cue after the mention decides; a
    participle right after it ("कल हुई बैठक", "कल होने वाली बैठक") describes the mention's own
    phrase and decides first; with no cue after it, the cues before it in the clause, then
    the whole sentence, are used.
    """
    tense = _lang("hi").tense
    left, right = _clause(t, sent[0], sent[1], start, end)
    after = [_norm(w) for w in _TOKEN.findall(t, end, right)]
    marks = _hi_marks(after, tense)
    near = [w for w in after[:4] if w not in ("को", "में", "से", "तक", "की", "के")]
    if near and near[0] in ("हुआ", "हुई", "हुए", "हुईं"):
        return "past"
    for a, b in zip(near, near[1:]):  # "सोमवार को आयोजित होने वाले समागम"
        if a.endswith("ने") and len(a) > 2 and b in tense.get("prospective", ()):
            return "future"
    for mark in reversed(marks):
        if mark:
            return mark
    # the sentence, but not more than _SENTENCE_REACH characters either side (without sentence
    # spans the whole text is one "sentence", and reading all of it for each mention is slow)
    around = (max(sent[0], start - _SENTENCE_REACH), min(sent[1], end + _SENTENCE_REACH))
    for scope in ((left, start), around):
        words = [_norm(w) for w in _TOKEN.findall(t, scope[0], scope[1])]
        for mark in reversed(_hi_marks(words, tense)):
            if mark:
                return mark
    return None


def _en_tense(t: str, sent: tuple[int, int], start: int, end: int) -> str | None:
    """"future" if the English clause around a mention has a future cue (will, set to ...), else None."""
    tense = _lang("en").tense
    left, right = _clause(t, sent[0], sent[1], start, end)
    words = [w.lower() for w in _TOKEN.findall(t, left, right)]
    for i, w in enumerate(words):
        if w in tense.get("future", ()):
            return "future"
        if w in tense.get("futureto", ()) and i + 1 < len(words) and words[i + 1] == "to":
            return "future"
    return None


def _compound(t: str, start: int, end: int) -> bool:
    """True if the match is part of a hyphenated word (कल-कारखाने, आज-कल)."""
    after = t[end:end + 2]
    before = t[max(0, start - 2):start]
    return (len(after) == 2 and after[0] == "-" and _LETTER_RE.match(after[1]) is not None) or (
        len(before) == 2 and before[1] == "-" and _LETTER_RE.match(before[0]) is not None)


def _weekday_value(target: int, pub: date, direction: str) -> date:
    """The weekday `target` seen from `pub`: "recent"/"next" (today counts), "before"/"after" (strict)."""
    if direction == "next":
        return pub + timedelta(days=(target - pub.weekday()) % 7)
    if direction == "after":
        return pub + timedelta(days=(target - pub.weekday() - 1) % 7 + 1)
    if direction == "before":
        return pub - timedelta(days=(pub.weekday() - target - 1) % 7 + 1)
    return pub - timedelta(days=(pub.weekday() - target) % 7)


def _shift_month(pub: date, k: int) -> str:
    """"YYYY-MM" of the month k months from pub's."""
    n = pub.year * 12 + pub.month - 1 + k
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def _relative(t: str, lang_code: str, pub: date | None, sentence_at) -> list[_Cand]:
    """Relative date candidates of one language's words in `t`."""
    lg = _lang(lang_code)
    out: list[_Cand] = []
    tense_of = _hi_tense if lang_code == "hi" else _en_tense

    for mt in lg.p_weekday.finditer(t):
        if not _left_ok(t, mt.start()):
            continue
        role, start = _modifier(t, mt.start(), lg)
        if role == "every":
            continue
        if lang_code == "en" and _name_context(t, lg, mt.start("wd"), mt.end("wd")):
            continue
        if role == "prev":
            direction = "before"
        elif role == "next":
            direction = "after"
        else:
            tense = tense_of(t, sentence_at(start), start, mt.end())
            direction = "next" if tense == "future" else "recent"
        value = _iso(_weekday_value(lg.weekdays[_norm(mt["wd"])], pub, direction)) if pub else None
        out.append(_Cand(start, mt.end(), value, "day", True))

    for mt in lg.p_dayword.finditer(t):
        if not _left_ok(t, mt.start()):
            continue
        word = _norm(mt["dw"])
        role = _role_of(lg, word, _DAYWORDS)
        if _compound(t, mt.start("dw"), mt.end("dw")):
            continue
        if _preceded_by(t, mt.start(), lg, "notbefore") or (
                role == "day0" and not mt["tod"] and _followed_by(t, mt.end(), lg, "notafter")):
            continue
        if lang_code == "en" and word[0].isupper() and _preceded_by(t, mt.start(), lg, "namebefore"):
            continue
        end = mt.end()
        pin = lg.p_pin.match(t, end)
        pinned = lg.weekdays[_norm(pin["wd"])] if pin else None
        if role in ("day-1", "day+1", "day0"):
            shift = {"day-1": -1, "day+1": 1, "day0": 0}[role]
        else:
            n = 1 if role == "day1" else 2
            if pub and pinned is not None and (pub - timedelta(days=n)).weekday() == pinned:
                shift = -n  # "कल यानी रविवार", read on a Monday: the weekday settles it
            elif pub and pinned is not None and (pub + timedelta(days=n)).weekday() == pinned:
                shift = n
            else:
                tense = tense_of(t, sentence_at(mt.start()), mt.start(), mt.end())
                past = tense == "past" or (tense is None and _DEFAULT_PAST)
                shift = -n if past else n
        if pin and (pub is None or (pub + timedelta(days=shift)).weekday() == pinned):
            end = pin.end()  # the weekday is the same day: one mention
        value = _iso(pub + timedelta(days=shift)) if pub else None
        out.append(_Cand(mt.start(), end, value, "day", True))

    for mt in lg.p_period.finditer(t):
        if not _left_ok(t, mt.start()):
            continue
        role, start = _modifier(t, mt.start(), lg)
        unit = _role_of(lg, mt["unit"], ("week", "month", "year"))
        if role in ("every", None) or unit is None:
            continue
        k = {"prev": -1, "this": 0, "next": 1}[role]
        value = None
        if pub:
            if unit == "week":
                value = _iso(pub - timedelta(days=pub.weekday()) + timedelta(weeks=k))
            elif unit == "month":
                value = _shift_month(pub, k)
            else:
                value = str(pub.year + k)
        out.append(_Cand(start, mt.end(), value, unit, True))
    return out


_MODS = ("every", "prev", "this", "next")
_DAYWORDS = ("day0", "day1", "day2", "day-1", "day+1")


def _role_of(lg: _Lang, word: str, roles: tuple[str, ...]) -> str | None:
    """The first of `roles` whose word list holds `word`."""
    w = _norm(word)
    return next((r for r in roles if w in lg.roles.get(r, ())), None)


def _modifier(t: str, pos: int, lg: _Lang) -> tuple[str | None, int]:
    """(role, start) of a modifier (पिछले, हर, next) right before `pos`, or (None, pos)."""
    head_start = max(0, pos - 24)
    mt = lg.p_mod_tail.search(t, head_start, pos)
    if mt is None or not _left_ok(t, mt.start()):
        return None, pos
    return _role_of(lg, mt["mod"], _MODS), mt.start()


def _preceded_by(t: str, pos: int, lg: _Lang, role: str) -> bool:
    """True if a word or phrase of `role` ends right before `pos` (only spaces between)."""
    head = t[max(0, pos - 24):pos].rstrip()
    if len(head) == len(t[max(0, pos - 24):pos]):
        return False
    head = _norm(head)
    for w in lg.roles.get(role, ()):
        if head.endswith(w) and (len(head) == len(w) or not _WORD_CHAR_RE.match(head[-len(w) - 1])):
            return True
    return False


def _followed_by(t: str, pos: int, lg: _Lang, role: str) -> bool:
    """True if a word or phrase of `role` starts right after `pos` (after spaces)."""
    tail = t[pos:pos + 24]
    rest = tail.lstrip()
    if len(rest) == len(tail):
        return False
    rest = _norm(rest)
    for w in lg.roles.get(role, ()):
        if rest.startswith(w) and (len(rest) == len(w) or not _WORD_CHAR_RE.match(rest[len(w)])):
            return True
    return False


def _name_context(t: str, lg: _Lang, start: int, end: int) -> bool:
    """True if a capitalised English day word is part of a name (Good Friday, USA Today, Sunday Times)."""
    if _preceded_by(t, start, lg, "namebefore"):
        return True
    nxt = _NEXT_CAPITALISED_RE.match(t[end:end + 20])
    return bool(nxt) and nxt.group(1) not in lg.months and _role_of(lg, nxt.group(1).lower(), ("timeofday",)) is None


def find_dates(text: str, language: str, published: str | None, sentences: list[Span]) -> list[DateMention]:
    """Absolute and relative date expressions in Hindi and English, with value and precision."""
    if not text:
        return []
    t = ascii_digits(text) if _DEV_DIGIT.search(text) else text
    pub = _parse_published(published)
    spans = sorted(sentences, key=lambda s: s.start)
    starts = [s.start for s in spans]

    def sentence_at(pos: int) -> tuple[int, int]:
        return _sentence_of(pos, starts, spans, len(t))

    cands = _absolute(t, language, pub)
    for code in ("hi", "en"):
        cands.extend(_relative(t, code, pub, sentence_at))
    # absolute before relative at equal span, then earliest start, longest first; no overlaps
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), c.relative))
    out: list[DateMention] = []
    last_end = -1
    for c in cands:
        if c.start < last_end:
            continue
        out.append(DateMention(text=text[c.start:c.end], start=c.start, end=c.end, value=c.value,
                               precision=c.precision, relative=c.relative))  # type: ignore[arg-type]
        last_end = c.end
    return out
