"""``python -m components.publish`` (see :mod:`components.publish.cli`)."""

import sys

from components.publish.cli import main

sys.exit(main())
