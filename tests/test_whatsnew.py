"""What each later article adds to its story (issue 5, summary)."""
from __future__ import annotations

from khabar.model import Article, RawDoc
from khabar.pipeline import analyze_docs
from khabar.stages.whatsnew import whats_new

FIRST = ("Flood relief approved for Songarh\nThe state government approved a relief package of 180 crore "
         "rupees for the flooded Songarh district on Monday. Relief camps have opened in 112 villages "
         "across the district, officials said.")
SECOND = ("Army called in as Songarh floods worsen\nThe state government approved a relief package of 180 crore "
          "rupees for the flooded Songarh district on Monday. Two army columns were called in on Tuesday after the "
          "river breached its embankment near the old bridge.")
THIRD = ("Songarh floods: army columns at work\nTwo army columns were called in on Tuesday after the river "
         "breached its embankment near the old bridge. The weather office has warned of heavy rain for two "
         "more days in the hill districts.")


def _arts(order: list[tuple[str, str, str]]) -> list[Article]:
    docs = [RawDoc(id=i, raw=t, kind="json", origin=i, content_hash=i, published=p) for i, t, p in order]
    return analyze_docs(docs).articles


def test_later_articles_list_only_what_earlier_ones_did_not_say() -> None:
    arts = _arts([("c", THIRD, "2025-08-20"), ("a", FIRST, "2025-08-18"), ("b", SECOND, "2025-08-19")])
    updates = whats_new(arts)
    assert [u.article for u in updates] == ["b", "c"]  # writing order, the first article adds nothing
    by_id = {a.id: a for a in arts}
    for u in updates:
        for c in u.sentences:
            assert by_id[c.article].text[c.start:c.end] == c.text
    b_new = " ".join(c.text for c in updates[0].sentences)
    assert "army columns" in b_new and "180 crore" not in b_new
    c_new = " ".join(c.text for c in updates[1].sentences)
    assert "heavy rain" in c_new and "army columns" not in c_new


def test_a_duplicate_adds_nothing_and_one_article_has_no_updates() -> None:
    arts = _arts([("a", FIRST, "2025-08-18"), ("b", SECOND, "2025-08-19")])
    arts[1].duplicate_of = "a"
    assert whats_new(arts) == []
    assert whats_new(arts[:1]) == []


def test_a_sentence_an_article_says_twice_is_listed_once() -> None:
    # scraped pages often print a paragraph twice; the repeat is no second piece of news
    repeat = "Two army columns were called in on Tuesday after the river breached its embankment near the old bridge."
    second = SECOND.split("\n")[0] + "\n" + repeat + " " + repeat + " Boats reached 40 villages cut off by the water."
    arts = _arts([("a", FIRST, "2025-08-18"), ("b", second, "2025-08-19")])
    (update,) = whats_new(arts)
    said = [c.text for c in update.sentences]
    assert said.count(repeat) == 1
    assert any("Boats reached" in t for t in said)


def test_a_report_in_a_language_no_earlier_report_used_is_not_listed() -> None:
    # invented Hindi report of FIRST's and SECOND's flood: its words can meet no English sentence
    hindi = ("सोनगढ़ में बाढ़ राहत को मंजूरी\nराज्य सरकार ने सोमवार को बाढ़ से प्रभावित सोनगढ़ जिले के लिए 180 करोड़ "
             "रुपये के राहत पैकेज को मंजूरी दी। जिले के 112 गांवों में राहत शिविर खोले गए हैं।")
    hindi_later = ("सोनगढ़ में सेना बुलाई गई\nराज्य सरकार ने सोमवार को बाढ़ से प्रभावित सोनगढ़ जिले के लिए 180 करोड़ "
                   "रुपये के राहत पैकेज को मंजूरी दी। मंगलवार को नदी का तटबंध टूटने के बाद सेना की दो टुकड़ियां बुलाई गईं।")
    arts = _arts([("a", FIRST, "2025-08-18"), ("h", hindi, "2025-08-19"), ("b", SECOND, "2025-08-20"),
                  ("h2", hindi_later, "2025-08-21")])
    updates = {u.article: [c.text for c in u.sentences] for u in whats_new(arts)}
    assert "h" not in updates  # the story's first Hindi report: nothing to compare it with
    assert any("army columns" in t for t in updates["b"])  # English against English, the Hindi between ignored
    assert any("सेना" in t for t in updates["h2"]) and not any("180 करोड़" in t for t in updates["h2"])
