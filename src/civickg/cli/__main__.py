"""python -m civickg.cli"""

from civickg.cli import main

main()
