"""The Exemplar library page's layout (view); its presenter is ``pages.exemplar_presenter``."""
