"""Corpus readers (FANE, AQMAR), the class mapping, clitic re-attachment and the split."""

import gzip

import pytest

from evaluation import corpora
from evaluation.corpora import (
    FANE_FINE_TO_COARSE,
    fold_of,
    map_aqmar_tag,
    map_fane_tag,
    read_aqmar,
    read_aqmar_documents,
    read_fane,
    reattach_clitics,
    split_newsfane,
    split_newsfane_blocks,
)

LRM = "\u200e"


def _fane_bytes(rows: list[tuple[str, str] | None]) -> bytes:
    """FANE layout: BOM, CRLF, U+200E before every token, a lone TAB between sentences."""
    lines = ["\t" if row is None else f"{LRM}{row[0]}\t{row[1]}" for row in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


FANE_SAMPLE = [
    ("قال", "O"),
    ("الرئيس", "O"),
    ("جورج", "B-Politician"),
    ("بوش", "I-Politician"),
    ("في", "O"),
    ("البيت", "B-Building-Grounds"),
    ("الابيض", "I-Building-Grounds"),
    (".", "O"),
    None,
    ("و", "O"),
    ("اكد", "O"),
    ("العرب", "B-Group"),
    ("في", "O"),
    ("ل", "O"),
    ("الشام", "B-GPE-Cluster"),
    ("ان", "O"),
    ("ه", "O"),
    ("سيزور", "O"),
    ("وزارة", "B-Government"),
    ("الخارجية", "I-Government"),
    ("المئذنة", "B-Subarea-Facility"),
    (".", "O"),
    None,
]


@pytest.mark.parametrize("gz", [True, False])
def test_read_fane_bom_crlf_lrm_and_separators(tmp_path, gz):
    raw = _fane_bytes(FANE_SAMPLE)
    path = tmp_path / ("sample.txt.gz" if gz else "sample.txt")
    path.write_bytes(gzip.compress(raw) if gz else raw)
    sentences = list(read_fane(path))
    assert sentences == [
        [
            ("قال", "O"),
            ("الرئيس", "O"),
            ("جورج", "B-PERSON"),
            ("بوش", "I-PERSON"),
            ("في", "O"),
            ("البيت", "B-LOC"),
            ("الابيض", "I-LOC"),
            (".", "O"),
        ],
        [
            ("واكد", "O"),
            ("العرب", "B-MISC"),
            ("في", "O"),
            ("للشام", "B-LOC"),
            ("انه", "O"),
            ("سيزور", "O"),
            ("وزارة", "B-ORG"),
            ("الخارجية", "I-ORG"),
            ("المئذنة", "O"),
            (".", "O"),
        ],
    ]
    for sentence in sentences:
        for word, _ in sentence:
            assert LRM not in word and "\ufeff" not in word and "\r" not in word


def test_read_fane_without_reattach_and_fine_tags(tmp_path):
    path = tmp_path / "s.txt"
    path.write_bytes(_fane_bytes(FANE_SAMPLE))
    second = list(read_fane(path, reattach=False, fine=True))[1]
    assert second[:3] == [("و", "O"), ("اكد", "O"), ("العرب", "B-Group")]


def test_read_fane_without_separators_splits_on_final_punctuation(tmp_path):
    rows = [r for r in FANE_SAMPLE if r is not None]
    path = tmp_path / "s.txt"
    path.write_bytes(_fane_bytes(rows))
    sentences = list(read_fane(path))
    assert len(sentences) == 2
    assert sentences[0][-1] == (".", "O") and sentences[1][0] == ("واكد", "O")


@pytest.mark.parametrize(
    ("words", "tags", "expected"),
    [
        (["و", "بغداد"], ["O", "B-LOC"], [("وبغداد", "B-LOC")]),
        (["و", "ب", "غزة"], ["O", "O", "B-LOC"], [("وبغزة", "B-LOC")]),
        (["ل", "الشام"], ["O", "B-LOC"], [("للشام", "B-LOC")]),
        (["حارة", "نا"], ["I-MISC", "I-MISC"], [("حارتنا", "I-MISC")]),
        (["ل", "هم"], ["O", "O"], [("لهم", "O")]),
        (["علي", "هم"], ["O", "O"], [("عليهم", "O")]),
        (["بداية", "و", "نهاية"], ["B-MISC", "I-MISC", "I-MISC"],
         [("بداية", "B-MISC"), ("ونهاية", "I-MISC")]),
        # Letters of an abbreviation stay apart: د ب ا (dpa).
        (["د", "ب", "ا"], ["B-ORG", "I-ORG", "I-ORG"],
         [("د", "B-ORG"), ("ب", "I-ORG"), ("ا", "I-ORG")]),
        (["2006", "و", "."], ["O", "O", "O"], [("2006", "O"), ("و", "O"), (".", "O")]),
        (["امام", "ك"], ["O", "O"], [("امام", "O"), ("ك", "O")]),
    ],
)
def test_reattach_clitics(words, tags, expected):
    assert reattach_clitics(list(zip(words, tags, strict=True))) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("B-Politician", "B-PERSON"),
        ("I-Athlete", "I-PERSON"),
        ("B-Police", "B-PERSON"),
        ("B-Group", "B-MISC"),
        ("B-Government", "B-ORG"),
        ("I-Non-Governmental", "I-ORG"),
        ("B-Nation", "B-LOC"),
        ("I-Population-Center", "I-LOC"),
        ("B-Water-Body", "B-LOC"),
        ("B-Building-Grounds", "B-LOC"),
        ("B-Airport", "B-LOC"),
        ("B-Path", "B-LOC"),
        ("B-Book", "B-MISC"),
        ("B-Air", "B-MISC"),
        ("B-Subarea-Facility", "O"),
        ("B-Celestial", "O"),
        ("B-Projectile", "O"),
        ("B-Drug", "O"),
        ("B-NoSuchClass", "O"),
        ("O", "O"),
        ("", "O"),
    ],
)
def test_map_fane_tag(tag, expected):
    assert map_fane_tag(tag) == expected


