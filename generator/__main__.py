"""`python -m generator` is the same as the `dreamvault` command."""

from generator.cli import main

main(prog_name="dreamvault")
