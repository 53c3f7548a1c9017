"""Properties over arbitrary Unicode text (hypothesis): extraction never raises, every offset
reproduces the text, and processing is deterministic (running twice gives the same rows)."""

from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.pipeline import process_articles
from transforms.sentences import split_sentences
from transforms.sources import Reject, build_article, decode_bytes

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)

# Arbitrary Unicode, weighted towards what news text is made of: Arabic letters and marks,
# punctuation that drives segmentation, quotes, digits, newlines, bidi and zero-width marks.
NEWSY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(list(" \n\n.،؛؟?!:\"“”«»()-ـ0123456789\u200b\u200f\u202bقال إن وأضاف كيربي بوتين")),
        st.characters(),
    ),
    max_size=400,
)
WORDS = st.lists(
    st.sampled_from(["وقال", "المتحدث", "باسم", "جون", "كيربي", "إن", ":", "“", "”", "\"", ".", "،", "\n", "بوتين",
                     "وأضاف", "أن", "بحسب", "وكالة", "يونهاب", "مسؤولون", "أمريكيون", "قائلا", "سي.", "إن.", "2.5", "كيم"]),
    max_size=60,
).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NEWSY, WORDS))
def test_sentence_offsets_reproduce_the_text(text):
    previous_end = 0
    for span in split_sentences(text):
        sentence = text[span.char_start:span.char_end]
        assert sentence and sentence == sentence.strip()
        assert span.char_start >= previous_end
        previous_end = span.char_end


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NEWSY, WORDS))
def test_extraction_never_raises_and_offsets_hold(text):
    article, problems = build_article(text, "p.txt")
    if article is None:
        assert problems and all(isinstance(p, Reject) for p in problems)
        return
    batch = process_articles([article], "run", NOW)
    body = article.text
    for row in batch.sentences:
        assert body[row["char_start"]:row["char_end"]] == row["text"]
    for row in batch.mentions:
        assert body[row["char_start"]:row["char_end"]] == row["surface"]
        assert row["entity_id"] in batch.entities
    for row in batch.claims:
        assert body[row["char_start"]:row["char_end"]] == row["content"]
        assert row["quote_type"] in ("direct", "indirect", "mixed")
        if row["cue_start"] is not None:
            assert body[row["cue_start"]:row["cue_end"]] == row["cue_text"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NEWSY, WORDS))
def test_processing_twice_gives_identical_rows(text):
    article, _ = build_article(text, "p.txt")
    if article is None:
        return
    first = process_articles([article], "run", NOW).tables()
    second = process_articles([article], "run", NOW).tables()
    for name in first:
        assert first[name].equals(second[name]), name


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_arbitrary_bytes_never_raises(data):
    result = decode_bytes(data, "b.txt")
    assert isinstance(result, Reject) or isinstance(result[0], str)
