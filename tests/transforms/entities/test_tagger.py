"""The CRF tagger: BIO decoding, loading a tiny model trained here, and the bundled model."""

import pytest

from evaluation.train_ner import train
from transforms.entities.tagger import MODEL_PATH, Span, Tagger, bio_spans, default_tagger
from transforms.tokens import tokenize


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        ([], []),
        (["O", "O"], []),
        (["B-PERSON", "I-PERSON", "O"], [Span(0, 2, "PERSON")]),
        (["B-LOC", "B-LOC"], [Span(0, 1, "LOC"), Span(1, 2, "LOC")]),
        # repairs: an I- without its B- starts a span; a type change starts a new one
        (["O", "I-ORG", "I-ORG"], [Span(1, 3, "ORG")]),
        (["I-PERSON"], [Span(0, 1, "PERSON")]),
        (["B-PERSON", "I-LOC", "I-LOC", "O"], [Span(0, 1, "PERSON"), Span(1, 3, "LOC")]),
        (["B-ORG", "I-ORG", "B-ORG", "I-ORG"], [Span(0, 2, "ORG"), Span(2, 4, "ORG")]),
        (["O", "B-MISC"], [Span(1, 2, "MISC")]),
    ],
)
def test_bio_spans(labels, spans):
    assert bio_spans(labels) == spans


# A handful of hand-written sentences: enough for a CRF to learn them by heart.
TINY = [
    ("قال الرئيس جون سميث في لندن", "O O B-PERSON I-PERSON O B-LOC"),
    ("زار جون سميث شركة أرامكو", "O B-PERSON I-PERSON B-ORG I-ORG"),
    ("وصل الوزير إلى لندن أمس", "O O O B-LOC O"),
    ("أعلنت شركة أرامكو أرباحها", "O B-ORG I-ORG O"),
    ("قال الرئيس إن لندن مدينة كبيرة", "O O O B-LOC O O"),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiny") / "tiny.crfsuite"
    sentences = [
        list(zip(words.split(), tags.split(), strict=True)) for words, tags in TINY
    ]
    summary = train(
        path, sentences=sentences, c1=0.0, c2=0.001, minfreq=0, max_iterations=100,
        use_gazetteer=False,
    )
    assert summary["sentences"] == len(TINY) and path.stat().st_size > 0
    return path


@pytest.mark.parametrize(("text", "tags"), TINY)
def test_tiny_model_learns_its_sentences(tiny_model, text, tags):
    tagger = Tagger.load(tiny_model, use_gazetteer=False)
    assert tagger.tag(text.split()) == tags.split()


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("قال الرئيس جون سميث في لندن", [Span(2, 4, "PERSON"), Span(5, 6, "LOC")]),
        ("أعلنت شركة أرامكو أرباحها", [Span(1, 3, "ORG")]),
    ],
)
def test_tiny_model_spans(tiny_model, text, spans):
    tagger = Tagger.load(str(tiny_model), use_gazetteer=False)
    assert set(tagger.labels) >= {"O", "B-PERSON", "I-PERSON", "B-LOC", "B-ORG", "I-ORG"}
    assert tagger.spans(text.split()) == spans
    assert tagger.tag([]) == [] and tagger.spans([]) == []
    assert tagger.tag_many([text.split(), []]) == [tagger.tag(text.split()), []]


def test_long_input_is_tagged_in_windows(tiny_model):
    tagger = Tagger.load(tiny_model, use_gazetteer=False)
    words = ("قال الرئيس جون سميث في لندن".split()) * 150  # 900 tokens
    labels = tagger.tag(words)
    assert len(labels) == len(words)


def test_load_missing_model(tmp_path):
    with pytest.raises(FileNotFoundError):
        Tagger.load(tmp_path / "missing.crfsuite")


# The bundled model, on sentences from real news (seeds).
@pytest.mark.parametrize(
    ("text", "entity", "entity_type"),
    [
        ("وقال المتحدث باسم مجلس الأمن القومي الأمريكي جون كيربي إن", "جون كيربي", "PERSON"),
        ("يبدأ الرئيس الروسي فلاديمير بوتين، الثلاثاء، زيارة رسمية إلى كوريا الشمالية",
         "فلاديمير بوتين", "PERSON"),
        ("يبدأ الرئيس الروسي فلاديمير بوتين، الثلاثاء، زيارة رسمية إلى كوريا الشمالية",
         "كوريا الشمالية", "LOC"),
        ("التقارب المتسارع بين بيونج يانج وموسكو منذ بداية غزو أوكرانيا", "بيونج يانج", "LOC"),
        ("التقارب المتسارع بين بيونج يانج وموسكو منذ بداية غزو أوكرانيا", "وموسكو", "LOC"),
    ],
    ids=["kirby", "putin", "north-korea", "pyongyang", "moscow-with-clitic"],
)
def test_bundled_model(text, entity, entity_type):
    if not MODEL_PATH.is_file():
        pytest.fail(f"bundled model missing: {MODEL_PATH} (python -m evaluation.train_ner)")
    tagger = default_tagger()
    assert tagger is not None and default_tagger() is tagger
    words = [t.text for t in tokenize(text)]
    found = {(" ".join(words[s.start : s.end]), s.entity_type) for s in tagger.spans(words)}
    assert (entity, entity_type) in found, found
