"""Decoding, repair and validation of raw inputs: (input, expected outcome) tables."""

from datetime import datetime, timezone

import pytest

from transforms.sources import (
    MAX_ARTICLE_BYTES,
    Reject,
    build_article,
    decode_bytes,
    detect_dateline,
    parse_date,
    parse_feed_line,
)

ARABIC = "قال المتحدث إن الزيارة مهمة."


@pytest.mark.parametrize(
    ("data", "text", "flags"),
    [
        (ARABIC.encode("utf-8"), ARABIC, []),
        (b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), ARABIC, ["bom:utf-8"]),
        (ARABIC.encode("utf-16"), ARABIC, ["encoding:utf-16"]),
        (ARABIC.encode("cp1256"), ARABIC, ["encoding:cp1256"]),
    ],
)
def test_decode_accepts(data, text, flags):
    assert decode_bytes(data, "a.txt") == (text, flags)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"\xff\xfe\x00", "invalid_utf16"),
        (b"caf\xe9 \x80\x81\x82 latin junk", "invalid_utf8"),
        (b"x" * (MAX_ARTICLE_BYTES + 1), "too_large"),
    ],
)
def test_decode_rejects(data, reason):
    result = decode_bytes(data, "bad.txt")
    assert isinstance(result, Reject)
    assert result.reason == reason
    assert "bad.txt" in result.detail


@pytest.mark.parametrize(
    ("text", "expected_text", "flags"),
    [
        ("سطر\r\nسطر ثان", "سطر\nسطر ثان", ["newlines:crlf"]),
        ("كي\u200bربي قال\u200f", "كيربي قال", ["invisible_marks_removed"]),
        ("<p>قال <b>كيربي</b> &amp; غادر</p>", "قال كيربي & غادر", ["html_stripped"]),
        ("[ad_1]\nخبر.\n[ad_2]\nالمصدر", "[ad_1]\nخبر.\n[ad_2]\nالمصدر", ["scraper_wrapper"]),
    ],
)
def test_build_article_repairs_and_flags(text, expected_text, flags):
    article, problems = build_article(text, "a.txt")
    assert article.text.strip() == expected_text
    assert article.flags == flags
    assert problems == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "empty"), ("   \n\t ", "blank"), ("only English here", "no_arabic"), ("12345 ...", "no_arabic")],
)
def test_build_article_rejects(text, reason):
    article, problems = build_article(text, "x.txt")
    assert article is None
    assert [p.reason for p in problems] == [reason]


def test_bad_date_keeps_article_with_null_date_and_records_it():
    article, problems = build_article(ARABIC, "a.txt", {"published_at": "yesterday-ish"})
    assert article is not None and article.published_at is None
    assert [(p.reason, p.severity) for p in problems] == [("bad_date", "warning")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2015-07-21 02:51:32", datetime(2015, 7, 21, 2, 51, 32, tzinfo=timezone.utc)),
        ("2017-01-20T21:43:00+01:00", datetime(2017, 1, 20, 20, 43, tzinfo=timezone.utc)),
        ("2024-06-18", datetime(2024, 6, 18, tzinfo=timezone.utc)),
        ("18/06/2024", datetime(2024, 6, 18, tzinfo=timezone.utc)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["not a date", "2024-13-45", "0001-01-01"])
def test_parse_date_raises_with_the_value(value):
    with pytest.raises(ValueError):
        parse_date(value)


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("AP ـ وقع الرئيس الروسي", "AP"),
        ("[ad_1]\nسيول، كوريا الجنوبية – شكر الرئيس", "سيول، كوريا الجنوبية"),
        ("يبدأ الرئيس الروسي فلاديمير بوتين، الثلاثاء، زيارة", None),
    ],
)
def test_detect_dateline(text, dateline):
    assert detect_dateline(text) == dateline


@pytest.mark.parametrize(
    ("line", "outcome"),
    [
        ('{"outlet": "Okaz", "date": "2015-07-21 02:51:32", "title": "t", "text": "' + ARABIC + '"}', "Okaz"),
        ('{"outlet": "Okaz", "text": ', "bad_json"),
        ("[1, 2]", "bad_json"),
        ('{"outlet": "Okaz"}', "missing_text"),
        (b'{"text": "\xff"}', "invalid_utf8"),
    ],
)
def test_parse_feed_line(line, outcome):
    article, problems = parse_feed_line(line, "feed.jsonl:3")
    if article is not None:
        assert article.outlet == outcome and article.source == "feed.jsonl:3"
    else:
        assert [p.reason for p in problems] == [outcome]
        assert "feed.jsonl:3" in problems[0].detail
