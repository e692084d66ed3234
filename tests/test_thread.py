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


# A count of one place on two days, worded anew, among stories that all name the place (so
# that neither the place nor the words hold the two days together), and another place's count.
_COUNT_DAY1 = ("नीलपुर में बुखार के 62 नए मामले\nनीलपुर। स्वास्थ्य विभाग ने सोमवार को बताया कि जिले में बुखार के 62 नए "
               "मामले सामने आए हैं। अस्पतालों में बिस्तर बढ़ाए गए हैं और जांच शिविर लगाए जा रहे हैं।")
_COUNT_DAY2 = ("नीलपुर में मंगलवार को सामने आए 67 मामले\nनीलपुर। जिला प्रशासन के अनुसार दिनभर में 67 मामले दर्ज हुए, "
               "जिनमें 12 बच्चे हैं। शहर की दवा दुकानों पर भीड़ रही और स्कूल दो दिन बंद रहेंगे।")
_COUNT_ELSEWHERE = ("हिमगढ़ में बुखार के 40 नए मामले\nहिमगढ़। मंगलवार को हिमगढ़ में बुखार के 40 नए मामले मिले। "
                    "नगर निगम ने सफाई अभियान शुरू किया है।")
_SAME_PLACE = [
    "नीलपुर में नए पुल का उद्घाटन\nनीलपुर। नदी पर बने नए पुल का उद्घाटन रविवार को हुआ। पुल से दोनों किनारों के गांव जुड़ेंगे।",
    "नीलपुर मेले में उमड़ी भीड़\nनीलपुर। वार्षिक मेले में हजारों लोग पहुंचे। हस्तशिल्प की दुकानों पर खूब बिक्री हुई।",
    "नीलपुर नगर परिषद चुनाव की तारीख घोषित\nनीलपुर। राज्य निर्वाचन आयोग ने नगर परिषद चुनाव की तारीखें घोषित कीं।",
    "नीलपुर के किसानों को मिला मुआवजा\nनीलपुर। ओलावृष्टि से फसल गंवाने वाले किसानों के खातों में राहत राशि भेजी गई।",
    "नीलपुर स्टेशन पर रुकेगी नई रेलगाड़ी\nनीलपुर। रेलवे ने घोषणा की कि राजधानी जाने वाली नई रेलगाड़ी यहां रुकेगी।",
    "नीलपुर विश्वविद्यालय में दीक्षांत समारोह\nनीलपुर। विश्वविद्यालय के दीक्षांत समारोह में छात्रों को उपाधियां दी गईं।",
    "नीलपुर में तेंदुए की दहशत\nनीलपुर। जंगल से सटे गांवों में तेंदुआ दिखने के बाद वन विभाग ने पिंजरे लगाए।",
]


def test_a_places_daily_counts_thread_by_their_series_key() -> None:
    from khabar.stages.thread import profile_from_json, profile_json, story_profile

    records = [("d1", _COUNT_DAY1, "2026-03-02"), ("d2", _COUNT_DAY2, "2026-03-03"),
               ("o", _COUNT_ELSEWHERE, "2026-03-03")]
    records += [(f"m{k}", text, f"2026-03-{10 + k}") for k, text in enumerate(_SAME_PLACE)]
    arts = _arts(records)
    profiles = [("s" + i, day, story_profile([arts[i]])) for i, _text, day in records]
    by_id = {sid: p for sid, _d, p in profiles}
    assert by_id["sd1"].series and by_id["sd1"].series == by_id["sd2"].series
    assert by_id["so"].series and by_id["so"].series != by_id["sd1"].series
    assert not any(by_id[f"sm{k}"].series for k in range(len(_SAME_PLACE)))  # no count in those titles
    threads = find_threads(profiles)
    assert threads.get("sd1") and threads.get("sd1") == threads.get("sd2")
    assert "so" not in threads and not any(f"sm{k}" in threads for k in range(len(_SAME_PLACE)))
    # without the key, the two days are not a thread: it is what joins them
    assert "sd1" not in find_threads([(sid, day, p._replace(series=())) for sid, day, p in profiles])
    # a profile stored before series keys still reads, with none
    old = profile_json(by_id["sd1"]._replace(series=()))
    assert profile_from_json(old).series == () and profile_from_json(profile_json(by_id["sd1"])) == by_id["sd1"]


