"""The batch decoder gives exactly the labels of pycrfsuite's own tagger, for the same model
and the same features, whatever the batch looks like. The model is trained here, on the seed
sentences with their gazetteer labels as the "gold" (any labels would do)."""

import random
from pathlib import Path

import pycrfsuite
import pytest

from evaluation.train_ner import train
from tests.conftest import seed_sentences
from transforms.entities import crf as crf_module
from transforms.entities.crf import CompiledCRF, read_weights
from transforms.entities.features import sentence_features
from transforms.entities.gazetteer import load_gazetteer
from transforms.entities.spans import bio_label
from transforms.entities.tagger import Tagger


def _reference(model: Path, sentences, gazetteer):
    """pycrfsuite's labels (BIOES, as the trainer's default scheme learns them) as BIO, which
    the batch decoder hands out."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return [
        [bio_label(label) for label in tagger.tag(sentence_features(words, gaz))] if words else []
        for words, gaz in zip(sentences, gazetteer)
    ]


@pytest.fixture(scope="module")
def seed_batch():
    sentences = seed_sentences()
    gaz = [load_gazetteer().token_labels(words) for words in sentences]
    return sentences, gaz


@pytest.fixture(scope="module")
def model(seed_batch, tmp_path_factory) -> Path:
    """A CRF with gazetteer features, trained on the seeds (a few seconds)."""
    sentences, gaz = seed_batch
    path = tmp_path_factory.mktemp("crf") / "seeds.crfsuite"
    labelled = [list(zip(words, labels)) for words, labels in zip(sentences, gaz) if words]
    train(path, sentences=labelled, c1=0.05, c2=0.01, minfreq=0, max_iterations=60,
          use_gazetteer=True)
    return path


def test_weights_are_the_models(model):
    labels, attributes, state, transitions = read_weights(model)
    info = pycrfsuite.Tagger()
    info.open(str(model))
    dump = info.info()
    assert labels == info.labels() and len(attributes) == len(dump.attributes)
    index = {name: i for i, name in enumerate(labels)}
    for (attr, label), weight in list(dump.state_features.items())[::997]:
        assert state[attributes[attr], index[label]] == pytest.approx(weight, abs=1e-6)
    for (src, dst), weight in dump.transitions.items():
        assert transitions[index[src], index[dst]] == pytest.approx(weight, abs=1e-6)
    assert not state[-1].any()  # the zero row for features the model does not know


def test_seed_sentences_match_pycrfsuite(seed_batch, model):
    sentences, gaz = seed_batch
    assert len(sentences) > 100
    assert {"S-LOC", "E-PERSON"} <= set(CompiledCRF(model).labels)  # BIOES, mapped to BIO
    assert CompiledCRF(model).tag(sentences, gaz) == _reference(model, sentences, gaz)


@pytest.mark.parametrize(
    ("chunk_tokens", "cache_words"),
    [
        (1 << 15, 1 << 16),  # the defaults: one chunk
        (50, 1 << 16),  # many chunks
        (50, 400),  # the word cache starts afresh again and again
    ],
)
def test_batch_shape_does_not_change_labels(seed_batch, model, monkeypatch, chunk_tokens,
                                           cache_words):
    sentences, gaz = seed_batch
    # empty and one-word sentences mixed in, in shuffled order
    rng = random.Random(7)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    batch = [sentences[i] for i in order] + [[], ["كيربي"], []]
    batch_gaz = [gaz[i] for i in order] + [[], ["O"], []]
    monkeypatch.setattr(crf_module, "_CHUNK_TOKENS", chunk_tokens)
    monkeypatch.setattr(crf_module, "_CACHE_WORDS", cache_words)
    assert CompiledCRF(model).tag(batch, batch_gaz) == _reference(model, batch, batch_gaz)


def test_without_gazetteer_features(seed_batch, model):
    sentences, _ = seed_batch
    ref = pycrfsuite.Tagger()
    ref.open(str(model))
    expected = [[bio_label(x) for x in ref.tag(sentence_features(words))] for words in sentences]
    assert CompiledCRF(model).tag(sentences, None) == expected


def test_tagger_windows_long_runs(seed_batch, model):
    """A run of words without sentence punctuation is tagged in windows of 400 tokens,
    each window a sequence of its own, as before the batch decoder."""
    sentences, _ = seed_batch
    words = [w for sentence in sentences for w in sentence][:950]
    tagger = Tagger.load(model)
    windows = [words[i : i + 400] for i in range(0, len(words), 400)]
    gaz = [load_gazetteer().token_labels(w) for w in windows]
    expected = [label for part in _reference(model, windows, gaz) for label in part]
    assert tagger.tag(words) == expected
    assert tagger.tag_many([words, [], words[:3]]) == [expected, [], tagger.tag(words[:3])]


@pytest.mark.parametrize(
    "content",
    [b"", b"not a model at all", b"lCRF" + b"\0" * 60],
    ids=["empty", "text", "truncated-header"],
)
def test_not_a_model(tmp_path, content):
    path = tmp_path / "bad.crfsuite"
    path.write_bytes(content)
    with pytest.raises((ValueError, OSError)):
        CompiledCRF(path)
