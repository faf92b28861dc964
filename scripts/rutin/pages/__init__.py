"""Stage 3, render: model → page source (staff pages, owner pages, components, safe HTML)."""
