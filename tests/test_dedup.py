"""Exact and near-duplicate detection (issue 2, stage 6)."""
from __future__ import annotations

from khabar.model import Article
from khabar.stages.dedup import find_duplicates

WIRE = ("नई दिल्ली। राज्य सरकार ने बुधवार को नई जल नीति को मंजूरी दे दी। नीति के तहत हर गांव में पानी की "
        "जांच के लिए प्रयोगशाला बनेगी और नदियों के किनारे पेड़ लगाए जाएंगे। जल मंत्री ने कहा कि अगले तीन साल "
        "में इस पर बारह सौ करोड़ रुपये खर्च होंगे। विपक्ष ने नीति को अधूरा बताया और कहा कि किसानों से राय नहीं "
        "ली गई। सरकार का कहना है कि जिलों में सुनवाई के बाद नियम बनाए जाएंगे।")
OTHER = ("नई दिल्ली। जल नीति पर विपक्ष ने सरकार को घेरा। नेता प्रतिपक्ष ने विधानसभा में कहा कि नीति बनाते "
         "समय किसानों और पंचायतों से कोई चर्चा नहीं हुई। उन्होंने मांग की कि नीति को प्रवर समिति को भेजा जाए। "
         "सरकार ने कहा कि सुझावों पर विचार होगा।")


def art(i: str, title: str, body: str, published: str | None = None) -> Article:
    text = f"{title}\n{body}"
    return Article(id=i, content_hash=i, origin=i, text=text, title=title, published=published)


def test_exact_copy_under_another_headline() -> None:
    dups = find_duplicates([art("b", "जल नीति मंजूर", WIRE, "2025-01-02"), art("a", "नई जल नीति", WIRE, "2025-01-01")])
    assert dups == {"b": ("a", "exact")}


def test_near_copy_with_an_edit_and_furniture() -> None:
    edited = WIRE.replace("बारह सौ करोड़", "1200 करोड़") + " विज्ञापन। ये भी पढ़ें: मौसम का हाल।"
    dups = find_duplicates([art("a", "नई जल नीति", WIRE, "2025-01-01"), art("b", "जल नीति को हरी झंडी", edited, "2025-01-01")])
    assert dups == {"b": ("a", "near")}


def test_same_topic_other_article_is_not_a_copy() -> None:
    assert find_duplicates([art("a", "नई जल नीति", WIRE), art("b", "विपक्ष का हमला", OTHER)]) == {}


def test_groups_are_transitive_and_point_at_the_earliest() -> None:
    v2 = WIRE + " मंत्री ने दौरा भी किया।"
    v3 = v2 + " अधिकारी मौजूद रहे।"
    dups = find_duplicates([art("c", "t3", v3, "2025-01-03"), art("b", "t2", v2, "2025-01-02"), art("a", "t1", WIRE, "2025-01-01")])
    assert dups == {"b": ("a", "near"), "c": ("a", "near")}


def test_order_does_not_matter() -> None:
    xs = [art("a", "t", WIRE, "2025-01-01"), art("b", "u", WIRE + " अंत।", "2025-01-02"), art("c", "v", OTHER)]
    assert find_duplicates(xs) == find_duplicates(list(reversed(xs)))


def test_near_copy_links_are_not_chained() -> None:
    # a shares most shingles with b, b with c, but a and c share too few: c is no copy of a
    vocab = [f"शब्द{n}" for n in range(60)]
    a = art("a", "क", " ".join(vocab[0:40]), "2025-01-01")
    b = art("b", "ख", " ".join(vocab[10:50]), "2025-01-02")
    c = art("c", "ग", " ".join(vocab[20:60]), "2025-01-03")
    assert find_duplicates([c, b, a]) == {"b": ("a", "near")}
    # without a, b is the original c is near
    assert find_duplicates([c, b]) == {"c": ("b", "near")}


def test_keys_made_beforehand_give_the_same_copies() -> None:
    from khabar.stages.dedup import copy_key

    edited = WIRE.replace("बारह सौ करोड़", "1200 करोड़") + " विज्ञापन।"
    xs = [art("c", "v", OTHER), art("b", "u", edited, "2025-01-02"), art("a", "t", WIRE, "2025-01-01"),
          art("d", "w", WIRE, "2025-01-03"), art("e", "x", "")]
    keys = [copy_key(x) for x in xs]
    assert keys[-1].exact is None and keys[0].signature is not None
    assert find_duplicates(keys) == find_duplicates(xs) == {"b": ("a", "near"), "d": ("a", "exact")}
