"""Tests for khabar.stages.sentences."""
from __future__ import annotations

import json
import time

import pytest

from khabar.stages.normalize import normalize
from khabar.stages.sentences import split_sentences


def _texts(text, language):
    spans = split_sentences(text, language)
    for s in spans:
        piece = text[s.start:s.end]
        assert piece == piece.strip() and piece
        assert "\n" not in piece
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    return [text[s.start:s.end] for s in spans]


def test_hindi_dandas_and_lines():
    text = "शीर्षक बिना विराम\nरूस ने कहा कि वह तैयार है। उन्होंने बल दिया ।\nक्या यह सही है? हां!"
    assert _texts(text, "hi") == ["शीर्षक बिना विराम", "रूस ने कहा कि वह तैयार है।", "उन्होंने बल दिया ।",
                                  "क्या यह सही है?", "हां!"]


def test_closing_quotes_stay_with_sentence():
    assert _texts("उन्होंने कहा, “मैं खुश हूं।” इसके बाद वे चले गए।", "hi") == [
        "उन्होंने कहा, “मैं खुश हूं।”", "इसके बाद वे चले गए।"]
    assert _texts('He said, "We will win." Then he left. (It was late.) They knew.', "en") == [
        'He said, "We will win."', "Then he left.", "(It was late.)", "They knew."]


def test_abbreviations_initials_decimals():
    text = "Mr. Jackman met Dr. Smith on Nov. 25 at 7 p.m. Wednesday. A. K. Singh said it cost 3.5 million. No. 5 is next."
    assert _texts(text, "en") == ["Mr. Jackman met Dr. Smith on Nov. 25 at 7 p.m. Wednesday.",
                                  "A. K. Singh said it cost 3.5 million.", "No. 5 is next."]
    hindi = "डॉ. हरीश ने बताया कि ए. के. सिंह आए. रिपोर्ट 1.8 प्रतिशत है. वह लौटा.वह गया"
    assert _texts(hindi, "hi") == ["डॉ. हरीश ने बताया कि ए. के. सिंह आए.", "रिपोर्ट 1.8 प्रतिशत है.",
                                   "वह लौटा.", "वह गया"]


def test_no_split_inside_domains_and_numbers():
    assert len(_texts("इसे नवभारतटाइम्स.कॉम पर पढ़ें और 13.5 टन भेजा गया।", "hi")) == 1
    assert len(_texts("Visit sanmarg.in or www.example.com today for 2.2 billion dollars.", "en")) == 1


def test_dateline_joins_first_sentence():
    assert _texts("नई दिल्ली। रूस के रक्षा मंत्री ने कहा। दूसरा वाक्य।", "hi") == [
        "नई दिल्ली। रूस के रक्षा मंत्री ने कहा।", "दूसरा वाक्य।"]
    assert _texts("लखनऊ, जेएनएन । शहर में बस चली । फिर रुकी ।", "hi")[0] == "लखनऊ, जेएनएन । शहर में बस चली ।"


@pytest.mark.parametrize("text, expected", [
    ("the heart of the city 's golden triangle . Cyberspeed comes in handy .",
     ["the heart of the city 's golden triangle .", "Cyberspeed comes in handy ."]),
    ("Got it up at 2:36 p . m . , mere moments after filing .", None),
    ("The euro fell below $1 . 29 for the first time .", None),
    ("Dr . Regina Benjamin , M . D . , M . B . A . , was named .", None),
    ("about the U.S. surgeon general 's post . '' Everyone 's digital .",
     ["about the U.S. surgeon general 's post . ''", "Everyone 's digital ."]),
    ("He has been on the U.S. . Next one ? ? '' . And then",
     ["He has been on the U.S. .", "Next one ? ? '' .", "And then"]),
    ("4 . Will they also support ARM processors ?", None),
])
def test_ptb_tokenised_english(text, expected):
    assert _texts(text, "en") == (expected or [text])


def test_offsets_round_trip_on_corpora(corpus, seeds_dir):
    texts = [normalize(p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("0*.txt"))]
    texts += [normalize(p.read_text(encoding="utf-8"))
              for p in sorted((corpus / "hindi-news-2020" / "PK").glob("*.txt"))[:20]]
    for text in texts:
        pieces = _texts(text, "hi")
        assert pieces
        # nothing but whitespace is left between sentences
        rebuilt = "".join(text[s.start:s.end] for s in split_sentences(text, "hi"))
        assert "".join(rebuilt.split()) == "".join(text.split())


def test_ecbplus_lines_mostly_one_sentence(corpus):
    with open(corpus / "ecbplus" / "articles.jsonl", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh]
    lines = [line for d in docs for line in d["text"].split("\n") if line.strip()]
    start = time.perf_counter()
    counts = [len(_texts(line, "en")) for line in lines]
    elapsed = time.perf_counter() - start
    # ECB+ has one sentence a line; about 1% of its lines really hold two (measured by eye:
    # "He was frustrated. He 's …"), so more than 3% would mean false splits
    assert sum(c > 1 for c in counts) < 0.03 * len(lines)
    assert all(c >= 1 for c in counts)
    assert elapsed < 10
