"""Site benchmark: building a whole region (issue 8, "Speed at scale").

Generates a synthetic region (_generate.py) of 5 × 20 and 50 × 20 checklists (plus
each routine's overview, two decision tables and a phrase library), checks that it is
valid, and builds it, each build alone in a child process (_site_build.py):

- "vår pipeline": the real mkdocs.yml (our plugin, privacy, search …) with
  RUTIN_CONTENT_ROOT pointing at the generated content. Validation, rendering, the QR
  codes and the JSON export are all part of the measured build.
- "ren MkDocs": the same pages as ordinary Markdown files: the plugin's own rendered
  Markdown written to disk (in Material's dialect, as the plugin hands it over), the same
  theme, overrides, features, extensions, search and privacy plugins and the same nav (as
  the plugin would set it), but not our plugin.

Both builds get the same minimal docs folder otherwise: one start page without macros
and a copy of docs/assets/ (the project's hand-written pages call macros on the real
routine's ids, which a synthetic region does not have).

Each child runs with compiled bytecode allowed (PYTHONDONTWRITEBYTECODE unset), as an
installed site does. Times are the build itself (load_config + build, as `mkdocs build`
times it) measured in the child, both as elapsed time and as the child's processor time
(which other processes on a loaded machine disturb far less); the best of REPEAT
interleaved runs, to damp a noisy machine. Peak memory is the child's maximum resident
set size from os.wait4, i.e. that one process only.

`make bench ARGS="site --write"` also writes the figures to docs/prestanda.md.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import platform
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, cast

import yaml

from rutin.adapters.mkdocs_material import theme as material
from rutin.check.content import CONTENT_ROOT_ENV
from rutin.check.validate import check
from rutin.printing import print_parts
from tools import REPO

from . import BenchOptions
from ._generate import checklist_id, generate_region, routine_id

NAME = "site"
DESCRIPTION = "Bygget av en hel region (1 000 checklistor): tid, tillväxt, sidstorlek, minne."

SCALES = ((5, 20), (50, 20))  # (routines, checklists per routine): 100 and 1,000 pages
REPEAT = 2

MAX_RATIO_TO_PLAIN = 1.2
# Our pipeline against plain MkDocs with our sidebar (the same pages and nav): what the
# rest of our pipeline costs (validation, pages, QR codes, export). Processor time.
MAX_RATIO_TO_NAV = 1.3
MAX_GROWTH = 12.0
MAX_PAGE_KB = 60.0
MAX_PAGE_GROWTH = 1.1  # the same page at 1,000 vs at 100 checklists: "independent"
# Our own CSS and JavaScript on a page, as sent compressed: within the first round trip
# of a new connection (TCP's initial window, 10 segments of ~1,460 B: RFC 6928). Budgeted
# compressed because that is what a tablet on the ward waits for; the build minifies,
# and docs/drift.md asks the server to compress. The uncompressed size is reported.
MAX_OWN_ASSETS_GZIP_KB = 14.0
MAX_RSS_RATIO = 1.5

CONFIG_FILE = REPO.config_file
ASSETS = REPO.docs / "assets"
OVERRIDES = REPO.folder / "scripts/rutin/adapters/mkdocs_material/overrides"
NAV_HOOK = Path(__file__).with_name("_site_nav_hook.py")
PLUGIN = "rutin"  # our MkDocs plugin's name in mkdocs.yml
RESULT_PAGE = REPO.docs / "prestanda.md"
INDEX_PAGE = """# Rutiner

