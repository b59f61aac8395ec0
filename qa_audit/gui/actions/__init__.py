"""The Actions page: its layout (view) and decisions (presenter, no Qt)."""
