"""Synthetic demo data (``load_demo``, in ``loader``) and its marker (``marker``).

The loader is imported on first use, not with the package: opening any database
imports ``marker`` (is this a demo store?), and importing the loader with it pulled
sampling, sessions and the generators into every start-up (issue 16: first rows fast).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa_audit.services.demo.loader import load_demo as load_demo


def __getattr__(name: str) -> Any:
    """``demo.load_demo`` and the loader's other names, imported when first asked for."""
    if name.startswith("__"):  # import machinery probing (``__path__`` is set already)
        raise AttributeError(name)
    # deferred: the loader needs sampling and sessions, which opening a database does not
    # (imported by name: ``from . import loader`` would ask this function again)
    loader = importlib.import_module("qa_audit.services.demo.loader")
    return getattr(loader, name)
