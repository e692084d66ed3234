"""Stage 9e (per article): who said what — direct quotes and reported speech, with speakers.

- Direct quotes: text between “…”, "…", ‘…’ or '…' on one line, at most ``_MAX_QUOTE``
  characters, of at least ``_MIN_WORDS`` words (shorter ones are scare quotes: 'बहुत बढ़िया').
  A single quote mark opens only after a non-letter and closes only before one, so an
  English apostrophe (don't, Putin's) never opens a quote. The speaker is taken from the
  nearest speech cue in the same sentence or the one before/after ("X ने कहा, “…”",
  "“…,” said X", "X said: “…”").
- Reported speech: "X ने कहा/बताया/... कि <content>", "X का कहना है कि <content>",
  "X के अनुसार, <content>", "X said (that) <content>", "X said on Twitter that <content>",
  "according to X, <content>": the content runs from the cue to the end of the sentence.
  English "<content>, X said." (or "…, X said, adding that …"): from the sentence start
  to the comma before the speaker, unless that is an opening phrase ("In a statement,").
- The speaker is the named mention that ends right before the cue, extended left over its
  post (रक्षा मंत्री, Defence Minister); without a mention, the last words before the cue up
  to a clause break (स्वास्थ्य मंत्रालय, the ministry), at most ``_SPEAKER_WORDS``. A pronoun
  speaker (उन्होंने, he) is resolved to the nearest person mention in that sentence or the
  two before it, and the quote then points at that mention; otherwise, in Hindi, to the
  speaker of the quote before it when that one is a person (a name or a post) at most six
  sentences after that quote ("मुख्यमंत्री ने कहा कि … । … उन्होंने कहा कि …"); otherwise the pronoun is kept.
  In Hindi a speaker that is a post without a name (मुख्यमंत्री ने कहा) is the person the
  article last named with that post (मुख्यमंत्री अरविंद केजरीवाल), with the post's field.

Cue phrases are data: ``lang/hi/speech_cues.txt`` and ``lang/en/speech_cues.txt``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from khabar.lang import role_entries, word_list
from khabar.model import Mention, Quote, Span
from khabar.passages import after_dateline
from khabar.positions import ByStart, index_at
from khabar.text import alternation

_MAX_QUOTE = 600
_MIN_WORDS = 4
_SPEAKER_WORDS = 5
_RESOLVE_SENTENCES = 2
# sentences back a pronoun speaker may take the person quoted before it (`_carry_speakers`),
# per language. Read on hindi-news-2020 (seed 11): 19 of 20 carried speakers right, the one
# wrong one already wrong in the quote before. English is left out: on ECB+ 10 of 15 were
# right, the rest carrying a place the tagger had read as a person ("said the official in
# Suka Makmur village" … "he said")
_CARRY_SENTENCES = {"hi": 6, "en": -1}
# languages in which a pronoun speaker goes on with the speaker of the sentence before
# rather than with a person named in what that speaker said (`_continued_speakers`)
_CONTINUED_LANGUAGES = frozenset({"hi"})
# languages in which a speaker that is a bare post takes the person last named with it
# (`_post_holders`). Read on hindi-news-2020 (seed 4): 20 of 20 of the 132 speakers it
# changed are the right person. English is left out: on ECB+ 5 of the 7 it changed are
# right ("the sorority's national president" became President Obama, "the governor" a
# province the tagger took for a person)
_POST_HOLDER_LANGUAGES = frozenset({"hi"})
_CUE_REACH = 160
_AFTER_QUOTE = 40  # a speech verb this close after a closing quote attributes that quote  # characters around a direct quote searched for its speech cue
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[.'’][\p{L}\p{M}]+)*")
_QUOTES = regex.compile(
    r"“(?P<a>[^”\n]{3,%d})”|\"(?P<b>[^\"\n]{3,%d})\"|(?<![\p{L}\p{M}])‘(?P<c>[^’\n]{3,%d})’(?![\p{L}\p{M}])"
    r"|(?<![\p{L}\p{M}])'(?!s\b)(?P<d>[^'\n]{3,%d})'(?![\p{L}\p{M}])" % ((_MAX_QUOTE,) * 4))
_SENTENCE_END = regex.compile(r"[।॥.?!](?=\s)")
_BREAK = regex.compile(r"[।॥.?!;:,\n\"“”‘’()\[\]|–—]")


@dataclass(frozen=True)
class _Cues:
    verb: regex.Pattern  # Hindi: ने ... <verb>; English: <verb>
    according: regex.Pattern
    saying: regex.Pattern
    pronouns: frozenset[str]
    roles: frozenset[str]
    by: frozenset[str] = frozenset()  # "X द्वारा जारी आंकड़ों के अनुसार": the speaker is X
    nosource: frozenset[str] = frozenset()  # "जानकारी के अनुसार": no one is named
    figures: frozenset[str] = frozenset()  # "मंत्रालय के आंकड़ों के अनुसार": the ministry's
    of: frozenset[str] = frozenset()  # the postpositions of "X के आंकड़ों"
    bodies: frozenset[str] = frozenset()  # words that end an institution's name (मंत्रालय, विभाग)


def _entries(lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in word_list(lang, "speech_cues"):
        role, _, phrase = line.partition(" ")
        out.setdefault(role, []).append(phrase)
    return out


@lru_cache(maxsize=2)
def _cues(lang: str) -> _Cues:
    e = _entries(lang)
    b_left, b_right = r"(?<![\p{L}\p{M}])", r"(?![\p{L}\p{M}])"
    if lang == "hi":
        # "<speaker> ने ... कहा", and pronoun subjects written as one word: "उन्होंने ... कहा"
        subject = r"(?:" + alternation(e.get("pronoun", [])) + r"|ने)"
        verb = regex.compile(b_left + subject + r"\s+(?:[^\s।॥.?!;:,]+\s+){0,4}?(?P<cue>"
                             + alternation(e.get("verb", [])) + ")" + b_right)
    else:
        verb = regex.compile(b_left + r"(?P<cue>" + alternation(e.get("verb", [])) + ")" + b_right, regex.IGNORECASE)
    according = regex.compile(b_left + r"(?P<cue>" + alternation(e.get("according", [])) + ")" + b_right,
                              regex.IGNORECASE)
    saying = regex.compile(b_left + r"(?P<cue>" + alternation(e.get("saying", [])) + ")" + b_right)
    roles = word_list("hi", "titles") | word_list("en", "ner_titles") | role_entries(lang, "facts_words", "role")
    return _Cues(verb, according, saying, frozenset(p.lower() for p in e.get("pronoun", [])),
                 frozenset(r.lower() for r in roles), frozenset(e.get("by", [])), frozenset(e.get("nosource", [])),
                 frozenset(e.get("figures", [])), frozenset(e.get("of", [])), frozenset(e.get("body", [])))


def find_quotes(text: str, language: str, sentences: list[Span], mentions: list[Mention],
                dateline: str | None = None) -> list[Quote]:
    """Direct quotes and reported speech in `text`, each with its speaker when named.
    Reported speech that opens a sentence starts after the article's `dateline` ("PORT
    VELAR, March 12 (Harbour Times) - "), which says where it was written, not what was said."""
    if language not in ("hi", "en"):
        return []
    spans = sentences or [Span(0, len(text))]
    cues = _cues(language)
    people = ByStart(m for m in mentions if m.label in ("PER", "ORG"))
    out: list[Quote] = []
    for m in _QUOTES.finditer(text):
        group = next(g for g in "abcd" if m.group(g) is not None)
        body_start, body_end = m.start(group), m.end(group)
        body = text[body_start:body_end]
        if len(_WORD.findall(body)) < _MIN_WORDS:
            continue
        q = Quote(text=body, start=body_start, end=body_end, kind="direct")
        cue = _nearest_cue(text, language, cues, m.start(), m.end())
        if cue is not None:
            q.cue = cue[2]
            _set_speaker(q, text, language, cues, cue[:2], people, spans)
        out.append(q)
    direct = ByStart(out)
    for si, s in enumerate(spans):
        for q in _reported(text, language, cues, s, people):
            if _after_dateline(q, text, dateline) and len(_WORD.findall(q.text)) < _MIN_WORDS:
                continue
            if direct.overlapping(q.start, q.end):
                continue  # the words are a direct quote already
            at = q.speaker_start or 0
            if language == "en" and any(not _SENTENCE_END.search(text, d.end + 1, at)
                                        for d in direct.ending(at - _AFTER_QUOTE, at)):
                continue  # "“…,” X said after the match": the verb attributes the quote before it
            cue_pos = (q.speaker_start, q.speaker_end)
            _set_speaker(q, text, language, cues, cue_pos, people, spans)
            out.append(q)
    out.sort(key=lambda q: q.start)
    persons = ByStart(m for m in mentions if m.label == "PER")
    if language in _POST_HOLDER_LANGUAGES:
        _post_holders(out, text, cues, persons)
    _carry_speakers(out, text, cues, spans, persons, _CARRY_SENTENCES[language])
    if language in _CONTINUED_LANGUAGES:
        _continued_speakers(out, text, cues, spans)
    # words someone is reported saying that hold a reported quote of no one ("X ने बताया कि …,
    # जबकि पिछले सात दिनों के आंकड़ों के अनुसार …"): the inner quote is X's words, not another quote
    said = ByStart(q for q in out if q.kind == "reported" and q.speaker)
    return [q for q in out if q.speaker or q.kind != "reported"
            or not any(o.start <= q.start and q.end <= o.end for o in said.overlapping(q.start, q.end))]


