from khabar.text import ascii_digits, lowered_words, opening, words


def test_ascii_digits_replaces_devanagari_digits_in_place() -> None:
    text = "२२वीं बैठक में ११६ नए मामले, 2025 में 3"
    out = ascii_digits(text)
    assert out == "22वीं बैठक में 116 नए मामले, 2025 में 3"
    assert len(out) == len(text)
    plain = "कोई अंक नहीं"
    assert ascii_digits(plain) is plain  # nothing to replace: the same string back


def test_words_keep_devanagari_words_whole() -> None:
    assert words("प्रधानमंत्री ने कहा: 22वीं बैठक") == ["प्रधानमंत्री", "ने", "कहा", "22वीं", "बैठक"]


def test_lowered_words_are_the_words_of_the_lowered_ascii_text() -> None:
    text = "Putin ने कहा: २२वीं बैठक New Delhi में"
    assert lowered_words(text) == ("putin", "ने", "कहा", "22वीं", "बैठक", "new", "delhi", "में")
    assert lowered_words(text) is lowered_words(text[:])  # read again from the cache
    assert lowered_words("BBC") == ("bbc",)


def test_alternation_tries_the_longest_phrase_first_and_escapes() -> None:
    import regex

    from khabar.text import alternation

    pat = regex.compile(alternation(["कारण", "के कारण", "a.b"]))
    assert pat.search("बारिश के कारण").group() == "के कारण"
    assert pat.search("axb") is None and pat.search("a.b").group() == "a.b"  # the dot is literal
    assert regex.compile(alternation([])).search("anything") is None


def test_opening_is_the_first_worded_line_cut_at_a_word_end():
    text = "\n  \n— \nजिले के पूर्वी गांवों में रविवार की रात तेज आंधी से दर्जनों पेड़ गिर गए ।\nदूसरी पंक्ति"
    assert opening(text) == "जिले के पूर्वी गांवों में रविवार की रात तेज आंधी से दर्जनों पेड़ गिर गए ।"
    cut = opening(text, limit=30)
    assert cut.endswith("…") and len(cut) <= 31
    body = cut[:-1]
    assert text.split("\n")[3].startswith(body) and text.split("\n")[3][len(body)] == " "  # a whole word
    assert opening("Storm hits the coast", limit=12) == "Storm hits…"
    assert opening("") == "" and opening("— ।") == ""
