"""Allow `python -m cloudseal`."""

from cloudseal.cli.app import main

main()
