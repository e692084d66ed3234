from khabar.text import ascii_digits, words


def test_ascii_digits_replaces_devanagari_digits_in_place() -> None:
    text = "२२वीं बैठक में ११६ नए मामले, 2025 में 3"
    out = ascii_digits(text)
    assert out == "22वीं बैठक में 116 नए मामले, 2025 में 3"
    assert len(out) == len(text)
    plain = "कोई अंक नहीं"
    assert ascii_digits(plain) is plain  # nothing to replace: the same string back


def test_words_keep_devanagari_words_whole() -> None:
    assert words("प्रधानमंत्री ने कहा: 22वीं बैठक") == ["प्रधानमंत्री", "ने", "कहा", "22वीं", "बैठक"]
