"""Entity spans over token indices, decoded from BIO labels.

Kept apart from ``tagger`` so that the rules applied to the tagger's labels
(``teams``, ``homonyms``) read spans exactly as the tagger and the evaluation do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    entity_type: str  # PERSON | ORG | LOC | MISC


def bio_spans(labels: Sequence[str]) -> list[Span]:
    """Decode BIO labels into spans, repairing ill-formed sequences: an ``I-X`` that does
    not continue an ``X`` span (after ``O`` or another type) starts a new span."""
    spans: list[Span] = []
    start = -1
    current = ""
    for i, label in enumerate(labels):
        prefix, _, etype = label.partition("-")
        if prefix == "I" and etype == current and start >= 0:
            continue
        if start >= 0:
            spans.append(Span(start, i, current))
            start, current = -1, ""
        if prefix in ("B", "I") and etype:
            start, current = i, etype
    if start >= 0:
        spans.append(Span(start, len(labels), current))
    return spans
