"""Tests for khabar.stages.language."""
from __future__ import annotations

import json

import pytest

from khabar.stages.language import detect_language


@pytest.mark.parametrize("name", ["000_6d0cb0a2792cc04d", "001_56b0c34c16bf4bba", "002_540acfb1cfd66e3e",
                                  "003_f20df1298b48f72c", "004_b44941ac62b5199f"])
def test_seed_pages_are_hindi(seeds_dir, name):
    result = detect_language((seeds_dir / f"{name}.txt").read_text(encoding="utf-8"))
    assert (result.language, result.romanized_hindi) == ("hi", False)


def test_ecbplus_articles_are_english(corpus):
    with open(corpus / "ecbplus" / "articles.jsonl", encoding="utf-8") as fh:
        docs = [json.loads(next(fh)) for _ in range(50)]
    results = [detect_language(d["text"]) for d in docs]
    assert all(r.language == "en" and not r.romanized_hindi for r in results)


@pytest.mark.parametrize("text", [
    "Modi ji ne kaha ki desh mein lockdown aur badhega, sabko ghar par rehna hoga",
    "Yaar main kal office nahi aa paunga, bahut kaam hai ghar pe aur tabiyat bhi theek nahi hai",
])
def test_romanized_hindi_is_flagged(text):
    result = detect_language(text)
    assert (result.language, result.romanized_hindi) == ("hi", True)


@pytest.mark.parametrize("text", [
    "El presidente dijo que la economía se recuperará el próximo año con más empleo",
    "Le président a déclaré que la situation est sous contrôle et que les écoles resteront ouvertes",
    "Der Präsident sagte, dass die Lage unter Kontrolle ist und die Schulen offen bleiben",
    "मुंबई : राज्यातील कोरोना रुग्णांची संख्या वाढत आहे आणि सरकारने नवीन नियम जाहीर केले आहेत.",
    "काठमाडौं । सरकारले नयाँ नियम लागू गरेको छ र सबैले सावधानी अपनाउनुपर्छ भने ।",
    "کراچی میں بارش ہوئی اور شہر میں پانی بھر گیا",
    "",
    "12345 !!!",
])
def test_other_languages(text):
    assert detect_language(text).language == "other"


def test_short_english_headline_and_hindi_headline():
    assert detect_language("Esther Williams, swimming star, dies at 91").language == "en"
    assert detect_language("भारत-रूस रक्षा संबंध मजबूत").language == "hi"


def test_hindi_with_english_words_stays_hindi():
    text = "Vladimir Putin India Visit: रूस के रक्षा मंत्री गुरुवार को रक्षा मंत्री के साथ अहम बैठक करेंगे और सहयोग पर बात करेंगे."
    assert detect_language(text).language == "hi"
