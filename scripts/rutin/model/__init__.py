"""Typed records of validated content and what is derived from them: tasks,
decisions, safeguards, scenarios."""
