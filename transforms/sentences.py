"""Sentence segmentation for Arabic news, with exact offsets into the article text.

Rules (each one a case in ``tests/transforms/test_sentences.py``):

- paragraph breaks always end a sentence; a short paragraph with no final punctuation is a
  heading and stands as its own sentence;
- . ؟ ? ! ؛ … end a sentence, together with any closing quotes/brackets that follow;
- but not inside a quotation that opens and closes within the paragraph (“…”, «…», "…"),
  not inside numbers (2.5, 10.000), and not after abbreviations: a one-letter word ("د.",
  "أ. ف. ب", "U.S.") or a chain of dotted short words ("سي. إن. إن");
- scraper boilerplate lines ("[ad_1]", "[ad_2]" and the "المصدر" line after it) are not sentences,
  nor is page chrome at either end of a paragraph (share bars, SMS footers: ``transforms.boilerplate``).

``text[char_start:char_end]`` reproduces every sentence exactly; sentences never start or end
with white space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.boilerplate import content_range

_PARAGRAPH_RE = re.compile(r"[^\n]+")
_TERMINATOR_RE = re.compile(r"[.!?؟؛…]+")
_CLOSERS = "”»\"')]}’›"
# Opening quotation marks and the marks that close them (the claims and the mentions pair
# quoted names by the same table).
QUOTE_PAIRS = {"“": "”", "«": "»", "‹": "›"}
QUOTE_OPENERS = {closer: opener for opener, closer in QUOTE_PAIRS.items()}
_AD_LINE_RE = re.compile(r"^\s*\[ad_\d+\]\s*$")
_SOURCE_LINE_RE = re.compile(r"^\s*المصدر\s*:?\s*$")
# A word's letters with the Arabic diacritics between them (tanween, shadda, sukun …, which
# are no word characters for ``re``): "تمامًا" is one word of five letters, not "ا".
_DIACRITICS = "\u064b-\u065f\u0670"
_WORD_BEFORE_RE = re.compile(rf"((?:[^\W\d_]|[{_DIACRITICS}])+)$")
_DIACRITIC_RE = re.compile(f"[{_DIACRITICS}]")
_WORD_AFTER_RE = re.compile(r"^\s*([^\W\d_]+)(\.?)")
_HEADING_MAX_WORDS = 12
_FINAL_PUNCT = set(".!?؟؛…:")


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    char_start: int
    char_end: int
    paragraph_index: int
    is_heading: bool


def split_sentences(text: str) -> list[SentenceSpan]:
    spans: list[SentenceSpan] = []
    paragraph_index = -1
    after_ad = False
    for paragraph in _PARAGRAPH_RE.finditer(text):
        line = paragraph.group()
        if not line.strip():
            continue
        if _AD_LINE_RE.match(line):
            after_ad = True
            continue
        if after_ad and _SOURCE_LINE_RE.match(line):
            continue
        after_ad = False
        content = content_range(text, paragraph.start(), paragraph.end())
        if content is None:
            continue
        paragraph_index += 1
        pieces = list(_split_paragraph(text, *content))
        heading = len(pieces) == 1 and _is_heading(text[pieces[0][0]:pieces[0][1]])
        spans.extend(SentenceSpan(s, e, paragraph_index, heading) for s, e in pieces)
    return spans


def _split_paragraph(text: str, start: int, end: int):
    protected = quoted_ranges(text, start, end)
    sentence_start = start
    for match in _TERMINATOR_RE.finditer(text, start, end):
        cut = match.end()
        while cut < end and text[cut] in _CLOSERS:
            cut += 1
        if _inside(match.start(), protected) or not _is_boundary(text, match, start, end):
            continue
        span = _trim(text, sentence_start, cut)
        if span:
            yield span
        sentence_start = cut
    span = _trim(text, sentence_start, end)
    if span:
        yield span


_QUOTE_MARK_RE = re.compile("[" + "".join(QUOTE_PAIRS) + '"]')


def quoted_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations that open and close inside ``text[start:end]``, as half-open ranges from the
    opening to just after the closing mark; unbalanced marks quote nothing. (A regex finds
    the next opening or ASCII mark: walking every character in Python cost a whole-corpus
    run several seconds.)"""
    ranges: list[tuple[int, int]] = []
    ascii_open = None
    search = _QUOTE_MARK_RE.search
    found = search(text, start, end)
    while found is not None:
        i = found.start()
        ch = text[i]
        if ch != '"':
            close = text.find(QUOTE_PAIRS[ch], i + 1, end)
            if close != -1:
                ranges.append((i, close + 1))
                found = search(text, close + 1, end)
                continue
        elif ascii_open is None:
            ascii_open = i
        else:
            ranges.append((ascii_open, i + 1))
            ascii_open = None
        found = search(text, i + 1, end)
    return ranges


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a < position < b for a, b in ranges)


def _is_boundary(text: str, match: re.Match[str], start: int, end: int) -> bool:
    mark = match.group()
    if mark != ".":
        return True
    i = match.start()
    # Only the neighbourhood matters; slicing whole paragraphs made long ones quadratic.
    before, after = text[max(start, i - 40):i], text[i + 1:min(end, i + 40)]
    if before[-1:].isdigit() and after[:1].isdigit():
        return False  # 2.5, 10.000
    word = _WORD_BEFORE_RE.search(before)
    if not word:
        return True
    letters = _DIACRITIC_RE.sub("", word.group(1))
    if len(letters) == 1 and not before[: word.start()][-1:].isdigit():  # "عام 2015م. وعقد": a year
        return False  # "د. محمد", "أ. ف. ب", "U.S."
    if len(letters) == 2:
        following = _WORD_AFTER_RE.match(after)
        if following and len(following.group(1)) <= 2 and (following.group(2) or _dotted_short_before(before[: word.start()])):
            return False  # "سي. إن. إن"
        if _dotted_short_before(before[: word.start()]) and following and len(following.group(1)) <= 3:
            return False
    return True


def _dotted_short_before(before: str) -> bool:
    return re.search(r"(?:^|[\s\"“«(])[^\W\d_]{1,2}\.\s*$", before) is not None


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end or not any(c.isalnum() for c in text[start:end]):
        return None
    return start, end


def _is_heading(sentence: str) -> bool:
    return sentence[-1] not in _FINAL_PUNCT and len(sentence.split()) <= _HEADING_MAX_WORDS
