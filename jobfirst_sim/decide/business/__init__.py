"""The business case as a municipal economist reads it: payers, budget years, present
value, payback and sensitivity (issue 23 §2; docs/decide.md, "The business case").

``payers`` turns a run's book (kroner by budget year, :mod:`jobfirst_sim.model.observe.
budget`) into each payer's net cost; ``case`` pairs two designs' books into the
yearly differences, their present value, payback and tornado; ``horizon`` extends a
scenario's run to the years asked for (``--years``).
"""
