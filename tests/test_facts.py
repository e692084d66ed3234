"""Comparable facts in one article (issue 5)."""
from __future__ import annotations

from khabar.model import RawDoc
from khabar.pipeline import analyze_docs


def _facts(text: str, published: str = "2026-03-12"):
    art = analyze_docs([RawDoc(id="a", raw=text, kind="json", origin="a", content_hash="a",
                               published=published)]).articles[0]
    for f in art.facts:
        assert art.text[f.start:f.end] == f.text
        assert f.start <= f.value_start < f.value_end <= f.end
    return art.facts


def test_counts_amounts_percents_measures_and_ordinals_in_hindi() -> None:
    facts = _facts("सोनगढ़ में राहत पैकेज मंजूर\nराज्य सरकार ने आयोग की 22वीं बैठक में 180 करोड़ रुपये का पैकेज मंजूर किया। "
                   "जिले में 116 नए मामले मिले। प्रवेश शुल्क 8 प्रतिशत से घटाकर 3 प्रतिशत किया गया। "
                   "नदी पर बना 2.4 किलोमीटर लंबा पुल खुला।")
    got = {(f.kind, f.value) for f in facts}
    assert ("ordinal", "22") in got
    assert ("amount", "1800000000 INR") in got
    assert ("count", "116") in got
    assert ("percent", "3") in got and ("percent", "8") in got
    assert ("measure", "2.4") in got
    new_cases = [f for f in facts if f.kind == "count" and f.value == "116"][0]
    assert new_cases.slot.split()[0] != new_cases.slot.split()[-1]  # the modifier (new) is kept in the slot
    from_rate = [f for f in facts if f.kind == "percent" and f.value == "8"][0]
    to_rate = [f for f in facts if f.kind == "percent" and f.value == "3"][0]
    assert from_rate.slot != to_rate.slot  # "from 8%" is not the new rate


def test_plural_and_oblique_forms_share_a_slot_and_english_works() -> None:
    hi = _facts("बाढ़\nजिले में 12 मामले मिले। पड़ोसी जिले के 14 मामलों की जांच हुई।")
    slots = {f.slot for f in hi if f.kind == "count"}
    assert len(slots) == 1
    en = _facts("Flood relief\nThe state approved Rs 150 crore for 112 villages, about 3% of its budget.")
    got = {(f.kind, f.value, f.approx) for f in en}
    assert ("amount", "1500000000 INR", False) in got
    assert ("count", "112", False) in got
    assert ("percent", "3", True) in got  # "about" makes it approximate


def test_dates_times_years_and_table_rows_are_not_counts() -> None:
    facts = _facts("बैठक\n12 मार्च 2026 को सुबह 7 बजे से बैठक हुई। 2028 तक काम पूरा होगा।\n16 महाराष्ट्र 193 25 8")
    assert not [f for f in facts if f.kind == "count"]


def test_roles_places_and_participants() -> None:
    facts = _facts("बैठक\nरक्षा मंत्री रामेश्वर पाठक और सोनगढ़ के रक्षा मंत्री जनरल अमरकांत वर्मा ने बैठक की। "
                   "दोनों ने राष्ट्रीय युद्ध स्मारक पर श्रद्धांजलि दी।")
    kinds = {f.kind for f in facts}
    assert "place" in kinds
    places = [f for f in facts if f.kind == "place"]
    assert places[0].text.endswith("स्मारक")
    roles = [f for f in facts if f.kind == "role"]
    if roles:  # depends on the tagger finding both names; when it does, the posts differ by the qualifier
        assert len({f.slot for f in roles}) == len(roles)


def test_place_before_a_post_is_what_reading_every_place_finds() -> None:
    """The bisection finder gives what scanning every place mention gave."""
    import random

    from khabar.model import Mention
    from khabar.stages.facts import _QUALIFIER_GAP, _Places

    rng = random.Random(7)
    # places: words "P<n>" with spaces and particles between them
    pieces = [rng.choice(["P1", "P22", "के", "का", "x", "yy", "'s"]) for _ in range(300)]
    text, places = "", []
    for piece in pieces:
        text += " " * rng.randint(1, 3)
        if piece.startswith("P"):
            places.append(Mention(piece, len(text), len(text) + len(piece), "LOC", piece.lower()))
        text += piece
    finder = _Places(text, places)
    for pos in range(len(text) + 1):
        found = [o for o in places if o.end <= pos and _QUALIFIER_GAP.fullmatch(text, o.end, pos)]
        assert finder.right_before(pos) == (found[-1] if found else None)


