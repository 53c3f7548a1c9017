"""CRF named-entity tagger (PERSON / ORG / LOC / MISC) for Arabic news, CPU only.

Inference only and pure: it reads the bundled model ``ner.crfsuite`` next to this file (or
a model path given to ``Tagger.load``) and nothing else. The model is trained by
``python -m evaluation.train_ner`` from NewsFANE / WikiFANE Gold (see
``NOTICE-ner-model.md``). Input is a list of word tokens as produced by
``transforms.tokens.tokenize`` (clitics attached); output is one BIO label per token, or
entity spans over token indices. Decoding is ``transforms.entities.crf``: the model's weights
summed once per word form and Viterbi over many sentences at once with numpy — give it whole
batches (``tag_many``), not one sentence at a time.

When ``transforms.entities.gazetteer`` is importable, the tagger computes per-token
gazetteer labels itself (``load_gazetteer().token_labels(words)``) and feeds them to the
features, exactly as ``evaluation.train_ner`` does when it trains.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from transforms.entities.crf import CompiledCRF

MODEL_PATH = Path(__file__).with_name("ner.crfsuite")
ENTITY_TYPES = ("PERSON", "ORG", "LOC", "MISC")
# Very long token runs (text without sentence punctuation) are tagged in windows: the batch
# decoder takes one numpy step per position of the longest sequence. News sentences are shorter.
_MAX_TOKENS = 400


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


@lru_cache(maxsize=1)
def _gazetteer():
    try:
        from transforms.entities.gazetteer import load_gazetteer

        return load_gazetteer()
    except (ImportError, OSError, ValueError):  # module or its data file not there (yet)
        return None


def gazetteer_labels(words: list[str]) -> list[str] | None:
    """Per-token gazetteer BIO labels, or ``None`` when there is no gazetteer module."""
    gazetteer = _gazetteer()
    return None if gazetteer is None else list(gazetteer.token_labels(words))


class Tagger:
    """A loaded CRF model, decoded in batches by ``CompiledCRF``. Not thread-safe (its word
    cache): use one per thread or process."""

    def __init__(self, crf: CompiledCRF, path: Path, use_gazetteer: bool) -> None:
        self._crf = crf
        self.path = path
        self.use_gazetteer = use_gazetteer
        self.labels = tuple(crf.labels)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str] | None = None, *, use_gazetteer: bool | None = None
    ) -> Tagger:
        """Load a model (default: the bundled one). ``use_gazetteer=None`` uses the gazetteer
        module when it is importable (as training does)."""
        model = Path(path) if path is not None else MODEL_PATH
        if not model.is_file():
            raise FileNotFoundError(model)
        if use_gazetteer is None:
            use_gazetteer = _gazetteer() is not None
        return cls(CompiledCRF(model), model, use_gazetteer)

    def tag(self, words: list[str], gaz: list[str] | None = None) -> list[str]:
        """One BIO label per word (``B-PERSON``, ``I-LOC``, ``O``...). ``gaz``: the words'
        gazetteer labels when the caller already matched them (saves a second match)."""
        return self.tag_many([words], None if gaz is None else [gaz])[0]

    def tag_many(
        self, sentences: Sequence[Sequence[str]], gaz: Sequence[Sequence[str]] | None = None
    ) -> list[list[str]]:
        """``tag`` for many sentences at once — much faster per sentence than one by one.
        Sentences longer than ``_MAX_TOKENS`` are tagged in windows of that length."""
        windows: list[Sequence[str]] = []
        window_gaz: list[Sequence[str]] | None = [] if self.use_gazetteer else None
        owners: list[int] = []
        for index, words in enumerate(sentences):
            labels = None
            if self.use_gazetteer:
                labels = gaz[index] if gaz is not None else gazetteer_labels(list(words))
            for start in range(0, len(words), _MAX_TOKENS):
                windows.append(words[start : start + _MAX_TOKENS])
                if window_gaz is not None:
                    window_gaz.append(labels[start : start + _MAX_TOKENS])
                owners.append(index)
        result: list[list[str]] = [[] for _ in sentences]
        for owner, labels in zip(owners, self._crf.tag(windows, window_gaz)):
            result[owner].extend(labels)
        return result

    def spans(self, words: list[str], gaz: list[str] | None = None) -> list[Span]:
        """Entity spans over token indices, from repaired BIO labels."""
        return bio_spans(self.tag(words, gaz))


@lru_cache(maxsize=1)
def default_tagger() -> Tagger | None:
    """The bundled model, loaded once; ``None`` when the model file is missing."""
    if not MODEL_PATH.is_file():
        return None
    return Tagger.load(MODEL_PATH)
