"""Stage 8b (per story): one canonical entity per person/place/org across spellings."""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from khabar.fold import fold_key
from khabar.lang import role_entries, word_list
from khabar.model import Article, Entity, Mention
from khabar.ner.resources import place_keys
from khabar.romanize import romanize
from khabar.translit import skeleton

_LABEL_ORDER = {"PER": 0, "LOC": 1, "ORG": 2, "MISC": 3}  # tie-break for majority labels
# folded trailing words that inflect a name without changing it: English possessive 's
# (PTB "Winston 's" or "Winston's") and the Hindi honorific जी (folded जि)
_INFLECTIONS = {"s", "जि"}


@dataclass
class _Group:
    key: str
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (article id, mention)
    named: tuple[str, str] | None = None  # (name, label) of a place named after a person

    @property
    def tokens(self) -> list[str]:
        return self.key.split()

    @property
    def label(self) -> str:
        if self.named:
            return self.named[1]
        return _majority_label([m for _, m in self.mentions])


def canonical_entities(story_id: str, articles: list[Article]) -> list[Entity]:
    """Group the story's mentions into entities; sets `Mention.entity` on every mention."""
    groups: dict[str, _Group] = {}
    keys: dict[int, str] = {}
    for art in articles:
        for m in art.mentions:
            m.entity = None
            key = keys[id(m)] = _group_key(m, art.text)
            if not key:
                continue
            named = _named_after(m, key, art.text)
            if named:  # a lone name in "गांधी अस्पताल": the hospital, never the story's Gandhi
                key = keys[id(m)] = fold_key(named[0])
            g = groups.setdefault(key, _Group(key))
            g.mentions.append((art.id, m))
            g.named = g.named or named
    after_initials = {keys[id(m)] for art in articles for m in art.mentions
                      if keys.get(id(m)) and _after_initial(art.text, m.start)}
    groups = _merge_scripts(groups)  # Vladimir Putin = व्लादिमीर पुतिन
    groups = _merge_acronyms(groups, articles, keys)  # शंघाई सहयोग संगठन (एससीओ)
    groups = _merge_qualified_orgs(groups)  # केंद्रीय स्वास्थ्य मंत्रालय = स्वास्थ्य मंत्रालय
    full = _fold_middle_names({k: g for k, g in groups.items() if len(g.tokens) > 1})  # multi-word names
    merged = dict(full)
    # the multi-word people as written, before any short form joins them (their labels were
    # recounted for every short name: a tenth of the per-story time at 10k articles)
    people = [k for k, g in full.items() if g.label == "PER" and not _joined_names(k)]
    # each person's names as written in any script (Zubair Qureshi joined जुबैर कुरैशी above),
    # so that a lone "Qureshi" finds its person too
    forms = {k: {tuple(keys[id(m)].split()) for _, m in full[k].mentions} | {tuple(k.split())} for k in people}
    for k, g in groups.items():
        if len(g.tokens) > 1:  # multi-word names are in `full`, or were folded into one there
            continue
        target = _long_form(k, full, people, surname_only=k in after_initials, forms=forms)
        if target is None:
            merged[k] = g
        else:
            merged[target].mentions.extend(g.mentions)
    entities = []
    for group_key, g in merged.items():
        own = [m for _, m in g.mentions if keys[id(m)] == g.key]  # full forms, no short ones
        name = _display_name([m for m in own if m.key == g.key] or own)  # uninflected first
        label = _story_label(own)
        if label == "PER" and _joined_names(group_key):
            label = "MISC"  # "Hemgiri and Tilakanchal": two names the tagging took as one person
        if g.named:
            name, label = g.named
        # from the group's key, not the display name: unique within the story, and the same in
        # every story that writes the entity under any of its names (केंद्र सरकार / भारत सरकार)
        ent_id = "e-" + hashlib.sha1((label + group_key).encode("utf-8")).hexdigest()[:10]
        art_ids = []
        for art_id, m in g.mentions:
            m.entity = ent_id
            if art_id not in art_ids:
                art_ids.append(art_id)
        variants = Counter(m.text for _, m in g.mentions)
        entities.append(Entity(id=ent_id, name=name, label=label,
                               variants=dict(sorted(variants.items(),
                                                    key=lambda kv: (-kv[1], kv[0]))),
                               articles=art_ids, romanized=romanize(name)))
    entities.sort(key=lambda e: (-sum(e.variants.values()), e.name))
    return entities


