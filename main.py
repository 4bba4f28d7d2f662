"""Start the desktop program: `python main.py [--db PATH] [--demo] [--lang zh|en]`."""

import sys

from desktop_app.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
