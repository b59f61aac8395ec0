"""The Sessions page in parts: presenter (no Qt), view (layout), dialogs."""
