"""Readers for the Arabic NER corpora we learn from and evaluate on, and the class mapping.

Corpora (read in place from ``<data-dir>``, never copied into the project; CC BY-SA 3.0):

- ``fane/NewsFANE_Gold_2014_170K.txt.gz`` and ``fane/WikiFANE_Gold_2014_500K.txt.gz``
  (Alotaibi & Lee, COLING 2014): ``token<TAB>BIO-fine-tag`` lines, UTF-8 with a BOM, CRLF line
  ends, every token prefixed with U+200E. Sentences are separated by a line holding only a
  TAB (empty token, empty tag); should a file lack them, a sentence is ended after
  sentence-final punctuation instead.
- ``aqmar/aqmar_dev.txt`` (Mohit et al., EACL 2012): ``token TAG`` lines, blank lines between
  sentences, ``# doc:`` lines between documents; tags PER / ORG / LOC / MIS* (MIS0..MIS3,
  "MIS-1", ...), plus a stray ``B-SPANISH``.

Tokenization. The FANE files were partly clitic-segmented by some tool (``و الغيلان``,
``حارة نا`` = حارتنا, ``ل يغاسي``) while our tokenizer (``transforms.tokens``) and real news text
keep clitics attached. ``read_fane(..., reattach=True)`` (the default) therefore glues the
split clitics back so that training data look like what the tagger sees at run time:

- a stand-alone proclitic ``و ف ب ل`` is prefixed to the following Arabic word of two or
  more letters (``ل`` + ``ال…`` gives ``لل…``), right to left so ``و ب X`` gives ``وبX``;
  ``ك`` is left alone (as often a split-off pronoun as a preposition);
- a stand-alone enclitic pronoun ``ه ها هم هما هن كم كما كن نا ي`` is appended to the preceding
  Arabic word of two or more letters or proclitic (final ``ة`` becomes ``ت``: ``حارة نا`` →
  ``حارتنا``; ``ب ه`` → ``به``); single letters of abbreviations (``د ب ا``) are left alone.

The merged token takes the tag of its first part unless that part is ``O``, in which case it
takes the tag of the other part; entity boundaries in tokens are otherwise unchanged.

Class mapping (our types: PERSON / ORG / LOC / MISC; decided by looking at real examples, see
``FANE_FINE_TO_COARSE``):

- PERSON ← all person classes (Politician, Athlete, Artist, Other_PER, Religious_PER,
  Scientist, Businessperson, Lawyer, Engineer, Police).
- ``Group`` is **not** PERSON. In FANE (as in ACE) it marks nationalities, religions and
  peoples used as nouns: العرب, المسلمين, الاسرائيليين, الاكراد, الشيعة, الرومان — never the
  name of a person. We map it to MISC (the CoNLL convention for nationalities), so the
  tagger does not learn to call "الفلسطينيين" a person.
- ORG ← all organization classes (Government, Non-Governmental, Commercial, Media, Sports,
  Educational, Religious_ORG, Entertainment, Medical-Science).
- LOC ← GPE (Nation, Population-Center, State-or-Province, County-or-District, GPE-Cluster,
  Continent) + natural LOC (Water-Body, Land-Region-Natural) + the *named* facilities:
  Building-Grounds (البيت الابيض, الكرملين, المسجد الاقصى), Airport (مطار دمشق الدولي), Path
  (قناة السويس, مضيق هرمز, شارع السعدون) and Plant (مصفاة الجيلي).
- O ← Subarea-Facility (mostly common nouns: المئذنة, الحمامات, المسبح), Celestial (mostly
  الارض / الشمس / القمر, common nouns in news), weapons (الرمح, القنبلة النيوترونية,
  المدافع: generic), Food and Drug (المنسف, الايبوبروفين: generic).
- MISC ← Group + named works and products: Book, Movie, Sound, Software, Hardware and
  vehicles (Air, Land, Water: بوينغ 737, كوين ماري 2, نيسان اورفان).

``read_aqmar`` maps PER→PERSON, ORG→ORG, LOC→LOC and every MIS* to MISC. AQMAR's MIS is a
much wider class than ours (events, languages, sciences, ...), so comparisons on AQMAR are
made on PERSON / ORG / LOC only.

Held-out split of NewsFANE (fixed, reproducible): the file has no document markers, so
sentences are grouped, in file order, into blocks of ``BLOCK_SIZE`` = 50 consecutive
sentences (block ``b`` = sentences ``50*b .. 50*b+49``); blocks with ``b % 10 == 9`` are the
held-out TEST set (~10%), blocks with ``b % 10 == 4`` are the DEV set used for
hyper-parameter / feature choices, the rest are TRAIN. The final model is trained on
TRAIN + DEV ("train" split) and evaluated once on TEST ("heldout"). The tagger decodes an
article as one document (``transforms.entities.consistency``); in evaluation the documents
are the 50-sentence blocks of NewsFANE (``newsfane_documents``) and the ``# doc:`` articles
of AQMAR (``aqmar_dev_documents``).
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

Sentence = list[tuple[str, str]]

ENTITY_TYPES = ("PERSON", "ORG", "LOC", "MISC")
CORE_TYPES = ("PERSON", "ORG", "LOC")

NEWSFANE = "fane/NewsFANE_Gold_2014_170K.txt.gz"
WIKIFANE = "fane/WikiFANE_Gold_2014_500K.txt.gz"
AQMAR_DEV = "aqmar/aqmar_dev.txt"

BLOCK_SIZE = 50
N_FOLDS = 10
HELDOUT_FOLD = 9
DEV_FOLD = 4

_PERSON = (
    "Politician Athlete Artist Other_PER Religious_PER Scientist Businessperson Lawyer "
    "Engineer Police"
)
_ORG = (
    "Government Non-Governmental Commercial Media Sports Educational Religious_ORG "
    "Entertainment Medical-Science"
)
_LOC = (
    "Nation Population-Center State-or-Province County-or-District GPE-Cluster Continent "
    "Water-Body Land-Region-Natural Building-Grounds Airport Path Plant"
)
_MISC = "Group Book Movie Sound Software Hardware Air Land Water"
_O = (
    "Subarea-Facility Celestial Projectile Shooting Blunt Exploding Nuclear Sharp Chemical "
    "Food Drug"
)

#: FANE fine class → our coarse type ("O" = not an entity for us).
FANE_FINE_TO_COARSE: dict[str, str] = {
    **{c: "PERSON" for c in _PERSON.split()},
    **{c: "ORG" for c in _ORG.split()},
    **{c: "LOC" for c in _LOC.split()},
    **{c: "MISC" for c in _MISC.split()},
    **{c: "O" for c in _O.split()},
}

AQMAR_TO_COARSE = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}

_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\ufeff\u202a\u202b\u202c\u202d\u202e"))
_SENTENCE_FINAL = frozenset({".", "؟", "?", "!"})
_PROCLITICS = frozenset({"و", "ف", "ب", "ل"})
_ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ي"})


def map_fane_tag(tag: str) -> str:
    """``B-Politician`` → ``B-PERSON``; unknown or unmapped classes → ``O``."""
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    coarse = FANE_FINE_TO_COARSE.get(tag[2:], "O")
    return "O" if coarse == "O" else f"{tag[0]}-{coarse}"


def map_aqmar_tag(tag: str) -> str:
    """``B-PER`` → ``B-PERSON``; ``I-MIS2`` → ``I-MISC``; anything else → ``O``."""
    if len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    cls = tag[2:]
    if cls in AQMAR_TO_COARSE:
        return f"{tag[0]}-{AQMAR_TO_COARSE[cls]}"
    if cls.startswith("MIS"):
        return f"{tag[0]}-MISC"
    return "O"


def _is_arabic_word(token: str) -> bool:
    return bool(token) and "\u0621" <= token[0] <= "\u064a"


def _merged_tag(first: str, second: str) -> str:
    return first if first != "O" else second


def reattach_clitics(sentence: Sentence) -> Sentence:
    """Glue FANE's split-off clitics back onto their words (see module docstring)."""
    out: Sentence = []
    # Enclitics: left to right, onto the previous Arabic word of 2+ letters.
    for word, tag in sentence:
        if (
            word in _ENCLITICS
            and out
            and _is_arabic_word(out[-1][0])
            and (len(out[-1][0]) >= 2 or out[-1][0] in _PROCLITICS)
        ):
            prev_word, prev_tag = out[-1]
            if prev_word.endswith("ة"):
                prev_word = prev_word[:-1] + "ت"
            out[-1] = (prev_word + word, _merged_tag(prev_tag, tag))
        else:
            out.append((word, tag))
    # Proclitics: right to left, onto the following Arabic word of 2+ letters.
    merged: Sentence = []
    for word, tag in reversed(out):
        if (
            word in _PROCLITICS
            and merged
            and _is_arabic_word(merged[-1][0])
            and len(merged[-1][0]) >= 2
        ):
            next_word, next_tag = merged[-1]
            if word == "ل" and next_word.startswith("ال") and len(next_word) > 3:
                next_word = next_word[1:]  # ل + الشام → للشام
            merged[-1] = (word + next_word, _merged_tag(tag, next_tag))
        else:
            merged.append((word, tag))
    merged.reverse()
    return merged


