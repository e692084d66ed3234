"""Tests for khabar.stages.normalize."""
from __future__ import annotations

import unicodedata

from khabar.stages.normalize import normalize


def test_crlf_and_lone_cr_become_lf():
    assert normalize("एक\r\nदो\rतीन") == "एक\nदो\nतीन"


def test_zero_width_and_soft_hyphen_removed_inside_words():
    # web copy puts ZWJ inside conjuncts ("क्‍वारंटाइन") and ZWSP/soft hyphens in words
    raw = "क्\u200dवारंटाइन नि\u200cर्णय co\u00adordinate \ufeffशुरू\u200b"
    assert normalize(raw) == "क्वारंटाइन निर्णय coordinate शुरू"


def test_nukta_spellings_agree():
    precomposed = "\u095b\u093f\u0932\u093e"  # ज़िला with U+095B
    decomposed = "\u091c\u093c\u093f\u0932\u093e"  # ज + nukta + ि + ला
    late_nukta = "\u091c\u093f\u093c\u0932\u093e"  # nukta typed after the vowel sign
    out = {normalize(precomposed), normalize(decomposed), normalize(late_nukta)}
    assert len(out) == 1
    only = out.pop()
    assert unicodedata.is_normalized("NFC", only)
    assert "\u093c\u093c" not in normalize("ड\u093c\u093c")


def test_pipe_as_danda_next_to_devanagari():
    assert normalize("वह घर गया | फिर लौटा|") == "वह घर गया । फिर लौटा।"
    assert normalize("जय हिंद || वंदे मातरम ।।") == "जय हिंद ॥ वंदे मातरम ॥"


def test_pipe_as_separator_is_kept():
    line = "Edited By A B | नवभारतटाइम्स.कॉम | Updated: 21 Mar 2020"
    assert normalize(line) == line
    assert normalize("x | y") == "x | y"


def test_whitespace_collapsed_and_lines_kept():
    raw = "  शीर्षक\u00a0 यहां \t है  \n \t \n\n\n\nपहला\tअनुच्छेद  \n\n"
    assert normalize(raw) == "शीर्षक यहां है\n\nपहला अनुच्छेद"


def test_at_most_one_empty_line():
    out = normalize("a\n\n\n\nb\n \n  \nc")
    assert out == "a\n\nb\n\nc"


def test_idempotent_on_seed(seeds_dir):
    text = (seeds_dir / "003_f20df1298b48f72c.txt").read_text(encoding="utf-8")
    once = normalize(text)
    assert normalize(once) == once
    assert "\r" not in once and "\u200d" not in once
