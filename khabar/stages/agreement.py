"""Stage 10d (per story): facts lined up across a story's outlets — agreed, single, in conflict.

Facts (stage ``facts``) are grouped by kind and slot. Outlets are ``Article.source`` (the
article id when unknown); copies (``duplicate_of``) add no outlet. Then, per slot:

- numbers (count, amount, percent, measure, ordinal): an article that gives two different
  values for one slot is talking about two things (an innings' 6 wickets and the winning
  margin of 7) and is left out of that slot. Two outlets **conflict** when they give
  different values (more than 1% apart), neither states the other's value, neither value
  is approximate (करीब, more than), for counts (which move from day to day: cases,
  deaths) their articles were published at most a day apart when both dates are known,
  and the two sentences are about the same thing (not about two different people, and cosine
  >= ``ALIGN_SIM`` on folded content words without digits);
- roles and participants (who is the defence minister; who met whom): values are the
  canonical entities. Two outlets conflict when each names only its own person and never
  mentions the other's at all. One article is **inconsistent** when it names two different
  people for one slot whose names share a word (जयशंकर सिंह / राजनाथ सिंह: the signature
  of a slip, not of two real holders);
- places (named facilities): outlets conflict when the same modifiers lead to different
  heads (राष्ट्रीय युद्ध स्मारक / संग्रहालय) and neither outlet uses the other's;
- otherwise a value given by two or more outlets is **agreed**, by one only **single**.

Conservative by design: a false conflict costs a reader more than a missed one.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache

from khabar.fold import fold_key
from khabar.model import Article, Citation, Fact, FactValue, Finding
from khabar.passages import content_words
from khabar.stages.facts import TALLY_SLOT, post_class
from khabar.translit import skeleton
from khabar.tfidf import tfidf_matrix

# Two number-bearing sentences are "about the same thing" at this cosine. Set on the pairs
# that pass every other test (measured by setting the gate to 0 and logging each pair): the sample's three planted pairs score 0.205-0.26; on hindi-news-2020 the ten
# pairs score 0.0-0.37 with true and false ones on both sides of any cut (14/16 Italians 0.355,
# two days' Korean counts 0.373), so the gate is set just under the planted pairs and the
# other tests carry most of the precision.
ALIGN_SIM = 0.2
_REL_TOL = 0.01
# Outlets that disagree on one figure do so within a factor of two in every case we read (the
# sample's 1.8/2.4 km, 150/180 crore, 3/5%, 6/7 wickets; hindi-news-2020's 14/16 Italian
# tourists); figures further apart were, in all 20 we read there, about different things.
_MAX_RATIO = 2.0
_NUMERIC = ("count", "amount", "percent", "measure", "ordinal")
_MAX_AGREED = 40  # findings kept per story for "agreed" and "single", most outlets first


def compare_facts(articles: list[Article]) -> list[Finding]:
    """Facts aligned across a story's articles: agreed, single-outlet, in conflict, inconsistent."""
    originals = [a for a in articles if a.duplicate_of is None] or articles
    outlet = {a.id: a.source or a.id for a in originals}
    n_outlets = len(set(outlet.values()))
    by_slot: dict[tuple[str, str], list[tuple[Article, Fact, str]]] = defaultdict(list)
    for a in originals:
        ents = _entity_at(a)
        for f in a.facts:
            value, slot = f.value, f.slot
            if f.kind in ("role", "participant"):
                value = ents.get((f.value_start, f.value_end)) or f.value
                if f.kind == "participant":
                    slot = _entity_by_key(a, f.slot) or f.slot
                else:
                    slot = post_class(slot)  # मुख्यमंत्री = Chief Minister
            by_slot[(f.kind, slot)].append((a, f, value))
    full = _full_names(originals)
    sims = _Similarity(originals, [x for items in by_slot.values() for x in items])
    # every figure an outlet gives per kind and head noun, whatever the slot's modifiers
    by_head: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (kind, slot), items in by_slot.items():
        if kind in _NUMERIC:
            for a, f, value in items:
                by_head[(kind, _head(kind, slot))][outlet[a.id]].append(value)
    out: list[Finding] = []
    for (kind, slot), items in sorted(by_slot.items()):
        if kind in _NUMERIC:
            out.extend(_numeric(kind, slot, items, outlet, n_outlets, sims, by_head[(kind, _head(kind, slot))]))
        else:
            out.extend(_named(kind, slot, items, outlet, n_outlets, originals, full))
    out = _without_mirrors(out)
    conflicts = [f for f in out if f.kind in ("conflict", "inconsistent")]
    rest = sorted((f for f in out if f.kind not in ("conflict", "inconsistent")),
                  key=lambda f: (-f.outlets, f.kind != "agreed", f.fact, f.slot))
    return conflicts + rest[:_MAX_AGREED]


