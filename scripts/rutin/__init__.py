"""rutin: clinical routines as validated YAML, rendered into a site, checklists and prints."""
