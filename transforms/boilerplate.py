"""Page chrome that scrapers keep in an article's text: share buttons, slider links, a
columnist's SMS footer, wire end marks.

It is no part of what the article says, yet it named organisations and people: Okaz's share
bar ("شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك", fused with the first sentence of 157
SaudiNewsNet articles) made three ORG mentions in each (Twitter, Facebook, Google) and gave
Facebook the words of the sentence's speaker; Al-Madina's footer ("للتواصل مع الكاتب ارسل
رسالة SMS … 88591 - Stc 635031 - Mobily 737221 - Zain", 155 columns) made the three telecom
operators organisations cited by every column; Ain Alyoum's slider ("Next Previous") made
people named Next and Previous.

``content_range`` gives the part of a paragraph that is the article's own, or None when the
whole line is chrome. ``transforms.sentences`` cuts sentences only from that part, so the
chrome makes no sentence, no mention and no claim, while ``articles.text`` keeps it as
scraped (offsets stay those of the original text).
"""

from __future__ import annotations

import re

# Chrome that opens a paragraph (the article's first sentence often follows on the same line).
_LEADING_RE = re.compile(
    r"\s*(?:"
    r"شارك\s+من\s+خلال\s+تويتر\s+فيسبوك\s+جوجل\s+بلس\s+اكتب\s+رأيك"  # Okaz's share bar
    r"|Next\s+Previous"  # Ain Alyoum's slider
    r")(?=\s|$)"
)
# Chrome that ends a paragraph: a columnist's "write to me by SMS" footer (Al-Madina, Okaz),
# glued to the e-mail address before it when the page had no line break.
_TRAILING_RE = re.compile(
    r"للتواصل\s+(?:مع\s+الكاتب\s+)?[أا]رسل\s+(?:رسالة\s+)?sms\b.*$",
    re.IGNORECASE,
)
# Whole lines of chrome: wire end marks ("// انتهى //" "end", "// يتبع //" "continues") and
# Asharq Al-Awsat's "...المزيد" ("more") link.
_LINE_RE = re.compile(r"\s*(?://\s*(?:انتهى|يتبع)\s*//|\.{2,}\s*المزيد)\s*$")


def content_range(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The article's own part of the paragraph ``text[start:end]``, as offsets into ``text``;
    None when the paragraph is all chrome."""
    if _LINE_RE.match(text, start, end):
        return None
    leading = _LEADING_RE.match(text, start, end)
    if leading:
        start = leading.end()
    trailing = _TRAILING_RE.search(text, start, end)
    if trailing:
        end = trailing.start()
    return (start, end) if text[start:end].strip() else None