En genererad region för prestandamätningen (`make bench ARGS=site`).
"""
KB = 1000


# --------------------------------------------------------------------------- builds


@dataclass(frozen=True)
class Build:
    seconds: float
    peak_rss: int  # bytes
    cpu_seconds: float = 0.0  # the build process's processor time


@dataclass
class Scale:
    """One generated region and the two folders and configs that build it."""

    routines: int
    per_routine: int
    content: Path
    ours_docs: Path
    plain_docs: Path
    plain_config: Path
    plain_nav_config: Path
    pages: int  # Markdown pages in the site (generated + the start page)
    builds: dict[str, list[Build]] = field(default_factory=dict)

    @property
    def checklists(self) -> int:
        return self.routines * self.per_routine

    def site(self, kind: str) -> Path:
        return self.content.parent / f"site-{kind}"

    def best(self, kind: str) -> Build:
        runs = self.builds[kind]
        # Fastest run's time; the highest peak memory seen (it hardly varies).
        return Build(min(b.seconds for b in runs), max(b.peak_rss for b in runs),
                     min(b.cpu_seconds for b in runs))


class BuildFailed(RuntimeError):
    pass


def _child_env(content: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Both builds run their Python as an installed site does, from compiled bytecode:
    # MkDocs and Material are compiled when pip installs them, our package (installed
    # editable) when first imported. Without this, a shell that sets
    # PYTHONDONTWRITEBYTECODE would compile only our hundred modules again at every build.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        {
            CONTENT_ROOT_ENV: str(content),
            "NO_MKDOCS_2_WARNING": "1",
            "RUTIN_OFFLINE": "false",
            # rutin (scripts/) and this package (tools/, below the project folder).
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(REPO.folder / "scripts"), str(REPO.folder),
                            env.get("PYTHONPATH")) if p
            ),
        }
    )
    return env


def child_build(config: Path, docs: Path, site: Path, content: Path) -> Build:
    """One build in a child process; its time and its own peak RSS (os.wait4)."""
    command = [sys.executable, "-m", "tools.bench._site_build", str(config), str(docs), str(site)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            command, stdout=out, stderr=err, env=_child_env(content), cwd=REPO.folder
        )
        # wait4 reaps exactly this child and returns its own resource usage; ru_maxrss
        # is its peak resident set size in KiB (Linux). RUSAGE_CHILDREN would instead
        # give the maximum over every child ever waited for, which is not a per-build
        # figure.
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise BuildFailed(f"{config.name} ({docs.name}) misslyckades:\n{stderr[-3000:]}")
    timing = json.loads(stdout.strip().splitlines()[-1])
    return Build(float(timing["seconds"]), usage.ru_maxrss * 1024, float(timing["cpu_seconds"]))


# --------------------------------------------------------------------------- set-up


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` as MkDocs does."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(cast(yaml.ScalarNode, node))]
    )
    names, default = (values[:-1], values[-1]) if len(values) > 1 else (values, None)
    env = {**os.environ, "RUTIN_OFFLINE": "false"}
    for name in names:
        if name in env:
            return yaml.safe_load(env[name])
    return default


_EnvLoader.add_constructor("!ENV", _env_tag)


def _site_config() -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(CONFIG_FILE.read_text(encoding="utf-8"), Loader=_EnvLoader)
    return data


def plain_config(path: Path, docs: Path, nav: list[Any], hooks: tuple[str, ...] = ()) -> Path:
    """mkdocs.yml without our plugin, with the nav it sets (and `hooks`, for the second
    baseline)."""
    config = _site_config()
    config.pop("hooks", None)
    if hooks:
        config["hooks"] = list(hooks)
    config.pop("watch", None)
    config["docs_dir"] = str(docs)
    config["nav"] = nav
    theme = config["theme"]
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(REPO.folder / theme["custom_dir"])
    config["plugins"] = [
        p for p in config["plugins"]
        if not ({"macros", PLUGIN} & (set(p) if isinstance(p, dict) else {p}))
    ]
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _minimal_docs(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "index.md").write_text(INDEX_PAGE, encoding="utf-8")
    shutil.copytree(ASSETS, folder / "assets")


def _write_hook_pages(content: Path, docs: Path, plain: Path) -> tuple[list[Any], int]:
    """Run the plugin's on_files as a build does and write every page it generates to
    `plain` as an ordinary Markdown file, in Material's dialect (front matter, markup);
    return the nav it sets and the page count."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from rutin.adapters.mkdocs_material import dialect

    saved = os.environ.get(CONTENT_ROOT_ENV)
    os.environ[CONTENT_ROOT_ENV] = str(content)
    try:
        config = load_config(str(CONFIG_FILE), docs_dir=str(docs), site_dir=str(plain / "_"))
        # Every plugin's on_config and on_files, ours among them, as a build does.
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        plan = getattr(config.plugins[PLUGIN], "plan", None)
    finally:
        if saved is None:
            os.environ.pop(CONTENT_ROOT_ENV, None)
        else:
            os.environ[CONTENT_ROOT_ENV] = saved
    pages = 0
    for file in files.documentation_pages():
        pages += 1
        planned = plan.page(file.src_uri) if plan is not None else None
        if file.generated_by and planned is not None:
            target = plain / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dialect.front_matter(planned.meta)
                              + dialect.markup(planned.markdown.body), encoding="utf-8")
        elif file.generated_by:
            target = plain / file.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(file.content_string, encoding="utf-8")
    return list(config.nav or []), pages


