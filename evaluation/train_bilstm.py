"""Train the BiLSTM-CRF NER model bundled as ``transforms/entities/ner_bilstm.npz``.

    python -m evaluation.train_bilstm --data-dir ../shared/data/ner   (also: khabar train-bilstm)

The network is described in ``transforms.entities.lstm``, which decodes it; this module
trains it with torch (already installed: camel-tools needs it) and exports the weights.

Inputs are the CRF's per-word features (``features.word_info``: form, stem, clitics,
affixes, word clusters, title flags) and the gazetteer label, summed as embeddings. The
features of a word seen at least ``MIN_COUNT`` times in the training data are kept.

Regularization chosen on the NewsFANE DEV blocks (``--tune``):

- *identity dropout*: for a quarter of the tokens the word's form and stem features are
  hidden, so the model learns to recognize names from what remains (clusters, affixes,
  context) — the case of every name it has never seen;
- dropout before the output layer, and a fixed, small number of epochs.

Training data: NewsFANE TRAIN + DEV blocks (given twice, as for the CRF) + WikiFANE. The
held-out blocks are never trained on. Reproducible: seeded shuffling, initialisation and
dropout; the same data, code, seed and thread count give the same model (thread count
matters: float sums are ordered differently). About 10 minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from evaluation import corpora
from evaluation.train_ner import DEFAULT_NEWS_REPEAT, load_corpora
from transforms.entities.features import word_info
from transforms.entities.lstm import FORMAT, gazetteer_feature
from transforms.entities.tagger import ENTITY_TYPES, gazetteer_labels

Sentence = list[tuple[str, str]]

DIM = 64
HIDDEN = 64
EPOCHS = 5
BATCH = 32
LEARNING_RATE = 2e-3
IDENTITY_DROPOUT = 0.25
FEATURE_DROPOUT = 0.0
DROPOUT = 0.5
MIN_COUNT = 2
SEED = 13
THREADS = 2
IDENTITY_PREFIXES = ("w=", "st=", "wl=")
GAZETTEER_LABELS = tuple(
    f"{prefix}-{etype}" for etype in ENTITY_TYPES for prefix in "BI"
)


@dataclass(frozen=True, slots=True)
class Encoded:
    """One sentence as the network reads it: feature ids per token, flattened."""

    ids: list[int]  # feature ids of all tokens, token after token
    offsets: list[int]  # where each token's ids start
    identity: list[bool]  # per id: is it a form / stem feature (hidden by identity dropout)
    labels: list[int]


def feature_vocabulary(sentences: Sequence[Sentence], min_count: int = MIN_COUNT) -> list[str]:
    """Feature names kept by the model, in a deterministic order (first seen)."""
    counts: Counter[str] = Counter()
    seen: dict[str, tuple[str, ...]] = {}
    for sentence in sentences:
        for word, _ in sentence:
            own = seen.get(word)
            if own is None:
                own = seen[word] = word_info(word)[0]
            counts.update(own)
    names = [name for name, n in counts.items() if n >= min_count]
    return names + [gazetteer_feature(label) for label in GAZETTEER_LABELS]


def encode(
    words: Sequence[str], gaz: Sequence[str] | None, vocab: dict[str, int], labels: Sequence[int]
) -> Encoded:
    pad = len(vocab)
    ids: list[int] = []
    offsets: list[int] = []
    identity: list[bool] = []
    for i, word in enumerate(words):
        offsets.append(len(ids))
        for name in word_info(word)[0]:
            fid = vocab.get(name)
            if fid is not None:
                ids.append(fid)
                identity.append(name.startswith(IDENTITY_PREFIXES))
        if gaz is not None and gaz[i] != "O":
            fid = vocab.get(gazetteer_feature(gaz[i]))
            if fid is not None:
                ids.append(fid)
                identity.append(False)
        if len(ids) == offsets[-1]:  # nothing known about this word: the zero row
            ids.append(pad)
            identity.append(False)
    return Encoded(ids, offsets, identity, list(labels))


def _network(n_features: int, n_labels: int, dim: int, hidden: int, dropout: float):
    import torch
    from torch import nn

    class Network(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.EmbeddingBag(n_features + 1, dim, mode="sum", padding_idx=n_features)
            self.lstm = nn.LSTM(dim, hidden, batch_first=True, bidirectional=True)
            self.dropout = nn.Dropout(dropout)
            self.out = nn.Linear(2 * hidden, n_labels)
            self.transitions = nn.Parameter(torch.zeros(n_labels, n_labels))  # [from, to]

        def emissions(self, ids, offsets, lengths):
            x = torch.tanh(self.embed(ids, offsets))
            padded = nn.utils.rnn.pad_sequence(torch.split(x, lengths), batch_first=True)
            packed = nn.utils.rnn.pack_padded_sequence(
                padded, lengths, batch_first=True, enforce_sorted=False
            )
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
            return self.out(self.dropout(h))

        def nll(self, emit, gold, lengths):
            """Mean negative log-likelihood of the gold label paths (linear-chain CRF)."""
            steps = emit.shape[1]
            mask = torch.arange(steps)[None, :] < lengths[:, None]
            gold_score = (emit.gather(2, gold[:, :, None])[:, :, 0] * mask).sum(1)
            gold_score += (self.transitions[gold[:, :-1], gold[:, 1:]] * mask[:, 1:]).sum(1)
            alpha = emit[:, 0]
            for t in range(1, steps):
                step = torch.logsumexp(alpha[:, :, None] + self.transitions[None], dim=1)
                alpha = torch.where(mask[:, t, None], step + emit[:, t], alpha)
            return (torch.logsumexp(alpha, dim=1) - gold_score).mean()

    return Network()


def _batch_tensors(batch: Sequence[Encoded], rng: random.Random | None, identity_dropout: float,
                   pad: int, feature_dropout: float = 0.0):
    import torch

    ids: list[int] = []
    offsets: list[int] = []
    lengths: list[int] = []
    for sentence in batch:
        base = len(ids)
        sentence_ids = sentence.ids
        if rng is not None and identity_dropout > 0:
            hidden = [rng.random() < identity_dropout for _ in sentence.offsets]
            bounds = [*sentence.offsets[1:], len(sentence_ids)]
            token = 0
            sentence_ids = list(sentence_ids)
            for j in range(len(sentence_ids)):
                while j >= bounds[token]:
                    token += 1
                if hidden[token] and sentence.identity[j]:
                    sentence_ids[j] = pad
        if rng is not None and feature_dropout > 0:
            sentence_ids = [pad if rng.random() < feature_dropout else i for i in sentence_ids]
        ids += sentence_ids
        offsets += [base + o for o in sentence.offsets]
        lengths.append(len(sentence.offsets))
    gold = torch.nn.utils.rnn.pad_sequence(
        [torch.tensor(s.labels) for s in batch], batch_first=True
    )
    return torch.tensor(ids), torch.tensor(offsets), lengths, gold


def quantize(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(int8 rows, float32 scale per row)`` with ``rows * scale`` ≈ ``weights``."""
    scale = np.abs(weights).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    rows = np.clip(np.rint(weights / scale[:, None]), -127, 127).astype(np.int8)
    return rows, scale.astype(np.float32)


