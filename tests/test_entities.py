"""Tests for khabar.stages.entities: offsets, titles and postpositions, English capitals."""
from __future__ import annotations

import regex
import pytest

from khabar.fold import fold_key
from khabar.model import Span
from khabar.ner.resources import word_list
from khabar.stages.entities import find_mentions


def _spans(text: str) -> list[Span]:
    """Sentence spans: lines split after a danda, ?, ! or a full stop before a space."""
    out = []
    for line in regex.finditer(r"[^\n]+", text):
        for m in regex.finditer(r".+?(?:[।?!]|\.(?=\s)|$)", line.group()):
            if m.group().strip():
                out.append(Span(line.start() + m.start(), line.start() + m.end()))
    return out


def _find(text: str, language: str = "hi"):
    return find_mentions(text, language, _spans(text))


@pytest.fixture(scope="module")
def seed_mentions(seeds_dir):
    out = {}
    for path in sorted(seeds_dir.glob("00*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name] = (text, _find(text))
    return out


def test_offsets_round_trip_and_keys(seed_mentions):
    total = 0
    for text, mentions in seed_mentions.values():
        for m in mentions:
            assert text[m.start:m.end] == m.text
            assert m.key == fold_key(m.text)
            assert m.label in {"PER", "LOC", "ORG", "MISC"}
            assert m.entity is None
        total += len(mentions)
    assert total > 50


def test_no_title_inside_person_and_no_postposition_at_edges(seed_mentions):
    titles = word_list("hi", "titles.txt")
    posts = word_list("hi", "ner_postpositions.txt")
    for _, mentions in seed_mentions.values():
        for m in mentions:
            words = m.text.split()
            assert words[0] not in posts and words[-1] not in posts, m
            if m.label == "PER":
                assert not set(words) & titles, m


def test_title_then_name_is_a_person_without_the_title():
    text = "रक्षा मंत्री राजनाथ सिंह ने कहा।"
    pers = [m for m in _find(text) if m.label == "PER"]
    assert [m.text for m in pers] == ["राजनाथ सिंह"]


def test_unseen_name_after_title_and_repeated_alone():
    # an invented name: only the title cue and article consistency can find it
    text = ("ज़ाम्बोरिया के राष्ट्रपति क्वारोलेन्टा मिबोस्की ने बुधवार को बैठक की।\n"
            "बाद में मिबोस्की ने पत्रकारों से बात की।")
    found = {(m.text, m.label) for m in _find(text)}
    assert ("क्वारोलेन्टा मिबोस्की", "PER") in found
    assert ("मिबोस्की", "PER") in found
    assert not any("बुधवार" in t for t, _ in found)


def test_article_consistency_tags_every_occurrence():
    text = "नई दिल्ली में बैठक हुई।\nबैठक के बाद सभी नेता नई दिल्ली से लौटे।"
    locs = [m for m in _find(text) if m.text == "नई दिल्ली"]
    assert len(locs) == 2 and {m.label for m in locs} == {"LOC"}


def test_other_language_gives_nothing():
    assert _find("Ceci est un texte.", "other") == []


def test_english_labels_by_cues():
    text = "Officials said Mr. John Smith met the chief of Acme Corp. in London on Monday."
    found = {(m.text, m.label) for m in _find(text, "en")}
    assert ("John Smith", "PER") in found
    assert ("Acme Corp.", "ORG") in found
    assert ("London", "LOC") in found
    assert not any("Monday" in t or "Mr" in t for t, _ in found)


def test_english_ptb_possessive_and_sentence_start():
    text = ("The robbery at Harry Winston 's store shocked Paris .\n"
            "The Ministry of Culture said Winston will reopen .")
    mentions = _find(text, "en")
    texts = {m.text: m.label for m in mentions}
    assert texts.get("Harry Winston") == "PER"
    assert texts.get("Ministry of Culture") == "ORG"
    assert texts.get("Paris") == "LOC"
    assert texts.get("Winston") == "PER"  # a surname alone
    assert not any(t.startswith("The") or t.endswith("'s") for t in texts)
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_english_lone_sentence_initial_word_is_not_a_name():
    assert _find("Yesterday it rained all day .", "en") == []


def test_english_sports_roles_before_a_name_are_not_part_of_it():
    text = ("Opener Zubair Qureshi struck an unbeaten 84 as the Strikers won the final. "
            "Skipper Anshuman Bainsla said the team had been calm.")
    texts = {m.text: m.label for m in _find(text, "en")}
    assert texts.get("Zubair Qureshi") == "PER" and texts.get("Anshuman Bainsla") == "PER"
    assert not any(t.startswith(("Opener", "Skipper")) for t in texts)


def test_a_verb_of_saying_or_an_adverb_the_tagger_took_in_is_cut_from_a_name() -> None:
    from khabar.stages.entities import _clean_hi

    words = ["नीतीश", "कुमार", "बोले"]
    assert _clean_hi(words, 0, 3, "PER") == [(0, 2)]
    assert _clean_hi(["बोले", "शरद", "पवार"], 0, 3, "PER") == [(1, 3)]
    assert _clean_hi(["अभी", "कम्युनिटी", "ट्रांसमिशन"], 0, 3, "ORG") == [(1, 3)]
    assert _clean_hi(["बोले"], 0, 1, "PER") == []


def test_english_number_words_currency_and_connectors_are_no_part_of_a_name():
    # invented report: "Six" opening after a dateline, "Rs" and a connector left at an edge
    text = ("RATANPUR: Six people were killed, police said. The state gave Rs 5 lakh to each family. "
            "The flyover was built by Navyug Infra for the state. One of Gray's friends came. "
            "The report was read by Collector Anjali Rathore on Monday.")
    got = {m.text: m.label for m in _find(text, "en")}
    assert "Six" not in got and "Rs" not in got
    assert got["Navyug Infra"] == "ORG"  # a company word (lang/en/ner_org_cues.txt)
    assert "of Gray" not in got and "Gray" in got
    assert got["Anjali Rathore"] == "PER" and "Collector Anjali Rathore" not in got  # a post before a name
