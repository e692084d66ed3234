"""Story summary and headline (issue 2, stage 10)."""
from __future__ import annotations

from khabar.model import Article, RawDoc
from khabar.pipeline import analyze_docs
from khabar.stages.headline import choose_headline
from khabar.stages.summary import summarize

A = ("जिले में बाढ़ राहत के लिए 180 करोड़ रुपये मंजूर\nसोनगढ़। राज्य सरकार ने सोमवार को बाढ़ प्रभावित सोनगढ़ जिले के "
     "लिए 180 करोड़ रुपये का राहत पैकेज मंजूर किया। मुख्यमंत्री ने कहा कि 112 गांवों में राहत शिविर खोले गए हैं और "
     "हर परिवार को दस किलो अनाज दिया जाएगा। उन्होंने अधिकारियों से कहा कि काम में देरी बर्दाश्त नहीं होगी। "
     "नदी का जलस्तर अब भी खतरे के निशान से ऊपर है।")
B = ("सोनगढ़ के बाढ़ पीड़ितों को 180 करोड़ का पैकेज\nसोनगढ़। बाढ़ प्रभावित सोनगढ़ जिले के लिए राज्य सरकार ने सोमवार को "
     "180 करोड़ रुपये का राहत पैकेज मंजूर किया। जिले के 112 गांवों में राहत शिविर चल रहे हैं। मौसम विभाग ने अगले "
     "दो दिन भारी बारिश की चेतावनी दी है और लोगों से नदी किनारे न जाने को कहा है।")
C = ("बाढ़: सोनगढ़ में सेना बुलाई गई\nसोनगढ़। जिले में बाढ़ से हालात बिगड़ने पर सेना की दो टुकड़ियां बुलाई गई हैं। "
     "राज्य सरकार ने सोमवार को जिले के लिए 180 करोड़ रुपये का राहत पैकेज मंजूर किया। विज्ञापन")


def _arts() -> list[Article]:
    docs = [RawDoc(id=i, raw=t, kind="json", origin=i, content_hash=i, published="2025-08-18")
            for i, t in (("a", A), ("b", B), ("c", C))]
    return analyze_docs(docs).articles


def test_sentences_are_real_spans_and_cite_every_supporting_article() -> None:
    arts = _arts()
    by_id = {a.id: a for a in arts}
    summary = summarize(arts, 3)
    assert 1 <= len(summary) <= 3
    for s in summary:
        assert by_id[s.article].text[s.start:s.end] == s.text
        assert s.article in s.sources
    # the package sentence is said by all three outlets in other words: one sentence cites all three
    package = [s for s in summary if "180 करोड़" in s.text]
    assert package and set(package[0].sources) == {"a", "b", "c"}


def test_no_two_summary_sentences_say_the_same_thing() -> None:
    summary = summarize(_arts(), 5)
    assert sum(1 for s in summary if "180 करोड़ रुपये का राहत पैकेज" in s.text) == 1


def test_no_titles_boilerplate_or_leading_back_references() -> None:
    arts = _arts()
    summary = summarize(arts, 5)
    titles = {a.title for a in arts}
    for s in summary:
        assert s.text not in titles
        assert "विज्ञापन" not in s.text
    assert not summary[0].text.startswith("उन्होंने")


def test_size_is_respected() -> None:
    assert len(summarize(_arts(), 2)) == 2
    assert summarize(_arts(), 0) == []
    assert summarize([], 5) == []


def test_headline_is_the_most_representative_title() -> None:
    arts = _arts()
    head = choose_headline(arts)
    assert head in {a.title for a in arts}
    # the army article's title shares least with the others' leads
    assert head != next(a.title for a in arts if a.id == "c")


def test_bylines_and_timestamps_are_not_summary_sentences() -> None:
    text = ("नगर निगम ने कर की तिथि बढ़ाई\nसंवाददाता । 10 मार्च 2026, 05:40 PM 2026 IST\n"
            "स्वर्णपुरी। नगर निगम ने संपत्ति कर जमा करने की अंतिम तिथि 31 मार्च से बढ़ाकर 30 अप्रैल कर दी है। "
            "समय पर कर जमा करने वालों को पांच प्रतिशत की छूट मिलती रहेगी।")
    arts = analyze_docs([RawDoc(id="t", raw=text, kind="json", origin="t", content_hash="t", published="2026-03-10")]).articles
    summary = summarize(arts, 5)
    assert summary and not any("05:40" in s.text for s in summary)


def test_a_story_without_titles_is_not_headed_by_a_timestamp() -> None:
    docs = [RawDoc(id="x", raw="04:38 AM, 29-MAR-2020\nसोनगढ़ में बाढ़ राहत के लिए सेना की दो टुकड़ियां बुलाई गईं। राहत शिविर खुले।",
                   kind="json", origin="x", content_hash="x", published="2025-08-18")]
    arts = analyze_docs(docs).articles
    arts[0].title, arts[0].title_span = None, None
    headline = choose_headline(arts)
    assert "AM" not in headline and "सेना" in headline


def test_a_story_in_two_languages_is_headed_and_summed_up_in_the_language_most_reports_use() -> None:
    from khabar.model import TOGETHER, Correction
    from khabar.pipeline import build_stories

    english = ("Songarh flood victims get Rs 180 crore package\nSongarh: The state government on Monday "
               "approved a relief package of Rs 180 crore for flood-hit Songarh district, where relief camps "
               "are running in 112 villages. The chief minister said each family would get ten kilos of grain.")
    english2 = ("Army called in as Songarh floods worsen\nSongarh: Two army columns were called in on Monday as "
                "the flood in Songarh district worsened. The state government approved Rs 180 crore for relief, "
                "and the weather office warned of heavy rain for two more days.")

    def story_of(items):
        docs = [RawDoc(id=i, raw=t, kind="json", origin=i, content_hash=i, published="2025-08-18") for i, t in items]
        arts = analyze_docs(docs).articles
        # one story whatever clustering makes of the two languages (a reader's join)
        together = [Correction(n, TOGETHER, "a", i) for n, (i, _t) in enumerate(items[1:], 1)]
        (story,) = build_stories(arts, corrections=together)
        return story, {a.id: a for a in arts}

    story, by_id = story_of([("a", A), ("b", B), ("en", english)])
    assert sorted(story.articles) == ["a", "b", "en"]
    assert story.summary and {by_id[s.article].language for s in story.summary} == {"hi"}
    assert story.headline in (by_id["a"].title, by_id["b"].title)
    # English reports the more: the story reads in English
    story, by_id = story_of([("a", A), ("en", english), ("en2", english2)])
    assert story.summary and {by_id[s.article].language for s in story.summary} == {"en"}
    assert story.headline in (by_id["en"].title, by_id["en2"].title)
