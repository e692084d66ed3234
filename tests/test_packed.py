import dataclasses
import pickle

from khabar.model import Article, Mention, Story
from khabar.packed import Header, PackedArticles, PackedStories, id_ordered, pack, pack_json, story_index
from khabar.serialize import to_json


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
    first = stories.index()[0]
    assert (first.id, first.date, first.articles, first.merged_from) == ("s2", "2026-03-01", ["b", "c"], [])
    assert [i.thread for i in stories.index()] == [None, "t1", None]  # the index follows


def test_json_form_gives_the_same_objects_and_its_text_as_is() -> None:
    arts = [_art("b"), _art("a", "दूसरी खबर।")]
    arts[0].story, arts[0].published, arts[0].language = "s1", "2026-01-02", "hi"
    held = PackedArticles()
    for a in arts:
        held.add_packed(pack_json(a), Header.of(a))
    assert list(held) == arts and held.get("a") == arts[1]
    assert dict((h.id, t) for h, t in held.json_rows()) == {a.id: to_json(a) for a in arts}
    assert [h.id for h, _t in held.json_rows(skip={"b"})] == ["a"]
    # from stored text: the same header, bytes and digest as packing the object
    stored = PackedArticles()
    for a in arts:
        stored.add_json(to_json(a))
    assert stored.headers() == held.headers() and stored.digests() == held.digests()
    assert stored.headers()[0].published == "2026-01-02" and stored.headers()[0].language == "hi"
    # the pickled form gives the same text
    assert [t for _h, t in PackedArticles(arts).json_rows()] == [to_json(a) for a in arts]

    story = Story(id="s1", articles=["b"], date="2026-01-02", headline="बैठक", thread="t0")
    stories = PackedStories()
    stories.add_json(to_json(story))
    assert stories.index()[0] == story_index(story) and stories[0] == story
    stories.set_threads({})
    assert stories[0].thread is None and stories.index()[0].thread is None
    assert next(stories.json_rows())[1] == to_json(dataclasses.replace(story, thread=None))
    stories.set_threads({"s1": "t9"})  # the text is the one the changed story makes
    assert next(stories.json_rows())[1] == to_json(dataclasses.replace(story, thread="t9"))
    # a headline that spells out the field does not fool it
    odd = Story(id="s2", articles=["a"], headline='say "thread": null here')
    more = PackedStories()
    more.add_packed(pack_json(odd), story_index(odd))
    more.set_threads({"s2": "t1"})
    assert next(more.json_rows())[1] == to_json(dataclasses.replace(odd, thread="t1")) and more[0].thread == "t1"
