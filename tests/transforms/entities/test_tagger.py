"""The tagger: BIO decoding (and BIOES back to BIO), loading a tiny CRF trained here, and the bundled model."""

import pytest

from evaluation import train_bilstm
from evaluation.train_ner import train
from transforms.entities.crf import CompiledCRF
from transforms.entities.lstm import BiLstmCrf
from transforms.entities.spans import bio_label, bioes_labels
from transforms.entities.tagger import (
    BILSTM_PATH,
    CRF_PATH,
    DEFAULT_NER_MODE,
    NER_MODES,
    Ensemble,
    Span,
    Tagger,
    bio_spans,
    default_tagger,
    ner_mode,
)
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


@pytest.mark.parametrize(
    ("bio", "bioes"),
    [
        ("", ""),
        ("O B-LOC O", "O S-LOC O"),
        ("B-PERSON I-PERSON", "B-PERSON E-PERSON"),
        ("B-PERSON I-PERSON I-PERSON O", "B-PERSON I-PERSON E-PERSON O"),
        ("B-LOC B-LOC", "S-LOC S-LOC"),
        ("B-ORG I-ORG B-ORG", "B-ORG E-ORG S-ORG"),
        # an ill-formed I- starts its span, as bio_spans reads it
        ("O I-ORG I-ORG", "O B-ORG E-ORG"),
        ("B-PERSON I-LOC", "S-PERSON S-LOC"),
    ],
)
def test_bioes_labels_and_back(bio, bioes):
    """Models learn BIOES labels; their decoders hand out BIO: the same spans."""
    assert bioes_labels(bio.split()) == bioes.split()
    assert bio_spans([bio_label(label) for label in bioes.split()]) == bio_spans(bio.split())


@pytest.mark.parametrize(
    ("label", "bio"),
    [("S-LOC", "B-LOC"), ("E-PERSON", "I-PERSON"), ("B-ORG", "B-ORG"), ("I-MISC", "I-MISC"),
     ("O", "O"), ("S", "S")],
)
def test_bio_label(label, bio):
    assert bio_label(label) == bio


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
    # the model learned BIOES labels (the trainer's default); the tagger hands out BIO
    assert set(tagger.labels) >= {"O", "B-PERSON", "E-PERSON", "S-LOC", "B-ORG", "E-ORG"}
    assert tagger.spans(text.split()) == spans
    assert tagger.tag([]) == [] and tagger.spans([]) == []
    assert tagger.tag_many([text.split(), []]) == [tagger.tag(text.split()), []]


