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


def _random_network(n_features, n_labels, seed):
    torch.manual_seed(seed)
    network = train_bilstm._network(n_features, n_labels, dim=8, hidden=6, dropout=0.0)
    with torch.no_grad():  # untrained weights are small; make the gates do something
        for p in network.parameters():
            p.mul_(3.0)
        network.embed.weight[-1].zero_()
    return network.eval()


@pytest.fixture(scope="module")
def random_model(seeds, tmp_path_factory):
    """A network with random weights over the seeds' features, exported; and its torch twin."""
    sentences, gaz = seeds
    labelled = [list(zip(words, g)) for words, g in zip(sentences, gaz)]
    features = train_bilstm.feature_vocabulary(labelled, min_count=1)
    labels = sorted({t for g in gaz for t in g} | {"O"})
    network = _random_network(len(features), len(labels), seed=3)
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


# Joint data call تونس a place 20 times and a team 5 times; the in-domain part is the 5.
_JOINT = [[("فاز", "O"), ("تونس", "B-LOC")]] * 20 + [[("فاز", "O"), ("تونس", "B-ORG")]] * 5
_IN_DOMAIN = _JOINT[20:]
_TINY = dict(epochs=6, dim=8, hidden=6, identity_dropout=0.0, dropout=0.0,
             learning_rate=0.05, min_count=1, threads=1)


@pytest.mark.parametrize(
    ("adapt_sentences", "adapt_epochs", "expected"),
    [
        ((), 3, "B-LOC"),  # no in-domain part: the majority wins
        (_IN_DOMAIN, 0, "B-LOC"),  # adaptation turned off
        (_IN_DOMAIN, 6, "B-ORG"),  # the last epochs see the in-domain reading only
    ],
)
def test_adaptation_ends_training_on_the_in_domain_sentences(
    tmp_path, adapt_sentences, adapt_epochs, expected
):
    out = tmp_path / "adapted.npz"
    seen = []
    summary = train_bilstm.train(
        out, _JOINT, adapt_sentences=adapt_sentences, adapt_epochs=adapt_epochs,
        adapt_learning_rate=0.05, on_epoch=lambda epoch, path: seen.append(epoch), **_TINY,
    )
    adapted = adapt_epochs if adapt_sentences else 0
    assert seen == list(range(6 + adapted))  # on_epoch numbers the adaptation epochs on
    assert len(summary["losses"]) == 6 + adapted
    assert (summary["adapt_epochs"], summary["adapt_sentences"]) == (
        adapted, len(adapt_sentences) if adapted else 0)
    assert Tagger.load(out).tag_many([["فاز", "تونس"]]) == [["O", expected]]


def test_adaptation_sentences_must_use_the_training_labels(tmp_path):
    with pytest.raises(ValueError, match="S-MISC"):  # BIOES: a one-word span
        train_bilstm.train(tmp_path / "m.npz", _JOINT,
                           adapt_sentences=[[("تونس", "B-MISC")]], **_TINY)


@pytest.mark.parametrize(
    "weights",
    [np.zeros((2, 3)), np.array([[1.0, -0.5, 0.25]]), np.array([[1e-3, 0.0, -2e-3], [50.0, 1.0, 0.0]])],
)
def test_quantize_round_trip(weights):
    rows, scale = train_bilstm.quantize(weights.astype(np.float32))
    assert rows.dtype == np.int8 and scale.dtype == np.float32
    back = rows.astype(np.float32) * scale[:, None]
    np.testing.assert_allclose(back, weights, atol=np.abs(weights).max(initial=0) / 254 + 1e-9)


# ----------------------------------------------------------------------------- several members

@pytest.fixture(scope="module")
def members(seeds, random_model, tmp_path_factory):
    """Three one-member model files over the same features: the random model and two more."""
    path, network, vocab, labels = random_model
    features = list(vocab)
    folder = tmp_path_factory.mktemp("members")
    paths = [path]
    for seed in (5, 6):
        paths.append(folder / f"m{seed}.npz")
        train_bilstm.export(_random_network(len(features), len(labels), seed), features, labels,
                            paths[-1])
    return paths


@pytest.mark.parametrize("groups", [[[0], [1]], [[0], [1], [2]], [[0, 1], [2]], [[2], [0, 1]]])
def test_a_merged_model_scores_the_mean_of_its_members(seeds, members, tmp_path, groups):
    """Files are merged as many times as wanted: each member weighs the same in the end."""
    sentences, gaz = seeds
    files = []
    for k, group in enumerate(groups):
        files.append(tmp_path / f"group{k}.npz")
        train_bilstm.merge_models([members[i] for i in group], files[-1])
    merged_path = tmp_path / "merged.npz"
    train_bilstm.merge_models(files, merged_path)
    used = [members[i] for group in groups for i in group]
    alone = [BiLstmCrf(p) for p in used]
    merged = BiLstmCrf(merged_path)
    assert merged.members == len(used)
    np.testing.assert_allclose(
        merged.emissions(sentences, gaz),
        np.mean([m.emissions(sentences, gaz) for m in alone], axis=0), atol=1e-4,
    )
    np.testing.assert_allclose(merged.transitions, np.mean([m.transitions for m in alone], axis=0),
                               atol=1e-6)


