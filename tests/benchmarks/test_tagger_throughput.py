"""The tagger benchmark's own check: our batch CRF decoder against pycrfsuite's tagger, on a
tiny corpus the test writes (the seed articles as JSON Lines). The check compared the
pipeline's labels — after the rules that follow the decoder — with pycrfsuite's raw BIOES
labels, so it said ``false`` once those existed; it must say ``true`` for the bundled CRF."""

import gzip
import json
import runpy
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "tagger_throughput.py"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "seeds.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for seed in sorted(SEEDS.glob("*.txt")):
            handle.write(json.dumps({"text": seed.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    return path


def _run(corpus: Path, *args: str, capsys) -> dict:
    argv = [str(SCRIPT), "--corpus", str(corpus), "--limit", "5", *args]
    old = sys.argv
    sys.argv = argv
    try:
        with pytest.raises(SystemExit) as exit_info:
            runpy.run_path(str(SCRIPT), run_name="__main__")
    finally:
        sys.argv = old
    assert exit_info.value.code == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("model", "expected_check"),
    [
        ("transforms/entities/ner.crfsuite", True),  # one CRF: checked against pycrfsuite
        ("transforms/entities/ner_bilstm.npz", None),  # nothing to check against
    ],
)
def test_benchmark_checks_the_crf_decoder(corpus, capsys, model, expected_check):
    result = _run(corpus, "--model", str(ROOT / model), capsys=capsys)
    assert result["articles"] == 5
    assert result["words"] > 1000 and result["entities"] > 50
    assert result["labels_equal_pycrfsuite"] is expected_check