@pytest.fixture(scope="module")
def tiny_lstm(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiny") / "tiny.npz"
    sentences = [
        list(zip(words.split(), tags.split(), strict=True)) for words, tags in TINY
    ]
    train_bilstm.train(path, sentences * 8, epochs=4, dim=8, hidden=8, identity_dropout=0.0,
                       dropout=0.0, learning_rate=0.02, min_count=1, threads=1,
                       use_gazetteer=False)
    return path


def test_ensemble_aligns_labels_by_name(tiny_model, tiny_lstm):
    """A member with weight 0 adds nothing, whatever its label order: the ensemble of the
    BiLSTM (weight 0, its label order first) and the CRF tags exactly as the CRF alone."""
    crf = CompiledCRF(tiny_model)
    lstm = BiLstmCrf(tiny_lstm)
    assert lstm.labels != crf.labels and sorted(lstm.labels) == sorted(crf.labels)
    sentences = [text.split() for text, _ in TINY] + [[], ["لندن"]]
    assert Ensemble([(lstm, 0.0), (crf, 1.0)]).tag(sentences) == crf.tag(sentences)
    assert Ensemble([(crf, 0.0), (lstm, 1.0)]).tag(sentences) == lstm.tag(sentences)
    # a model with itself: all scores scaled alike, the same best paths
    assert Ensemble([(lstm, 1.0), (lstm, 0.5)]).tag(sentences) == lstm.tag(sentences)


def test_ensemble_through_the_tagger(tiny_model, tiny_lstm):
    tagger = Tagger.load(tiny_lstm, crf=tiny_model, crf_weight=0.5, use_gazetteer=False)
    assert tagger.paths == (tiny_lstm, tiny_model) and tagger.path == tiny_lstm
    words = TINY[0][0].split()
    crf, lstm = CompiledCRF(tiny_model), BiLstmCrf(tiny_lstm)
    expected = Ensemble([(lstm, 1.0), (crf, 0.5)]).tag([words])[0]
    assert tagger.tag(words) == expected


def test_ensemble_needs_one_label_set(tiny_model, tmp_path):
    other = tmp_path / "other.crfsuite"
    train(other, sentences=[[("قال", "O"), ("لندن", "B-LOC")]], c1=0.0, c2=0.001, minfreq=0,
          max_iterations=10, use_gazetteer=False)
    with pytest.raises(ValueError, match="label sets differ"):
        Ensemble([(CompiledCRF(tiny_model), 1.0), (CompiledCRF(other), 1.0)])
    with pytest.raises(ValueError, match="at least one"):
        Ensemble([])


def _taught(path, text, labels):
    """A tiny CRF that has learned ``labels`` for ``text`` (and the TINY sentences) by heart,
    checked: its own decoder returns them."""
    taught = [(text, labels)] + TINY
    train(path, sentences=[list(zip(w.split(), t.split(), strict=True)) for w, t in taught],
          c1=0.0, c2=0.001, minfreq=0, max_iterations=100, use_gazetteer=False)
    assert CompiledCRF(path).tag([text.split()]) == [labels.split()]
    return Tagger.load(path, use_gazetteer=False)


def test_the_tagger_joins_names_its_model_cut_at_a_lineage_word(tmp_path):
    """A model taught to cut ``جون بن سميث`` at بن: its decoder cuts, the tagger joins."""
    tagger = _taught(tmp_path / "cut.crfsuite", "التقى جون بن سميث", "O B-PERSON O B-PERSON")
    words = "التقى جون بن سميث".split()
    assert tagger.tag(words) == ["O", "B-PERSON", "I-PERSON", "I-PERSON"]
    assert tagger.tag_many([words, words[:2]]) == [tagger.tag(words), ["O", "B-PERSON"]]


def test_the_tagger_makes_a_country_in_a_match_report_a_team(tmp_path):
    """A model taught that لندن is always a place: in a match report the tagger says ORG."""
    match = "خسر المنتخب أمام لندن في المباراة"
    tagger = _taught(tmp_path / "place.crfsuite", match, "O O O B-LOC O O")
    assert tagger.tag(match.split()) == ["O", "O", "O", "B-ORG", "O", "O"]
    assert tagger.tag("وصل الوزير إلى لندن أمس".split()) == ["O", "O", "O", "B-LOC", "O"]


def test_the_tagger_takes_back_a_club_name_that_is_a_common_word(tmp_path):
    """A model taught that الشباب ("the youth") is always the club: the tagger says O unless
    the article is about sport (transforms.entities.homonyms)."""
    text = "مشاركة الشباب في الحملة"
    path = tmp_path / "club.crfsuite"
    _taught(path, text, "O B-ORG O O")
    tagger = Tagger.load(path, use_gazetteer=False, consistency=0)  # the tiny model has no I-LOC
    assert tagger.tag(text.split()) == ["O", "O", "O", "O"]
    sport = ["في", "الدوري"]
    assert tagger.tag_many([text.split(), sport], documents=["a", "a"])[0] == [
        "O", "B-ORG", "O", "O"]


def test_long_input_is_tagged_in_windows(tiny_model):
    tagger = Tagger.load(tiny_model, use_gazetteer=False)
    words = ("قال الرئيس جون سميث في لندن".split()) * 150  # 900 tokens
    labels = tagger.tag(words)
    assert len(labels) == len(words)


def test_load_missing_model(tmp_path, tiny_model):
    with pytest.raises(FileNotFoundError):
        Tagger.load(tmp_path / "missing.crfsuite")
    with pytest.raises(FileNotFoundError):
        Tagger.load(tmp_path / "missing.npz")
    with pytest.raises(FileNotFoundError):
        Tagger.load(tiny_model, crf=tmp_path / "missing.crfsuite")


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
        # a country that names its team in a match report (transforms.entities.teams)
        ("وفاز المنتخب السعودي على تايلاند في مباراة الأمس", "تايلاند", "ORG"),
    ],
    ids=["kirby", "putin", "north-korea", "pyongyang", "moscow-with-clitic", "team"],
)
@pytest.mark.parametrize("mode", ["crf", "bilstm", "ensemble"])
def test_bundled_model(monkeypatch, mode, text, entity, entity_type):
    for path in (BILSTM_PATH, CRF_PATH):
        if not path.is_file():
            pytest.fail(f"bundled model missing: {path} (khabar train-ner / train-bilstm)")
    monkeypatch.setenv("KHABAR_NER", mode)
    tagger = default_tagger()
    assert tagger is not None and default_tagger() is tagger
    words = [t.text for t in tokenize(text)]
    found = {(" ".join(words[s.start : s.end]), s.entity_type) for s in tagger.spans(words)}
    assert (entity, entity_type) in found, found


