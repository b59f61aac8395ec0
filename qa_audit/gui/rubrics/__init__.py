"""The Rubrics page in parts: presenter (no Qt, the HTML) and view (layout)."""
