"""Latin names for Devanagari ones, with Hindi schwa deletion (issue 4)."""
from __future__ import annotations

import pytest

from khabar.romanize import romanize


@pytest.mark.parametrize("hindi, latin", [
    ("पुतिन", "Putin"),  # the final inherent vowel goes: not "Putina"
    ("व्लादिमीर पुतिन", "Vladimir Putin"),
    ("राजनाथ सिंह", "Rajnath Singh"),  # the medial one too; anusvara before a final ह is "ng"
    ("नरेंद्र मोदी", "Narendra Modi"),  # kept after a consonant cluster
    ("कमला", "Kamla"),
    ("भारत", "Bharat"),
    ("जयशंकर", "Jayshankar"),  # a nasalised vowel stays
    ("चंडीगढ़", "Chandigarh"),  # nukta letters
    ("क़ुरैशी", "Quraishi"),
    ("न", "Na"),  # one syllable keeps its vowel
])
def test_hindi_names(hindi: str, latin: str) -> None:
    assert romanize(hindi) == latin


def test_latin_passes_through_and_spellings_of_one_name_meet() -> None:
    assert romanize("Vladimir Putin") == "Vladimir Putin"
    assert romanize("ब्लादीमीर पुतिन").split()[1] == romanize("व्लादिमीर पुतिन").split()[1]


def test_story_entities_carry_a_romanized_name(seeds_dir) -> None:
    from khabar.ingest import read_inputs
    from khabar.model import RawDoc
    from khabar.pipeline import analyze_docs, build_stories

    arts = analyze_docs([d for d in read_inputs([seeds_dir]) if isinstance(d, RawDoc)]).articles
    ents = [e for s in build_stories(arts) for e in s.entities]
    assert ents and all(e.romanized and e.romanized.isascii() for e in ents if e.label == "PER"
                        and all("\u0900" <= c <= "\u097f" or c == " " for c in e.name))
