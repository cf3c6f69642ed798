"""Entry point of ``python -m lstm_explained`` (see :mod:`lstm_explained.figures.cli`)."""

import sys

from lstm_explained.figures.cli import main

sys.exit(main())
