"""Tests for khabar.stages.eventdate: a story's event date from its articles' date mentions."""
from __future__ import annotations

import pytest
import regex

from khabar.model import Article, Span
from khabar.stages.dates import find_dates
from khabar.stages.eventdate import event_date


def split(text: str) -> list[Span]:
    """A simple sentence split for tests: danda, ? ! and '. ', never across lines."""
    return [Span(m.start(), m.end()) for m in regex.finditer(r"[^\n।?!]+(?:[।?!]|\.(?=\s|$))?", text)
            if m.group().strip()]


def article(id_: str, text: str, published: str | None, title: str | None = None,
            title_in_text: bool = True, language: str = "hi") -> Article:
    """An Article as the per-article stages would leave it; the title, if in the text, is its first line."""
    if title is not None and title_in_text:
        text = title + "\n\n" + text
    sentences = split(text)
    a = Article(id=id_, content_hash=id_, origin=id_, text=text, title=title, published=published,
                language=language, sentences=sentences)
    if title is not None and title_in_text:
        a.title_span = Span(0, len(title))
    a.dates = find_dates(text, language, published, sentences)
    return a


FILLER = "दोनों देशों के बीच सहयोग पर लंबी चर्चा हुई और कई मुद्दों पर बात हुई। " * 4


@pytest.fixture(scope="module")
def seed_articles(seeds_dir):
    published = {"000": "2025-12-04", "001": "2025-12-04", "002": "2025-12-06", "003": "2025-12-03"}
    out = {}
    for name, pub in published.items():
        (path,) = seeds_dir.glob(f"{name}_*.txt")
        text = path.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        out[name] = article(name, body.lstrip("\n"), pub, title=title)
    return out


def test_seed_story_is_dated_to_the_meeting(seed_articles):
    assert event_date(list(seed_articles.values())) == ("2025-12-04", "day")


@pytest.mark.parametrize("name", ["000", "001", "002", "003"])
def test_each_seed_alone_gives_the_meeting_day(seed_articles, name):
    # 002 opens with its own date "December 6, 2025"; 003 was written the day before
    assert event_date([seed_articles[name]]) == ("2025-12-04", "day")


def test_title_and_lead_outweigh_later_mentions():
    a = article("a", "रक्षा मंत्री ने बैठक की अध्यक्षता की। " + FILLER + "मंत्री ने बुधवार को भी भाषण दिया था।",
                "2025-12-06", title="मंत्रियों ने गुरुवार को बैठक की")
    assert event_date([a]) == ("2025-12-04", "day")
    b = article("b", "मंत्रियों ने गुरुवार को बैठक की। " + FILLER + "मंत्री ने बुधवार को भी भाषण दिया था।",
                "2025-12-06")
    assert event_date([b]) == ("2025-12-04", "day")
    # the same two mentions the other way round: the early one still wins
    c = article("c", "मंत्री ने बुधवार को भाषण दिया। " + FILLER + "मंत्रियों ने गुरुवार को बैठक की।", "2025-12-06")
    assert event_date([c]) == ("2025-12-03", "day")


def test_report_outweighs_preview():
    a = article("a", "मंत्रियों ने गुरुवार को बैठक की। मंत्री शनिवार को दौरा करेंगे।", "2025-12-05")
    assert event_date([a]) == ("2025-12-04", "day")
    # even a preview in the title loses to a report in the lead
    b = article("b", "मंत्रियों ने गुरुवार को बैठक की।", "2025-12-05", title="मंत्री शनिवार को दौरा करेंगे")
    assert event_date([b]) == ("2025-12-04", "day")


def test_a_preview_alone_is_used():
    a = article("a", "मंत्री गुरुवार को बैठक करेंगे।", "2025-12-03")
    assert event_date([a]) == ("2025-12-04", "day")


def test_articles_that_agree_win():
    lone = article("x", "मंत्री ने बुधवार को बैठक की।", "2025-12-04", title="बुधवार को हुई बैठक")
    agreeing = [article(f"y{i}", "मंत्रियों ने कल बैठक की।", "2025-12-05") for i in range(3)]
    assert event_date([lone, *agreeing]) == ("2025-12-04", "day")
    assert event_date([lone, agreeing[0]]) == ("2025-12-03", "day")  # the title outweighs one lead


def test_background_dates_are_ignored():
    a = article("a", "समझौता 6 दिसंबर, 2021 को हुआ था। मंत्री ने 2024 में दौरा किया था। आज बैठक हुई।",
                "2025-12-04", title="6 दिसंबर, 2021 के समझौते पर चर्चा")
    assert event_date([a]) == ("2025-12-04", "day")


def test_only_background_falls_back_to_earliest_publication():
    a = article("a", "समझौता 6 दिसंबर, 2021 को हुआ था।", "2025-12-05")
    b = article("b", "दिसंबर 2024 में दौरा हुआ था।", "2025-12-04")
    assert event_date([a, b]) == ("2025-12-04", "day")


def test_without_publication_dates_any_date_counts():
    a = article("a", "समझौता 6 दिसंबर, 2021 को हुआ।", None)
    assert event_date([a]) == ("2021-12-06", "day")


