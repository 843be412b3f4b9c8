"""Interactive apps served locally: the result browser."""
