"""jobfirst_sim: an agent-based simulation of a Danish jobcentre running the JobFirst method.

Kept import-light on purpose: ``jobfirst --help`` must start fast, so mesa, pandas and
plotly are imported only by the modules that need them.
"""

__version__ = "0.1.0"
