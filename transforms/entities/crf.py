"""Decode a crfsuite NER model for many sentences at once, with numpy.

Why: python-crfsuite tags one sentence per call and is handed every feature as a Python
string (~26 per token) that it encodes and looks up again, token after token; building those
strings and handing them over was ~60 % of the whole transform. A linear-chain CRF does not
need that: the state score of a token is the sum of the weights of its features, and the
features of ``transforms.entities.features.sentence_features`` almost all depend on a single
word form — the word's own features, or the ones it lends its neighbours at ±1 / ±2. So the
weights are summed once per distinct word form (and cached), a sentence's state scores are a
handful of vector additions, and Viterbi runs over all the sentences of a batch together.

The model and the features are unchanged: ``sentence_features`` still defines them (training
uses it), the weights are read as exact doubles from the model file, and the tests check
that the labels are those of pycrfsuite's own tagger.
"""

from __future__ import annotations

import struct
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import pycrfsuite

from transforms.entities.consistency import document_prior
from transforms.entities.features import OFFSETS, word_info
from transforms.entities.spans import bio_label

# Words whose weight sums are cached: 5 vectors of 9 doubles, 360 bytes a word, 47 MB in all.
# News vocabularies are large (a 500-article batch brings ~10k forms the cache has not seen).
_CACHE_WORDS = 1 << 17
# New words summed per numpy pass (bounds the temporary [features, labels] array to ~10 MB).
_SUM_WORDS = 4096
# Tokens decoded per numpy pass: bounds the distinct words of a pass below the cache size.
_CHUNK_TOKENS = 1 << 15
_LEFT_CONJ = "st-1|st="
_RIGHT_CONJ = "st|st+1="
_STATE, _TRANSITION = 0, 1


def read_weights(path: str | Path) -> tuple[list[str], dict[str, int], np.ndarray, np.ndarray]:
    """``(labels, attribute ids, state weights [attributes, labels], transitions [from, to])``
    of a crfsuite CRF1d model file.

    Names come from pycrfsuite's dump; the weights from the file's FEAT chunk, whose records
    are ``(type, source, destination, weight: double)`` — the dump rounds them to 6 decimals."""
    crf = pycrfsuite.Tagger()
    crf.open(str(path))
    info = crf.info()
    crf.close()
    label_ids = {name: int(i) for name, i in info.labels.items()}
    labels = [name for name, _ in sorted(label_ids.items(), key=lambda item: item[1])]
    attributes = {name: int(i) for name, i in info.attributes.items()}
    data = Path(path).read_bytes()
    if data[:4] != b"lCRF" or data[8:12] != b"FOMC":
        raise ValueError(f"{path}: not a crfsuite CRF1d model")
    (off_features,) = struct.unpack_from("<I", data, 28)
    if data[off_features : off_features + 4] != b"FEAT":
        raise ValueError(f"{path}: no FEAT chunk where the header says")
    (count,) = struct.unpack_from("<I", data, off_features + 8)
    records = np.frombuffer(
        data, dtype=np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")]),
        count=count, offset=off_features + 12,
    )
    n_labels = len(labels)
    state = np.zeros((len(attributes) + 1, n_labels))  # + a zero row for "no attribute"
    transitions = np.zeros((n_labels, n_labels))
    kind = records["type"]
    s = records[kind == _STATE]
    np.add.at(state, (s["src"].astype(np.intp), s["dst"].astype(np.intp)), s["w"])
    t = records[kind == _TRANSITION]
    np.add.at(transitions, (t["src"].astype(np.intp), t["dst"].astype(np.intp)), t["w"])
    return labels, attributes, state, transitions


def _conj_heads(attributes: dict[str, int], prefix: str) -> frozenset[str]:
    """Every string that may stand before a ``|`` in a conjunction attribute: a cheap,
    exact pre-check before a conjunction feature is spelled out."""
    heads = set()
    for name in attributes:
        if name.startswith(prefix):
            body = name[len(prefix) :]
            heads.update(body[:p] for p, ch in enumerate(body) if ch == "|")
    return frozenset(heads)


