"""Stage 8a (per article): proper-name mentions."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from functools import lru_cache

import regex

from khabar.fold import fold_key
from khabar.model import Mention, Span
from khabar.ner.resources import place_keys, word_list
from khabar.ner.tag import tag_sentences
from khabar.ner.tokenize import tokenize
from khabar.text import LINE_RE


_KEPT = ("PER", "LOC", "ORG", "MISC")
_LABEL_ORDER = {"PER": 0, "LOC": 1, "ORG": 2, "MISC": 3}  # tie-break for majority labels
# a name after a title is at most three words (first, middle, last): Hindi and English usage
_MAX_NAME_AFTER_TITLE = 3
# a sentence with >= 4 words of which >= 70% are capitalised is a title-case headline, where
# capitals say nothing; a judgment call from English headline style, not yet tuned on data
_HEADLINE_MIN_WORDS, _HEADLINE_CAP_SHARE = 4, 0.7
_HAS_LETTER = regex.compile(r"\p{L}")
_SPLITTERS = regex.compile(r"[()\[\]{}\"“”‘’'।|,;:!?]")
_DEVANAGARI = regex.compile(r"\p{Devanagari}")
_EN_TOKEN = regex.compile(
    r"[\p{L}\p{M}\p{Nd}]+(?:(?:[-&]|['’](?=\p{Lu}))[\p{L}\p{M}\p{Nd}]+)*|\S"
)
_EN_CONNECTORS = {"of", "the", "and", "de", "la", "del", "van", "von", "der", "da", "&", "for"}
_EN_LOC_CUES = {"in", "at", "from", "near", "to", "across", "outside", "inside"}

Tokens = list[tuple[str, int, int]]
Found = dict[tuple[int, int, int], str]  # (sentence, first token, end token) -> label


def find_mentions(text: str, language: str, sentences: list[Span]) -> list[Mention]:
    """Person, place and organisation mentions with offsets into `text` and folded keys."""
    spans = sentences or _line_spans(text)
    if language == "hi":
        sents, found = _hindi(text, spans)
    elif language == "en":
        sents, found = _english(text, spans)
    else:
        return []
    out = []
    for (si, a, b), label in found.items():
        start, end = sents[si][a][1], sents[si][b - 1][2]
        out.append(Mention(text=text[start:end], start=start, end=end, label=label,
                           key=fold_key(text[start:end])))
    return sorted(out, key=lambda m: (m.start, m.end))


def _line_spans(text: str) -> list[Span]:
    """One span per non-empty line, for callers that give no sentences."""
    return [Span(m.start(), m.end()) for m in LINE_RE.finditer(text)]


# ---------------------------------------------------------------- Hindi


def _hindi(text: str, spans: list[Span]) -> tuple[list[Tokens], Found]:
    """CRF spans cleaned of titles and postpositions, a title rule, article consistency."""
    sents = [t for t in (tokenize(text, s.start, s.end) for s in spans) if t]
    stop = _hi_stop()
    titles = word_list("hi", "titles.txt")
    found: Found = {}
    all_words = [[t[0] for t in toks] for toks in sents]
    for si, (words, tags) in enumerate(zip(all_words, tag_sentences(all_words))):
        for a, b, label in _bio_spans(tags):
            if label in _KEPT:
                for a2, b2 in _clean_hi(words, a, b, label):
                    found[(si, a2, b2)] = label
        _title_rule(words, tags, si, found, titles)
    common = word_list("hi", "ner_common_words.txt")
    _consistency(sents, found, lambda w: _DEVANAGARI.search(w) is not None
                 and w not in common and w not in stop and w not in titles)
    return sents, found


@lru_cache(maxsize=1)
def _hi_stop() -> frozenset[str]:
    """Hindi postpositions and function words: never inside a name."""
    return word_list("hi", "ner_postpositions.txt") | word_list("hi", "ner_function_words.txt")


@lru_cache(maxsize=1)
def _hi_person_edge() -> frozenset[str]:
    """Words trimmed from either end of a person's name (made once: the union per span was
    a twentieth of the Hindi per-article time)."""
    return _hi_stop() | word_list("hi", "ner_nonperson_words.txt")


def _bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of a BIO sequence; a stray I- starts a span."""
    out, start, label = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            out.append((start, i, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return out


def _clean_hi(words: list[str], a: int, b: int, label: str) -> list[tuple[int, int]]:
    """A CRF span cut at postpositions (and, for PER, titles and function words)."""
    posts = word_list("hi", "ner_postpositions.txt")
    stop = _hi_stop()
    titles = word_list("hi", "titles.txt")
    if label == "PER":
        last_title = max((i for i in range(a, b) if words[i] in titles), default=None)
        if last_title is not None:
            a = last_title + 1
    breaks = stop if label == "PER" else posts
    edge = _hi_person_edge() if label == "PER" else stop
    pieces, cur = [], []
    for i in range(a, b):
        if words[i] in breaks or _SPLITTERS.fullmatch(words[i]) or (
                label == "PER" and not _HAS_LETTER.search(words[i])):
            pieces.append(cur)
            cur = []
        else:
            cur.append(i)
    pieces.append(cur)
    out = []
    for piece in pieces:
        # trim punctuation and function words (for PER: words never in a person's name)
        while piece and (words[piece[0]] in edge or not _HAS_LETTER.search(words[piece[0]])):
            piece = piece[1:]
        while piece and (words[piece[-1]] in edge or not _HAS_LETTER.search(words[piece[-1]])):
            piece = piece[:-1]
        if piece and not all(words[i] in titles for i in piece):
            out.append((piece[0], piece[-1] + 1))
    return out


def _title_rule(words: list[str], tags: list[str], si: int, found: Found,
                titles: frozenset[str]) -> None:
    """A name right after a title or role word (राष्ट्रपति X Y) is a person."""
    stop = _hi_stop()
    nonperson = word_list("hi", "ner_nonperson_words.txt")
    places = place_keys("hi")
    n = len(words)
    for i, w in enumerate(words):
        if w not in titles or i + 1 >= n or words[i + 1] in titles:
            continue
        j = i + 1
        while (j < n and j - i - 1 < _MAX_NAME_AFTER_TITLE and _DEVANAGARI.search(words[j])
               and words[j] not in stop and words[j] not in titles
               and words[j] not in nonperson and tags[j][2:] not in ("TIME", "NUM")):
            j += 1
        if j == i + 1:
            continue
        overlapping = [k for k in found if k[0] == si and k[1] < j and k[2] > i + 1]
        if any(found[k] == "PER" for k in overlapping):
            continue
        if any(fold_key(" ".join(words[k[1]:k[2]])) in places for k in overlapping):
            continue
        if fold_key(" ".join(words[i + 1:j])) in places:
            continue
        for k in overlapping:
            del found[k]
        found[(si, i + 1, j)] = "PER"


def _consistency(sents: list[Tokens], found: Found, may_extend: Callable[[str], bool]) -> None:
    """One label per name in the article, and every other occurrence of a found name tagged."""
    keys = {k: tuple(fold_key(t[0]) for t in sents[k[0]][k[1]:k[2]]) for k in found}
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for k, label in found.items():
        votes[keys[k]][label] += 1
    label_of = {key: min(c, key=lambda lab: (-c[lab], _LABEL_ORDER[lab]))
                for key, c in votes.items() if all(key)}
    for k in found:
        if keys[k] in label_of:
            found[k] = label_of[keys[k]]
    for key, label in list(label_of.items()):
        if label == "PER" and len(key) > 1:  # a person's first or last name alone
            for part in (key[:1], key[-1:]):
                label_of.setdefault(part, "PER")
    if not label_of:
        return
    longest = max(len(key) for key in label_of)
    first_words = {key[0] for key in label_of}  # a name can only start at one of these
    covered_in: dict[int, set[int]] = defaultdict(set)  # sentence -> its tokens inside a found name
    for s, a, b in found:
        covered_in[s].update(range(a, b))
    for si, toks in enumerate(sents):
        covered = covered_in[si]
        folds = [fold_key(t[0]) for t in toks]
        i = 0
        while i < len(toks):
            step = 1
            if folds[i] not in first_words:
                i += 1
                continue
            for length in range(min(longest, len(toks) - i), 0, -1):
                key = tuple(folds[i:i + length])
                if key not in label_of or covered.intersection(range(i, i + length)):
                    continue
                ends = (toks[i][0], toks[i + length - 1][0])
                if not (may_extend(ends[0]) if length == 1 else any(map(may_extend, ends))):
                    continue
                found[(si, i, i + length)] = label_of[key]
                covered.update(range(i, i + length))
                step = length
                break
            i += step


# ---------------------------------------------------------------- English


def _english(text: str, spans: list[Span]) -> tuple[list[Tokens], Found]:
    """Capitalised word sequences labelled by titles, organisation words and places."""
    sents = [_en_tokens(text, s.start, s.end) for s in spans]
    sents = [t for t in sents if t]
    titles = word_list("en", "ner_titles.txt")
    func = word_list("en", "ner_function_words.txt")
    found: Found = {}
    for si, toks in enumerate(sents):
        words = [t[0] for t in toks]
        if _is_headline(words):
            continue
        for a, b in _cap_runs(words):
            initial = a == _first_word(words)
            # a connector left at an edge ("One of Gray" less "One") is no part of the name
            while a < b and (words[a] in func or words[a] in titles or words[a] in _EN_CONNECTORS):
                a += 1
            while a < b and (words[b - 1] in func or words[b - 1] in _EN_CONNECTORS):
                b -= 1
            if a >= b:
                continue
            if initial and b - a == 1 and a == _first_word(words) and not _is_place(words[a]):
                continue  # a lone capitalised first word says nothing
            found[(si, a, b)] = _en_label(words, a, b)
    _en_short_forms(sents, found)
    _consistency(sents, found, lambda w: w[:1].isupper() and w not in func and w not in titles)
    return sents, found


def _en_tokens(text: str, start: int, end: int) -> Tokens:
    """English tokens with offsets; an abbreviation or initial keeps its full stop."""
    keep_dot = word_list("en", "ner_titles.txt") | word_list("en", "ner_org_cues.txt")
    out: Tokens = []
    for m in _EN_TOKEN.finditer(text, start, end):
        tok, s, e = m.group(), m.start(), m.end()
        if tok == "." and out and out[-1][2] == s and (
                out[-1][0] + "." in keep_dot or (len(out[-1][0]) == 1 and out[-1][0].isupper())):
            prev, ps, _ = out.pop()
            out.append((prev + ".", ps, e))
            continue
        out.append((tok, s, e))
    return out


def _is_cap(word: str) -> bool:
    """A word starting with a capital letter."""
    return word[:1].isupper()


def _is_headline(words: list[str]) -> bool:
    """A title-case line, where capitals do not mark names."""
    alpha = [w for w in words if _HAS_LETTER.search(w) and w.lower() not in _EN_CONNECTORS]
    if len(alpha) < _HEADLINE_MIN_WORDS:
        return False
    return sum(_is_cap(w) for w in alpha) >= _HEADLINE_CAP_SHARE * len(alpha)


def _first_word(words: list[str]) -> int:
    """Index of the sentence's first word (after opening quotes or brackets)."""
    return next((i for i, w in enumerate(words) if _HAS_LETTER.search(w)), 0)


def _cap_runs(words: list[str]) -> list[tuple[int, int]]:
    """Runs of capitalised words, joined by lower-case connectors (Bank of America)."""
    runs, i, n = [], 0, len(words)
    while i < n:
        if not (_is_cap(words[i]) and _HAS_LETTER.search(words[i])):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _is_cap(words[j]) and _HAS_LETTER.search(words[j]):
                j += 1
            elif words[j] in _EN_CONNECTORS and j + 1 < n and _is_cap(words[j + 1]):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _is_place(name: str) -> bool:
    """A known country, state, city or region (folded match)."""
    return fold_key(name) in place_keys("en")


def _en_label(words: list[str], a: int, b: int) -> str:
    """Label of a capitalised span from the words in and around it."""
    titles = word_list("en", "ner_titles.txt")
    org = word_list("en", "ner_org_cues.txt")
    name = " ".join(words[a:b])
    if a > 0 and words[a - 1] in titles:
        return "PER"
    if any(w in org for w in words[a:b]):
        return "ORG"
    if _is_place(name):
        return "LOC"
    if a > 0 and words[a - 1] in _EN_LOC_CUES and b - a == 1:
        return "LOC"  # "in Ohio"; longer names after "at" are as often shops or people
    if b - a == 1 and words[a].isupper() and len(words[a]) > 1:
        return "ORG"  # an acronym that is not a known place
    return "PER" if b - a >= 2 else "MISC"


def _en_short_forms(sents: list[Tokens], found: Found) -> None:
    """A lone MISC word that is the first or last word of one PER name is that person."""
    edges: dict[str, set[str]] = defaultdict(set)
    for (si, a, b), label in found.items():
        if label == "PER" and b - a > 1:
            name = " ".join(t[0] for t in sents[si][a:b])
            edges[sents[si][a][0]].add(name)
            edges[sents[si][b - 1][0]].add(name)
    for (si, a, b), label in found.items():
        if label == "MISC" and b - a == 1 and len(edges.get(sents[si][a][0], ())) == 1:
            found[(si, a, b)] = "PER"
