"""Threads of stories and recorded merges (issue 3)."""
from __future__ import annotations

from khabar.model import Article, RawDoc
from khabar.pipeline import _story_ids, analyze_docs
from khabar.stages.thread import find_threads

FIFTH = ("हिमगढ़-नीलपुर संयुक्त जल आयोग की पांचवीं बैठक\nहिमगढ़। हिमगढ़ और नीलपुर के संयुक्त जल आयोग की पांचवीं बैठक "
         "सोमवार को हुई। बैठक की अध्यक्षता जल मंत्री केशवानंद भारद्वाज और नीलपुर की मंत्री सुहासिनी गोखले ने की। "
         "दोनों पक्षों ने सरयू नदी के पानी के बंटवारे पर कार्य समूह बनाने का फैसला किया।")
SIXTH = ("संयुक्त जल आयोग की छठी बैठक में सरयू जल समझौता\nनीलपुर। हिमगढ़ और नीलपुर के संयुक्त जल आयोग की छठी बैठक "
         "गुरुवार को हुई जिसमें केशवानंद भारद्वाज और सुहासिनी गोखले ने सरयू नदी के पानी के बंटवारे के समझौते पर "
         "हस्ताक्षर किए। कार्य समूह की रिपोर्ट को मंजूरी दी गई।")
OTHER = ("रणजी मुकाबले में विदर्भ की जीत\nनागपुर। विदर्भ ने रणजी ट्रॉफी के मुकाबले में मेघालय को पारी और 112 रन से "
         "हरा दिया। कप्तान ने शतक लगाया।")


def _arts(records):
    docs = [RawDoc(id=i, raw=t, kind="json", origin=i, content_hash=i, published=p) for i, t, p in records]
    return {a.id: a for a in analyze_docs(docs).articles}


def test_continuing_meetings_form_a_thread_and_others_do_not() -> None:
    a = _arts([("v", FIFTH, "2024-10-14"), ("vi", SIXTH, "2026-01-22"), ("x", OTHER, "2025-02-01")])
    threads = find_threads([("s5", "2024-10-14", [a["v"]]), ("s6", "2026-01-22", [a["vi"]]),
                            ("sx", "2025-02-01", [a["x"]])])
    assert threads.get("s5") and threads.get("s5") == threads.get("s6")
    assert "sx" not in threads


def test_a_story_given_by_its_profile_threads_as_by_its_articles(monkeypatch) -> None:
    """The per-story workers hand threading each story's profile; a kept story still comes
    as its articles. Mixed or not, the threads must be the same."""
    from khabar.stages.thread import StoryProfile, story_profile

    a = _arts([("v", FIFTH, "2024-10-14"), ("vi", SIXTH, "2026-01-22"), ("x", OTHER, "2025-02-01")])
    by_articles = [("s5", "2024-10-14", [a["v"]]), ("s6", "2026-01-22", [a["vi"]]), ("sx", "2025-02-01", [a["x"]])]
    by_profiles = [(sid, d, story_profile(arts)) for sid, d, arts in by_articles]
    mixed = [by_profiles[0], by_articles[1], by_profiles[2]]
    expected = find_threads(by_articles)
    assert expected and find_threads(by_profiles) == expected and find_threads(mixed) == expected
    import khabar.stages.cluster as cl
    monkeypatch.setattr(cl, "THREADED_PAIRS", 1)  # the dot products on threads: the same threads
    assert find_threads(mixed, threads=2) == expected
    profile = by_profiles[0][2]
    assert isinstance(profile, StoryProfile) and profile.words and profile.entities
    assert all(w == w.lower() for w in profile.words)


def test_stories_of_one_date_are_not_a_thread() -> None:
    a = _arts([("v", FIFTH, "2024-10-14"), ("vi", SIXTH, "2024-10-14")])
    assert find_threads([("s5", "2024-10-14", [a["v"]]), ("s6", "2024-10-14", [a["vi"]])]) == {}


def _art(i: str) -> Article:
    return Article(id=i, content_hash="h" + i, origin=i, text=i)


def test_story_ids_survive_and_merges_are_recorded() -> None:
    by_id = {i: _art(i) for i in "abcd"}
    previous = {"ha": "s-old1", "hb": "s-old1", "hc": "s-old2"}
    ids, merged = _story_ids([["a", "b", "c", "d"]], by_id, previous)
    assert ids == ["s-old1"]
    assert merged == {"s-old1": ["s-old2"]}
    ids, merged = _story_ids([["a", "b"], ["c"], ["d"]], by_id, previous)
    assert ids[:2] == ["s-old1", "s-old2"] and ids[2] not in ("s-old1", "s-old2") and merged == {}