def viterbi(emit: np.ndarray, lengths: Sequence[int], trans: np.ndarray) -> np.ndarray:
    """Viterbi label ids for the sentences laid end to end in ``emit`` ``[tokens, labels]``,
    with ``trans[from, to]`` transition scores, all at once: sentences sorted longest first,
    step ``t`` advances those longer than ``t``."""
    lengths = np.asarray(lengths, dtype=np.intp)
    starts = np.cumsum(lengths) - lengths
    order = np.argsort(-lengths, kind="stable")
    lengths, starts = lengths[order], starts[order]
    longest = int(lengths[0]) if len(lengths) else 0
    # alive[t] = how many sentences are longer than t (a prefix, thanks to the sort)
    alive = np.searchsorted(-lengths, -np.arange(longest + 1), side="left")
    score = np.zeros((len(lengths), trans.shape[0]))
    back = np.zeros(emit.shape, dtype=np.intp)
    k = int(alive[0])
    score[:k] = emit[starts[:k]]
    for t in range(1, longest):
        k = int(alive[t])
        at = starts[:k] + t
        cand = score[:k, :, None] + trans  # [sentence, previous label, label]
        best = cand.argmax(axis=1)
        back[at] = best
        score[:k] = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0, :] + emit[at]
    out = np.zeros(len(emit), dtype=np.intp)
    current = np.zeros(len(lengths), dtype=np.intp)
    for t in range(longest - 1, -1, -1):
        k, ending = int(alive[t]), int(alive[t + 1])
        current[ending:k] = score[ending:k].argmax(axis=1)  # sentences whose last token is t
        if ending:
            current[:ending] = back[starts[:ending] + t + 1, current[:ending]]
        out[starts[:k] + t] = current[:k]
    return out


class Decoder(Protocol):
    """What ``tag_in_chunks`` needs of a model: label names, ``[from, to]`` transition scores
    and the state scores of a batch of sentences."""

    labels: list[str]

    @property
    def transitions(self) -> np.ndarray: ...

    def emissions(
        self, sentences: Sequence[Sequence[str]], gazetteer: Sequence[Sequence[str]] | None
    ) -> np.ndarray: ...


def tag_in_chunks(
    decoder: Decoder,
    sentences: Sequence[Sequence[str]],
    gazetteer: Sequence[Sequence[str]] | None,
    chunk_tokens: int,
    documents: Sequence[Hashable] | None = None,
    consistency: float = 0.0,
) -> list[list[str]]:
    """BIO labels for each sentence (empty ones allowed), decoded ``chunk_tokens`` tokens of
    sentences at a time: state scores of the whole chunk, then one batch Viterbi. A model of
    BIOES labels is decoded over them and its labels handed out as BIO (``bio_label``).

    ``documents``: one key per sentence, equal for the consecutive sentences of a document.
    With it and a ``consistency`` weight, each document is decoded a second time with the
    prior of ``transforms.entities.consistency`` (a chunk then holds whole documents)."""
    result: list[list[str]] = [[] for _ in sentences]
    chunk: list[int] = []
    size = 0
    names = [bio_label(label) for label in decoder.labels]
    by_document = documents is not None and consistency > 0

    def flush() -> None:
        part = [sentences[i] for i in chunk]
        gaz = None if gazetteer is None else [gazetteer[i] for i in chunk]
        lengths = [len(s) for s in part]
        emit = decoder.emissions(part, gaz)
        ids = viterbi(emit, lengths, decoder.transitions)
        if by_document:
            ids = _redecode(emit, ids, lengths, part, [documents[i] for i in chunk],
                            decoder.labels, decoder.transitions, consistency)
        ids = ids.tolist()
        token = 0
        for index, n in zip(chunk, lengths):
            result[index] = [names[i] for i in ids[token : token + n]]
            token += n

    for index, sentence in enumerate(sentences):
        if not sentence:
            continue
        if size >= chunk_tokens and (not by_document or documents[index] != documents[chunk[-1]]):
            flush()
            chunk, size = [], 0
        chunk.append(index)
        size += len(sentence)
    if chunk:
        flush()
    return result


