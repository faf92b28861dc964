"""Developer tools that are not part of the installed `rutin` package (tools/bench/)."""
