"""Direct quotes and reported speech with speakers (issue 5)."""
from __future__ import annotations

import pytest

from khabar.model import RawDoc
from khabar.pipeline import analyze_docs, build_stories
from khabar.stages.quotes import find_quotes
from khabar.stages.sentences import split_sentences


def _quotes(text: str, language: str):
    art = analyze_docs([RawDoc(id="a", raw=text, kind="json", origin="a", content_hash="a",
                               published="2026-03-12")]).articles[0]
    qs = find_quotes(art.text, language, art.sentences, art.mentions)
    for q in qs:
        assert art.text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert art.text[q.speaker_start:q.speaker_end] == q.speaker
    return qs


def test_hindi_reported_speech_with_a_post_and_a_name() -> None:
    qs = _quotes("पुल खुला\nलोक निर्माण मंत्री रामेश्वर पाठक ने कहा कि पुल पर कोई टोल नहीं लिया जाएगा।", "hi")
    assert len(qs) == 1 and qs[0].kind == "reported"
    assert qs[0].text.startswith("पुल पर कोई टोल")
    assert qs[0].speaker and qs[0].speaker.endswith("पाठक")


def test_a_connective_before_the_speaker_is_not_part_of_the_name() -> None:
    for lead in ("वहीं", "हालांकि", "दरअसल"):
        qs = _quotes(f"पुल खुला\nपुल पर काम पूरा हुआ। {lead} श्री पाठक ने कहा कि टोल नहीं लिया जाएगा।", "hi")
        assert [q.speaker for q in qs] == ["श्री पाठक"], (lead, [q.speaker for q in qs])


def test_hindi_direct_quote_and_according_to() -> None:
    qs = _quotes("बाढ़\nजिलाधिकारी ने कहा, “सभी स्कूल बुधवार तक बंद रहेंगे और राहत शिविर खुले रहेंगे।” "
                 "मौसम विभाग के अनुसार अगले दो दिन भारी बारिश हो सकती है।", "hi")
    kinds = {(q.kind, q.speaker) for q in qs}
    assert ("direct", "जिलाधिकारी") in kinds
    assert ("reported", "मौसम विभाग") in kinds


def test_english_direct_and_reported_and_no_apostrophe_quotes() -> None:
    qs = _quotes("Bridge opens\nThe minister's car crossed first. \"We kept our promise to the people,\" "
                 "said Minister Ravan Kelkar. Officials said that the toll would not be charged for a year.", "en")
    direct = [q for q in qs if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].text.startswith("We kept")
    assert direct[0].speaker and "Kelkar" in direct[0].speaker
    reported = [q for q in qs if q.kind == "reported"]
    assert reported and reported[0].text.startswith("the toll") and reported[0].speaker == "Officials"
    assert not any("s car" in q.text for q in qs)  # the apostrophe in minister's opened no quote


def test_english_speaker_before_an_aside_set_off_by_commas() -> None:
    qs = _quotes("Bridge opens\nThe bridge opened on Thursday. Public Works Minister Vikramaditya Chauhan, who "
                 "presided over the ceremony, said the work was finished four months ahead of schedule. Rahul "
                 "Mehta, the project engineer, said no toll would be charged.", "en")
    speakers = {q.text: q.speaker for q in qs if q.kind == "reported"}
    assert "Vikramaditya Chauhan" in speakers["the work was finished four months ahead of schedule"]
    assert speakers["no toll would be charged"] == "Rahul Mehta"


def test_english_content_before_the_speaker() -> None:
    qs = _quotes("Quake\nA magnitude 6.1 earthquake struck northern Chile on Tuesday, the U.S. Geological Survey "
                 "said, shaking buildings in the port city of Iquique. Three people were hurt in the town, "
                 "police said. Minister Ravan Kelkar reached the port on Wednesday. The damage is being assessed "
                 "by teams from the capital, he said, adding that aid would reach every village. In a statement "
                 "issued on Wednesday, the ministry said. Officials said on Twitter that schools in the region would reopen on Monday.", "en")
    got = {q.text: q.speaker for q in qs if q.kind == "reported"}
    assert got["A magnitude 6.1 earthquake struck northern Chile on Tuesday"] == "U.S. Geological Survey"
    assert not any(t.startswith("shaking") for t in got)  # a participle after "said," is not what was said
    assert got["Three people were hurt in the town"] == "police"
    assert "Ravan Kelkar" in got["The damage is being assessed by teams from the capital"]  # "he"
    assert "Ravan Kelkar" in got["aid would reach every village"]
    assert not any(t.startswith("In a statement") for t in got)  # an opening phrase, not a statement
    assert got["schools in the region would reopen on Monday"] == "Officials"  # "said on Twitter that"


