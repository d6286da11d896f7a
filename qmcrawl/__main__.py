"""`python -m qmcrawl` is the `qmcrawl` command."""

from qmcrawl.cli import main

if __name__ == "__main__":
    main()