def _after_dateline(q: Quote, text: str, dateline: str | None) -> bool:
    """Cut the dateline `q` opens with, if it does (and say whether it did)."""
    cut = after_dateline(q.text, dateline)
    if cut:
        q.start += cut
        q.text = text[q.start:q.end]
    return bool(cut)


def _post_holders(quotes: list[Quote], text: str, cues: _Cues, persons: ByStart) -> None:
    """A speaker that is a post without a name ("मुख्यमंत्री ने कहा") is the person the article
    last named with that post before it ("मुख्यमंत्री अरविंद केजरीवाल"): the quote then
    points at that post and name."""
    for q in quotes:
        if q.speaker is None or q.speaker_start is None or q.speaker_end is None:
            continue
        post = _post_word(q.speaker, cues)
        if not post or persons.overlapping(q.speaker_start, q.speaker_end):
            continue
        for m in reversed(persons.starting(0, q.speaker_start)):
            before = list(_WORD.finditer(text, max(0, m.start - 60), m.start))[-2:]
            hit = next((w for w in reversed(before) if w.group().lower() == post), None)
            if hit is not None and not _BREAK.search(text, hit.end(), m.start):
                _point(q, text, m.start, m.end)
                _extend_role(q, text, cues)  # the post with its field: संयुक्त सचिव लव अग्रवाल
                break


