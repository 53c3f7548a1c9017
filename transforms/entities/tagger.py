"""Named-entity tagger (PERSON / ORG / LOC / MISC) for Arabic news, CPU only.

Inference only and pure: it reads the bundled models next to this file (or model paths given
to ``Tagger.load``) and nothing else. Two models are bundled, trained from NewsFANE / WikiFANE
Gold (see ``NOTICE-ner-model.md``): a feature CRF (``ner.crfsuite``, ``khabar train-ner``,
decoded by ``transforms.entities.crf``) and a BiLSTM-CRF (``ner_bilstm.npz``,
``khabar train-bilstm``, decoded with numpy by ``transforms.entities.lstm``). The pipeline
uses the BiLSTM-CRF alone (the default: the first of the two networks the file holds), the
CRF alone (``KHABAR_NER=crf``: the fastest) or both networks of the BiLSTM-CRF and the CRF
(``KHABAR_NER=ensemble``: their scores are added before one Viterbi pass; the most accurate,
the slowest); see ``ner_mode`` and ``BILSTM_MEMBERS``.

Input is a list of word tokens as produced by ``transforms.tokens.tokenize`` (clitics
attached); output is one BIO label per token, or entity spans over token indices (the bundled
models learned BIOES labels, which their decoders hand out as BIO: ``spans.bio_label``). Both
decoders work on many sentences at once (word features summed once per word form, Viterbi
over the whole batch) — give them whole batches (``tag_many``), not one sentence at a time.
Given which article each sentence belongs to (``tag_many(..., documents=...)``), every article
is decoded twice, the second time with a document-level prior that favours, where a name
recurs, the type it got elsewhere in the article (``transforms.entities.consistency``).
Person names cut at a lineage word (``[محمد] بن [سلمان]``) are joined again, and begin after
their title (``الدكتور [عبدالقادر]``; ``transforms.entities.name_parts``). A country or city
that names a team in a match report is an ORG (``transforms.entities.teams``: ``فاز المنتخب
على [تايلاند]``). A club or newspaper
name that is also a common word is an ORG only with evidence in its article
(``transforms.entities.homonyms``: ``رابط الخبر`` is "the link to the story"). Common
words read as a person's name are a person only when their article shows one
(``transforms.entities.not_names``: ``لولا تدخل`` is "if not for the intervention"). An
organisation's name takes the relation adjectives after it
(``transforms.entities.org_adjectives``: ``[وزارة الشؤون] الاجتماعية``), and a common given name
left alone takes the family name after it, and an untagged given name before a tribal family
name is a person (``transforms.entities.given_names``: ``[محمد] المخرج``, ``علي الغامدي``).

When ``transforms.entities.gazetteer`` is importable, the tagger computes per-token
gazetteer labels itself (``load_gazetteer().token_labels(words)``) and feeds them to the
features, exactly as training does.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from transforms.entities.crf import ChunkedTagging, CompiledCRF, Decoder
from transforms.entities.given_names import join_family_names, split_organisation_holders, tag_tribal_names
from transforms.entities.homonyms import drop_homonyms
from transforms.entities.lstm import BiLstmCrf
from transforms.entities.name_parts import drop_leading_titles, join_lineage
from transforms.entities.not_names import drop_false_persons
from transforms.entities.org_adjectives import extend_org_adjectives
from transforms.entities.spans import Span, bio_spans
from transforms.entities.teams import mark_teams, mark_teams_in_articles

BILSTM_PATH = Path(__file__).with_name("ner_bilstm.npz")
CRF_PATH = Path(__file__).with_name("ner.crfsuite")
# The ensemble adds the CRF's scores, times this weight, to the BiLSTM's (chosen on the
# NewsFANE DEV blocks: the two models err differently, together they beat either).
CRF_WEIGHT = 0.5
# Weight of the document-level prior (``transforms.entities.consistency``): a name found once
# in an article is favoured, with its type, where it recurs. Chosen on the NewsFANE DEV blocks.
CONSISTENCY_WEIGHT = 2.0
# Which bundled tagger the pipeline uses (KHABAR_NER): the BiLSTM-CRF alone (the default: more
# people found than by the CRF, for ~13 % slower tagging), the CRF alone (the fastest), or both
# (the most accurate; a full run ~50 % slower than the CRF's). Figures: README, Accuracy.
NER_MODES = {"crf": (CRF_PATH,), "bilstm": (BILSTM_PATH,), "ensemble": (BILSTM_PATH, CRF_PATH)}
# How many of the BiLSTM-CRF file's members a mode decodes (``lstm.BiLstmCrf``; None: all).
# The default decodes one: two cost 26 % of the tagger's speed, which would take a full run
# of SaudiNewsNet to the edge of its 120 s budget; the ensemble, the most accurate, uses both.
BILSTM_MEMBERS = {"bilstm": 1, "ensemble": None}
DEFAULT_NER_MODE = "bilstm"
_ENSEMBLE_CHUNK_TOKENS = 1 << 14
ENTITY_TYPES = ("PERSON", "ORG", "LOC", "MISC")
# Very long token runs (text without sentence punctuation) are tagged in windows: the batch
# decoder takes one numpy step per position of the longest sequence. News sentences are shorter.
_MAX_TOKENS = 400


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


class Ensemble(ChunkedTagging):
    """Several models decoded as one CRF: their state and transition scores, each times its
    weight, are added (a product of experts) and Viterbi runs once. Labels are aligned by
    name; every member must have the same label set."""

    def __init__(self, members: Sequence[tuple[Decoder, float]]) -> None:
        if not members:
            raise ValueError("an ensemble needs at least one model")
        self.labels = list(members[0][0].labels)
        self._members = []
        for decoder, weight in members:
            if sorted(decoder.labels) != sorted(self.labels):
                raise ValueError(f"label sets differ: {decoder.labels} vs {self.labels}")
            order = [decoder.labels.index(label) for label in self.labels]
            self._members.append((decoder, float(weight), np.asarray(order)))
        self.transitions = sum(
            weight * decoder.transitions[np.ix_(order, order)]
            for decoder, weight, order in self._members
        )

    def emissions(
        self, sentences: Sequence[Sequence[str]], gazetteer: Sequence[Sequence[str]] | None
    ) -> np.ndarray:
        return sum(
            weight * decoder.emissions(sentences, gazetteer)[:, order]
            for decoder, weight, order in self._members
        )

    def chunk_tokens(self) -> int:
        return _ENSEMBLE_CHUNK_TOKENS


def _decoder(path: Path, members: int | None = None) -> Decoder:
    if not path.is_file():
        raise FileNotFoundError(path)
    return BiLstmCrf(path, members) if path.suffix == ".npz" else CompiledCRF(path)


class Tagger:
    """A loaded model or ensemble, decoded in batches. Not thread-safe (the decoders' word
    caches): use one per thread or process."""

    def __init__(
        self,
        decoder: Decoder,
        paths: Sequence[Path],
        use_gazetteer: bool,
        consistency: float = CONSISTENCY_WEIGHT,
    ) -> None:
        self._decoder = decoder
        self.paths = tuple(paths)
        self.path = self.paths[0]
        self.use_gazetteer = use_gazetteer
        self.consistency = consistency  # weight of the document prior; 0 turns it off
        self.labels = tuple(decoder.labels)

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        crf: str | os.PathLike[str] | None = None,
        crf_weight: float = CRF_WEIGHT,
        use_gazetteer: bool | None = None,
        consistency: float = CONSISTENCY_WEIGHT,
        members: int | None = None,
    ) -> Tagger:
        """Load a model: a BiLSTM-CRF ``.npz`` (its first ``members`` members; default all) or
        a crfsuite CRF; with ``crf``, the ensemble of ``path`` and that CRF (its scores times
        ``crf_weight``). Without ``path``: the bundled models of ``ner_mode()``.
        ``use_gazetteer=None`` uses the gazetteer module when it is importable (as training
        does). ``consistency``: the document prior's weight."""
        if path is None:
            return cls.bundled(ner_mode(), use_gazetteer=use_gazetteer, consistency=consistency)
        paths = [Path(path)] + ([Path(crf)] if crf is not None else [])
        decoders = [_decoder(paths[0], members)] + [_decoder(p) for p in paths[1:]]
        if use_gazetteer is None:
            use_gazetteer = _gazetteer() is not None
        decoder = (
            decoders[0] if len(decoders) == 1
            else Ensemble([(decoders[0], 1.0), (decoders[1], crf_weight)])
        )
        return cls(decoder, paths, use_gazetteer, consistency)

    @classmethod
    def bundled(
        cls, mode: str, *, use_gazetteer: bool | None = None,
        consistency: float = CONSISTENCY_WEIGHT,
    ) -> Tagger:
        """The bundled models of one mode of ``NER_MODES`` (a BiLSTM-CRF or a CRF alone, or
        the BiLSTM-CRF with the CRF as an ensemble), with the BiLSTM-CRF members of
        ``BILSTM_MEMBERS``."""
        path, *rest = NER_MODES[mode]
        return cls.load(
            path, crf=rest[0] if rest else None, use_gazetteer=use_gazetteer,
            consistency=consistency, members=BILSTM_MEMBERS.get(mode),
        )

    def tag(self, words: list[str], gaz: list[str] | None = None) -> list[str]:
        """One BIO label per word (``B-PERSON``, ``I-LOC``, ``O``...). ``gaz``: the words'
        gazetteer labels when the caller already matched them (saves a second match)."""
        return self.tag_many([words], None if gaz is None else [gaz])[0]

    def tag_many(
        self,
        sentences: Sequence[Sequence[str]],
        gaz: Sequence[Sequence[str]] | None = None,
        documents: Sequence[Hashable] | None = None,
    ) -> list[list[str]]:
        """``tag`` for many sentences at once — much faster per sentence than one by one:
        ``decode``, then the rules that mend what the models get wrong (titles, lineage,
        teams, homonyms, false persons, organisation adjectives, family and tribal names)."""
        marked = [
            mark_teams(words, join_lineage(words, drop_leading_titles(words, labels)))
            for words, labels in zip(sentences, self.decode(sentences, gaz, documents))
        ]
        marked = mark_teams_in_articles(sentences, marked, documents)
        kept = drop_homonyms(sentences, marked, documents)
        return [
            tag_tribal_names(words, join_family_names(words, split_organisation_holders(
                words, extend_org_adjectives(words, labels))))
            for words, labels in zip(sentences, drop_false_persons(sentences, kept, documents))
        ]

    def decode(
        self,
        sentences: Sequence[Sequence[str]],
        gaz: Sequence[Sequence[str]] | None = None,
        documents: Sequence[Hashable] | None = None,
    ) -> list[list[str]]:
        """The models' BIO labels alone, before the rules of ``tag_many``. Sentences longer
        than ``_MAX_TOKENS`` are decoded in windows of that length.

        ``documents``: one key per sentence (the same for the consecutive sentences of one
        article). With it, each article is decoded with the document prior of
        ``transforms.entities.consistency`` (unless ``consistency`` is 0); without it, every
        sentence is decoded on its own."""
        if documents is not None and len(documents) != len(sentences):
            raise ValueError(f"{len(documents)} document keys for {len(sentences)} sentences")
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
        window_documents = None if documents is None else [documents[i] for i in owners]
        tagged = self._decoder.tag(windows, window_gaz, window_documents, self.consistency)
        for owner, labels in zip(owners, tagged):
            result[owner].extend(labels)
        return result

    def spans(self, words: list[str], gaz: list[str] | None = None) -> list[Span]:
        """Entity spans over token indices, from repaired BIO labels."""
        return bio_spans(self.tag(words, gaz))


def ner_mode() -> str:
    """``KHABAR_NER`` (a key of ``NER_MODES``; default ``DEFAULT_NER_MODE``), checked."""
    mode = os.environ.get("KHABAR_NER", "").strip().lower() or DEFAULT_NER_MODE
    if mode not in NER_MODES:
        raise ValueError(f"KHABAR_NER={mode!r}: expected one of {', '.join(NER_MODES)}")
    return mode


def default_tagger() -> Tagger | None:
    """The bundled tagger of ``ner_mode()``, loaded once per mode; ``None`` when a model
    file is missing."""
    return _bundled(ner_mode())


@lru_cache(maxsize=len(NER_MODES))
def _bundled(mode: str) -> Tagger | None:
    if not all(path.is_file() for path in NER_MODES[mode]):
        return None
    return Tagger.bundled(mode)
