import pickle

from khabar.model import Article, Mention, Story
from khabar.packed import Header, PackedArticles, PackedStories, id_ordered, pack


def _art(i: str, text: str = "नई दिल्ली में बैठक हुई।") -> Article:
    return Article(id=i, content_hash="h" + i, origin=i, text=text,
                   mentions=[Mention(text="नई दिल्ली", start=0, end=9, label="LOC", key="नई दिली")])


def test_packed_articles_give_back_equal_copies_and_take_changes_back() -> None:
    arts = [_art("b"), _art("a"), _art("c", "दूसरी खबर।")]
    packed = PackedArticles(arts)
    assert list(packed) == arts and len(packed) == 3 and packed[2] == arts[2]
    got = packed.get("a")
    got.story = "s1"  # a copy: nothing stored changes
    assert packed.get("a").story is None
    packed.add(got)  # stored back in place, not appended
    assert len(packed) == 3 and packed[1].story == "s1" and packed.headers()[1].story == "s1"
    assert [a.id for a in id_ordered(packed)] == ["a", "b", "c"]
    assert [a.id for a in packed.view(["c", "a"])] == ["c", "a"]
    blob, header = packed.packed("c")
    other = PackedArticles()
    other.add_packed(blob, header)
    assert other[0] == arts[2] and header == Header.of(arts[2])
    big = _art("d", "नई दिल्ली में बैठक हुई। " * 50)
    big.mentions *= 50
    assert len(pack(big)) < len(pickle.dumps(big)) / 3  # compressed, not a plain pickle


def test_packed_stories_sort_newest_first_and_take_threads() -> None:
    stories = PackedStories([Story(id="s1", articles=["a"], date="2026-01-02"),
                             Story(id="s2", articles=["b", "c"], date="2026-03-01"),
                             Story(id="s3", articles=["d"], date=None)])
    stories.sort_newest_first()
    assert [s.id for s in stories] == ["s2", "s1", "s3"]
    stories.set_threads({"s1": "t1"})
    assert [s.thread for s in stories] == [None, "t1", None]
    assert stories.index()[0] == ("s2", "2026-03-01", ["b", "c"], [])