def _merge_acronyms(groups: dict[str, _Group], articles: list[Article],
                    keys: dict[int, str]) -> dict[str, _Group]:
    """A name followed by a short form in brackets — "शंघाई सहयोग संगठन (एससीओ)", "X (AIIMS)" —
    is one entity with the short form wherever the story writes it: the same key, or for a
    Latin short form the Devanagari name with its consonant skeleton (AIIMS ~ एम्स)."""
    out = dict(groups)
    owner = {}  # group key -> the key of the group it was merged into

    def find(k: str) -> str:
        while k in owner:
            k = owner[k]
        return k

    for art in articles:
        for m in art.mentions:
            key = keys.get(id(m))
            if not key or m.label not in ("ORG", "LOC") or len(key.split()) < 2:
                continue
            tail = art.text[m.end:m.end + 16]
            close = tail.find(")")
            if not tail.lstrip().startswith("(") or close < 0:
                continue
            short = tail[tail.index("(") + 1:close].strip()
            if not short or len(short.split()) > 1:
                continue
            targets = {fold_key(short)}
            if not _has_devanagari(short) and len(skeleton(short)) >= 2:
                sk = skeleton(short)
                targets |= {k for k, g in out.items()
                            if len(g.tokens) == 1 and any(skeleton(x.text) == sk for _, x in g.mentions)}
            for t in targets:
                a, b = find(key), find(t)
                if t in groups and a != b and a in out and b in out:
                    out[a].mentions.extend(out.pop(b).mentions)
                    owner[b] = a
    return out


def _merge_qualified_orgs(groups: dict[str, _Group]) -> dict[str, _Group]:
    """An organisation written with one extra word in front of a name the story also uses
    (केंद्रीय स्वास्थ्य मंत्रालय, स्वास्थ्य मंत्रालय) is that organisation — unless the word is a
    place, which names another one (बिहार स्वास्थ्य मंत्रालय)."""
    out = dict(groups)
    places = place_keys("hi") | place_keys("en")
    for key in sorted(groups, key=lambda k: -len(k.split())):
        toks = key.split()
        rest = " ".join(toks[1:])
        if (len(toks) >= 3 and key in out and rest in out and out[key].label == "ORG"
                and out[rest].label == "ORG" and toks[0] not in places):
            out[rest].mentions.extend(out.pop(key).mentions)
    return out


def _fold_middle_names(full: dict[str, _Group]) -> dict[str, _Group]:
    """Merge a person's name written without a middle name into the one longer form it
    abbreviates ("Christopher Simpson" into "Christopher Kenyon Simpson": same first and
    last word, the rest a subsequence), or without the surname ("प्रभात कुमार" into
    "प्रभात कुमार सिंह": its first words). Left apart when two longer forms would fit."""
    out = dict(full)
    # each group's label counted once, and again only when a merge gives it mentions (counted
    # afresh for every pair, it was a quarter of the entity stage on the 3,000-article speed store)
    label = {k: g.label for k, g in full.items()}
    words = {k: k.split() for k in full}
    for key in sorted(full, key=lambda k: len(words[k])):
        if label[key] != "PER":
            continue
        toks = words[key]
        longer = [k for k in out if k != key and label[k] == "PER" and len(words[k]) > len(toks)
                  and words[k][0] == toks[0] and (words[k][-1] == toks[-1] and _subsequence(toks, words[k])
                                                  or words[k][:len(toks)] == toks)]
        if len(longer) == 1:
            out[longer[0]].mentions.extend(full[key].mentions)
            label[longer[0]] = out[longer[0]].label
            del out[key]
    return out


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(t in it for t in short)


def _group_key(m: Mention, text: str = "") -> str:
    """The mention's folded key without trailing inflections and, for a person, without the
    titles and posts written before the name (पीएम मोदी, रक्षा मंत्री राजनाथ सिंह, Chief
    Minister X): everything up to the last title word, as long as a name word is left.
    A short form of a post right after an honorific is the person's initials (डॉ. सीएम
    सिंह), and stays."""
    parts = (m.key or fold_key(m.text)).split()
    while len(parts) > 1 and parts[-1] in _INFLECTIONS:
        parts.pop()
    quantifiers = _quantifier_keys()
    while len(parts) > 1 and parts[0] in quantifiers:
        parts.pop(0)  # "पूरी दिल्ली" is दिल्ली
    if m.label == "PER" and len(parts) > 1:
        titles = _title_keys()
        last = max((i for i, p in enumerate(parts[:-1]) if p in titles), default=-1)
        abbreviated = _abbreviated_posts()
        if last >= 0 and parts[last] in abbreviated:
            if last > 0:
                prev = parts[last - 1]
            else:
                prev = fold_key(_word_before(text, m.start))
            if prev in titles and prev not in abbreviated:  # an honorific, then initials
                last -= 1
        parts = parts[last + 1:]
    key = " ".join(parts)
    return _aliases().get(key, key) if m.label != "PER" else key


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Folded alias -> folded name of the institution it stands for (lang/hi/entity_aliases.txt)."""
    pairs = (line.split("\t") for line in word_list("hi", "entity_aliases"))
    return {fold_key(alias): fold_key(name) for alias, name in pairs}


@lru_cache(maxsize=1)
def _quantifier_keys() -> frozenset[str]:
    return frozenset(fold_key(w) for w in word_list("hi", "name_quantifiers"))


@lru_cache(maxsize=1)
def _abbreviated_posts() -> frozenset[str]:
    """Folded short forms of posts that are also a person's initials (सीएम, पीएम)."""
    return frozenset(fold_key(w) for w in word_list("hi", "post_abbreviations"))


