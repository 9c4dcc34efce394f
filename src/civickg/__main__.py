"""``python -m civickg``: the ``civickg`` command under a chosen interpreter (a virtualenv's)."""

from civickg.cli import main

main()
