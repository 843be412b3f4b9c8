"""Limits at the workshop's door: how many teams, how many tries, which names.

Why: one client posting ``/join`` 300 times made 311 teams, nothing slowed a guesser of the
facilitator key, and "Hold A" with a Cyrillic "А" looked like another team's name. So:

* **A cap on teams** (``--max-teams``, default :data:`MAX_TEAMS`), checked under one lock
  with the join, so two joins in the same instant cannot pass it together.
* **Attempts per client address** (:class:`Attempts`): at most :data:`TRIES` join or
  facilitator-login posts per :data:`WINDOW` seconds from one address. Kept in memory, so a
  restart forgets them; a room's laptops each have their own address on the LAN.
* **Names that look alike** (:func:`name_problem`): two names equal after Unicode NFKC and
  case folding are the same name; a name mixing alphabets (Latin with Cyrillic or Greek) is
  refused, since it is how one name is made to look like another.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable
from typing import Final

from jobfirst_sim.words import t

__all__ = ["MAX_TEAMS", "TRIES", "WINDOW", "Attempts", "name_key", "name_problem", "scripts"]

MAX_TEAMS: Final = 12
"""Teams a workshop takes by default: a room's tables, with room to spare."""
TRIES: Final = 10
WINDOW: Final = 60.0


class Attempts:
    """A sliding window of attempts per client address (thread-safe, in memory)."""

    def __init__(self, tries: int = TRIES, window: float = WINDOW,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.tries = tries
        self.window = window
        self.clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, who: str) -> bool:
        """Count an attempt by ``who``; False when it is over the limit (not counted)."""
        now = self.clock()
        with self._lock:
            if len(self._seen) > 10_000:  # forget idle addresses; memory stays bounded
                self._seen = {k: v for k, v in self._seen.items()
                              if v and v[-1] > now - self.window}
            seen = self._seen.setdefault(who, deque())
            while seen and seen[0] <= now - self.window:
                seen.popleft()
            if len(seen) >= self.tries:
                return False
            seen.append(now)
            return True


def name_key(name: str) -> str:
    """What two names must differ in: NFKC, case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def scripts(name: str) -> set[str]:
    """The alphabets of a name's letters (``LATIN``, ``CYRILLIC``, ``GREEK``...), from
    the first word of each letter's Unicode name; digits and punctuation have none."""
    out = set()
    for ch in unicodedata.normalize("NFKC", name):
        if ch.isalpha():
            out.add(unicodedata.name(ch, "UNKNOWN").split(" ")[0])
    return out


def name_problem(name: str, taken: Iterable[str], lang: str) -> str | None:
    """Why ``name`` may not join beside the ``taken`` names, or None."""
    if len(scripts(name)) > 1:
        return t("ws_name_mixed_scripts", lang)
    key = name_key(name)
    for other in taken:
        if name_key(other) == key:
            return t("ws_name_lookalike", lang, name=other)
    return None
