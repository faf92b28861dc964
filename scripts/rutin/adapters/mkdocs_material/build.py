"""Run a strict MkDocs build, read the site address mkdocs.yml resolves (for `rutin
build`). MkDocs is imported lazily: `rutin check` and friends never pay for it."""

from __future__ import annotations

import logging
from pathlib import Path

REPORT_LOGGER = "mkdocs.plugins.rutin"  # the plugin reports here (coverage …)


def build(config_file: Path, site_dir: Path, collect: logging.Handler) -> bool:
    """A strict MkDocs build into site_dir; warnings, errors and the plugin's reports go to
    `collect`. False when MkDocs (or a macro) aborted."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    level = logger.level
    logger.setLevel(logging.WARNING)
    logging.getLogger(REPORT_LOGGER).setLevel(logging.INFO)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        # As `mkdocs build` does: a plugin kept from an earlier run starts afresh.
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:  # Abort, PluginError, ConfigurationError
        text = str(exc).strip()
        messages: list[str] = getattr(collect, "messages", [])
        if text and not any(text in m for m in messages):
            messages.append(text)
        return False
    except SystemExit:
        # A plugin that exits the process instead of raising: its log record,
        # collected above, says why.
        return False
    finally:
        logger.removeHandler(collect)
        logger.setLevel(level)
    return True


def configured_site_url(config_file: Path) -> str | None:
    """The `site_url` a build with `config_file` would use (with !ENV resolved as MkDocs
    resolves it: an unset RUTIN_SITE_URL gives mkdocs.yml's default, an empty one none).
    Raises OSError or mkdocs' ConfigurationError when the file cannot be read."""
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own loader: !ENV, INHERIT

    with open(config_file, "rb") as fd:
        value = yaml_load(fd).get("site_url")
    return None if value is None else str(value)
