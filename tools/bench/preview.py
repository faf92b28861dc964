"""Save-to-preview: how long an editor waits, in `make serve`, from saving a YAML file
until the previewed page shows the change (target ≤ 1 s on this routine), and until a
mistake shows its Swedish message in the page.

The real `make serve` (a dirty `mkdocs serve`) on a copy of the content
($RUTIN_CONTENT_ROOT); the page is fetched over HTTP the way the browser does after
livereload's signal. Baseline in the same run: one `rutin build` of the same content (a
whole build in a new process), so the figure reads as a ratio too.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from rutin.check.content import CONTENT_ROOT_ENV, content_root
from tools import REPO

from . import BenchOptions

NAME = "forhandsvisning"
DESCRIPTION = "Från sparad YAML-fil till uppdaterad förhandsvisning (make serve), mål ≤ 1 s."
TARGET_SECONDS = 1.0
CHECKLIST = "platform24/avsluta-arbetspass"
MARK = "Välj logga ut från huvudmenyn."
ROUNDS = 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except OSError:
        return ""


def _wait_for(url: str, needle: str, timeout: float = 30.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if needle in _fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise TimeoutError(f"{needle!r} kom inte fram på {url} inom {timeout:.0f} s")


def start_serve(content: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`make serve` – the editor's own command – on a free port, for this content."""
    port = _free_port()
    env = {**os.environ, CONTENT_ROOT_ENV: str(content)}
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"SERVE_ADDRESS=127.0.0.1:{port}"],
        env=env, cwd=REPO.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)  # its own process group: make and mkdocs stop together
    return server, port


def stop_serve(server: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    server.wait(timeout=30)


def measure(folder: Path) -> tuple[list[float], float, float]:
    """(save-to-preview seconds per round, seconds until an error shows, one rutin build)."""
    content = folder / "checklists"
    shutil.copytree(content_root(REPO), content)
    env = {**os.environ, CONTENT_ROOT_ENV: str(content), "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rutin.cli", "build", "--site-dir",
                    str(folder / "site")], env=env, cwd=REPO.folder, check=True,
                   capture_output=True)
    build = time.perf_counter() - started
    server, port = start_serve(content)
    url = f"http://127.0.0.1:{port}/{CHECKLIST}/"
    path = content / f"{CHECKLIST}.yaml"
    original = path.read_text(encoding="utf-8")
    try:
        _wait_for(url, MARK, timeout=120)
        rounds = []
        for n in range(ROUNDS):
            text = original.replace(MARK, f"{MARK} (ändring {n})")
            path.write_text(text, encoding="utf-8")
            rounds.append(_wait_for(url, f"(ändring {n})"))
        path.write_text(original.replace('kind: "do-confirm"',
                                         'kind: "do-confirm"\nkind: "read-do"'),
                        encoding="utf-8")
        error = _wait_for(url, "rutin-build-error")
    finally:
        path.write_text(original, encoding="utf-8")
        stop_serve(server)
    return rounds, error, build


def run(options: BenchOptions) -> bool:
    folder = Path(tempfile.mkdtemp(prefix="rutin-bench-preview-"))
    try:
        rounds, error, build = measure(folder)
    finally:
        if options.keep:
            print(f"  (filerna finns kvar i {folder})")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    median = statistics.median(rounds)
    ok = median <= TARGET_SECONDS
    print(f"Förhandsvisning: {CHECKLIST}, {len(rounds)} sparningar")
    print(f"  sparad fil → uppdaterad sida (median)      {median:6.2f} s  "
          f"(mål ≤ {TARGET_SECONDS:g} s: {'uppfyllt' if ok else 'INTE uppfyllt'})")
    print(f"  sparad fil → uppdaterad sida (långsammast)  {max(rounds):6.2f} s")
    print(f"  fel i filen → felet syns i sidan           {error:6.2f} s")
    print(f"  ett helt bygge (rutin build, nytt program)  {build:6.2f} s  "
          f"(förhandsvisningen / bygget: {median / build:.2f}×)")
    return ok
