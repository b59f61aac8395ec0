"""The Moderation page's parts: Qt-free presenter, Qt models, delegate, chart, saving."""
