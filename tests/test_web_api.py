"""The REST API over a store filled from the bundled sample (issue 6)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar import service
from khabar.search import normalize
from khabar.store import Store
from khabar.text import words
from khabar.web.app import create_app

SAMPLE = Path(__file__).resolve().parent.parent / "khabar" / "sample" / "articles"
TOKEN = "test-token-7f3a"

ARTICLE = {
    "id": "api-flood-1",
    "title": "सोनगढ़ में बाढ़ राहत पर बैठक",
    "published": "2026-04-02",
    "source": "परीक्षण समाचार",
    "text": ("सोनगढ़ में बाढ़ राहत पर बैठक\n\nसोनगढ़। जिला प्रशासन ने बुधवार को बाढ़ राहत पर बैठक की। "
             "बैठक में 40 गांवों के लिए राहत सामग्री भेजने का फैसला हुआ। जिलाधिकारी ने कहा कि नावें तैनात की गई हैं।"),
}


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
def stored(sample_db: str) -> dict:
    """What the store holds, read through the service (the expected values)."""
    store = Store(sample_db)
    recs = list(service.export_records(store))
    store.close()
    return {
        "articles": {r["id"]: r for r in recs if r["type"] == "article"},
        "stories": {r["id"]: r for r in recs if r["type"] == "story"},
    }


def _story_words(stored: dict, sid: str) -> set[str]:
    s = stored["stories"][sid]
    texts = [s["headline"], *(x["text"] for x in s["summary"])]
    for aid in s["articles"]:
        a = stored["articles"][aid]
        texts += [a["title"] or "", a["text"]]
    return {w for t in texts for w in words(normalize(t))}


def _ids(resp) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [s["id"] for s in resp.json()["data"]]


# -- reading ---------------------------------------------------------------------------
def test_stories_newest_first_with_counts(client: TestClient, stored: dict) -> None:
    body = client.get("/api/stories", params={"limit": 500}).json()
    assert body["count"] == len(stored["stories"]) == len(body["data"])
    dates = [s["date"] or "" for s in body["data"]]
    assert dates == sorted(dates, reverse=True)
    for s in body["data"]:
        arts = stored["stories"][s["id"]]["articles"]
        assert s["n_articles"] == len(arts)
        assert s["n_outlets"] == len({stored["articles"][a]["source"] or a for a in arts})
        assert set(s["outlets"]) == {stored["articles"][a]["source"] for a in arts} - {None}


def test_limit_and_offset_page_the_same_list(client: TestClient) -> None:
    all_ids = _ids(client.get("/api/stories"))
    assert _ids(client.get("/api/stories", params={"limit": 2, "offset": 1})) == all_ids[1:3]
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422
    assert client.get("/api/stories", params={"offset": -1}).status_code == 422


def test_filter_by_language_outlet_and_dates(client: TestClient, stored: dict) -> None:
    arts = stored["articles"]
    for lang in ("en", "hi"):
        expected = {sid for sid, s in stored["stories"].items()
                    if any(arts[a]["language"] == lang for a in s["articles"])}
        assert set(_ids(client.get("/api/stories", params={"lang": lang}))) == expected
    outlet = "The Evening Lantern"
    expected = {sid for sid, s in stored["stories"].items() if any(arts[a]["source"] == outlet for a in s["articles"])}
    got = set(_ids(client.get("/api/stories", params={"outlet": outlet})))
    assert got == expected and 0 < len(got) < len(stored["stories"])
    got = _ids(client.get("/api/stories", params={"from": "2026-01-01", "to": "2026-02-28"}))
    expected = {sid for sid, s in stored["stories"].items()
                if s["date"] and "2026-01-01" <= s["date"][:10] <= "2026-02-28"}
    assert set(got) == expected and expected
    # a month prefix as the upper bound takes the whole month
    assert set(_ids(client.get("/api/stories", params={"from": "2026-01", "to": "2026-02"}))) == expected


def test_bad_filter_values_are_422_with_a_reason(client: TestClient) -> None:
    r = client.get("/api/stories", params={"from": "last week"})
    assert r.status_code == 422 and "from" in r.json()["detail"]


def test_empty_filter_fields_are_ignored(client: TestClient) -> None:
    assert _ids(client.get("/api/stories?q=&from=&to=&outlet=&entity=&lang=")) == _ids(client.get("/api/stories"))


def test_filter_by_entity_id_and_by_name_in_another_spelling(client: TestClient, stored: dict) -> None:
    story = next(s for s in stored["stories"].values()
                 if any(len(e["variants"]) > 1 for e in s["entities"] if e["label"] == "PER"))
    ent = next(e for e in story["entities"] if len(e["variants"]) > 1 and e["label"] == "PER")
    expected = {sid for sid, s in stored["stories"].items() if any(e["id"] == ent["id"] for e in s["entities"])}
    assert set(_ids(client.get("/api/stories", params={"entity": ent["id"]}))) == expected
    # the least frequent spelling names the same entity
    rare = ent["variants"][-1]
    assert expected <= set(_ids(client.get("/api/stories", params={"entity": rare})))


def test_search_finds_a_name_in_another_spelling(client: TestClient, stored: dict) -> None:
    written = ["कौशिक", "कोशिक"]  # the two spellings in the sample
    unseen = "कौशीक"  # long ी: a third spelling no article uses
    all_words = set().union(*(_story_words(stored, sid) for sid in stored["stories"]))
    assert unseen not in all_words
    expected = {sid for sid in stored["stories"] if set(written) & _story_words(stored, sid)}
    assert expected
    assert set(_ids(client.get("/api/stories", params={"q": unseen}))) == expected
    assert set(_ids(client.get("/api/stories", params={"q": written[1]}))) == expected


def test_search_is_nukta_insensitive_and_keeps_words_whole(client: TestClient, stored: dict) -> None:
    with_nukta = set(_ids(client.get("/api/stories", params={"q": "फ़रहाना"})))
    without = set(_ids(client.get("/api/stories", params={"q": "फरहाना"})))
    assert with_nukta == without and with_nukta
    # "मंत्र" occurs only inside "मंत्री"/"मंत्रालय": whole-word search finds nothing
    all_words = set().union(*(_story_words(stored, sid) for sid in stored["stories"]))
    assert "मंत्र" not in all_words and "मंत्री" in all_words
    assert _ids(client.get("/api/stories", params={"q": "मंत्र"})) == []
    assert _ids(client.get("/api/stories", params={"q": "मंत्री"}))


def test_search_needs_every_word(client: TestClient, stored: dict) -> None:
    a = set(_ids(client.get("/api/stories", params={"q": "बाढ़"})))
    b = set(_ids(client.get("/api/stories", params={"q": "पुल"})))
    both = set(_ids(client.get("/api/stories", params={"q": "बाढ़ पुल"})))
    assert a and b and both == a & b


def test_story_detail(client: TestClient, stored: dict) -> None:
    sid, rec = max(stored["stories"].items(), key=lambda kv: len(kv[1]["articles"]))
    body = client.get(f"/api/stories/{sid}").json()
    assert body["headline"] == rec["headline"] and body["date"] == rec["date"]
    assert sorted(a["id"] for a in body["articles"]) == sorted(rec["articles"])
    assert [x["text"] for x in body["summary"]] == [x["text"] for x in rec["summary"]]
    for x in body["summary"]:
        assert {c["article"] for c in x["citations"]} == set(x["sources"]) | {x["article"]}
        primary = next(c for c in x["citations"] if c["article"] == x["article"])
        assert stored["articles"][x["article"]]["text"][primary["start"]:primary["end"]] == x["text"]


def test_articles_list_and_detail(client: TestClient, stored: dict) -> None:
    body = client.get("/api/articles", params={"limit": 500}).json()
    assert body["count"] == len(stored["articles"]) == len(body["data"])
    pub = [a["published"] or "" for a in body["data"]]
    assert pub == sorted(pub, reverse=True)
    sid = next(iter(stored["stories"]))
    in_story = client.get("/api/articles", params={"story": sid}).json()
    assert sorted(a["id"] for a in in_story["data"]) == sorted(stored["stories"][sid]["articles"])
    aid = next(a for a in stored["articles"] if "/" in a)  # ids may hold a slash (pages/...)
    got = client.get(f"/api/articles/{aid}").json()
    assert got["text"] == stored["articles"][aid]["text"]
    assert got["entities"] == stored["articles"][aid]["entities"]


def test_entities_list_filter_and_detail(client: TestClient, stored: dict) -> None:
    body = client.get("/api/entities", params={"limit": 500}).json()
    ids = {e["id"] for s in stored["stories"].values() for e in s["entities"]}
    assert body["count"] == len(ids) == len({e["id"] for e in body["data"]})
    found = client.get("/api/entities", params={"q": "वसिष्ठ"}).json()["data"]
    assert found and all(any(w in " ".join(e["variants"]) for w in ("वसिष्ठ", "वशिष्ठ")) for e in found)
    eid = found[0]["id"]
    detail = client.get(f"/api/entities/{eid}").json()
    expected = {sid for sid, s in stored["stories"].items() if any(e["id"] == eid for e in s["entities"])}
    assert {s["id"] for s in detail["stories"]} == expected
    assert sum(detail["variants"].values()) >= len(detail["variants"]) >= 2
    assert all(r["id"] != eid and r["shared_articles"] > 0 for r in detail["related"])


def test_export_is_json_lines_of_everything(client: TestClient, stored: dict) -> None:
    r = client.get("/api/export")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    recs = [json.loads(line) for line in r.text.splitlines()]
    assert len(recs) == len(stored["articles"]) + len(stored["stories"])


@pytest.mark.parametrize("path", ["/api/stories/s-none", "/api/articles/no/such", "/api/entities/e-none"])
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404 and "no " in r.json()["detail"]


def test_openapi_spec_is_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/articles", "/api/entities", "/api/export"} <= set(spec["paths"])
    assert "ArticleCreate" in spec["components"]["schemas"]


# -- writing ---------------------------------------------------------------------------
@pytest.fixture
def empty_db(store_url: str) -> str:
    return store_url


def test_writes_refused_without_a_configured_token(empty_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KHABAR_TOKEN", raising=False)
    with TestClient(create_app(empty_db)) as c:
        r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "token" in r.json()["detail"]


def test_ingest_with_and_without_the_token(empty_db: str) -> None:
    with TestClient(create_app(empty_db, token=TOKEN)) as c:
        assert c.post("/api/articles", json=ARTICLE).status_code == 401
        assert c.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = c.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["new"] == 1 and body["new_ids"] == [ARTICLE["id"]] and body["rejected"] == []
        art = c.get(f"/api/articles/{ARTICLE['id']}").json()
        assert art["source"] == ARTICLE["source"] and art["story"]
        assert c.get("/api/stories").json()["count"] == 1
        # the same article again is already stored
        again = c.post("/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert again["new"] == 0 and again["already_stored"] == 1


def test_ingest_reads_other_names_for_the_fields(empty_db: str) -> None:
    renamed = {"article_id": "api-renamed", "body": ARTICLE["text"], "date": "Wed, 03 Dec 2025 09:00:00 +0530",
               "outlet": "Renamed Daily"}
    lone = {"article_id": "api-surrogate", "body": "text \ud800 here"}
    with TestClient(create_app(empty_db, token=TOKEN)) as c:
        r = c.post("/api/articles", content=json.dumps([renamed, lone]).encode(), headers={  # escaped surrogate
            "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
        assert r.status_code == 200, r.text
        assert r.json()["new_ids"] == ["api-renamed"]
        (rejected,) = r.json()["rejected"]
        assert rejected["reason"].startswith("E007") and "'body'" in rejected["reason"]
        art = c.get("/api/articles/api-renamed").json()
    assert art["source"] == "Renamed Daily" and art["published"] == "2025-12-03"


def test_token_from_the_environment(empty_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHABAR_TOKEN", TOKEN)
    with TestClient(create_app(empty_db)) as c:
        r = c.post("/api/articles", json=[ARTICLE], headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200 and r.json()["new"] == 1


def test_ingest_json_lines_with_a_bad_line(empty_db: str) -> None:
    other = dict(ARTICLE, id="api-flood-2", text=ARTICLE["text"].replace("बुधवार", "गुरुवार") + " राहत जारी है।")
    body = "\n".join([json.dumps(ARTICLE, ensure_ascii=False), "{not json", "",
                      json.dumps({"id": "no-text", "title": "x"}), json.dumps(other, ensure_ascii=False)])
    with TestClient(create_app(empty_db, token=TOKEN)) as c:
        r = c.post("/api/articles", content=body.encode(), headers={
            "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    res = r.json()
    assert sorted(res["new_ids"]) == ["api-flood-1", "api-flood-2"]
    reasons = {x["origin"]: x["reason"] for x in res["rejected"]}
    assert reasons["request:2"].startswith("E008") and reasons["request:4"].startswith("E010")


@pytest.mark.parametrize("body, ctype, status", [
    (b"{\"id\": 1,", "application/json", 400),
    (b"", "application/json", 400),
    (b"\xff\xfe\xfa", "application/json", 400),
    (b"42", "application/json", 422),
    (b"[]", "application/json", 422),
    (b"[1, 2]", "application/json", 422),
    (b"{\"id\": \"x\"}", "application/json", 422),
    (b"{\"id\": \"x\", \"text\": [1]}", "application/json", 422),
    (b"id=x&text=y", "application/x-www-form-urlencoded", 415),
])
def test_malformed_bodies_are_4xx_with_a_reason(empty_db: str, body: bytes, ctype: str, status: int) -> None:
    with TestClient(create_app(empty_db, token=TOKEN)) as c:
        r = c.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": ctype})
    assert r.status_code == status, r.text
    assert r.json()["detail"]


def test_body_over_the_limit_is_413(empty_db: str) -> None:
    big = json.dumps(dict(ARTICLE, text=ARTICLE["text"] * 40), ensure_ascii=False).encode()
    assert len(big) > 2000
    with TestClient(create_app(empty_db, token=TOKEN, max_body_bytes=2000)) as c:
        auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        r = c.post("/api/articles", content=big, headers=auth)
        assert r.status_code == 413 and "limit" in r.json()["detail"]
        # streamed without a Content-Length: counted while read
        r = c.post("/api/articles", content=iter([big[:1500], big[1500:]]), headers=auth)
        assert r.status_code == 413
        assert c.get("/api/articles").json()["count"] == 0
        small = json.dumps(ARTICLE, ensure_ascii=False).encode()
        assert len(small) < 2000
        assert c.post("/api/articles", content=small, headers=auth).status_code == 200


def test_reads_can_require_the_token(sample_db: str) -> None:
    with TestClient(create_app(sample_db, token=TOKEN, require_token_for_reads=True)) as c:
        assert c.get("/api/stories").status_code == 401
        assert c.get("/").status_code == 401
        r = c.get("/api/stories", headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 200 and r.json()["count"] > 0


def test_corrections_through_the_api(store_url: str) -> None:
    store = Store(store_url)
    service.run([SAMPLE], store)
    big = max(store.stories(), key=lambda s: len(s.articles))
    store.close()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    x = big.articles[0]
    with TestClient(create_app(store_url, token=TOKEN)) as c:
        assert c.get("/api/corrections").json() == {"data": [], "count": 0}
        assert c.post("/api/corrections/detach", json={"articles": [x]}).status_code == 401  # writes need the token
        r = c.post("/api/corrections/detach", json={"articles": [x]}, headers=auth)
        assert r.status_code == 200, r.text
        body = r.json()
        assert len(body["made"]) == len(big.articles) - 1 and body["story"] != big.id
        assert c.get(f"/api/stories/{body['story']}").json()["articles"][0]["id"] == x
        assert c.post("/api/corrections/detach", json={"articles": [x]}, headers=auth).status_code == 409
        assert c.post("/api/corrections/detach", json={"articles": ["nope"]}, headers=auth).status_code == 404
        assert c.get("/api/corrections").json()["count"] == len(big.articles) - 1
        # the story it left says so, on the API and on its page
        assert {x["article"] for x in c.get(f"/api/stories/{big.id}").json()["corrections"]} == {x}
        page = c.get(f"/stories/{big.id}").text
        assert "Corrected by hand" in page and f"#{body['made'][0]['id']}" in page
        r = c.post("/api/corrections/join", json={"item": x, "other": big.id}, headers=auth)
        assert r.status_code == 200 and r.json()["story"] == big.id and len(r.json()["withdrawn"]) == len(big.articles) - 1
        (made,) = r.json()["made"]
        assert c.delete(f"/api/corrections/{made['id']}", headers=auth).json()["withdrawn"][0]["id"] == made["id"]
        assert c.delete(f"/api/corrections/{made['id']}", headers=auth).status_code == 404
        assert c.get("/api/corrections").json()["count"] == 0


def test_a_correction_naming_no_text_id_is_refused(empty_db: str) -> None:
    with TestClient(create_app(empty_db, token=TOKEN)) as c:
        r = c.post("/api/corrections/detach", content=b'{"articles": ["a\\ud800"]}',
                   headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
        assert r.status_code == 422 and "surrogate" in r.text
        r = c.post("/api/corrections/join", json={"item": "x", "other": "y"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 404


def test_threads_list_each_thread_with_its_stories_dates(client, stored: dict) -> None:
    timelines = {s["thread"]["id"]: s["thread"]["timeline"] for s in stored["stories"].values() if s["thread"]}
    assert timelines  # the sample's commission meetings
    body = client.get("/api/threads").json()
    assert body["count"] == len(timelines) == len(body["data"])
    for t in body["data"]:
        timeline = timelines[t["id"]]
        assert (t["stories"], t["first"], t["last"], t["newest"]) == (
            len(timeline), timeline[0]["date"], timeline[-1]["date"], timeline[-1]["id"])
        assert t["headline"] == stored["stories"][t["newest"]]["headline"]
    assert client.get("/api/threads", params={"offset": len(timelines)}).json()["data"] == []
    assert client.get("/api/threads", params={"limit": 0}).status_code == 422
