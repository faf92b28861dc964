"""Adapters between the core (site_plan, pages, check) and site generators, one folder
each: mkdocs_material/ (the MkDocs plugin and everything Material-specific) and
zensical/ (the docs tree `rutin render` writes). Only these folders name a generator
(tests/test_site_plan.py proves it)."""