def _carry_speakers(quotes: list[Quote], text: str, cues: _Cues, spans: list[Span], persons: ByStart,
                    reach: int) -> None:
    """A pronoun speaker that names no one nearby (`_resolve`) is the speaker of the quote
    before it in the article, at most `reach` sentences after that quote's last words or
    speaker (a long quote in between is its speaker's own words), when that speaker
    is a person (a person's name, or a post: मुख्यमंत्री, the minister): "X ने कहा कि … ।
    … उन्होंने कहा कि …", "X said … He added that …". A speaker that is neither (an
    organisation, a word taken wrongly) passes nothing on."""
    if reach < 0:
        return
    last: Quote | None = None
    for q in quotes:
        if q.speaker is None or q.speaker_start is None or q.speaker_end is None:
            continue
        if q.speaker.lower() not in cues.pronouns:
            last = q if _is_person(q, persons, cues) else None
        elif last is not None and last.speaker_start is not None and last.speaker_end is not None:
            back = index_at(spans, q.speaker_start) - index_at(spans, max(last.end, last.speaker_end) - 1)
            if 0 <= back <= reach:
                _point(q, text, last.speaker_start, last.speaker_end)


def _continued_speakers(quotes: list[Quote], text: str, cues: _Cues, spans: list[Span]) -> None:
    """A pronoun speaker resolved to a person named inside what the sentence before reports
    someone saying ("मंत्रालय ने कहा कि सिंह और शोइगू ने … चर्चा की. उन्होंने कहा कि …") is
    that someone: the pronoun goes on with the one speaking, not with one spoken of. Not
    when that person is the one subject of what was said ("मंत्रालय का कहना है कि बेलौसोव ने
    … पर बल दिया। उन्होंने कहा कि …": the pronoun goes on with Belousov), nor after
    "according to X" ("X के अनुसार, Y …"), whose sentence is about Y."""
    for k, q in enumerate(quotes):
        if q.speaker_start is None or q.speaker_end is None:
            continue
        here = index_at(spans, q.start)
        if index_at(spans, q.speaker_start) == here:
            continue  # named in its own sentence: not a pronoun's antecedent from before
        for p in reversed(quotes[:k]):
            if p.speaker_start is None or p.speaker_end is None or p.speaker is None:
                continue
            if not (p.start <= q.speaker_start and q.speaker_end <= p.end):
                continue
            if (p.speaker.lower() not in cues.pronouns and index_at(spans, p.end - 1) == here - 1
                    and not (p.cue and cues.according.fullmatch(p.cue))
                    and not _sole_subject(text, q.speaker_start, q.speaker_end)):
                _point(q, text, p.speaker_start, p.speaker_end)
            break


