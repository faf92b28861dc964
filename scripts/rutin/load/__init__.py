"""Stage 1, load: YAML with positions, where content lives, the routine's source text."""
