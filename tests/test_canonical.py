"""Tests for khabar.stages.canonical: variants merged, look-alikes and namesakes kept apart."""
from __future__ import annotations

import regex
import pytest

from khabar.fold import fold_key
from khabar.model import Article, Mention, Span
from khabar.stages.canonical import canonical_entities
from khabar.stages.entities import find_mentions


def _spans(text: str) -> list[Span]:
    """Sentence spans: lines split after a danda, ?, ! or a full stop before a space."""
    out = []
    for line in regex.finditer(r"[^\n]+", text):
        for m in regex.finditer(r".+?(?:[।?!]|\.(?=\s)|$)", line.group()):
            if m.group().strip():
                out.append(Span(line.start() + m.start(), line.start() + m.end()))
    return out


def _article(art_id: str, names: list[tuple[str, str]]) -> Article:
    """An article whose text is the names joined, with one mention per name."""
    text, mentions = "", []
    for name, label in names:
        start = len(text)
        text += name + " । "
        mentions.append(Mention(name, start, start + len(name), label, fold_key(name)))
    return Article(id=art_id, content_hash=art_id, origin=art_id, text=text,
                   language="hi", mentions=mentions)


def _entity_of(articles, text):
    return {m.entity for a in articles for m in a.mentions if m.text == text}


@pytest.fixture(scope="module")
def seed_story(seeds_dir):
    articles = []
    for path in sorted(seeds_dir.glob("00[0-3]_*.txt")):
        text = path.read_text(encoding="utf-8")
        articles.append(Article(id=path.name[:3], content_hash=path.name, origin=str(path),
                                text=text, language="hi",
                                mentions=find_mentions(text, "hi", _spans(text))))
    return articles, canonical_entities("s-1", articles)


def _ids_containing(articles, spelling, whole=False):
    """Entity ids of mentions that are (whole=True) or end with the spelling."""
    return {m.entity for a in articles for m in a.mentions
            if (m.text == spelling if whole else m.text.split()[-1] == spelling)}


@pytest.mark.parametrize("spellings,whole", [
    (["बेलौसोव", "बेलूसोव", "बेलोउसॉव"], False),
    (["ब्लादीमीर पुतिन", "व्लादिमीर पुतिन"], True),
    (["रूस", "रुस"], True),
])
def test_seed_variants_are_one_entity(seed_story, spellings, whole):
    articles, entities = seed_story
    ids = set()
    for spelling in spellings:
        found = _ids_containing(articles, spelling, whole)
        assert found, spelling  # each spelling was found as (part of) a mention
        ids |= found
    assert len(ids) == 1 and None not in ids
    (entity,) = [e for e in entities if e.id in ids]
    assert all(any(s in v for v in entity.variants) for s in spellings)
    assert len(entity.articles) >= 2


def test_seed_lookalike_places_stay_apart(seed_story):
    articles, entities = seed_story
    belousov = _ids_containing(articles, "बेलौसोव")
    russia = _ids_containing(articles, "रूस", whole=True)
    assert belousov and russia and not belousov & russia
    assert len({e.id for e in entities}) == len(entities)


def test_every_mention_gets_its_entity(seed_story):
    articles, entities = seed_story
    ids = {e.id for e in entities}
    for a in articles:
        for m in a.mentions:
            assert m.entity in ids
    for e in entities:
        assert sum(e.variants.values()) == sum(
            1 for a in articles for m in a.mentions if m.entity == e.id)


def test_lookalike_not_merged():
    arts = [_article("a", [("बेलौसोव", "PER"), ("बेलारूस", "LOC")]),
            _article("b", [("बेलूसोव", "PER"), ("बालासोर", "PER")])]
    canonical_entities("s", arts)
    assert _entity_of(arts, "बेलौसोव") == _entity_of(arts, "बेलूसोव")
    assert _entity_of(arts, "बेलौसोव") != _entity_of(arts, "बेलारूस")
    assert _entity_of(arts, "बेलौसोव") != _entity_of(arts, "बालासोर")