def prepare(workdir: Path, routines: int, per_routine: int) -> Scale:
    """Generate and validate a region; write both docs folders and the plain config."""
    base = workdir / f"{routines}x{per_routine}"
    content = base / "content"
    generate_region(content, routines, per_routine)
    report = check(content)
    if report.problems or report.library is None:
        lines = "\n".join(p.format_text() for p in report.problems[:20])
        raise AssertionError(f"det genererade innehållet har problem:\n{lines}")
    ours, plain = base / "docs-ours", base / "docs-plain"
    _minimal_docs(ours)
    _minimal_docs(plain)
    nav, pages = _write_hook_pages(content, ours, plain)
    config_path = plain_config(base / "mkdocs-plain.yml", plain, nav)
    nav_config = plain_config(base / "mkdocs-plain-nav.yml", plain, nav, (str(NAV_HOOK),))
    return Scale(routines, per_routine, content, ours, plain, config_path, nav_config, pages)


def build(scale: Scale, kind: str) -> Build:
    """kind: "ours", "plain" or "plain-nav" (plain MkDocs with only our sidebar)."""
    config = {"ours": CONFIG_FILE, "plain": scale.plain_config,
              "plain-nav": scale.plain_nav_config}[kind]
    docs = scale.ours_docs if kind == "ours" else scale.plain_docs
    result = child_build(config, docs, scale.site(kind), scale.content)
    scale.builds.setdefault(kind, []).append(result)
    return result


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Asset:
    path: str
    size: int
    gzipped: int


def sample_page(scale: Scale, kind: str) -> Path:
    """The first checklist of the first routine: the same page at every scale."""
    return scale.site(kind) / routine_id(0) / checklist_id(0) / "index.html"


_REFS = re.compile(r'<(?:link[^>]*\brel="stylesheet"[^>]*\bhref|script[^>]*\bsrc)="([^"]+)"')


def own_assets(site: Path, page: Path) -> list[Asset]:
    """The project's own CSS and JavaScript the page loads (theme.is_own: ours in
    assets/ and the theme overrides' assets/*/rutin-*, not Material's bundles nor the
    vendored offline shim), as built: minified."""
    html = page.read_text(encoding="utf-8")
    base = page.parent.relative_to(site).as_posix()
    found = []
    for ref in _REFS.findall(html):
        ref = ref.split("?", 1)[0].split("#", 1)[0]
        if "://" in ref:
            continue
        if ref.startswith("/"):
            path = ref.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(base, ref))
        if not material.is_own(path):
            continue
        data = (site / path).read_bytes()
        found.append(Asset(path, len(data), len(gzip.compress(data, 9))))
    return found


def heaviest_page(site: Path) -> tuple[Path, list[Asset]]:
    """The page of the site that loads the most of our own CSS and JavaScript (a page
    loads only the components its markup uses: page_assets.py)."""
    sizes: dict[frozenset[str], int] = {}
    best: tuple[int, Path, list[Asset]] | None = None
    for page in sorted(site.rglob("*.html")):
        assets = own_assets(site, page)
        key = frozenset(a.path for a in assets)
        if key in sizes:  # most pages load one of a few sets: checked once each
            continue
        sizes[key] = total = sum(a.size for a in assets)
        if best is None or total > best[0]:
            best = (total, page, assets)
    if best is None:
        raise BuildFailed(f"{site}: inga sidor")
    return best[1], best[2]


