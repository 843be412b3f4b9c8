"""The weekly rules of the method, one mechanism per module, as pure array functions.

Each rule takes the relevant slices of agent state, parameters and uniform draws and
returns a decision (a mask or new values); the model applies it. Pure functions can be
unit- and property-tested one by one (tests/test_rules_*.py).
"""
