"""Band (RAG) colours for the whole GUI, in one place.

A rubric band's ``rag`` is red, amber, green, blue (an outstanding band) or grey
(plans not judged). Pages and models look colours up here so the Rubrics page,
the scoring form, the moderation grid and the dashboard always agree. GOV.UK
palette: strong colours carry white text; tints are backgrounds for dark text.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

__all__ = ["NEUTRAL", "RAG_COLOURS", "RAG_TINTS", "band_colour", "band_tint", "on_colour"]

#: A band without a known colour.
NEUTRAL = "#505a5f"
RAG_COLOURS = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c",
               "blue": "#1d70b8", "grey": "#505a5f"}
RAG_TINTS = {"red": "#f6d7d2", "amber": "#fde0c9", "green": "#cce2d8",
             "blue": "#d2e2f1", "grey": "#e5e6e7"}


def band_colour(rag: str | None) -> QColor:
    """The strong colour of a band (bars, markers, text on white)."""
    return QColor(RAG_COLOURS.get(rag or "", NEUTRAL))


def band_tint(rag: str | None) -> QColor | None:
    """The light background of a band's cells, or None for an unknown colour."""
    tint = RAG_TINTS.get(rag or "")
    return None if tint is None else QColor(tint)


def on_colour(rag: str | None) -> str:
    """Text colour readable on the band's strong colour (amber is light: black text)."""
    return "black" if rag == "amber" else "white"
