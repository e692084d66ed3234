"""Reading inputs from disk: files and folders become RawDocs or Rejections.

This is the only module that reads article files. Every input yields either a
`RawDoc` (kept verbatim) or a `Rejection` with a one-line reason naming the input;
one bad input never stops the others.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import re
import zlib
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path

from khabar.errors import reason
from khabar.model import MAX_INPUT_ID_LENGTH, RawDoc, Rejection
from khabar.settings import Settings

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".jsonl", ".json"}
TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}  # one record a row, field names in the header row
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | set(TABLE_SUFFIXES)
# what reading a gzip-compressed file (any of the above with ".gz" after) may raise
_GZIP_ERRORS = (OSError, EOFError, zlib.error)


def _format_of(path: Path) -> tuple[str, bool]:
    """The suffix that says how to read a file, and whether it is gzip-compressed
    ("a.jsonl.gz" -> (".jsonl", True))."""
    if path.suffix.lower() == ".gz":
        return Path(path.stem).suffix.lower(), True
    return path.suffix.lower(), False


def _open(path: Path, gz: bool):
    """The file's bytes, decompressed when it is gzip-compressed."""
    return gzip.open(path, "rb") if gz else open(path, "rb")


def content_hash(data: bytes | str) -> str:
    """sha256 hex digest of raw content (str is hashed as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def read_inputs(
    paths: list[str | Path], settings: Settings | None = None, split: bool = False
) -> Iterator[RawDoc | Rejection]:
    """Yield a RawDoc or a Rejection for every article found under `paths`, in a stable order.

    With `split`, a text (a .txt file or a JSON record's text) that holds several articles
    is cut into them (khabar.stages.split): ids `<id>-<n>`, origins `<origin>#<n>`.
    """
    for item in _read_paths(paths, settings or Settings()):
        if isinstance(item, RawDoc):
            if item.kind == "txt" and item.published is None:
                item.published = _date_in_name(item.origin)
            if split and not item.is_html:
                yield from _split_doc(item)
                continue
        yield item


_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _date_in_name(origin: str) -> str | None:
    """A YYYY-MM-DD date in a file's name (daily dumps are often named by date), else None."""
    m = _NAME_DATE.search(Path(origin.split("#")[0]).name)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _split_doc(doc: RawDoc) -> Iterator[RawDoc]:
    """The articles of a multi-article text, or the document itself if it holds one."""
    from khabar.stages.split import split_articles

    spans = split_articles(doc.raw)
    if len(spans) <= 1:
        yield doc
        return
    for n, sp in enumerate(spans, 1):
        piece = doc.raw[sp.start:sp.end]
        yield RawDoc(
            id=f"{doc.id}-{n}", raw=piece, kind=doc.kind, origin=f"{doc.origin}#{n}",
            content_hash=content_hash(f"{doc.content_hash}:{n}:{piece}"),
            title=None, published=doc.published, source=doc.source, url=doc.url,
        )


def _read_paths(paths: list[str | Path], settings: Settings) -> Iterator[RawDoc | Rejection]:
    """Files and folders as RawDocs or Rejections."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield Rejection(str(given), reason("E001"))
            continue
        if path.is_dir():
            try:
                files = sorted(p for p in path.rglob("*") if not p.is_dir())
            except OSError as err:
                yield Rejection(str(given), reason("E002", err=err.strerror or err))
                continue
            outlets = _outlet_folders(path, files)
            for file in files:
                for item in _read_file(file, _id_for(file.relative_to(path)), settings):
                    if outlets and isinstance(item, RawDoc) and item.source is None:
                        item.source = file.relative_to(path).parts[0]
                    yield item
        else:
            yield from _read_file(path, _id_for(Path(path.name)), settings)


def _outlet_folders(root: Path, files: list[Path]) -> bool:
    """True if `root` is laid out one folder per outlet: its articles all sit in two or more
    subfolders (AU/2020-03-01.txt, DJ/2020-03-01.txt), none directly in it, and no subfolder
    is named like a date or a number (a folder per day or per year is not an outlet).
    Files in such a folder get the folder's name as their outlet when the input names none.
    """
    tops: set[str] = set()
    for f in files:
        rel = f.relative_to(root)
        if _format_of(f)[0] not in SUPPORTED:
            continue
        if len(rel.parts) == 1:
            return False
        tops.add(rel.parts[0])
    return len(tops) >= 2 and not any(re.fullmatch(r"[\d_.-]+", t) for t in tops)


# a file's id leaves room for what may follow it ("-<line>", "-<n>" of a split, "~<hash>")
_FILE_ID_MAX = MAX_INPUT_ID_LENGTH - 16


def _id_for(rel: Path) -> str:
    """Article id of a file: its path relative to the named folder, without extension; a path
    too long for the store keeps its end (the file's name), after a hash of the whole path."""
    stem = rel.with_suffix("")
    posix = (stem.with_suffix("") if _format_of(rel)[1] else stem).as_posix()  # a.jsonl.gz: a
    if len(posix) <= _FILE_ID_MAX:
        return posix
    return hashlib.sha1(posix.encode("utf-8")).hexdigest()[:8] + "~" + posix[-(_FILE_ID_MAX - 9):]


def _read_file(path: Path, doc_id: str, settings: Settings) -> Iterator[RawDoc | Rejection]:
    """One file: a single article (.txt/.html) or many records (.json/.jsonl)."""
    origin = str(path)
    suffix, gz = _format_of(path)
    if suffix not in SUPPORTED:
        yield Rejection(origin, reason("E003", suffix=(suffix or "(none)") + (".gz" if gz else "")))
        return
    try:
        size = path.stat().st_size
    except OSError as err:
        yield Rejection(origin, reason("E002", err=err.strerror or err))
        return
    if suffix in JSON_SUFFIXES:
        yield from _read_json_file(path, doc_id, settings, suffix, gz)
        return
    if suffix in TABLE_SUFFIXES:
        yield from _read_table_file(path, doc_id, TABLE_SUFFIXES[suffix], settings, gz)
        return
    if size > settings.max_article_bytes:  # compressed, it can only be larger
        yield Rejection(origin, reason("E004", size=_mb(size), limit=_mb(settings.max_article_bytes)))
        return
    try:
        with _open(path, gz) as fh:
            data = fh.read(settings.max_article_bytes + 1)
    except _GZIP_ERRORS as err:
        yield Rejection(origin, reason("E002", err=getattr(err, "strerror", None) or err))
        return
    if len(data) > settings.max_article_bytes:
        yield Rejection(origin, reason("E004", size="over " + _mb(settings.max_article_bytes),
                                       limit=_mb(settings.max_article_bytes)))
        return
    text = _text_of(data, origin)
    if isinstance(text, Rejection):
        yield text
        return
    kind = "html" if suffix in HTML_SUFFIXES else "txt"
    yield RawDoc(
        id=doc_id,
        raw=text,
        kind=kind,
        origin=origin,
        content_hash=content_hash(data),
        is_html=kind == "html",
    )


def _text_of(data: bytes, origin: str) -> str | Rejection:
    """Decoded text with content, or a Rejection (binary, undecodable, or only whitespace)."""
    text = _decode(data, origin)
    if isinstance(text, Rejection):
        return text
    return text if text.strip() else Rejection(origin, reason("E005"))


def _decode(data: bytes, origin: str) -> str | Rejection:
    """UTF-8 (or UTF-16 with a BOM) text, or a Rejection for binary or undecodable bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return Rejection(origin, reason("E007", detail="bad UTF-16"))
    head = data[:8192]
    if b"\x00" in head or _control_ratio(head) > 0.1:
        return Rejection(origin, reason("E006"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Rejection(origin, reason("E007", detail=f"byte 0x{data[err.start]:02x} at offset {err.start}"))
    if "\x00" in text:  # a NUL past the sniffed head: no text format carries one, and stores refuse it
        return Rejection(origin, reason("E006"))
    return text.removeprefix("\ufeff")


def _control_ratio(data: bytes) -> float:
    """Share of bytes that are C0 control characters other than tab/newline/CR/formfeed."""
    if not data:
        return 0.0
    bad = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(data)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _read_json_file(path: Path, file_id: str, settings: Settings, suffix: str,
                    gz: bool = False) -> Iterator[RawDoc | Rejection]:
    """Records of a .jsonl file (one per line) or a .json file (an object or a list); `suffix`
    says which (`_format_of`)."""
    origin = str(path)
    try:
        fh = _open(path, gz)
    except OSError as err:
        yield Rejection(origin, reason("E002", err=err.strerror or err))
        return
    with fh:
        if suffix == ".json":
            try:
                data = fh.read(settings.max_json_bytes + 1)
            except _GZIP_ERRORS as err:
                yield Rejection(origin, reason("E002", err=err))
                return
            if len(data) > settings.max_json_bytes:
                yield Rejection(origin, reason("E004", size="over " + _mb(settings.max_json_bytes), limit=_mb(settings.max_json_bytes)))
                return
            text = _text_of(data, origin)
            if isinstance(text, Rejection):
                yield text
                return
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as err:
                yield Rejection(f"{origin}:{err.lineno}", reason("E008", detail=err.msg))
                return
            records = obj if isinstance(obj, list) else [obj]
            for n, rec in enumerate(records, 1):
                yield _record(rec, f"{origin}[{n}]", f"{file_id}-{n}", settings)
            return
        seen_any = False
        lineno = 0
        try:
            for lineno, line in enumerate(fh, 1):
                if len(line) > settings.max_article_bytes:
                    yield Rejection(f"{origin}:{lineno}", reason("E004", size=_mb(len(line)), limit=_mb(settings.max_article_bytes)))
                    continue
                if not line.strip():
                    continue
                seen_any = True
                text = _decode(line, f"{origin}:{lineno}")
                if isinstance(text, Rejection):
                    yield text
                    continue
                try:
                    rec = json.loads(text)
                except json.JSONDecodeError as err:
                    yield Rejection(f"{origin}:{lineno}", reason("E008", detail=err.msg))
                    continue
                yield _record(rec, f"{origin}:{lineno}", f"{file_id}-{lineno}", settings)
        except _GZIP_ERRORS as err:  # a compressed file cut short or not gzip: the line it broke at
            yield Rejection(f"{origin}:{lineno + 1}", reason("E002", err=err))
            return
        if not seen_any:
            yield Rejection(origin, reason("E005"))


def record_to_doc(rec: dict, origin: str) -> RawDoc | Rejection:
    """One JSON record not read from a file (e.g. a request body) as a RawDoc or a Rejection."""
    try:
        fallback = "doc-" + content_hash(json.dumps(rec, ensure_ascii=False, sort_keys=True))[:12]
    except (TypeError, ValueError):
        fallback = "doc"
    return _record(rec, origin, fallback, Settings())


# What other tools name each field of a record (news-please, NewsAPI, common scrapers'
# exports); khabar's own name wins when a record has it, else the first alias given a value
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "article_id", "uuid", "guid", "_id"),
    "text": ("text", "body", "content", "maintext", "article_text", "full_text", "article", "story"),
    "html": ("html", "raw_html"),
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publish_date", "date_publish", "pubdate",
                  "pubDate", "datetime", "timestamp"),
    "source": ("source", "outlet", "publisher", "source_name", "site_name", "source_domain", "domain"),
    "url": ("url", "link"),
}


def _record_field(rec: dict, name: str) -> tuple[str, object]:
    """(the key used, its value) of one of khabar's fields in a record: its own name, else the
    first alias with a value that is not empty; ("", None) if there is none."""
    for key in FIELD_ALIASES[name]:
        value = rec.get(key)
        if value is not None and value != "" and not (isinstance(value, str) and not value.strip()):
            return key, value
    return "", None


def _record(rec: object, origin: str, fallback_id: str, settings: Settings) -> RawDoc | Rejection:
    """One JSON record as a RawDoc, or a Rejection naming what is wrong with it."""
    if not isinstance(rec, dict):
        return Rejection(origin, reason("E009", detail=f"expected an object, got {type(rec).__name__}"))
    fields = {name: _record_field(rec, name) for name in FIELD_ALIASES}
    key, source = fields["source"]
    if isinstance(source, dict) and isinstance(source.get("name"), str):  # NewsAPI: {"id", "name"}
        fields["source"] = (f"{key}.name", source["name"])
    key, given_id = fields["id"]
    if isinstance(given_id, dict) and isinstance(given_id.get("$oid"), str):  # MongoDB: {"$oid": "…"}
        fields["id"] = (f"{key}.$oid", given_id["$oid"])
    for name in ("id", "text", "html", "title", "source", "url"):
        key, value = fields[name]
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
            return Rejection(origin, reason("E009", detail=f"field {key!r} must be a string"))
        if isinstance(value, str) and "\x00" in value:
            return Rejection(origin, reason("E006"))
    body = fields["text"][1]
    is_html = False
    if not (isinstance(body, str) and body.strip()):
        body = fields["html"][1]
        is_html = True
    if not (isinstance(body, str) and body.strip()):
        return Rejection(origin, reason("E010"))
    if len(body.encode("utf-8")) > settings.max_article_bytes:
        return Rejection(origin, reason("E004", size=_mb(len(body.encode())), limit=_mb(settings.max_article_bytes)))
    published = fields["published"][1]
    if published is not None:
        published = _published(published)
        if published is None:
            return Rejection(origin, reason("E011", field=fields["published"][0], value=fields["published"][1]))
    doc_id = str(fields["id"][1]).strip() if fields["id"][1] is not None else fallback_id
    if len(doc_id) > MAX_INPUT_ID_LENGTH:  # the store would refuse it (PostgreSQL: the whole run)
        return Rejection(origin, reason("E009", detail=f"{fields['id'][0]!r} is longer than "
                                                       f"{MAX_INPUT_ID_LENGTH} characters"))
    canonical = json.dumps(rec, ensure_ascii=False, sort_keys=True)
    return RawDoc(
        id=doc_id,
        raw=body,
        kind="json",
        origin=origin,
        content_hash=content_hash(canonical),
        title=_str_or_none(fields["title"][1]),
        published=published,
        source=_str_or_none(fields["source"][1]),
        url=_str_or_none(fields["url"][1]),
        is_html=is_html,
    )


def _str_or_none(v: object) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _iso(value: object) -> str | None:
    """An ISO date/datetime string normalised to YYYY-MM-DD, or None if it is not one."""
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip()
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(v[:10]).isoformat()
    except ValueError:
        return None


# A Unix time in a record is in seconds, or in milliseconds when it is this large (seconds
# would put it after the year 5000)
_MILLISECONDS_FROM = 10 ** 11


def _published(value: object) -> str | None:
    """A record's publication date as YYYY-MM-DD, the day as the record writes it (its own
    time zone, as an ISO datetime's): ISO dates and datetimes; e-mail/RSS dates ("Tue, 14
    Apr 2020 10:30:00 +0530"); a Unix time in seconds or milliseconds (a day in UTC); a day,
    month and year in words or digits, English or Hindi ("14 April 2020", "April 14, 2020",
    "14 अप्रैल 2020", "14.04.2020"; all-digit days read day first, as Indian papers write
    them); any of these as MongoDB's extended JSON ({"$date": …}). None for anything else,
    relative words ("yesterday") and a month or year alone included: a record's date is
    never guessed."""
    if isinstance(value, dict) and "$date" in value:  # MongoDB's extended JSON (mongoexport)
        value = value["$date"]
        if isinstance(value, dict) and isinstance(value.get("$numberLong"), str) and value["$numberLong"].lstrip("-").isdigit():
            value = int(value["$numberLong"])
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if abs(value) >= _MILLISECONDS_FROM else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip()
    if v.isdigit() and len(v) >= 9:  # a Unix time written as a string
        return _published(int(v))
    return _iso(v) or _worded_date(v)


@lru_cache(maxsize=4096)
def _worded_date(v: str) -> str | None:
    """`_published` of a string that is not ISO. E-mail dates by the standard library;
    the rest by dateparser, absolute dates only (about a millisecond each, and records of one
    corpus share their dates, hence the cache)."""
    try:
        return parsedate_to_datetime(v).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if not any(c.isdigit() for c in v):
        return None  # no day or year: nothing to read
    import dateparser  # only for records with such dates

    found = dateparser.parse(v, languages=["en", "hi"], settings={
        "PARSERS": ["timestamp", "absolute-time"],  # never relative to today
        "REQUIRE_PARTS": ["day", "month", "year"],
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    })
    return found.date().isoformat() if found else None


def _read_table_file(path: Path, file_id: str, delimiter: str, settings: Settings,
                     gz: bool = False) -> Iterator[RawDoc | Rejection]:
    """Records of a .csv or .tsv file: a header row naming the fields (khabar's names or the
    other tools' names of `FIELD_ALIASES`, in any case: "Title", "Body", "Date"), then one
    record a row. A row is read as a JSON record would be; a row with more cells than the
    header has names is rejected, and a file the csv reader cannot parse stops at that row."""
    origin = str(path)
    names = _alias_names()
    try:
        fh = io.TextIOWrapper(_open(path, gz), encoding="utf-8-sig", newline="")
    except OSError as err:
        yield Rejection(origin, reason("E002", err=err.strerror or err))
        return
    rows = 0
    # a cell up to 4 characters a byte of an article's limit is read and judged by `_record` (E004);
    # a longer one stops the reader (E014). The csv module's limit is global: put back after
    before = csv.field_size_limit(4 * settings.max_article_bytes)
    with fh, ExitStack() as undo:
        undo.callback(csv.field_size_limit, before)
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader, None)
            if header is None:
                yield Rejection(origin, reason("E005"))
                return
            keys = [names.get(h.strip().lower(), h.strip()) for h in header]
            for n, row in enumerate(reader, 1):
                where = f"{origin}:{reader.line_num}"
                if not any(cell.strip() for cell in row):
                    continue
                rows += 1
                if len(row) > len(keys):
                    yield Rejection(where, reason("E009", detail=f"{len(row)} cells for {len(keys)} named fields"))
                    continue
                yield _record(dict(zip(keys, row)), where, f"{file_id}-{n}", settings)
        except UnicodeDecodeError as err:
            yield Rejection(origin, reason("E007", detail=f"byte 0x{err.object[err.start]:02x}"))
            return
        except csv.Error as err:
            yield Rejection(f"{origin}:{reader.line_num}", reason("E014", detail=err))
            return
        except _GZIP_ERRORS as err:
            yield Rejection(f"{origin}:{reader.line_num}", reason("E002", err=err))
            return
    if not rows:
        yield Rejection(origin, reason("E005"))


@lru_cache(maxsize=1)
def _alias_names() -> dict[str, str]:
    """Every field name of `FIELD_ALIASES`, lower-cased, to its spelling there."""
    return {alias.lower(): alias for aliases in FIELD_ALIASES.values() for alias in aliases}


def is_readable(path: str | Path) -> bool:
    """True if the path exists and can be opened for reading."""
    return os.access(path, os.R_OK)