def source_assets() -> list[Asset]:
    """Our CSS and JavaScript as written (docs/assets/, the theme overrides' assets/*/rutin-*),
    named by their path in the site."""
    out = []
    theme = [p for d in material.THEME_ASSET_DIRS for p in (OVERRIDES / d).glob("rutin-*")]
    for path in sorted([*ASSETS.glob("*"), *theme]):
        site_path = path.relative_to(OVERRIDES if path.is_relative_to(OVERRIDES) else ASSETS.parent)
        if material.is_own(site_path.as_posix()):
            data = path.read_bytes()
            out.append(Asset(site_path.as_posix(), len(data), len(gzip.compress(data, 9))))
    return out


@dataclass(frozen=True)
class Row:
    label: str
    measured: str
    target: str
    held: bool | None  # None: for information, no target


@dataclass
class Figures:
    rows: list[Row]
    scales: tuple[Scale, ...]

    @property
    def held(self) -> bool:
        return all(r.held is not False for r in self.rows)


def _kb(n: float) -> str:
    return f"{n / KB:.1f} kB"


def _mib(n: float) -> str:
    return f"{n / 2**20:.0f} MiB"


def figures(small: Scale, large: Scale, real_site: Path) -> Figures:
    rows: list[Row] = []

    def add(label: str, measured: str, target: str, held: bool | None) -> None:
        rows.append(Row(label, measured, target, held))

    ours, plain = large.best("ours"), large.best("plain")
    ours_small = small.best("ours")
    n_small, n_large = small.checklists, large.checklists
    add(f"Bygge, vår pipeline, {n_large} checklistor ({large.pages} sidor)",
        f"{ours.seconds:.2f} s", "", None)
    add(f"Bygge, ren MkDocs, {n_large} checklistor", f"{plain.seconds:.2f} s", "", None)
    ratio = ours.seconds / plain.seconds
    add("Vår pipeline / ren MkDocs (tid)", f"{ratio:.2f}×",
        f"≤ {MAX_RATIO_TO_PLAIN:g}×", ratio <= MAX_RATIO_TO_PLAIN)
    same_nav = large.best("plain-nav")
    add(f"Bygge, ren MkDocs med vår sidomeny, {n_large} checklistor",
        f"{same_nav.seconds:.2f} s", "", None)
    add("Vår pipeline / ren MkDocs med vår sidomeny (tid)",
        f"{ours.seconds / same_nav.seconds:.2f}×", "", None)
    add(f"Processortid, vår pipeline, {n_large} checklistor", f"{ours.cpu_seconds:.2f} s", "",
        None)
    add(f"Processortid, ren MkDocs med vår sidomeny, {n_large} checklistor",
        f"{same_nav.cpu_seconds:.2f} s", "", None)
    cpu_ratio = ours.cpu_seconds / same_nav.cpu_seconds
    add("Vår pipeline / ren MkDocs med vår sidomeny (processortid)", f"{cpu_ratio:.2f}×",
        f"≤ {MAX_RATIO_TO_NAV:g}×", cpu_ratio <= MAX_RATIO_TO_NAV)
    add(f"Bygge, vår pipeline, {n_small} checklistor ({small.pages} sidor)",
        f"{ours_small.seconds:.2f} s", "", None)
    growth = ours.seconds / ours_small.seconds
    add(f"Tillväxt: tid vid {n_large} / vid {n_small} checklistor", f"{growth:.2f}×",
        f"≤ {MAX_GROWTH:g}×", growth <= MAX_GROWTH)

    page_large = sample_page(large, "ours").stat().st_size
    page_small = sample_page(small, "ours").stat().st_size
    add(f"HTML för en checklista vid {n_large} checklistor", _kb(page_large),
        f"≤ {MAX_PAGE_KB:g} kB", page_large <= MAX_PAGE_KB * KB)
    page_growth = page_large / page_small
    add(f"Samma sida vid {n_large} / vid {n_small} checklistor ({_kb(page_small)})",
        f"{page_growth:.2f}×", f"≤ {MAX_PAGE_GROWTH:g}×", page_growth <= MAX_PAGE_GROWTH)

    for name, site in (("regionen", large.site("ours")), ("den riktiga rutinen", real_site)):
        page, assets = heaviest_page(site)
        where = page.parent.relative_to(site).as_posix()
        zipped = sum(a.gzipped for a in assets)
        add(f"Egen JS + CSS, tyngsta sidan i {name} ({where}/, {len(assets)} filer, gzip)",
            _kb(zipped), f"≤ {MAX_OWN_ASSETS_GZIP_KB:g} kB",
            bool(assets) and zipped <= MAX_OWN_ASSETS_GZIP_KB * KB)
        add("Egen JS + CSS, samma sida, okomprimerat", _kb(sum(a.size for a in assets)),
            "", None)
    checklist = own_assets(large.site("ours"), sample_page(large, "ours"))
    add(f"Egen JS + CSS, en checklista ({len(checklist)} filer, gzip)",
        _kb(sum(a.gzipped for a in checklist)), "", None)

    for label, kind in (("vår pipeline", "ours"), ("ren MkDocs", "plain")):
        # Ours: the manifest and the pieces a query loads (search_index.py), together.
        total = sum(f.stat().st_size for f in (large.site(kind) / "search").rglob("*")
                    if f.is_file())
        add(f"Sökindex per sida, {label} ({_mib(total)} totalt)",
            _kb(total / large.pages), "", None)

    add(f"Minnestopp (RSS), vår pipeline, {n_large} checklistor", _mib(ours.peak_rss), "", None)
    add(f"Minnestopp (RSS), ren MkDocs, {n_large} checklistor", _mib(plain.peak_rss), "", None)
    rss = ours.peak_rss / plain.peak_rss
    add("Vår pipeline / ren MkDocs (minnestopp)", f"{rss:.2f}×",
        f"≤ {MAX_RSS_RATIO:g}×", rss <= MAX_RSS_RATIO)
    return Figures(rows, (small, large))


