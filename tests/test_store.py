"""The store and the service's run: verbatim raw input, atomic replacement, stable ids (issue 2)."""
from __future__ import annotations

from pathlib import Path

import pytest

from khabar import service
from khabar.store import Store, db_url

ART_A = ("बाढ़ राहत पर बैठक\n\nसोनगढ़। जिला प्रशासन ने सोमवार को बाढ़ राहत पर बैठक की। बैठक में 40 गांवों के लिए "
         "राहत सामग्री भेजने का फैसला हुआ। जिलाधिकारी ने कहा कि नावें तैनात की गई हैं।")
ART_B = ("सोनगढ़ में बाढ़: 40 गांवों को राहत\n\nसोनगढ़। बाढ़ से घिरे 40 गांवों में राहत सामग्री भेजी जाएगी। "
         "जिला प्रशासन की बैठक में यह फैसला सोमवार को लिया गया। नावें तैनात की गई हैं।")


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def test_db_url_forms() -> None:
    assert db_url("khabar.db") == "sqlite:///khabar.db"
    assert db_url("sqlite:///x.db") == "sqlite:///x.db"
    assert db_url("postgresql://u@127.0.0.1/k").startswith("postgresql+psycopg://")


def test_raw_input_is_stored_verbatim(tmp_path: Path) -> None:
    raw = "  शीर्षक \r\n\r\nपाठ\u200d यहाँ ।  \n"
    _write(tmp_path / "in", "a.txt", raw)
    store = Store(str(tmp_path / "k.db"))
    service.run([tmp_path / "in"], store)
    assert store.raw_doc("a").raw == raw
    assert "\u200d" not in store.article("a").text
    store.close()


def test_a_failed_run_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(str(tmp_path / "k.db"))
    service.run([_write(tmp_path / "in1", "a.txt", ART_A)], store)
    stories_before = [s.id for s in store.stories()]
    articles_before = [a.id for a in store.articles()]

    def boom(*_a, **_k):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(service, "build_stories", boom)
    with pytest.raises(RuntimeError):
        service.run([_write(tmp_path / "in2", "b.txt", ART_B)], store)
    assert [s.id for s in store.stories()] == stories_before
    assert [a.id for a in store.articles()] == articles_before
    monkeypatch.undo()
    # the raw input of the failed run was kept; the next run processes it
    report = service.run([tmp_path / "in2"], store)
    assert report.already_stored == 1
    assert sorted(a.id for a in store.articles()) == ["a", "b"]
    store.close()


def test_story_ids_are_stable_when_articles_join(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "k.db"))
    service.run([_write(tmp_path / "in1", "a.txt", ART_A)], store)
    (first,) = store.stories()
    service.run([_write(tmp_path / "in2", "b.txt", ART_B)], store)
    joined = [s for s in store.stories() if "a" in s.articles]
    assert joined[0].id == first.id
    store.close()


def test_same_id_different_content_is_kept_apart(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "k.db"))
    service.run([_write(tmp_path / "x", "a.txt", ART_A)], store)
    service.run([_write(tmp_path / "y", "a.txt", ART_B)], store)
    ids = sorted(a.id for a in store.articles())
    assert len(ids) == 2 and ids[0] == "a" and ids[1].startswith("a~")
    store.close()
