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
  as int8 with a scale per row) of the word form's own features (``features.word_features``:
  form, stem, clitics, affixes, clusters, title flags) and of its gazetteer label
  (``g=B-LOC`` ...). The word part is summed once per distinct word form and cached;
- a one-layer bidirectional LSTM over the ``x`` of a sentence (torch's gate order i, f, g, o);
- state scores ``[h_forward, h_backward] · W + b``, and Viterbi with the learned transition
  matrix, as a linear-chain CRF (``crf.tag_in_chunks``);
- a model may hold several such networks (*members*, one per training seed): each has its
  own embeddings (side by side in one table, so one cached row per word serves them all) and
  LSTM, the members' LSTMs advance together (one batched matrix product per step), and their
  state scores and transitions are averaged.

Every sentence of a batch advances together: sentences are sorted longest first, so the ones
still running at step ``t`` are a prefix of the batch (the same trick as the CRF decoder).
The model file is a plain ``.npz`` (no pickle): feature names, labels, weights with a member
axis first (``FORMAT``; files of the first format, one network without that axis, still load).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from transforms.entities.crf import ChunkedTagging
from transforms.entities.features import word_features

# Words whose summed embedding is cached (64 float32 per member each: ~32 MB per member).
_CACHE_WORDS = 1 << 17
# Tokens run through the network per numpy pass: bounds the [tokens, 4 x hidden] gate arrays.
_CHUNK_TOKENS = 1 << 14

FORMAT = "khabar-bilstm-crf-2"  # one or more member networks (arrays with a member axis)
FORMAT_ONE_MEMBER = "khabar-bilstm-crf-1"  # the first format: one network, no member axis
FORMATS = (FORMAT, FORMAT_ONE_MEMBER)
MEMBER_ARRAYS = (
    "w_ih_f", "w_hh_f", "bias_f", "w_ih_b", "w_hh_b", "bias_b", "w_out", "b_out", "transitions",
)


def gazetteer_feature(label: str) -> str:
    """The feature name of a token's gazetteer label (``B-LOC`` → ``g=B-LOC``)."""
    return "g=" + label


def read_model(path: str | Path) -> dict[str, np.ndarray]:
    """The arrays of a model file, with a member axis first in the members' arrays
    (``MEMBER_ARRAYS``) whatever the format (a ``khabar-bilstm-crf-1`` file is one member),
    ``embed_q`` ``[features + 1, members x dim]`` and ``embed_scale`` ``[features + 1,
    members]``. Each member is stored whole, as trained, so any first members of a file
    decode exactly as they would alone. ``ValueError`` if the file is not such a model."""
    with np.load(path, allow_pickle=False) as npz:
        fmt = str(npz["format"]) if "format" in npz.files else None
        if fmt not in FORMATS:
            raise ValueError(f"{path}: not a {FORMAT} model")
        arrays = {name: npz[name] for name in npz.files}
    if fmt == FORMAT_ONE_MEMBER:
        for name in MEMBER_ARRAYS:
            arrays[name] = arrays[name][None]
        arrays["embed_scale"] = arrays["embed_scale"][:, None]
    arrays["format"] = np.array(FORMAT)
    return arrays


class BiLstmCrf(ChunkedTagging):
    """The weights of one model arranged for batch decoding. Not thread-safe (word cache).

    A model may hold several member networks trained alike from different seeds
    (``evaluation.train_bilstm --seeds``): they read the same features, run side by side, and
    their state scores and transitions are averaged, which is worth more than any one of them
    (on the DEV blocks two members scored micro F1 0.770 and 0.752 where their members alone
    scored 0.742 / 0.742 and 0.747 / 0.728)."""

    def __init__(self, path: str | Path, members: int | None = None) -> None:
        """Decode the model file ``path`` — its first ``members`` members (default: all)."""
        arrays = read_model(path)
        self.labels = [str(x) for x in arrays["labels"]]
        names = [str(x) for x in arrays["features"]]
        stored, _, hidden = arrays["w_hh_f"].shape  # [members, 4 x hidden, hidden]
        if members is None:
            members = stored
        if not 1 <= members <= stored:
            raise ValueError(f"{path}: {stored} member(s), cannot decode {members}")
        self.members, self.hidden = members, hidden
        rows, width = arrays["embed_q"].shape
        dim = self._dim = width // stored
        if rows != len(names) + 1:
            raise ValueError(f"{path}: {len(names)} features but {rows} rows")
        # [features + 1, members x dim], the last row zero: int8 rows times a scale per row
        # and member
        q = arrays["embed_q"][:, : members * dim].astype(np.float32).reshape(rows, members, dim)
        self._embed = (q * arrays["embed_scale"][:, :members, None]).reshape(rows, -1)
        arrays = {name: arrays[name][:members] if name in MEMBER_ARRAYS else arrays[name]
                  for name in arrays}
        # For ``_run``: torch's gate order (input, forget, cell, output) becomes input, forget,
        # output, cell so the three sigmoid gates are one block, their rows are scaled by 1/2,
        # and the weights are transposed for ``x @ w``: [members, in, 4 x hidden].
        gate_order = np.r_[0 : 2 * hidden, 3 * hidden : 4 * hidden, 2 * hidden : 3 * hidden]
        scale = np.full(4 * hidden, 0.5, dtype=np.float32)
        scale[3 * hidden :] = 1.0
        self._w_ih, self._w_hh, self._bias = {}, {}, {}
        for d in ("f", "b"):
            w_ih = arrays[f"w_ih_{d}"].astype(np.float32)[:, gate_order] * scale[:, None]
            w_hh = arrays[f"w_hh_{d}"].astype(np.float32)[:, gate_order] * scale[:, None]
            self._w_ih[d] = np.ascontiguousarray(w_ih.transpose(0, 2, 1))
            self._w_hh[d] = np.ascontiguousarray(w_hh.transpose(0, 2, 1))
            self._bias[d] = (arrays[f"bias_{d}"].astype(np.float32)[:, gate_order] * scale)[:, None]
        # [members, labels, 2 x hidden] → [members x hidden, labels] per direction: summed
        # over the members, times 1 / members, gives the mean of their scores
        w_out = arrays["w_out"].astype(np.float32) / members
        halves = {"f": slice(None, hidden), "b": slice(hidden, None)}
        self._w_out = {
            d: np.ascontiguousarray(w_out[:, :, half].transpose(0, 2, 1).reshape(-1, len(self.labels)))
            for d, half in halves.items()
        }
        self._b_out = arrays["b_out"].astype(np.float32).mean(axis=0)
        self.transitions = arrays["transitions"].astype(np.float64).mean(axis=0)  # [from, to]
        self._feature_ids = {name: i for i, name in enumerate(names)}
        self._none = len(names)  # the zero row
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
            ids += [get(name, none) for name in word_features(word)]
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
        """Hidden states ``[members, tokens, hidden]`` of one direction, in step order.
        ``order`` lists the tokens step by step (all the first tokens of the running
        sentences, then the second ...), so that step ``t`` is the contiguous block
        ``steps[t]:steps[t + 1]`` and the running sentences are always a prefix (longest
        first): the previous hidden states of step ``t`` are the first rows of step
        ``t - 1``'s block. The members run side by side: one batched matrix product per step
        for all of them."""
        hidden, members = self.hidden, self.members
        per_member = x[order].reshape(len(order), members, self._dim).transpose(1, 0, 2)
        gates = np.matmul(per_member, self._w_ih[direction])  # [members, tokens, 4 x hidden]
        gates += self._bias[direction]
        w_hh = self._w_hh[direction]
        states = np.empty((members, len(order), hidden), dtype=np.float32)
        c = np.zeros((members, int(steps[1]) if len(steps) > 1 else 0, hidden), dtype=np.float32)
        tmp = np.empty_like(c)
        sig = 3 * hidden  # gates are laid out [input, forget, output | cell] on load
        previous = 0
        for t in range(len(steps) - 1):
            a, b = int(steps[t]), int(steps[t + 1])
            k = b - a
            g = gates[:, a:b]
            if t:
                g += np.matmul(states[:, previous : previous + k], w_hh)
            # one tanh for all four gates: the sigmoid columns were pre-scaled by 1/2 on load
            # (sigmoid(z) = (tanh(z / 2) + 1) / 2)
            np.tanh(g, out=g)
            gs = g[:, :, :sig]
            gs *= 0.5
            gs += 0.5
            c_k, tmp_k = c[:, :k], tmp[:, :k]
            c_k *= g[:, :, hidden : 2 * hidden]
            np.multiply(g[:, :, :hidden], g[:, :, sig:], out=tmp_k)
            c_k += tmp_k
            np.tanh(c_k, out=tmp_k)
            np.multiply(g[:, :, 2 * hidden : sig], tmp_k, out=states[:, a:b])
            previous = a
        return states

    def _scores(self, states: np.ndarray, direction: str) -> np.ndarray:
        """``[tokens, labels]``: the members' hidden states times their output weights, summed
        (for one member the reshape is a view of its states: no copy)."""
        members, tokens, hidden = states.shape
        return states.transpose(1, 0, 2).reshape(tokens, members * hidden) @ self._w_out[direction]

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
        scores = np.empty((len(x), len(self.labels)))
        scores[forward] = self._scores(self._run(x, "f", forward, steps), "f")
        scores[backward] += self._scores(self._run(x, "b", backward, steps), "b")
        scores += self._b_out
        return scores

    def chunk_tokens(self) -> int:
        return _CHUNK_TOKENS
