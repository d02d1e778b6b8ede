"""``python -m bilateral.cli`` runs the command line."""

from bilateral.cli import main

main()
