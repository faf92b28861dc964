"""The site plan written as a plain docs tree that a Material-compatible generator builds
without our MkDocs plugin (proven with Zensical, Material's successor;
tests/test_zensical.py).

    <out>/mkdocs.yml     the project's settings minus our plugin and MkDocs-only
                         plugins, with the nav, every own asset and
                         `theme.variant: classic`
    <out>/docs/          the hand-written pages (macros already rendered), the
                         generated pages (links to .md sources; their metadata and
                         markup in Material's dialect, which Zensical reads), assets
                         and api/*.json

Not carried over: the theme overrides (MkDocs-Material templates, and their stylesheet
with the print rules for Material's page frame), the search in
pieces with our search help, the print manifest, the CSP files and the preview.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from rutin.adapters.mkdocs_material import dialect
from rutin.load.layout import boundary_problem, is_editor_artefact
from rutin.load.yaml_reader import RULE_BOUNDARY
from rutin.model.records import Library
from rutin.pages import macros
from rutin.problem import Problem
from rutin.project import Project
from rutin.site import output_dir, page_assets
from rutin.site.site_plan import Settings, navigation, site_plan

# Settings only MkDocs (with our plugin and MkDocs' plugins) understands.
DROPPED_KEYS = ("hooks", "plugins", "watch", "validation")


def _handwritten(out_docs: Path, library: Library, docs_dir: Path) -> list[str]:
    """Copy the project's docs/ and expand each page's macro calls (macros.py). Raises
    MacroError with every problem (file:line:col) when a call fails."""
    pages: list[str] = []
    problems: list[str] = []
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file() or is_editor_artefact(path.name):
            continue
        rel = path.relative_to(docs_dir).as_posix()
        refused = boundary_problem(path, docs_dir)
        if refused is not None:
            problems.append(Problem(path, 0, 0, "", refused, RULE_BOUNDARY).format_text())
            continue
        target = out_docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in (".css", ".js") and page_assets.is_own(rel):
            # the theme's parts in Material's names (dialect.assets)
            target.write_text(dialect.assets(path.read_text(encoding="utf-8")),
                              encoding="utf-8")
            continue
        if path.suffix != ".md":
            shutil.copyfile(path, target)
            continue
        text = path.read_text(encoding="utf-8")
        expanded, found = macros.expand(text, macros.Page(rel, library))
        for problem in found:
            line, column = macros.position(text, problem.offset)
            problems.append(Problem(path, line, column, "", problem.message,
                                    macros.RULE_ID).format_text())
        target.write_text(dialect.markup(expanded), encoding="utf-8")
        pages.append(rel)
    if problems:
        raise macros.MacroError("\n".join(problems))
    return pages


def _config(library: Library, handwritten: list[str], settings: Settings,
            config_file: Path) -> dict[str, Any]:
    config: dict[str, Any] = yaml.load(config_file.read_text(encoding="utf-8"),
                                       Loader=_EnvLoader)
    for key in DROPPED_KEYS:
        config.pop(key, None)
    config["site_url"] = settings.site_url
    config["docs_dir"] = "docs"
    theme = dict(config["theme"])
    theme.pop("custom_dir", None)  # our overrides are MkDocs-Material templates
    theme["variant"] = "classic"  # keeps Material's look
    config["theme"] = theme
    own = [f"{page_assets.ASSETS_DIR}/{name}" for files in page_assets.FILES.values()
           for name in files]
    config["extra_css"] = [*config.get("extra_css", []), *(f for f in own if f.endswith(".css"))]
    config["extra_javascript"] = [*config.get("extra_javascript", []),
                                  *(f for f in own if f.endswith(".js"))]
    config["plugins"] = [{"search": {"lang": "sv"}}]
    config["nav"] = navigation(library, handwritten)
    return config


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV [NAME, default]` as its default (the tree sets its own)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    return values[-1] if values else None


_EnvLoader.add_constructor("!ENV", _env)


def write_tree(library: Library, out: Path, settings: Settings, project: Project) -> list[str]:
    """Write the project's tree into `out` (replacing it); returns the build's reports."""
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    docs.mkdir(parents=True)
    output_dir.mark(out)
    handwritten = _handwritten(docs, library, project.docs)
    plan = site_plan(library, settings)
    for page in plan.pages:
        target = docs / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        # The core's front matter (title, description) replaced by Material's dialect.
        target.write_text(dialect.front_matter(page.meta)
                          + dialect.markup(page.markdown.body), encoding="utf-8")
    for path, text in plan.exports.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    config = _config(library, handwritten, settings, project.config_file)
    (out / "mkdocs.yml").write_text(
        "# Written by `rutin render` from the site plan: a plain docs tree without our\n"
        "# MkDocs plugin (scripts/rutin/adapters/zensical/). Do not edit.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return list(plan.reports)
