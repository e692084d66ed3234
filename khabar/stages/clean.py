"""Stage 2: boilerplate lines out of already-extracted, normalized text.

Lines are judged one by one against phrase lists (``lang/*/boilerplate.txt``, whose header
says how they are matched) and a few shape rules (URL-only, punctuation-only, date/time-only,
agency-only, share-button runs, bylines). A heading such as "ये भी पढ़ें" or "Latest News"
opens a related-links block: the headline-like lines after it go too, up to the next
paragraph. The article's first line (its headline) and dateline lines are never taken by
the block, byline or recurring rules.
"""
from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex

from khabar.model import RemovedLine
from khabar.text import WORD_END, WORD_START, alternation
from khabar.text import WORD_RE as _WORD_RE

# patterns compiled once (regex's own cache costs a lookup on every call)
_LETTER_OR_MARK_RE = regex.compile(r"[\p{L}\p{M}]")
_LETTER_OR_DIGIT_RE = regex.compile(r"[\p{L}\p{N}]")

# "short" for the contains rule and for recurring lines: at most 12 words; the longest real
# furniture line in the seeds and hindi-news-2020 ("Content Writer The Printlines (Part of
# … Network)") has 9 words, while body paragraphs there have 15 or more
_SHORT_WORDS = 12
# a related-links block takes at most this many lines: seed 001's footer block is 8 lines
# long, the 2020 papers' link lists 1–6; the cap keeps a missed paragraph from eating a page
_BLOCK_MAX = 10
# a line longer than this is body text even without a sentence end (tuned by eye on the
# 2020 papers: their longest link headlines have about 20 words)
_LINK_MAX_WORDS = 24

# share-button runs and date/time lines are short: the longest seen ("Updated: 21 Mar 2020,
# 03:05:00 PM IST", "FacebooktwitterwpEmailaffiliates") have under 40 characters
_SHORT_CHARS = 80

_NON_LETTER_RE = regex.compile(r"[^\p{L}\p{M}]")
_LETTER_RE = regex.compile(r"\p{L}")
_DEVA_RE = regex.compile(r"\p{Script=Devanagari}")
_LEAD_RE = regex.compile(r"^[\s•·▪►▶■□●○◆◇*>\-–—|#]+")
_TRAIL_RE = regex.compile(r"[\s:\-–—।॥.|…!,;]+$")
_TRAIL_CHARS = " :-–—।॥.|…!,;"  # _TRAIL_RE's characters, its \s being the one space a folded key has
_SPACES_RE = regex.compile(r"\s+")
# a sentence ends here: danda, full stop, ?, ! (optionally inside closing quotes/brackets);
# an ellipsis is a cut-off teaser, not an end
_SENT_END_RE = regex.compile(r"(?<![.…])[।॥.?!]['\"”’)\]]*$")
_ELLIPSIS_RE = regex.compile(r"(?:\.\.+|…)['\"”’)\]]*$")
_URL_RE = regex.compile(
    r"^(?:(?:https?://|www\.)\S+|[\w\-]+(?:\.[\w\-]+)*\.(?:com|in|org|net|co|info|news|tv|ai|io|me|uk|us|au)(?:\.[a-z]{2})?(?:/\S*)?|\S+@\S+\.\w+)$",
    regex.IGNORECASE,
)
_NAME_LINE_RE = regex.compile(r"^[A-Z][a-z.]+(?: [A-Z][a-z.]+){1,3}$")
_PLACE_LINE_RE = regex.compile(r"^([^\d,:।/()]{2,40}?)\s*(?:,\s*([^\d:।]{2,40}?))?\s*[:।,]?$")
_AGENCY_STRIP_RE = regex.compile(r"[()\[\]{}:\-–—,/|।.;]")
# credit words around agency names: "(इनपुट- भाषा, एएनआई)", "with inputs from PTI"
_CREDIT_WORDS = frozenset(
    {"इनपुट", "इनपुट्स", "साभार", "स्रोत", "और", "with", "input", "inputs", "from", "source", "and", "&"}
)


@dataclass
class CleanResult:
    text: str
    removed: list[RemovedLine] = field(default_factory=list)


@dataclass(frozen=True)
class _Rule:
    label: str
    kind: str
    pattern: str
    compiled: regex.Pattern | None = None