@lru_cache(maxsize=1)
def _title_keys() -> frozenset[str]:
    """Folded title and post words, Hindi and English."""
    words = word_list("hi", "titles") | word_list("hi", "name_prefixes") | word_list("en", "ner_titles")
    return frozenset(k for k in (fold_key(w) for w in words) if k)


_MIN_SKELETON = 4  # consonant skeletons shorter than this meet by chance (राम ~ Rome)
# a conjunction inside a person's name: two names joined by the tagging (English tagging
# joins "Hemgiri and Tilakanchal"; cutting them there cost ECB+ clustering, see
# docs/speed_history.md). Such a name is no person: never a lone name's long form, and
# labelled MISC. Organisations keep it (Department of Health and Human Services).
_CONJUNCTIONS = ("and", "और", "तथा", "एवं")


@lru_cache(maxsize=1)
def _conjunction_keys() -> frozenset[str]:
    return frozenset(fold_key(w) for w in _CONJUNCTIONS)


def _joined_names(key: str) -> bool:
    """Whether a folded name key holds a conjunction as one of its words."""
    return any(w in _conjunction_keys() for w in key.split())


def _merge_scripts(groups: dict[str, _Group]) -> dict[str, _Group]:
    """Merge a Latin-script name into the one Devanagari name whose consonant skeleton is
    the same (Vladimir Putin ~ व्लादिमीर पुतिन, Sukhpreet Dhillon ~ सुखप्रीत ढिल्लों), of
    the same label, or of any label when the Latin name's is MISC (English tagging gives
    MISC to a lone capitalised word it cannot place: Doabgarh ~ दोआबगढ़, a LOC); left
    apart when the skeleton is short or fits two names.

    A group's skeletons are those of its key's words and of each mention written with as
    many words: folding drops what romanization keeps (the nasal of ढिल्लों, Dhillon)."""
    by_skeleton: dict[tuple[str, str], set[str]] = defaultdict(set)  # (script, skeleton) -> group keys
    skeletons: dict[str, set[str]] = {}
    for k, g in groups.items():
        forms = [g.tokens] + [ws for ws in (m.text.split() for _, m in g.mentions) if len(ws) == len(g.tokens)]
        sks = {" ".join(skeleton(t) for t in ws) for ws in forms}
        skeletons[k] = {sk for sk in sks if len(sk.replace(" ", "")) >= _MIN_SKELETON}
        for sk in skeletons[k]:
            by_skeleton[("deva" if _has_devanagari(k) else "latn", sk)].add(k)
    out = dict(groups)
    for k, sks in skeletons.items():
        if _has_devanagari(k) or not sks or any(len(by_skeleton[("latn", sk)]) > 1 for sk in sks):
            continue
        label = groups[k].label
        fits = {d for sk in sks for d in by_skeleton.get(("deva", sk), ())
                if label == "MISC" or groups[d].label == label}
        if len(fits) == 1:
            out[fits.pop()].mentions.extend(out.pop(k).mentions)
    return out


def _after_initial(text: str, start: int) -> bool:
    """True when the word before `start` is an initial (एस जयशंकर, S. Jaishankar): then the
    name that follows is a surname, never a first name."""
    word = _word_before(text, start).rstrip(".")
    return word in word_list("hi", "initials") or (len(word) == 1 and word.isupper())


def _word_before(text: str, start: int) -> str:
    """The whitespace-separated word that ends right before `start` ("" if none close by)."""
    before = text[max(0, start - 12):start].split()
    return before[-1] if before else ""