@pytest.mark.parametrize("mode", ["crf", "bilstm", "ensemble"])
def test_bundled_model_leaves_a_common_word_alone(monkeypatch, mode):
    """"رابط الخبر" is "the link to the story", not the El Khabar newspaper."""
    monkeypatch.setenv("KHABAR_NER", mode)
    words = [t.text for t in tokenize("رابط الخبر بصحيفة الوئام : أمير منطقة الرياض")]
    assert default_tagger().tag(words)[1] == "O"


@pytest.mark.parametrize("mode", ["crf", "bilstm", "ensemble"])
@pytest.mark.parametrize(
    "text",
    [
        "حتى يستعيد أمنه واستقراره",  # "its security", not the name آمنة (all three taggers)
        "ندعو إلى إقامة منطقة آمنة تمكن الحكومة السورية من العودة",  # "a safe zone"
    ],
)
def test_bundled_model_reads_no_person_into_a_common_word(monkeypatch, mode, text):
    monkeypatch.setenv("KHABAR_NER", mode)
    words = [t.text for t in tokenize(text)]
    assert "B-PERSON" not in default_tagger().tag(words)


@pytest.mark.parametrize(
    ("value", "mode", "paths"),
    [
        (None, DEFAULT_NER_MODE, NER_MODES[DEFAULT_NER_MODE]),
        ("", DEFAULT_NER_MODE, NER_MODES[DEFAULT_NER_MODE]),
        ("crf", "crf", (CRF_PATH,)),
        ("Ensemble ", "ensemble", (BILSTM_PATH, CRF_PATH)),
        ("bilstm", "bilstm", (BILSTM_PATH,)),
    ],
)
def test_ner_mode(monkeypatch, value, mode, paths):
    if value is None:
        monkeypatch.delenv("KHABAR_NER", raising=False)
    else:
        monkeypatch.setenv("KHABAR_NER", value)
    assert ner_mode() == mode
    assert default_tagger().paths == paths
    assert Tagger.load().paths == paths


def test_unknown_ner_mode_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("KHABAR_NER", "bert")
    with pytest.raises(ValueError, match="KHABAR_NER='bert': expected one of crf, bilstm, ensemble"):
        default_tagger()


@pytest.mark.parametrize(("mode", "members"), [("bilstm", 1), ("ensemble", 2)])
def test_bundled_modes_decode_their_bilstm_members(mode, members):
    """The bundled BiLSTM-CRF holds two networks: the default decodes the first, the
    ensemble both (with the CRF)."""
    decoder = Tagger.bundled(mode)._decoder
    bilstm = decoder if mode == "bilstm" else decoder._members[0][0]
    assert bilstm.members == members
