"""The validation benchmark runs end to end on a few files (targets need the full 2,000),
and the benchmarks run from tools/bench (`make bench`), not from the installed `rutin`."""

from __future__ import annotations

import importlib.util

import pytest

from rutin.cli import main as rutin_main
from tools.bench import BenchOptions, benchmarks
from tools.bench.__main__ import main


def test_validation_benchmark_is_registered() -> None:
    assert "validering" in benchmarks()


def test_validation_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    benchmarks()["validering"].run(BenchOptions(files=10))
    out = capsys.readouterr().out
    for label in ("yaml.load med CSafeLoader", "rutin check (i processen)",
                  "rutin check (som program)", "check-jsonschema (som program)",
                  "check-jsonschema / rutin check", "rutin check / bara tolkning"):
        assert label in out


def test_list_names_every_benchmark(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list"]) == 0
    out = capsys.readouterr().out
    assert "validering:" in out and "site:" in out


def test_unknown_benchmark_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["finns-inte"]) == 2
    assert "okänd mätning" in capsys.readouterr().err


def test_the_product_does_not_ship_the_benchmarks(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        rutin_main(["bench"])
    assert exit_.value.code == 2
    assert "invalid choice: 'bench'" in capsys.readouterr().err
    assert importlib.util.find_spec("rutin.bench") is None


def test_hostile_pages_benchmark_runs(capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end on small pages (the targets need the size limit)."""
    from rutin.check import docs_check
    from tools.bench import hostile

    monkeypatch.setattr(docs_check, "MAX_PAGE_BYTES", 3000)
    assert "fientlig" in benchmarks()
    hostile.run(BenchOptions())
    out = capsys.readouterr().out
    assert "ren sida" in out
    assert out.count("/ ren sida") == len(hostile.hostile_pages(3000))
