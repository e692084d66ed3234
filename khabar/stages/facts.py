"""Stage 9d (per article): comparable facts, the things outlets can agree or differ on.

Rules over the article's words (Devanagari-aware, digits read in either script), with the
vocabulary in ``lang/*/facts_units.txt``, ``facts_numbers.txt`` and ``facts_words.txt``:

- numbers (digits, "1,490", "1.8", number words सात/seven) with a scale word (करोड़,
  lakh, million) become
  - ``percent`` (3 प्रतिशत, 3%), ``amount`` (₹180 करोड़, 180 करोड़ रुपये, Rs 150 crore),
    ``measure`` (1.8 किमी, 2.4 km): the slot is the unit plus the next content word
    ("km लंब" for "1.8 किमी लंबा पुल"), so a bridge's length and the distance it saves
    are different slots; a number right before से ("from" in "8 से घटाकर 3") gets its
    own slot;
  - ``count`` (116 नए मामले, 7 wickets): the slot is the counted noun, stemmed and
    folded (मामले/मामलों/मामला meet), with a meaning-changing modifier kept (नए/new,
    कुल/total) and a following postposition kept (सात विकेट से = "won by");
- ``ordinal``: 22वीं बैठक, छठी बैठक, 22nd session: slot is the noun, value the number;
- ``role``: a post right before a person (रक्षा मंत्री राजनाथ सिंह, Defence Minister X),
  with a place before it kept as a qualifier (रूस के रक्षा मंत्री): value is the person's
  folded key;
- ``participant``: "X और Y ने" — each is the other's partner in the act;
- ``place``: a named facility, two content words before a head noun (राष्ट्रीय युद्ध
  स्मारक): slot is the two modifiers, value the head.

A number preceded by an approximation word (करीब, about, more than) or followed by one
(100 से ज्यादा) is marked ``approx`` and is never counted as a conflict.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from khabar.fold import fold_key
from khabar.model import DateMention, Fact, Mention, Span
from khabar.positions import ByStart, index_at
from khabar.lang import role_entries
from khabar.text import WORD_END, WORD_START, alternation, ascii_digits, words

_TOKEN = regex.compile(r"[₹$]|%|[0-9]+(?:[.,][0-9]+)*(?:वीं|वां|वें|वी|st|nd|rd|th)?|[\p{L}\p{M}]+\.?")
_NUMBER = regex.compile(r"^[0-9]+(?:,[0-9]{2,3})*(?:\.[0-9]+)?$")
_ORDINAL_DIGITS = regex.compile(r"^([0-9]+)(?:वीं|वां|वें|वी|st|nd|rd|th)$")
_BREAK = regex.compile(r"[।॥.?!;:,\n\"“”'‘’()]")
_LETTER = regex.compile(r"[\p{L}]")
_LETTER_OR_MARK = regex.compile(r"[\p{L}\p{M}]")
_MEETING_VERB = regex.compile(r"\s*(?:ने|met|held|signed|discussed|agreed)\b")
_SUFFIXES = ("ियों", "ियां", "ियाँ", "ाओं", "ाएं", "ों", "ें", "े", "ा")
_SPAN_WORDS = 3
_AND_GAP = regex.compile(r"\s+(?:और|व|तथा|and)(?:\s+[^\s।॥.?!;:,\n\"“”]+){0,6}?\s+")
_QUALIFIER_GAP = regex.compile(r"\s*(?:के|की|का|'s)?\s*")  # a role or a facility modifier is at most this many words


@dataclass(frozen=True)
class _Vocab:
    units: dict[str, tuple[str, str]]  # word (lower) -> (unit, kind)
    numbers: dict[str, tuple[float, str]]  # word -> (value, "number" | "ordinal")
    words: dict[str, frozenset[str]]  # role -> words


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    units: dict[str, tuple[str, str]] = {}
    numbers: dict[str, tuple[float, str]] = {}
    words: dict[str, set[str]] = {}
    for lang in ("hi", "en"):
        base = resources.files("khabar.lang").joinpath(lang)
        for line in _lines(base.joinpath("facts_units.txt")):
            word, unit, kind = line.split("\t")
            units[word.lower()] = (unit, kind)
        for line in _lines(base.joinpath("facts_numbers.txt")):
            word, value, kind = line.split("\t")
            numbers[word.lower()] = (float(value), kind)
        for line in _lines(base.joinpath("facts_words.txt")):
            role, _, item = line.partition(" ")
            words.setdefault(role, set()).add(item.lower())
    return _Vocab(units, numbers, {k: frozenset(v) for k, v in words.items()})


def _lines(path) -> list[str]:
    if not path.is_file():
        return []
    return [s.strip("\n") for s in path.read_text(encoding="utf-8").splitlines()
            if s.strip() and not s.lstrip().startswith("#")]


def _stem(word: str) -> str:
    """A folded stem that joins a noun's plural and oblique forms (मामले/मामलों, cases/case)."""
    w = word.lower().rstrip(".")
    if w.isascii():
        for suf in ("es", "s"):
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                break
        return fold_key(w)
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 2:
            w = w[: -len(suf)]
            break
    return fold_key(w)


