"""Which component files a page loads, and which links print their address."""

from __future__ import annotations

from pathlib import Path

import pytest

from rutin.printing import print_parts
from rutin.site import page_assets

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Bara text.</p>", []),
        ('<div class="rutin-checklist" data-checklist="x"><ol class="rutin-steps">', ["checklist"]),
        ('<div class="rutin-checklist"><fieldset class="rutin-question">',
         ["questions", "checklist"]),
        ('<div class="rutin-decision" data-table=\'{}\'><form class="rutin-wizard" hidden>'
         '<div class="rutin-table-wrap"><table class="rutin-decision-table">',
         ["tables", "questions", "decision"]),
        ('<div class="rutin-function-filter" data-functions=\'[]\'></div>',
         ["questions", "filter"]),
        ("<table><tr><td>1</td></tr></table>", ["tables"]),
        # a class name only in text, or a longer class name, is not the component
        ("<p>rutin-checklist</p><p class=\"rutin-checklists\">", []),
    ],
)
def test_components_follow_the_markup(html: str, expected: list[str]) -> None:
    assert page_assets.components(html) == expected


def test_every_component_file_exists() -> None:
    for files in page_assets.FILES.values():
        for name in files:
            assert (ASSETS / name).is_file(), name
    assert set(page_assets.FILES) == set(page_assets.COMPONENTS)
    assert page_assets.files(["decision"], ".js") == ["assets/decision.js"]
    assert page_assets.files(["questions", "checklist"], ".css") == [
        "assets/questions.css", "assets/checklist.css"]


@pytest.mark.parametrize(
    ("path", "own"),
    [
        ("assets/site.css", True),
        ("assets/decision.js", True),
        ("assets/stylesheets/rutin-theme.css", True),
        ("assets/javascripts/rutin-md-scope.js", True),
        ("assets/javascripts/workers/rutin-query.js", True),  # the search worker's
        ("assets/javascripts/workers/search.a7633da7.min.js", False),  # Material's
        ("assets/javascripts/bundle.a5f9d56c.min.js", False),  # Material's
        ("assets/stylesheets/main.484c7ddc.min.css", False),
        ("assets/vendor/iframe-worker-shim.js", False),  # a third party's
        ("assets/images/favicon.png", False),
        ("site.js", False),
    ],
)
def test_own_assets(path: str, own: bool) -> None:
    # The theme's folders are the adapter's to name (its overrides).
    from rutin.adapters.mkdocs_material import theme

    assert theme.is_own(path) is own
    assert page_assets.is_own(path) is (own and path.startswith("assets/") and path.count("/") == 1)


SITE = "https://rutiner.example.se/"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="https://www.1177.se/">1177</a>',
         '<a class="rutin-external" href="https://www.1177.se/">1177</a>'),
        ('<a class="md-button" href="http://e.org/x">x</a>',
         '<a class="md-button rutin-external" href="http://e.org/x">x</a>'),
        ('<a href="../boka/">intern</a>', '<a href="../boka/">intern</a>'),
        ('<a href="https://rutiner.example.se/platform24/">samma webbplats</a>',
         '<a href="https://rutiner.example.se/platform24/">samma webbplats</a>'),
        ('<a href="#steg">ankare</a>', '<a href="#steg">ankare</a>'),
        ('<a href="mailto:a@b.se">e-post</a>', '<a href="mailto:a@b.se">e-post</a>'),
        ('<a data-href="https://e.org/" href="../x/">x</a>',
         '<a data-href="https://e.org/" href="../x/">x</a>'),
        ('<p>href="https://e.org/"</p>', '<p>href="https://e.org/"</p>'),
    ],
)
def test_links_to_other_sites_are_marked(html: str, expected: str) -> None:
    assert print_parts.mark_external_links(html, SITE) == expected
