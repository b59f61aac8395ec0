"""The "Import register" wizard in parts: presenter (no Qt), the file pages, the run pages."""
