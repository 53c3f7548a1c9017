"""Which transform code and resources made a row: a fingerprint of this package.

Why: the change key of an article is its text hash, so an unchanged article was never
transformed again — even after a better NER model, new cue words or a fixed rule. Every
article row now records the fingerprint of the code that made it (``articles.pipeline_version``),
and a run re-transforms the input articles whose rows another version made.

The fingerprint is a hash of every ``.py``, ``.tsv``, ``.npz`` and ``.crfsuite`` file of the ``transforms``
package (the bundled model and lexicons included), read once at import: any change to what
the transforms do changes it; formatting of other packages (flows, sql, docs) does not.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = frozenset({".py", ".tsv", ".npz", ".crfsuite"})


def fingerprint(root: Path = _PACKAGE) -> str:
    """16 hex digits over the relative paths and contents of the package's code and resources."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in _SUFFIXES and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


PIPELINE_VERSION = fingerprint()


def pipeline_version() -> str:
    """What made a row: the fingerprint, plus the NER mode when it is not the default
    (``KHABAR_NER=ensemble`` tags differently from the same files)."""
    from transforms.entities.tagger import DEFAULT_NER_MODE, ner_mode

    mode = ner_mode()
    return PIPELINE_VERSION if mode == DEFAULT_NER_MODE else f"{PIPELINE_VERSION}+{mode}"
