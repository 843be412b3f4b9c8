"""Data shipped with the scenario room: the calibrated ensemble (``ensemble.csv``)."""
