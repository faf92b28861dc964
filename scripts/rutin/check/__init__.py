"""Stage 2, check: schemas, rules and traceability; the validated content."""
