"""Token features for the CRF named-entity tagger (pure: the only file read is the bundled
cluster table; everything is computed once per word form).

Every token gets crfsuite string features (``name=value``; each has weight 1):

- its normalized form (``transforms.text.normalize_word``: diacritics, alef / yeh /
  teh-marbuta folding, tatweel), and the *stem* with proclitics stripped
  (``[و|ف] [ب|ل|ك] [ال]`` or ``لل``; a layer is only stripped when 2+ letters remain, so
  ``بغداد``, ``وبغداد`` and ``لبغداد`` share the stem even when it is not the real one);
- the stripped proclitic string (``pre=وال``), enclitic pronoun endings, character prefixes
  and suffixes of length 1–3 of the stem, nisba endings (ي / ية / يون / يين / يات / يان),
  a coarse length, and the shape (Arabic / Latin / digit / punctuation / mixed);
- distributional word clusters (``cw0=`` / ``cw1=`` / ``cw2=``: 64 / 256 / 1024 k-means
  clusters of word2vec vectors of the normalized form; ``cs0..2=``: the same for the stem)
  from ``word_clusters.tsv`` beside this module, learned from unlabelled news by
  ``khabar train-clusters`` (``cw=unk`` / ``cs=unk`` when not listed), also
  lent to the neighbours at ±1 (256 / 1024 only): unseen names share clusters with seen ones;
- title-word and organisation-head membership from ``transforms.entities.titles``;
- gazetteer membership through ``gazetteer_labels`` (per-token BIO labels such as ``B-LOC``);
- the normalized form, stem and shape of the neighbours at ±1 and ±2, a few conjunctions
  (previous word + this word), and sentence start / end.

Keep this module fast: it runs on every word the pipeline tags. Everything that depends
only on the word form is computed once per distinct form (``lru_cache``).
"""

from __future__ import annotations

import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

from transforms.text import normalize_word

from transforms.entities.titles import word_flags

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_ENCLITICS = ("هما", "هم", "ها", "كم", "نا", "ه")
_NISBA = ("يون", "يين", "يات", "يان", "يه", "ي")
_PUNCT_CATEGORIES = frozenset({"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"})
OFFSETS = (-2, -1, 1, 2)
CLUSTERS_PATH = Path(__file__).with_name("word_clusters.tsv")


@lru_cache(maxsize=1)
def load_clusters() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """``(word form → cluster ids, stem → cluster ids)`` from ``word_clusters.tsv`` (lines
    ``w|s <TAB> key <TAB> c64 <TAB> c256 <TAB> c1024``, ``#`` comments), built by
    ``khabar train-clusters``. The bundled model was trained with these features, so a
    missing file is an error, not a silent loss of accuracy."""
    if not CLUSTERS_PATH.is_file():
        raise FileNotFoundError(f"{CLUSTERS_PATH} is missing (rebuild: khabar train-clusters)")
    words: dict[str, tuple[str, ...]] = {}
    stems: dict[str, tuple[str, ...]] = {}
    tables = {"w": words, "s": stems}
    intern = sys.intern  # ~2k distinct ids shared by ~100k keys
    with open(CLUSTERS_PATH, encoding="utf-8") as handle:
        for line in handle:
            kind, _, rest = line.rstrip("\n").partition("\t")
            table = tables.get(kind)
            if table is not None:
                key, *ids = rest.split("\t")
                table[key] = tuple(map(intern, ids))
    return words, stems


def _cluster_features(norm: str, stem: str) -> tuple[list[str], list[str]]:
    """Own cluster features and the ones lent to the ±1 neighbours."""
    words, stems = load_clusters()
    own: list[str] = []
    lent: list[str] = []
    for prefix, ids in (("cw", words.get(norm)), ("cs", stems.get(stem))):
        if ids is None:
            own.append(prefix + "=unk")
            continue
        own.extend(f"{prefix}{level}={cid}" for level, cid in enumerate(ids))
        lent.extend(f"{prefix}{level}={ids[level]}" for level in (1, 2))
    return own, lent


def strip_proclitics(norm: str) -> tuple[str, str]:
    """``(proclitics, stem)`` of a normalized word: ``والولايات`` → ``("وال", "ولايات")``."""
    pre = ""
    stem = norm
    if len(stem) > 3 and stem[0] in _CONJ:
        pre, stem = stem[0], stem[1:]
    if len(stem) > 4 and stem.startswith("لل"):
        return pre + "لل", stem[2:]
    if len(stem) > 3 and stem[0] in _PREP:
        pre, stem = pre + stem[0], stem[1:]
    if len(stem) > 3 and stem.startswith("ال"):
        pre, stem = pre + "ال", stem[2:]
    return pre, stem


