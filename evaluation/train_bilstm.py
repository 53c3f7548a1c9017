"""Train the BiLSTM-CRF NER model bundled as ``transforms/entities/ner_bilstm.npz``.

    python -m evaluation.train_bilstm --data-dir ../shared/data/ner   (also: khabar train-bilstm)

The network is described in ``transforms.entities.lstm``, which decodes it; this module
trains it with torch (already installed: camel-tools needs it) and exports the weights.

Inputs are the CRF's per-word features (``features.word_features``: form, stem, clitics,
affixes, word clusters, title flags) and the gazetteer label, summed as embeddings. The
features of a word seen at least ``MIN_COUNT`` times in the training data are kept.

Regularization chosen on the NewsFANE DEV blocks (``--tune``):

- *identity dropout*: for a quarter of the tokens the word's form and stem features are
  hidden, so the model learns to recognize names from what remains (clusters, affixes,
  context) — the case of every name it has never seen;
- dropout before the output layer, and a fixed, small number of epochs.

Several members: the model holds one network per seed (``--seeds``, default 13 and 7),
trained alike in worker processes (``--jobs``, one per core) and merged into one file
(``merge_models``); the decoder averages their scores. Two members scored micro F1 0.770 and
0.752 on the DEV blocks where their members alone scored 0.742 / 0.742 and 0.747 / 0.728:
the seed moves a single network by ±1 point, and the average is steadier and better.

Training data: NewsFANE TRAIN + DEV blocks (given twice, as for the CRF) + WikiFANE. The
held-out blocks are never trained on. Then *in-domain adaptation*: ``ADAPT_EPOCHS`` (3) more
epochs on the NewsFANE sentences alone (``--adapt-epochs``, 0 turns it off), with a fresh Adam
at a quarter of the learning rate. WikiFANE (431k tokens) outweighs NewsFANE (119k in TRAIN,
given twice) and is encyclopaedic text; ending on the news text moves the network towards
newswire usage without losing what it learned from the encyclopaedia.
On the DEV blocks: seeds 13 and 7 from 0.747 / 0.748 to 0.754 / 0.763 micro F1 (the first
experiment, with a separate shuffle: 0.758 / 0.771), both members 0.778 → 0.783, with the CRF
0.776 → 0.789 (PERSON 0.804 → 0.824). Three more epochs on the joint data instead give
0.751 / 0.756 for 60 % more training; the adaptation epochs add 11 % (each reads NewsFANE
once, 119k tokens, against 669k for a joint epoch).

Reproducible: seeded shuffling, initialisation and dropout; the same data, code, seeds and
thread count (``--threads``, per member, default 1) give the same model, whichever process
trains a member (thread count matters: float sums are ordered differently). About 6.5 minutes
on two cores for two members.
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
from transforms.entities.features import word_features
from transforms.entities.lstm import FORMAT, MEMBER_ARRAYS, gazetteer_feature, read_model
from transforms.entities.spans import bioes_labels
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
SEEDS = (13, 7)  # two members: see transforms.entities.lstm.BiLstmCrf
THREADS = 1
# In-domain adaptation: after the joint epochs, ADAPT_EPOCHS more on NewsFANE alone, with a
# fresh Adam at ADAPT_LEARNING_RATE (see the module docstring for the DEV figures).
ADAPT_EPOCHS = 3
ADAPT_LEARNING_RATE = 5e-4
# Labels learned: BIOES (a span's last word E-, a one-word span S-) rather than BIO; decoders
# hand out BIO either way. On the DEV blocks: seeds 13 / 7 0.773 / 0.774 → 0.783 / 0.787 micro F1,
# both members 0.795 → 0.801, the ensemble with a BIOES CRF 0.798 → 0.806.
SCHEME = "bioes"
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
                own = seen[word] = word_features(word)
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
        for name in word_features(word):
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
    """Write the weights of one network as ``transforms.entities.lstm`` reads them (a model
    of one member; no pickle). Embeddings — nearly all of the model — are stored as int8 with
    one float32 scale per row (a quarter of the size; ``quantize``); the decoder computes in
    float32."""
    lstm = network.lstm

    def arr(t):
        return t.detach().cpu().numpy().astype(np.float32)[None]  # with the member axis

    embed_q, embed_scale = quantize(network.embed.weight.detach().cpu().numpy().astype(np.float32))
    np.savez_compressed(
        path,
        format=np.array(FORMAT),
        labels=np.array(list(labels)),
        features=np.array(list(features)),
        embed_q=embed_q,  # [features + 1, members x dim]
        embed_scale=embed_scale[:, None],  # [features + 1, members]
        w_ih_f=arr(lstm.weight_ih_l0), w_hh_f=arr(lstm.weight_hh_l0),
        bias_f=arr(lstm.bias_ih_l0 + lstm.bias_hh_l0),
        w_ih_b=arr(lstm.weight_ih_l0_reverse), w_hh_b=arr(lstm.weight_hh_l0_reverse),
        bias_b=arr(lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse),
        w_out=arr(network.out.weight), b_out=arr(network.out.bias),
        transitions=arr(network.transitions),
    )


def merge_models(paths: Sequence[str | os.PathLike[str]], out_path: str | os.PathLike[str]) -> None:
    """One model file of the members of ``paths`` (model files trained on the same data:
    same features and labels), in order. ``ValueError`` if the files do not fit together."""
    models = [read_model(path) for path in paths]
    if not models:
        raise ValueError("no model to merge")
    first = models[0]
    for path, model in zip(paths, models):
        for name in ("labels", "features"):
            if not np.array_equal(model[name], first[name]):
                raise ValueError(f"{path}: its {name} differ from {paths[0]}'s")
        if model["w_hh_f"].shape[1:] != first["w_hh_f"].shape[1:] or (
            model["embed_q"].shape[1] // len(model["w_hh_f"])
            != first["embed_q"].shape[1] // len(first["w_hh_f"])
        ):
            raise ValueError(f"{path}: its network size differs from {paths[0]}'s")
    merged = {
        "format": np.array(FORMAT), "labels": first["labels"], "features": first["features"],
        "embed_q": np.concatenate([m["embed_q"] for m in models], axis=1),
        "embed_scale": np.concatenate([m["embed_scale"] for m in models], axis=1),
    }
    for name in MEMBER_ARRAYS:
        merged[name] = np.concatenate([m[name] for m in models])
    np.savez_compressed(out_path, **merged)


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
    seed: int = SEEDS[0],
    threads: int = THREADS,
    use_gazetteer: bool = True,
    adapt_sentences: Sequence[Sentence] = (),
    adapt_epochs: int = ADAPT_EPOCHS,
    adapt_learning_rate: float = ADAPT_LEARNING_RATE,
    scheme: str = SCHEME,
    on_epoch=None,
) -> dict:
    """Train on ``sentences`` (``(token, BIO)`` lists) and write the model to ``out_path``.
    Then, when ``adapt_sentences`` are given (the in-domain part of ``sentences``), train
    ``adapt_epochs`` more epochs on them alone with a fresh optimizer at
    ``adapt_learning_rate``; the features and labels stay those of ``sentences``.
    ``on_epoch(epoch, path)`` is called with the model exported after each epoch (joint
    epochs, then adaptation epochs, numbered on)."""
    import torch

    started = time.perf_counter()
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = random.Random(seed)
    out_path = Path(out_path)
    if scheme == "bioes":
        sentences = [_bioes(sentence) for sentence in sentences]
        adapt_sentences = [_bioes(sentence) for sentence in adapt_sentences]
    elif scheme != "bio":
        raise ValueError(f"scheme {scheme!r}: expected bio or bioes")
    labels = sorted({tag for sentence in sentences for _, tag in sentence} | {"O"})
    label_ids = {label: i for i, label in enumerate(labels)}
    features = feature_vocabulary(sentences, min_count)
    vocab = {name: i for i, name in enumerate(features)}

    def encoded(part: Sequence[Sentence]) -> list[Encoded]:
        rows = []
        for sentence in part:
            words = [w for w, _ in sentence]
            gaz = gazetteer_labels(words) if use_gazetteer else None
            try:
                gold = [label_ids[t] for _, t in sentence]
            except KeyError as missing:
                raise ValueError(f"label {missing} is not in the training sentences") from None
            rows.append(encode(words, gaz, vocab, gold))
        return rows

    adapting = bool(adapt_sentences) and adapt_epochs > 0
    stages = [(encoded(sentences), epochs, learning_rate)]
    if adapting:
        stages.append((encoded(adapt_sentences), adapt_epochs, adapt_learning_rate))
    network = _network(len(features), len(labels), dim, hidden, dropout)
    losses = []
    epoch = 0
    for stage, stage_epochs, stage_rate in stages:
        optimizer = torch.optim.Adam(network.parameters(), lr=stage_rate)
        order = list(range(len(stage)))
        for _ in range(stage_epochs):
            _train_epoch(network, optimizer, stage, order, rng, identity_dropout, len(vocab),
                         feature_dropout, losses)
            network.eval()
            export(network, features, labels, out_path)
            if on_epoch is not None:
                on_epoch(epoch, out_path)
            epoch += 1
    return {
        "model": str(out_path),
        "sentences": len(sentences),
        "tokens": sum(len(s) for s in sentences),
        "features": len(features),
        "epochs": epochs,
        "adapt_sentences": len(adapt_sentences) if adapting else 0,
        "adapt_epochs": adapt_epochs if adapting else 0,
        "losses": losses,
        "seconds": round(time.perf_counter() - started, 1),
        "bytes": out_path.stat().st_size,
    }


def _bioes(sentence: Sentence) -> Sentence:
    words = [word for word, _ in sentence]
    return list(zip(words, bioes_labels([tag for _, tag in sentence])))


def _train_epoch(network, optimizer, encoded: list[Encoded], order: list[int],
                 rng: random.Random, identity_dropout: float, pad: int, feature_dropout: float,
                 losses: list[float]) -> None:
    """One pass over ``encoded`` in ``order``, shuffled first (in place, so each epoch
    reshuffles the last one's order); appends the summed loss to ``losses``."""
    import torch

    network.train()
    rng.shuffle(order)
    total = 0.0
    for start in range(0, len(order), BATCH):
        batch = [encoded[i] for i in order[start : start + BATCH]]
        ids, offsets, lengths, gold = _batch_tensors(
            batch, rng, identity_dropout, pad, feature_dropout
        )
        emit = network.emissions(ids, offsets, lengths)
        loss = network.nll(emit, gold, torch.tensor(lengths))
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(network.parameters(), 5.0)
        optimizer.step()
        total += loss.item() * len(batch)
    losses.append(round(total, 1))


def train_members(
    out_path: str | os.PathLike[str],
    sentences: Sequence[Sentence],
    seeds: Sequence[int] = SEEDS,
    *,
    jobs: int = 1,
    on_member=None,
    **options,
) -> list[dict]:
    """Train one network per seed (``train(..., seed=s, **options)``), ``jobs`` at a time in
    worker processes, and write them to ``out_path`` as one model (``merge_models``).
    ``on_member(seed, path)`` is called with each member's own model file before the merge.
    Returns the members' summaries."""
    if not seeds:
        raise ValueError("no seed")
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / f"member-{i}-seed-{seed}.npz" for i, seed in enumerate(seeds)]
        if jobs <= 1 or len(seeds) == 1:
            summaries = [train(path, sentences, seed=seed, **options)
                         for path, seed in zip(paths, seeds)]
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("spawn")  # torch and fork do not mix
            with ProcessPoolExecutor(min(jobs, len(seeds)), mp_context=context) as pool:
                futures = [pool.submit(train, path, sentences, seed=seed, **options)
                           for path, seed in zip(paths, seeds)]
                summaries = [future.result() for future in futures]
        if on_member is not None:
            for seed, path in zip(seeds, paths):
                on_member(seed, path)
        merge_models(paths, out_path)
    return summaries


