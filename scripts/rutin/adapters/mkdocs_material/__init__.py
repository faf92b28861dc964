"""Everything that knows MkDocs or Material: the plugin (plugin.py, registered as `rutin`
in pyproject.toml), the build and preview around it, Material's dialect for the core's
page metadata and markup, the search index and its worker, the hashes of inline
scripts for the CSP, and the theme overrides (overrides/, mkdocs.yml `custom_dir`).
The core (scripts/rutin outside adapters/) names neither: tests/test_site_plan.py
searches it. A second generator is one sibling folder (adapters/zensical/)."""
