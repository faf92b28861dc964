"""One MkDocs build in a child process, for the site benchmark (a separate process so
that each build's peak memory is its own: the parent reads it with os.wait4).

    python -m tools.bench._site_build CONFIG DOCS_DIR SITE_DIR

Builds CONFIG with docs_dir and site_dir overridden, `strict` as `rutin build` does,
and prints one JSON line: {"seconds": <load_config + build>, "cpu_seconds": <the same,
processor time of this process>}. Exit 1 on a failed build
(the warnings and the error on stderr). The content root comes from the environment
(RUTIN_CONTENT_ROOT), as for any build of the site.
"""

from __future__ import annotations

import json
import logging
import sys
import time


def main(argv: list[str]) -> int:
    config_file, docs_dir, site_dir = argv
    # Imported before the clock starts, in both builds alike: the figure is the build,
    # not the interpreter's start-up (the same for every build).
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        config = load_config(config_file, docs_dir=docs_dir, site_dir=site_dir, strict=True)
        build(config)
    except MkDocsException as exc:
        print(f"bygget misslyckades: {exc}", file=sys.stderr)
        return 1
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