_SUBJECT_MARK = regex.compile(r"\s*ने(?![\p{L}\p{M}])")
# a conjunction right before a name, or before the post or title written before it
_JOINED_BEFORE = regex.compile(r"(?:^|\s)(?:और|व|तथा|एवं)\s+(?:[^\s।॥.?!;:,]+\s+){0,2}$")


def _sole_subject(text: str, start: int, end: int) -> bool:
    """The name at start:end is the one subject of its clause ("… कि बेलौसोव ने … पर बल
    दिया"): followed by ने and not joined to another name before it ("सिंह और शोइगू ने",
    "मंत्री X और मंत्री Y ने")."""
    return (_SUBJECT_MARK.match(text, end) is not None
            and _JOINED_BEFORE.search(text, max(0, start - 40), start) is None)


def _is_person(q: Quote, persons: ByStart, cues: _Cues) -> bool:
    """The quote's speaker holds a person's name or ends in a post."""
    start, end = q.speaker_start or 0, q.speaker_end or 0
    return bool(persons.overlapping(start, end) or _post_word(q.speaker or "", cues))


def _post_word(speaker: str, cues: _Cues) -> str:
    """The post a speaker ends in (मुख्यमंत्री, minister), lower-cased, or ""."""
    said = _WORD.findall(speaker)
    return said[-1].lower() if said and said[-1].lower() in cues.roles else ""


def _nearest_cue(text: str, language: str, cues: _Cues, q_start: int, q_end: int) -> tuple[int, int, str] | None:
    """(start, end, cue words) of the speech cue nearest a direct quote, in its paragraph."""
    lo = text.rfind("\n", 0, q_start) + 1
    hi = text.find("\n", q_end)
    hi = len(text) if hi < 0 else hi
    lo, hi = max(lo, q_start - _CUE_REACH), min(hi, q_end + _CUE_REACH)
    best = None
    for pat in (cues.verb, cues.saying, cues.according):
        for m in pat.finditer(text, lo, hi):
            if q_start <= m.start() < q_end:
                continue  # a cue inside the quote is the quoted person's own words
            dist = q_start - m.end() if m.end() <= q_start else m.start() - q_end
            if best is None or dist < best[0]:
                best = (dist, m.start(), m.end(), m.group("cue"))
    return best[1:] if best else None


def _reported(text: str, language: str, cues: _Cues, s: Span, people: ByStart) -> list[Quote]:
    """Reported speech in one sentence; speaker_start/end temporarily hold the cue span."""
    out = []
    ki = _KI_HI if language == "hi" else _KI_EN
    for pat in (cues.verb, cues.saying):
        for m in pat.finditer(text, s.start, s.end):
            if language == "en":
                before = _said_after(text, s, m) or _comma_said(text, s, m, cues, people)
                out.extend(before)
                if before and not _EN_ADDING.match(text, m.end(), s.end):
                    continue  # "<content>, X said, shaking buildings": what follows is not said
            after = ki.match(text, m.end(), s.end)
            if language == "hi" and not after:
                continue
            if language == "en" and m.group("cue").lower() == "told":
                after = _EN_TOLD_THAT.match(text, m.end(), s.end)
                if not after:
                    continue
            start = after.end() if after else m.end()
            out.extend(_content(text, start, s.end, m.start(), m.end(), m.group("cue")))
    for m in cues.according.finditer(text, s.start, s.end):
        # Hindi: "<speaker> के अनुसार, <content>"; English: "according to <speaker>, <content>"
        if language == "hi":
            out.extend(_content(text, m.end(), s.end, m.start(), m.end(), m.group("cue")))
        else:
            comma = text.find(",", m.end(), s.end)
            if comma > 0:
                q = _content(text, comma + 1, s.end, m.start(), m.end(), m.group("cue"))
                for x in q:
                    x.speaker_start, x.speaker_end = m.end(), comma  # speaker follows the cue
                    x.cue = "according to"
                out.extend(q)
    return out