def counted_thing(slot: str) -> str:
    """A count's slot without the words that only qualify what is counted ("नए मामल" ->
    "मामल", "total cas" -> "cas"): what a day's count and the next day's count share.
    Empty when what is counted names nobody in particular (लोग, people: `anyone` in
    facts_words.txt)."""
    kept = [w for w in slot.split() if w not in _stems("modifier")]
    if kept and kept[0] in _stems("anyone"):
        return ""
    return " ".join(kept)


def tally_kind(word: str) -> str:
    """The kind of running tally a word names ("cases" for मामले, केस, संक्रमितों or infections;
    "deaths" for मौतें or killed: the tally-<kind> roles of facts_words.txt; and the kind a
    language-neutral slot names: "deaths" for "tally:deaths"), or ""."""
    if word.startswith(TALLY_SLOT):
        return word.removeprefix(TALLY_SLOT)
    return _tally_kinds().get(_stem(word), "")


def is_number_word(word: str) -> bool:
    """Whether a word is a number: digits ("4,281", "१२") or a number word (छह, seven)."""
    return _num(ascii_digits(word)) is not None or word.lower() in _vocab().numbers


def marks_tally(text: str) -> bool:
    """Whether a text holds a word or phrase that marks a running tally (कुल, अब तक, संख्या,
    total, so far: the tallymark role of facts_words.txt) as whole words, or a number right
    before a word of the tallyafter role ("67 और", six more)."""
    if _phrases("tallymark").search(text):
        return True
    after = _vocab().words.get("tallyafter", frozenset())
    ws = words(text)
    return any(w.lower() in after and is_number_word(prev) for prev, w in zip(ws, ws[1:]))


@lru_cache(maxsize=4)
def _phrases(role: str) -> regex.Pattern:
    """The words and phrases of a role of facts_words.txt, as whole words, any case."""
    alt = alternation(_vocab().words.get(role, ()))
    return regex.compile(WORD_START + "(?:" + alt + ")" + WORD_END, regex.IGNORECASE)


def names_incident(text: str) -> bool:
    """Whether a text names one incident (हादसा, आग, accident, blast: the incident role of
    facts_words.txt), as whole words."""
    return bool(_phrases("incident").search(text))


@lru_cache(maxsize=8)
def home_country(language: str | None) -> str:
    """The country "the country" (देश) means in news of this language (the home role of that
    language's own facts_words.txt: भारत for Hindi), or "" where none is set (English news
    is written everywhere)."""
    homes = sorted(role_entries(language, "facts_words", "home")) if language else []
    return homes[0] if homes else ""


def measure_kind(word: str) -> str:
    """The kind of measure a word names ("lockdown" for लॉकडाउन or lockdown: the one-word
    measure-<kind> roles of facts_words.txt), or ""."""
    return _named_roles("measure-").get(word.lower(), "")


def steps_measure(text: str) -> bool:
    """Whether a text names a step taken with a measure (लागू, बढ़ाया, ढील, extended, lifted:
    the measurestep role of facts_words.txt), as whole words."""
    return bool(_phrases("measurestep").search(text))


