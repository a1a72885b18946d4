"""Entry point of `make bench`: `.venv/bin/python benchmarks/run.py [--help]`. See benchmarks/main.py."""

import sys
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, Python puts benchmarks/ on the path; the package needs the project root instead.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.main import main

    sys.exit(main())