def measure(workdir: Path, scales: tuple[tuple[int, int], ...] = SCALES,
            repeat: int = REPEAT, real_site: Path | None = None) -> Figures:
    """Generate both regions, build each REPEAT times (interleaved, one at a time).
    `real_site`: the routine staff use, already built by `rutin build` (the tests pass
    the run's shared build); without it, it is built here."""
    small, large = (prepare(workdir, r, c) for r, c in scales)
    for _round in range(max(repeat, 1)):
        build(small, "ours")
        build(large, "ours")
        build(large, "plain")
        build(large, "plain-nav")
    if real_site is None:
        real_site = build_real_site(workdir / "site-real")
    return figures(small, large, real_site)


def build_real_site(site: Path) -> Path:
    """The routine staff use (checklists/), built as `rutin build` builds it: its task
    pages are the heaviest pages there are."""
    done = subprocess.run([sys.executable, "-m", "rutin.cli", "build", "--site-dir", str(site)],
                          cwd=REPO.folder, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if done.returncode != 0:
        raise BuildFailed(f"rutin build misslyckades:\n{done.stdout}{done.stderr}")
    return site


# --------------------------------------------------------------------------- output


def _line(row: Row) -> str:
    if row.held is None:
        return f"  {row.label:<62} {row.measured:>10}"
    verdict = "uppfyllt" if row.held else "EJ UPPFYLLT"
    return f"  {row.label:<62} {row.measured:>10}  (mål {row.target}: {verdict})"


def machine() -> list[tuple[str, str]]:
    cpu = "okänd"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "okänt"
    try:
        for text in Path("/proc/meminfo").read_text().splitlines():
            if text.startswith("MemTotal:"):
                ram = f"{int(text.split()[1]) / 2**20:.0f} GiB"
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "saknas"

    return [
        ("Processor", cpu),
        ("Kärnor", str(os.cpu_count() or "okänt")),
        ("Minne", ram),
        ("Operativsystem", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("MkDocs", version("mkdocs")),
        ("Material for MkDocs", version("mkdocs-material")),
        ("Datum", dt.date.today().isoformat()),
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def result_page(result: Figures, assets_before: list[Asset],
                loads: tuple[float, float] | None = None) -> str:
    small, large = result.scales
    lines = [
        "---",
        "title: Prestanda",
        "# Inte i personalens sökning: sökindexet laddas ned vid varje sidvisning.",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Prestanda",
        "",
        "Hur webbplatsen klarar en hel regions rutiner. Siffrorna kommer från "
        "`make bench ARGS=\"site --write\"`, som genererar en påhittad region med "
        f"{large.routines} rutiner × {large.per_routine} checklistor "
        f"({large.checklists} checklistor, {large.pages} sidor med rutinernas översikter, "
        f"beslutsstöd och frasmallar) och {small.routines} × {small.per_routine} "
        f"({small.checklists} checklistor, {small.pages} sidor), kontrollerar att innehållet "
        "är giltigt och bygger webbplatsen.",
        "",
        "*Vår pipeline* är det riktiga bygget (mkdocs.yml med vårt insticksprogram `rutin` "
        "och alla tillägg): kontroll av innehållet, sidor, QR-koder och JSON-exporten ingår. *Ren "
        "MkDocs* bygger samma sidor skrivna som vanliga Markdown-filer, med samma tema, "
        "funktioner, sökning och meny men utan vårt insticksprogram. Varje bygge körs ensamt "
        f"i en egen process; tiden är den bästa av {len(large.builds['ours'])} körningar, "
        "minnestoppen är processens största residenta minne (RSS). *Ren MkDocs med vår "
        "sidomeny* har dessutom insticksprogrammets sidomeny (bara den egna rutinen på en "
        "rutins sidor) "
        "och visar vad resten av vår pipeline kostar (kontroll, sidor, QR-koder, export).",
        "",
        "| Mått | Uppmätt | Mål | Status |",
        "| --- | ---: | --- | --- |",
    ]
    for row in result.rows:
        status = "–" if row.held is None else ("uppfyllt" if row.held else "**ej uppfyllt**")
        lines.append(
            f"| {_cell(row.label)} | {_cell(row.measured)} | {_cell(row.target or '–')} "
            f"| {status} |"
        )
    before = sum(a.size for a in assets_before)
    lines += [
        "",
        "Egen JS + CSS är projektets egna filer som en sida laddar: `docs/assets/` och "
        "temats `overrides/assets/*/rutin-*` (i `scripts/rutin/adapters/mkdocs_material/`; "
        "inte Materials egna filer). Varje sida laddar "
        "grunden (`site.css`, `site.js`; i `site.css` också tabeller, källcitat och "
        "frasmallar, vars regler kostar mindre där än som egna filer); checklistor, "
        "beslutsstöd och frågor har egna filer som bara sidor med sådant innehåll laddar. "
        "Måttet gäller den sida "
        "som laddar mest, i regionen och i den riktiga rutinen (där är det en uppgift: "
        "checklista, beslutsstöd, frågor och källcitat på samma sida). Målet gäller det "
        f"som skickas, komprimerat (gzip): högst {MAX_OWN_ASSETS_GZIP_KB:g} kB, ungefär det "
        "som en ny anslutning hinner skicka under sin första tur och retur. Servern ska "
        "därför komprimera (se Drift). Skripten är skrivna för att läsas och bygget tar "
        "bara bort kommentarer och indrag (namnen kortas inte); okomprimerat är de därför "
        "större, komprimerat kostar läsbarheten lite. "
        "Insticksprogrammet tar bort kommentarer och indrag när webbplatsen byggs: källfilerna är "
        f"{_kb(before)} tillsammans.",
        "",
        "Målet för hela bygget gäller processortiden mot *ren MkDocs med vår sidomeny* (samma "
        f"sidor, samma meny): högst {str(MAX_RATIO_TO_NAV).replace('.', ',')} gånger. "
        "Processortiden är den tid byggprocessen själv använder processorn. Väggtiden "
        "(*tid*) beror också på vad datorn gör i övrigt och varierar mycket när andra "
        "processer delar dess två kärnor; den redovisas men bedöms inte mot det målet. "
        "Belastningen under mätningen står under Datorn (medelvärdet av antalet körbara "
        "processer den senaste minuten; över 2 betyder att processerna fick vänta på "
        "varandra).",
        "",
        "QR-koderna i utskrifternas sidfot ritas alla med samma datamask, mask "
        f"{print_parts.QR_MASK} av de åtta i ISO/IEC 18004. Standarden låter kodaren pröva alla "
        "åtta och välja den som ger lägst straffpoäng (färre stora enfärgade fält och färre "
        "mönster som liknar hörnens lägesmarkeringar); det gör en kod något lättare att läsa "
        "under dåliga förhållanden men ändrar inte vad den innehåller, och en läsare avläser "
        "masken ur koden själv (dess formatinformation). Att pröva alla åtta var den största "
        "enskilda kostnaden i bygget. Mask 2 är den som valet oftast landar på för "
        "webbplatsens adresser och den med lägst medelstraffpoäng bland dem (600 adresser av "
        "webbplatsens form: 1 533 med mask 2, 1 487 med den bästa masken för varje adress, "
        "1 574–1 673 med de andra). `tests/test_qr.py` läser QR-koden för varje utskriven "
        "sida, och för de längsta adresser som id:n tillåter, med en riktig QR-läsare "
        "(zxing-cpp) och kräver sidans adress; `tests/test_print.py` läser den byggda "
        "webbplatsens sidfötter på samma sätt.",
        "",
        "## Datorn",
        "",
        "| Del | Värde |",
        "| --- | --- |",
    ]
    rows = machine()
    if loads is not None:
        rows.append(("Belastning (medel 1 min) före och efter mätningen",
                     f"{loads[0]:.1f} och {loads[1]:.1f}".replace(".", ",")))
    lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in rows]
    return "\n".join(lines) + "\n"


SEARCH_SECTION, MACHINE_SECTION = "## Sök\n", "## Datorn"


def _keep_search_section(page: str) -> str:
    """The page's "Sök" section is written by `make bench ARGS="sok --write"`: kept."""
    old = RESULT_PAGE.read_text(encoding="utf-8") if RESULT_PAGE.is_file() else ""
    if SEARCH_SECTION not in old or MACHINE_SECTION not in page:
        return page
    start = old.index(SEARCH_SECTION)
    end = old.find(MACHINE_SECTION, start)
    section = old[start:end if end > 0 else len(old)].rstrip() + "\n\n"
    at = page.index(MACHINE_SECTION)
    return page[:at] + section + page[at:]


def run(options: BenchOptions) -> bool:
    workdir = Path(tempfile.mkdtemp(prefix="rutin-bench-site-"))
    try:
        print(f"Webbplatsbygge: {' och '.join(f'{r} × {c}' for r, c in SCALES)} checklistor")
        try:
            load_before = os.getloadavg()[0]
            result = measure(workdir)
            loads = (load_before, os.getloadavg()[0])
        except (BuildFailed, AssertionError) as exc:
            print(f"  {exc}")
            return False
        for row in result.rows:
            print(_line(row))
        if options.write:
            RESULT_PAGE.write_text(_keep_search_section(result_page(result, source_assets(),
                                                                    loads)),
                                   encoding="utf-8")
            print(f"  siffrorna skrevs till {RESULT_PAGE.relative_to(REPO.folder)}")
        return result.held
    finally:
        if options.keep:
            print(f"  filerna finns kvar i {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