def tally_scope(word: str) -> str:
    """The place a word stands for without naming it ("national" for देश, "world" for
    दुनिया or worldwide: the scope-<name> roles of facts_words.txt), or ""."""
    return _named_roles("scope-").get(word.lower(), "")


def _person_tally(text: str, toks: list[tuple[int, int, str]], noun: int) -> str:
    """The language-neutral slot of a count of dead or injured people ("tally:deaths"), so that
    "सात लोगों की मौत", "7 मौतें", "seven people were killed" and "7 dead" are one slot in any
    language: the counted noun is itself a word of the tally (मौतें, dead, घायल, injured), or
    a word for people (लोगों, people: the anyone role) with one within three words after it,
    the clause unbroken. "" for any other count."""
    kinds = _named_roles("tally-")
    kind = kinds.get(toks[noun][2].lower().rstrip("."))
    if kind in _PERSON_TALLIES:
        return TALLY_SLOT + kind
    if toks[noun][2].lower() not in _vocab().words.get("anyone", ()):
        return ""
    for k in range(noun + 1, min(noun + 4, len(toks))):
        if not _gap_ok(text, toks[k - 1][1], toks[k][0]):
            break
        kind = kinds.get(toks[k][2].lower().rstrip("."))
        if kind in _PERSON_TALLIES:
            return TALLY_SLOT + kind
    return ""


_PERSON_TALLIES = ("deaths", "injured")
TALLY_SLOT = "tally:"  # the start of a language-neutral toll slot ("tally:deaths")


def _tally_kinds() -> dict[str, str]:
    return _named_roles("tally-", _stem)


@lru_cache(maxsize=4)
def _named_roles(prefix: str, key=str.lower) -> dict[str, str]:
    """Word (by `key`) -> name, for the roles "<prefix><name>" of facts_words.txt."""
    out: dict[str, str] = {}
    for role, items in sorted(_vocab().words.items()):
        if role.startswith(prefix):
            for w in sorted(items):
                out.setdefault(key(w), role.removeprefix(prefix))
    return out


def post_class(slot: str) -> str:
    """The post a role slot names, the same for its Hindi and English names (lang/hi/posts_en.txt:
    the slot of "मुख्यमंत्री" and of "Chief Minister" is "मुकयमंतरि"); other slots as they are."""
    return _post_classes().get(slot, slot)


@lru_cache(maxsize=1)
def _post_classes() -> dict[str, str]:
    """Role slot (stemmed post words, as `_roles` makes them) -> the slot of the post's first name."""
    out: dict[str, str] = {}
    for line in _lines(resources.files("khabar.lang").joinpath("hi", "posts_en.txt")):
        names = [" ".join(_stem(w) for w in name.split()) for name in line.split("\t") if name.strip()]
        for name in names:
            out.setdefault(name, names[0])
    return out


@lru_cache(maxsize=4)
def _stems(role: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _vocab().words.get(role, ()))


def _num(token: str) -> float | None:
    if _NUMBER.match(token):
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    return None


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"


def find_facts(text: str, language: str, sentences: list[Span], mentions: list[Mention],
               dates: list[DateMention]) -> list[Fact]:
    """Comparable facts in one article: counts, amounts, percents, ordinals, roles, places, dates."""
    if language not in ("hi", "en"):
        return []
    plain = ascii_digits(text)
    spans = sentences or [Span(0, len(text))]
    out: list[Fact] = []
    in_date = ByStart(dates)
    for si, s in enumerate(spans):
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(plain, s.start, s.end)]
        if _table_row(toks):
            continue
        out.extend(f for f in _numeric(text, toks, si)
                   if not _glued(plain, f.value_start) and not _after_clock_colon(plain, f.value_start)
                   and not in_date.overlapping(f.value_start, f.value_start + 1) and not _clock_or_year(f))
        out.extend(_places(text, toks, si))
    out.extend(_roles(text, mentions, spans))
    out.extend(_participants(text, mentions, spans))
    out.sort(key=lambda f: (f.start, f.kind, f.slot))
    return out


