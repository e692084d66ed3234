"""Body sentences of a story's articles and their content words, shared by the per-story
stages that pick sentences (summary, what's new, 5W1H)."""
from __future__ import annotations

from functools import lru_cache
from itertools import islice

import regex
from scipy.sparse import csr_matrix

from khabar.lang import stopwords, word_list
from khabar.model import Article
from khabar.text import WORD_RE, ascii_digits, words
from khabar.tfidf import tfidf_matrix

# words of two or more letters with no digit in them (what the summary calls "lettered")
_LETTERED = regex.compile(r"(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}]{2,}(?![\p{L}\p{M}\p{N}])")
_BULLET = regex.compile(r"^(?:[-–—•*·▪►]+\s*)+")
# what may follow a dateline's place before the story begins: a date, an agency in brackets,
# then its mark (। : - –)
_DATELINE_END = regex.compile(r"(?:\s*,\s*[^।:\n.!?]{1,40}?)?\s*(?:\([^()\n]{1,40}\))?\s*[।:\-–—]\s+")

Passage = tuple[str, int, tuple[int, int], str]  # (article id, body index, (start, end), text)


# The sentence-picking stages compare every candidate sentence with every other (summary:
# an n x n matrix). A story's candidates beyond this many are left out, the later sentences
# of every article first (each article keeps as many of its first sentences as the bound
# allows all of them): a single 4 MB article (the input limit is 5 MB) has ~33,000
# candidates, and their matrix (8.7 GB) killed its worker. At 4,000 the matrix is 128 MB;
# stories under ~130 articles of ordinary length never reach it (the largest story of the
# 10k speed corpus has 23 articles, of hindi-news-2020 12).
MAX_PASSAGES = 4000


def body_sentences(articles: list[Article], min_words: int, max_words: int, min_lettered: int) -> list[Passage]:
    """Every usable body sentence: not the title, not a fragment or run-on, not mostly numbers
    (at most MAX_PASSAGES of them: every article's first ones)."""
    out = _body_sentences(articles, min_words, max_words, min_lettered)
    if len(out) <= MAX_PASSAGES:
        return out
    by_position = sorted(p[1] for p in out)
    last = by_position[MAX_PASSAGES - 1]  # the deepest position all articles can keep...
    if by_position[MAX_PASSAGES] == last:  # ...short of a position the bound would cut through
        last -= 1
    if last < 0:  # more articles than the bound, each with a first sentence: the first ones
        return out[:MAX_PASSAGES]
    return [p for p in out if p[1] <= last]


def _body_sentences(articles: list[Article], min_words: int, max_words: int, min_lettered: int) -> list[Passage]:
    out = []
    for a in articles:
        title = (a.title or "").strip()
        body_idx = 0
        for s in a.sentences:
            raw = a.text[s.start:s.end]
            text = raw.strip()
            # list bullets and dashes that open a line ("- कोरोना ...", "• ...") are not the sentence
            text = _BULLET.sub("", text)
            # the dateline before the first sentence ("अमरकुंज, 12 मार्च (सुरभि)। …",
            # "AMARKUNJ: …") is where it was written, not what it says
            text = text[after_dateline(text, a.dateline):]
            if not text:
                continue
            if a.title_span and s.start < a.title_span.end and s.end > a.title_span.start:
                continue
            if title and text == title:
                continue
            n_words, lettered = _counts(text)
            # bylines and timestamps ("संवाददाता । 10 मार्च 2026, 05:40 PM") are mostly numbers
            if min_words <= n_words <= max_words and lettered >= min_lettered:
                lead = raw.index(text)
                out.append((a.id, body_idx, (s.start + lead, s.start + lead + len(text)), text))
            body_idx += 1
    return out


def after_dateline(text: str, dateline: str | None) -> int:
    """Where what `text` says begins: after its opening dateline with the date, agency and
    mark that follow it ("अमरकुंज, 12 मार्च (सुरभि)। ", "PORT VELAR, March 12 (Harbour
    Times) - "), or 0 when it does not open with `dateline` or nothing follows it."""
    if not dateline or not text.startswith(dateline):
        return 0
    head = _DATELINE_END.match(text, len(dateline))
    return head.end() if head and head.end() < len(text) else 0


@lru_cache(maxsize=8192)
def _counts(text: str) -> tuple[int, int]:
    """(words, lettered words) of a sentence. Cached: summary, 5W1H (twice) and what's new
    each read every body sentence of a story (profile of a 3,000-article speed store: a
    seventh of the per-story time went to recounting them)."""
    return len(words(text)), len(_LETTERED.findall(text))


@lru_cache(maxsize=8192)
def content_words(text: str) -> tuple[str, ...]:
    """Lower-cased words without stopwords, digits in ASCII (a TF-IDF analyzer).

    Cached: summary, what's new and 5W1H read the same sentences of a story (a third of
    the per-story time went to recomputing them, profile of the 10k speed store)."""
    stop = stopwords()
    return tuple(w for w in (x.lower() for x in words(ascii_digits(text))) if w not in stop)


@lru_cache(maxsize=4)
def sentence_tfidf(texts: tuple[str, ...]) -> csr_matrix:
    """TF-IDF rows (content words, sublinear tf, L2) of a story's body sentences, to be read,
    never changed. Cached: summary, 5W1H (why and how) and what's new build it from the
    same sentences of a story (a fifth of the per-story time on a 3,000-article speed store).
    Raises ValueError when no sentence has a content word."""
    return tfidf_matrix(texts, analyzer=content_words, sublinear_tf=True)


def starts_with_pronoun(text: str) -> bool:
    """True if the sentence opens with a back-referring word (उन्होंने, He)."""
    ws = [m.group() for m in islice(WORD_RE.finditer(text), 2)]  # the summary asks this of every candidate
    if not ws:
        return False
    pronouns = _pronouns()
    return ws[0].lower() in pronouns or " ".join(ws).lower() in pronouns


@lru_cache(maxsize=1)
def _pronouns() -> frozenset[str]:
    return frozenset(word_list("hi", "pronouns") | word_list("en", "pronouns"))


def is_terminated(text: str) -> bool:
    """True if the sentence ends like one (।, ., ?, !, a closing quote after one); headings and
    captions ("केरल में कोरोना के 19 मामले") do not."""
    return bool(_END.search(text))


_END = regex.compile(r"[।॥.?!][\"'”’)\]]*\s*$")
