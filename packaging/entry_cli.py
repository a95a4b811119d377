"""Bundle entry point for the command line."""

import sys

from syslead_desktop.cli import main

sys.exit(main())