def _table_row(toks: list[tuple[int, int, str]]) -> bool:
    """A line of a table ("23 तमिलनाडु 50 4 1"): as many numbers as words, or more."""
    numbers = sum(1 for t in toks if t[2][:1].isdigit())
    return numbers >= 3 and numbers * 2 >= len(toks)


def _unit(v: _Vocab, tok: str) -> tuple[str, str] | None:
    """The unit a token names, also with the full stop of a sentence's end ("180 crore.")."""
    low = tok.lower()
    return v.units.get(low) or (v.units.get(low[:-1]) if low.endswith(".") else None)


def _hyphened_units(text: str, toks: list[tuple[int, int, str]], i: int, value: float) -> int | None:
    """The units (1-9) of an English tens word written with them after a hyphen ("Thirty-two",
    "forty-one"), or None."""
    if not (20 <= value <= 90 and value % 10 == 0) or i + 1 >= len(toks):
        return None
    gap = text[toks[i][1]:toks[i + 1][0]]
    if len(gap) != 1 or gap not in _HYPHENS:
        return None
    word = toks[i + 1][2].lower()
    if word == "one":  # not a number word of its own: "one" alone is as often a pronoun
        return 1
    number = _vocab().numbers.get(word)
    return int(number[0]) if number and number[1] == "number" and 2 <= number[0] <= 9 else None


def _glued(plain: str, pos: int) -> bool:
    """A number stuck to a preceding letter: wire-service slugs ("प्रादे43", "दि8"), or the
    number of a name joined to it by a hyphen (AK-47, COVID-19, कोविड-19, F-16)."""
    if pos > 0 and _LETTER_OR_MARK.match(plain[pos - 1]) is not None:
        return True
    return pos > 1 and plain[pos - 1] in _HYPHENS and _LETTER_OR_MARK.match(plain[pos - 2]) is not None


_HYPHENS = "-‐‑"
_DECADES = frozenset(("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"))


def _clock_or_year(f: Fact) -> bool:
    """A year (2026 से) or a clock time (10:30 AM, 10.14 a.m., 1414 GMT, 7 बजे) read as a count."""
    if f.kind != "count":
        return False
    head = f.slot.split(" ")[0]
    return head in _CLOCK_WORDS or (f.value.isdigit() and len(f.value) == 4 and 1900 <= int(f.value) <= 2100)


# what follows a clock time ("a" and "p" are a.m. and p.m. read as words)
_CLOCK_WORDS = frozenset({"am", "pm", "a", "p", "बज", "baj", "gmt", "utc", "ist"})


def _after_clock_colon(plain: str, pos: int) -> bool:
    """The minutes of a clock time: a number right after "<digits>:" (10:14)."""
    return pos >= 2 and plain[pos - 1] == ":" and plain[pos - 2].isdigit()


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from khabar.lang import word_list
    return frozenset(w.lower() for w in word_list("hi", "stopwords") | word_list("en", "stopwords")
                     | word_list("hi", "function_words") | word_list("en", "function_words"))


def _content_word(tok: str) -> bool:
    """A lettered word that is not a function word, a verb participle (काटकर) or a date word."""
    low = tok.lower()
    return bool(_LETTER.match(tok)) and low not in _stopwords() and not low.endswith("कर") \
        and low not in _vocab().units and low not in _vocab().numbers


def _gap_ok(text: str, a_end: int, b_start: int) -> bool:
    """True if nothing but spaces lies between two tokens (no clause break)."""
    return not _BREAK.search(text, a_end, b_start) and b_start - a_end <= 3


