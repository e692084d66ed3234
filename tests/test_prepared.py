"""What preparing each raw input gave is kept, so that a run adding articles to a store
neither reads nor prepares the stored inputs again (issue 3: incremental runs)."""
from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest

from khabar import pipeline, service
from khabar.ingest import read_inputs
from khabar.model import RawDoc
from khabar.prepared import decode, encode
from khabar.stages.clean import line_digests, recurring_hits, recurring_hits_of_digests
from khabar.store import Store

SAMPLE = Path(pipeline.__file__).parent / "sample" / "articles"
OUTLET = "सोनगढ़ टाइम्स"  # invented, like the events below
# footers of an invented outlet, typed the ways web copy varies them (case, bullets, trailing
# marks, spaces): they fold to two matching keys
FOOTERS = ("सोनगढ़ टाइम्स की और ख़बरें पढ़ें", "• सोनगढ़ टाइम्स की  और ख़बरें पढ़ें :", "Follow Songarh Times",
           "FOLLOW SONGARH TIMES.")
EVENTS = [
    ("सोनगढ़ में नई बस सेवा", "सोनगढ़। परिवहन निगम ने सोमवार से सोनगढ़ और रामपुर के बीच नई बस सेवा शुरू की। "
     "पहले दिन 300 यात्रियों ने सफर किया।"),
    ("रामपुर में पुस्तक मेला", "रामपुर। जिला पुस्तकालय ने मंगलवार को पांच दिन का पुस्तक मेला खोला। "
     "मेले में 40 प्रकाशक आए हैं।"),
    ("सोनगढ़ नगर परिषद का बजट", "सोनगढ़। नगर परिषद ने बुधवार को 12 करोड़ रुपये का बजट पास किया। "
     "सड़कों के लिए सबसे अधिक राशि रखी गई।"),
    ("नीलपुर में जल मेला", "नीलपुर। झील किनारे गुरुवार को जल मेला लगा। नौका दौड़ में 18 टीमें उतरीं।"),
    ("सोनगढ़ में रक्तदान शिविर", "सोनगढ़। रेडक्रॉस ने शुक्रवार को रक्तदान शिविर लगाया। 95 लोगों ने रक्तदान किया।"),
]


def _doc(k: int, footer: str | None = None) -> RawDoc:
    title, body = EVENTS[k]
    text = f"{title}\n\n{body}" + (f"\n\n{footer}" if footer else "")
    return RawDoc(id=f"st-{k}", raw=text, kind="txt", origin=f"st-{k}.txt",
                  content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                  source=OUTLET, published=f"2026-03-{10 + k}")


class _Memory:
    """A PrepKeeper's store, in memory, that counts what is asked of it."""

    def __init__(self, docs: list[RawDoc]) -> None:
        self.rows: dict[str, bytes] = {}
        self.raw = {d.content_hash: d.raw for d in docs}
        self.raw_asked: list[str] = []

    def keeper(self) -> pipeline.PrepKeeper:
        def raw(hashes):
            self.raw_asked.extend(hashes)
            return {h: self.raw[h] for h in hashes}
        return pipeline.PrepKeeper(lambda hashes: {h: self.rows[h] for h in hashes if h in self.rows},
                                   self.rows.update, raw)


def _without_raw(docs: list[RawDoc]) -> list[RawDoc]:
    return [dataclasses.replace(d, raw=None) for d in docs]


def _same_analysis(a: pipeline.Analysis, b: pipeline.Analysis) -> None:
    assert list(a.articles.headers()) == list(b.articles.headers())
    assert [a.articles.packed(h.id)[0] for h in a.articles.headers()] == \
        [b.articles.packed(h.id)[0] for h in b.articles.headers()]
    assert a.reused == b.reused and a.rejections == b.rejections


def test_line_digests_find_the_hits_the_text_does() -> None:
    docs = [_doc(k, FOOTERS[k % 2] + "\n" + FOOTERS[2 + k % 2]) for k in range(len(EVENTS))]
    docs += [d for d in read_inputs([SAMPLE]) if isinstance(d, RawDoc)]
    prepared = [pipeline._prepare(d) for d in docs]
    texts = [(p.text, pipeline._outlet_key(p.doc)) for p in prepared]
    lines = pipeline._recurring_by_outlet(prepared)
    assert len(lines[OUTLET]) == 2  # the two footers, each typed two ways
    hits = 0
    for text, outlet in texts:
        expected = recurring_hits(text, lines.get(outlet, frozenset()))
        assert recurring_hits_of_digests(line_digests(text), lines.get(outlet, frozenset())) == expected
        hits += bool(expected)
    assert hits >= len(EVENTS)  # every invented text, and the sample's with furniture
    assert recurring_hits_of_digests(b"", lines[OUTLET]) == []


def test_prepared_bytes_come_back_equal_and_others_decode_to_none() -> None:
    prepared = pipeline._prepare(_doc(0, FOOTERS[0]))
    assert prepared.furniture and prepared.lines
    assert decode(encode(prepared.furniture, prepared.lines)) == (prepared.furniture, prepared.lines)
    assert decode(encode((), b"")) == ((), b"")
    assert decode(b"") is None and decode(b"not a preparation") is None
    assert decode(encode(prepared.furniture, prepared.lines)[:-3]) is None  # a digest cut short


