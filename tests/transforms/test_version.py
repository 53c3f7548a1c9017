"""The transforms fingerprint changes with every file that changes what the transforms do."""

import pytest

from transforms.version import fingerprint


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("rules.py", True),
        ("entities/gazetteer.tsv", True),
        ("entities/ner.crfsuite", True),
        ("entities/ner_bilstm.npz", True),
        ("entities/NOTICE-ner-model.md", False),  # documentation
        ("__pycache__/rules.cpython-311.pyc", False),
    ],
)
def test_what_the_fingerprint_covers(tmp_path, name, counts):
    (tmp_path / "entities").mkdir()
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("one", encoding="utf-8")
    before = fingerprint(tmp_path)
    path.write_text("two", encoding="utf-8")
    assert (fingerprint(tmp_path) != before) is counts
