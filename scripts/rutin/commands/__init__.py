"""One module per `rutin` subcommand; each exposes `add_arguments(parser)` and `run(args) -> int`."""