def test_merged_labels_do_not_depend_on_batching(seeds, members, tmp_path, monkeypatch):
    sentences, gaz = seeds
    path = tmp_path / "merged.npz"
    train_bilstm.merge_models(members, path)
    reference = BiLstmCrf(path).tag(sentences, gaz)
    monkeypatch.setattr(lstm_module, "_CHUNK_TOKENS", 37)
    monkeypatch.setattr(lstm_module, "_CACHE_WORDS", 40)
    assert BiLstmCrf(path).tag(sentences[::-1], gaz[::-1])[::-1] == reference


def test_models_that_do_not_fit_together_are_not_merged(members, tmp_path):
    other = dict(np.load(members[1]))
    other["features"] = other["features"][::-1]
    np.savez(tmp_path / "other.npz", **other)
    with pytest.raises(ValueError, match="features differ"):
        train_bilstm.merge_models([members[0], tmp_path / "other.npz"], tmp_path / "out.npz")
    with pytest.raises(ValueError, match="no model"):
        train_bilstm.merge_models([], tmp_path / "out.npz")


def test_first_format_files_still_load(seeds, random_model, tmp_path):
    """Models written before members existed (no member axis) decode as one member."""
    sentences, gaz = seeds
    path, *_ = random_model
    arrays = lstm_module.read_model(path)
    old = {name: arrays[name][0] if name in lstm_module.MEMBER_ARRAYS else arrays[name]
           for name in arrays}
    old["embed_scale"] = arrays["embed_scale"][:, 0]
    old["format"] = np.array(lstm_module.FORMAT_ONE_MEMBER)
    np.savez(tmp_path / "old.npz", **old)
    np.testing.assert_array_equal(BiLstmCrf(tmp_path / "old.npz").emissions(sentences, gaz),
                                  BiLstmCrf(path).emissions(sentences, gaz))


def test_members_trained_in_worker_processes_are_the_ones_trained_here(seeds, tmp_path):
    """Reproducible: a seed gives the same member whichever process trains it."""
    sentences, gaz = seeds
    labelled = [list(zip(words, g)) for words, g in zip(sentences, gaz)][:40]
    options = dict(epochs=2, dim=8, hidden=6, min_count=1, threads=1)
    seen = {}  # on_member: each member's own file, before the merge
    summaries = train_bilstm.train_members(
        tmp_path / "pool.npz", labelled, (3, 4), jobs=2,
        on_member=lambda seed, path: seen.setdefault(seed, lstm_module.read_model(path)), **options,
    )
    assert [s["epochs"] for s in summaries] == [2, 2]
    assert list(seen) == [3, 4]
    for seed in (3, 4):
        train_bilstm.train(tmp_path / f"here{seed}.npz", labelled, seed=seed, **options)
        alone = lstm_module.read_model(tmp_path / f"here{seed}.npz")
        for name in alone:
            np.testing.assert_array_equal(seen[seed][name], alone[name], err_msg=name)
    train_bilstm.merge_models([tmp_path / "here3.npz", tmp_path / "here4.npz"], tmp_path / "here.npz")
    pool, here = lstm_module.read_model(tmp_path / "pool.npz"), lstm_module.read_model(tmp_path / "here.npz")
    assert sorted(pool) == sorted(here)
    for name in pool:
        np.testing.assert_array_equal(pool[name], here[name], err_msg=name)
    assert not np.array_equal(pool["w_hh_f"][0], pool["w_hh_f"][1])  # two different members


@pytest.mark.parametrize("first", [1, 2, 3])
def test_the_first_members_of_a_file_decode_as_they_would_alone(seeds, members, tmp_path, first):
    sentences, gaz = seeds
    path = tmp_path / "merged.npz"
    train_bilstm.merge_models(members, path)
    alone_path = tmp_path / "alone.npz"
    train_bilstm.merge_models(members[:first], alone_path)
    got = BiLstmCrf(path, members=first)
    alone = BiLstmCrf(alone_path)
    assert got.members == first
    np.testing.assert_array_equal(got.emissions(sentences, gaz), alone.emissions(sentences, gaz))
    np.testing.assert_array_equal(got.transitions, alone.transitions)


@pytest.mark.parametrize("wanted", [0, 4])
def test_no_more_members_than_stored(members, tmp_path, wanted):
    path = tmp_path / "merged.npz"
    train_bilstm.merge_models(members, path)
    with pytest.raises(ValueError, match="3 member"):
        BiLstmCrf(path, members=wanted)