def test_english_clock_times_are_not_counts() -> None:
    facts = _facts("Quake hits Chile\nThe quake hit at 10:14 a.m. local time (1414 GMT), about 60 km from "
                   "Iquique, and killed 3 people. The rescue took 4 hours.")
    counts = {(f.slot, f.value) for f in facts if f.kind == "count"}
    assert ("people", "3") in counts and any(v == "4" for _, v in counts)  # durations are facts
    assert not any(v in ("14", "1414", "10") for _, v in counts)


def test_an_english_count_is_of_the_head_noun_of_its_phrase() -> None:
    # invented report: the counted thing is the last noun of the phrase, not the first word
    # after the number; a verb after the noun, an adverb of place and a hyphen end the phrase
    facts = _facts("Raid on the coast\nThe navy seized seven AK-47 assault rifles, 13 fully loaded magazines "
                   "and three machine guns. Two boats closing in were stopped 150 nautical miles away. "
                   "The 23 pirates attacked a merchant vessel. She began a 90-day court-mandated stay. "
                   "It sank 3 ships.")
    got = {f.text: f.slot for f in facts if f.kind == "count"}
    assert got["seven AK-47 assault rifles"] == got["three machine guns"].replace("gun", "rifl")
    assert got["13 fully loaded magazines"].startswith("magazin")
    assert got["Two boats"] == "boat"
    assert got["150 nautical miles"].startswith("mil")
    assert got["23 pirates"].startswith("pirat")
    assert got["90-day"] == "day"
    assert "3 ships" in got  # the full stop after a count is not part of it
    assert not any(f.value == "47" for f in facts)  # the number of a name (AK-47) counts nothing


def test_english_number_words_past_twelve_and_tens_with_their_units() -> None:
    # invented report: "Thirty-two" is one number, 32; a decade ("nineteen sixties") counts nothing
    facts = _facts("Ferry rescue\nThirty-two people were pulled from the water and seventeen crew "
                   "members were missing. The ferry was built in the nineteen sixties.")
    got = {f.text: (f.slot, f.value) for f in facts if f.kind == "count"}
    assert got["Thirty-two people"] == ("people", "32")
    assert got["seventeen crew members"][1] == "17"
    assert not any(f.value == "19" for f in facts)


def test_a_scale_or_unit_at_the_end_of_a_sentence_counts() -> None:
    # invented report: "crore." and "km." carry the sentence's full stop; the figure is whole
    facts = _facts("Flyover\nThe flyover was built by Navyug Infra at a cost of Rs 180 crore. It is 1.2 km.")
    got = {f.kind: (f.value, f.text) for f in facts}
    assert got["amount"] == ("1800000000 INR", "180 crore")  # as "180 करोड़ रुपये" gives it
    assert got["measure"] == ("1.2", "1.2 km")


def test_two_reports_of_one_count_worded_differently_share_a_slot() -> None:
    one = {f.value: f.slot for f in _facts("Raid\nThe navy seized nine assault rifles on Saturday.")}
    two = {f.value: f.slot for f in _facts("Raid\nThe navy seized seven AK-47 rifles on Saturday.")}
    assert one["9"] == two["7"]


def test_counts_of_dead_or_injured_people_share_one_slot_in_any_language() -> None:
    # invented reports: the toll's slot names what it counts, not the word a language counts it with
    en = {f.text: f.slot for f in _facts("Flyover\nSix people were killed and 11 injured. 7 dead were counted. "
                                         "Five people were rescued.") if f.kind == "count"}
    hi = {f.text: f.slot for f in _facts("फ्लाईओवर\nसात लोगों की मौत हो गई और 11 लोग घायल हो गए। पांच लोगों को बचाया गया।")
          if f.kind == "count"}
    assert en["Six people"] == en["7 dead"] == hi["सात लोगों"] == "tally:deaths"
    assert en["11 injured"] == hi["11 लोग"] == "tally:injured"
    assert en["Five people"] != "tally:deaths" and hi["पांच लोगों"] != "tally:deaths"  # rescued: no toll
