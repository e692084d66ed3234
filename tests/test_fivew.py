"""Who, what, when, where, why, how with citations (issue 5)."""
from __future__ import annotations

from khabar.model import RawDoc
from khabar.pipeline import analyze_docs, build_stories

A = ("Songarh water board approves canal\nSONGARH, Aug 18 - Water minister Ravan Kelkar approved a new canal "
     "for Songarh district on Monday, because the old one had silted up. The canal will be built through a "
     "public-private partnership with Tamsa Infra. Kelkar said work would start in October. "
     "Farmers in Songarh welcomed the decision.")
B = ("New canal for Songarh\nSONGARH - Water minister Ravan Kelkar on Monday approved a new canal for Songarh "
     "district. The old canal had silted up over ten years, officials said. Kelkar said the work would start in "
     "October and end by next June.")


def _story():
    docs = [RawDoc(id=i, raw=t, kind="json", origin=i, content_hash=i, published="2025-08-18", source=s)
            for i, t, s in (("a", A, "Daily One"), ("b", B, "Daily Two"))]
    arts = analyze_docs(docs).articles
    stories = build_stories(arts)
    assert len(stories) == 1
    return stories[0], {a.id: a for a in arts}


def test_every_answer_cites_real_spans() -> None:
    story, by_id = _story()
    assert {"who", "what", "when", "where"} <= set(story.five_w)
    for key, answer in story.five_w.items():
        assert answer.text
        assert answer.citations, key
        for c in answer.citations:
            assert by_id[c.article].text[c.start:c.end] == c.text


def test_answers_carry_the_event() -> None:
    story, _ = _story()
    assert "Kelkar" in story.five_w["who"].text
    assert story.five_w["when"].text == "2025-08-18"
    assert story.five_w["where"].text == "Songarh" or "Songarh" in story.five_w["where"].text
    assert "because" in story.five_w["why"].text
    assert "through" in story.five_w["how"].text


def test_two_names_taken_as_one_answer_no_who() -> None:
    text = ("Trade pact signed\nMADHUKARGARH - Hemgiri and Tilakanchal on Thursday signed a trade agreement. "
            "Commerce minister Sharad Vashisht said the tax would fall to 3%. Vashisht said work would start soon.")
    docs = [RawDoc(id="a", raw=text, kind="json", origin="a", content_hash="a", published="2026-01-22")]
    arts = analyze_docs(docs).articles
    assert any(" and " in m.text and m.label == "PER" for m in arts[0].mentions)  # the tagging joined two names
    (story,) = build_stories(arts)
    assert "Vashisht" in story.five_w["who"].text and " and " not in story.five_w["who"].text


def test_a_score_in_reply_is_no_reason() -> None:
    from khabar.stages.fivew import _cue_pattern, _has_cue

    why = _cue_pattern("why")
    assert not _has_cue(why, "सुल्तान्स के 167 रन के जवाब में स्ट्राइकर्स ने लक्ष्य हासिल किया")  # in reply to 167 runs
    assert _has_cue(why, "विपक्ष के आरोपों के जवाब में मंत्री ने सफाई दी")  # in reply to the charges
    assert _has_cue(why, "दो घंटे की देरी के कारण उड़ान रद्द हुई") and _has_cue(why, "called off because of rain")


def test_the_cue_check_finds_what_one_lookbehind_pattern_finds() -> None:
    # `_has_cue` finds the phrases first and then looks for a figure before each start; one
    # pattern with the figure lookbehind in front (as before) must say the same on every text
    import random

    import regex

    from khabar.stages.fivew import _cue_pattern, _has_cue

    figure = r"(?<!\d[\d,.]*\s+(?:[\p{L}\p{M}]+\s+)?)"
    rng = random.Random(11)
    pieces = ["के चलते", "के कारण", "क्योंकि", "की वजह से", "because", "due to", "2", "167", "1,200", "रन",
              "लोग", "मामले", " ", "  ", ",", "।", "\n", "के", "चलते", "x", "कारणों", "Because",
              "के जरिए", "के माध्यम से", "via", "Through", "जरिए"]
    texts = ["".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 12)))
             for _ in range(3000)]
    texts += ["167 रन के जवाब में टीम ने जीत दर्ज की", "2 के चलते", "बारिश के चलते मैच रद्द हुआ", "due to rain, 3 due to"]
    for key in ("why", "how"):
        pattern = _cue_pattern(key)
        one = regex.compile(figure + pattern.pattern, regex.IGNORECASE)
        found = [bool(one.search(t)) for t in texts]
        assert [_has_cue(pattern, t) for t in texts] == found
        assert any(found) and not all(found)  # the texts hold both kinds