def _redecode(
    emit: np.ndarray,
    ids: np.ndarray,
    lengths: list[int],
    sentences: list[Sequence[str]],
    documents: list[Hashable],
    names: Sequence[str],
    transitions: np.ndarray,
    weight: float,
) -> np.ndarray:
    """Second Viterbi pass with the documents' consistency prior added to the state scores,
    over the sentences where it can change something: those with a bonus on a word the first
    pass left ``O``. (A bonus only on words the first path already gives the boosted type
    raises that path by the most any path can gain: it stays the best.)"""
    bonus = document_prior(sentences, documents, ids, names, weight)
    if bonus is None:
        return ids
    lengths_ = np.asarray(lengths, dtype=np.intp)
    ends = np.cumsum(lengths_)
    opened = bonus.any(axis=1) & (ids == list(names).index("O"))
    touched = np.flatnonzero(np.add.reduceat(opened, ends - lengths_))
    if not len(touched):
        return ids
    rows = np.concatenate([np.arange(ends[k] - lengths_[k], ends[k]) for k in touched])
    ids = ids.copy()
    ids[rows] = viterbi(emit[rows] + bonus[rows], lengths_[touched], transitions)
    return ids


class ChunkedTagging:
    """``tag`` for a ``Decoder``: ``tag_in_chunks`` with the decoder's own chunk size
    (``chunk_tokens``, read at each call)."""

    def chunk_tokens(self) -> int:
        raise NotImplementedError

    def tag(
        self,
        sentences: Sequence[Sequence[str]],
        gazetteer: Sequence[Sequence[str]] | None = None,
        documents: Sequence[Hashable] | None = None,
        consistency: float = 0.0,
    ) -> list[list[str]]:
        """BIO labels for each sentence (empty sentences allowed); ``documents`` and
        ``consistency``: see ``tag_in_chunks``."""
        return tag_in_chunks(
            self, sentences, gazetteer, self.chunk_tokens(), documents, consistency
        )


