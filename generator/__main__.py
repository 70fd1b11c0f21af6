"""`python -m generator` is the same as the `dreamvault` command."""

from generator.entry import main

main()