_KI_HI = regex.compile(r"\s*,?\s*(?:कि|that)(?![\p{L}\p{M}])")
# English: "said that", "said on Twitter that", "said, adding that", or the bare verb
_EN_WHEN = (r"(?:\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today"
            r"|tonight|earlier|later|last\s+(?:week|month|year|night)|this\s+(?:week|month|morning|evening)))?")
_KI_EN = regex.compile(r"(?:(?:\s+(?:on|in|at|during|after|to|via|through)\s[^,.;:!?\"“”\n]{1,40}?)?\s+that"
                       r"|" + _EN_WHEN + r"\s*,\s*(?:adding|saying)\s+that|" + _EN_WHEN + r"\s*,?\s*(?:that)?)"
                       r"(?![\p{L}\p{M}])", regex.IGNORECASE)
# "told" names whom before what: "told reporters (on Monday) that …"; without "that" what
# follows is the listener ("told the Herald on Sunday"), not what was said
_EN_TOLD_THAT = regex.compile(r"\s+[^,.;:!?\"“”\n]{1,50}?\s+that(?![\p{L}\p{M}])", regex.IGNORECASE)
_EN_WHEN_RE = regex.compile(_EN_WHEN, regex.IGNORECASE)
_EN_ADDING = regex.compile(_EN_WHEN + r"\s*,\s*(?:adding|saying)\s+that(?![\p{L}\p{M}])", regex.IGNORECASE)
# "<content>, <speaker> said": the speaker is at most this many words between the comma and the verb
_SPEAKER_BEFORE_VERB_WORDS = 6
# "<content>, said <speaker>.": the speaker is at most this many words after the verb (a post
# and a name: "the Central Mat-Su fire chief, James Steele")
_SPEAKER_AFTER_VERB_WORDS = 10
_SPEAKER_AFTER_VERB_POST = 6  # of which at most this many before the name
# marks, in `Quote.speaker` until `_set_speaker` reads it, a quote whose speaker span holds
# the speaker's words themselves (not the cue's)
_SEGMENT = "\x00segment"
# what may follow the speaker's name in "<content>, said <speaker>.": nothing, an apposition,
# "of <organisation>", a preposition ("in a statement") or "who …"
_SPEAKER_AFTER_NAME = regex.compile(r"\s*(?:$|[,.;!?(]|(?:of|from|in|on|at|during|after|before|to|as|via|when|while|who)\s)")
_SEGMENT_EDGE_START = regex.compile(r"\s*(?:``|''|[\"“”‘’']|(?:which|that|who|whom|as|but|and)(?![\p{L}\p{M}]))?\s*",
                                     regex.IGNORECASE)
# words between an English speaker and the verb that are not the speaker's ("X has said",
# "officials also said", "Capaldi has been announced")
_EN_BEFORE_VERB = frozenset("has have had was were is are been be also later earlier then recently now".split())
# words no English speaker's few words hold: the words before the verb are a clause
_EN_NOT_A_SPEAKER = frozenset("""although though because if whether after before ago not what it they we on by
while since until""".split())
_EN_AUXILIARY = regex.compile(r"\s+(?:" + "|".join(sorted(_EN_BEFORE_VERB)) + r")\s*$", regex.IGNORECASE)
# introductory words: a sentence's first phrase before a comma that opens with one of them
# is not a statement ("In a statement, X said …", "After …, X said …")
_EN_INTRO = frozenset("""after before based of in on at during with without despite following since when while
although though if as because unlike like among amid for from by under over""".split())
_SEGMENT_BREAK = regex.compile(r"[;:,\n\"“”‘’()\[\]|–—!?]")  # full stops are abbreviations here (U.S.)