class CompiledCRF(ChunkedTagging):
    """The weights of one model arranged for batch decoding. Not thread-safe (word cache)."""

    def __init__(self, path: str | Path) -> None:
        self.labels, self._attr, self._state, self._trans = read_weights(path)
        self._none = len(self._attr)  # the zero row
        n = len(self.labels)
        self._bias = self._vector(["b"])
        self._bos = self._vector(["BOS"])
        self._eos = self._vector(["EOS"])
        self._left_heads = _conj_heads(self._attr, _LEFT_CONJ)
        self._right_heads = _conj_heads(self._attr, _RIGHT_CONJ)
        self._gaz: dict[str, tuple[int, int, int]] = {}  # label → attribute ids (g, g-1, g+1)
        self._rows: dict[str, int] = {}
        self._stems: list[str] = []
        self._words = np.zeros((_CACHE_WORDS, 1 + len(OFFSETS), n))  # row per cached word

    def _vector(self, names: Sequence[str]) -> np.ndarray:
        rows = [self._attr[name] for name in names if name in self._attr]
        return self._state[rows].sum(axis=0) if rows else np.zeros(len(self.labels))

    def _gaz_ids(self, label: str) -> tuple[int, int, int]:
        ids = self._gaz.get(label)
        if ids is None:
            none, attr = self._none, self._attr
            ids = (attr.get("g=" + label, none), attr.get("g-1=" + label, none),
                   attr.get("g+1=" + label, none))
            self._gaz[label] = ids
        return ids

    def _restart_cache(self, keep: set[str], room: int) -> None:
        """Empty the word cache but for ``keep`` (the cached words of the chunk at hand,
        which are also the likeliest to come again), leaving room for ``room`` more."""
        kept = [self._rows[w] for w in keep]
        vectors = self._words[kept]
        stems = [self._stems[r] for r in kept]
        if len(keep) + room > len(self._words):  # a chunk with more distinct words than the cache
            self._words = np.zeros((len(keep) + room, *self._words.shape[1:]))
        self._words[: len(keep)] = vectors
        self._rows = dict(zip(keep, range(len(keep))))
        self._stems = stems

    def _add_words(self, words: set[str]) -> None:
        """Sum the weights of each new word's own and neighbour features into the cache."""
        get, none = self._attr.get, self._none
        pending = list(words)
        for part in range(0, len(pending), _SUM_WORDS):
            first = len(self._stems)
            ids: list[int] = []
            starts: list[int] = []
            for word in pending[part : part + _SUM_WORDS]:
                own, neighbours, stem = word_info(word)
                self._rows[word] = len(self._stems)
                self._stems.append(stem)
                for group in (own, *map(neighbours.__getitem__, OFFSETS)):
                    starts.append(len(ids))
                    ids.append(none)  # the zero row: no group is empty for reduceat
                    ids += [get(name, none) for name in group]
            sums = np.add.reduceat(self._state[ids], starts, axis=0)
            self._words[first : len(self._stems)] = sums.reshape(-1, 1 + len(OFFSETS), len(self.labels))

    def emissions(
        self, sentences: Sequence[Sequence[str]], gazetteer: Sequence[Sequence[str]] | None
    ) -> np.ndarray:
        """State scores ``[tokens, labels]`` of the sentences, concatenated."""
        words = [w for sentence in sentences for w in sentence]
        new = {w for w in words if w not in self._rows}
        if len(self._rows) + len(new) > len(self._words):
            self._restart_cache(set(words) - new, len(new))
        if new:
            self._add_words(new)
        rows = np.fromiter(map(self._rows.__getitem__, words), dtype=np.intp, count=len(words))
        lengths = np.fromiter(map(len, sentences), dtype=np.intp, count=len(sentences))
        ends = np.cumsum(lengths)
        pos = np.arange(len(words)) - np.repeat(ends - lengths, lengths)
        after = np.repeat(lengths, lengths) - pos - 1  # tokens after this one in its sentence
        vec = self._words
        emit = vec[rows, 0] + self._bias
        for slot, off in enumerate(OFFSETS, start=1):
            if off < 0:
                has = pos >= -off
                idx = np.nonzero(has)[0]
                emit[idx] += vec[rows[idx + off], slot]
            else:
                has = after >= off
                idx = np.nonzero(has)[0]
                emit[idx] += vec[rows[idx + off], slot]
        emit[pos == 0] += self._bos
        emit[after == 0] += self._eos
        # Conjunctions of stems and gazetteer labels: a few per sentence, looked up by name.
        extra_tokens: list[int] = []
        extra_attrs: list[int] = []
        attr, stems = self._attr, self._stems
        token = 0
        for s_index, sentence in enumerate(sentences):
            n = len(sentence)
            s_stems = [stems[r] for r in rows[token : token + n].tolist()]
            for i in range(n - 1):
                a, b = s_stems[i], s_stems[i + 1]
                if a in self._left_heads:
                    hit = attr.get(f"{_LEFT_CONJ}{a}|{b}")
                    if hit is not None:
                        extra_tokens.append(token + i + 1)
                        extra_attrs.append(hit)
                if a in self._right_heads:
                    hit = attr.get(f"{_RIGHT_CONJ}{a}|{b}")
                    if hit is not None:
                        extra_tokens.append(token + i)
                        extra_attrs.append(hit)
            if gazetteer is not None:
                labels = gazetteer[s_index]
                for i, label in enumerate(labels):
                    if label == "O":
                        continue
                    here, as_prev, as_next = self._gaz_ids(label)
                    extra_tokens.append(token + i)
                    extra_attrs.append(here)
                    if i + 1 < n:  # "g-1=" of the next token
                        extra_tokens.append(token + i + 1)
                        extra_attrs.append(as_prev)
                    if i > 0:  # "g+1=" of the previous token
                        extra_tokens.append(token + i - 1)
                        extra_attrs.append(as_next)
            token += n
        if extra_tokens:
            np.add.at(emit, np.asarray(extra_tokens), self._state[extra_attrs])
        return emit

    @property
    def transitions(self) -> np.ndarray:
        return self._trans

    def chunk_tokens(self) -> int:
        return _CHUNK_TOKENS
