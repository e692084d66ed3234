"""Every message khabar gives about an input, under a code (easy to grep and to test)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "E001": "no such file or folder",
    "E002": "cannot be read: {err}",
    "E003": "unsupported file type {suffix} (khabar reads .txt, .html, .htm, .json, .jsonl, .csv, .tsv, each also as .gz)",
    "E004": "too large for one article ({size}; the limit is {limit})",
    "E005": "empty: nothing but whitespace",
    "E006": "binary content, not text",
    "E007": "not valid UTF-8 text ({detail})",
    "E008": "malformed JSON: {detail}",
    "E009": "unusable record: {detail}",
    "E010": "record has no 'text' or 'html' (nor another name for them) with content",
    "E011": "{field!r} is not a publication date khabar can read: {value!r}",
    "E012": "no article text left after extraction and cleaning",
    "E014": "malformed table: {detail}",
}


def reason(code: str, **kw: object) -> str:
    """The one-line message for `code`, prefixed by the code: 'E005 empty: ...'."""
    return f"{code} {MESSAGES[code].format(**kw)}"


class KhabarError(Exception):
    """A bad argument or a state khabar cannot work from (not a bad input article)."""


class StoryNotFound(KhabarError):
    """No story with the given id."""


class ArticleNotFound(KhabarError):
    """No article with the given id."""


class CorrectionNotFound(KhabarError):
    """No correction with the given id."""


class NothingToCorrect(KhabarError):
    """A correction that would change nothing (an article already alone, two already together)."""