def _said_after(text: str, s: Span, m: regex.Match) -> list[Quote]:
    """English "<content>, <speaker> said." (also "…, <speaker> said, adding …"): the
    content runs from the sentence start to the comma before the speaker."""
    rest = text[m.end():s.end]
    rest = rest[_EN_WHEN_RE.match(rest).end():]  # "…, X said Wednesday, adding …"
    if len(_WORD.findall(rest)) >= _MIN_WORDS and not rest.lstrip().startswith(","):
        return []  # "X said the bridge would open": the content follows the verb
    comma = text.rfind(",", s.start, m.start())
    if comma < 0:
        return []
    between = text[comma + 1:m.start()]
    if _SEGMENT_BREAK.search(between) or not 1 <= len(_WORD.findall(between)) <= _SPEAKER_BEFORE_VERB_WORDS:
        return []
    content = _content(text, s.start, comma, comma + 1, m.start(), m.group("cue"))
    for q in content:
        first = _WORD.search(q.text)
        if first and first.group().lower() in _EN_INTRO and "," not in q.text:
            return []  # "After a quick survey of the scene, Owen said, …": a phrase, not what was said
        q.speaker = _SEGMENT
        # the speaker's words: without quote marks before them or an auxiliary before the verb
        seg_start, seg_end = comma + 1, m.start()
        while (w := _SEGMENT_EDGE_START.match(text, seg_start, seg_end)) and w.end() > seg_start:
            seg_start = w.end()
        aux = _EN_AUXILIARY.search(text, seg_start, seg_end)
        q.speaker_start, q.speaker_end = seg_start, aux.start() if aux else seg_end
    return content


def _comma_said(text: str, s: Span, m: regex.Match, cues: _Cues, people: ByStart) -> list[Quote]:
    """English "<content>, said <speaker>." ("…, said the fire chief, James Steele."): the
    content runs from the sentence start to the comma before the verb, and the speaker is a
    person or organisation named in the few words after it, with at most a post before the
    name and an apposition or "of …" after it. Anything else after the verb is what was said
    ("X, the governor, said Y should resign"), which the caller reads as usual."""
    head = text[s.start:m.start()].rstrip()
    if not head.endswith(",") or m.group("cue").lower() == "told":  # "…, told AFP": the listener
        return []
    tail = text[m.end():s.end]
    words = _WORD.findall(tail)
    if not 1 <= len(words) <= _SPEAKER_AFTER_VERB_WORDS or words[0].lower() == "that" \
            or regex.search(r"[;:\"“”]", tail):
        return []
    comma = s.start + len(head) - 1
    content = _content(text, s.start, comma, -1, -1, m.group("cue"))
    if not content:
        return []
    q = content[0]  # one quote at most: the words from the sentence start to the comma
    first = _WORD.search(q.text)
    if first and first.group().lower() in _EN_INTRO and "," not in q.text:
        return []
    lead = len(tail) - len(tail.lstrip())
    start, end = m.end() + lead, m.end() + lead + len(tail.strip().rstrip(".!?"))
    named = next((x for x in people.starting(start, end) if _speaks_after_verb(text, x, start, end, cues)), None)
    if named is None:
        return []
    q.speaker = _SEGMENT
    q.speaker_start, q.speaker_end = named.start, end
    return content


def _sentence_end(spans: list[Span], pos: int) -> int:
    """The end of the sentence holding `pos` (or `pos` itself, in none)."""
    k = index_at(spans, pos, -1)
    return spans[k].end if k >= 0 else pos


def _speaks_after_verb(text: str, name: Mention, verb_end: int, end: int, cues: _Cues) -> bool:
    """Whether a name after the verb ("said the fire chief, Tomas Weir") is the speaker: the
    words between the verb and it can be its post (at most _SPEAKER_AFTER_VERB_POST words, no
    pronoun among them), and nothing but an apposition, "of …", a preposition or "who" follows
    it before `end` (_SPEAKER_AFTER_NAME)."""
    found = [w.lower() for w in _WORD.findall(text, verb_end, name.start)]
    return (len(found) <= _SPEAKER_AFTER_VERB_POST and not any(w in cues.pronouns for w in found)
            and _SPEAKER_AFTER_NAME.match(text, name.end, end) is not None)


def _content(text: str, start: int, end: int, cue_start: int, cue_end: int, cue: str) -> list[Quote]:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip(" ,:–-"))
    body = raw[lead:].rstrip(" ।॥.?!\n")
    if len(_WORD.findall(body)) < _MIN_WORDS:
        return []
    q = Quote(text=body, start=start + lead, end=start + lead + len(body), kind="reported", cue=cue)
    q.speaker_start, q.speaker_end = cue_start, cue_end
    return [q]