def test_nothing_gives_publication_then_none():
    assert event_date([article("a", "बैठक हुई।", "2025-12-05"), article("b", "बैठक हुई।", "2025-12-04")]) == (
        "2025-12-04", "day")
    assert event_date([article("a", "बैठक हुई।", None)]) == (None, None)
    assert event_date([]) == (None, None)


def test_day_is_preferred_to_coarser_dates():
    a = article("a", "मंत्रियों ने बुधवार को बैठक की।" + FILLER, "2025-12-05", title="दिसंबर 2025 की बैठक")
    assert event_date([a]) == ("2025-12-03", "day")
    b = article("b", "इस महीने कई बैठकें हुईं।", "2025-12-05")
    assert event_date([b]) == ("2025-12", "month")


def test_dateline_alone_on_its_line_is_not_the_event():
    a = article("a", "December 6, 2025\n" + FILLER + "मंत्रियों ने गुरुवार को बैठक की।", "2025-12-06")
    assert event_date([a]) == ("2025-12-04", "day")
    # the same date inside a sentence is an event date
    b = article("b", "मंत्रियों ने 6 दिसंबर 2025 को बैठक की।\n" + FILLER + "मंत्री ने गुरुवार को भाषण दिया था।",
                "2025-12-06")
    assert event_date([b]) == ("2025-12-06", "day")


def test_title_outside_the_text_is_read():
    a = article("a", "मंत्री ने बुधवार को भाषण दिया।", "2025-12-05", title="गुरुवार को हुई अहम बैठक",
                title_in_text=False)
    assert a.title_span is None and "गुरुवार" not in a.text
    assert event_date([a]) == ("2025-12-04", "day")


def test_english_story():
    a = article("a", "The ministers met on Thursday in New Delhi .\nThey will meet again next month .",
                "2025-12-05", language="en")
    assert event_date([a]) == ("2025-12-04", "day")


def test_the_edge_of_a_period_is_not_the_day_of_the_happening():
    """"31 मार्च तक" (until), "25 मार्च से" (since), "since March 25": the story is dated to
    the day it reports, not to when its lockdown ends or its count began; clustering's own
    date (`boundaries=False`) still reads them as any date. (Invented reports.)"""
    until = article("a", "राज्य सरकार ने 31 मार्च तक पूरे प्रदेश में लॉकडाउन की घोषणा की। सभी बाजार बंद रहेंगे।",
                    "2020-03-22", title="प्रदेश में 31 मार्च तक लॉकडाउन")
    since = article("b", "देश में 25 मार्च से रोजाना औसतन 301 नए मामले आए हैं।", "2020-04-07",
                    title="25 मार्च से यूं बढ़ते गए मामले")
    english = article("c", "Cases have doubled since March 25, officials said on Tuesday.", "2020-04-07",
                      title="Cases double since March 25", language="en")
    assert event_date([until]) == ("2020-03-22", "day")
    assert event_date([since]) == ("2020-04-07", "day")
    assert event_date([english]) == ("2020-04-07", "day")
    assert event_date([until], boundaries=False) == ("2020-03-31", "day")
    assert event_date([since], boundaries=False) == ("2020-03-25", "day")
    # a date that is the happening's own day stays the story's date
    on = article("d", "राज्य सरकार ने 21 मार्च को लॉकडाउन की घोषणा की।", "2020-03-22", title="लॉकडाउन की घोषणा")
    assert event_date([on]) == ("2020-03-21", "day")


def test_a_period_gives_way_to_the_publication_date():
    """A report whose only date in the foreground is a period ("15 से 31 मार्च") is dated to
    its publication day; without one, the period stands. (Invented report.)"""
    text = "15 से 31 मार्च के बीच मामलों की वृद्धि दर घटी है। विशेषज्ञों ने तीन मानकों पर इसे परखा।"
    dated = article("a", text, "2020-04-02", title="वृद्धि दर के तीन मानक")
    assert event_date([dated]) == ("2020-04-02", "day")
    undated = article("b", text.replace("31 मार्च", "31 मार्च 2020"), None, title="वृद्धि दर के तीन मानक")
    assert event_date([undated]) == ("2020-03-15/2020-03-31", "range")


def test_an_earlier_weeks_day_in_a_report_gives_way_to_its_publication_day() -> None:
    """A report of 3 April whose only day is when someone had come back, on 21 March, is
    dated to its publication day; the same day within a week of it still dates it, and a
    preview's day a fortnight ahead still does. (Invented reports.)"""
    body = ("सीवान में एक और व्यक्ति संक्रमित पाया गया है। " + FILLER +
            "यह व्यक्ति 21 मार्च को ओमान से लौटा था। उसके परिवार को अलग रखा गया है।")
    report = article("a", body, "2020-04-03", title="सीवान में कोरोना का एक और मामला")
    assert event_date([report]) == ("2020-04-03", "day")
    near = article("b", body, "2020-03-24", title="सीवान में कोरोना का एक और मामला")
    assert event_date([near]) == ("2020-03-21", "day")
    preview = article("c", "बोर्ड की परीक्षाएं 17 अप्रैल से नहीं, 18 अप्रैल को होंगी। " + FILLER, "2020-04-03",
                      title="परीक्षा की नई तारीख")
    assert event_date([preview])[0] == "2020-04-18"