def export(network, features: Sequence[str], labels: Sequence[str], path: Path) -> None:
    """Write the weights as ``transforms.entities.lstm`` reads them (no pickle). Embeddings
    — nearly all of the model — are stored as int8 with one float32 scale per row (a quarter
    of the size; ``quantize``); the decoder computes in float32."""
    lstm = network.lstm

    def arr(t):
        return t.detach().cpu().numpy().astype(np.float32)

    np.savez_compressed(
        path,
        format=np.array(FORMAT),
        labels=np.array(list(labels)),
        features=np.array(list(features)),
        **dict(zip(("embed_q", "embed_scale"), quantize(arr(network.embed.weight)))),
        w_ih_f=arr(lstm.weight_ih_l0), w_hh_f=arr(lstm.weight_hh_l0),
        bias_f=arr(lstm.bias_ih_l0 + lstm.bias_hh_l0),
        w_ih_b=arr(lstm.weight_ih_l0_reverse), w_hh_b=arr(lstm.weight_hh_l0_reverse),
        bias_b=arr(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse),
        w_out=arr(network.out.weight), b_out=arr(network.out.bias),
        transitions=arr(network.transitions),
    )


def train(
    out_path: str | os.PathLike[str],
    sentences: Sequence[Sentence],
    *,
    epochs: int = EPOCHS,
    dim: int = DIM,
    hidden: int = HIDDEN,
    identity_dropout: float = IDENTITY_DROPOUT,
    feature_dropout: float = FEATURE_DROPOUT,
    dropout: float = DROPOUT,
    learning_rate: float = LEARNING_RATE,
    min_count: int = MIN_COUNT,
    seed: int = SEED,
    threads: int = THREADS,
    use_gazetteer: bool = True,
    on_epoch=None,
) -> dict:
    """Train on ``sentences`` (``(token, BIO)`` lists) and write the model to ``out_path``.
    ``on_epoch(epoch, path)`` is called with the model exported after each epoch."""
    import torch

    started = time.perf_counter()
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = random.Random(seed)
    out_path = Path(out_path)
    labels = sorted({tag for sentence in sentences for _, tag in sentence} | {"O"})
    label_ids = {label: i for i, label in enumerate(labels)}
    features = feature_vocabulary(sentences, min_count)
    vocab = {name: i for i, name in enumerate(features)}
    encoded = []
    for sentence in sentences:
        words = [w for w, _ in sentence]
        gaz = gazetteer_labels(words) if use_gazetteer else None
        encoded.append(encode(words, gaz, vocab, [label_ids[t] for _, t in sentence]))
    network = _network(len(features), len(labels), dim, hidden, dropout)
    optimizer = torch.optim.Adam(network.parameters(), lr=learning_rate)
    order = list(range(len(encoded)))
    losses = []
    for epoch in range(epochs):
        network.train()
        rng.shuffle(order)
        total = 0.0
        for start in range(0, len(order), BATCH):
            batch = [encoded[i] for i in order[start : start + BATCH]]
            ids, offsets, lengths, gold = _batch_tensors(
                batch, rng, identity_dropout, len(vocab), feature_dropout
            )
            emit = network.emissions(ids, offsets, lengths)
            loss = network.nll(emit, gold, torch.tensor(lengths))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimizer.step()
            total += loss.item() * len(batch)
        losses.append(round(total, 1))
        network.eval()
        export(network, features, labels, out_path)
        if on_epoch is not None:
            on_epoch(epoch, out_path)
    return {
        "model": str(out_path),
        "sentences": len(sentences),
        "tokens": sum(len(s) for s in sentences),
        "features": len(features),
        "epochs": epochs,
        "losses": losses,
        "seconds": round(time.perf_counter() - started, 1),
        "bytes": out_path.stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khabar train-bilstm", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default="../shared/data/ner", type=Path)
    parser.add_argument("--out", default="transforms/entities/ner_bilstm.npz", type=Path)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--dim", type=int, default=DIM)
    parser.add_argument("--hidden", type=int, default=HIDDEN)
    parser.add_argument("--identity-dropout", type=float, default=IDENTITY_DROPOUT)
    parser.add_argument("--feature-dropout", type=float, default=FEATURE_DROPOUT)
    parser.add_argument("--dropout", type=float, default=DROPOUT)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--threads", type=int, default=THREADS)
    parser.add_argument("--news-repeat", type=int, default=DEFAULT_NEWS_REPEAT)
    parser.add_argument(
        "--tune", action="store_true",
        help="train on TRAIN without DEV and score the DEV blocks after every epoch",
    )
    args = parser.parse_args(argv)
    names = ["newsfane-train-dev" if args.tune else "newsfane", "wikifane"]
    sentences = load_corpora(args.data_dir, names, args.news_repeat)
    on_epoch = None
    if args.tune:
        from evaluation.ner_eval import evaluate
        from transforms.entities.tagger import Tagger

        dev = corpora.newsfane_documents(args.data_dir, "dev")

        def on_epoch(epoch: int, path: Path) -> None:
            r = evaluate(Tagger.load(path), dev)
            print(
                f"epoch {epoch + 1}: DEV micro={r['micro']['f1']:.4f} "
                f"PER={r['PERSON']['f1']:.4f} ORG={r['ORG']['f1']:.4f} "
                f"LOC={r['LOC']['f1']:.4f} MISC={r['MISC']['f1']:.4f}", flush=True,
            )

    out = args.out
    if args.tune:
        out = Path(tempfile.mkdtemp()) / "tune.npz"
    summary = train(
        out, sentences, epochs=args.epochs, dim=args.dim, hidden=args.hidden,
        identity_dropout=args.identity_dropout, feature_dropout=args.feature_dropout,
        dropout=args.dropout, seed=args.seed,
        threads=args.threads, on_epoch=on_epoch,
    )
    print(f"trained on {'+'.join(names)}: {summary['sentences']} sentences, "
          f"{summary['tokens']} tokens, {summary['features']} features")
    print(f"epochs={summary['epochs']} losses={summary['losses']}")
    print(f"model: {summary['model']} ({summary['bytes'] / 1e6:.2f} MB), "
          f"time {summary['seconds']:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
