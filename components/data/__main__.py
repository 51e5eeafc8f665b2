"""``python -m components.data validate [PATH]`` (see :mod:`components.data.cli`)."""

import sys

from components.data.cli import main

sys.exit(main())
