"""``python -m components.yourdata`` (see :mod:`components.yourdata.cli`)."""

import sys

from components.yourdata.cli import main

sys.exit(main())
