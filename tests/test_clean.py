"""Tests for khabar.stages.clean."""
from __future__ import annotations

import regex
import pytest

from khabar.stages.clean import clean, find_recurring_lines, furniture_candidates, never_a_headline, recurring_lines
from khabar.stages.normalize import normalize

# the boilerplate the seeds' README lists (shared/corpus/seeds/README.md), plus the site
# name and logo lines and the bylines' name as they stand in the seed pages
README_BOILERPLATE = [
    "No stories found.", "Leave feedback about this", "Advertisement", "विज्ञापन",
    "Read Time: 15 mins", "ये भी पढ़ें", "Divya Rai", "Content Writer",
    "Featured Video Of The Day", "Latest News", "More Articles Like This",
    "Sanmarg Hindi daily", "sanmarg.in", "logo", "Must Read",
]
SEEDS = ["000_6d0cb0a2792cc04d", "001_56b0c34c16bf4bba", "002_540acfb1cfd66e3e",
         "003_f20df1298b48f72c", "004_b44941ac62b5199f"]
SENTENCE_END = regex.compile(r"(?<![.…])[।॥.?!]['\"”’)]*$")


def _seed(seeds_dir, name):
    return normalize((seeds_dir / f"{name}.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SEEDS)
def test_seed_boilerplate_gone(seeds_dir, name):
    out = clean(_seed(seeds_dir, name))
    kept_lines = set(out.text.split("\n"))
    for phrase in README_BOILERPLATE:
        assert phrase not in kept_lines, phrase
        assert not any(line.startswith(phrase) for line in kept_lines), phrase
    assert "Advertisement" not in out.text and "विज्ञापन" not in out.text
    assert "ये भी पढ़ें" not in out.text and "No stories found" not in out.text


@pytest.mark.parametrize("name", SEEDS)
def test_seed_sentences_headline_and_dateline_kept(seeds_dir, name):
    text = _seed(seeds_dir, name)
    out = clean(text)
    lines = text.split("\n")
    first = next(line for line in lines if line.strip())
    assert out.text.split("\n")[0] == first  # the headline (or the page's date line) stays
    for line in lines:
        # every real sentence line of the story stays: 8+ words and a sentence end
        if line.startswith(tuple(README_BOILERPLATE)):
            continue
        if len(line.split()) >= 8 and SENTENCE_END.search(line):
            assert line in out.text, line
        if regex.match(r"^नई दिल्ली\s*[।:]", line):
            assert line in out.text.split("\n")


def test_seed_removed_lines_point_into_normalized_text(seeds_dir):
    for name in SEEDS:
        text = _seed(seeds_dir, name)
        out = clean(text)
        lines = text.split("\n")
        for r in out.removed:
            assert lines[r.line].strip() == r.text
            assert r.reason.startswith(("rule:", "recurring"))
        kept = [line for i, line in enumerate(lines) if i not in {r.line for r in out.removed}]
        assert [line for line in out.text.split("\n") if line] == [line for line in kept if line]


def test_seed_related_links_after_heading_removed(seeds_dir):
    out = clean(_seed(seeds_dir, "004_b44941ac62b5199f"))
    reasons = {r.text: r.reason for r in out.removed}
    links = [t for t, why in reasons.items() if why == "rule:related-link"]
    assert len(links) >= 3
    assert all(t not in out.text for t in links)


def test_related_block_stops_at_paragraph():
    text = "\n".join([
        "शहर में नई बस सेवा शुरू",
        "लखनऊ, जेएनएन । शहर में सोमवार से नई बस सेवा शुरू हो गई है और यात्रियों को राहत मिली है ।",
        "यह भी पढ़ें",
        "दूसरी खबर का शीर्षक यहां है",
        "तीसरी खबर: किसी और विषय पर",
        "परिवहन विभाग ने कहा कि आने वाले दिनों में और बसें चलाई जाएंगी और किराया नहीं बढ़ेगा ।",
    ])
    out = clean(text)
    assert "दूसरी खबर" not in out.text and "तीसरी खबर" not in out.text
    assert "परिवहन विभाग ने कहा" in out.text
    assert out.text.startswith("शहर में नई बस सेवा शुरू\nलखनऊ, जेएनएन ।")
    assert [r.reason for r in out.removed] == ["rule:related", "rule:related-link", "rule:related-link"]


def test_subheading_after_a_link_is_kept():
    text = "\n".join([
        "शीर्षक यहां",
        "ये भी पढ़ें",
        "दूसरी खबर का शीर्षक",
        "",
        "नई गाइडलाइन",
        "सरकार ने सोमवार को नई गाइडलाइन जारी की जिसमें कई बदलाव किए गए हैं ।",
    ])
    out = clean(text)
    assert "दूसरी खबर" not in out.text
    assert "नई गाइडलाइन\nसरकार ने" in out.text


@pytest.mark.parametrize("line, reason", [
    ("https://www.example.com/news/1234", "rule:url"),
    ("sanmarg.in", "rule:url"),
    ("--------", "rule:punctuation"),
    ("facebooktwitteremail", "rule:share"),
    ("Facebook | Twitter | WhatsApp", "rule:share"),
    ("11:08 AM, 29-MAR-2020", "rule:timestamp"),
    ("Mon, Mar 9, 2020, 9:01 AM IST", "rule:timestamp"),
    ("Updated: 21 Mar 2020, 03:05:00 PM IST", "rule:stamp"),
    ("प्रकाशित: 6 दिसंबर 2025", "rule:stamp"),
    ("Published on", "rule:stamp"),
    ("(इनपुट- भाषा, एएनआई)", "rule:agency"),
    ("NBT", "rule:agency"),
    ("फाइल फोटो", "rule:photo"),
    ("प्रयागराज में बच्चे को मास्क लगाया गया - फोटो : पीटीआई", "rule:photo"),
    ("(यह खबर आईएएनएस फीड से ली गई है)", "rule:feed"),
    ("© 2025 Example Media. All rights reserved.", "rule:copyright"),
    ("Also Read: Something else happened elsewhere", "rule:related"),
    ("इसे भी पढ़ें : किसी और विषय की खबर", "rule:related"),
    ("Edited By Some One | Site | Updated: 01 Mar 2020", "rule:byline"),
    ("Trending", "rule:related"),
    ("Tags: India, Russia, Defence", "rule:tags"),
    ("Follow us on Twitter", "rule:share"),
    ("Share this article: Facebook | X | WhatsApp", "rule:share"),
    ("News | States | Sport | Business | Opinion", "rule:nav"),
    ("Home | World | Markets", "rule:nav"),
])
def test_furniture_line_rules(line, reason):
    text = f"एक शीर्षक यहां\n\nपहला अनुच्छेद है जिसमें कई शब्द हैं और यह एक वाक्य है ।\n{line}\nदूसरा अनुच्छेद भी यहां है जिसमें कई शब्द हैं और यह वाक्य है ।"
    out = clean(text)
    assert [(r.text, r.reason) for r in out.removed][:1] == [(line, reason)]
    assert line not in out.text.split("\n")


@pytest.mark.parametrize("line", [
    "2 अप्रैल 2069",  # a row of a cases table: date and count
    "9 मार्च 39",
    "नई दिल्ली",  # a dateline alone
    "नई दिल्ली:",
    "भागलपुर, वरीय संवाददाता",
    "महाराष्ट्र 302 1364",
    "गृह मंत्रालय ने कहा",
    "देश में कोरोना के मामले बढ़कर 6412 हुए, 199 की मौत",
    "Delhi | 1,154 | 24",  # a table row between bars: it has numbers
    "जिला | मामले | मौतें",  # a table's head in Hindi
    "Share prices fell | markets",  # two items are no menu
])
def test_content_lines_kept(line):
    text = f"एक शीर्षक यहां\n\nपहला अनुच्छेद है जिसमें कई शब्द हैं और यह एक वाक्य है ।\n{line}\nदूसरा अनुच्छेद भी यहां है जिसमें कई शब्द हैं और यह वाक्य है ।"
    out = clean(text)
    assert out.removed == []
    assert line in out.text.split("\n")


def test_page_date_line_in_header_kept_once():
    text = "December 6, 2025\nNational\n\nशीर्षक यहां है\n\nपहला अनुच्छेद है जिसमें कई शब्द हैं और यह वाक्य है ।\n07:14 AM, 03-APR-2020\nअगला अनुच्छेद है जिसमें कई शब्द हैं और यह वाक्य है ।"
    out = clean(text)
    assert out.text.startswith("December 6, 2025\n")
    assert "National" not in out.text.split("\n")
    assert "07:14 AM, 03-APR-2020" not in out.text


def test_headline_and_dateline_survive_recurring():
    text = "बड़ी खबर का शीर्षक\nनई दिल्ली:\nपहला अनुच्छेद है जिसमें कई शब्द हैं और यह वाक्य है ।\nहमारे साथ जुड़ें"
    out = clean(text, recurring=frozenset({"बड़ी खबर का शीर्षक", "नई दिल्ली:", "हमारे साथ जुड़ें"}))
    assert out.text.split("\n") == text.split("\n")[:3]
    assert [(r.text, r.reason) for r in out.removed] == [("हमारे साथ जुड़ें", "recurring")]


def test_blank_lines_collapse_after_removal():
    text = "शीर्षक\n\nविज्ञापन\n\nपहला अनुच्छेद है जिसमें कई शब्द हैं और यह वाक्य है ।\n\nAdvertisement\n\n"
    out = clean(text)
    assert out.text == "शीर्षक\n\nपहला अनुच्छेद है जिसमें कई शब्द हैं और यह वाक्य है ।"


def test_empty_text():
    assert clean("").text == ""
    assert clean("").removed == []


def _article(n: int, extra: list[str]) -> str:
    return "\n".join([f"शीर्षक संख्या {n} की खबर", f"अनुच्छेद {n} है जिसमें बहुत सारे शब्द हैं और यह एक पूरा वाक्य है ।", *extra])


def test_find_recurring_lines_outlet_furniture():
    texts = [_article(n, ["हमारे साथ जुड़ें", "सभी अधिकार सुरक्षित खबर डॉट कॉम", "पेज के नीचे"]) for n in range(4)]
    found = find_recurring_lines(texts)
    assert {"हमारे साथ जुड़ें", "सभी अधिकार सुरक्षित खबर डॉट कॉम", "पेज के नीचे"} <= found
    assert not any("शीर्षक" in line for line in found)
    assert find_recurring_lines(texts, min_articles=5) == frozenset()


def test_find_recurring_lines_ignores_reruns_datelines_numbers_and_sentences():
    rerun = ["पुणे में एक और मामला", "पुणे में कोरोना वायरस के एक और मामले की पुष्टि हुई है और मरीजों की संख्या बढ़ी है ।"]
    texts = [
        _article(n, [*rerun, "नई दिल्ली", f"दूसरा अनुच्छेद {n} यहां है जिसमें कई शब्द हैं ।",
                     "महाराष्ट्र 302 1364", "यह पूरा वाक्य है जो हर बार आता है ।"])
        for n in range(4)
    ]
    found = find_recurring_lines(texts)
    assert "पुणे में एक और मामला" not in found
    assert "नई दिल्ली" not in found
    assert "महाराष्ट्र 302 1364" not in found
    assert "यह पूरा वाक्य है जो हर बार आता है ।" not in found


def test_hindi_news_2020_outlet_keeps_sentences(corpus):
    files = sorted((corpus / "hindi-news-2020" / "NT").glob("*.txt"))
    texts = [normalize(f.read_text(encoding="utf-8")) for f in files]
    recurring = find_recurring_lines(texts)
    assert "NBT" in recurring
    removed = kept = 0
    for text in texts:
        out = clean(text, recurring)
        removed += len(out.removed)
        kept += len([line for line in out.text.split("\n") if line.strip()])
        for r in out.removed:
            # no body sentence of 15+ words ending in a danda is taken
            assert not (len(r.text.split()) >= 15 and r.text.endswith("।")), r.text
        assert "NBT" not in out.text.split("\n")
    assert 0 < removed < 0.1 * kept


def test_recurring_lines_counts_candidates_made_text_by_text():
    heading = "आज की बड़ी खबरें"

    def text(n: int, para: str) -> str:
        return "\n".join([f"शीर्षक संख्या {n} की खबर", heading, para])

    same = "यह वही अनुच्छेद है जो इस शीर्षक के नीचे बार बार छपता है और पूरा वाक्य है ।"
    other = [f"अनुच्छेद {n} अलग है जिसमें बहुत सारे दूसरे शब्द हैं और यह पूरा वाक्य है ।" for n in range(4)]
    # under the same paragraph in half the texts: a re-run item, not furniture
    half = [text(0, same), text(1, same), text(2, other[2]), text(3, other[3])]
    # under it in one text of four: furniture
    one = [text(0, same), text(1, other[1]), text(2, other[2]), text(3, other[3])]
    for texts, expected in ((half, False), (one, True)):
        candidates = [furniture_candidates(t) for t in texts]
        assert all(any(c[1] == heading for c in found) for found in candidates)
        assert (heading in recurring_lines(candidates)) is expected
        assert recurring_lines(candidates) == find_recurring_lines(texts)
    # each candidate names the paragraph under it by a digest, the same in every text
    unders = {c[2] for t in half[:2] for c in furniture_candidates(t) if c[1] == heading}
    assert len(unders) == 1 and unders != {b""}


def test_a_line_that_is_only_the_outlets_name_is_its_masthead():
    text = ("The Evening Star\nNews | States | Sport\n\nCity council approves new budget\n\n"
            "The council approved the budget on Monday, the Evening Star has learnt from two members.\n"
            "Evening Star\nA second paragraph follows here with several more words in it.")
    out = clean(text, outlet="The Evening Star")
    assert [(r.text, r.reason) for r in out.removed if r.reason == "rule:outlet-name"] == [
        ("The Evening Star", "rule:outlet-name"), ("Evening Star", "rule:outlet-name")]
    assert out.text.startswith("City council approves new budget")  # the menu went too
    assert "the Evening Star has learnt" in out.text  # a sentence naming the outlet stays
    # without the outlet's name nothing says the first line is furniture
    assert clean(text).text.startswith("The Evening Star")
    # a credit line: the name beside a few other words
    credit = ("अब नाव नहीं, पुल से पार होगी\n\nब्यूरो रिपोर्ट । नीलकमल दर्पण\n\nअमरकुंज: कालिंदा नदी पर बना सेतु आज खुल गया "
              "और नीलकमल दर्पण के पाठकों ने इसकी तस्वीरें भेजीं।")
    out = clean(credit, outlet="नीलकमल दर्पण")
    assert [(r.text, r.reason) for r in out.removed] == [("ब्यूरो रिपोर्ट । नीलकमल दर्पण", "rule:outlet-name")]
    assert "नीलकमल दर्पण के पाठकों" in out.text


@pytest.mark.parametrize("line", [
    "शहर से लेकर देश तक की ताजा खबरें व वीडियो देखने के लिए हमारे इस फेसबुक पेज को लाइक करें",
    "नोट- इन खबरों के बारे में आपकी क्या राय है । हमें फेसबुक पर कमेंट बॉक्स में लिखकर बताएं ।",
    "For the latest updates, like us on Facebook and follow us on Twitter",
])
def test_calls_to_like_or_follow_the_outlet_are_removed_however_long(line):
    # longer than the twelve words a "contains" rule allows; invented article text
    body = ("जिले में सोमवार को नई सड़क का लोकार्पण हुआ । विधायक ने कहा कि इससे बीस गांवों के लोगों को "
            "शहर आने में आधा समय लगेगा ।")
    out = clean("सड़क का लोकार्पण\n\n" + body + "\n\n" + line + "\n\n" + body)
    assert line not in out.text
    assert [r.reason for r in out.removed] == ["rule:share"]
    assert never_a_headline(line)


def test_a_headline_is_no_link_or_share_line():
    for line in ("फेसबुक ने भारत में नया दफ्तर खोला, पांच सौ लोगों को मिलेगा काम",
                 "Police follow leads on Facebook after the warehouse fire",
                 "राज्य में पढ़ाई के नए नियम लागू"):
        assert not never_a_headline(line)
    assert never_a_headline("यह भी पढ़ें: नदी किनारे के गांवों में पहुंचीं नावें")
