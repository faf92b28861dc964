"""The editor's preview (`make serve`): while a content file has a mistake, every
previewed page shows the problems on top, over the last content without errors
(content.last_good), instead of the preview stopping. A build stops on them instead."""

from __future__ import annotations

from dataclasses import dataclass, field

from rutin.pages.safe_html import escape


@dataclass
class Preview:
    serving: bool = False  # set by the adapter when the generator serves a preview
    errors: list[str] = field(default_factory=list)  # problem lines, as `rutin check`

    def banner(self) -> str:
        """The problems as an alert on top of the page; "" when there are none."""
        if not self.errors:
            return ""
        items = "".join(f"<li><code>{escape(line)}</code></li>" for line in self.errors)
        return ('<div class="admonition danger rutin-build-error" role="alert">'
                '<p class="admonition-title">Innehållet har fel – sidan visar den senaste '
                "versionen utan fel</p><p>Rätta raderna nedan och spara; sidan laddas om."
                f"</p><ul>{items}</ul></div>")