def _without_mirrors(findings: list[Finding]) -> list[Finding]:
    """The findings without the mirror of an agreed or single-outlet pair of participants:
    "X और Y ने" makes X's partner Y and Y's partner X, one statement that would otherwise
    be listed twice with the same citations. Conflicts keep both sides: who met whom may
    differ for one of the two only."""
    seen: set[tuple[str, frozenset[str]]] = set()
    out = []
    for f in findings:
        if f.fact == "participant" and f.kind in ("agreed", "single") and len(f.values) == 1:
            pair = (f.kind, frozenset((f.slot, f.values[0].value)))
            if pair in seen:
                continue
            seen.add(pair)
        out.append(f)
    return out


def _entity_at(a: Article) -> dict[tuple[int, int], str]:
    return {(m.start, m.end): m.entity for m in a.mentions if m.entity}


def _entity_by_key(a: Article, key: str) -> str | None:
    for m in a.mentions:
        if m.key == key and m.entity:
            return m.entity
    return None


class _Similarity:
    """Cosine between the sentences that carry two facts (folded content words, no digits)."""

    def __init__(self, articles: list[Article], items: list[tuple[Article, Fact, str]]) -> None:
        self.items = items
        self.matrix = None
        self.built = False  # built on first use: most stories never compare two outlets' figures

    def _build(self) -> None:
        self.built = True
        items = self.items
        self.index: dict[tuple[str, int], int] = {}
        texts = []
        for a, f, _ in items:
            key = (a.id, f.sentence)
            if key in self.index:
                continue
            s = a.sentences[f.sentence] if f.sentence < len(a.sentences) else None
            texts.append(a.text[s.start:s.end] if s else a.text[max(0, f.start - 150):f.end + 150])
            self.index[key] = len(texts) - 1
        self.matrix = None
        if texts:
            try:
                self.matrix = tfidf_matrix(texts, analyzer=_folded_words)
            except ValueError:
                self.matrix = None

    def __call__(self, a: Article, f: Fact, b: Article, g: Fact) -> float:
        if not self.built:
            self._build()
        if self.matrix is None:
            return 0.0
        i, j = self.index[(a.id, f.sentence)], self.index[(b.id, g.sentence)]
        return float((self.matrix[i] @ self.matrix[j].T).toarray()[0, 0])


def _folded_words(text: str) -> list[str]:
    return [fold_key(w) for w in content_words(text) if not any(c.isdigit() for c in w)]


def _as_number(value: str) -> float | None:
    try:
        return float(value.split(" ")[0])
    except ValueError:
        return None


def _same(x: str, y: str) -> bool:
    a, b = _as_number(x), _as_number(y)
    if a is None or b is None:
        return x == y
    return abs(a - b) <= _REL_TOL * max(abs(a), abs(b))


def _published(a: Article) -> date | None:
    try:
        return date.fromisoformat((a.published or "")[:10])
    except ValueError:
        return None


def _values(items: list[tuple[Article, Fact, str]], outlet: dict[str, str]) -> list[FactValue]:
    groups: list[FactValue] = []
    for a, f, value in items:
        for fv in groups:
            if _same(fv.value, value):
                break
        else:
            shown = a.text[f.value_start:f.value_end] if f.kind == "participant" else " ".join(f.text.split())
            fv = FactValue(value, shown)
            groups.append(fv)
        fv.citations.append(Citation(a.id, f.start, f.end, f.text))
        if outlet[a.id] not in fv.sources:
            fv.sources.append(outlet[a.id])
    groups.sort(key=lambda v: (-len(v.sources), v.value))
    return groups


_NAMES = {"count": "count", "amount": "amount", "percent": "percentage", "measure": "measure",
          "ordinal": "which one", "role": "who holds the post", "participant": "who took part with",
          "place": "which place"}


def _label(kind: str, example: str, slot: str = "") -> str:
    """A readable description of a slot from one of its citations ("people killed: सात लोगों"
    for a toll, whose example may not name it)."""
    name = _TALLY_NAMES.get(slot.removeprefix(TALLY_SLOT), "") if slot.startswith(TALLY_SLOT) else ""
    return f"{name or _NAMES.get(kind, kind)}: {' '.join(example.split())}"


_TALLY_NAMES = {"deaths": "people killed", "injured": "people injured"}


