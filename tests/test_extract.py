"""Tests for khabar.stages.extract (no network: pages are built here)."""
from __future__ import annotations

import socket

import pytest

from khabar.stages.extract import extract_html

PAGE = """<html><head>
<title>Site name | Wrong title</title>
<meta property="og:title" content="भारत और रूस ने रक्षा सहयोग पर संकल्प लिया">
<meta property="article:published_time" content="2023-04-28T19:30:00+05:30">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>भारत और रूस ने रक्षा सहयोग पर संकल्प लिया</h1>
<p>नई दिल्ली: दोनों देशों के रक्षा मंत्रियों ने शुक्रवार को सैन्य साझेदारी को मजबूत करने का संकल्प लिया और आपसी सम्मान पर संतोष व्यक्त किया.</p>
<p>बयान में कहा गया है कि दोनों मंत्रियों ने क्षेत्रीय शांति और सुरक्षा से जुड़े विभिन्न मामलों पर भी विस्तार से चर्चा की.</p>
<table><tr><td><a href="/a">एक दूसरी खबर का लंबा शीर्षक यहां</a></td></tr>
<tr><td><a href="/b">एक और दूसरी खबर का लंबा शीर्षक</a></td></tr></table>
</article>
<div id="comments" class="comments"><p>बहुत अच्छा लेख है, पाठक की टिप्पणी यहां लिखी है.</p></div>
</body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if anything opens a socket."""
    def refuse(*args, **kwargs):
        raise AssertionError("network used")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_main_text_title_and_date(no_network):
    out = extract_html(PAGE)
    lines = out.text.split("\n")
    assert any(line.startswith("नई दिल्ली: दोनों देशों") for line in lines)
    assert any(line.startswith("बयान में कहा गया है") for line in lines)
    assert "Home" not in out.text
    assert out.title == "भारत और रूस ने रक्षा सहयोग पर संकल्प लिया"
    assert out.date == "2023-04-28"


def test_comments_and_link_tables_left_out(no_network):
    out = extract_html(PAGE)
    assert "पाठक की टिप्पणी" not in out.text
    assert "दूसरी खबर" not in out.text


def test_data_table_kept_as_cells(no_network):
    page = PAGE.replace(
        "</article>",
        "<table><tr><th>राज्य</th><th>मामले</th></tr><tr><td>बिहार</td><td>39</td></tr></table></article>",
    )
    out = extract_html(page)
    assert "बिहार\t39" in out.text.split("\n")
    assert "|" not in out.text


def test_title_falls_back_to_title_tag(no_network):
    page = ("<html><head><title>केवल शीर्षक टैग</title></head><body><article><p>"
            + "यह एक लंबा अनुच्छेद है जिसमें पर्याप्त पाठ है ताकि निकालने वाला इसे मुख्य पाठ माने. " * 3
            + "</p></article></body></html>")
    out = extract_html(page)
    assert out.title == "केवल शीर्षक टैग"
    assert out.date is None


@pytest.mark.parametrize("junk", ["", "   ", "not html at all", "<<<>>>", "\x00\x01\x02",
                                  "https://example.com/story", "<html></html>"])
def test_garbage_gives_empty_text(junk, no_network):
    out = extract_html(junk)
    assert out.text == ""


_BODY = "<p>" + "सोनगढ़ में नई बस सेवा शुरू हुई और पहले दिन तीन सौ यात्रियों ने सफर किया। " * 4 + "</p>"
_TITLE_PAGES = [
    PAGE,
    # og:title only
    f"<html><head><meta property='og:title' content='Only the og title'></head><body>{_BODY}</body></html>",
    # JSON-LD headline beside a different <title>
    ("<html><head><title>Tag title here</title><script type='application/ld+json'>"
     '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "The JSON-LD headline"}'
     f"</script></head><body>{_BODY}</body></html>"),
    # broken JSON-LD, then one h1
    ("<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": </script></head>"
     f"<body><h1>एक ही शीर्षक</h1>{_BODY}</body></html>"),
    # two h1, a <title> with site parts, a dotted one
    f"<html><head><title>Sonagarh Times - बस सेवा शुरू</title></head><body><h1>पहला</h1><h1>दूसरा</h1>{_BODY}</body></html>",
    f"<html><head><title>v1.2 release. Notes</title></head><body><h1></h1><h2>Subhead two</h2>{_BODY}</body></html>",
    # entities and spaces to trim, no title anywhere, a very long title
    f"<html><head><meta name='twitter:title' content='  A &amp; B\n  say   yes '></head><body>{_BODY}</body></html>",
    f"<html><body>{_BODY}</body></html>",
    f"<html><head><title>{'लंबा ' * 2500}</title></head><body>{_BODY}</body></html>",
]


@pytest.mark.parametrize("page", range(len(_TITLE_PAGES)))
def test_title_is_the_one_trafilatura_metadata_gives(page, no_network):
    """The title is made by the steps of trafilatura's metadata that make it (the rest of
    extract_metadata is not run): it must be the title extract_metadata gives."""
    import copy

    import trafilatura

    from khabar.stages import extract

    assert extract._TITLE_STEPS is not None  # this trafilatura has them
    tree = extract._parse(_TITLE_PAGES[page])
    meta = trafilatura.extract_metadata(copy.deepcopy(tree))
    assert extract._trafilatura_title(tree) == (meta.title if meta is not None else None)


def test_title_pages_cover_each_source(no_network):
    titles = [extract_html(p).title for p in _TITLE_PAGES]
    assert titles[1] == "Only the og title" and titles[2] == "The JSON-LD headline" and titles[3] == "एक ही शीर्षक"
    assert titles[6] == "A & B say yes" and len(titles[8]) == 10000 and titles[8].endswith("…")  # cut as trafilatura cuts