@dataclass(frozen=True)
class _Rules:
    lines: dict[str, str]  # keyed line -> label (line kind)
    headings: dict[str, str]  # keyed line -> label (opens a block)
    sections: dict[str, str]
    prefixes: tuple[_Rule, ...]
    contains: tuple[_Rule, ...]
    stamps: tuple[_Rule, ...]
    regexes: tuple[_Rule, ...]
    tokens: regex.Pattern
    # every prefix and stamp rule's text, for one `str.startswith` before the rules one by one
    # (cleaning 0.63 -> 0.59 ms an article of hindi-news-2020, ECB+ and the seeds). Tried and
    # not kept: the regex rules as one alternation, 0.73 ms (anchored rules searched alone fail
    # at once; in one pattern every position is tried)
    any_prefix: tuple[str, ...]
    any_stamp: tuple[str, ...]
    agencies: frozenset[str]
    places: frozenset[str]
    datetime: regex.Pattern  # a date or a clock time
    dateword: regex.Pattern  # weekday names, time zones, "बजे", "on", "at"


def clean(text: str, recurring: frozenset[str] = frozenset(), outlet: str | None = None) -> CleanResult:
    """Drop boilerplate lines (rules, plus `recurring` lines of the outlet), keep them marked.

    A line that is only the outlet's name (`outlet`, with or without a leading "The") is
    its masthead, even as the first line: scraped text often opens with it, and the tagger
    takes "The Evening Lantern" for a person every report of that outlet names."""
    rules = _rules()
    lines = text.split("\n")
    recurring_keys = _recurring_keys(recurring)
    mastheads, credit_names = _mastheads(outlet)
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    title_idx = nonempty[0] if nonempty else -1
    title_key = _key(lines[title_idx]) if nonempty else ""
    first_para = next((i for i in nonempty if _is_paragraph(lines[i])), len(lines))
    reasons: dict[int, str] = {}
    block_left = 0
    date_kept = False
    for i in nonempty:
        line = lines[i].strip()
        key = _key(line)
        in_header = i < first_para
        if key in mastheads or (credit_names and i != title_idx and _credits_outlet(key, credit_names)):
            reasons[i] = "rule:outlet-name"
            continue
        if i == title_idx:
            reason = _strict_reason(line, key, rules)
            if reason:
                reasons[i] = reason
                block_left = _BLOCK_MAX if reason.endswith("|heading") else 0
            continue
        if _is_dateline(line, rules):
            block_left = 0
            continue
        reason = _rule_reason(line, key, rules, in_header or block_left > 0)
        if reason is None and key == title_key and key:
            reason = "rule:repeated-title"
        if reason is None and _is_datetime_only(line, rules):
            if in_header and not date_kept:
                date_kept = True  # the page's own date line: the metadata stage reads it
                continue
            reason = "rule:timestamp"
        if reason is None and key in recurring_keys:
            reason = "recurring"
        if reason is not None:
            if reason.endswith("|heading"):
                block_left = _BLOCK_MAX
            reasons[i] = reason
            continue
        # a short line set off by a blank line and right above a paragraph, after the
        # block's first link, is the article's own subheading: the block ends there (links
        # in a list without blank lines go on being links)
        if block_left > 0 and _is_link_like(line) and not (
            block_left < _BLOCK_MAX and _is_paragraph(_next_line(lines, i)) and not lines[i - 1].strip()
        ):
            reasons[i] = "rule:related-link"
            block_left -= 1
            continue
        block_left = 0
    _take_byline_names(lines, reasons, title_idx)
    removed = [
        RemovedLine(text=lines[i].strip(), line=i, reason=reasons[i].removesuffix("|heading"))
        for i in sorted(reasons)
    ]
    kept: list[str] = []
    for i, line in enumerate(lines):
        if i in reasons:
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return CleanResult(text="\n".join(kept), removed=removed)


@lru_cache(maxsize=256)
def _mastheads(outlet: str | None) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """Line keys of an outlet's name as a masthead: as given, and with "the" added or taken
    off ("The Evening Lantern", "Evening Lantern"); and the words of those of two words or
    more, for `_credits_outlet` (made once per outlet, not per line)."""
    if not outlet or not outlet.strip():
        return frozenset(), ()
    key = _key(outlet)
    bare = key.removeprefix("the ")
    keys = frozenset(k for k in (key, bare, "the " + bare) if k)
    names = tuple(sorted(ws for ws in (tuple(_WORD_RE.findall(k)) for k in keys) if len(ws) >= 2))
    return keys, names


