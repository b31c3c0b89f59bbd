"""Allow `python -m cloudseal`."""

from cloudseal.cli.entry import main

main()