def _open_text(path: str | os.PathLike[str]) -> io.TextIOBase:
    path = Path(path)
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115
    # utf-8-sig drops the BOM; newline=None folds CRLF into "\n".
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline=None)


def read_fane(
    path: str | os.PathLike[str], *, reattach: bool = True, fine: bool = False
) -> Iterator[Sentence]:
    """Sentences of ``(token, BIO tag)`` from a FANE file, tags mapped to our coarse types
    (or kept fine-grained with ``fine=True``); U+200E and other bidi marks are stripped.

    Sentences end at separator lines (a lone TAB); a file without any separator line is
    split after sentence-final punctuation (. ؟ ? !) instead."""
    with _open_text(path) as handle:
        rows = []
        for line in handle:
            word, _, tag = line.rstrip("\n").translate(_INVISIBLE).partition("\t")
            rows.append((word.strip(), tag.strip()))
    has_separators = any(not word for word, _ in rows)
    sentence: Sentence = []
    for word, tag in rows:
        if word:
            sentence.append((word, tag if fine else map_fane_tag(tag)))
        end = not word if has_separators else word in _SENTENCE_FINAL
        if end and sentence:
            yield reattach_clitics(sentence) if reattach else sentence
            sentence = []
    if sentence:
        yield reattach_clitics(sentence) if reattach else sentence


