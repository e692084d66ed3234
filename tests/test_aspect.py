"""Report or preview: the tense of an article's title and lead (issue 5, time)."""
from __future__ import annotations

from khabar.model import Span
from khabar.stages.aspect import article_aspect
from khabar.stages.sentences import split_sentences


def _aspect(text: str, language: str, title: bool = True) -> str | None:
    sentences = split_sentences(text, language)
    first = text.split("\n", 1)[0]
    return article_aspect(text, language, sentences, Span(0, len(first)) if title else None)


def test_hindi_future_lead_is_a_preview() -> None:
    text = ("सोनगढ़ में कल होगी जल आयोग की बैठक\n"
            "जल आयोग के सदस्य शुक्रवार को सोनगढ़ पहुंचेंगे। वे बांध के काम की समीक्षा करेंगे। "
            "बैठक में नई नहर पर फैसला होगा।")
    assert _aspect(text, "hi") == "preview"


def test_hindi_past_lead_is_a_report() -> None:
    text = ("सोनगढ़ में जल आयोग की बैठक हुई\n"
            "जल आयोग के सदस्यों ने शुक्रवार को सोनगढ़ में बांध के काम की समीक्षा की। "
            "बैठक में नई नहर पर फैसला लिया गया। अध्यक्ष ने कहा कि काम समय पर पूरा होगा।")
    # the last sentence's subordinate future does not outweigh a past title and two past sentences
    assert _aspect(text, "hi") == "report"


def test_english_preview_and_report() -> None:
    preview = ("Water board to meet in Songarh\nThe water board will meet in Songarh on Friday. "
               "Members are expected to review the dam.")
    report = ("Water board met in Songarh\nThe water board met in Songarh on Friday. "
              "Members reviewed the dam and approved a new canal.")
    assert _aspect(preview, "en") == "preview"
    assert _aspect(report, "en") == "report"


def test_both_tenses_evenly_is_mixed_and_no_cue_is_none() -> None:
    mixed = "The board met on Friday.\nThe council will vote on Monday."
    assert _aspect(mixed, "en", title=False) == "mixed"
    assert _aspect("Songarh water board\nThe water board of Songarh.", "en") is None
    assert article_aspect("कुछ भी", "other", [], None) is None
