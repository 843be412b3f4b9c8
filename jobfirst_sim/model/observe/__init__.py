"""Observing a run: the weekly recorder, the kroner accounting and the per-run tables.

Why a room of its own: observation reads the World and never changes it, so nothing in
the week's stages depends on it; the tables builders are in ``tables.py``.
"""
