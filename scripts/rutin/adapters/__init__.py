"""Adapters between the core (site_plan, render, validate) and site generators. Only the
modules in this folder import a generator (tests/test_site_plan.py proves it)."""
