"""The editor's preview (`make serve`): a saved change shows in the page, and a mistake
shows its Swedish message in the page being previewed – over the last content without
errors – instead of stopping the preview. Fixed, the page is clean again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rutin.content import CONTENT_ROOT_ENV, content_root
from rutin.site_paths import PROJECT_DIR
from tools.bench.preview import _fetch, _free_port, _wait_for

pytestmark = pytest.mark.slow

CHECKLIST = "platform24/avsluta-arbetspass"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    content = tmp_path / "checklists"
    shutil.copytree(content_root(PROJECT_DIR), content)
    port = _free_port()
    env = {**os.environ, CONTENT_ROOT_ENV: str(content), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("mkdocs")), "serve", "--livereload", "-a",
         f"127.0.0.1:{port}"], env=env, cwd=PROJECT_DIR, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/{CHECKLIST}/"
        _wait_for(url, "rutin-checklist", timeout=120)
        yield url, content / f"{CHECKLIST}.yaml"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_mistake_shows_in_the_previewed_page(preview: tuple[str, Path]) -> None:
    url, path = preview
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("Välj logga ut från huvudmenyn.",
                                     "Välj logga ut från huvudmenyn (ny text)."), "utf-8")
    _wait_for(url, "(ny text)")
    path.write_text(original.replace('kind: "do-confirm"',
                                     'kind: "do-confirm"\nkind: "read-do"'), "utf-8")
    _wait_for(url, "rutin-build-error")
    page = _fetch(url)
    assert "Innehållet har fel" in page
    assert "nyckeln &quot;kind&quot; finns redan" in page  # the editor's message, escaped
    assert "yaml-duplicate-key" in page
    assert "(ny text)" in page  # the last content without errors is still shown
    path.write_text(original, encoding="utf-8")
    _wait_for(url, "Välj logga ut från huvudmenyn.</label>")
    assert "rutin-build-error" not in _fetch(url)


def test_the_preview_polls_every_tenth_of_a_second(tmp_path: Path) -> None:
    """MkDocs has no setting for its polling interval; the adapter sets watchdog's
    `_timeout` on the observer and its emitters. An upgrade that renames it fails here
    instead of silently doubling the editor's wait."""
    from mkdocs.livereload import LiveReloadServer

    from rutin.adapters.mkdocs_site import on_serve

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        pollers = [server.observer, *server.observer.emitters]
        assert len(pollers) == 2 and all(p._timeout == 0.5 for p in pollers)
        assert on_serve(server, None, None) is server  # type: ignore[arg-type]
        assert [p._timeout for p in pollers] == [0.1, 0.1]
    finally:
        server.server_close()