def _numeric(text: str, toks: list[tuple[int, int, str]], si: int) -> list[Fact]:
    v = _vocab()
    out = []
    i = 0
    numbers = v.numbers
    while i < len(toks):
        start, end, tok = toks[i]
        low = tok.lower()
        if not ("0" <= tok[0] <= "9") and low not in numbers:
            i += 1  # neither digits nor a number word: most tokens, and nothing below applies
            continue
        value = _num(tok)
        ordinal = None
        m = _ORDINAL_DIGITS.match(tok)
        if m:
            ordinal = float(m.group(1))
        elif low in v.numbers:
            val, kind = v.numbers[low]
            if kind == "ordinal":
                ordinal = val
            else:
                value = val
        if ordinal is not None:
            noun = _next_word(text, toks, i + 1)
            if noun is not None:
                n_start, n_end, n_tok = toks[noun]
                out.append(Fact("ordinal", _stem(n_tok), _fmt(ordinal), text[start:n_end], start, n_end,
                                start, end, si))
            i += 1
            continue
        if value is None:
            i += 1
            continue
        approx = _approx_before(toks, i)
        currency = None
        if i > 0 and toks[i - 1][2] in ("₹", "$") or (i > 0 and toks[i - 1][2].lower().rstrip(".") in ("rs", "inr")):
            currency = "USD" if toks[i - 1][2] == "$" else "INR"
        first = i
        units = _hyphened_units(text, toks, i, value) if low in numbers else None
        if units is not None:  # "thirty-two": one number written in two words
            value += units
            i += 1
            end = toks[i][1]
        j = i + 1
        # scale words: 180 करोड़, 2 lakh, 1.5 million
        if j < len(toks) and _gap_ok(text, toks[j - 1][1], toks[j][0]):
            unit = _unit(v, toks[j][2])
            if unit and unit[1] == "scale":
                value *= float(unit[0])
                j += 1
        kind, slot, last = "count", "", j - 1
        if j < len(toks) and _gap_ok(text, toks[j - 1][1], toks[j][0]):
            unit = _unit(v, toks[j][2]) or (v.units.get(toks[j][2].lower() + " " + toks[j + 1][2].lower())
                                                       if j + 1 < len(toks) else None)
            if unit and unit[1] in ("percent", "amount", "measure"):
                kind = unit[1]
                currency = unit[0] if kind == "amount" else currency
                slot = unit[0]
                last = j
                j += 1
        if currency and kind == "count":
            kind, slot = "amount", currency
        if kind == "count":
            noun = _next_word(text, toks, j, allow_modifier=True)
            if noun is None or toks[noun][2].lower().rstrip(".") in _DECADES:  # "nineteen sixties" is a time
                i += 1
                continue
            mods = [t[2].lower() for t in toks[j:noun] if t[2].lower() in v.words.get("modifier", ())]
            if "-" not in text[toks[noun - 1][1]:toks[noun][0]]:  # "90-day rehab" counts days
                noun = _english_head(text, toks, noun)
            slot = (not mods and _person_tally(text, toks, noun)) or " ".join([_stem(x) for x in mods] + [_stem(toks[noun][2])])
            last = noun
            nxt = noun + 1
        else:
            nxt = j
        if nxt < len(toks) and _gap_ok(text, toks[nxt - 1][1], toks[nxt][0]):
            follow = toks[nxt][2].lower()
            if follow in v.words.get("post", ()):
                slot += " " + follow
            elif kind == "measure":
                w = _next_word(text, toks, nxt)
                if w is not None:
                    slot += " " + _stem(toks[w][2])
        prev = toks[first - 1][2].lower() if first > 0 else ""
        if prev in v.words.get("post", ()) and prev == "by":
            slot += " by"
        if prev == "from" or (nxt < len(toks) and toks[nxt][2] == "से" and kind in ("percent", "amount", "measure")):
            slot += " from"
        approx = approx or _approx_after(toks, nxt)
        f_start = toks[first - 1][0] if currency and first > 0 and toks[first - 1][2] in ("₹", "$") else start
        if kind == "amount" and currency:
            value_text = _fmt(value) + " " + currency
        else:
            value_text = _fmt(value)
        # not the sentence's full stop (a unit written with its dot, "sq.", keeps it)
        f_end = toks[last][1] - (1 if toks[last][2].endswith(".") and toks[last][2].lower() not in v.units else 0)
        out.append(Fact(kind, slot.strip(), value_text, text[f_start:f_end], f_start, f_end,
                        start, end, si, approx))
        i = max(i + 1, last + 1 if kind != "count" else i + 1)
    return out


