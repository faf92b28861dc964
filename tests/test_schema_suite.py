"""The official JSON-Schema-Test-Suite (draft 2020-12, the required tests) against the
validator `rutin check` uses to decide valid or not: `rutin.schemas.core_validator`.

The suite comes from the sdist of the pinned jsonschema (`make test` unpacks it into
.venv/share/json-schema-test-suite/, see the Makefile). Its remote references
(http://localhost:1234/…) are served from the suite's own `remotes/` folder through the
same registry mechanism our schema files use; nothing is fetched. The `optional/` tests
(formats as assertions, bignums, ECMA regex corner cases) are not required by the
standard and are not run.

Missing suite: a failure under CI=true, otherwise a skip that says how to get it.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest

from rutin.check.schemas import SCHEMA_BASE_URI, core_registry, core_validator

SUITE = Path(sys.prefix) / "share" / "json-schema-test-suite"
TESTS = SUITE / "tests" / "draft2020-12"
REMOTES = SUITE / "remotes"
REMOTE_BASE = "http://localhost:1234/"  # where the suite's tests expect remotes/ to be
MISSING = (f"JSON-Schema-Test-Suite saknas i {SUITE}; "
           "`make test` eller `make test-fast` hämtar den")


def _files() -> list[Path]:
    return sorted(TESTS.glob("*.json")) if TESTS.is_dir() else []


@cache
def _groups(name: str) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = json.loads((TESTS / name).read_text(encoding="utf-8"))
    return groups


def _cases() -> list[Any]:
    cases = []
    for path in _files():
        for g, group in enumerate(_groups(path.name)):
            for t, test in enumerate(group["tests"]):
                cases.append(pytest.param(
                    path.name, g, t,
                    id=f"{path.stem}: {group['description']}: {test['description']}"))
    return cases


CASES = _cases()


@cache
def _registry() -> jsonschema_rs.Registry:
    return core_registry({
        REMOTE_BASE + path.relative_to(REMOTES).as_posix():
            json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(REMOTES.rglob("*.json"))
    })


@cache
def _validator(name: str, group: int) -> jsonschema_rs.Validator:
    schema = _groups(name)[group]["schema"]
    return core_validator(schema, _registry(), SCHEMA_BASE_URI + "suite.schema.json")


def test_suite_is_installed() -> None:
    if not CASES:
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING)
        pytest.skip(reason=MISSING)
    # Every keyword of draft 2020-12 has its file; a partial unpack would pass unnoticed.
    assert len(_files()) >= 46
    assert len(CASES) >= 1200


@pytest.mark.skipif(not CASES, reason=MISSING)
@pytest.mark.parametrize(("name", "group", "test"), CASES or [("", 0, 0)])
def test_official_suite(name: str, group: int, test: int) -> None:
    """Every required test: no refusal of the schema, no exception, the expected answer."""
    case = _groups(name)[group]["tests"][test]
    assert _validator(name, group).is_valid(case["data"]) is case["valid"]
