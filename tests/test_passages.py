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


def test_headings_are_not_terminated_sentences() -> None:
    assert is_terminated("राज्य सरकार ने राहत पैकेज मंजूर किया।")
    assert is_terminated('He said, "We will rebuild."')
    assert not is_terminated("केरल में कोरोना के 19 मामले")
    assert not is_terminated("Why the minister relaxed the rules")
