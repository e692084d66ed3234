"""Tests for khabar.stages.metadata."""
from __future__ import annotations

import pytest

from khabar.stages.clean import clean
from khabar.stages.metadata import extract_metadata
from khabar.stages.normalize import normalize


def _seed_text(seeds_dir, name):
    return clean(normalize((seeds_dir / f"{name}.txt").read_text(encoding="utf-8"))).text


def test_title_from_first_line_with_span(seeds_dir):
    text = _seed_text(seeds_dir, "000_6d0cb0a2792cc04d")
    meta = extract_metadata(text)
    first = text.split("\n")[0]
    assert meta.title == first
    assert text[meta.title_span.start:meta.title_span.end] == meta.title


def test_title_skips_page_date_line_and_date_is_read(seeds_dir):
    text = _seed_text(seeds_dir, "002_540acfb1cfd66e3e")
    meta = extract_metadata(text)
    assert meta.title.startswith("भारत-रूस ने कहा")
    assert text[meta.title_span.start:meta.title_span.end] == meta.title
    assert (meta.published, meta.published_from) == ("2025-12-06", "text")


@pytest.mark.parametrize("name, place", [
    ("000_6d0cb0a2792cc04d", "नई दिल्ली"),  # "नई दिल्ली। रूस के …"
    ("001_56b0c34c16bf4bba", "नई दिल्ली"),  # "नई दिल्ली: रक्षा मंत्री …"
    ("004_b44941ac62b5199f", "नई दिल्ली"),  # "नई दिल्ली:" alone on a line
    ("003_f20df1298b48f72c", None),  # opens with a kicker "Vladimir Putin India Visit:"
])
def test_seed_datelines(seeds_dir, name, place):
    assert extract_metadata(_seed_text(seeds_dir, name)).dateline == place


@pytest.mark.parametrize("body, place", [
    ("लॉस एंजिल्स, आइएएनएस । हॉलीवुड अभिनेता ने कहा कि वह खुश हैं ।", "लॉस एंजिल्स"),
    ("नयी दिल्ली, 11 मार्च (भाषा) चीन में वायरस फैलने से उपजे संकट के बीच ।", "नयी दिल्ली"),
    ("रुड़की, जेएनएन । डोईवाला क्षेत्र के लिए राहत भरी खबर है ।", "रुड़की"),
    ("किसी लेखक, इंदौर । कोरोना के खिलाफ जंग में सरकार ने कहा ।", "इंदौर"),
    ("रांची : झारखंड में आज पांच नये मामले सामने आये.", "रांची"),
    ("NEW DELHI (Reuters) - The minister met his counterpart on Thursday.", "NEW DELHI"),
    ("WASHINGTON: The president signed the bill on Friday.", "WASHINGTON"),
    ("कोरोना वायरस: देश में आज 500 नये मामले आये ।", None),
    ("जवाब : सरकार ने इसके लिए नियम बनाए हैं ।", None),
    ("The minister said: we will act now.", None),
])
def test_dateline_forms(body, place):
    assert extract_metadata(f"एक शीर्षक\n{body}").dateline == place


def test_dateline_slash_before_headline():
    assert extract_metadata("पटना / बिहार में पांच नये मामले\nबिहार में आज नये मामले आये.").dateline == "पटना"
    assert extract_metadata("देश / बिहार में पांच नये मामले\nबिहार में आज नये मामले आये.").dateline is None


def test_dateline_alone_is_not_the_title():
    meta = extract_metadata("नई दिल्ली:\nरक्षा मंत्री ने आज बैठक की और कई विषयों पर चर्चा की जो अहम थे ।")
    assert meta.dateline == "नई दिल्ली"
    assert meta.title is None  # the text opens with its body paragraph


def test_given_title_and_date_win():
    text = "शीर्षक यहां है\nDecember 6, 2025\nपहला अनुच्छेद ।"
    meta = extract_metadata(text, title="शीर्षक यहां है", published="2025-12-04T18:00:00+05:30",
                            published_from="html")
    assert meta.title == "शीर्षक यहां है" and meta.title_span.start == 0
    assert (meta.published, meta.published_from) == ("2025-12-04", "html")
    other = extract_metadata(text, title="कोई और शीर्षक", published="2025-12-04")
    assert other.title_span is None and other.published_from == "input"



@pytest.mark.parametrize("stamp, given, want", [
    ("10:41 PM, 28-MAR-2020", "2020-03-29", ("2020-03-28", "text")),  # late-evening update in the next day's page
    ("10:41 PM, 27-MAR-2020", "2020-03-29", ("2020-03-27", "text")),
    ("10:41 PM, 26-MAR-2020", "2020-03-29", ("2020-03-29", "input")),  # too far before: not this page's piece
    ("01:10 AM, 30-MAR-2020", "2020-03-29", ("2020-03-29", "input")),  # after the given date: ignored
])
def test_own_stamp_a_day_or_two_before_the_given_date_is_the_pieces_date(stamp, given, want):
    meta = extract_metadata(f"{stamp}\nमध्य प्रदेश में एक अधिकारी संक्रमित पाया गया है ।", published=given)
    assert (meta.published, meta.published_from) == want

@pytest.mark.parametrize("line, iso", [
    ("Published: December 6, 2025", "2025-12-06"),
    ("Updated: Dec 06, 2025 10:30 IST", "2025-12-06"),
    ("प्रकाशित: 6 दिसंबर 2025", "2025-12-06"),
    ("अपडेट: 06-12-2025 10:30", "2025-12-06"),
    ("Updated: 21 Mar 2020, 03:05:00 PM IST", "2020-03-21"),
    ("11:08 AM, 29-MAR-2020", "2020-03-29"),
    ("Wed, 29 Apr 2020 08:48 AM", "2020-04-29"),
    ("2025-12-06", "2025-12-06"),
])
def test_date_from_text(line, iso):
    meta = extract_metadata(f"शीर्षक यहां\n{line}\nपहला अनुच्छेद है ।")
    assert (meta.published, meta.published_from) == (iso, "text")


def test_published_line_preferred_over_updated_and_bare():
    text = "शीर्षक\nDecember 9, 2025\nUpdated: Dec 08, 2025\nPublished: Dec 07, 2025\nपाठ ।"
    assert extract_metadata(text).published == "2025-12-07"


def test_no_false_date_from_body_or_tables():
    text = ("शीर्षक यहां\nसमझौता 6 दिसंबर, 2021 को नई दिल्ली में हुआ था और यह दस साल चलेगा ।\n"
            "2 अप्रैल 2069\nआंकड़े 2020 तक के हैं ।")
    meta = extract_metadata(text)
    assert meta.published is None and meta.published_from is None


@pytest.mark.parametrize("url, source", [
    ("https://www.bbc.co.uk/news/world-123", "bbc.co.uk"),
    ("https://hindi.news18.com/news/nation/x.html", "news18.com"),
    ("http://www.sanmarg.in/story", "sanmarg.in"),
    ("navbharattimes.indiatimes.com/india/x", "indiatimes.com"),
    ("https://example.com", "example.com"),
])
def test_source_from_url(url, source):
    assert extract_metadata("x", url=url).source == source


def test_given_source_kept():
    assert extract_metadata("x", source="Sanmarg", url="https://www.other.com/").source == "Sanmarg"
    assert extract_metadata("x").source is None