def test_a_count_of_people_or_of_hours_is_no_series() -> None:
    from khabar.stages.facts import _stem, counted_thing

    assert counted_thing("नए " + _stem("मामलों")) == _stem("मामलों")
    assert counted_thing(_stem("लोगों")) == "" and counted_thing(_stem("people")) == ""
    a = _arts([("h", "नीलपुर में 24 घंटे में 30 लोग बीमार\nनीलपुर। पिछले 24 घंटे में 30 लोग बीमार पड़े।", "2026-03-02")])
    assert {f.slot for f in a["h"].facts if f.kind == "count"} == {_stem("घंटे"), _stem("लोग")}  # counted, and no key
    from khabar.stages.thread import story_profile
    assert story_profile([a["h"]]).series == ()


def test_a_story_carries_the_series_key_most_of_its_titles_give() -> None:
    from khabar.stages.thread import story_profile

    records = [("d1", _COUNT_DAY1, "2026-03-02")] + [(f"m{k}", text, "2026-03-02") for k, text in enumerate(_SAME_PLACE[:2])]
    arts = _arts(records)
    one_of_three = story_profile([arts["d1"], arts["m0"], arts["m1"]])
    assert story_profile([arts["d1"]]).series and one_of_three.series == ()
    assert story_profile([arts["d1"], arts["m0"]]).series == story_profile([arts["d1"]]).series  # one of two is half


def _series_of(title: str, day: str = "2026-03-02") -> tuple[str, ...]:
    from khabar.stages.thread import story_profile

    a = _arts([("x", title + "\nनीलपुर। जिला प्रशासन ने आज यह जानकारी दी और लोगों से घरों में रहने को कहा।", day)])
    return story_profile([a["x"]]).series


def test_one_tally_worded_two_ways_gives_one_series_key() -> None:
    # a day's new cases and the next day's infected, deaths of "people" and deaths written out:
    # the tally-<kind> words of facts_words.txt make one key of each
    cases = _series_of("नीलपुर में बुखार के 62 नए मामले")
    assert cases and cases == _series_of("नीलपुर में 67 और लोग संक्रमित", "2026-03-03")
    assert cases == _series_of("नीलपुर में बुखार के 70 नए केस", "2026-03-04")
    deaths = _series_of("नीलपुर में बुखार से अब तक तीन लोगों की मौत")
    assert deaths and deaths == _series_of("नीलपुर में कुल 12 मौतें", "2026-03-03")
    assert set(cases).isdisjoint(deaths)  # cases and deaths are two series
    assert _series_of("हिमगढ़ में बुखार के 40 नए मामले") != cases  # another place's
    assert _series_of("नीलपुर में बुखार की मौत से दहशत") == ()  # a tally word, but no number counts it


def test_a_tally_for_the_country_or_the_world_has_a_series_key() -> None:
    national = _series_of("देश में बुखार से अब तक 273 मौतें")
    assert national and national == _series_of("देश में बुखार से मरने वालों की संख्या 300", "2026-03-03")
    world = _series_of("दुनिया में बुखार से 50 हजार मौतें")
    assert world and set(world).isdisjoint(national)
    # Hindi news means India by "the country" (home in facts_words.txt): one series
    assert set(national) & set(_series_of("भारत में बुखार से अब तक 280 मौतें", "2026-03-04"))
    from khabar.stages.facts import home_country

    assert home_country("hi") == "भारत" and home_country("en") == "" and home_country(None) == ""


def test_english_titles_give_series_keys_too() -> None:
    from khabar.stages.facts import tally_kind, tally_scope

    assert tally_kind("infections") == tally_kind("cases") == tally_kind("मामलों") == "cases"
    assert tally_kind("killed") == tally_kind("मौतें") == "deaths" and tally_kind("meeting") == ""
    assert tally_scope("worldwide") == tally_scope("दुनिया") == "world" and tally_scope("Delhi") == ""


