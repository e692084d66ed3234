"""Facts lined up across outlets: agreed, single, conflict, inconsistent (issue 5)."""
from __future__ import annotations

import sys
from pathlib import Path

from khabar.model import RawDoc
from khabar.pipeline import analyze_docs, build_stories
from khabar.stages.agreement import compare_facts

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def _story(items: list[tuple[str, str, str, str]]):
    docs = [RawDoc(id=i, raw=t, kind="json", origin=i, content_hash=i, published=p, source=s) for i, s, p, t in items]
    arts = analyze_docs(docs).articles
    stories = build_stories(arts)
    assert len(stories) == 1, [s.articles for s in stories]
    return stories[0], arts


BRIDGES = [
    "सोनगढ़ पुल का लोकार्पण\nसोनगढ़। मुख्यमंत्री ने आज नदी पर बने नए पुल का लोकार्पण किया। "
    "{n} किलोमीटर लंबा यह पुल सोनगढ़ और रामपुर कस्बों को जोड़ता है। लोगों ने खुशी जताई।",
    "रामपुर तक अब सीधा रास्ता\nसोनगढ़। नदी पर बने पुल का मुख्यमंत्री ने आज लोकार्पण कर दिया। "
    "यह {n} किलोमीटर लंबा पुल सोनगढ़ को रामपुर से जोड़ेगा। नाव से सफर अब बंद होगा।",
    "सोनगढ़-रामपुर पुल खुला\nसोनगढ़। सोनगढ़ और रामपुर के बीच नदी पर बना नया पुल आज खुल गया। मुख्यमंत्री ने लोकार्पण किया। "
    "{n} किलोमीटर लंबे इस पुल से सोनगढ़ और रामपुर जुड़ गए।",
]


class _Bridge:
    def format(self, n: str, k: int = 0) -> str:
        return BRIDGES[k].format(n=n)


BRIDGE = _Bridge()


def test_different_lengths_of_one_bridge_conflict_with_citations() -> None:
    story, arts = _story([("a", "One", "2026-03-12", BRIDGE.format(n="1.8")),
                          ("b", "Two", "2026-03-12", BRIDGE.format(n="1.8", k=1)),
                          ("c", "Three", "2026-03-12", BRIDGE.format(n="2.4", k=2))])
    by_id = {a.id: a for a in arts}
    conflicts = [f for f in story.conflicts if f.fact == "measure"]
    assert len(conflicts) == 1
    values = {v.value: set(v.sources) for v in conflicts[0].values}
    assert values == {"1.8": {"One", "Two"}, "2.4": {"Three"}}
    for v in conflicts[0].values:
        for c in v.citations:
            assert by_id[c.article].text[c.start:c.end] == c.text


def test_same_figure_everywhere_is_agreed_and_counts_outlets_not_copies() -> None:
    story, arts = _story([("a", "One", "2026-03-12", BRIDGE.format(n="1.8")),
                          ("b", "Two", "2026-03-12", BRIDGE.format(n="1.8", k=1)),
                          ("c", "One", "2026-03-12", BRIDGE.format(n="1.8", k=2))])
    assert not story.conflicts
    agreed = [f for f in story.agreement if f.fact == "measure" and f.kind == "agreed"]
    assert agreed and agreed[0].outlets == 2 and agreed[0].of == 2


def test_approximate_and_far_apart_figures_are_not_conflicts() -> None:
    approx = BRIDGES[1].replace("{n} किलोमीटर", "करीब {n} किलोमीटर")
    story, _ = _story([("a", "One", "2026-03-12", BRIDGE.format(n="1.8")),
                       ("b", "Two", "2026-03-12", approx.format(n="2.4"))])
    assert not story.conflicts
    story, _ = _story([("a", "One", "2026-03-12", BRIDGE.format(n="1.8")),
                       ("b", "Two", "2026-03-12", BRIDGE.format(n="18", k=1))])
    assert not story.conflicts


def test_compare_facts_without_facts_finds_nothing() -> None:
    arts = analyze_docs([RawDoc(id="a", raw="खबर\nकुछ नहीं हुआ।", kind="json", origin="a", content_hash="a")]).articles
    assert compare_facts(arts) == []


def test_annotated_cases_of_sample_and_seeds(corpus) -> None:
    import agreement_eval

    gold = agreement_eval.load_gold()
    for name in ("sample", "seeds"):
        rows = [r for r in gold if r["corpus"] == name and r["verdict"] == "true"]
        found = agreement_eval.findings(name)
        hits = [r for r in rows if any(agreement_eval.matches(r, s, f) for s, f in found)]
        # every reported finding is an annotated one: no false conflicts on these corpora
        assert all(any(agreement_eval.matches(r, s, f) for r in rows) for s, f in found), name
        assert len(hits) >= len(rows) - 1, (name, [r for r in rows if r not in hits])


