"""Pause Python's cyclic garbage collector while many acyclic objects are built.

Loading a session or parsing a register makes hundreds of thousands of short-lived
lists, tuples and strings, none of them in a reference cycle. Counted one by one
they set off full collections of the whole heap again and again (a fifth of an
import's time; 30 ms on a screen holding ~100,000 objects). Reference counting
still frees everything as usual while paused.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Nesting, and other threads doing the same, leave the collector as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