def _set_speaker(q: Quote, text: str, language: str, cues: _Cues, cue: tuple[int, int],
                 people: ByStart, spans: list[Span]) -> None:
    """Fill the speaker of `q` from the cue at `cue` (which the reported pass stored in the speaker span)."""
    cue_start, cue_end = cue
    segment = q.speaker == _SEGMENT
    q.speaker = q.speaker_start = q.speaker_end = None
    if q.cue is None:
        q.cue = text[cue_start:cue_end]
    if q.cue == "according to" or segment:  # English: the speaker's words are the span given
        span = (cue_start, cue_end) if cue_start >= 0 else None
        if span and text[cue_start:cue_end].strip().lower() == "according to":
            span = _words_after(text, cue_end)  # a direct quote's cue: '"…," according to X.'
        named = people.starting(span[0], span[1]) if span else []
        if named:
            _point(q, text, named[0].start, named[0].end)
            if segment:
                _extend_role(q, text, cues)
        elif segment and len(only := list(_WORD.finditer(text, span[0], span[1]))) == 1 \
                and only[0].group().lower() in cues.pronouns:
            _resolve(q, text, only[0], people, spans)  # "…, he said."
        elif span:
            s, e = span
            seg = text[s:e].strip()
            if seg:
                _point(q, text, s + text[s:e].index(seg), s + text[s:e].index(seg) + len(seg))
        return
    if language == "en":
        # "said X" (speaker after the verb) or "X said"; a name right before the verb is the
        # speaker, whatever its words name after it ("X said rescue teams of the NDRF …")
        # (and a name after the verb speaks only when nothing but an apposition follows it:
        # in "X, the governor, said Mr Y should resign" Mr Y is what was said)
        named_before = any(not text[m.end:cue_start].strip() for m in people.ending(cue_start - 4, cue_start))
        after = [] if named_before else [
            m for m in people.starting(cue_end, cue_end + 80) if not _BREAK.search(text, cue_end, m.start)
            and _speaks_after_verb(text, m, cue_end, _sentence_end(spans, m.end), cues)]
        if after:
            _point(q, text, after[0].start, after[0].end)
            _extend_role(q, text, cues)
            return
    head = _WORD.match(text, cue_start)
    if head is not None and head.group().lower() in cues.pronouns:
        _resolve(q, text, head, people, spans)
        return
    if language == "en":
        # "X, who presided over the ceremony, said" / "X, the works minister, said": the
        # speaker stands before the clause set off by commas
        clause = _EN_ASIDE.search(text, max(0, cue_start - 160), cue_start)
        named = people.ending(clause.start() - 4, clause.start()) if clause else []
        if named:
            _point(q, text, named[-1].start, named[-1].end)
            _extend_role(q, text, cues)
            return
    before = people.ending(cue_start - 4, cue_start)
    if before:
        _point(q, text, before[-1].start, before[-1].end)
        _extend_role(q, text, cues)
        return
    words = list(_WORD.finditer(text, max(0, cue_start - 80), cue_start))
    picked: list[regex.Match] = []
    for w in reversed(words):
        gap_end = picked[0].start() if picked else cue_start
        if _BREAK.search(text, w.end(), gap_end) or len(picked) >= _SPEAKER_WORDS:
            break
        if w.group().lower() in ("कि", "that", "और", "and", "जबकि", "while", "but", "लेकिन", "जो") or w.group() in (
                "who", "which"):  # a relative clause ("one man who said"), not WHO
            break
        picked.insert(0, w)
    if len(picked) == 1 and picked[0].group().lower() in cues.pronouns:
        _resolve(q, text, picked[0], people, spans)
        return
    while picked and picked[0].group().lower() in _stop() and not _acronym(picked[0].group()):
        picked.pop(0)  # "वहीं श्री ढिल्लों", "के कप्तान ...": connectives and postpositions are not the speaker
    by = [k for k, w in enumerate(picked) if w.group() in cues.by]
    if by and by[-1] > 0:
        picked = picked[:by[-1]]  # "स्वास्थ्य मंत्रालय द्वारा जारी आंकड़ों": the ministry issued them
    if picked and picked[-1].group() in cues.figures:
        # "स्वास्थ्य मंत्रालय के आंकड़ों के अनुसार": whose figures they are; "पिछले सात दिनों के
        # आंकड़ों के अनुसार": no one's
        owner = [k for k, w in enumerate(picked[:-1]) if w.group() in cues.of]
        owned = picked[:owner[0]] if owner else []
        picked = owned if owned and (owned[-1].group() in cues.bodies or _named_in(owned, people)) else []
    if not picked or (len(picked) == 1 and picked[0].group() in cues.nosource):
        return  # "जानकारी के अनुसार": the words name no one
    while language == "en" and picked and picked[-1].group().lower() in _EN_BEFORE_VERB:
        picked.pop()  # "Capaldi has been announced", "officials also said": the speaker ends before them
    if language == "en" and len(picked) > 2 and picked[-2].group().lower() == "on" \
            and picked[-1].group() in _en_days():
        picked = picked[:-2]  # "Ethnos newspaper on Sunday", "NFL spokesman on Wednesday"
    if not picked or (language == "en" and any(w.group().lower() in _EN_NOT_A_SPEAKER for w in picked)):
        return  # "although it has not", "arrested on Tuesday after investigators": a clause, no speaker
    if len(picked) == 1 and picked[0].group().lower() in cues.pronouns:
        _resolve(q, text, picked[0], people, spans)
        return
    _point(q, text, picked[0].start(), picked[-1].end())


