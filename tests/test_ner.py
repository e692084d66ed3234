"""Tests for the shipped Hindi NER model: it loads, tags, and its card is complete."""
from __future__ import annotations

import json
from importlib.resources import files

import pytest

from khabar.ner.features import FEATURES_VERSION, sentence_features
from khabar.ner.tag import tag_tokens, tagger
from khabar.ner.tokenize import tokenize

_VALID = {"O"} | {f"{p}-{lab}" for p in "BI"
                  for lab in ("PER", "LOC", "ORG", "MISC", "TIME", "NUM")}


def test_model_loads_and_tags_every_token():
    tokens = ["प्रधानमंत्री", "ने", "आज", "भारत", "की", "राजधानी", "दिल्ली", "में", "कहा", "।"]
    tags = tag_tokens(tokens)
    assert len(tags) == len(tokens)
    assert set(tags) <= _VALID
    assert tags[tokens.index("दिल्ली")].endswith("-LOC")
    assert tagger() is tagger()  # loaded once


def test_empty_sentence():
    assert tag_tokens([]) == []


def test_model_card_and_size():
    model = files("khabar") / "models" / "ner-hi.crfsuite"
    card = json.loads((files("khabar") / "models" / "ner-hi.json").read_text(encoding="utf-8"))
    size = len(model.read_bytes())
    assert size <= 60 * 1024 * 1024
    assert card["size_bytes"] == size
    assert card["features_version"] == FEATURES_VERSION
    for split in ("dev", "test"):
        for part in ("all", "unseen"):
            assert 0.0 < card["scores"][split][part]["micro_PER_LOC_ORG"]["f1"] <= 1.0


def test_features_one_list_per_token_with_cues():
    tokens = ["रक्षा", "मंत्री", "अ", "ब", "ने"]
    feats = sentence_features(tokens)
    assert len(feats) == len(tokens)
    assert "prev_title" in feats[2]
    assert "next_post" in feats[3]
    assert "prev_title" not in feats[0]


def test_tokenize_keeps_initials_and_offsets():
    text = "डॉ. एस. शर्मा ने 4.5 करोड़ दिए. फिर (एमओएस) गए।"
    toks = tokenize(text)
    words = [t for t, _, _ in toks]
    assert words[:3] == ["डॉ.", "एस.", "शर्मा"]
    assert "4.5" in words and "दिए" in words and "." in words
    assert "(" in words and "एमओएस" in words and "।" in words
    assert all(text[s:e] == t for t, s, e in toks)


def test_word_classes_ship_with_the_model_and_reach_the_features() -> None:
    from importlib.resources import files

    from khabar.ner.features import CLASSES_FILE, sentence_features

    text = (files("khabar") / "models" / CLASSES_FILE).read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    assert header.startswith("# source:") and len(rows) > 5000
    word = rows[100].split("\t")[0]
    feats = sentence_features(["कल", word, "ने"])
    assert any(f.startswith("k64=") for f in feats[1]) and any(f.startswith("k512=") for f in feats[1])
    assert any(f.startswith("k64=") and f.endswith("+1") for f in feats[0])  # the next word's class
    assert not any(f.startswith("k512=") for f in sentence_features(["ज़्ज़्ज़्क़्"])[0])  # unknown: no class


def test_numpy_decoder_gives_crfsuites_tags_on_il_ner_dev(corpus) -> None:
    """The decoder reads the model's weights itself; on every IL-NER dev sentence (tagged
    one article-sized batch at a time, as the entity stage calls it) it must give exactly
    what crfsuite's own tagger gives for the same features."""
    from khabar.ner.tag import tag_sentences
    from khabar.ner.train import read_conll

    sents = [toks for toks, _ in read_conll(corpus / "il-ner-hindi" / "dev.txt")]
    assert len(sents) > 1000
    ours = []
    for k in range(0, len(sents), 25):
        ours.extend(tag_sentences(sents[k:k + 25]))
    theirs = [list(tagger().tag(sentence_features(toks))) for toks in sents]
    assert sum(a != b for a, b in zip(ours, theirs)) == 0
    assert sum(t != "O" for tags in ours for t in tags) > 1000  # names were found at all


def test_decoder_handles_empty_and_one_token_sentences() -> None:
    from khabar.ner.tag import tag_sentences

    out = tag_sentences([[], ["दिल्ली"], [], ["भारत", "में"]])
    assert [len(t) for t in out] == [0, 1, 0, 2]
    assert out[1] == list(tagger().tag(sentence_features(["दिल्ली"])))
    assert tag_sentences([]) == []


def test_decoder_weights_match_crfsuites_dump() -> None:
    """The weights read from the model file agree with crfsuite's six-decimal dump."""
    from khabar.ner.tag import weights

    w = weights()
    info = tagger().info()
    label = {name: w.labels.index(name) for name in w.labels}
    for (attr, lab), value in list(info.state_features.items())[:2000]:
        assert abs(w.state[w.rows[attr], label[lab]] - value) < 1e-5
    for (a, b), value in info.transitions.items():
        assert abs(w.trans[label[a], label[b]] - value) < 1e-5
    assert not w.state[0].any()  # the row of unknown features weighs nothing


@pytest.mark.parametrize("pairs_held", [40, 300_000])
def test_decoder_vocabulary_starting_afresh_changes_no_tag(corpus, monkeypatch, pairs_held) -> None:
    """The per-token score table is bounded: when it fills it starts afresh (never within one
    call), forgetting the neighbour pairs it knew by their rows; the pairs are bounded too.
    With room for only 300 tokens (and 40 pairs, or many), every batch must still get
    crfsuite's tags."""
    from khabar.ner import tag as tag_module
    from khabar.ner.train import read_conll

    sents = [toks for toks, _ in read_conll(corpus / "il-ner-hindi" / "dev.txt")][:300]
    monkeypatch.setattr(tag_module._Vocabulary, "CAPACITY", 300)
    monkeypatch.setattr(tag_module._Vocabulary, "PAIRS_HELD", pairs_held)
    tag_module._vocabulary.cache_clear()
    try:
        for k in range(0, len(sents), 10):
            batch = sents[k:k + 10]
            assert tag_module.tag_sentences(batch) == [list(tagger().tag(sentence_features(t))) for t in batch]
            assert len(tag_module._vocabulary().ids) <= max(300, sum(len(set(t)) for t in batch))
            assert len(tag_module._vocabulary().pairs_seen) <= pairs_held + 1 + sum(len(t) for t in batch)
    finally:
        tag_module._vocabulary.cache_clear()