def test_two_singhs_not_merged_and_shared_surname_stays_apart():
    arts = [_article("a", [("राजनाथ सिंह", "PER"), ("सिंह", "PER")]),
            _article("b", [("जयशंकर सिंह", "PER"), ("सिंह", "PER")])]
    entities = canonical_entities("s", arts)
    rajnath, jaishankar, singh = (_entity_of(arts, n) for n in
                                  ("राजनाथ सिंह", "जयशंकर सिंह", "सिंह"))
    assert len(rajnath | jaishankar | singh) == 3
    assert len(entities) == 3


def test_unique_short_form_joins_the_full_name():
    arts = [_article("a", [("आंद्रेई बेलौसोव", "PER"), ("बेलौसोव", "PER")]),
            _article("b", [("आंद्रेई बेलूसोव", "PER"), ("बेलूसोव", "ORG")])]
    entities = canonical_entities("s", arts)
    assert len(entities) == 1
    (e,) = entities
    assert e.label == "PER" and e.name in ("आंद्रेई बेलौसोव", "आंद्रेई बेलूसोव")
    assert e.variants["बेलौसोव"] == 1 and e.articles == ["a", "b"]


def test_ids_are_global_across_stories():
    one = canonical_entities("s1", [_article("a", [("व्लादिमीर पुतिन", "PER")])])
    two = canonical_entities("s2", [_article("b", [("ब्लादीमीर पुतिन", "PER"),
                                                   ("रूस", "LOC")])])
    assert one[0].id in {e.id for e in two}
    assert one[0].id.startswith("e-") and len(one[0].id) == 12


def test_english_possessive_is_the_same_entity():
    arts = [Article(id="x", content_hash="x", origin="x", text="", language="en",
                    mentions=[Mention("Harry Winston", 0, 13, "PER", fold_key("Harry Winston")),
                              Mention("Harry Winston's", 20, 35, "PER",
                                      fold_key("Harry Winston's"))])]
    entities = canonical_entities("s", arts)
    assert len(entities) == 1 and entities[0].name == "Harry Winston"


def test_a_name_without_its_middle_name_is_the_same_person() -> None:
    from khabar.model import Article, Mention
    from khabar.fold import fold_key
    from khabar.stages.canonical import canonical_entities

    def m(t: str) -> Mention:
        return Mention(text=t, start=0, end=len(t), label="PER", key=fold_key(t))

    a = Article(id="a", content_hash="a", origin="a", text="x", mentions=[m("Christopher Kenyon Simpson"), m("Simpson")])
    b = Article(id="b", content_hash="b", origin="b", text="x", mentions=[m("Christopher Simpson"), m("Simpson")])
    c = Article(id="c", content_hash="c", origin="c", text="x", mentions=[m("Mary Simpson")])
    ents = canonical_entities("s", [a, b, c])
    by_variant = {v: e.id for e in ents for v in e.variants}
    assert by_variant["Christopher Simpson"] == by_variant["Christopher Kenyon Simpson"]
    assert by_variant["Mary Simpson"] != by_variant["Christopher Simpson"]
    assert by_variant["Simpson"] not in (by_variant["Mary Simpson"], by_variant["Christopher Simpson"])  # ambiguous


def test_titles_before_a_name_are_not_part_of_it():
    arts = [_article("a", [("नरेंद्र मोदी", "PER"), ("पीएम मोदी", "PER"), ("मोदी", "PER")]),
            _article("b", [("प्रधानमंत्री नरेंद्र मोदी", "PER"), ("रक्षा मंत्री राजनाथ सिंह", "PER"),
                           ("राजनाथ सिंह", "PER")]),
            _article("c", [("Chief Minister Saudamini Barman", "PER"), ("Saudamini Barman", "PER")])]
    ents = canonical_entities("s", arts)
    assert len(_entity_of(arts, "नरेंद्र मोदी") | _entity_of(arts, "पीएम मोदी") | _entity_of(arts, "मोदी")
               | _entity_of(arts, "प्रधानमंत्री नरेंद्र मोदी")) == 1
    assert _entity_of(arts, "रक्षा मंत्री राजनाथ सिंह") == _entity_of(arts, "राजनाथ सिंह")
    assert _entity_of(arts, "Chief Minister Saudamini Barman") == _entity_of(arts, "Saudamini Barman")
    names = {e.name for e in ents}
    assert "नरेंद्र मोदी" in names and "राजनाथ सिंह" in names and "Saudamini Barman" in names