def word_shape(word: str) -> str:
    """``ar`` | ``lat`` | ``LAT`` (Latin with a capital) | ``dig`` | ``num`` (digits with
    separators) | ``punct`` | ``mix``."""
    if word.isdigit():
        return "dig"
    arabic = latin = digit = punct = upper = 0
    for ch in word:
        if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufefc":
            if ch.isdigit():
                digit += 1
            elif ch.isalpha() or unicodedata.category(ch) == "Mn":
                arabic += 1
            else:  # ، ؛ ؟ ٪ ...
                punct += 1
        elif ch.isdigit():
            digit += 1
        elif ch.isalpha():
            latin += 1
            upper += ch.isupper()
        elif unicodedata.category(ch) in _PUNCT_CATEGORIES:
            punct += 1
    n = len(word)
    if arabic == n:
        return "ar"
    if latin == n:
        return "LAT" if upper else "lat"
    if digit + punct == n:
        return "num" if digit else "punct"
    return "mix"


def _length_bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "45" if n <= 5 else "6+"


def _word_parts(word: str) -> tuple[list[str], list[str], list[str], str, str]:
    """Own features, the core features lent to neighbours, the clusters lent to the ±1
    neighbours, the stem and the shape of one word form."""
    norm = normalize_word(word) or word
    shape = word_shape(norm)
    feats = ["w=" + norm, "sh=" + shape]
    if shape == "ar":
        pre, stem = strip_proclitics(norm)
        feats.append("pre=" + pre)
        if stem != norm:
            feats.append("st=" + stem)
        feats.append("len=" + _length_bucket(len(stem)))
        for k in (1, 2, 3):
            if len(stem) > k:
                feats.append(f"p{k}={stem[:k]}")
                feats.append(f"s{k}={stem[-k:]}")
        for ending in _NISBA:
            if len(stem) > len(ending) + 2 and stem.endswith(ending):
                feats.append("nisba=" + ending)
                break
        for ending in _ENCLITICS:
            if len(stem) > len(ending) + 2 and stem.endswith(ending):
                feats.append("encl=" + ending)
                break
        title, org_head = word_flags(word)
        if title:
            feats.append("title")
        if org_head:
            feats.append("orghead")
        nb_core = ["w=" + norm, "st=" + stem, "pre=" + pre]
        if title:
            nb_core.append("title")
        if org_head:
            nb_core.append("orghead")
    else:
        stem = norm
        if shape in ("lat", "LAT", "mix"):
            lower = norm.lower()
            feats.append("wl=" + lower)
            if len(lower) > 3:
                feats.append("s3=" + lower[-3:])
        nb_core = ["w=" + norm]
    # Word clusters replace the character 3/4-grams of the stem (which they beat on DEV:
    # +1.9 micro / +9 PERSON F1 on fold 4, mean +1.9 / +6.2 on folds 0, 1, 2, 4).
    clusters, lent = _cluster_features(norm, stem)
    feats.extend(clusters)
    return feats, nb_core, lent, stem, shape


def word_features(word: str) -> tuple[str, ...]:
    """A word form's own features, without what it lends its neighbours: what the BiLSTM-CRF
    reads (``word_info(word)[0]``, built faster)."""
    return tuple(_word_parts(word)[0])


def word_info(word: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]], str]:
    """Own features, neighbour features keyed by offset (what this word lends the token at
    ``-offset`` from it), and the proclitic-stripped stem of one word form."""
    feats, nb_core, lent, stem, shape = _word_parts(word)
    nb_near = nb_core[:1] + lent + nb_core[1:]
    neighbours = {
        off: tuple(f"{off:+d}{feat}" for feat in (nb_near if abs(off) == 1 else nb_core[:1]))
        for off in OFFSETS
    }
    neighbours[-1] += (f"-1sh={shape}",)
    neighbours[1] += (f"+1sh={shape}",)
    return tuple(feats), neighbours, stem


_word_info = lru_cache(maxsize=30_000)(word_info)


def sentence_features(
    words: list[str], gazetteer_labels: list[str] | None = None
) -> list[list[str]]:
    """crfsuite string features for each token of one sentence (or token run)."""
    n = len(words)
    infos = [_word_info(word) for word in words]
    stems = [info[2] for info in infos]
    out: list[list[str]] = []
    for i, (own, _nb, stem) in enumerate(infos):
        feats = ["b", *own]
        for off in OFFSETS:
            j = i + off
            if 0 <= j < n:
                feats.extend(infos[j][1][off])
            elif off in (-1, 1):
                feats.append("BOS" if off < 0 else "EOS")
        if i > 0:
            feats.append(f"st-1|st={stems[i - 1]}|{stem}")
        if i + 1 < n:
            feats.append(f"st|st+1={stem}|{stems[i + 1]}")
        if gazetteer_labels is not None:
            label = gazetteer_labels[i]
            if label != "O":
                feats.append("g=" + label)
            if i > 0 and gazetteer_labels[i - 1] != "O":
                feats.append("g-1=" + gazetteer_labels[i - 1])
            if i + 1 < n and gazetteer_labels[i + 1] != "O":
                feats.append("g+1=" + gazetteer_labels[i + 1])
        out.append(feats)
    return out