def _named_after(m: Mention, key: str, text: str) -> tuple[str, str] | None:
    """(name, label) of the place or institution a one-word person's name belongs to when a
    noun such as अस्पताल or स्टेडियम follows it ("गांधी अस्पताल"), else None."""
    if m.label != "PER" or " " in key:
        return None
    after = text[m.end:m.end + 24].split()
    noun = after[0].strip(",.;:।") if after and text[m.end:m.end + 1].isspace() else ""
    label = _named_after_nouns().get(noun)
    return (f"{m.text} {noun}", label) if label else None


@lru_cache(maxsize=1)
def _named_after_nouns() -> dict[str, str]:
    """Noun -> label of the whole name, from lang/hi/ner_named_after.txt."""
    return dict(line.split("\t") for line in word_list("hi", "ner_named_after"))


def _has_devanagari(s: str) -> bool:
    return any("\u0900" <= c <= "\u097f" for c in s)


def _long_form(key: str, full: dict[str, _Group], people: list[str], surname_only: bool = False,
               forms: dict[str, set[tuple[str, ...]]] | None = None) -> str | None:
    """The one multi-word person (among `people`, keys of `full`) a single-word name stands
    for, or None if not exactly one. `surname_only`: the name was written after an initial,
    so it cannot be a first name. `forms`: each person's names (word tuples) in every
    script it was written in; its key alone by default."""
    if key in place_keys("hi") or key in place_keys("en"):
        return None
    forms = forms or {}

    def written(k: str) -> Iterable[tuple[str, ...]]:
        return forms.get(k) or (tuple(k.split()),)

    by_last = [k for k in people if any(f[-1] == key for f in written(k))]
    if len(by_last) == 1:
        return by_last[0]
    if by_last:
        # a surname shared by two people in the story stays apart. Tried (2026-12-02): each such
        # mention joins whichever of them its article named last before it; on the entity gold
        # (benchmarks/entity_merge_eval.py) that merged nothing right and 15 pairs wrong (seed
        # 004 names a misnamed "जयशंकर सिंह" just before its lone सिंह), so not kept
        return None
    # a first name, if it starts exactly one name and ends none
    if surname_only:
        return None
    by_first = [k for k in people if any(f[0] == key for f in written(k))]
    ends_any = any(k.split()[-1] == key for k in full)
    return by_first[0] if len(by_first) == 1 and not ends_any else None


def _story_label(mentions: list[Mention]) -> str:
    """The entity's label: its mentions' majority label, and for an English name that
    capitalisation alone labelled (a person when two or more words, else MISC) the label its
    words give: a known place ("Texas") or a name with a place word ("Gulf of Aden", "Port
    Velar", "Hormozgan Province") is a place; a name ending in a law, prize or event word
    ("Endangered Species Act", "Academy Awards") or starting with a vessel prefix ("MV
    Lantern Bay") is MISC.

    Made here, for the story, and not for each mention: the clustering's people damper reads
    the mentions' labels and was tuned with capitalisation labels, which count such names as
    protagonists; labelling the mentions so cost ECB+ B³ F1 0.921 -> 0.910 (2026-12-06)."""
    label = _majority_label(mentions)
    if label not in ("PER", "MISC"):
        return label
    name = _display_name(mentions)
    if not name.isascii():
        return label
    key = fold_key(name)
    if key in place_keys("en") or key in _story_places():
        return "LOC"
    parts = name.split()
    if len(parts) < 2:
        return label
    if parts[0] in role_entries("en", "ner_misc_cues", "first") or parts[-1] in role_entries("en", "ner_misc_cues", "last"):
        return "MISC"
    if parts[0] in role_entries("en", "ner_place_cues", "first") or parts[-1] in role_entries("en", "ner_place_cues", "last"):
        return "LOC"
    return label


@lru_cache(maxsize=1)
def _story_places() -> frozenset[str]:
    """Folded keys of lang/en/story_places.txt."""
    return frozenset(fold_key(n) for n in word_list("en", "story_places"))


def _majority_label(mentions: list[Mention]) -> str:
    """The most frequent label; ties go to PER, LOC, ORG, MISC in that order."""
    c = Counter(m.label for m in mentions)
    return min(c, key=lambda lab: (-c[lab], _LABEL_ORDER.get(lab, 9)))


def _display_name(mentions: list[Mention]) -> str:
    """Most frequent spelling among the full forms; ties go to the longer, then the first."""
    counts = Counter(m.text for m in mentions)
    return min(counts, key=lambda t: (-counts[t], -len(t), t))
