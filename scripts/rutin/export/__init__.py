"""Stage 5, export: the machine-readable JSON of each routine."""
