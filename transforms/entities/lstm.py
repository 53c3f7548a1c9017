"""Decode the bundled BiLSTM-CRF NER model for many sentences at once, with numpy.

Why a BiLSTM: the CRF of ``transforms.entities.crf`` sees two words either side; most of its
errors were names it had not seen whose evidence lies further away (the verb or title three
words back, the club in the previous clause, the second half of a foreign name). A
bidirectional LSTM reads the whole sentence. On the NewsFANE DEV blocks, with the very same
word features, it alone scores micro F1 0.729 (PERSON 0.694) against the CRF's 0.721 (0.674);
the two err differently, and their ensemble (``tagger.Ensemble``) scores 0.758 (0.767).

Why numpy: the model is trained with torch (``evaluation.train_bilstm``), but the pipeline's
workers should not pay torch's import time and memory for a model this small; inference is a
few matrix products. The network, written out (``·`` = matrix product):

- ``x = tanh(Σ E[f] for f in the word's features + E[g])``: a sum of embedding rows (stored
  as int8 with a scale per row) of the word form's own features (``features.word_info``:
  form, stem, clitics, affixes, clusters, title flags) and of its gazetteer label
  (``g=B-LOC`` ...). The word part is summed once per distinct word form and cached;
- a one-layer bidirectional LSTM over the ``x`` of a sentence (torch's gate order i, f, g, o);
- state scores ``[h_forward, h_backward] · W + b``, and Viterbi with the learned transition
  matrix, as a linear-chain CRF (``crf.tag_in_chunks``).

Every sentence of a batch advances together: sentences are sorted longest first, so the ones
still running at step ``t`` are a prefix of the batch (the same trick as the CRF decoder).
The model file is a plain ``.npz`` (no pickle): feature names, labels, weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from transforms.entities.crf import ChunkedTagging
from transforms.entities.features import word_info

# Words whose summed embedding is cached (64 float32 each: ~32 MB).
_CACHE_WORDS = 1 << 17
# Tokens run through the network per numpy pass: bounds the [tokens, 4 x hidden] gate arrays.
_CHUNK_TOKENS = 1 << 14

FORMAT = "khabar-bilstm-crf-1"


def gazetteer_feature(label: str) -> str:
    """The feature name of a token's gazetteer label (``B-LOC`` → ``g=B-LOC``)."""
    return "g=" + label


