"""The numpy BiLSTM-CRF decoder computes what the torch network it was exported from
computes, whatever the batch looks like; and the trainer writes a model the tagger loads.
The models here are tiny and built by the tests themselves."""

import random

import numpy as np
import pytest
import torch

from evaluation import train_bilstm
from tests.conftest import seed_sentences
from transforms.entities import lstm as lstm_module
from transforms.entities.crf import viterbi
from transforms.entities.gazetteer import load_gazetteer
from transforms.entities.lstm import BiLstmCrf
from transforms.entities.tagger import Tagger


@pytest.fixture(scope="module")
def seeds():
    sentences = [s for s in seed_sentences() if s]
    gaz = [list(load_gazetteer().token_labels(words)) for words in sentences]
    # "gold" labels for the tiny models: the gazetteer's (any labels would do)
    return sentences, gaz


@pytest.fixture(scope="module")
def random_model(seeds, tmp_path_factory):
    """A network with random weights over the seeds' features, exported; and its torch twin."""
    sentences, gaz = seeds
    torch.manual_seed(3)
    labelled = [list(zip(words, g)) for words, g in zip(sentences, gaz)]
    features = train_bilstm.feature_vocabulary(labelled, min_count=1)
    labels = sorted({t for g in gaz for t in g} | {"O"})
    network = train_bilstm._network(len(features), len(labels), dim=8, hidden=6, dropout=0.0)
    with torch.no_grad():  # untrained weights are small; make the gates do something
        for p in network.parameters():
            p.mul_(3.0)
        network.embed.weight[-1].zero_()
    network.eval()
    path = tmp_path_factory.mktemp("lstm") / "m.npz"
    train_bilstm.export(network, features, labels, path)
    vocab = {name: i for i, name in enumerate(features)}
    return path, network, vocab, labels


def _torch_emissions(network, vocab, sentences, gaz):
    batch = [train_bilstm.encode(w, g, vocab, [0] * len(w)) for w, g in zip(sentences, gaz)]
    ids, offsets, lengths, _ = train_bilstm._batch_tensors(batch, None, 0.0, len(vocab))
    with torch.no_grad():
        emit = network.emissions(ids, offsets, lengths).numpy()
    return np.concatenate([emit[k, :n] for k, n in enumerate(lengths)])


def test_emissions_match_torch(seeds, random_model):
    sentences, gaz = seeds
    path, network, vocab, _ = random_model
    expected = _torch_emissions(network, vocab, sentences, gaz)
    got = BiLstmCrf(path).emissions(sentences, gaz)
    assert got.shape == expected.shape
    # the embeddings were quantized to int8 on export: close, and exact against the
    # quantized twin below
    np.testing.assert_allclose(got, expected, atol=0.25)
    assert np.abs(got - expected).mean() < 0.02


def test_emissions_match_torch_with_quantized_embeddings(seeds, random_model):
    sentences, gaz = seeds
    path, network, vocab, _ = random_model
    twin = train_bilstm._network(len(vocab), network.out.out_features, 8, 6, 0.0)
    twin.load_state_dict(network.state_dict())
    with torch.no_grad():
        rows, scale = train_bilstm.quantize(twin.embed.weight.numpy())
        twin.embed.weight.copy_(torch.from_numpy(rows.astype(np.float32) * scale[:, None]))
    twin.eval()
    expected = _torch_emissions(twin, vocab, sentences, gaz)
    np.testing.assert_allclose(BiLstmCrf(path).emissions(sentences, gaz), expected, atol=1e-4)


@pytest.mark.parametrize(
    ("shuffle", "chunk_tokens", "cache_words"),
    [(False, 1 << 14, 1 << 17), (True, 1 << 14, 1 << 17), (True, 37, 1 << 17), (True, 50, 40)],
)
def test_labels_do_not_depend_on_batching(seeds, random_model, monkeypatch, shuffle,
                                         chunk_tokens, cache_words):
    sentences, gaz = seeds
    path, *_ = random_model
    reference = BiLstmCrf(path).tag(sentences, gaz)
    order = list(range(len(sentences)))
    if shuffle:
        random.Random(7).shuffle(order)
    monkeypatch.setattr(lstm_module, "_CHUNK_TOKENS", chunk_tokens)
    monkeypatch.setattr(lstm_module, "_CACHE_WORDS", cache_words)
    decoder = BiLstmCrf(path)
    got = decoder.tag([sentences[i] for i in order], [gaz[i] for i in order])
    assert [got[order.index(i)] for i in range(len(sentences))] == reference


def test_labels_are_viterbi_of_torch_emissions(seeds, random_model):
    sentences, gaz = seeds
    path, network, vocab, labels = random_model
    twin_emit = _torch_emissions(network, vocab, sentences, gaz)
    trans = network.transitions.detach().numpy().astype(np.float64)
    ids = viterbi(twin_emit.astype(np.float64), [len(s) for s in sentences], trans)
    flat = [label for sentence in BiLstmCrf(path).tag(sentences, gaz) for label in sentence]
    agree = np.mean([labels[i] == label for i, label in zip(ids.tolist(), flat)])
    assert agree > 0.98  # quantized embeddings may flip a near tie


def test_empty_sentences_and_unknown_words(random_model):
    path, *_ = random_model
    decoder = BiLstmCrf(path)
    assert decoder.tag([[], ["زززز", "qqq"], []]) == [[], decoder.tag([["زززز", "qqq"]])[0], []]


def test_not_a_model(tmp_path):
    bad = tmp_path / "bad.npz"
    np.savez(bad, format=np.array("something else"))
    with pytest.raises(ValueError, match="not a"):
        BiLstmCrf(bad)


def test_trainer_learns_and_the_tagger_loads_its_model(seeds, tmp_path):
    sentences, gaz = seeds
    labelled = [list(zip(words, g)) for words, g in zip(sentences, gaz)]
    out = tmp_path / "tiny.npz"
    summary = train_bilstm.train(out, labelled, epochs=12, dim=16, hidden=12,
                                 identity_dropout=0.0, dropout=0.0, learning_rate=0.02,
                                 min_count=1, threads=1)
    assert summary["losses"][-1] < summary["losses"][0] / 2
    tagger = Tagger.load(out)
    predicted = tagger.tag_many(sentences)
    hits = sum(p == g for ps, gs in zip(predicted, gaz) for p, g in zip(ps, gs))
    assert hits / sum(map(len, gaz)) > 0.9  # it learned its (tiny) training data


@pytest.mark.parametrize(
    "weights",
    [np.zeros((2, 3)), np.array([[1.0, -0.5, 0.25]]), np.array([[1e-3, 0.0, -2e-3], [50.0, 1.0, 0.0]])],
)
def test_quantize_round_trip(weights):
    rows, scale = train_bilstm.quantize(weights.astype(np.float32))
    assert rows.dtype == np.int8 and scale.dtype == np.float32
    back = rows.astype(np.float32) * scale[:, None]
    np.testing.assert_allclose(back, weights, atol=np.abs(weights).max(initial=0) / 254 + 1e-9)