def test_two_participants_agreed_on_are_listed_once() -> None:
    # "X और Y ने" makes each the other's partner; the agreement is one statement
    one = ("रक्षा मंत्रियों की बैठक\nनई दिल्ली। रक्षा मंत्री हरिवंश त्रिपाठी और रक्षा मंत्री ओलेग वरानोव ने सोमवार "
           "को बैठक की। दोनों ने रक्षा उत्पादन में सहयोग पर बात की। बैठक में कई अधिकारी मौजूद रहे।")
    two = ("रक्षा सहयोग पर सहमति\nनई दिल्ली। सोमवार को हुई वार्ता में रक्षा उत्पादन बढ़ाने पर सहमति बनी। रक्षा मंत्री "
           "हरिवंश त्रिपाठी और रक्षा मंत्री ओलेग वरानोव ने साझा बयान जारी किया। अगली बैठक अगले साल होगी।")
    story, _ = _story([("a", "One", "2026-03-12", one), ("b", "Two", "2026-03-12", two)])
    pairs = [frozenset((f.slot, f.values[0].value)) for f in story.agreement
             if f.fact == "participant" and f.kind == "agreed"]
    assert pairs and len(pairs) == len(set(pairs))


def test_two_holders_of_a_post_many_hold_are_no_conflict() -> None:
    from khabar.stages.agreement import _one_holder
    from khabar.fold import fold_key

    for post in ("संयुक्त सचिव", "सचिव", "मंत्री", "Joint Secretary", "deputy commissioner", "spokesperson"):
        assert not _one_holder(fold_key(post)), post
    for post in ("रक्षा मंत्री", "मुख्यमंत्री", "प्रधानमंत्री", "defence minister", "chief minister", "स्वास्थ्य सचिव"):
        assert _one_holder(fold_key(post)), post


# invented reports of one flyover's fall: one in Hindi and one in English of the same day
# (seven dead against six; eleven injured in both), and an English one of the next day
FLYOVER = [
    ("h", "प्रभात", "2026-02-18", "रतनपुर में फ्लाईओवर गिरा\nरतनपुर, 18 फरवरी। रतनपुर जिले में मंगलवार रात निर्माणाधीन "
     "फ्लाईओवर का एक हिस्सा गिर जाने से सात लोगों की मौत हो गई और 11 लोग घायल हो गए। मुख्यमंत्री केशव धारीवाल ने "
     "मजिस्ट्रेटी जांच के आदेश दिए। जिलाधिकारी अंजलि राठौड़ ने बताया कि राहत कार्य जारी है।"),
    ("e", "Ledger", "2026-02-18", "Flyover collapses in Ratanpur\nSix people were killed and 11 injured when a "
     "portion of an under-construction flyover collapsed in Ratanpur district on Tuesday night, police said. "
     "Chief Minister Keshav Dhariwal ordered a magisterial inquiry into the flyover collapse in Ratanpur."),
    ("c", "Courier", "2026-02-19", "Ratanpur flyover collapse: inquiry ordered\nChief Minister Keshav Dhariwal "
     "visited the Ratanpur flyover site on Wednesday and met the injured at the district hospital. Collector "
     "Anjali Rathore said relief work at the Ratanpur flyover went on."),
]


def test_one_post_named_in_hindi_and_in_english_is_agreed_across_the_languages() -> None:
    story, _ = _story(FLYOVER)
    posts = {f.label: {s for v in f.values for s in v.sources} for f in story.agreement if f.fact == "role"}
    cm = next(k for k in posts if "Keshav Dhariwal" in k or "केशव धारीवाल" in k)
    assert posts[cm] == {"प्रभात", "Ledger", "Courier"}  # मुख्यमंत्री = Chief Minister
    dm = next(k for k in posts if "अंजलि राठौड़" in k or "Anjali Rathore" in k)
    assert posts[dm] == {"प्रभात", "Courier"}  # जिलाधिकारी = Collector
    assert not any("hospital" in k for k in posts)  # a post never reaches back over a sentence's end


def test_a_toll_told_in_hindi_and_in_english_is_compared_across_the_languages() -> None:
    story, _ = _story(FLYOVER)
    conflicts = {f.slot: {v.value for v in f.values} for f in story.conflicts}
    assert conflicts.get("tally:deaths") == {"6", "7"}  # the same day's tolls
    agreed = {f.slot: f.values[0].sources for f in story.agreement if f.kind == "agreed"}
    assert set(agreed.get("tally:injured", ())) == {"Ledger", "प्रभात"}
