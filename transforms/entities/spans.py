"""Entity spans over token indices, decoded from BIO labels; BIOES labels for a model.

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
    if labels.count("O") == len(labels):  # most sentences of a long article: no entity
        return spans
    start = -1
    current = ""
    for i, label in enumerate(labels):
        if label == "O":
            if start >= 0:
                spans.append(Span(start, i, current))
                start, current = -1, ""
            continue
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


# A model may be trained on BIOES labels (``S-`` a one-word entity, ``E-`` a span's last word):
# its decoder hands out BIO labels, which everything after it reads.
_BIO_PREFIX = {"S": "B", "E": "I"}


def bio_label(label: str) -> str:
    """The BIO label of a BIO or BIOES label: ``S-LOC`` → ``B-LOC``, ``E-LOC`` → ``I-LOC``."""
    prefix, dash, etype = label.partition("-")
    return _BIO_PREFIX[prefix] + dash + etype if prefix in _BIO_PREFIX and dash else label


def bioes_labels(labels: Sequence[str]) -> list[str]:
    """BIOES labels of well-formed BIO ``labels``: a span's last word ``E-`` (``S-`` when
    it is its only word)."""
    out = list(labels)
    for span in bio_spans(labels):
        if span.end - span.start == 1:
            out[span.start] = "S-" + span.entity_type
        else:
            out[span.start] = "B-" + span.entity_type
            out[span.end - 1] = "E-" + span.entity_type
    return out
