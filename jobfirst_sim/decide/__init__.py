"""Decision support built on runs: why a design wins (explain)."""