def test_every_fane_class_is_mapped():
    # The fine classes that occur in NewsFANE + WikiFANE Gold (51; the readme says "50"):
    # each has a decided coarse type.
    assert len(FANE_FINE_TO_COARSE) == 51
    assert set(FANE_FINE_TO_COARSE.values()) == {"PERSON", "ORG", "LOC", "MISC", "O"}


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("B-PER", "B-PERSON"),
        ("I-PER", "I-PERSON"),
        ("B-ORG", "B-ORG"),
        ("I-LOC", "I-LOC"),
        ("B-MIS1", "B-MISC"),
        ("I-MIS0", "I-MISC"),
        ("B-MIS-1", "B-MISC"),
        ("B-MIS", "B-MISC"),
        ("B-SPANISH", "O"),
        ("O", "O"),
    ],
)
def test_map_aqmar_tag(tag, expected):
    assert map_aqmar_tag(tag) == expected


AQMAR_SAMPLE = (
    "# doc: Damascus\n"
    "دمشق B-LOC\nهي O\nالعاصمة B-LOC\nالسورية I-LOC\n. O\n\n"
    f"{LRM}رأى O\nراؤول B-PER\nغونزاليس I-PER\nريال B-ORG\nمدريد I-ORG\nلينكس B-MIS1\n"
    "# doc: Atom\n"
    "الذرة B-MIS2\n"
)


def test_read_aqmar_documents(tmp_path):
    path = tmp_path / "aqmar.txt"
    path.write_bytes(AQMAR_SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    documents = list(read_aqmar_documents(path))
    assert [[s[0][0] for s in d] for d in documents] == [["دمشق", "رأى"], ["الذرة"]]
    assert [s for d in documents for s in d] == list(read_aqmar(path))


def test_read_aqmar(tmp_path):
    path = tmp_path / "aqmar.txt"
    path.write_bytes(AQMAR_SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert list(read_aqmar(path)) == [
        [("دمشق", "B-LOC"), ("هي", "O"), ("العاصمة", "B-LOC"), ("السورية", "I-LOC"), (".", "O")],
        [("رأى", "O"), ("راؤول", "B-PERSON"), ("غونزاليس", "I-PERSON"), ("ريال", "B-ORG"),
         ("مدريد", "I-ORG"), ("لينكس", "B-MISC")],
        [("الذرة", "B-MISC")],
    ]


@pytest.mark.parametrize(
    ("index", "fold"),
    [(0, 0), (49, 0), (50, 1), (449, 8), (450, 9), (499, 9), (500, 0), (700, 4)],
)
def test_fold_of(index, fold):
    assert fold_of(index) == fold


def test_split_is_fixed_and_partitions_the_corpus():
    sentences = [[(str(i), "O")] for i in range(1200)]
    parts = {p: [s[0][0] for s in split_newsfane(sentences, p)] for p in
             ("train", "train-dev", "dev", "heldout")}
    assert parts["heldout"] == [str(i) for i in range(450, 500)] + [
        str(i) for i in range(950, 1000)
    ]
    assert parts["dev"] == [str(i) for i in range(200, 250)] + [str(i) for i in range(700, 750)]
    assert sorted(parts["train"] + parts["heldout"], key=int) == [str(i) for i in range(1200)]
    assert set(parts["train-dev"]) == set(parts["train"]) - set(parts["dev"])
    with pytest.raises(ValueError):
        list(split_newsfane(sentences, "test"))


def test_blocks_are_the_split_in_documents():
    sentences = [[(str(i), "O")] for i in range(1200)]
    for part in ("train", "train-dev", "dev", "heldout"):
        blocks = list(split_newsfane_blocks(sentences, part))
        assert [s for b in blocks for s in b] == list(split_newsfane(sentences, part))
    heldout = list(split_newsfane_blocks(sentences, "heldout"))
    assert [(b[0][0][0], len(b)) for b in heldout] == [("450", 50), ("950", 50)]
    # a short last block is still a block
    assert [len(b) for b in split_newsfane_blocks(sentences[:1020], "train")][-2:] == [50, 20]


def test_entity_types():
    assert corpora.CORE_TYPES == ("PERSON", "ORG", "LOC")
    assert set(corpora.ENTITY_TYPES) == {"PERSON", "ORG", "LOC", "MISC"}
