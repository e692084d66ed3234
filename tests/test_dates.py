"""Tests for khabar.stages.dates: absolute and relative dates, Hindi and English."""
from __future__ import annotations

import json

import pytest
import regex

from khabar.model import Span
from khabar.stages.dates import find_dates

# 2025-12-04 is a Thursday
THU = "2025-12-04"


def split(text: str) -> list[Span]:
    """A simple sentence split for tests: danda, ? ! and '. ', never across lines."""
    return [Span(m.start(), m.end()) for m in regex.finditer(r"[^\n।?!]+(?:[।?!]|\.(?=\s|$))?", text)
            if m.group().strip()]


def found(text: str, published: str | None = THU, language: str = "hi", sentences=None):
    """(text, value, precision) of every mention, checking the offsets on the way."""
    out = []
    for m in find_dates(text, language, published, split(text) if sentences is None else sentences):
        assert text[m.start:m.end] == m.text
        out.append((m.text, m.value, m.precision))
    return out


def only(text: str, published: str | None = THU, language: str = "hi"):
    """The single mention found in `text`."""
    got = found(text, published, language)
    assert len(got) == 1, got
    return got[0]


@pytest.mark.parametrize("text, expected", [
    ("समझौता 6 दिसंबर, 2021 को हुआ था।", ("6 दिसंबर, 2021", "2021-12-06", "day")),
    ("समझौता 6 दिसंबर 2021 को हुआ था।", ("6 दिसंबर 2021", "2021-12-06", "day")),
    ("उन्होंने दिसंबर 2024 में रूस का दौरा किया था।", ("दिसंबर 2024", "2024-12", "month")),
    ("यह 2021–2031 तक लागू है।", ("2021–2031", "2021/2031", "range")),
    ("यह 2021-31 तक लागू है।", ("2021-31", "2021/2031", "range")),
    ("वर्ष 2023 में बैठक हुई।", ("वर्ष 2023", "2023", "year")),
    ("साल 2023 में बैठक हुई।", ("साल 2023", "2023", "year")),
    ("बैठक 04.12.2025 को हुई।", ("04.12.2025", "2025-12-04", "day")),
    ("बैठक 04/12/2025 को हुई।", ("04/12/2025", "2025-12-04", "day")),
    ("बैठक 2025-12-04 को हुई।", ("2025-12-04", "2025-12-04", "day")),
    ("मेला 15 से 19 अप्रैल 2020 तक चलेगा।", ("15 से 19 अप्रैल 2020", "2020-04-15/2020-04-19", "range")),
    ("परीक्षा पांच अप्रैल 2020 को होगी।", ("पांच अप्रैल 2020", "2020-04-05", "day")),
    ("बैठक गुरुवार, 4 दिसंबर 2025 को हुई।", ("गुरुवार, 4 दिसंबर 2025", "2025-12-04", "day")),
])
def test_hindi_absolute(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("spelling, month", [
    ("दिसम्बर", 12), ("दिसंबर", 12), ("फ़रवरी", 2), ("फ\u093cरवरी", 2), ("फरवरी", 2),
    ("अप्रैल", 4), ("अप्रेल", 4), ("जुलाई", 7), ("सितम्बर", 9), ("अक्तूबर", 10), ("अक्टूबर", 10),
    ("नवम्बर", 11), ("मई", 5),
])
def test_hindi_month_spellings(spelling, month):
    text = f"यह 12 {spelling} 2020 की बात है।"
    assert only(text) == (f"12 {spelling} 2020", f"2020-{month:02d}-12", "day")


def test_devanagari_digits_keep_offsets():
    text = "बैठक ४ दिसंबर २०२५ को और फिर ०४.१२.२०२५ को।"
    assert found(text) == [("४ दिसंबर २०२५", "2025-12-04", "day"), ("०४.१२.२०२५", "2025-12-04", "day")]


def test_day_month_without_year_takes_nearest_year():
    assert only("28 दिसंबर को बैठक हुई।", "2026-01-03") == ("28 दिसंबर", "2025-12-28", "day")
    assert only("3 जनवरी को बैठक होगी।", "2025-12-28") == ("3 जनवरी", "2026-01-03", "day")
    assert only("4 दिसंबर को बैठक हुई।") == ("4 दिसंबर", "2025-12-04", "day")
    assert only("4 दिसंबर को बैठक हुई।", None) == ("4 दिसंबर", None, "day")


def test_numeric_dates_day_first_in_hindi_month_first_in_english():
    assert only("तारीख 05/12/2025 है।") == ("05/12/2025", "2025-12-05", "day")
    assert only("On 05/12/2025 it rained.", language="en") == ("05/12/2025", "2025-05-12", "day")
    assert only("On 25/12/2025 it rained.", language="en") == ("25/12/2025", "2025-12-25", "day")
    assert found("यह 31.02.2025 को।") == []  # no such day


@pytest.mark.parametrize("text, expected", [
    ("पुतिन आज शाम दिल्ली पहुंचे।", ("आज शाम", "2025-12-04", "day")),
    ("आज सुबह बैठक हुई।", ("आज सुबह", "2025-12-04", "day")),
    ("आज की बैठक में फैसला हुआ।", ("आज", "2025-12-04", "day")),
    ("वे कल दिल्ली आए थे।", ("कल", "2025-12-03", "day")),
    ("वे कल दिल्ली में थे।", ("कल", "2025-12-03", "day")),
    ("उन्होंने कल बैठक की।", ("कल", "2025-12-03", "day")),
    ("वे कल दिल्ली जाएंगे।", ("कल", "2025-12-05", "day")),
    ("कल बैठक होगी।", ("कल", "2025-12-05", "day")),
    ("मैं कल आऊंगा।", ("कल", "2025-12-05", "day")),
    ("परसों बैठक हुई थी।", ("परसों", "2025-12-02", "day")),
    ("परसों बैठक होगी।", ("परसों", "2025-12-06", "day")),
    ("कल हुई बैठक में फैसला लिया जाएगा।", ("कल", "2025-12-03", "day")),
    ("पिछले सप्ताह बैठक हुई।", ("पिछले सप्ताह", "2025-11-24", "week")),
    ("पिछले हफ्ते बैठक हुई।", ("पिछले हफ्ते", "2025-11-24", "week")),
    ("अगले सप्ताह बैठक होगी।", ("अगले सप्ताह", "2025-12-08", "week")),
    ("पिछले महीने बैठक हुई।", ("पिछले महीने", "2025-11", "month")),
    ("अगले महीने बैठक होगी।", ("अगले महीने", "2026-01", "month")),
    ("इस साल बैठक हुई।", ("इस साल", "2025", "year")),
    ("इस वर्ष बैठक हुई।", ("इस वर्ष", "2025", "year")),
    ("पिछले साल बैठक हुई।", ("पिछले साल", "2024", "year")),
    ("अगले साल बैठक होगी।", ("अगले साल", "2026", "year")),
])
def test_hindi_relative(text, expected):
    assert only(text) == expected


@pytest.mark.parametrize("text, published, value", [
    ("मंत्री ने गुरुवार को कहा कि सहयोग बढ़ेगा।", THU, "2025-12-04"),  # same day counts
    ("मंत्री गुरुवार को बैठक करेंगे।", "2025-12-03", "2025-12-04"),  # future: next one
    ("मंत्री गुरुवार को बैठक करेंगे।", THU, "2025-12-04"),  # future, today counts
    ("यह बात गुरुवार को बैठक में कही गई।", "2025-12-06", "2025-12-04"),
    ("मंत्री सोमवार को बैठक करेंगे।", THU, "2025-12-08"),
    ("मंत्री ने सोमवार को बैठक की।", THU, "2025-12-01"),
    ("बृहस्पतिवार को बैठक हुई।", "2025-12-06", "2025-12-04"),
    ("वीरवार को बैठक हुई।", "2025-12-06", "2025-12-04"),
    ("सरकार ने सोमवार को आयोजित होने वाले समागम को रद्द किया।", "2020-03-08", "2020-03-09"),
])
def test_hindi_weekday_tense(text, published, value):
    (got,) = [v for _, v, _ in found(text, published)]
    assert got == value


def test_hindi_weekday_modifiers():
    assert only("पिछले गुरुवार को बैठक हुई।") == ("पिछले गुरुवार", "2025-11-27", "day")
    assert only("अगले गुरुवार को बैठक होगी।") == ("अगले गुरुवार", "2025-12-11", "day")


def test_kal_with_its_weekday_named():
    # 2020-03-21 was a Saturday: "कल यानी रविवार" is tomorrow whatever the tense cues say
    assert only("बता दें कि कल यानी रविवार को जनता कर्फ्यू भी लगना है।", "2020-03-21") == (
        "कल यानी रविवार", "2020-03-22", "day")
    assert only("कल रविवार को आई रिपोर्ट में संक्रमण मिला।", "2020-05-04") == ("कल रविवार", "2020-05-03", "day")


def test_tense_is_read_in_the_mention_sentence():
    text = "कल दिल्ली में, वे भाषण देंगे।"
    cut = text.index(",") + 1
    # one sentence: the future verb decides; split at the comma: no cue, yesterday by default
    assert found(text, sentences=[Span(0, len(text))]) == [("कल", "2025-12-05", "day")]
    assert found(text, sentences=[Span(0, cut), Span(cut + 1, len(text))]) == [("कल", "2025-12-03", "day")]
    # a verb after कि belongs to another clause
    assert only("कल उन्होंने कहा कि वे दिल्ली जाएंगे।") == ("कल", "2025-12-03", "day")
    assert only("उन्होंने कहा कि वे कल दिल्ली जाएंगे।") == ("कल", "2025-12-05", "day")


def test_relative_without_published_has_no_value():
    got = found("आज बैठक हुई। गुरुवार को कहा। पिछले सप्ताह बैठक हुई।", None)
    assert [(t, v) for t, v, _ in got] == [("आज", None), ("गुरुवार", None), ("पिछले सप्ताह", None)]
    assert all(m.relative for m in find_dates("आज बैठक हुई।", "hi", None, []))


def test_published_datetime_and_bad_published():
    assert only("आज बैठक हुई।", "2025-12-04T10:30:00+05:30") == ("आज", "2025-12-04", "day")
    assert only("आज बैठक हुई।", "not a date") == ("आज", None, "day")


def test_relative_flag():
    ms = find_dates("आज 6 दिसंबर 2025 को बैठक हुई।", "hi", THU, [])
    assert [(m.text, m.relative) for m in ms] == [("आज", True), ("6 दिसंबर 2025", False)]


@pytest.mark.parametrize("text, expected", [
    ("It was signed December 6, 2025 in Delhi.", ("December 6, 2025", "2025-12-06", "day")),
    ("It was signed Dec. 6, 2025 in Delhi.", ("Dec. 6, 2025", "2025-12-06", "day")),
    ("It was signed 6 December 2025 in Delhi.", ("6 December 2025", "2025-12-06", "day")),
    ("It was signed 6th of December 2025.", ("6th of December 2025", "2025-12-06", "day")),
    ("He visited in December 2024 .", ("December 2024", "2024-12", "month")),
    ("It was signed 2025-12-06 in Delhi.", ("2025-12-06", "2025-12-06", "day")),
    ("It was signed Dec . 6 , 2025 in Delhi .", ("Dec . 6 , 2025", "2025-12-06", "day")),
    ("he met him for 2 1/2 hours on Nov. 25 .", ("Nov. 25", "2025-11-25", "day")),
    ("The talks ran June 5-7, 2012.", ("June 5-7, 2012", "2012-06-05/2012-06-07", "range")),
    ("He met them yesterday .", ("yesterday", "2025-12-03", "day")),
    ("He meets them today .", ("today", "2025-12-04", "day")),
    ("He meets them tomorrow .", ("tomorrow", "2025-12-05", "day")),
    ("He met them last night .", ("last night", "2025-12-03", "day")),
    ("He met them last week .", ("last week", "2025-11-24", "week")),
    ("He meets them next month .", ("next month", "2026-01", "month")),
    ("Sales rose this year .", ("this year", "2025", "year")),
    ("Sales rose last year .", ("last year", "2024", "year")),
    ("He was born in 1928 to immigrants .", ("1928", "1928", "year")),
    ("On Thursday , Dec. 4 , he left .", ("Thursday , Dec. 4", "2025-12-04", "day")),
])
def test_english(text, expected):
    assert only(text, language="en") == expected


def test_english_weekday_tense():
    assert only("The ministers met on Thursday .", "2025-12-06", "en") == ("Thursday", "2025-12-04", "day")
    assert only("The ministers will meet on Thursday .", "2025-12-01", "en") == ("Thursday", "2025-12-04", "day")
    assert only("The ministers are set to meet on Monday .", THU, "en") == ("Monday", "2025-12-08", "day")
    assert only("The ministers met on Monday .", THU, "en") == ("Monday", "2025-12-01", "day")
    assert only("They met last Thursday .", THU, "en") == ("last Thursday", "2025-11-27", "day")


@pytest.mark.parametrize("text, language", [
    ("अब सब ठीक है।", "hi"),
    ("कल-कारखाने बंद हैं।", "hi"),
    ("आज-कल सब ऑनलाइन है।", "hi"),
    ("आजकल सब ऑनलाइन है।", "hi"),
    ("आने वाले कल की चिंता है।", "hi"),
    ("आज तक 5 मामले मिले हैं।", "hi"),
    ("हर सोमवार बैठक होती है।", "hi"),
    ("हर साल मेला लगता है।", "hi"),
    ("उसने 2023 रुपये और 22 वीं बैठक में 15 लोग गिने।", "hi"),
    ("पिछले 10 साल में यह बढ़ा।", "hi"),
    ("पिछले कुछ वर्षों में यह बढ़ा।", "hi"),
    ("किसानों ने मार्च निकाला।", "hi"),
    ("The figure was '6, 2025' in the file.", "en"),
    ("It may be 5 or more; troops march 5 miles.", "en"),
    ("He read the Sunday Times and USA Today on Good Friday.", "en"),
    ("They sold 2000 homes in 2000 homes.", "en"),
])
def test_no_false_hits(text, language):
    assert found(text, language=language) == []


def test_parts_of_tables_and_timestamps_are_not_joined():
    # a table of counts: the days are dates, "मार्च<TAB>1215" is not a month and year
    assert found("30 मार्च\t1215\n31 मार्च\t1397", "2020-04-01") == [
        ("30 मार्च", "2020-03-30", "day"), ("31 मार्च", "2020-03-31", "day")]
    # "2011 - 13" before a time is not a range of years
    assert found("Posted 16 / 08 / 2011 - 13 : 42", language="en") == [("16 / 08 / 2011", "2011-08-16", "day")]
    assert found("आज\nशाम को", "2020-04-01") == [("आज", "2020-04-01", "day")]


def test_seed_offsets_round_trip(seeds_dir):
    for path in sorted(seeds_dir.glob("0*.txt")):
        text = path.read_text(encoding="utf-8")
        mentions = find_dates(text, "hi", THU, split(text))
        assert mentions, path.name
        for m in mentions:
            assert text[m.start:m.end] == m.text
        assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def test_ecbplus_offsets_round_trip(corpus):
    path = corpus / "ecbplus" / "articles.jsonl"
    with path.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(200), f)]
    total = 0
    for text in texts:
        for m in find_dates(text, "en", "2012-06-15", split(text)):
            assert text[m.start:m.end] == m.text
            total += 1
    assert total > 100


@pytest.mark.parametrize("name, published, phrase", [
    ("000", "2025-12-04", "गुरुवार"),
    ("000", "2025-12-04", "आज शाम"),
    ("001", "2025-12-04", "आज"),
    ("002", "2025-12-06", "गुरुवार"),
    ("003", "2025-12-03", "गुरुवार"),
])
def test_seed_relative_dates_resolve_to_the_meeting_day(seeds_dir, name, published, phrase):
    (path,) = seeds_dir.glob(f"{name}_*.txt")
    text = path.read_text(encoding="utf-8")
    first = next(m for m in find_dates(text, "hi", published, split(text)) if m.text == phrase)
    assert (first.value, first.precision, first.relative) == ("2025-12-04", "day", True)


def test_seed_003_absolute_background_dates(seeds_dir):
    (path,) = seeds_dir.glob("003_*.txt")
    text = path.read_text(encoding="utf-8")
    got = {(m.text, m.value, m.precision) for m in find_dates(text, "hi", "2025-12-03", split(text))}
    assert {("6 दिसंबर, 2021", "2021-12-06", "day"), ("2021–2031", "2021/2031", "range"),
            ("दिसंबर 2024", "2024-12", "month")} <= got
