"""`python -m checks PATH...`: the command users know; it checks many files, so it lives in library.cli."""

import sys

from library.cli import main

if __name__ == "__main__":
    sys.exit(main())