def read_aqmar_documents(path: str | os.PathLike[str]) -> Iterator[list[Sentence]]:
    """AQMAR's documents (the ``# doc:`` sections, each one Wikipedia article) as lists of
    sentences of ``(token, BIO tag)``, tags mapped to our coarse types."""
    with _open_text(path) as handle:
        document: list[Sentence] = []
        sentence: Sentence = []
        for line in handle:
            line = line.rstrip("\n").translate(_INVISIBLE).strip()
            if not line or line.startswith("# doc:"):
                if sentence:
                    document.append(sentence)
                    sentence = []
                if line.startswith("# doc:") and document:
                    yield document
                    document = []
                continue
            parts = line.split()
            if len(parts) < 2:
                continue
            sentence.append((parts[0], map_aqmar_tag(parts[-1])))
        if sentence:
            document.append(sentence)
        if document:
            yield document


def read_aqmar(path: str | os.PathLike[str]) -> Iterator[Sentence]:
    """Sentences of ``(token, BIO tag)`` from AQMAR, tags mapped to our coarse types."""
    for document in read_aqmar_documents(path):
        yield from document


def fold_of(index: int) -> int:
    """Fold (0..9) of the sentence at position ``index`` in NewsFANE file order."""
    return (index // BLOCK_SIZE) % N_FOLDS


def _in_part(fold: int, part: str) -> bool:
    if part == "heldout":
        return fold == HELDOUT_FOLD
    if part == "dev":
        return fold == DEV_FOLD
    if part == "train":
        return fold != HELDOUT_FOLD
    if part == "train-dev":
        return fold not in (HELDOUT_FOLD, DEV_FOLD)
    raise ValueError(f"unknown part {part!r}")


def split_newsfane(
    sentences: Iterable[Sentence], part: str
) -> Iterator[Sentence]:
    """The fixed document-order split: ``part`` is ``"train"`` (TRAIN + DEV), ``"train-dev"``
    (TRAIN without DEV, for tuning), ``"dev"``, or ``"heldout"`` (TEST)."""
    for block in split_newsfane_blocks(sentences, part):
        yield from block


def split_newsfane_blocks(
    sentences: Iterable[Sentence], part: str
) -> Iterator[list[Sentence]]:
    """``split_newsfane`` by block: the lists of consecutive sentences (``BLOCK_SIZE`` each)
    the split is made of. NewsFANE marks no articles, so a block stands for one when a tagger
    decodes by document; a block holds a few short articles or part of a long one."""
    block: list[Sentence] = []
    current = -1
    for i, sentence in enumerate(sentences):
        number = i // BLOCK_SIZE
        if number != current:
            if block:
                yield block
            block, current = [], number
            keep = _in_part(fold_of(i), part)
        if keep:
            block.append(sentence)
    if block:
        yield block


def newsfane(data_dir: str | os.PathLike[str], part: str) -> list[Sentence]:
    return list(split_newsfane(read_fane(Path(data_dir) / NEWSFANE), part))


def newsfane_documents(data_dir: str | os.PathLike[str], part: str) -> list[list[Sentence]]:
    """``newsfane`` as blocks, the documents of document-level decoding."""
    return list(split_newsfane_blocks(read_fane(Path(data_dir) / NEWSFANE), part))


def wikifane(data_dir: str | os.PathLike[str]) -> list[Sentence]:
    return list(read_fane(Path(data_dir) / WIKIFANE))


def aqmar_dev(data_dir: str | os.PathLike[str]) -> list[Sentence]:
    return list(read_aqmar(Path(data_dir) / AQMAR_DEV))


def aqmar_dev_documents(data_dir: str | os.PathLike[str]) -> list[list[Sentence]]:
    return list(read_aqmar_documents(Path(data_dir) / AQMAR_DEV))