def _numeric(kind, slot, items, outlet, n_outlets, sims, related=None) -> list[Finding]:
    per_article: dict[str, set[str]] = defaultdict(set)
    for a, f, value in items:
        if not f.approx:
            per_article[a.id].add(value)
    ambiguous = {aid for aid, vals in per_article.items()
                 if any(not _same(x, y) for x in vals for y in vals)}
    kept = [x for x in items if x[0].id not in ambiguous]
    if not kept:
        return []
    values = _values(kept, outlet)
    said: dict[str, list[str]] = defaultdict(list)  # outlet -> values it states
    for a, f, value in kept:
        said[outlet[a.id]].append(value)
    exact = [x for x in kept if not x[1].approx]
    conflict = False
    for i, (a, f, v) in enumerate(exact):
        for b, g, w in exact[i + 1:]:
            if outlet[a.id] == outlet[b.id] or _same(v, w):
                continue
            if any(_same(w, x) for x in said[outlet[a.id]]) or any(_same(v, x) for x in said[outlet[b.id]]):
                continue
            if related is not None and (any(_same(w, x) for x in related.get(outlet[a.id], ()))
                                        or any(_same(v, x) for x in related.get(outlet[b.id], ()))):
                continue  # the outlet gives the other figure for the same noun elsewhere (51 गेंदों)
            da, db = _published(a), _published(b)
            if kind in ("count", "ordinal") and da and db and da != db:
                continue  # counts move from day to day (cases, deaths, the nth death); a fixed figure does not
            x, y = _as_number(v), _as_number(w)
            if x and y and max(x, y) > _MAX_RATIO * min(x, y):
                continue  # figures this far apart are about different things, not a disagreement
            la, lb = _in_sentence(a, f, "LOC"), _in_sentence(b, g, "LOC")
            if la and lb and not la & lb:
                continue  # about two places (Assam's new cases, Pune's)
            pa, pb = _in_sentence(a, f, "PER"), _in_sentence(b, g, "PER")
            if pa and pb and not pa & pb:
                continue  # one figure is about one person, the other about another (two batters' balls)
            if sims(a, f, b, g) >= ALIGN_SIM or (slot.startswith(TALLY_SLOT) and a.language != b.language):
                # a toll of dead or injured (facts "tally:" slots) names what it counts in any
                # language; words cannot be compared across two, so its sentences need not be alike
                conflict = True
                break
        if conflict:
            break
    n = len({outlet[a.id] for a, _, _ in kept})
    if conflict:
        return [Finding("conflict", kind, slot, _label(kind, kept[0][1].text, slot), values, n, n_outlets)]
    return [Finding("agreed" if len(v.sources) >= 2 else "single", kind, slot, _label(kind, v.citations[0].text, slot),
                    [v], len(v.sources), n_outlets) for v in values]


def _named(kind, slot, items, outlet, n_outlets, originals, full) -> list[Finding]:
    out: list[Finding] = []
    label = _label(kind, items[0][1].text)
    by_article: dict[str, list[tuple[Article, Fact, str]]] = defaultdict(list)
    for x in items:
        by_article[x[0].id].append(x)
    if kind in ("role", "participant"):
        for aid, xs in by_article.items():
            people = {v: x for x in xs for v in [x[2]]}
            names = {v: set(full.get(v, _name_of(x)).split()) for v, x in people.items()}
            vals = list(people)
            for i, p in enumerate(vals):
                for q in vals[i + 1:]:
                    if _share_word(names[p], names[q]):
                        out.append(Finding("inconsistent", kind, slot, label,
                                           _values([people[p], people[q]], outlet), 1, n_outlets))
    values = _values(items, outlet)
    if len(values) >= 2:
        mentioned = _mentioned_by_outlet(originals, outlet) if kind in ("role", "participant") else None
        for i, v in enumerate(values):
            for w in values[i + 1:]:
                if set(v.sources) & set(w.sources):
                    continue  # an outlet that gives both: two holders or two places, not a disagreement
                if kind in ("role", "participant") and (_same_name(v, w) or _nested(
                        full.get(v.value, v.display), full.get(w.value, w.display))):
                    continue  # two spellings of one person (ढिल्लों / ढिल्लो) that entity folding missed
                if mentioned is not None and (
                        any(w.value in mentioned[o] for o in v.sources)
                        or any(v.value in mentioned[o] for o in w.sources)):
                    continue
                if kind == "role" and not _one_holder(slot):
                    continue  # two joint secretaries, two MLAs: both may be right
                if not any(f.kind == "inconsistent" for f in out):
                    out.append(Finding("conflict", kind, slot, label, [v, w],
                                       len(set(v.sources) | set(w.sources)), n_outlets))
    if not out:
        out = [Finding("agreed" if len(v.sources) >= 2 else "single", kind, slot, _label(kind, v.citations[0].text),
                       [v], len(v.sources), n_outlets) for v in values]
    return out


