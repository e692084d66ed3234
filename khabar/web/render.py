"""HTML of an article's clean text from its offset annotations, every piece escaped.

Sentences are the outer layer (``<span class="sent" id="s-START">``, so that a citation
link ``#s-START`` lands on the sentence and CSS ``:target`` highlights it); entity and
date mentions are the inner layer. An annotation that overlaps an earlier one, or crosses
a sentence boundary, is left out; the text itself is always emitted whole.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import regex
from markupsafe import Markup, escape

from khabar.model import Article

_CLASS_SAFE = regex.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True)
class _Inline:
    start: int
    end: int
    open: Markup
    close: Markup


def article_html(a: Article, root: str = "") -> Markup:
    """The article's clean text as HTML: sentences with ids, entities linked, dates marked."""
    text = a.text
    n = len(text)
    sents = sorted((s.start, s.end) for s in a.sentences if 0 <= s.start < s.end <= n)
    kept_sents: list[tuple[int, int]] = []
    for s, e in sents:
        if not kept_sents or s >= kept_sents[-1][1]:
            kept_sents.append((s, e))
    inline = _inline_annotations(a, root)
    out: list[str] = []
    pos = 0
    for s, e in kept_sents:
        out.append(_render_inline(text, pos, s, inline))
        out.append(f'<span class="sent" id="s-{s}">')
        out.append(_render_inline(text, s, e, inline))
        out.append("</span>")
        pos = e
    out.append(_render_inline(text, pos, n, inline))
    return Markup("".join(out))


def _inline_annotations(a: Article, root: str) -> list[_Inline]:
    """Entity and date mentions as non-overlapping inline elements, in text order."""
    n = len(a.text)
    cands: list[_Inline] = []
    for m in a.mentions:
        if not 0 <= m.start < m.end <= n:
            continue
        cls = f"ent ent-{_CLASS_SAFE.sub('', m.label)}"
        title = escape(f"{m.label}" + (f" · {m.key}" if m.key else ""))
        if m.entity:
            href = escape(f"{root}/entities/{quote(m.entity)}")
            cands.append(_Inline(m.start, m.end, Markup(f'<a class="{cls}" href="{href}" title="{title}">'),
                                 Markup("</a>")))
        else:
            cands.append(_Inline(m.start, m.end, Markup(f'<span class="{cls}" title="{title}">'), Markup("</span>")))
    for d in a.dates:
        if not 0 <= d.start < d.end <= n:
            continue
        title = escape(" ".join(x for x in (d.value or "unresolved", d.precision or "",
                                             "(relative)" if d.relative else "") if x))
        cands.append(_Inline(d.start, d.end, Markup(f'<mark class="date" title="{title}">'), Markup("</mark>")))
    cands.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[_Inline] = []
    for c in cands:
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return kept


def _render_inline(text: str, start: int, end: int, inline: list[_Inline]) -> str:
    """text[start:end] escaped, with the inline elements that lie wholly inside it."""
    out: list[str] = []
    pos = start
    for x in inline:
        if x.end <= start or x.start >= end:
            continue
        if x.start < start or x.end > end:
            continue  # crosses a sentence boundary: left out
        out.append(str(escape(text[pos:x.start])))
        out.append(str(x.open) + str(escape(text[x.start:x.end])) + str(x.close))
        pos = x.end
    out.append(str(escape(text[pos:end])))
    return "".join(out)
