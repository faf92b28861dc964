"""Guarded publishing: `rutin build --publish` / `make publish` (docs/drift.md).

A build for publishing refuses an address that would make every QR code and printed
footer point nowhere (missing, local, not absolute, plain http unless allowed), with
exit code 2 and nothing built. With a real https address, every checklist and decision
page carries it in its print footer and QR code (one real build, marked slow).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from rutin import cli
from rutin.adapters.mkdocs_material.build import configured_site_url
from rutin.site import output_dir, site_paths
from rutin.site.publish import SITE_URL_ENV, site_url_problem
from support.printing import decode_qr, page_src, qr_modules, read_footer
from support.project import ROOT, content_routines, run_build

MKDOCS_YML = ROOT / "mkdocs.yml"
PUBLIC_URL = "https://rutiner.example.se/"

# --------------------------------------------------------------------------- the guard

# (address, allow_http, a word the refusal must contain; None: accepted)
CASES: list[tuple[str | None, bool, str | None]] = [
    (None, False, "inte satt"),
    ("", False, "inte satt"),
    ("   ", False, "inte satt"),
    ("http://127.0.0.1:8000/", False, "den här datorn"),  # mkdocs.yml's default
    ("http://127.0.0.1:8000/", True, "den här datorn"),  # allowing http allows no host
    ("https://127.0.0.1/", False, "den här datorn"),
    ("https://127.1.2.3/", False, "den här datorn"),
    ("https://127.1/", False, "den här datorn"),  # browser shorthand for 127.0.0.1
    ("https://2130706433/", False, "den här datorn"),  # 127.0.0.1 as one number
    ("https://localhost/", False, "den här datorn"),
    ("https://LOCALHOST:8443/rutiner/", False, "den här datorn"),
    ("https://localhost./", False, "den här datorn"),
    ("https://rutiner.localhost/", False, "den här datorn"),
    ("https://[::1]/", False, "den här datorn"),
    ("https://[::ffff:127.0.0.1]/", False, "den här datorn"),
    ("https://0.0.0.0/", False, "den här datorn"),
    ("https://[::]/", False, "den här datorn"),
    ("https://169.254.1.1/", False, "den här datorn"),
    ("https://rutiner/", False, "kort servernamn"),
    ("http://intranat/", True, "kort servernamn"),
    ("https://999.1.1.1/", False, "ingen giltig"),
    ("https://rutiner.example.se:http/", False, "ingen giltig"),
    ("rutiner.regionhalland.se", False, "fullständig"),
    ("/rutiner/", False, "fullständig"),
    ("site/", False, "fullständig"),
    ("ftp://rutiner.regionhalland.se/", False, "fullständig"),
    ("file:///srv/rutiner/site/", False, "fullständig"),
    ("https://", False, "fullständig"),
    ("https://rutiner.example.se/?a=1", False, "? eller #"),
    ("https://rutiner.example.se/#top", False, "? eller #"),
    ("https://rutiner.example.se /", False, "mellanslag"),
    ("http://example.org/", False, "--allow-http"),
    ("HTTP://example.org/", False, "--allow-http"),
    ("http://example.org/", True, None),
    ("https://rutiner.regionhalland.se/", False, None),
    ("https://rutiner.regionhalland.se", False, None),
    ("https://intranat.regionhalland.se/rutiner/platform24/", False, None),
    ("https://rutiner.example.se:8443/", False, None),
    ("https://10.1.2.3/", False, None),  # an intranet server's address is reachable
]


@pytest.mark.parametrize(("url", "allow_http", "expected"), CASES)
def test_site_url_guard(url: str | None, allow_http: bool, expected: str | None) -> None:
    problem = site_url_problem(url, allow_http=allow_http)
    if expected is None:
        assert problem is None, problem
    else:
        assert problem is not None, f"{url!r} was accepted"
        assert expected in problem, problem
        assert SITE_URL_ENV in problem, problem


@pytest.mark.parametrize(
    "url",
    [
        "https://anna:hemligt@rutiner.example.se/",
        "https://anna:hemligt@rutiner.example.se:x/",  # refused as invalid first
        "https://anna:hemligt@localhost/",
        "ftp://anna:hemligt@rutiner.example.se/",
    ],
)
def test_the_refusal_never_repeats_a_password(url: str) -> None:
    problem = site_url_problem(url, allow_http=True)
    assert problem is not None and SITE_URL_ENV in problem
    assert "hemligt" not in problem, problem


def test_configured_site_url_is_what_mkdocs_resolves(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SITE_URL_ENV, raising=False)
    assert configured_site_url(MKDOCS_YML) == "http://127.0.0.1:8000/"  # refused above
    monkeypatch.setenv(SITE_URL_ENV, "")
    assert configured_site_url(MKDOCS_YML) is None
    monkeypatch.setenv(SITE_URL_ENV, PUBLIC_URL)
    assert configured_site_url(MKDOCS_YML) == PUBLIC_URL


# --------------------------------------------------------------------------- the command


def _previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    return site


@pytest.mark.parametrize(
    ("env", "extra"),
    [
        (None, ()),
        ("", ()),
        ("http://127.0.0.1:8000/", ()),
        ("http://localhost:8000/", ("--allow-http",)),
        ("https://[::1]/", ("--offline",)),  # the offline variant prints the address too
        ("http://rutiner.example.se/", ()),
        ("rutiner.example.se", ()),
    ],
)
def test_publish_build_refuses_and_leaves_the_site_untouched(
    env: str | None,
    extra: tuple[str, ...],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if env is None:
        monkeypatch.delenv(SITE_URL_ENV, raising=False)
    else:
        monkeypatch.setenv(SITE_URL_ENV, env)
    site = _previous_site(tmp_path)

    code = cli.main(["build", "--publish", *extra, "--site-dir", str(site)])

    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert SITE_URL_ENV in err and "Traceback" not in err
    assert "byggdes inte" in err
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "build folders were made"


def test_allow_http_needs_publish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _previous_site(tmp_path)
    assert cli.main(["build", "--allow-http", "--site-dir", str(site)]) == 2
    assert "--publish" in capsys.readouterr().err
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("args", "command"),
    [
        ((), "rutin build --publish\n"),
        (("ALLOW_HTTP=1",), "rutin build --publish --allow-http\n"),
        (("ALLOW_HTTP=0",), "rutin build --publish\n"),
    ],
)
def test_make_publish_builds_with_the_guard_then_the_pdfs(
    args: tuple[str, ...], command: str
) -> None:
    result = subprocess.run(
        ["make", "-n", "publish", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert command in result.stdout
    assert result.stdout.index(command) < result.stdout.index("rutin pdf")


# --------------------------------------------------------------------------- a real build


@pytest.mark.slow
def test_published_footers_and_qr_codes_carry_the_https_address(tmp_path: Path) -> None:
    site = _previous_site(tmp_path)
    output_dir.mark(site)  # as every build marks its folder: the next build may replace it
    result = run_build(site, "--publish", env={SITE_URL_ENV: PUBLIC_URL})
    assert result.returncode == 0, result.stderr + result.stdout
    assert PUBLIC_URL in result.stdout  # the build names the address it used

    pages = 0
    for routine in content_routines():
        for item in (*routine.checklists, *routine.decisions):
            footer = read_footer(site, routine.id, item)
            url = site_paths.absolute_url(PUBLIC_URL, page_src(routine.id, item))
            assert url.startswith(PUBLIC_URL)
            assert footer.url.strip() == url, f"{item.id}: footer shows {footer.url!r}"
            assert footer.canonical == url, f"{item.id}: canonical {footer.canonical!r}"
            assert footer.path_d, f"{item.id}: no QR code in the print footer"
            assert decode_qr(qr_modules(footer.path_d)) == [url], f"{item.id}: QR ≠ {url}"
            pages += 1
    assert pages, "no checklist or decision page was checked"


def test_publishing_refuses_a_placeholder_of_rutin_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """A file from `rutin new` is valid while it is written (its placeholders are
    warnings); `--publish` builds nothing while one is left, and says where."""
    from rutin.check.content import CONTENT_ROOT_ENV
    from rutin.rules.scaffold_text import placeholders

    content = tmp_path / "checklists"
    for routine in content_routines():
        shutil.copytree(routine.file.parent, content / routine.file.parent.name)
    routine_id = content_routines()[0].id
    assert cli.main(["new", "scenario", f"{routine_id}/nytt-prov", "--root",
                     str(content)]) == 0
    created = next(content.rglob("nytt-prov.yaml"))
    monkeypatch.setenv(CONTENT_ROOT_ENV, str(content))
    monkeypatch.setenv(SITE_URL_ENV, PUBLIC_URL)
    site = tmp_path / "site"
    capsys.readouterr()
    code = cli.main(["build", "--publish", "--site-dir", str(site)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    said = [line for line in err.splitlines() if line.endswith("(scaffold-text)")]
    assert said and all(line.startswith(f"{created}:") for line in said), err
    assert {line.split("”")[1] for line in said} <= placeholders()
    assert "byggdes inte" in err and "Traceback" not in err
    assert not site.exists()