def _print_dev_scores(title: str, path: Path, dev) -> None:
    from evaluation.ner_eval import evaluate
    from transforms.entities.tagger import Tagger

    r = evaluate(Tagger.load(path), dev)
    print(
        f"{title}: DEV micro={r['micro']['f1']:.4f} "
        f"PER={r['PERSON']['f1']:.4f} ORG={r['ORG']['f1']:.4f} "
        f"LOC={r['LOC']['f1']:.4f} MISC={r['MISC']['f1']:.4f}", flush=True,
    )


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
    parser.add_argument(
        "--seeds", default=",".join(map(str, SEEDS)),
        help="comma-separated: one member network per seed (default %(default)s)",
    )
    parser.add_argument("--jobs", type=int, default=None,
                        help="members trained at once, in worker processes (default: one per core)")
    parser.add_argument("--threads", type=int, default=THREADS, help="torch threads per member")
    parser.add_argument("--news-repeat", type=int, default=DEFAULT_NEWS_REPEAT)
    parser.add_argument("--adapt-epochs", type=int, default=ADAPT_EPOCHS,
                        help="epochs on NewsFANE alone after the joint ones (0: none; "
                             "default %(default)s)")
    parser.add_argument("--adapt-learning-rate", type=float, default=ADAPT_LEARNING_RATE)
    parser.add_argument("--scheme", choices=("bio", "bioes"), default=SCHEME,
                        help="labels the network learns (default %(default)s)")
    parser.add_argument(
        "--tune", action="store_true",
        help="train on TRAIN without DEV and score the DEV blocks (after every epoch with one "
             "seed; each member, then the merged model, with several)",
    )
    args = parser.parse_args(argv)
    try:
        seeds = [int(seed) for seed in args.seeds.split(",") if seed.strip()]
    except ValueError:
        parser.error(f"--seeds: not a list of integers: {args.seeds!r}")
    if not seeds:
        parser.error("--seeds: at least one seed")
    jobs = args.jobs or max(1, min(len(seeds), os.cpu_count() or 1))
    names = ["newsfane-train-dev" if args.tune else "newsfane", "wikifane"]
    sentences = load_corpora(args.data_dir, names, args.news_repeat)
    in_domain = corpora.newsfane(args.data_dir, "train-dev" if args.tune else "train")
    options = dict(
        epochs=args.epochs, dim=args.dim, hidden=args.hidden,
        identity_dropout=args.identity_dropout, feature_dropout=args.feature_dropout,
        dropout=args.dropout, threads=args.threads, adapt_sentences=in_domain,
        adapt_epochs=args.adapt_epochs, adapt_learning_rate=args.adapt_learning_rate,
        scheme=args.scheme,
    )
    out = args.out
    dev = None
    if args.tune:
        dev = corpora.newsfane_documents(args.data_dir, "dev")
        out = Path(tempfile.mkdtemp()) / "tune.npz"
        if len(seeds) == 1:
            options["on_epoch"] = lambda epoch, path: _print_dev_scores(f"epoch {epoch + 1}", path, dev)
        else:
            options["on_member"] = lambda seed, path: _print_dev_scores(f"member seed={seed}", path, dev)
    started = time.perf_counter()
    summaries = train_members(out, sentences, seeds, jobs=jobs, **options)
    first = summaries[0]
    print(f"trained on {'+'.join(names)}: {first['sentences']} sentences, "
          f"{first['tokens']} tokens, {first['features']} features")
    for seed, summary in zip(seeds, summaries):
        print(f"member seed={seed}: epochs={summary['epochs']}+{summary['adapt_epochs']} "
              f"losses={summary['losses']} time {summary['seconds']:.0f}s")
    print(f"model: {out} ({len(seeds)} member(s), {out.stat().st_size / 1e6:.2f} MB), "
          f"time {time.perf_counter() - started:.0f}s")
    if dev is not None and len(seeds) > 1:
        _print_dev_scores(f"{len(seeds)} members", out, dev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