def test_english_said_a_day_and_told_someone_that() -> None:
    qs = _quotes("Climb\nInspector Dave Gaskin said Monday the two deaths were not related at all. Jim Campbell "
                 "told the Herald on Sunday about the long climb. Mr Campbell told reporters on Monday that the "
                 "man was well equipped for the climb.", "en")
    got = {q.text: q.speaker for q in qs if q.kind == "reported"}
    assert "Dave Gaskin" in got["the two deaths were not related at all"]  # not "Monday the two …"
    assert got["the man was well equipped for the climb"] == "Mr Campbell"
    assert not any("Herald" in t for t in got)  # whom he told is not what he said
    qs = _quotes("Fire\nThe church burned down overnight, the pastor said Wednesday, adding that investigators "
                 "were considering arson.", "en")
    got = {q.text: q.speaker for q in qs if q.kind == "reported"}
    assert "pastor" in got["The church burned down overnight"] and "pastor" in got["investigators were considering arson"]


def test_pronoun_speaker_resolves_to_the_last_named_person() -> None:
    text = "बैठक\nसोनगढ़ में मुख्यमंत्री रामेश्वर पाठक ने अधिकारियों के साथ बैठक की। उन्होंने कहा कि राहत में देरी बर्दाश्त नहीं होगी।"
    art = analyze_docs([RawDoc(id="a", raw=text, kind="json", origin="a", content_hash="a")]).articles[0]
    qs = find_quotes(art.text, "hi", split_sentences(art.text, "hi"), art.mentions)
    said = [q for q in qs if q.text.startswith("राहत")]
    assert said
    named = [m for m in art.mentions if m.label == "PER"]
    if named:  # resolved to the person when the tagger found one, else the pronoun is kept
        assert said[0].speaker == named[-1].text
    else:
        assert said[0].speaker == "उन्होंने"


def test_scare_quotes_and_unbalanced_marks_are_not_quotes() -> None:
    qs = _quotes("खबर\nउन्होंने बैठक को 'बहुत बढ़िया' बताया। फिर “यह वाक्य कभी बंद नहीं होता\nअगली पंक्ति।", "hi")
    assert not [q for q in qs if q.kind == "direct"]


def test_story_lists_quotes_with_article_and_offsets(seeds_dir) -> None:
    from khabar.ingest import read_inputs

    arts = analyze_docs([d for d in read_inputs([seeds_dir]) if isinstance(d, RawDoc)]).articles
    by_id = {a.id: a for a in arts}
    stories = build_stories(arts)
    quotes = [q for s in stories for q in s.quotes]
    assert quotes
    for q in quotes:
        assert q.article in by_id
        assert by_id[q.article].text[q.start:q.end] == q.text


def test_a_relative_clause_is_no_speaker_but_who_the_organisation_is() -> None:
    qs = _quotes("Crash\nA reporter spoke to one man who said he called the police after he heard a crash.", "en")
    assert [q.speaker for q in qs if q.text.startswith("he called")] == [None]  # not "spoke to one man who"
    qs = _quotes("टीका\nकोरोना वायरस की वैक्सीन को लेकर WHO ने कहा कि इस पर काम तेजी से चल रहा है।", "hi")
    assert any("WHO" in (q.speaker or "") for q in qs)  # upper-case WHO is the organisation


def test_a_hindi_pronoun_far_from_any_name_takes_the_person_quoted_before() -> None:
    # invented: the post speaks first, three sentences without a person follow, then "उन्होंने"
    filler = " ".join(f"जिले के {n} गांवों में नावें भेजी गई हैं।" for n in ("चार", "पांच", "छह"))
    text = ("बाढ़ पर बैठक\nजिलाधिकारी ने कहा कि राहत शिविरों में भोजन की कमी नहीं होने दी जाएगी। " + filler +
            " उन्होंने कहा कि तटबंधों पर रात भर निगरानी रहेगी।")
    qs = _quotes(text, "hi")
    first = next(q for q in qs if q.text.startswith("राहत शिविरों"))
    later = next(q for q in qs if q.text.startswith("तटबंधों"))
    assert first.speaker == "जिलाधिकारी"
    assert (later.speaker, later.speaker_start) == ("जिलाधिकारी", first.speaker_start)
    # seven sentences of filler are too far back: the pronoun is kept
    far = text.replace(filler, filler + " " + filler + " जिले में स्कूल बंद हैं।")
    assert next(q for q in _quotes(far, "hi") if q.text.startswith("तटबंधों")).speaker == "उन्होंने"