class BiLstmCrf(ChunkedTagging):
    """The weights of one model arranged for batch decoding. Not thread-safe (word cache)."""

    def __init__(self, path: str | Path) -> None:
        with np.load(path, allow_pickle=False) as npz:
            if str(npz["format"]) != FORMAT:
                raise ValueError(f"{path}: not a {FORMAT} model")
            self.labels = [str(x) for x in npz["labels"]]
            names = [str(x) for x in npz["features"]]
            # [features + 1, dim], the last row zero; int8 rows times a per-row scale
            self._embed = npz["embed_q"].astype(np.float32) * npz["embed_scale"][:, None]
            self._w_ih = {d: npz[f"w_ih_{d}"].astype(np.float32) for d in ("f", "b")}
            self._w_hh = {d: npz[f"w_hh_{d}"].astype(np.float32) for d in ("f", "b")}
            self._bias = {d: npz[f"bias_{d}"].astype(np.float32) for d in ("f", "b")}
            self._w_out = npz["w_out"].astype(np.float32)  # [labels, 2 x hidden]
            self._b_out = npz["b_out"].astype(np.float32)
            self.transitions = npz["transitions"].astype(np.float64)  # [from, to]
        if self._embed.shape[0] != len(names) + 1:
            raise ValueError(f"{path}: {len(names)} features but {self._embed.shape[0]} rows")
        self._feature_ids = {name: i for i, name in enumerate(names)}
        self._none = len(names)  # the zero row
        self.hidden = hidden = self._w_hh["f"].shape[1]
        # For ``_run``: torch's gate order (input, forget, cell, output) becomes input, forget,
        # output, cell so the three sigmoid gates are one block, their rows are scaled by 1/2,
        # and the weights are transposed for ``x @ w``.
        gate_order = np.r_[0 : 2 * hidden, 3 * hidden : 4 * hidden, 2 * hidden : 3 * hidden]
        scale = np.full(4 * hidden, 0.5, dtype=np.float32)
        scale[3 * hidden :] = 1.0
        for d in ("f", "b"):
            self._w_ih[d] = np.ascontiguousarray((self._w_ih[d][gate_order] * scale[:, None]).T)
            self._w_hh[d] = np.ascontiguousarray((self._w_hh[d][gate_order] * scale[:, None]).T)
            self._bias[d] = self._bias[d][gate_order] * scale
        self._rows: dict[str, int] = {}
        self._words = np.zeros((0, self._embed.shape[1]), dtype=np.float32)
        self._gaz_rows: dict[str, np.ndarray] = {}

    # ----------------------------------------------------------------- word inputs
    def _add_words(self, words: list[str]) -> None:
        get, none = self._feature_ids.get, self._none
        ids: list[int] = []
        starts: list[int] = []
        for word in words:
            starts.append(len(ids))
            ids.append(none)  # no group is empty for reduceat
            ids += [get(name, none) for name in word_info(word)[0]]
        sums = np.add.reduceat(self._embed[ids], starts, axis=0)
        first = len(self._rows)
        if first + len(words) > len(self._words):
            grown = np.zeros((max(2 * len(self._words), first + len(words)), sums.shape[1]),
                             dtype=np.float32)
            grown[:first] = self._words[:first]
            self._words = grown
        self._words[first : first + len(words)] = sums
        self._rows.update(zip(words, range(first, first + len(words))))

    def _gaz_vector(self, label: str) -> np.ndarray:
        vector = self._gaz_rows.get(label)
        if vector is None:
            row = self._feature_ids.get(gazetteer_feature(label), self._none)
            vector = self._gaz_rows[label] = self._embed[row]
        return vector

    def inputs(
        self, sentences: Sequence[Sequence[str]], gazetteer: Sequence[Sequence[str]] | None
    ) -> np.ndarray:
        """The LSTM inputs ``x`` ``[tokens, dim]`` of the sentences, concatenated."""
        words = [w for sentence in sentences for w in sentence]
        new = list(dict.fromkeys(w for w in words if w not in self._rows))
        if len(self._rows) + len(new) > _CACHE_WORDS:
            self._rows = {}
            new = list(dict.fromkeys(words))
        if new:
            self._add_words(new)
        rows = np.fromiter(map(self._rows.__getitem__, words), dtype=np.intp, count=len(words))
        x = self._words[rows]
        if gazetteer is not None:
            flat = [label for labels in gazetteer for label in labels]
            hits = [i for i, label in enumerate(flat) if label != "O"]
            if hits:
                x[hits] += np.stack([self._gaz_vector(flat[i]) for i in hits])
        return np.tanh(x)

    # ----------------------------------------------------------------- the network
    def _run(self, x: np.ndarray, direction: str, order: np.ndarray, steps: np.ndarray) -> np.ndarray:
        """Hidden states of one direction, in step order. ``order`` lists the tokens step
        by step (all the first tokens of the running sentences, then the second ...), so that
        step ``t`` is the contiguous block ``steps[t]:steps[t + 1]`` and the running sentences
        are always a prefix (longest first): the previous hidden states of step ``t`` are the
        first rows of step ``t - 1``'s block."""
        hidden = self.hidden
        gates = x[order] @ self._w_ih[direction]
        gates += self._bias[direction]
        w_hh = self._w_hh[direction]
        states = np.empty((len(order), hidden), dtype=np.float32)
        c = np.zeros((int(steps[1]) if len(steps) > 1 else 0, hidden), dtype=np.float32)
        tmp = np.empty_like(c)
        sig = 3 * hidden  # gates are laid out [input, forget, output | cell] on load
        previous = 0
        for t in range(len(steps) - 1):
            a, b = int(steps[t]), int(steps[t + 1])
            k = b - a
            g = gates[a:b]
            if t:
                g += states[previous : previous + k] @ w_hh
            # one tanh for all four gates: the sigmoid columns were pre-scaled by 1/2 on load
            # (sigmoid(z) = (tanh(z / 2) + 1) / 2)
            np.tanh(g, out=g)
            gs = g[:, :sig]
            gs *= 0.5
            gs += 0.5
            c_k, tmp_k = c[:k], tmp[:k]
            c_k *= g[:, hidden : 2 * hidden]
            np.multiply(g[:, :hidden], g[:, sig:], out=tmp_k)
            c_k += tmp_k
            np.tanh(c_k, out=tmp_k)
            np.multiply(g[:, 2 * hidden : sig], tmp_k, out=states[a:b])
            previous = a
        return states

    def emissions(
        self, sentences: Sequence[Sequence[str]], gazetteer: Sequence[Sequence[str]] | None
    ) -> np.ndarray:
        """State scores ``[tokens, labels]`` of the sentences, concatenated."""
        x = self.inputs(sentences, gazetteer)
        lengths = np.fromiter(map(len, sentences), dtype=np.intp, count=len(sentences))
        starts = np.cumsum(lengths) - lengths
        by_length = np.argsort(-lengths, kind="stable")
        lengths, starts = lengths[by_length], starts[by_length]
        longest = int(lengths[0]) if len(lengths) else 0
        alive = np.searchsorted(-lengths, -np.arange(longest), side="left")  # running at step t
        steps = np.concatenate([[0], np.cumsum(alive)])
        # token index of (step t, sentence j): forward starts[j] + t, backward its mirror
        step_of = np.repeat(np.arange(longest), alive)
        sentence_of = np.arange(len(step_of)) - np.repeat(steps[:-1], alive)
        forward = starts[sentence_of] + step_of
        backward = starts[sentence_of] + lengths[sentence_of] - 1 - step_of
        hidden = self.hidden
        scores = np.empty((len(x), len(self.labels)))
        scores[forward] = self._run(x, "f", forward, steps) @ self._w_out[:, :hidden].T
        scores[backward] += self._run(x, "b", backward, steps) @ self._w_out[:, hidden:].T
        scores += self._b_out
        return scores

    def chunk_tokens(self) -> int:
        return _CHUNK_TOKENS
