"""`python -m mcp_server` is `polytomic-mcp`."""

import sys

from .cli import main

sys.exit(main())
