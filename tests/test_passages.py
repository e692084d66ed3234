"""Body sentences shared by summary, what's new and 5W1H."""
from __future__ import annotations

from khabar.model import RawDoc
from khabar.passages import body_sentences, is_terminated
from khabar.pipeline import analyze_docs


def test_bullets_are_trimmed_and_spans_stay_exact() -> None:
    raw = ("बाढ़ राहत पैकेज मंजूर\n- राज्य सरकार ने सोमवार को सोनगढ़ जिले के लिए राहत पैकेज मंजूर किया।\n"
           "• जिले के 112 गांवों में राहत शिविर खोले गए हैं और लोग वहां पहुंच रहे हैं।")
    arts = analyze_docs([RawDoc(id="a", raw=raw, kind="json", origin="a", content_hash="a")]).articles
    got = body_sentences(arts, 6, 70, 5)
    assert got, "no sentence found"
    for art_id, _idx, (start, end), text in got:
        assert arts[0].text[start:end] == text
        assert not text.startswith(("-", "•"))


def test_a_dateline_before_the_first_sentence_is_not_part_of_it() -> None:
    for raw, place in (("बाढ़ राहत पैकेज मंजूर\nबकुलाघाट, 18 अगस्त (सुरभि)। राज्य सरकार ने सोमवार को जिले के लिए "
                        "राहत पैकेज मंजूर किया और शिविर खोले।", "बकुलाघाट"),
                       ("Relief package approved\nBAKULAGHAT: The state government on Monday approved a relief "
                        "package for the district and opened camps.", "BAKULAGHAT")):
        arts = analyze_docs([RawDoc(id="a", raw=raw, kind="json", origin="a", content_hash="a")]).articles
        assert arts[0].dateline == place
        (first, *_rest) = body_sentences(arts, 6, 70, 5)
        _art, _idx, (start, end), text = first
        assert arts[0].text[start:end] == text and not text.startswith(place)
        assert text.startswith(("राज्य सरकार", "The state government"))


def test_headings_are_not_terminated_sentences() -> None:
    assert is_terminated("राज्य सरकार ने राहत पैकेज मंजूर किया।")
    assert is_terminated('He said, "We will rebuild."')
    assert not is_terminated("केरल में कोरोना के 19 मामले")
    assert not is_terminated("Why the minister relaxed the rules")


def test_a_story_past_the_passage_bound_keeps_every_articles_first_sentences(monkeypatch) -> None:
    import khabar.passages as ps

    sentence = "यह वाक्य समाचार की {n}वीं बात को पूरे विस्तार से कहता है।"
    docs = [RawDoc(id=f"a{k}", raw="शीर्षक {k}\n" + " ".join(sentence.format(n=n) for n in range(size)),
                   kind="json", origin=f"a{k}", content_hash=f"a{k}") for k, size in enumerate((3, 9, 14))]
    arts = analyze_docs(docs, workers=1).articles
    everything = body_sentences(arts, 6, 70, 5)
    assert len(everything) == 3 + 9 + 14
    monkeypatch.setattr(ps, "MAX_PASSAGES", 15)
    kept = body_sentences(arts, 6, 70, 5)
    # every article's first six: 3 + 6 + 6 = 15 (seven each would be 3 + 7 + 7 = 17)
    per = {a.id: [p[1] for p in kept if p[0] == a.id] for a in arts}
    assert len(kept) <= 15 and kept == [p for p in everything if p in kept]
    assert per == {"a0": [0, 1, 2], "a1": list(range(6)), "a2": list(range(6))}
    monkeypatch.setattr(ps, "MAX_PASSAGES", 2)  # fewer than the articles: the first ones
    assert body_sentences(arts, 6, 70, 5) == everything[:2]