@pytest.mark.parametrize("packed", [True, False])
def test_held_inputs_are_not_read_or_prepared_again(packed: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [_doc(k, FOOTERS[k % 2]) for k in range(4)] + [d for d in read_inputs([SAMPLE]) if isinstance(d, RawDoc)]
    memory = _Memory(docs)
    first = memory.keeper()
    before = pipeline.analyze_docs(docs, workers=1, packed=True, prep=first)
    assert first.made == len(docs) and first.read == 0 and set(memory.rows) == {d.content_hash for d in docs}
    plain = pipeline.analyze_docs(docs, workers=1, cached=before.articles, packed=True)
    prepared: list[str] = []
    real = pipeline._prepare
    monkeypatch.setattr(pipeline, "_prepare", lambda d: prepared.append(d.id) or real(d))
    again = memory.keeper()
    held = pipeline.analyze_docs(_without_raw(docs), workers=1, cached=before.articles, packed=True, prep=again)
    assert prepared == [] and memory.raw_asked == []  # nothing read, nothing prepared
    assert (again.read, again.made) == (len(docs), 0)
    _same_analysis(held, plain)
    assert held.reused == {a.id for a in before.articles}
    if not packed:
        unpacked = pipeline.analyze_docs(_without_raw(docs), workers=1, cached=before.articles, prep=memory.keeper())
        assert [a.id for a in unpacked.articles] == [a.id for a in before.articles]


def test_an_input_whose_furniture_changed_is_read_prepared_and_analysed_again() -> None:
    """A footer in two texts of an outlet is text; a third text with it makes it the outlet's
    furniture, and the two stored analyses no longer stand: those inputs are read, prepared
    and analysed again, as a run without kept preparations does."""
    footer = FOOTERS[0]
    old = [_doc(0, footer), _doc(1, footer), _doc(2)]
    new = old + [_doc(3, footer), _doc(4)]
    memory = _Memory(new)
    before = pipeline.analyze_docs(old, workers=1, packed=True, prep=memory.keeper())
    assert all(footer in a.text for a in before.articles if a.id in ("st-0", "st-1"))
    keeper = memory.keeper()
    held = pipeline.analyze_docs(_without_raw(old) + new[3:], workers=1, cached=before.articles, packed=True,
                                 prep=keeper)
    plain = pipeline.analyze_docs(new, workers=1, cached=before.articles, packed=True)
    _same_analysis(held, plain)
    assert held.reused == {"st-2"}
    assert sorted(memory.raw_asked) == sorted(d.content_hash for d in old[:2])
    assert keeper.read == 3 and keeper.made == 2  # the two new inputs
    assert all(footer not in a.text for a in held.articles if a.id in ("st-0", "st-1", "st-3"))


def _count(caplog, what: str) -> int:
    line = next(r.getMessage() for r in caplog.records if "per-article phase" in r.getMessage())
    return int(line.split("inputs: ")[1].split(f" {what}")[0].split(", ")[-1])


def test_a_run_holds_the_kept_preparations_and_ends_as_one_that_prepares_all(
        tmp_path: Path, store_url: str, second_store_url: str, caplog) -> None:
    caplog.set_level("INFO", logger="khabar")
    extra = tmp_path / "extra"
    extra.mkdir()
    for k in range(3):
        (extra / f"st{k}.txt").write_text(f"{EVENTS[k][0]}\n\n{EVENTS[k][1]}\n\n{FOOTERS[2]}", encoding="utf-8")
    kept, fresh = Store(store_url), Store(second_store_url)
    for store in (kept, fresh):
        service.run([SAMPLE], store)
    assert kept.prepared_hashes(pipeline.PREPARED_VERSION) == kept.known_hashes()
    with fresh.engine.begin() as conn:  # this store has to prepare every input again
        from khabar.store import prepared_table
        conn.execute(prepared_table.delete())
    caplog.clear()
    service.run([SAMPLE, extra], kept)
    assert _count(caplog, "held") == fresh.counts()["raw"] and _count(caplog, "prepared") == 3
    caplog.clear()
    service.run([SAMPLE, extra], fresh)
    assert _count(caplog, "held") == 0
    for store in (kept, fresh):
        assert store.prepared_hashes(pipeline.PREPARED_VERSION) == store.known_hashes()
    assert sorted((a.id, a.text, a.story) for a in kept.articles()) == \
        sorted((a.id, a.text, a.story) for a in fresh.articles())
    assert sorted((s.id, s.articles, s.headline) for s in kept.stories()) == \
        sorted((s.id, s.articles, s.headline) for s in fresh.stories())
    kept.close()
    fresh.close()


def test_prepared_rows_are_read_by_their_version_and_raw_content_on_request(store_url: str) -> None:
    store = Store(store_url)
    docs = [_doc(k) for k in range(3)]
    store.add_raw(docs)
    store.put_prepared([(docs[0].content_hash, b"a"), (docs[1].content_hash, b"b")], "v1")
    store.put_prepared([(docs[1].content_hash, b"c")], "v2")  # in place of the row kept before
    wanted = [d.content_hash for d in docs] + ["unknown"]
    assert store.prepared_for(wanted, "v1") == {docs[0].content_hash: b"a"}
    assert store.prepared_for(wanted, "v2") == {docs[1].content_hash: b"c"}
    assert store.prepared_hashes("v1") == {docs[0].content_hash}
    without = {docs[0].content_hash, docs[2].content_hash}
    read = list(store.iter_raw_docs(without_raw=without))
    assert [d.id for d in read] == [d.id for d in docs]
    assert [d.raw for d in read] == [None, docs[1].raw, None]
    assert [(d.title, d.published, d.source, d.origin) for d in read] == \
        [(d.title, d.published, d.source, d.origin) for d in docs]
    assert store.raw_contents([docs[2].content_hash, "unknown"]) == {docs[2].content_hash: docs[2].raw}
    assert [d.raw for d in store.iter_raw_docs()] == [d.raw for d in docs]
    store.close()
