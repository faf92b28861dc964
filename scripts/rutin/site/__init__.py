"""Stage 4, site: the plan of pages and URLs, assets, CSP, search, publishing guards."""
