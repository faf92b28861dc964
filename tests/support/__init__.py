"""Helpers shared by the test modules (no test module imports another).

project   the repository, the validated content, `rutin build` in a subprocess
pages     reading the built site's HTML
browser   Playwright helpers: axe-core, search, wizards, session storage, the CSP headers
printing  the printed pages' footer and QR code, the previous version's URLs
gates     a content copy with a stop gated on a decision aid's outcome
validation  a copy of the minimal valid routine, edited per test
shared    a folder built once per test run, shared by every pytest-xdist worker
"""
