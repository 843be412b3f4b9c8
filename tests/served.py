"""An app served by the project's own server on a free loopback port, in a thread.

Why one helper: the browser and HTTP tests of the workshop, the results browser and the
server each started ``server.prepare`` in a daemon thread and closed it again in the same
seven lines; a change to how the server starts or stops (a join timeout, the port) is made
here once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from jobfirst_sim.app import server as S


@contextmanager
def serving(wsgi: Any) -> Iterator[S.Served]:
    """``wsgi`` served on 127.0.0.1 at a free port until the block ends."""
    served = S.prepare(wsgi, "127.0.0.1", 0)
    thread = threading.Thread(target=served.run, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        served.close()
        thread.join(timeout=5)
