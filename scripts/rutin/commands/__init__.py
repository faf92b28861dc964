"""One module per `rutin` subcommand: `add_arguments(parser)` and `run(args) -> int`."""
