"""Rule url-scheme."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rutin.problem import Problem
from rutin.rules.content import RoutineContent

RULE_ID = "url-scheme"

# Markdown link targets: [text](target) and <scheme:...> autolinks.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
# A dangerous scheme written anywhere, e.g. a bare javascript:alert(1). "data: " with a
# blank after the colon is ordinary Swedish prose and is not matched.
_BARE_SCHEME = re.compile(r"(?i)(?<![A-Za-z0-9])(javascript|vbscript|data|file|blob)\s*:(?=\S)")
_ALLOWED = re.compile(r"(?i)https?://\S")


def url_problem(text: str) -> str | None:
    """The Swedish message for the first disallowed address in `text`, or None."""
    if ":" not in text and "](" not in text:
        return None
    for match in _LINK_TARGET.finditer(text):
        target = match.group(1)
        if not _ALLOWED.match(target):
            scheme, colon, _ = target.partition(":")
            shown = f"{scheme}:…" if colon else (target or "(tom)")
            return (f"länken \"{shown}\" ska gå till en adress som börjar med https:// "
                    "eller http://")
    for match in _AUTOLINK.finditer(text):
        if not _ALLOWED.match(match.group(1)):
            return f"adressen \"{match.group(1)}\" ska börja med https:// eller http://"
    bare = _BARE_SCHEME.search(text)
    if bare:
        return (f"adresser av typen \"{bare.group(1).lower()}:\" är inte tillåtna; bara "
                "https:// och http://")
    return None


def check(content: RoutineContent) -> Iterator[Problem]:
    """Adresser i texten får bara börja med `https://` eller `http://`. Det gäller
    länkar i Markdown (`[länktext](https://adress)`) och adresser skrivna direkt i
    texten, i alla textfält. Adresser som `javascript:`, `data:` och `file:` (en fil
    på den egna datorn) är förbjudna: de fungerar inte för andra läsare och kan köra
    kod i webbläsaren. En länk utan adress (`[text]()`) räknas också som fel.

    Godkänt: `text: "Läs [manualen](https://example.org/manual)."`
    Fel: `text: "Läs [manualen](file:///G:/Rutiner/manual.docx)."`
    """
    for doc in content.documents:
        for path, text in content.texts(doc):
            message = url_problem(text)
            if message:
                yield doc.problem(path, message, RULE_ID)