def test_latin_and_devanagari_spellings_are_one_entity_but_short_names_are_not():
    arts = [_article("a", [("व्लादिमीर पुतिन", "PER"), ("पुतिन", "PER"), ("राम", "PER")]),
            _article("b", [("Vladimir Putin", "PER"), ("Rome", "PER")])]
    for a in arts[1:]:
        a.language = "en"
    ents = canonical_entities("s", arts)
    assert _entity_of(arts, "Vladimir Putin") == _entity_of(arts, "व्लादिमीर पुतिन") == _entity_of(arts, "पुतिन")
    assert _entity_of(arts, "राम") != _entity_of(arts, "Rome")  # skeletons of 2 letters meet by chance
    putin = next(e for e in ents if "Vladimir Putin" in e.variants)
    assert putin.name == "व्लादिमीर पुतिन" and putin.label == "PER"


def test_a_latin_name_meets_the_devanagari_name_as_written_and_a_misc_one_meets_any_label():
    # folding drops the nasal of ढिल्लों that "Dhillon" keeps; the skeleton of the name as
    # written still meets it. English tagging calls a lone unplaced word MISC.
    arts = [_article("a", [("सुखप्रीत ढिल्लों", "PER"), ("दोआबगढ़", "LOC"), ("सुंदरम", "LOC"), ("सिंदूरम", "PER")]),
            _article("b", [("Sukhpreet Dhillon", "PER"), ("Doabgarh", "MISC"), ("Sundram", "MISC")])]
    arts[1].language = "en"
    canonical_entities("s", arts)
    assert _entity_of(arts, "Sukhpreet Dhillon") == _entity_of(arts, "सुखप्रीत ढिल्लों")
    assert _entity_of(arts, "Doabgarh") == _entity_of(arts, "दोआबगढ़")
    # "sndrm" fits both सुंदरम and सिंदूरम: the MISC name joins neither
    assert _entity_of(arts, "Sundram") not in (_entity_of(arts, "सुंदरम"), _entity_of(arts, "सिंदूरम"))


def test_a_lone_latin_surname_finds_its_person_written_in_devanagari():
    arts = [_article("a", [("जुबैर कुरैशी", "PER"), ("अंशुमान बैंसला", "PER")]),
            _article("b", [("Zubair Qureshi", "PER"), ("Qureshi", "PER"), ("Bainsla", "PER")])]
    arts[1].language = "en"
    canonical_entities("s", arts)
    assert _entity_of(arts, "Qureshi") == _entity_of(arts, "Zubair Qureshi") == _entity_of(arts, "जुबैर कुरैशी")
    # Bainsla's person is written only in Devanagari here: the lone Latin surname (a
    # skeleton of four letters, but one word) stays apart rather than guess
    assert _entity_of(arts, "Bainsla") != _entity_of(arts, "अंशुमान बैंसला")


def test_two_names_the_tagging_joined_are_no_person():
    arts = [_article("a", [("Hemgiri and Tilakanchal", "PER"), ("Hemgiri", "PER"), ("राम और श्याम", "PER"),
                           ("Department of Health and Human Services", "ORG")])]
    ents = {e.name: e for e in canonical_entities("s", arts)}
    assert ents["Hemgiri and Tilakanchal"].label == "MISC" and ents["राम और श्याम"].label == "MISC"
    assert _entity_of(arts, "Hemgiri") != _entity_of(arts, "Hemgiri and Tilakanchal")  # no long form of it
    assert ents["Department of Health and Human Services"].label == "ORG"