def test_a_hindi_post_without_a_name_is_the_person_last_named_with_it() -> None:
    # invented: "the chief minister said" after the article named the chief minister
    text = ("बाढ़ पर बैठक\nसोनगढ़ के मुख्यमंत्री रामेश्वर पाठक ने सोमवार को अधिकारियों के साथ बैठक की। "
            "जिले के चार गांवों में नावें भेजी गई हैं। मुख्यमंत्री ने कहा कि राहत में देरी बर्दाश्त नहीं होगी।")
    qs = _quotes(text, "hi")
    said = next(q for q in qs if q.text.startswith("राहत में देरी"))
    named = [m for m in analyze_docs([RawDoc(id="a", raw=text, kind="json", origin="a", content_hash="a",
                                             published="2026-03-12")]).articles[0].mentions if m.label == "PER"]
    assert named  # the tagger finds the person; the quote points at the post and name written before
    assert said.speaker.endswith(named[0].text) and "मुख्यमंत्री" in said.speaker
    assert said.speaker_start < text.index("ने सोमवार")


@pytest.mark.parametrize("said_words, text, speaker", [
    # a pronoun far from any name is not carried to the speaker before, nor a bare post given
    # its holder: both measured on ECB+ and left out for English (khabar.stages.quotes)
    ("the embankments", "The collector said that relief camps would not run short of food. Boats were sent "
     "to four villages. Boats were sent to five villages. Boats were sent to six villages. He said that the "
     "embankments would be watched all night.", "He"),
    ("delays", "Chief Minister Rameshwar Pathak met officials on Monday. Boats were sent to four villages. "
     "The chief minister said that delays in relief would not be tolerated.", "chief minister"),
])
def test_english_speakers_are_left_as_written(said_words: str, text: str, speaker: str) -> None:
    said = next(q for q in _quotes("Flood meeting\n" + text, "en") if q.text.startswith(said_words))
    assert said.speaker.lower().endswith(speaker.lower())


def test_an_english_quote_according_to_someone_names_them_not_the_cue() -> None:
    text = ('Clinic closed\nThe clinic "will stay closed until the wiring is replaced," according to court records '
            'filed on Monday.')
    said = next(q for q in _quotes(text, "en") if q.text.startswith("will stay closed"))
    assert said.speaker == "court records filed on Monday"


def test_a_possessive_s_after_a_space_opens_no_quote() -> None:
    # tokenised text (ECB+ writes "Today 's", "pirates '"): the apostrophes are no quote marks
    text = ("Pirates held\nToday 's operation is the fourth successful offensive by the Navy in the heart of "
            "the pirates ' zone of operations , the navy said .")
    assert not any(q.text.startswith("s ") for q in _quotes(text, "en"))
    quoted = _quotes("Pirates held\nThe captain said 'the ship is safe and every sailor is well' on Sunday.", "en")
    assert [q.text for q in quoted if q.kind == "direct"] == ["the ship is safe and every sailor is well"]


def test_reported_speech_in_the_first_sentence_starts_after_the_dateline() -> None:
    # invented report: "PORT VELAR, March 12 (Harbour Times) - " says where it was written
    text = ("Ferry capsizes off Port Velar\nPORT VELAR, March 12 (Harbour Times) - At least 14 people died "
            "after a passenger ferry capsized off Port Velar on Wednesday evening, officials said.")
    art = analyze_docs([RawDoc(id="a", raw=text, kind="json", origin="a", content_hash="a",
                               published="2026-03-12")]).articles[0]
    assert art.dateline and art.dateline.upper() == "PORT VELAR"
    said = [q for q in art.quotes if q.speaker == "officials"]
    assert len(said) == 1 and said[0].text.startswith("At least 14 people died")
    assert art.text[said[0].start:said[0].end] == said[0].text
    # without the dateline given, the words before the story stay in (what the stage did before)
    bare = [q for q in find_quotes(art.text, "en", art.sentences, art.mentions) if q.speaker == "officials"]
    assert bare[0].text.startswith("PORT VELAR")


def test_an_english_name_right_before_said_is_the_speaker_not_a_name_after_it() -> None:
    # invented report: a name in what was said is no speaker ("X said rescue teams of the NDRF …")
    qs = _quotes("Flyover falls\nDistrict Magistrate Anjali Rathore said rescue teams of the NDRF worked "
                 "through the night. Minister Ravan Kelkar told Harbour Times that the port would reopen. "
                 "Nine people were inside the Velar Bible Church, said the fire chief, Tomas Weir.", "en")
    by_text = {q.text.split()[0]: q.speaker for q in qs if q.kind == "reported"}
    assert by_text["rescue"].endswith("Anjali Rathore")
    assert by_text["the"].endswith("Ravan Kelkar")
    # "<content>, said <post>, <name>.": the name after the verb speaks, not one ending the content
    assert by_text["Nine"] == "Tomas Weir"
    # "X, a post, said <content>": what follows the verb is what was said, whoever it names
    qs = _quotes("Row\nThe governor of Velar, Taban Oki, said Mr Rasul should resign.", "en")
    assert [(q.speaker, q.text) for q in qs if q.kind == "reported"] == [("Taban Oki", "Mr Rasul should resign")]


