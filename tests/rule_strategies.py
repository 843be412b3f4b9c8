"""Hypothesis strategies shared by the rule tests (tests/model/test_rules*.py).

Why one module: every vectorised rule takes arrays of ``N`` citizens; the tests draw them
the same way, so the shapes and ranges are written once.
"""

from __future__ import annotations

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

N = 16
unit = st.floats(0.0, 1.0, allow_nan=False, allow_subnormal=False)
"""A share or probability; no subnormals (below 2.2e-308 a product underflows to 0 or to
another subnormal, a float artefact that says nothing about a rule)."""
units = arrays(np.float64, N, elements=unit)
bools = arrays(np.bool_, N)
hours_arr = arrays(np.float64, N, elements=st.floats(0.0, 37.0))
purposes = arrays(np.int64, N, elements=st.integers(0, 2))
small_settings = settings(max_examples=40, deadline=None)