def _next_word(text: str, toks: list[tuple[int, int, str]], j: int, allow_modifier: bool = False) -> int | None:
    """Index of the first lettered token after `j` in the same clause, skipping modifiers."""
    v = _vocab()
    k = j
    while k < len(toks) and k - j < 3:
        if k > 0 and not _gap_ok(text, toks[k - 1][1], toks[k][0]):
            return None
        tok = toks[k][2]
        low = tok.lower()
        if not _LETTER.match(tok):
            return None
        if allow_modifier and low in v.words.get("modifier", ()):
            k += 1
            continue
        if low in v.words.get("skip", ()) or not _content_word(tok):
            return None
        return k
    return None


def _english_head(text: str, toks: list[tuple[int, int, str]], k: int) -> int:
    """The head noun of an English noun phrase whose first word is `toks[k]`: the last of the
    lower-case content words that follow it in the clause (at most _HEAD_WORDS more), a word
    ending in -ed or -ing only when another follows it ("13 fully loaded magazines", "two
    speed boats", "three machine guns"; "two boats closing in", "23 pirates attacked"); the
    number of a hyphenated name is passed over ("seven AK-47 assault rifles"), and a hyphen
    ends the phrase ("a court-mandated stay"). Hindi counts name their noun first after the
    number and keep `k`."""
    if not toks[k][2].isascii() or toks[k][2].endswith("."):
        return k  # Hindi, or an abbreviation ("4 p.m.")
    head, n = k, k + 1
    while n < len(toks) and n - head <= 2 and n - k <= _HEAD_WORDS + 1:
        start, _, tok = toks[n]
        if tok.isdigit() and start > 0 and text[start - 1] in _HYPHENS:
            n += 1  # AK-47
            continue
        word = tok.removesuffix(".")  # a word token keeps a period after it (abbreviations)
        if not _gap_ok(text, toks[n - 1][1], start) or "-" in text[toks[n - 1][1]:start] \
                or not word.isalpha() or not word.islower() \
                or not _content_word(word) or word in _vocab().words.get("nothead", ()):
            break
        head = n
        if word != tok:
            break  # the sentence ends here
        n += 1
    while head > k and toks[head][2].removesuffix(".").endswith(("ed", "ing")):
        head -= 1  # a verb after the noun: "pirates attacked", "boats closing"
        while head > k and not toks[head][2].isalpha():
            head -= 1
    return head


_HEAD_WORDS = 3


def _approx_before(toks: list[tuple[int, int, str]], i: int) -> bool:
    v = _vocab()
    before = {toks[k][2].lower() for k in range(max(0, i - 2), i)}
    return bool(before & v.words.get("approx", frozenset()))


def _approx_after(toks: list[tuple[int, int, str]], j: int) -> bool:
    v = _vocab()
    pair = " ".join(t[2].lower() for t in toks[j:j + 2])
    one = toks[j][2].lower() if j < len(toks) else ""
    after = v.words.get("approxafter", frozenset())
    return pair in after or one in after


def _places(text: str, toks: list[tuple[int, int, str]], si: int) -> list[Fact]:
    """Named facilities: two or more modifier words before a facility head (राष्ट्रीय युद्ध स्मारक)."""
    v = _vocab()
    heads = v.words.get("facility", frozenset())
    stop = v.words.get("skip", frozenset()) | v.words.get("post", frozenset())
    out = []
    for k, (start, end, tok) in enumerate(toks):
        if tok.lower() not in heads:
            continue
        mods = []
        m = k - 1
        while m >= 0 and len(mods) < _SPAN_WORDS and _gap_ok(text, toks[m][1], toks[m + 1][0]):
            w = toks[m][2]
            if w.lower() in stop or not _content_word(w) or w.lower() in heads:
                break
            mods.insert(0, m)
            m -= 1
        if len(mods) < 2:
            continue
        mods = mods[-2:]  # the two words next to the head name it (राष्ट्रीय युद्ध स्मारक)
        f_start = toks[mods[0]][0]
        slot = " ".join(_stem(toks[x][2]) for x in mods)
        out.append(Fact("place", slot, _stem(tok), text[f_start:end], f_start, end, start, end, si))
    return out


