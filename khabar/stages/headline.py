"""Stage 10a (per story): the story's headline."""
from __future__ import annotations

from khabar.model import Article
from khabar.text import words

# Titles shorter or longer than this are rarely good headlines (site names, whole paragraphs).
_MIN_WORDS, _MAX_WORDS = 3, 30


def choose_headline(articles: list[Article]) -> str:
    """The title that best represents the story: the one sharing most words with the others' leads."""
    leads = [_content(a.title or "") | _content(_lead(a)) for a in articles]
    best, best_score = "", -1.0
    for n, a in enumerate(articles):
        title = (a.title or "").strip()
        if not _headline_like(title):
            continue
        tw = _content(title)
        if not tw:
            continue
        others = [leads[m] for m in range(len(articles)) if m != n]
        score = sum(len(tw & o) / len(tw) for o in others) / len(others) if others else 0.0
        if score > best_score + 1e-9:
            best, best_score = title, score
    if best:
        return best
    # no usable title: the first sentence that reads like a headline (not a timestamp line)
    for a in articles:
        for s in a.sentences:
            text = a.text[s.start:s.end].strip()
            if _headline_like(text):
                return text[:200]
    for a in articles:
        if a.sentences:
            s = a.sentences[0]
            return a.text[s.start:s.end][:200]
    return (articles[0].text.strip().split("\n", 1)[0][:200]) if articles else ""


def _headline_like(text: str) -> bool:
    """Between the word limits, with at least _MIN_WORDS words that are not numbers or times."""
    ws = words(text)
    lettered = [w for w in ws if len(w) > 1 and not any(c.isdigit() for c in w)]
    return _MIN_WORDS <= len(ws) <= _MAX_WORDS and len(lettered) >= _MIN_WORDS


def _lead(a: Article) -> str:
    if a.sentences:
        return a.text[a.sentences[0].start:a.sentences[min(2, len(a.sentences) - 1)].end]
    return a.text[:400]


def _content(text: str) -> set[str]:
    return {w.lower() for w in words(text) if len(w) > 2}
