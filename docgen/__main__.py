"""``python -m docgen``: the same as the ``docgen`` command."""

import sys

from docgen.cli import main

sys.exit(main())
