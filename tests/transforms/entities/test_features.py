"""CRF token features: clitic stripping, shapes, and the features a token must carry."""

import pytest

from transforms.entities.features import sentence_features, strip_proclitics, word_shape

SEED = "وقال المتحدث باسم مجلس الأمن القومي الأمريكي جون كيربي إن".split()


@pytest.mark.parametrize(
    ("norm", "expected"),
    [
        ("والولايات", ("وال", "ولايات")),
        ("بالعاصمه", ("بال", "عاصمه")),
        ("للشام", ("لل", "شام")),
        ("وللشام", ("ولل", "شام")),
        ("وبغداد", ("وب", "غداد")),
        ("بغداد", ("ب", "غداد")),  # consistent, not necessarily the real stem
        ("الامن", ("ال", "امن")),
        ("فالرئيس", ("فال", "رئيس")),
        ("وقال", ("و", "قال")),
        ("جون", ("", "جون")),
        ("ولد", ("", "ولد")),  # too short to strip
        ("الي", ("", "الي")),
        ("", ("", "")),
    ],
)
def test_strip_proclitics(norm, expected):
    assert strip_proclitics(norm) == expected


@pytest.mark.parametrize(
    ("word", "shape"),
    [
        ("بغداد", "ar"),
        ("2024", "dig"),
        ("٢٠٢٤", "dig"),
        ("3.5", "num"),
        ("،", "punct"),
        ("(", "punct"),
        ("nato", "lat"),
        ("NATO", "LAT"),
        ("F16", "mix"),
        ("ب52", "mix"),
    ],
)
def test_word_shape(word, shape):
    assert word_shape(word) == shape


@pytest.mark.parametrize(
    ("words", "index", "present", "absent"),
    [
        # normalized form, stem and proclitics
        (SEED, 0, ["b", "w=وقال", "st=قال", "pre=و", "sh=ar", "BOS"], ["EOS"]),
        (SEED, 6, ["w=الامريكي", "st=امريكي", "pre=ال", "nisba=ي", "s3=يكي", "p2=ام"], []),
        # neighbours ±1 (form, stem, proclitics, shape) and ±2 (form)
        (SEED, 7, ["w=جون", "-1w=الامريكي", "-1st=امريكي", "-1pre=ال", "+1w=كيربي",
                   "-2w=القومي", "+2w=ان", "-1sh=ar"], ["BOS", "EOS"]),
        (SEED, 9, ["w=ان", "EOS", "-1w=كيربي", "st-1|st=يربي|ان"], ["BOS"]),
        # diacritics, hamza seats and teh marbuta are folded
        (["الأمريكيّة"], 0, ["w=الامريكيه", "st=امريكيه", "nisba=يه", "BOS", "EOS"], []),
        (["ـالعـراق"], 0, ["w=العراق", "st=عراق"], []),
        # non-Arabic tokens
        (["NATO", "2024", "،"], 0, ["w=NATO", "sh=LAT", "wl=nato", "+1w=2024"], ["pre="]),
        (["NATO", "2024", "،"], 1, ["sh=dig", "-1sh=LAT", "+1sh=punct"], []),
        # enclitic pronoun ending
        (["رئيسها"], 0, ["encl=ها"], []),
    ],
)
def test_sentence_features(words, index, present, absent):
    feats = sentence_features(words)[index]
    for feature in present:
        assert feature in feats, (feature, feats)
    for feature in absent:
        assert feature not in feats, (feature, feats)


@pytest.mark.parametrize(
    ("labels", "index", "present"),
    [
        (["O", "B-PERSON", "I-PERSON"], 1, ["g=B-PERSON", "g+1=I-PERSON"]),
        (["O", "B-PERSON", "I-PERSON"], 2, ["g=I-PERSON", "g-1=B-PERSON"]),
        (["O", "B-PERSON", "I-PERSON"], 0, ["g+1=B-PERSON"]),
    ],
)
def test_gazetteer_label_features(labels, index, present):
    feats = sentence_features(["قال", "جون", "كيربي"], labels)[index]
    for feature in present:
        assert feature in feats
    assert not any(f.startswith("g=") for f in sentence_features(["قال"], ["O"])[0])


def test_one_feature_list_per_token_and_deterministic():
    assert sentence_features([]) == []
    first = sentence_features(SEED)
    assert len(first) == len(SEED)
    assert sentence_features(list(SEED)) == first
    assert all(isinstance(f, str) for feats in first for f in feats)


TINY_CLUSTERS = (
    "# a comment line\n"
    "w\tكيربي\t3\t17\t512\n"
    "w\tقال\t1\t2\t3\n"
    "s\tيربي\t4\t18\t600\n"
    "x\tignored\t0\t0\t0\n"
)


@pytest.fixture
def tiny_clusters(tmp_path, monkeypatch):
    from transforms.entities import features

    path = tmp_path / "word_clusters.tsv"
    path.write_text(TINY_CLUSTERS, encoding="utf-8")
    monkeypatch.setattr(features, "CLUSTERS_PATH", path)
    features.load_clusters.cache_clear()
    yield features
    features.load_clusters.cache_clear()


def test_load_clusters(tiny_clusters):
    words, stems = tiny_clusters.load_clusters()
    assert words == {"كيربي": ("3", "17", "512"), "قال": ("1", "2", "3")}
    assert stems == {"يربي": ("4", "18", "600")}


@pytest.mark.parametrize(
    ("norm", "stem", "own", "lent"),
    [
        ("كيربي", "كيربي", ["cw0=3", "cw1=17", "cw2=512", "cs=unk"], ["cw1=17", "cw2=512"]),
        ("وقال", "قال", ["cw=unk", "cs=unk"], []),  # "قال" is a word-form key, not a stem key
        ("ليربي", "يربي", ["cw=unk", "cs0=4", "cs1=18", "cs2=600"], ["cs1=18", "cs2=600"]),
        ("غامض", "غامض", ["cw=unk", "cs=unk"], []),
    ],
)
def test_cluster_features(tiny_clusters, norm, stem, own, lent):
    assert tiny_clusters._cluster_features(norm, stem) == (own, lent)


def test_cluster_features_reach_the_token_and_its_neighbours(tiny_clusters):
    own, neighbours, _ = tiny_clusters.word_info("كيربي")
    assert {"cw0=3", "cw1=17", "cw2=512"} <= set(own)
    assert {"+1cw1=17", "+1cw2=512"} <= set(neighbours[1])
    assert {"-1cw1=17", "-1cw2=512"} <= set(neighbours[-1])
    assert not any("cw" in f for f in neighbours[2])  # ±2 lend only their form


def test_missing_cluster_table_is_an_error(tmp_path, monkeypatch):
    from transforms.entities import features

    monkeypatch.setattr(features, "CLUSTERS_PATH", tmp_path / "nowhere.tsv")
    features.load_clusters.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="train-clusters"):
            features.load_clusters()
    finally:
        features.load_clusters.cache_clear()


@pytest.mark.parametrize("word", [*SEED, "الأمريكيّة", "NATO", "2024", "،", "رئيسها", "F16", ""])
def test_word_features_are_word_infos_own_features(word):
    from transforms.entities.features import word_features, word_info

    assert word_features(word) == word_info(word)[0]