def _roles(text: str, mentions: list[Mention], spans: list[Span]) -> list[Fact]:
    """A post right before a person: "रक्षा मंत्री राजनाथ सिंह", "Defence Minister X"."""
    v = _vocab()
    roles = v.words.get("role", frozenset())
    titles = v.words.get("title", frozenset())
    places = _Places(text, mentions)
    out = []
    for m in mentions:
        if m.label != "PER":
            continue
        toks = [(x.start(), x.end(), x.group()) for x in _TOKEN.finditer(text, max(0, m.start - 80), m.start)]
        k = len(toks) - 1
        while k >= 0 and toks[k][2].lower().rstrip(".") in titles:
            k -= 1
        if k < 0 or toks[k][2].lower() not in roles or not _gap_ok(text, toks[k][1], toks[min(k + 1, len(toks) - 1)][0]
                                                                      if k + 1 < len(toks) else m.start):
            continue
        first = k
        while first - 1 >= 0 and k - first + 1 < _SPAN_WORDS and _gap_ok(text, toks[first - 1][1], toks[first][0]):
            w = toks[first - 1][2].lower()
            if w in v.words.get("skip", ()) or w in v.words.get("post", ()) or not _content_word(w) \
                    or (w.endswith(".") and w not in titles):  # "… at the hospital. Collector X"
                break
            first -= 1
        role_words = [toks[x][2] for x in range(first, k + 1)]
        qualifier = ""
        # a place before the role qualifies it: "रूस के रक्षा मंत्री", "Russian Defence Minister"
        place = places.right_before(toks[first][0])
        if place:
            qualifier = place.key + " "
            start = place.start
        else:
            start = toks[first][0]
        slot = qualifier + " ".join(_stem(w) for w in role_words)
        out.append(Fact("role", slot, m.key or fold_key(m.text), text[start:m.end], start, m.end,
                        m.start, m.end, index_at(spans, m.start)))
    return out


class _Places:
    """The place mentions of an article, by where they end, to find the one right before a
    post ("रूस के रक्षा मंत्री"): only spaces and one particle between them (_QUALIFIER_GAP)."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.order = {id(m): k for k, m in enumerate(mentions)}
        self.by_end = sorted((m for m in mentions if m.label == "LOC"), key=lambda m: m.end)
        self.ends = [m.end for m in self.by_end]

    def right_before(self, pos: int) -> Mention | None:
        """The last place mention (in the article's order) ending at or before `pos` with
        only _QUALIFIER_GAP between; None if there is none."""
        found = []
        for k in range(bisect_right(self.ends, pos) - 1, -1, -1):
            m = self.by_end[k]
            if len(_NON_SPACE.findall(self.text, m.end, pos)) > _QUALIFIER_MAX_LETTERS:
                break  # a place ending earlier has this gap and more before it
            if _QUALIFIER_GAP.fullmatch(self.text, m.end, pos):
                found.append(m)
        return max(found, key=lambda m: self.order[id(m)]) if found else None


# the most characters other than spaces that _QUALIFIER_GAP lets between a place and a post
_QUALIFIER_MAX_LETTERS = 2
_NON_SPACE = regex.compile(r"\S")


def _participants(text: str, mentions: list[Mention], spans: list[Span]) -> list[Fact]:
    """"X और Y ने ...", "X and Y met": each person is the other's partner in the act."""
    people = sorted((m for m in mentions if m.label == "PER"), key=lambda m: m.start)
    out = []
    for a, b in zip(people, people[1:]):
        # "X और Y ने", also with Y's post between: "X और रूस के रक्षा मंत्री जनरल Y ने"
        if not _AND_GAP.fullmatch(text, a.end, b.start):
            continue
        if not _MEETING_VERB.match(text[b.end:b.end + 12]):
            continue
        si = index_at(spans, a.start)
        out.append(Fact("participant", b.key, a.key, text[a.start:b.end], a.start, b.end, a.start, a.end, si))
        out.append(Fact("participant", a.key, b.key, text[a.start:b.end], a.start, b.end, b.start, b.end, si))
    return out
