"""``python -m jobfirst_sim.cli``: the ``jobfirst`` command (as the console script)."""

from jobfirst_sim.cli import main

main()