# a credit line: the outlet's name and at most this many other words ("ब्यूरो रिपोर्ट । नीलकमल
# दर्पण", "By Staff Reporter, The Evening Lantern")
_CREDIT_EXTRA_WORDS = 3


def _credits_outlet(key: str, names: tuple[tuple[str, ...], ...]) -> bool:
    """A short line that names the outlet (one of its `names`, as whole words) beside at most
    _CREDIT_EXTRA_WORDS other words: a byline or credit."""
    words = tuple(_WORD_RE.findall(key))
    for name in names:
        n = len(name)
        if not n < len(words) <= n + _CREDIT_EXTRA_WORDS:
            continue
        if any(words[k:k + n] == name for k in range(len(words) - n + 1)):
            return True
    return False


def recurring_hits(text: str, recurring: frozenset[str]) -> list[str]:
    """The keys of `text`'s lines that are among `recurring` lines: `clean` reads `recurring`
    only through these, so two calls with the same hits clean the text the same way (the
    pipeline's cache of analysed articles relies on it)."""
    keys = _recurring_keys(recurring)
    return sorted({k for k in (_key(line) for line in text.split("\n") if line.strip()) if k in keys})


def line_digests(text: str) -> bytes:
    """The 8-byte digests of the matching keys of `text`'s lines, sorted, end to end: what
    `recurring_hits_of_digests` needs of a text, in a few hundred bytes instead of the text
    (a run that adds articles to a store keeps these instead of preparing every stored
    input again)."""
    keys = {_key(line) for line in text.split("\n") if line.strip()}
    return b"".join(sorted(_digest(k) for k in keys))


def recurring_hits_of_digests(digests: bytes, recurring: frozenset[str]) -> list[str]:
    """`recurring_hits` of the text whose `line_digests` these are. Two different keys share
    a digest with a chance of one in 2**64 per pair."""
    by_digest = _recurring_digests(recurring)
    found = (by_digest.get(digests[k:k + _DIGEST]) for k in range(0, len(digests), _DIGEST))
    return sorted(k for k in found if k is not None)


_DIGEST = 8


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=_DIGEST).digest()


@lru_cache(maxsize=64)
def _recurring_digests(recurring: frozenset[str]) -> dict[bytes, str]:
    """The digest of each matching key of an outlet's recurring lines, made once per set."""
    return {_digest(k): k for k in _recurring_keys(recurring)}


@lru_cache(maxsize=64)
def _recurring_keys(recurring: frozenset[str]) -> frozenset[str]:
    """Matching keys of an outlet's recurring lines, made once per set: every article of the
    outlet asks for them (made per article, it was outlets' lines x articles: hours at 100k)."""
    return frozenset(_key(line) for line in recurring if line.strip())


def find_recurring_lines(texts: list[str], min_articles: int = 3) -> frozenset[str]:
    """Short, non-sentence lines found in at least `min_articles` texts of one outlet."""
    return recurring_lines([furniture_candidates(text) for text in texts], min_articles)


Candidate = tuple[str, str, bytes]  # a line's matching key, the line, a digest of the paragraph under it


def furniture_candidates(text: str) -> tuple[Candidate, ...]:
    """The lines of one text that could be outlet furniture (`recurring_lines` counts them
    across the outlet's texts), each with a digest of the paragraph right under it (empty
    when none): made per text, so that the per-article phase's workers can make them."""
    rules = _rules()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = []
    for j, line in enumerate(lines):
        if not _recurring_candidate(line, j, lines, rules):
            continue
        nxt = lines[j + 1] if j + 1 < len(lines) else ""
        under = hashlib.blake2b(nxt.encode("utf-8"), digest_size=8).digest() if _is_paragraph(nxt) else b""
        out.append((_key(line), line, under))
    return tuple(out)


def recurring_lines(candidates: list[tuple[Candidate, ...]], min_articles: int = 3) -> frozenset[str]:
    """The outlet's furniture among its texts' `furniture_candidates` (one tuple per text):
    lines found in at least `min_articles` texts, unless they mostly head the same paragraph."""
    seen: dict[str, set[int]] = defaultdict(set)
    shown: dict[str, str] = {}
    followers: dict[str, Counter] = defaultdict(Counter)
    for n, found_in_text in enumerate(candidates):
        for key, line, under in found_in_text:
            seen[key].add(n)
            shown.setdefault(key, line)
            followers[key][under] += 1
    found = set()
    for key, docs in seen.items():
        if len(docs) < min_articles:
            continue
        # the same heading over the same paragraph in many texts is a re-run story (live
        # blogs repeat items day after day), not page furniture
        top, count = followers[key].most_common(1)[0]
        if top and count * 2 >= sum(followers[key].values()):
            continue
        found.add(shown[key])
    return frozenset(found)