def _words_after(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the words right after `pos`, up to a clause break and at most
    _SPEAKER_WORDS + 2 of them (a post and a name: "Troy police Lt. Gerry Scherlinck")."""
    picked = []
    for w in _WORD.finditer(text, pos, min(len(text), pos + 120)):
        if _BREAK.search(text, picked[-1].end() if picked else pos, w.start()) or len(picked) >= _SPEAKER_WORDS + 2:
            break
        picked.append(w)
    return (picked[0].start(), picked[-1].end()) if picked else None


# an aside between an English speaker and the verb: ", who ... ," or ", the/a ... ,"
_EN_ASIDE = regex.compile(r",\s+(?:who|whose|the|a|an)\b[^,;.?!\n\"“”]{1,120},\s*$")


def _point(q: Quote, text: str, start: int, end: int) -> None:
    q.speaker_start, q.speaker_end, q.speaker = start, end, text[start:end]


def _extend_role(q: Quote, text: str, cues: _Cues) -> None:
    """Take in the post written before a named speaker: "रक्षा मंत्री राजनाथ सिंह", "Defence Minister X".

    Post words come from the title and role lists; up to two words right before a post word
    are its field (आपदा प्रबंधन मंत्री, Public Works Minister) and are taken too.
    """
    start = q.speaker_start or 0
    words = list(_WORD.finditer(text, max(0, start - 80), start))
    new_start, since_role = start, None
    for w in reversed(words):
        if _BREAK.search(text, w.end(), new_start):
            break
        low = w.group().lower()
        if low in cues.roles:
            new_start, since_role = w.start(), 0
        elif since_role is not None and since_role < 2 and low not in _stop():
            new_start, since_role = w.start(), since_role + 1
        else:
            break
    if new_start != start:
        _point(q, text, new_start, q.speaker_end or start)


@lru_cache(maxsize=1)
def _en_days() -> frozenset[str]:
    """English weekday names (lang/en/date_weekdays.txt) and the day words a speaker's few
    words may end with ("… on Sunday said")."""
    return frozenset(e.split()[-1] for e in word_list("en", "date_weekdays")) | {"today", "yesterday"}


def _named_in(words: list[regex.Match], people: ByStart) -> bool:
    """Whether a person or organisation the tagging found lies within `words`."""
    return bool(people.starting(words[0].start(), words[-1].end()))


def _acronym(word: str) -> bool:
    """An all-capitals Latin word (WHO, AP): a name, even when its lower case is a stopword."""
    return len(word) > 1 and word.isupper()


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("hi", "stopwords") | word_list("en", "stopwords"))


def _resolve(q: Quote, text: str, pronoun: regex.Match, people: ByStart, spans: list[Span]) -> None:
    """A pronoun speaker: the nearest person named before it, in its sentence or the two before."""
    idx = index_at(spans, pronoun.start())
    floor = spans[max(0, idx - _RESOLVE_SENTENCES)].start
    before = [m for m in people.starting(floor, pronoun.start())
              if m.label == "PER" and m.end <= pronoun.start()]
    if before:
        _point(q, text, before[-1].start, before[-1].end)
    else:
        _point(q, text, pronoun.start(), pronoun.end())
