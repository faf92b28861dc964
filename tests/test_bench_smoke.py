"""The validation benchmark runs end to end on a few files (targets need the full 2,000)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rutin.bench import BenchOptions, benchmarks
from rutin.bench._generate import generate
from rutin.cli import main
from rutin.validate import check


def test_generated_content_is_valid(tmp_path: Path) -> None:
    folder = tmp_path / "benchmark"
    generate(folder, 5)
    assert check(folder, [folder]).problems == []


def test_validation_benchmark_is_registered() -> None:
    assert "validering" in benchmarks()


def test_validation_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    benchmarks()["validering"].run(BenchOptions(files=10))
    out = capsys.readouterr().out
    for label in ("yaml.load med CSafeLoader", "rutin check (i processen)",
                  "check-jsonschema (som program)", "check-jsonschema / rutin check",
                  "rutin check / bara tolkning"):
        assert label in out


def test_unknown_benchmark_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "finns-inte"]) == 2
    assert "okänd mätning" in capsys.readouterr().err