def test_letters_after_an_honorific_are_initials_not_a_post():
    arts = [_article("a", [("प्रभात कुमार सिंह", "PER"), ("डॉ. सीएम सिंह", "PER"), ("सीएम योगी", "PER"),
                           ("योगी आदित्यनाथ", "PER")])]
    canonical_entities("s", arts)
    assert _entity_of(arts, "डॉ. सीएम सिंह") != _entity_of(arts, "प्रभात कुमार सिंह")
    assert _entity_of(arts, "सीएम योगी") == _entity_of(arts, "योगी आदित्यनाथ")
    text = "पटना के डॉ. सीएम सिंह ने कहा। प्रभात कुमार सिंह ने कहा।"
    a, b = text.index("सीएम सिंह"), text.index("प्रभात")
    m1 = Mention("सीएम सिंह", a, a + len("सीएम सिंह"), "PER", fold_key("सीएम सिंह"))
    m2 = Mention("प्रभात कुमार सिंह", b, b + len("प्रभात कुमार सिंह"), "PER", fold_key("प्रभात कुमार सिंह"))
    art = Article(id="b", content_hash="b", origin="b", text=text, language="hi", mentions=[m1, m2])
    assert text[m1.start:m1.end] == m1.text and text[m2.start:m2.end] == m2.text
    canonical_entities("s", [art])
    assert m1.entity != m2.entity


def test_titles_are_not_stripped_from_places():
    arts = [_article("a", [("दिल्ली", "LOC"), ("दक्षिण-पूर्व दिल्ली", "LOC")])]
    canonical_entities("s", arts)
    assert _entity_of(arts, "दिल्ली") != _entity_of(arts, "दक्षिण-पूर्व दिल्ली")


def test_a_short_form_in_brackets_is_the_same_organisation():
    text = "नेता शंघाई सहयोग संगठन (एससीओ) की बैठक में। एससीओ ने कहा। मरीज अखिल भारतीय आयुर्विज्ञान संस्थान (AIIMS) में। एम्स ने कहा।"
    names = [("शंघाई सहयोग संगठन", "ORG"), ("एससीओ", "ORG"), ("अखिल भारतीय आयुर्विज्ञान संस्थान", "ORG"), ("एम्स", "ORG")]
    mentions, at = [], 0
    for name, label in names:
        at = text.index(name, at)
        mentions.append(Mention(name, at, at + len(name), label, fold_key(name)))
        at += len(name)
    art = Article(id="a", content_hash="a", origin="a", text=text, language="hi", mentions=mentions)
    canonical_entities("s", [art])
    assert mentions[0].entity == mentions[1].entity
    assert mentions[2].entity == mentions[3].entity
    assert mentions[0].entity != mentions[2].entity


def test_one_qualifying_word_before_an_organisation_but_not_a_place():
    arts = [_article("a", [("स्वास्थ्य मंत्रालय", "ORG"), ("केंद्रीय स्वास्थ्य मंत्रालय", "ORG"),
                           ("बिहार स्वास्थ्य मंत्रालय", "ORG")])]
    canonical_entities("s", arts)
    assert _entity_of(arts, "स्वास्थ्य मंत्रालय") == _entity_of(arts, "केंद्रीय स्वास्थ्य मंत्रालय")
    assert _entity_of(arts, "स्वास्थ्य मंत्रालय") != _entity_of(arts, "बिहार स्वास्थ्य मंत्रालय")


def test_a_name_without_its_surname_and_a_quantifier_before_a_place():
    arts = [_article("a", [("प्रभात कुमार सिंह", "PER"), ("प्रभात कुमार", "PER"), ("दिल्ली", "LOC"),
                           ("पूरी दिल्ली", "LOC"), ("नई दिल्ली", "LOC")])]
    canonical_entities("s", arts)
    assert _entity_of(arts, "प्रभात कुमार") == _entity_of(arts, "प्रभात कुमार सिंह")
    assert _entity_of(arts, "पूरी दिल्ली") == _entity_of(arts, "दिल्ली") != _entity_of(arts, "नई दिल्ली")


def test_a_shared_first_two_words_fitting_two_people_stay_apart():
    arts = [_article("a", [("संजय कुमार झा", "PER"), ("संजय कुमार सिंह", "PER"), ("संजय कुमार", "PER")])]
    canonical_entities("s", arts)
    assert len(_entity_of(arts, "संजय कुमार") | _entity_of(arts, "संजय कुमार झा")
               | _entity_of(arts, "संजय कुमार सिंह")) == 3


