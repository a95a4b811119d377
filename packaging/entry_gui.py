"""Bundle entry point for the wizard."""

import sys

from syslead_desktop.ui.app import main

sys.exit(main())
