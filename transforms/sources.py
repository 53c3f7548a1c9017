"""Raw input → ``Article`` records or ``Reject`` records: decode, repair, validate.

Pure functions over bytes and strings (the flow does the file reading). Nothing is lost:
every input that cannot become an article becomes a ``Reject`` with a machine-readable
reason and a sentence naming the source; every repair (encoding, CRLF, invisible marks,
HTML) is kept as a flag on the article.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from transforms.text import INVISIBLE_RE, has_arabic, normalize_text

MAX_ARTICLE_BYTES = 2_000_000  # a news article is ~10 kB; 2 MB is a dump, not an article

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Reject:
    source: str
    reason: str
    detail: str
    severity: str = ERROR


@dataclass(slots=True)
class Article:
    text: str
    source: str
    outlet: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    title: str | None = None
    author: str | None = None
    dateline: str | None = None
    flags: list[str] = field(default_factory=list)
    _article_id: str | None = field(default=None, repr=False, compare=False)

    @property
    def article_id(self) -> str:
        if self._article_id is None:
            self._article_id = article_id(self.text)
        return self._article_id

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def published_month(self) -> str:
        return self.published_at.strftime("%Y-%m") if self.published_at else "unknown"


def article_id(text: str) -> str:
    """Stable id: the hash of the normalized text, so reruns and workers agree."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:20]


# --------------------------------------------------------------------------- decoding

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


def decode_bytes(data: bytes, source: str) -> tuple[str, list[str]] | Reject:
    """Decode one article file. UTF-8 (with or without BOM) and UTF-16 with BOM are read as
    such; text that is not UTF-8 but reads as Arabic in Windows-1256 is decoded and flagged."""
    if len(data) > MAX_ARTICLE_BYTES:
        return Reject(source, "too_large", f"{source}: {len(data):,} bytes exceeds the {MAX_ARTICLE_BYTES:,}-byte limit for one article")
    if not data:
        return Reject(source, "empty", f"{source}: the file is empty")
    flags: list[str] = []
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
        flags.append("bom:utf-8")
    elif data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), ["encoding:utf-16"]
        except UnicodeDecodeError as exc:
            return Reject(source, "invalid_utf16", f"{source}: has a UTF-16 byte-order mark but does not decode as UTF-16 ({exc.reason} at byte {exc.start})")
    if b"\x00" in data:
        return Reject(source, "binary", f"{source}: contains NUL bytes; looks like a binary file, not text")
    try:
        return data.decode("utf-8"), flags
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if _looks_arabic(text):
        return text, [*flags, "encoding:cp1256"]
    return Reject(source, "invalid_utf8", f"{source}: not valid UTF-8 ({utf8_error}) and not Arabic in Windows-1256")


def _looks_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(has_arabic(c) for c in letters) / len(letters) > 0.6


# --------------------------------------------------------------------------- repairs

_HTML_TAG_RE = re.compile(r"<(?:!--.*?--|/?[a-zA-Z][^<>]{0,500})>", re.S)
_HTML_BLOCK_RE = re.compile(r"<(?:br|/p|p|/div|div|/h[1-6]|li)\b[^<>]*>", re.I)
_HTML_DROP_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_SPACE_RUN_RE = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES_RE = re.compile(r"\n\s*\n\s*\n+")


def repair_text(text: str) -> tuple[str, list[str]]:
    """Repairs that make the text usable, each recorded as a flag."""
    flags: list[str] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        flags.append("newlines:crlf")
    if INVISIBLE_RE.search(text):
        text = INVISIBLE_RE.sub("", text)
        flags.append("invisible_marks_removed")
    if _HTML_TAG_RE.search(text):
        text = _HTML_DROP_RE.sub("", text)
        text = _HTML_BLOCK_RE.sub("\n", text)
        text = html.unescape(_HTML_TAG_RE.sub("", text))
        text = _BLANK_LINES_RE.sub("\n\n", _SPACE_RUN_RE.sub(" ", text))
        text = "\n".join(line.strip() for line in text.split("\n"))
        flags.append("html_stripped")
    return text, flags