def test_a_name_after_an_initial_is_a_surname_not_a_first_name():
    text = "रक्षा मंत्री जयशंकर सिंह ने कहा। विदेश मंत्री एस जयशंकर भी थे।"
    a = text.index("जयशंकर सिंह")
    b = text.index("जयशंकर", a + 1)
    m1 = Mention("जयशंकर सिंह", a, a + len("जयशंकर सिंह"), "PER", fold_key("जयशंकर सिंह"))
    m2 = Mention("जयशंकर", b, b + len("जयशंकर"), "PER", fold_key("जयशंकर"))
    art = Article(id="a", content_hash="a", origin="a", text=text, language="hi", mentions=[m1, m2])
    canonical_entities("s", [art])
    assert m1.entity != m2.entity
    arts = [_article("b", [("राजनाथ सिंह", "PER"), ("राजनाथ", "PER")])]  # a first name alone still joins
    canonical_entities("s", arts)
    assert _entity_of(arts, "राजनाथ") == _entity_of(arts, "राजनाथ सिंह")


def test_a_lone_name_before_hospital_or_road_is_that_place_not_the_person():
    text = "राहुल गांधी ने कहा। बच्चे का शहर के गांधी अस्पताल में इलाज हुआ। गांधी ने फिर कहा। पटेल नगर में जांच हुई।"

    def mention(name: str, at: int) -> Mention:
        start = text.index(name, at)
        return Mention(name, start, start + len(name), "PER", fold_key(name))

    rahul = mention("राहुल गांधी", 0)
    hospital = mention("गांधी", text.index("शहर"))
    later = mention("गांधी", text.index("गांधी ने फिर"))
    patel = mention("पटेल", 0)
    art = Article(id="a", content_hash="a", origin="a", text=text, language="hi",
                  mentions=[rahul, hospital, later, patel])
    ents = {e.id: e for e in canonical_entities("s", [art])}
    assert later.entity == rahul.entity != hospital.entity  # the person's lone surname still joins him
    assert (ents[hospital.entity].name, ents[hospital.entity].label) == ("गांधी अस्पताल", "ORG")
    assert (ents[patel.entity].name, ents[patel.entity].label) == ("पटेल नगर", "LOC")


def test_other_names_of_one_institution_are_one_entity_in_every_story():
    one = [_article("a", [("केंद्र सरकार", "ORG"), ("भारत सरकार", "ORG"), ("योगी सरकार", "ORG")])]
    ents = canonical_entities("s1", one)
    assert _entity_of(one, "केंद्र सरकार") == _entity_of(one, "भारत सरकार")
    assert _entity_of(one, "योगी सरकार").isdisjoint(_entity_of(one, "भारत सरकार"))  # a leader's name is no alias
    assert len(ents) == 2
    other = [_article("b", [("केंद्र सरकार", "ORG")])]  # another story that only writes the other name
    canonical_entities("s2", other)
    assert _entity_of(other, "केंद्र सरकार") == _entity_of(one, "भारत सरकार")


def test_an_english_name_capitalisation_labelled_takes_the_label_its_words_give():
    """The English tagging calls every unknown name of two words a person and one word MISC;
    the story's entity takes the label of its place, law or vessel words, or of a known place."""
    arts = [_article("a", [("Port Velar", "PER"), ("Gulf of Aden", "PER"), ("Hormozgan Province", "PER"),
                           ("Endangered Species Act", "PER"), ("MV Lantern Bay", "PER"), ("Texas", "MISC"),
                           ("Daniel Orwe", "PER"), ("Velar", "MISC"), ("Bay Bridge Authority", "ORG"),
                           ("North Sumatra", "PER"),
                           ("सुधीर वेलनकर", "PER")])]
    ents = {e.name: e.label for e in canonical_entities("s", arts)}
    assert ents["Port Velar"] == ents["Gulf of Aden"] == ents["Hormozgan Province"] == ents["Texas"] == "LOC"
    assert ents["North Sumatra"] == "LOC"  # a direction before a name
    assert ents["Endangered Species Act"] == ents["MV Lantern Bay"] == "MISC"
    assert ents["Daniel Orwe"] == "PER"  # no place or law word: the tagging's label stands
    assert ents["Bay Bridge Authority"] == "ORG"  # an organisation word already decided it
    assert ents["सुधीर वेलनकर"] == "PER"  # Devanagari names keep the Hindi tagger's label
    # the short forms join their long forms as before: "Velar" is Port Velar's
    assert _entity_of(arts, "Velar") == _entity_of(arts, "Port Velar")
