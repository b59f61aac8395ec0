"""SQLite ``file:`` URIs (shared by the plain engine and SQLCipher connections)."""

from __future__ import annotations

import urllib.parse
from pathlib import Path


def sqlite_uri(path: Path, **params: str) -> str:
    """A SQLite ``file:`` URI for ``path`` (UNC paths keep their two leading slashes)."""
    posix = path.as_posix()
    quoted = urllib.parse.quote(posix, safe="/:")
    # /tmp/x -> file:///tmp/x; UNC //server/share -> file:////server/share; C:/x -> file:///C:/x
    uri = ("file://" if posix.startswith("/") else "file:///") + quoted
    if params:
        uri += "?" + urllib.parse.urlencode(params)
    return uri