# Scraper wrappers ("[ad_1] … [ad_2] المصدر") and datelines ("AP ـ", "سيول، كوريا الجنوبية –").
_AD_MARK_RE = re.compile(r"^\s*\[ad_\d+\]\s*$", re.M)
_DATELINE_RE = re.compile(
    r"^(?:\s*\[ad_\d+\]\s*\n)?\s*(?P<dateline>[A-Z][A-Za-z.&]{1,15}|[\u0600-\u06ff]+(?:[،,]\s*[\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+)?)?)\s*[ـ–—-]\s+"
)


def detect_wrapper(text: str) -> list[str]:
    return ["scraper_wrapper"] if _AD_MARK_RE.search(text) else []


def detect_dateline(text: str) -> str | None:
    """The agency or place the text opens with, as the text states it (never invented)."""
    match = _DATELINE_RE.match(text)
    if not match:
        return None
    dateline = match.group("dateline").strip()
    return dateline if len(dateline.split()) <= 4 else None


# --------------------------------------------------------------------------- dates

_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%Y/%m/%d",
)


def parse_date(value: object) -> datetime | None:
    """Parse a published date; raise ValueError with the offending value when it cannot."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, (int, float)):
        parsed = datetime.fromtimestamp(value, tz=timezone.utc)
    else:
        raw = str(value).strip()
        parsed = None
        try:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            for fmt in _DATE_FORMATS:
                try:
                    parsed = datetime.strptime(raw, fmt)
                    break
                except ValueError:
                    continue
        if parsed is None:
            raise ValueError(f"unrecognized date {raw!r}")
    if not 1900 <= parsed.year <= 2100:
        raise ValueError(f"date out of range {parsed.isoformat()!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


# --------------------------------------------------------------------------- records

METADATA_FIELDS = ("outlet", "url", "published_at", "title", "author")


def build_article(text: str, source: str, meta: dict | None = None, flags: list[str] | None = None) -> tuple[Article | None, list[Reject]]:
    """Validate decoded text plus metadata; return the article (or None) and any rejects/warnings."""
    meta = meta or {}
    problems: list[Reject] = []
    text, repairs = repair_text(text)
    flags = [*(flags or []), *repairs]
    if not text.strip():
        reason = "empty" if not text else "blank"
        return None, [Reject(source, reason, f"{source}: the article text is {'empty' if not text else 'only white space'}")]
    if not has_arabic(text):
        return None, [Reject(source, "no_arabic", f"{source}: the text contains no Arabic letters")]
    published_at = None
    raw_date = meta.get("published_at", meta.get("date"))
    try:
        published_at = parse_date(raw_date)
    except ValueError as exc:
        problems.append(Reject(source, "bad_date", f"{source}: {exc}; the article is kept with a null date", WARNING))
    flags += detect_wrapper(text)
    article = Article(
        text=text,
        source=source,
        outlet=_clean(meta.get("outlet")),
        url=_clean(meta.get("url")),
        published_at=published_at,
        title=_clean(meta.get("title")),
        author=_clean(meta.get("author")),
        dateline=detect_dateline(text),
        flags=flags,
    )
    return article, problems


def _clean(value: object) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def parse_feed_line(line: bytes | str, source: str) -> tuple[Article | None, list[Reject]]:
    """One JSON Lines record (fields as in SaudiNewsNet / ANT: outlet, url, date, title, author, text)."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, [Reject(source, "invalid_utf8", f"{source}: line is not valid UTF-8 ({exc.reason} at byte {exc.start})")]
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, [Reject(source, "bad_json", f"{source}: not valid JSON ({exc.msg} at column {exc.colno})")]
    if not isinstance(record, dict):
        return None, [Reject(source, "bad_json", f"{source}: expected a JSON object, got {type(record).__name__}")]
    text = record.get("text")
    if not isinstance(text, str):
        return None, [Reject(source, "missing_text", f"{source}: the record has no text field")]
    meta = {key: record.get(key) for key in METADATA_FIELDS if key in record}
    if "published_at" not in meta and "date" in record:
        meta["published_at"] = record["date"]
    return build_article(text, source, meta)
