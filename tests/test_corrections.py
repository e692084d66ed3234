"""A reader's corrections of the grouping: articles kept apart or together, obeyed by every run."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from khabar.ingest import read_inputs
from khabar.model import RawDoc
from khabar.pipeline import analyze_docs
from khabar.stages.cluster import cluster
from khabar.stages.dedup import find_duplicates

SAMPLE = Path(__file__).resolve().parent.parent / "khabar" / "sample" / "articles"


@pytest.fixture(scope="module")
def analysed(corpus):
    docs = [d for d in read_inputs([SAMPLE, corpus / "seeds"]) if isinstance(d, RawDoc)]
    arts = analyze_docs(docs).articles
    return arts, find_duplicates(arts)


def _group_of(groups: list[list[str]]) -> dict[str, int]:
    return {i: k for k, g in enumerate(groups) for i in g}


def test_articles_kept_apart_are_never_grouped_and_the_rest_stays(analysed) -> None:
    arts, dups = analysed
    default = cluster(arts, dups)
    big = max(default, key=len)
    assert len(big) >= 3
    rng = random.Random(3)
    for _ in range(5):
        a, b = rng.sample(big, 2)
        groups = cluster(arts, dups, apart=[(a, b)])
        of = _group_of(groups)
        assert sorted(of) == sorted(_group_of(default))  # every article once
        assert of[a] != of[b]
        # groups that held neither are untouched
        for g in default:
            if a not in g and b not in g:
                assert sorted(g) in [sorted(x) for x in groups]


def test_an_article_kept_apart_from_all_its_story_leaves_it_alone(analysed) -> None:
    arts, dups = analysed
    default = cluster(arts, dups)
    big = max(default, key=len)
    copies_of = {c for c, (o, _k) in dups.items() if o == big[0]}
    mates = [x for x in big if x != big[0] and x not in copies_of]
    groups = cluster(arts, dups, apart=[(big[0], m) for m in mates])
    mine = next(g for g in groups if big[0] in g)
    assert set(mine) == {big[0]} | copies_of  # its own copies go with it
    # the rest of its story stays together, and the other stories are as they were
    assert sorted(set(big) - set(mine)) in groups
    assert [g for g in groups if not set(g) & set(big)] == [g for g in default if g is not big]


def test_a_copy_kept_apart_from_its_original_does_not_follow_it(analysed) -> None:
    arts, dups = analysed
    if not dups:
        pytest.skip("no copies among the sample and the seeds")
    copy, (orig, _kind) = sorted(dups.items())[0]
    of = _group_of(cluster(arts, dups, apart=[(copy, orig)]))
    assert of[copy] != of[orig]


def test_articles_kept_together_are_grouped_unless_kept_apart(analysed) -> None:
    arts, dups = analysed
    default = cluster(arts, dups)
    of = _group_of(default)
    singles = sorted(g[0] for g in default if len(g) == 1)
    big = max(default, key=len)
    a = singles[0]
    groups = cluster(arts, dups, together=[(a, big[0])])
    joined = next(g for g in groups if a in g)
    assert set(joined) == set(big) | {a}
    assert len(groups) == len(default) - 1
    # an explicit "apart" with a member of the other group is not overruled
    groups = cluster(arts, dups, apart=[(a, big[-1])], together=[(a, big[0])])
    of = _group_of(groups)
    assert of[a] != of[big[-1]]
    # ids that are not articles are ignored
    assert cluster(arts, dups, apart=[("nope", big[0])], together=[("nope", a)]) == default


# --- through the service and the store -------------------------------------------------

def _story_sets(store) -> dict[str, frozenset[str]]:
    return {a: frozenset(s.articles) for s in store.stories() for a in s.articles}


def test_detach_join_and_withdraw_through_the_store_and_a_later_run(store_url: str, tmp_path: Path, corpus) -> None:
    from khabar import service
    from khabar.errors import ArticleNotFound, CorrectionNotFound, NothingToCorrect
    from khabar.store import Store

    store = Store(store_url)
    service.run([SAMPLE], store)
    before = _story_sets(store)
    big = max(store.stories(), key=lambda s: len(s.articles))
    x = big.articles[0]
    rep = service.detach(store, x)
    assert {(c.kind, c.article) for c in rep.made} == {("apart", x)}
    assert {c.other for c in rep.made} == set(big.articles) - {x}
    after = _story_sets(store)
    assert after[x] == {x} and rep.story is not None and rep.story.articles == [x]
    rest = set(big.articles) - {x}
    assert all(after[a] == rest for a in rest)  # the rest of the story stays together, under its id
    assert {s.id for s in store.stories() if set(s.articles) == rest} == {big.id}
    assert all(after[a] == before[a] for a in before if a not in big.articles)  # nothing else moved
    with pytest.raises(NothingToCorrect):
        service.detach(store, x)
    with pytest.raises(ArticleNotFound):
        service.detach(store, "no-such-article")
    # a later run with new articles obeys the correction (and a reopened store keeps it)
    store.close()
    store = Store(store_url)
    service.run([corpus / "seeds"], store)
    assert _story_sets(store)[x] == {x}
    # joining it back to its story withdraws the "apart" corrections between them
    rep = service.join(store, x, big.id)
    assert len(rep.withdrawn) == len(rest) and [c.kind for c in rep.made] == ["together"]
    assert _story_sets(store)[x] == set(big.articles)
    with pytest.raises(NothingToCorrect):
        service.join(store, x, big.articles[1])
    # two stories made one, then taken back
    lone = sorted(a for a, s in _story_sets(store).items() if len(s) == 1)[0]
    rep = service.join(store, lone, x)
    assert _story_sets(store)[lone] == set(big.articles) | {lone}
    service.withdraw(store, rep.made[0].id)
    assert _story_sets(store)[lone] == {lone}
    with pytest.raises(CorrectionNotFound):
        service.withdraw(store, rep.made[0].id)
    # ids are never given again
    ids = [c.id for c in service.corrections(store)]
    assert rep.made[0].id not in ids and ids == sorted(ids)
    store.close()


def test_a_correction_made_between_batches_gives_the_stories_of_one_batch(tmp_path: Path, corpus) -> None:
    """Corrections name articles: made after the first of two batches, the stories come out
    as when it is made after one batch of everything."""
    from khabar import service
    from khabar.store import Store

    one = Store(str(tmp_path / "one.db"))
    service.run([SAMPLE, corpus / "seeds"], one)
    seeds = {p.stem for p in (corpus / "seeds").glob("*.txt")}
    big = max((s for s in one.stories() if not seeds & set(s.articles)), key=lambda s: len(s.articles))
    x = big.articles[-1]
    service.detach(one, x)
    two = Store(str(tmp_path / "two.db"))
    service.run([SAMPLE], two)
    service.detach(two, x)
    service.run([corpus / "seeds"], two)
    assert set(_story_sets(one).values()) == set(_story_sets(two).values())
    assert _story_sets(two)[x] == {x}
    one.close()
    two.close()


def test_detaching_several_articles_makes_them_one_story(tmp_path: Path) -> None:
    from khabar import service
    from khabar.errors import NothingToCorrect
    from khabar.store import Store

    store = Store(str(tmp_path / "s.db"))
    service.run([SAMPLE], store)
    big = max(store.stories(), key=lambda s: len(s.articles))
    copies = {a.id for a in store.articles_by_ids(big.articles) if a.duplicate_of}
    originals = [a for a in big.articles if a not in copies]
    assert len(originals) >= 4
    leaving = originals[-2:]
    rep = service.detach(store, leaving)
    kinds = sorted(c.kind for c in rep.made)
    assert kinds.count("together") == 1 and kinds.count("apart") == 2 * (len(big.articles) - 2)
    after = _story_sets(store)
    assert after[leaving[0]] == set(leaving)
    assert after[originals[0]] == set(big.articles) - set(leaving)
    with pytest.raises(NothingToCorrect, match="different stories"):
        service.detach(store, [leaving[0], originals[0]])
    with pytest.raises(NothingToCorrect, match="all the reports"):
        service.detach(store, leaving)
    store.close()


def test_random_corrections_keep_their_promises(analysed) -> None:
    """Random sets of corrections: every article in one group, no pair kept apart in one
    group, each pair kept together in one group unless that would join a pair kept apart,
    and a group naming no corrected article exactly as without corrections."""
    arts, dups = analysed
    default = cluster(arts, dups)
    ids = sorted(a.id for a in arts)
    rng = random.Random(11)
    multi = [g for g in default if len(g) > 1]
    for _ in range(12):
        apart = [tuple(rng.sample(rng.choice(multi), 2)) for _ in range(rng.randint(1, 4))]
        together = [tuple(rng.sample(ids, 2)) for _ in range(rng.randint(0, 3))]
        groups = cluster(arts, dups, apart=apart, together=together)
        of = _group_of(groups)
        assert sorted(of) == ids
        assert all(of[a] != of[b] for a, b in apart)
        apart_set = {frozenset(p) for p in apart}
        for a, b in together:
            if of[a] != of[b]:  # only because joining would put a pair kept apart together
                union = set(groups[of[a]]) | set(groups[of[b]])
                assert any(p <= union for p in apart_set)
        named = {x for p in apart + together for x in p}
        for g in default:
            if not named & set(g) and not any(dups.get(x, (None,))[0] in named for x in g):
                assert g in groups
