"""Two local Dask clusters at once must not clash over the dashboard's default port.

With ``dashboard_address=None`` distributed still serves its HTTP routes on 8787 and warns
when the port is taken; the test suite treats warnings as errors, and two runs (or two
test workers) at once took the same port. The cluster now asks for a free loopback port.
"""

from __future__ import annotations

import socket

import pytest

from jobfirst_sim.run.executors import local_cluster


@pytest.mark.slow
def test_a_cluster_starts_while_port_8787_is_taken() -> None:
    with socket.socket() as taken:
        try:
            taken.bind(("127.0.0.1", 8787))
        except OSError:
            pytest.skip("port 8787 is in use by something else here")
        taken.listen()
        cluster = local_cluster(1)
        try:
            assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        finally:
            cluster.close()