# Posts that many hold at once: a bare post (मंत्री, secretary), or one qualified as a rank
# below another (संयुक्त सचिव, joint secretary, deputy commissioner). Two outlets naming two
# such holders do not disagree; hindi-news-2020's health briefings name the health
# ministry's and the home ministry's joint secretaries side by side (2026-12-06: 2 of its 6
# findings). A post with a portfolio or a place (रक्षा मंत्री, Delhi's chief minister)
# has one holder.
_MANY_HOLDER_POSTS = ("मंत्री", "सचिव", "प्रवक्ता", "सांसद", "विधायक", "निदेशक", "आयुक्त", "प्रमुख",
                      "minister", "secretary", "spokesperson", "spokesman", "spokeswoman", "director",
                      "commissioner", "chief")
_RANK_BELOW = ("संयुक्त", "अतिरिक्त", "उप", "सह", "सहायक", "joint", "additional", "deputy", "assistant",
               "associate", "under")


@lru_cache(maxsize=1)
def _many_holder_keys() -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(map(fold_key, _MANY_HOLDER_POSTS)), frozenset(map(fold_key, _RANK_BELOW))


def _one_holder(slot: str) -> bool:
    """Whether the post a role slot names (folded words) is held by one person at a time."""
    posts, ranks = _many_holder_keys()
    words = slot.split()
    if any(w in ranks for w in words):
        return False
    return not (len(words) == 1 and words[0] in posts)


def _head(kind: str, slot: str) -> str:
    """The counted noun or unit of a numeric slot, without modifiers and postpositions."""
    words = slot.split()
    if kind != "count":
        return words[0] if words else ""
    nouns = [w for w in words if w not in ("से", "पर", "by", "from")]
    return nouns[-1] if nouns else ""


def _in_sentence(a: Article, f: Fact, label: str) -> set[str]:
    """Entities of one label in the sentence that carries a fact."""
    if f.sentence >= len(a.sentences):
        return set()
    s = a.sentences[f.sentence]
    return {m.entity or m.key for m in a.mentions if m.label == label and s.start <= m.start < s.end}


def _same_name(v: FactValue, w: FactValue) -> bool:
    """True if the two values' names have one consonant skeleton word for word."""
    def names(fv: FactValue) -> set[str]:
        # nasal marks dropped: ढिल्लों / ढिल्लो is one surname with and without nasalisation
        return {skeleton(" ".join(c.text.split()[-2:]).replace("\u0902", "").replace("\u0901", ""))
                for c in fv.citations}
    return bool(names(v) & names(w))


def _name_of(x: tuple[Article, Fact, str]) -> str:
    a, f, _ = x
    return a.text[f.value_start:f.value_end]


def _share_word(a: set[str], b: set[str]) -> bool:
    """Two names that share a word but neither holds the other (जयशंकर सिंह / राजनाथ सिंह,
    not नरेंद्र मोदी / मोदी)."""
    fa = {fold_key(w) for w in a if len(w) > 1}
    fb = {fold_key(w) for w in b if len(w) > 1}
    return bool(fa & fb) and not fa <= fb and not fb <= fa


def _nested(x: str, y: str) -> bool:
    """One name inside the other, word for word or as a cut-off word (डॉ. प्रभात कुमार / डॉ. प्रभात
    कुमार सिंह; सी / सीके मिश्रा, a name the tagger cut short)."""
    fx = {fold_key(w) for w in x.split() if len(w) > 1}
    fy = {fold_key(w) for w in y.split() if len(w) > 1}
    if not fx or not fy:
        return False
    small, big = (fx, fy) if len(fx) <= len(fy) else (fy, fx)
    return all(any(b.startswith(w) for b in big) for w in small)


def _full_names(articles: list[Article]) -> dict[str, str]:
    """Per entity id, its longest spelling in the story (a short form's full name)."""
    out: dict[str, str] = {}
    for a in articles:
        for m in a.mentions:
            if m.entity and (len(m.text.split()), len(m.text)) > (len(out.get(m.entity, "").split()),
                                                                  len(out.get(m.entity, ""))):
                out[m.entity] = m.text
    return out


def _mentioned_by_outlet(articles: list[Article], outlet: dict[str, str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        for m in a.mentions:
            out[outlet[a.id]].add(m.entity or m.key)
    return out
