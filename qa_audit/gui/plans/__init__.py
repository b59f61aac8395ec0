"""The Plans page: its layout (view) and decisions (presenter, no Qt)."""