def test_a_title_that_counts_without_a_place_takes_the_leads_place() -> None:
    from khabar.stages.thread import story_profile

    def series(title: str, lead: str) -> tuple[str, ...]:
        a = _arts([("x", f"{title}\n{lead} अस्पतालों में बिस्तर बढ़ाए गए हैं।", "2026-03-02")])
        return story_profile([a["x"]]).series

    titled = _series_of("नीलपुर में बुखार से 12 मौतें")
    both = set(series("12 मौतें, 300 संक्रमित", "नीलपुर में बुखार से अब तक 12 लोगों की मौत हो चुकी है।"))
    assert titled and both == set(titled) | set(_series_of("नीलपुर में कुल 300 लोग संक्रमित"))
    # the lead's place stands in only for a title that names none
    assert series("हिमगढ़ में बुखार से 12 मौतें", "नीलपुर के अस्पताल में भी मरीज भर्ती हुए हैं।") \
        == _series_of("हिमगढ़ में बुखार से 12 मौतें")
    assert series("बुखार का कहर जारी", "नीलपुर में बुखार से अब तक 12 लोगों की मौत हो चुकी है।") == ()  # no count


def test_an_accidents_toll_starts_no_series() -> None:
    # a tally word beside a number the word is not counted by keys a series only where the
    # title marks a running tally (कुल, अब तक, संख्या) or gives a bulletin's two figures
    assert _series_of("नीलपुर में सड़क हादसे में तीन लोगों की मौत") == ()
    assert _series_of("नीलपुर में आग लगने से पांच लोगों की मौत", "2026-03-05") == ()
    assert _series_of("नीलपुर में मरीजों की संख्या 38")  # marked
    bulletin = _series_of("नीलपुर में 12 की मौत, 300 संक्रमित")
    assert len(bulletin) == 2  # deaths and cases


def test_a_measure_imposed_extended_and_lifted_is_one_series() -> None:
    imposed = _series_of("नीलपुर में कर्फ्यू लागू")
    assert imposed and imposed == _series_of("नीलपुर में 17 मई तक बढ़ा कर्फ्यू", "2026-03-20")
    assert imposed == _series_of("नीलपुर से कर्फ्यू हटाया गया", "2026-04-02")
    assert _series_of("नीलपुर में कर्फ्यू के बीच मजदूर फंसे") == ()  # no step taken with it
    assert not set(_series_of("हिमगढ़ में लॉकडाउन लागू")) & set(imposed)  # another place, another measure
    records = [("a", "नीलपुर में कर्फ्यू लागू\nनीलपुर। जिला प्रशासन ने शहर में कर्फ्यू लगा दिया और बाजार बंद रहे।", "2026-03-02"),
               ("b", "नीलपुर में 17 मई तक बढ़ा कर्फ्यू\nनीलपुर। प्रशासन ने सुबह सात से ग्यारह बजे तक दुकानें खोलने की छूट दी।",
                "2026-04-29")]
    from khabar.stages.thread import story_profile

    arts = _arts(records)
    threads = find_threads([("s" + i, day, story_profile([arts[i]])) for i, _t, day in records])
    assert threads.get("sa") and threads.get("sa") == threads.get("sb")


def test_one_incidents_toll_counted_by_a_number_starts_no_series() -> None:
    def series(title: str) -> tuple[str, ...]:
        from khabar.stages.thread import story_profile

        a = _arts([("x", title + "\nOfficials in Nilpur gave the figures on Monday evening to reporters.", "2026-03-02")])
        return story_profile([a["x"]]).series

    assert series("Three killed in Nilpur road accident") == ()  # an incident's toll
    toll = series("Nilpur blast toll rises to 12")  # the same toll as it grows is a series
    assert toll and toll == series("Nilpur fever deaths climb to 40")
    assert series("Nilpur reports 62 new fever cases")  # cases need no mark when counted
