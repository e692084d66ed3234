"""The server-rendered pages over a store filled from the bundled sample (issue 6)."""
from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from fastapi.testclient import TestClient

from khabar import service
from khabar.model import LOOSE_COHESION
from khabar.store import Store
from khabar.web.app import create_app

SAMPLE = Path(__file__).resolve().parent.parent / "khabar" / "sample" / "articles"
TOKEN = "pages-token-91c2"


class _Doc(HTMLParser):
    """Elements of a page: (tag, attrs) in order, and the text inside every element with an id."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "circle", "rect"}

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag not in self.VOID:
            self._open.append((tag, a.get("id")))
            if a.get("id"):
                self.text_by_id.setdefault(a["id"], "")

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        while self._open:
            t, _ = self._open.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for _, i in self._open:
            if i:
                self.text_by_id[i] += data

    def links(self, cls: str | None = None) -> list[str]:
        return [a["href"] for t, a in self.elements
                if t == "a" and "href" in a and (cls is None or cls in (a.get("class") or "").split())]


@pytest.fixture(scope="module")
def sample_db(module_store_url: str) -> str:
    db = module_store_url  # on each backend (tests/conftest.py)
    store = Store(db)
    service.run([SAMPLE], store)
    store.close()
    return db


@pytest.fixture(scope="module")
def client(sample_db: str):
    with TestClient(create_app(sample_db)) as c:
        yield c


@pytest.fixture(scope="module")
def store(sample_db: str):
    s = Store(sample_db)
    yield s
    s.close()


def _get(client: TestClient, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_stories_page_lists_every_story_newest_first(client: TestClient, store: Store) -> None:
    page = _get(client, "/")
    stories = store.stories()
    plain = html.unescape(page)
    positions = [plain.index(s.headline) for s in stories]
    assert positions == sorted(positions)  # newest event first, as the store orders them
    hrefs = _Doc(page).links()
    assert all(f"/stories/{s.id}" in hrefs for s in stories)
    assert f"{len(stories)} stories" in page
    # a story is marked loosely joined exactly when its cohesion says so (none in the sample)
    loose = [s for s in stories if s.cohesion is not None and s.cohesion < LOOSE_COHESION]
    assert page.count(">loosely joined<") == len(loose)


def test_stories_page_search_and_filters(client: TestClient, store: Store) -> None:
    flood = next(s for s in store.stories() if "कौशिक" in " ".join(e.name for e in s.entities))
    page = _get(client, "/?q=कौशीक")  # a spelling no article uses
    links = [h for h in _Doc(page).links() if h.startswith("/stories/")]
    assert links == [f"/stories/{flood.id}"]
    page = _get(client, "/?lang=en")
    n_en = len({a.story for a in store.articles() if a.language == "en"})
    assert f"{n_en} stories matching" in page or f"{n_en} story matching" in page
    assert 'value="en" selected' in page
    bad = client.get("/?from=yesterday")
    assert bad.status_code == 422 and "ISO date" in bad.text


def test_story_page_shows_summary_coverage_entities_timeline(client: TestClient, store: Store) -> None:
    story = max(store.stories(), key=lambda s: len(s.articles))
    page = _get(client, f"/stories/{story.id}")
    assert story.headline in html.unescape(page)
    assert story.date in page
    for x in story.summary:
        assert x.text in html.unescape(page)
    for e in story.entities:
        assert f'href="/entities/{e.id}"' in page
        for v in e.variants:
            assert v in html.unescape(page)
    outlets = {a.source for a in store.articles_by_ids(story.articles) if a.source}
    assert all(o in html.unescape(page) for o in outlets)
    assert "<svg" in page and "tl-bar" in page


def test_citation_links_land_on_the_cited_sentence(client: TestClient, store: Store) -> None:
    checked = 0
    for story in store.stories():
        page = _get(client, f"/stories/{story.id}")
        summary = page[page.index('<ol class="summary">'):]
        items = summary[:summary.index("</ol>")].split("<li>")[1:]
        assert len(items) == len(story.summary)
        for x, item in zip(story.summary, items, strict=True):
            chips = _Doc(item).links("chip")
            cited = [unquote(urlsplit(h).path).removeprefix("/articles/") for h in chips]
            assert sorted(cited) == sorted(set(x.sources) | {x.article})
            for h in chips:
                url = urlsplit(h)
                art = _Doc(_get(client, url.path))
                assert url.fragment.startswith("s-") and url.fragment in art.text_by_id, h
                if unquote(url.path) == f"/articles/{x.article}":
                    # the anchored sentence holds the cited text
                    anchored = art.text_by_id[url.fragment]
                    assert x.text in anchored or anchored in x.text
                    checked += 1
    assert checked >= 10


def test_copies_are_collapsed_under_their_original(client: TestClient, store: Store) -> None:
    copies = [a for a in store.articles() if a.duplicate_of]
    assert copies, "the sample has a near copy"
    for a in copies:
        page = _get(client, f"/stories/{a.story}")
        start = page.index('<details class="copies"')
        details = page[start:page.index("</details>", start)]
        assert f'href="/articles/{a.id}"' in details
        assert f'href="/articles/{a.duplicate_of}"' not in details


def test_article_page_text_highlights_and_boilerplate(client: TestClient, store: Store) -> None:
    a = max(store.articles(), key=lambda a: (len(a.removed) > 0, len(a.mentions), len(a.dates)))
    page = _get(client, f"/articles/{a.id}")
    start = page.index('<div class="text"')
    body_html = page[page.index(">", start) + 1:page.index("</div>", start)]
    # every character of the clean text is there, in order, once the tags are stripped
    doc = _Doc("<div id='t'>" + body_html + "</div>")
    assert doc.text_by_id["t"] == a.text
    ent_links = [h for h in doc.links() if h.startswith("/entities/")]
    assert len(ent_links) >= 1 and all(h[len("/entities/"):] for h in ent_links)
    assert body_html.count('<mark class="date"') >= 1
    for r in a.removed:
        assert r.text in html.unescape(page)
    assert 'class="removed"' in page
    raw = client.get(f"/articles/{a.id}/raw")
    assert raw.status_code == 200 and raw.headers["content-type"].startswith("text/plain")
    assert raw.text == store.raw_doc(a.id).raw


def test_article_ids_with_a_slash_and_html_input(client: TestClient, store: Store) -> None:
    a = next(a for a in store.articles() if a.id.startswith("pages/") and store.raw_doc(a.id).is_html)
    page = _get(client, f"/articles/{a.id}")
    assert (a.title or a.id) in html.unescape(page)
    raw = client.get(f"/articles/{a.id}/raw")
    assert raw.headers["content-type"].startswith("text/plain") and "<html" in raw.text.lower()


def test_entity_pages(client: TestClient, store: Store) -> None:
    multi = {}
    for s in store.stories():
        for e in s.entities:
            multi.setdefault(e.id, []).append(s)
    eid, stories = max(multi.items(), key=lambda kv: len(kv[1]))
    assert len(stories) >= 2
    page = _get(client, f"/entities/{eid}")
    for s in stories:
        assert f'href="/stories/{s.id}"' in page
    for v in {v for s in stories for e in s.entities if e.id == eid for v in e.variants}:
        assert v in html.unescape(page)
    assert "Appears with" in page
    listing = _get(client, "/entities?q=वसिष्ठ")
    assert "वशिष्ठ" in listing


def test_docs_page_works_offline(client: TestClient) -> None:
    page = _get(client, "/docs")
    assert "<script" not in page and "http" not in page.split("<main>")[1].split("</main>")[0]
    assert "/api/stories" in page and "/api/articles" in page


def test_pages_send_a_no_script_policy(client: TestClient) -> None:
    r = client.get("/")
    assert "script-src" not in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "Devanagari" in css.text


@pytest.mark.parametrize("path", ["/stories/s-none", "/articles/nope", "/articles/nope/raw", "/entities/e-none", "/x"])
def test_unknown_pages_are_404_pages(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(2)>'


def test_hostile_article_is_shown_escaped(store_url: str) -> None:
    hostile = {
        "id": "xss-1",
        "title": f"हमला {XSS_SCRIPT} शीर्षक {XSS_IMG}",
        "source": f"दुष्ट {XSS_IMG} समाचार",
        "published": "2026-05-01",
        "url": "javascript:alert(3)",
        "text": (f"हमला {XSS_SCRIPT} शीर्षक\n\nदिल्ली। पुलिस ने सोमवार को बताया कि {XSS_IMG} नामक संदेश फैलाया गया। "
                 f"जांच जारी है और {XSS_SCRIPT} वाला पन्ना हटाया गया। अधिकारियों ने कहा कि लोग सतर्क रहें।"),
    }
    with TestClient(create_app(store_url, token=TOKEN)) as c:
        r = c.post("/api/articles", json=hostile, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200 and r.json()["new_ids"] == ["xss-1"], r.text
        story = c.get("/api/articles/xss-1").json()["story"]
        pages = {url: c.get(url) for url in ["/", f"/stories/{story}", "/articles/xss-1", "/?q=हमला",
                                              f"/?outlet={hostile['source']}"]}
        for url, resp in pages.items():
            assert resp.status_code == 200, url
            text = resp.text
            assert XSS_SCRIPT not in text and "<img" not in text, url
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, url
            assert 'href="javascript' not in text.lower(), url
        art = pages["/articles/xss-1"].text
        escaped_img = "&gt;&lt;img src=x onerror=alert(2)&gt;"
        assert f"&#34;{escaped_img}" in art or f"&quot;{escaped_img}" in art
        assert 'href="javascript:' not in art
        raw = c.get("/articles/xss-1/raw")
        assert raw.headers["content-type"].startswith("text/plain")
        assert raw.headers["x-content-type-options"] == "nosniff"


def test_story_page_shows_disagreements_quotes_and_brief(client: TestClient, store: Store) -> None:
    stories = [s for s in store.stories() if s.conflicts]
    assert stories, "the sample plants disagreements between outlets"
    s = stories[0]
    page = _get(client, f"/stories/{s.id}")
    assert 'class="conflicts"' in page
    for val in s.conflicts[0].values:
        assert html.escape(val.display, quote=False) in page
        for c in val.citations:  # every side links to the sentence that states it
            assert f'href="/articles/{c.article}#s-' in page
    assert "<h2>In brief</h2>" in page
    quoted = [x for x in store.stories() if x.quotes]
    assert quoted
    page = _get(client, f"/stories/{quoted[0].id}")
    assert 'class="quotes"' in page and html.escape(quoted[0].quotes[0].text, quote=False) in page


def test_story_page_shows_its_thread(client: TestClient, store: Store) -> None:
    threaded = [s for s in store.stories() if s.thread]
    assert threaded, "the sample has a commission's fifth and sixth sessions"
    s = threaded[0]
    page = _get(client, f"/stories/{s.id}")
    assert "<h2>Thread</h2>" in page
    others = [x for x in store.stories() if x.thread == s.thread and x.id != s.id]
    assert others and all(f'href="/stories/{x.id}"' in page for x in others)
    dated = [x for x in store.stories() if x.thread == s.thread and x.date]
    if len(dated) > 1:  # the thread's stories drawn on a time axis, this one marked
        assert 'aria-label="stories of the thread by event date"' in page and "this story" in page


def test_threads_page_links_each_thread_to_its_newest_story(client: TestClient, store: Store) -> None:
    by_thread: dict[str, list] = {}
    for s in store.stories():
        if s.thread:
            by_thread.setdefault(s.thread, []).append(s)
    assert by_thread
    page = _get(client, "/threads")
    assert f"{len(by_thread)} thread" in page and 'href="/threads"' in page  # listed, and in the menu
    for tid, members in by_thread.items():
        newest = max(members, key=lambda x: (x.date or "", x.id))
        assert tid in page and f'href="/stories/{newest.id}"' in page and f"{len(members)} stories" in page


def test_story_page_groups_quotes_by_speaker(client: TestClient, store: Store) -> None:
    s = max(store.stories(), key=lambda x: len({q.entity or q.speaker for q in x.quotes}))
    assert len({q.entity or q.speaker for q in s.quotes}) > 1
    page = _get(client, f"/stories/{s.id}")
    section = page[page.index("<h2>Who said what</h2>"):]
    section = section[:section.index("</section>")]
    for q in s.quotes:  # every quote appears, under one speaker heading
        assert section.count(html.escape(q.text, quote=False)) >= 1
    speakers = section.count('class="speaker"')
    assert speakers == len({q.entity or (q.speaker or "").strip() for q in s.quotes})


def test_entity_page_gives_the_romanized_name(client: TestClient, store: Store) -> None:
    from khabar.romanize import romanize

    e = next(e for s in store.stories() for e in s.entities
             if e.label == "PER" and all("\u0900" <= c <= "\u097f" or c == " " for c in e.name))
    page = _get(client, f"/entities/{e.id}")
    assert romanize(e.name) in page and romanize(e.name).isascii()


def test_an_untitled_article_is_listed_by_its_opening_words(tmp_path: Path, untitled_report: tuple[Path, str]) -> None:
    report, opening = untitled_report
    db = str(tmp_path / "u.db")
    store = Store(db)
    service.run([report], store)
    article = next(iter(store.articles()))
    story = article.story
    store.close()
    assert not article.title
    with TestClient(create_app(db)) as c:
        for url in (f"/stories/{story}", f"/articles/{article.id}"):
            page = html.unescape(_get(c, url))
            shown = page.split("(untitled) ", 1)[1].split("…", 1)[0]
            assert len(shown) > 20 and opening.startswith(shown), url