def _recurring_candidate(line: str, j: int, lines: list[str], rules: _Rules) -> bool:
    """Could `line` be outlet furniture: short, no sentence, no digits, not a dateline?"""
    words = _WORD_RE.findall(line)
    if not words or len(words) > _SHORT_WORDS:
        return False
    if any(ch.isdigit() for ch in line):
        return False  # table rows and counts repeat across days; stamps have their own rule
    if _SENT_END_RE.search(line) and len(words) >= 5:
        return False  # a sentence; "No stories found." (3 words) is still furniture
    if _is_dateline(line, rules):
        return False
    # a one- or two-word Devanagari line right above a paragraph is a dateline too
    nxt = lines[j + 1] if j + 1 < len(lines) else ""
    if len(words) <= 2 and _DEVA_RE.search(line) and _is_paragraph(nxt):
        return False
    return True


def never_a_headline(line: str) -> bool:
    """True for a line that the cleaner removes anywhere past an article's first line as a
    related-story link or a call to share, like or follow ("यह भी पढ़ें: …", "… फेसबुक पेज
    को लाइक करें"): such a line never opens an article, so the splitter does not start one
    there (`khabar.stages.split`)."""
    reason = _rule_reason(line, _key(line), _rules(_NOT_HEADLINES), False)
    return reason is not None and reason.split("|")[0].removeprefix("rule:") in _NOT_HEADLINES


_NOT_HEADLINES = frozenset({"related", "share"})


def _strict_reason(line: str, key: str, rules: _Rules) -> str | None:
    """Reason for removing the first line: only unambiguous furniture (not a headline)."""
    if key in rules.headings:
        return f"rule:{rules.headings[key]}|heading"
    if key in rules.lines:
        return f"rule:{rules.lines[key]}"
    if _is_url(line):
        return "rule:url"
    if not _LETTER_RE.search(line) and not any(ch.isdigit() for ch in line):
        return "rule:punctuation"
    if len(line) <= _SHORT_CHARS and rules.tokens.fullmatch(_squash(line)):
        return "rule:share"
    return None


def _rule_reason(line: str, key: str, rules: _Rules, sections_too: bool) -> str | None:
    """Why a (non-first) line is boilerplate, or None; "|heading" marks a block opener."""
    reason = _strict_reason(line, key, rules)
    if reason:
        return reason
    if sections_too and key in rules.sections:
        return f"rule:{rules.sections[key]}"
    short = len(_WORD_RE.findall(line)) <= _SHORT_WORDS
    if key.startswith(rules.any_prefix):
        for rule in rules.prefixes:
            if key.startswith(rule.pattern) and not _continues_word(key, len(rule.pattern)):
                return f"rule:{rule.label}"
    if short:
        for rule in rules.contains:
            if rule.pattern in key:
                return f"rule:{rule.label}"
    if key.startswith(rules.any_stamp):
        for rule in rules.stamps:
            if key.startswith(rule.pattern) and not _continues_word(key, len(rule.pattern)):
                rest = key[len(rule.pattern):]
                if not _WORD_RE.search(rest) or _is_datetime_only(rest, rules):
                    return f"rule:{rule.label}"
    for rule in rules.regexes:
        target = line.strip() if rule.kind == "cregex" else key
        if rule.compiled.search(target):
            return f"rule:{rule.label}"
    if short and _is_agency_only(line, rules):
        return "rule:agency"
    return None


def _continues_word(key: str, at: int) -> bool:
    """True if `key` goes on with a letter or mark right after position `at`."""
    return at < len(key) and bool(_LETTER_OR_MARK_RE.match(key[at]))


def _is_url(line: str) -> bool:
    """A line that is only a URL, a bare domain or an e-mail address."""
    return bool(_URL_RE.match(line.strip()))


