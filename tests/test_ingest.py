"""Reading inputs: ids, formats, and every kind of bad input (issue 2)."""
from __future__ import annotations

import json
from pathlib import Path

from khabar.ingest import read_inputs
from khabar.model import RawDoc, Rejection
from khabar.settings import Settings


def _split(items):
    docs = [i for i in items if isinstance(i, RawDoc)]
    rej = [i for i in items if isinstance(i, Rejection)]
    return docs, rej


def test_folder_ids_are_relative_paths_without_extension(tmp_path: Path) -> None:
    root = tmp_path / "seeds"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("शीर्षक\n\nपाठ यहाँ है।", encoding="utf-8")
    (root / "sub" / "b.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    docs, rej = _split(list(read_inputs([root])))
    assert sorted(d.id for d in docs) == ["a", "sub/b"]
    assert {d.kind for d in docs} == {"txt", "html"}
    assert not rej


def test_single_file_id_is_its_stem(tmp_path: Path) -> None:
    f = tmp_path / "000_abc.txt"
    f.write_text("headline\n\nbody text.", encoding="utf-8")
    docs, _ = _split(list(read_inputs([f])))
    assert [d.id for d in docs] == ["000_abc"]
    assert docs[0].raw == "headline\n\nbody text."


def test_raw_is_kept_verbatim_and_hash_is_stable(tmp_path: Path) -> None:
    content = "  पहली पंक्ति \r\n\r\nदूसरी\u200d पंक्ति ।  "
    f = tmp_path / "x.txt"
    f.write_bytes(content.encode("utf-8"))
    (d1,) = [i for i in read_inputs([f]) if isinstance(i, RawDoc)]
    (d2,) = [i for i in read_inputs([f]) if isinstance(i, RawDoc)]
    assert d1.raw == content
    assert d1.content_hash == d2.content_hash


def test_jsonl_records_and_a_malformed_line(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "r1", "text": "पहला लेख।", "source": "A", "published": "2025-12-04T10:00:00+05:30"}),
        "{not json",
        json.dumps({"id": "r3", "html": "<p>html body</p>", "title": "T"}),
        json.dumps({"id": "r4", "title": "no body"}),
        json.dumps({"text": "no id given"}),
        json.dumps({"id": "r6", "text": "bad date", "published": "yesterday"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, rej = _split(list(read_inputs([f])))
    assert [d.id for d in docs] == ["r1", "r3", "batch-5"]
    assert docs[0].published == "2025-12-04" and docs[0].source == "A"
    assert docs[1].is_html and docs[1].title == "T"
    origins = {r.origin.rsplit(":", 1)[-1]: r.reason for r in rej}
    assert set(origins) == {"2", "4", "6"}
    assert origins["2"].startswith("E008")
    assert origins["4"].startswith("E010")
    assert origins["6"].startswith("E011")


def test_json_list_file(tmp_path: Path) -> None:
    f = tmp_path / "list.json"
    f.write_text(json.dumps([{"id": "a", "text": "one"}, {"id": "b", "text": "two"}]), encoding="utf-8")
    docs, rej = _split(list(read_inputs([f])))
    assert [d.id for d in docs] == ["a", "b"] and not rej


def test_bad_inputs_each_get_one_reason_and_the_rest_carries_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("ठीक लेख\n\nयह पढ़ने योग्य है।", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "big.txt").write_bytes(b"a" * 2_000)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    settings = Settings(max_article_bytes=1_000)
    items = list(read_inputs([tmp_path, tmp_path / "missing"], settings))
    docs, rej = _split(items)
    assert [d.id for d in docs] == ["good"]
    by_name = {Path(r.origin).name: r.reason for r in rej}
    assert by_name["empty.txt"].startswith("E005")
    assert by_name["binary.txt"].startswith("E006")
    assert by_name["latin1.txt"].startswith("E007") and "0xe9" in by_name["latin1.txt"]
    assert by_name["big.txt"].startswith("E004")
    assert by_name["notes.pdf"].startswith("E003")
    assert by_name["missing"].startswith("E001")
    assert all("\n" not in r.reason for r in rej)


def test_a_huge_file_is_rejected_without_reading_it(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.seek(50_000_000)
        fh.write(b"x")
    docs, rej = _split(list(read_inputs([f])))
    assert not docs and rej[0].reason.startswith("E004")


def test_split_cuts_a_daily_dump_into_articles_with_stable_ids(tmp_path: Path) -> None:
    dump = ("पटना / नदी पर नया पुल जनता के लिए खुला\n\nपटना, संवाददाता । जिले में गंडक नदी पर बना नया पुल मंगलवार को "
            "जनता के लिए खोल दिया गया। इससे दो जिलों के बीच की दूरी चालीस किलोमीटर घट जाएगी।\n\n"
            "पुल पर चार सौ अस्सी करोड़ रुपये खर्च हुए हैं और इसे बनने में तीन साल लगे।\n\n\n"
            "गया / स्कूलों में गर्मी की छुट्टियां एक सप्ताह पहले\n\nगया, संवाददाता । भीषण गर्मी को देखते हुए जिले के "
            "सभी सरकारी स्कूलों में छुट्टियां एक सप्ताह पहले शुरू होंगी। शिक्षा विभाग ने आदेश जारी कर दिया है।\n")
    f = tmp_path / "2020-04-16.txt"
    f.write_text(dump, encoding="utf-8")
    docs, _ = _split(list(read_inputs([f], split=True)))
    assert [d.id for d in docs] == ["2020-04-16-1", "2020-04-16-2"]
    assert all(d.published == "2020-04-16" for d in docs)  # the file is named by its date
    assert docs[0].raw.startswith("पटना / नदी") and docs[1].raw.startswith("गया / स्कूलों")
    assert all(d.raw in dump for d in docs)
    again, _ = _split(list(read_inputs([f], split=True)))
    assert [d.content_hash for d in again] == [d.content_hash for d in docs]
    whole, _ = _split(list(read_inputs([f])))
    assert [d.id for d in whole] == ["2020-04-16"]


def test_a_folder_per_outlet_names_the_outlet(tmp_path) -> None:
    from khabar.ingest import read_inputs
    from khabar.model import RawDoc

    for outlet in ("Daily One", "Evening Two"):
        (tmp_path / outlet).mkdir()
        (tmp_path / outlet / "2026-01-05.txt").write_text("Headline\nSome body text here.", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    docs = [d for d in read_inputs([tmp_path]) if isinstance(d, RawDoc)]
    assert sorted(d.source for d in docs) == ["Daily One", "Evening Two"]


def test_folders_are_not_outlets_when_files_sit_at_the_top_or_folders_are_dates(tmp_path) -> None:
    from khabar.ingest import read_inputs
    from khabar.model import RawDoc

    top = tmp_path / "mixed"
    (top / "pages").mkdir(parents=True)
    (top / "pages" / "a.txt").write_text("Headline\nBody text.", encoding="utf-8")
    (top / "b.txt").write_text("Headline\nBody text.", encoding="utf-8")
    dated = tmp_path / "dated"
    for day in ("2026-01-05", "2026-01-06"):
        (dated / day).mkdir(parents=True)
        (dated / day / "a.txt").write_text("Headline\nBody text.", encoding="utf-8")
    for folder in (top, dated):
        assert all(d.source is None for d in read_inputs([folder]) if isinstance(d, RawDoc))


def test_a_nul_anywhere_rejects_the_input_with_a_reason(tmp_path) -> None:
    from khabar.ingest import read_inputs
    from khabar.model import Rejection

    late = tmp_path / "late.txt"
    late.write_bytes(("शीर्षक\n" + "पाठ " * 5000 + "\x00 और").encode("utf-8"))  # the NUL sits past the sniffed head
    rec = tmp_path / "recs.jsonl"
    rec.write_text('{"id": "a", "text": "खबर\\u0000 का पाठ"}\n{"id": "b", "text": "ठीक खबर का पाठ"}\n', encoding="utf-8")
    out = list(read_inputs([late, rec]))
    rejected = [x for x in out if isinstance(x, Rejection)]
    assert len(rejected) == 2 and all("E006" in r.reason for r in rejected)
    assert [x.id for x in out if not isinstance(x, Rejection)] == ["b"]  # the rest carries on


def test_records_named_the_way_other_tools_name_them(tmp_path: Path) -> None:
    f = tmp_path / "other.jsonl"
    lines = [  # news-please, NewsAPI and a plain scraper's exports
        {"maintext": "पहला लेख।", "title": "शीर्षक", "date_publish": "2020-04-14 10:30:00",
         "source_domain": "example.in", "url": "https://example.in/a"},
        {"content": "Second report.", "headline": "H", "publishedAt": None, "pubDate": "Tue, 14 Apr 2020 23:30:00 -0500",
         "source": {"id": None, "name": "Daily Example"}, "link": "https://example.com/b", "article_id": 7},
        {"body": "Third.", "text": "", "date": "14 अप्रैल 2020", "outlet": "दैनिक उदाहरण"},
        {"text": "Own names win.", "body": "not this", "published": "2020-04-15", "date": "2020-01-01"},
    ]
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    docs, rej = _split(list(read_inputs([f])))
    assert not rej
    assert [d.raw for d in docs] == ["पहला लेख।", "Second report.", "Third.", "Own names win."]
    assert [d.published for d in docs] == ["2020-04-14", "2020-04-14", "2020-04-14", "2020-04-15"]
    assert [d.source for d in docs] == ["example.in", "Daily Example", "दैनिक उदाहरण", None]
    assert docs[0].title == "शीर्षक" and docs[1].title == "H"
    assert docs[0].url == "https://example.in/a" and docs[1].url == "https://example.com/b"
    assert docs[1].id == "7" and docs[0].id == "other-1"


def test_publication_dates_in_other_forms(tmp_path: Path) -> None:
    f = tmp_path / "dates.jsonl"
    given = ["April 14, 2020", "14.04.2020", "04/05/2020", 1586822400, 1586822400000, "1586822400",
             "13 अप्रैल, 2020 09:15 PM", "yesterday", "April 2020", True, "31/02/2020"]
    f.write_text("\n".join(json.dumps({"id": f"d{k}", "text": "x y z", "published": v}, ensure_ascii=False)
                           for k, v in enumerate(given)) + "\n", encoding="utf-8")
    docs, rej = _split(list(read_inputs([f])))
    assert {d.id: d.published for d in docs} == {
        "d0": "2020-04-14", "d1": "2020-04-14", "d2": "2020-05-04",  # all-digit days: day first
        "d3": "2020-04-14", "d4": "2020-04-14", "d5": "2020-04-14", "d6": "2020-04-13"}
    reasons = {r.origin.rsplit(":", 1)[-1]: r.reason for r in rej}
    assert sorted(reasons) == ["10", "11", "8", "9"]  # never guessed: relative, a month alone, not a date
    assert all(x.startswith("E011 'published' is not a publication date") for x in reasons.values())


def test_an_id_longer_than_the_store_takes_is_rejected_not_crashed_on(tmp_path: Path) -> None:
    from khabar.model import MAX_INPUT_ID_LENGTH

    f = tmp_path / "ids.jsonl"
    f.write_text("\n".join(json.dumps({"id": i, "text": "x y z"}) for i in
                           ("a" * MAX_INPUT_ID_LENGTH, "b" * (MAX_INPUT_ID_LENGTH + 1))) + "\n", encoding="utf-8")
    docs, rej = _split(list(read_inputs([f])))
    assert [len(d.id) for d in docs] == [MAX_INPUT_ID_LENGTH]
    (r,) = rej
    assert r.origin.endswith(":2") and r.reason.startswith("E009") and str(MAX_INPUT_ID_LENGTH) in r.reason


def test_a_file_deep_in_folders_gets_an_id_the_store_takes(tmp_path: Path) -> None:
    from khabar.model import MAX_INPUT_ID_LENGTH

    deep = tmp_path.joinpath(*(["folder-with-a-long-name"] * 30))
    deep.mkdir(parents=True)
    (deep / "report.txt").write_text("शीर्षक\n\nलेख का पाठ यहां है।", encoding="utf-8")
    (deep / "other.txt").write_text("दूसरा शीर्षक\n\nदूसरे लेख का पाठ।", encoding="utf-8")
    docs, rej = _split(list(read_inputs([tmp_path])))
    assert not rej and len(docs) == 2
    assert all(len(d.id) <= MAX_INPUT_ID_LENGTH - 16 for d in docs)
    assert sorted(d.id[-6:] for d in docs) == ["/other", "report"] and docs[0].id != docs[1].id


def test_mongodb_extended_json_dates(tmp_path: Path) -> None:
    f = tmp_path / "mongo.jsonl"
    given = [{"$date": "2020-04-14T23:30:00-05:00"}, {"$date": {"$numberLong": "1586822400000"}},
             {"$date": 1586822400000}, {"$oid": "5e95"}]
    f.write_text("\n".join(json.dumps({"_id": {"$oid": f"o{k}"}, "text": "x y z", "published": v})
                           for k, v in enumerate(given)) + "\n", encoding="utf-8")
    docs, rej = _split(list(read_inputs([f])))
    assert [d.published for d in docs] == ["2020-04-14"] * 3
    assert [d.id for d in docs] == ["o0", "o1", "o2"]  # and the id is the object id
    (r,) = rej
    assert r.origin.endswith(":4") and r.reason.startswith("E011")


def test_csv_and_tsv_rows_are_records_under_any_case_of_their_names(tmp_path: Path) -> None:
    # invented reports; a spreadsheet's header row names the fields its own way
    (tmp_path / "feed.csv").write_bytes((
        "\ufeffID,Headline,Body,Date,Publisher\n"
        'r1,Bridge opens in Songarh,"The new bridge opened on Monday, officials said.\nIt cost 180 crore.",'
        "2026-03-02,Evening Lantern\n"
        ",,,,\n"
        'r2,Second report,"The bridge, 2.4 km long, opened on Monday.",02.03.2026,Daily Bugle\n'
    ).encode("utf-8"))
    (tmp_path / "hindi.tsv").write_text("text\tpublished\tsource\n"
                                        "पुल खुला। सोमवार को सोनगढ़ में नया पुल खुला।\t2026-03-02\tसांध्य दीपक\n",
                                        encoding="utf-8")
    docs, rej = _split(list(read_inputs([tmp_path])))
    assert not rej
    by_id = {d.id: d for d in docs}
    assert sorted(by_id) == ["hindi-1", "r1", "r2"]
    r1 = by_id["r1"]
    assert (r1.title, r1.published, r1.source) == ("Bridge opens in Songarh", "2026-03-02", "Evening Lantern")
    assert r1.raw == "The new bridge opened on Monday, officials said.\nIt cost 180 crore."  # a quoted cell keeps its lines
    assert by_id["r2"].published == "2026-03-02"  # day first, as everywhere
    assert by_id["hindi-1"].source == "सांध्य दीपक" and by_id["hindi-1"].origin.endswith("hindi.tsv:2")


def test_bad_rows_of_a_table_each_get_a_reason_and_the_rest_carries_on(tmp_path: Path) -> None:
    (tmp_path / "feed.csv").write_text(
        "title,text,date\n"
        "No body,,2026-03-02\n"
        'Too many cells,"Some text.",2026-03-02,surplus\n'
        "Bad date,Some other text.,yesterday\n"
        "Fine,The bridge opened.,2026-03-02\n", encoding="utf-8")
    (tmp_path / "header-only.csv").write_text("title,text\n", encoding="utf-8")
    (tmp_path / "latin1.csv").write_bytes("title,text\nCaf\xe9,Texte.\n".encode("latin-1"))
    (tmp_path / "nul.csv").write_bytes(b"title,text\nA,Some text.\nB,Bad\x00text.\n")
    docs, rej = _split(list(read_inputs([tmp_path])))
    (tmp_path / "huge.csv").write_text("title,text\nA2,Short text.\nB2," + "x" * 900 + "\nC2,Never read.\n",
                                       encoding="utf-8")
    docs, rej = _split(list(read_inputs([tmp_path], settings=Settings(max_article_bytes=200))))
    assert sorted(d.title for d in docs) == ["A", "A2", "Fine"]  # the rows before a bad one are kept
    reasons = {Path(r.origin).name: r.reason[:4] for r in rej}
    assert reasons == {"feed.csv:2": "E010", "feed.csv:3": "E009", "feed.csv:4": "E011",
                       "header-only.csv": "E005", "latin1.csv": "E007", "nul.csv:3": "E006",
                       "huge.csv:3": "E014"}
    assert all("\n" not in r.reason for r in rej)


def test_gzip_compressed_inputs_are_read_as_their_inner_format(tmp_path: Path) -> None:
    import gzip

    records = [{"id": f"r{n}", "title": f"Report {n}", "text": f"The bridge opened on day {n}.",
                "published": "2026-03-02"} for n in range(1, 4)]
    jsonl = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(jsonl))
    (tmp_path / "sheet.csv.gz").write_bytes(gzip.compress(b"id,text\nc1,A row of a compressed sheet.\n"))
    (tmp_path / "one.txt.gz").write_bytes(gzip.compress("शीर्षक\n\nपाठ यहाँ है।".encode("utf-8")))
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(jsonl * 50)[:-40])  # truncated in transit
    (tmp_path / "plain.jsonl.gz").write_bytes(jsonl)  # named .gz, not compressed
    (tmp_path / "scan.pdf.gz").write_bytes(gzip.compress(b"%PDF-1.4"))
    docs, rej = _split(list(read_inputs([tmp_path])))
    by_file: dict[str, list[RawDoc]] = {}
    for d in docs:
        by_file.setdefault(Path(d.origin.split(":")[0]).name, []).append(d)
    assert [d.id for d in by_file["feed.jsonl.gz"]] == ["r1", "r2", "r3"]
    assert [d.id for d in by_file["sheet.csv.gz"]] == ["c1"]
    (one,) = by_file["one.txt.gz"]
    assert (one.id, one.kind, one.raw) == ("one", "txt", "शीर्षक\n\nपाठ यहाँ है।")
    assert 0 < len(by_file["cut.jsonl.gz"]) < 150  # the lines before the break are kept
    reasons = {Path(r.origin.split(":")[0]).name: r.reason[:4] for r in rej}
    assert reasons == {"cut.jsonl.gz": "E002", "plain.jsonl.gz": "E002", "scan.pdf.gz": "E003"}
    assert ".pdf.gz" in next(r.reason for r in rej if "scan" in r.origin)
