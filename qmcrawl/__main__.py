"""`python -m qmcrawl` is the `qmcrawl` command."""

from qmcrawl.cli import main

main()