def _is_agency_only(line: str, rules: _Rules) -> bool:
    """A line naming only news agencies or desks, e.g. "(इनपुट- पीटीआई)", "NBT"."""
    words = [w for w in _AGENCY_STRIP_RE.sub(" ", _fold(line)).split() if w not in _CREDIT_WORDS]
    if not words:
        return False
    i = 0
    while i < len(words):  # greedy match of one- to three-word agency names
        for size in (3, 2, 1):
            if " ".join(words[i:i + size]) in rules.agencies:
                i += size
                break
        else:
            return False
    return True


def _is_dateline(line: str, rules: _Rules) -> bool:
    """A line that is only a dateline: a known place, optionally with an agency or ":"/"।"."""
    m = _PLACE_LINE_RE.match(line.strip())
    if not m:
        return False
    place = _fold(m.group(1)).strip()
    if place not in rules.places:
        return False
    extra = m.group(2)
    return extra is None or _is_agency_only(extra, rules)


def _is_datetime_only(text: str, rules: _Rules) -> bool:
    """Only a date and/or time ("11:08 AM, 29-MAR-2020", "Mon, Mar 9, 2020, 9:01 AM IST")."""
    if len(text) > _SHORT_CHARS:
        return False
    folded = _fold(text)
    rest, found = rules.datetime.subn(" ", folded)
    if not found:
        return False  # "9 मार्च 39" or "2 अप्रैल 2069" (a date and a count) are table rows
    rest = rules.dateword.sub(" ", rest)
    return not _LETTER_OR_DIGIT_RE.search(rest)


def _is_paragraph(line: str) -> bool:
    """A body line: ends a sentence, or is too long to be a headline or link."""
    line = line.strip()
    if not line:
        return False
    words = len(_WORD_RE.findall(line))
    if _ELLIPSIS_RE.search(line):
        return False  # a teaser cut off with "..." is a link, not a paragraph
    if words > _LINK_MAX_WORDS:
        return True
    # question and exclamation headlines ("क्या भारत में तबाही नहीं मचा पाएगा कोरोना?") have
    # under 15 words in the 2020 papers; a 1–3 word line with a full stop ("No stories
    # found.") is furniture or a label, not a paragraph
    if line[-1:] in "?!" and words < 15:
        return False
    return bool(_SENT_END_RE.search(line)) and words >= 4


def _next_line(lines: list[str], i: int) -> str:
    """The line right after line `i` ("" at the end or before a blank line)."""
    return lines[i + 1] if i + 1 < len(lines) else ""


def _is_link_like(line: str) -> bool:
    """A headline-like line that, inside a related block, is a link to another story."""
    return not _is_paragraph(line)


def _take_byline_names(lines: list[str], reasons: dict[int, str], title_idx: int) -> None:
    """Also remove Latin name lines ("Divya Rai") standing next to a removed byline."""
    changed = True
    while changed:
        changed = False
        for i, reason in list(reasons.items()):
            if reason != "rule:byline":
                continue
            for j in (i - 1, i + 1):
                if j == title_idx or j in reasons or not 0 <= j < len(lines):
                    continue
                if _NAME_LINE_RE.match(lines[j].strip()):
                    reasons[j] = "rule:byline"
                    changed = True


def _fold(text: str) -> str:
    """Case-, nukta- and chandrabindu-folded NFC text, spaces collapsed."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("\u093c", "").replace("\u0901", "\u0902")
    # str.split() splits where `\s` matches, but also at U+001C-U+001F; where those are
    # absent (nearly always) it collapses spaces in a tenth of the time of the regex
    if _has_separators(text):
        return _SPACES_RE.sub(" ", text).strip()
    return " ".join(text.split())


def _has_separators(text: str) -> bool:
    """True if the text holds U+001C-U+001F, which str.split and str.strip take for spaces
    and the `regex` module's \\s does not."""
    return "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text


@lru_cache(maxsize=8192)
def _key(line: str) -> str:
    """Matching key of a line: folded, leading bullets and trailing punctuation stripped.

    Cached: `clean` keys every line of an article and the pipeline's analysis key then
    keys the same lines again (0.22 ms an article, 3.5% of the per-article phase)."""
    key = _fold(line)
    key = _LEAD_RE.sub("", key)
    # what _TRAIL_RE removes, once spaces are collapsed to single " " (the regex tried a
    # match at every space of the line: a third of the key's time)
    if _has_separators(key):
        return _TRAIL_RE.sub("", key).strip()
    return key.rstrip(_TRAIL_CHARS).strip()


