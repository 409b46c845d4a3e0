"""``python -m helpers.grade`` is the grading command line, ``helpers/grading/__main__.py``."""

import sys

from helpers.grading.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
