"""Entry point of ``python -m lstm_explained`` (see :mod:`lstm_explained.cli`)."""

import sys

from lstm_explained.cli import main

sys.exit(main())