def _squash(line: str) -> str:
    """The line folded with everything but letters removed ("Facebook | Twitter" → "facebooktwitter")."""
    return _NON_LETTER_RE.sub("", _fold(line))


def _lang_lines(lang: str, name: str) -> list[str]:
    """Non-comment, non-empty lines of the data file khabar/lang/<lang>/<name>."""
    path = resources.files("khabar").joinpath("lang", lang, name)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@lru_cache(maxsize=2)
def _rules(only: frozenset[str] | None = None) -> _Rules:
    """Boilerplate rules, agencies, dateline places and calendar words of hi and en, loaded once;
    with `only`, just the rules of those labels ("related", "share")."""
    lines: dict[str, str] = {}
    headings: dict[str, str] = {}
    sections: dict[str, str] = {}
    prefixes, contains, stamps, regexes, tokens = [], [], [], [], []
    for lang in ("hi", "en"):
        for entry in _lang_lines(lang, "boilerplate.txt"):
            label, kind, pattern = entry.split(" ", 2)
            if only is not None and label not in only:
                continue
            if kind in ("regex", "cregex"):
                text = pattern if kind == "cregex" else _fold(pattern)
                flags = 0 if kind == "cregex" else regex.IGNORECASE
                regexes.append(_Rule(label, kind, text, regex.compile(text, flags)))
                continue
            key = _key(pattern)
            if kind == "line":
                lines[key] = label
            elif kind == "heading":
                headings[key] = label
            elif kind == "section":
                sections[key] = label
            elif kind == "prefix":
                prefixes.append(_Rule(label, kind, key))
            elif kind == "contains":
                contains.append(_Rule(label, kind, _fold(pattern)))
            elif kind == "stamp":
                stamps.append(_Rule(label, kind, key))
            elif kind == "token":
                tokens.append(_squash(pattern))
            else:
                raise ValueError(f"unknown boilerplate kind {kind!r} in {lang}/boilerplate.txt")
    token_re = regex.compile("(?:" + "|".join(sorted(set(tokens), key=len, reverse=True)) + ")+")
    agencies = frozenset(_fold(a) for lang in ("hi", "en") for a in _lang_lines(lang, "agencies.txt"))
    places = frozenset(_fold(p) for lang in ("hi", "en") for p in _lang_lines(lang, "datelines.txt"))
    datetime, dateword = _datetime_patterns()
    return _Rules(
        any_prefix=tuple(r.pattern for r in prefixes),
        any_stamp=tuple(r.pattern for r in stamps),
        lines=lines,
        headings=headings,
        sections=sections,
        prefixes=tuple(sorted(prefixes, key=lambda r: -len(r.pattern))),
        contains=tuple(contains),
        stamps=tuple(sorted(stamps, key=lambda r: -len(r.pattern))),
        regexes=tuple(regexes),
        tokens=token_re,
        agencies=agencies,
        places=places,
        datetime=datetime,
        dateword=dateword,
    )


def _datetime_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    """Regexes for a date or time expression, and for the words that may stand around one."""
    months, others = [], []
    for lang in ("hi", "en"):
        for entry in _lang_lines(lang, "calendar.txt"):
            kind, word = entry.split()[0], _fold(entry.split()[-1])
            (months if kind == "month" else others).append(word)
    month = "(?:" + alternation(months) + r")\.?"
    # years a news page can carry as its own date; "2 अप्रैल 2069" is a row of a case table
    year = r"(?:199\d|20[0-3]\d)"
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
    nb, na = WORD_START, WORD_END
    forms = [
        rf"{day}[\s\-/.]*{month}[\s\-/.,]*{year}",
        rf"{month}[\s\-/.]*{day}[\s,]+{year}",
        rf"{month}[\s,]+{year}",
        rf"[0-3]?\d[\-/.][01]?\d[\-/.](?:{year}|\d{{2}})",
        rf"{year}[\-/.][01]?\d[\-/.][0-3]?\d(?:t[\d:.+\-z]+)?",
        r"[0-2]?\d[:.][0-5]\d(?:[:.][0-5]\d)?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)?",
        r"\d{1,2}\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)",
    ]
    datetime = regex.compile(nb + "(?:" + "|".join(forms) + ")" + na)
    words = others + ["ist", "gmt", "utc", "hrs"]
    dateword = regex.compile(nb + "(?:" + alternation(words) + r")\.?" + na)
    return datetime, dateword
