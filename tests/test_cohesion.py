"""A story's cohesion: how well its reports' titles and leads hold together."""
from __future__ import annotations

import dataclasses

from khabar.model import LOOSE_COHESION, RawDoc
from khabar.pipeline import analyze_docs
from khabar.stages.cohesion import story_cohesion

# two reports of one happening, in other words
BRIDGE_A = ("सोनपुर में नदी पर नए पुल का उद्घाटन\nसोनपुर। मुख्यमंत्री हरिवंश त्रिपाठी ने मंगलवार को गंडक नदी पर बने 2.6 "
            "किलोमीटर लंबे पुल का उद्घाटन किया। पुल पर 480 करोड़ रुपये खर्च हुए हैं।")
BRIDGE_B = ("गंडक पर बना पुल जनता को समर्पित\nसोनपुर। गंडक नदी पर 480 करोड़ की लागत से बना पुल आज से आम लोगों "
            "के लिए खुल गया। मुख्यमंत्री हरिवंश त्रिपाठी ने फीता काटकर इसका लोकार्पण किया।")
# a report of another happening that shares none of their title and lead words
CRICKET = ("रणजी मुकाबले में विदर्भ की जीत\nनागपुर। विदर्भ ने रणजी ट्रॉफी के मुकाबले में मेघालय को पारी और 112 रन से "
           "हरा दिया। कप्तान ने शतक लगाया।")
BRIDGE_EN = ("Gandak bridge opened at Sonpur\nSONPUR: Chief minister Harivansh Tripathi opened the 2.6 km bridge over "
             "the Gandak on Tuesday. It cost Rs 480 crore.")


def _articles(*texts: tuple[str, str]):
    docs = [RawDoc(id=i, raw=t, kind="json", origin=i, content_hash=i, published="2025-03-04") for i, t in texts]
    return {a.id: a for a in analyze_docs(docs).articles}


def test_reports_of_one_happening_hold_together_and_a_stray_one_does_not() -> None:
    arts = _articles(("a", BRIDGE_A), ("b", BRIDGE_B), ("c", CRICKET))
    together = story_cohesion([arts["a"], arts["b"]])
    assert together is not None and together >= LOOSE_COHESION
    joined = story_cohesion([arts["a"], arts["b"], arts["c"]])
    assert joined is not None and joined < LOOSE_COHESION
    # the least report decides, whatever the order
    assert story_cohesion([arts["c"], arts["b"], arts["a"]]) == joined
    assert joined < together


def test_one_report_copies_and_other_languages_are_not_judged() -> None:
    arts = _articles(("a", BRIDGE_A), ("b", BRIDGE_B), ("e", BRIDGE_EN))
    assert story_cohesion([arts["a"]]) is None
    copy = dataclasses.replace(arts["a"], id="a2", duplicate_of="a", duplicate_kind="exact")
    assert story_cohesion([arts["a"], copy]) is None  # a copy is not another report
    assert story_cohesion([arts["a"], arts["e"]]) is None  # no two reports share a language
    # a report alone in its language is joined by names and numbers: it is not held against the story
    assert story_cohesion([arts["a"], arts["b"], arts["e"]]) == story_cohesion([arts["a"], arts["b"]])


# two reports that share a long passage (a statement both quote in full) but whose titles and
# leads tell different things: clustering can join them on the passage; cohesion marks the story
_SHARED = ("आयोग ने अपने बयान में कहा कि जिले के सभी विद्यालयों में नए सत्र की पढ़ाई एक जुलाई से शुरू होगी। "
           "बयान के अनुसार पाठ्यपुस्तकें समय पर पहुंचाने के लिए परिवहन विभाग से बात हो चुकी है। "
           "आयोग ने यह भी कहा कि शिक्षकों की भर्ती की प्रक्रिया अगले महीने पूरी कर ली जाएगी। "
           "अभिभावकों से अपील की गई है कि वे बच्चों का नामांकन तय तारीख से पहले करा लें। "
           "बयान में बताया गया कि ग्रामीण विद्यालयों में पेयजल और शौचालय की व्यवस्था भी सुधारी जाएगी। ")
LOOSE_A = ("तालपुर में तेंदुए ने बकरी मारी\nतालपुर गांव में रात को तेंदुए ने दो बकरियों को मार डाला। वन विभाग की टीम ने "
           "पगमार्क देखे। ग्रामीणों ने पिंजरा लगाने की मांग की। " + _SHARED + "वन रक्षक ने बताया कि तेंदुआ पास के "
           "जंगल से आया होगा और उसे पकड़ने के लिए दो पिंजरे मंगाए गए हैं। गांव के सरपंच ने लोगों से रात में अकेले "
           "खेतों की ओर न जाने को कहा। पशुपालकों ने मारी गई बकरियों का मुआवजा मांगा है।")
LOOSE_B = ("रेलवे फाटक पर जाम से लोग परेशान\nकमलगढ़ रेलवे फाटक पर सुबह दो घंटे लंबा जाम लगा रहा। एंबुलेंस भी फंसी रही। "
           "व्यापारियों ने ओवरब्रिज की मांग दोहराई। " + _SHARED + "स्टेशन अधीक्षक ने कहा कि मालगाड़ियों की आवाजाही "
           "बढ़ने से फाटक बार बार बंद करना पड़ता है। नगर परिषद ने रेलवे को ओवरब्रिज का प्रस्ताव फिर भेजा है। "
           "दुकानदारों का कहना है कि जाम से उनका कारोबार घटा है।")


def test_show_and_the_story_page_say_when_a_story_is_loosely_joined(tmp_path) -> None:
    import json

    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from khabar.cli import app
    from khabar.web.app import create_app

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "text": t, "published": "2025-06-20", "source": s},
                                        ensure_ascii=False)
                             for i, t, s in (("a", LOOSE_A, "one"), ("b", LOOSE_B, "two"))), encoding="utf-8")
    db = str(tmp_path / "k.db")
    runner = CliRunner()
    # a looser threshold than the default joins them on the passage alone
    assert runner.invoke(app, ["run", str(src), "--db", db, "-q", "--threshold", "0.1"]).exit_code == 0
    records = [json.loads(x) for x in runner.invoke(app, ["export", "--db", db]).output.splitlines()]
    stories = [r for r in records if r["type"] == "story"]
    assert len(stories) == 1, "the shared passage joins them"
    story = stories[0]
    assert story["cohesion"] is not None and story["cohesion"] < LOOSE_COHESION
    shown = runner.invoke(app, ["show", story["id"], "--db", db]).output
    assert "loosely joined" in shown
    listed = runner.invoke(app, ["stories", "--db", db]).output
    assert "~ " in listed and "loosely joined (1)" in listed
    assert story["id"] in runner.invoke(app, ["stories", "--db", db, "--loose"]).output
    with TestClient(create_app(db)) as client:
        assert "Loosely joined" in client.get(f"/stories/{story['id']}").text
        assert "loosely joined" in client.get("/").text  # marked in the list too
        api = client.get(f"/api/stories/{story['id']}").json()
        assert api["loose"] is True and api["cohesion"] == story["cohesion"]