def test_hindi_according_to_figures_issued_by_someone_and_to_mere_information() -> None:
    # invented reports: the issuer of figures speaks; "जानकारी के अनुसार" names no one; WHO is no stopword
    qs = _quotes("खबर\nस्वास्थ्य मंत्रालय द्वारा जारी आंकड़ों के अनुसार देश में संक्रमितों की संख्या 3361 हो गयी है। "
                 "जानकारी के अनुसार, 25 मार्च को वित्त मंत्री सुधीर वेलनकर बजट पेश करेंगे। "
                 "WHO की रिपोर्ट के मुताबिक, केवल 2 पर्सेंट संक्रमित 18 साल से कम उम्र के हैं।", "hi")
    by_start = {q.text.split()[0]: q.speaker for q in qs}
    assert by_start["देश"] == "स्वास्थ्य मंत्रालय"
    assert by_start["25"] is None
    assert by_start["केवल"] == "WHO की रिपोर्ट"


def test_hindi_figures_speak_for_their_owner_or_for_no_one() -> None:
    # invented reports: "X के आंकड़ों के अनुसार" is X's when X is an institution; figures of a day are no one's,
    # and a quote of no one inside someone's reported words is part of them, not another quote
    qs = _quotes("खबर\nस्वास्थ्य विभाग के आंकड़ों के अनुसार जिले में 31 मामले हैं। "
                 "सरकारी आंकड़ों के अनुसार राज्य में 12 लोगों की मौत हुई है। "
                 "सचिव रमाकांत वेलनकर ने बताया कि पहले तीन दिन में मामले दोगुने हो रहे थे, जबकि पिछले सात दिनों "
                 "के आंकड़ों के अनुसार अब छह दिन में मामले दोगुने हो रहे हैं।", "hi")
    by_start = {q.text.split()[0]: q.speaker for q in qs}
    assert by_start["जिले"] == "स्वास्थ्य विभाग"
    assert by_start["राज्य"] is None
    assert "अब" not in by_start and by_start["पहले"].endswith("रमाकांत वेलनकर")


def test_english_words_before_said_that_are_a_clause_name_no_speaker() -> None:
    # invented report: "… arrested on Tuesday after investigators said" names no one; a day is cut off
    qs = _quotes("Arrest\nThe suspect was arrested on Tuesday after investigators said he had fled the city. "
                 "The Velar Times newspaper on Sunday said the port would reopen.", "en")
    by_start = {q.text.split()[0]: q.speaker for q in qs if q.kind == "reported"}
    assert by_start["he"] is None
    assert by_start["the"] == "Velar Times newspaper"


def test_a_pronoun_goes_on_with_the_speaker_not_with_one_spoken_of() -> None:
    """Invented. "X ने कहा कि <Y did something>. उन्होंने कहा कि …": when Y is only spoken of
    (named inside what X said, not its one subject) the pronoun is X; when Y is the one
    subject of what X said, the pronoun is Y; after "according to X", Y too."""
    def speaker_of(text: str, opening: str) -> str | None:
        return next(q for q in _quotes(text, "hi") if q.text.startswith(opening)).speaker

    pair = ("बैठक\nस्वास्थ्य विभाग ने कहा कि मंत्री रमेश वर्मा और मंत्री सुरेश पाठक ने अस्पतालों पर चर्चा की। "
            "उन्होंने कहा कि दोनों मंत्रियों ने दवाओं की आपूर्ति पर भी बात की।")
    assert speaker_of(pair, "दोनों मंत्रियों") == "स्वास्थ्य विभाग"
    named = ("अस्पताल\nस्वास्थ्य विभाग ने बताया कि नए अस्पताल का नाम मंत्री रमेश वर्मा के पिता के नाम पर रखा जाएगा। "
             "उन्होंने कहा कि अस्पताल अगले महीने खुल जाएगा।")
    assert speaker_of(named, "अस्पताल अगले") == "स्वास्थ्य विभाग"
    subject = ("दौरा\nस्वास्थ्य विभाग ने बताया कि मंत्री रमेश वर्मा ने जिला अस्पताल का दौरा किया। "
               "उन्होंने कहा कि मरीजों को हर सुविधा दी जाएगी।")
    assert speaker_of(subject, "मरीजों को") == "रमेश वर्मा"
