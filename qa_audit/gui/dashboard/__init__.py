"""The Dashboard page in parts: presenter (no Qt), view (layout), the session charts."""
