"""Plan documents an auditor chose to reopen automatically on this computer.

The remembered path stays on the auditor's own computer (never in the audit
database), and only for plans where they ticked "remember". The file names no
plan: each entry is keyed by an HMAC of ``session/plan ref`` under a random
per-install secret, so the keys cannot be reversed by hashing likely plan
references (an unsalted hash of a short reference can be). Each entry also holds
the HMAC of the plan reference alone, so retention deletion of a plan's audits
can forget its documents in every session without knowing which sessions they
were. The store is plain JSON written atomically; Qt-free so the CLI's retention
command clears it too.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from qa_audit.paths import data_dir

__all__ = ["LEGACY_FILE", "STORE_FILE", "RememberedFiles"]

STORE_FILE = "remembered-documents.json"
_HMAC_FILE = "remembered-documents.key"
#: The old QSettings file whose keys were unsalted hashes; removed on first use.
LEGACY_FILE = "evidence-files.ini"


class RememberedFiles:
    """``session/plan ref`` -> document path, for this user on this computer."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir()
        self._secret: bytes | None = None

    # ---------------------------------------------------------------- queries

    def path_for(self, plan_key: str) -> str | None:
        entry = self._load().get(self._key(plan_key))
        return entry.get("path") if entry else None

    def count(self) -> int:
        return len(self._load())

    # ---------------------------------------------------------------- changes

    def remember(self, plan_key: str, path: Path | str) -> None:
        plan_ref = plan_key.rsplit("/", 1)[-1]
        entries = self._load()
        entries[self._key(plan_key)] = {"path": str(path), "plan": self._key(plan_ref.casefold())}
        self._save(entries)

    def forget(self, plan_key: str) -> None:
        entries = self._load()
        if entries.pop(self._key(plan_key), None) is not None:
            self._save(entries)

    def forget_plans(self, plan_refs: Iterable[str]) -> int:
        """Forget the documents of these plans in every session (retention deletion)."""
        wanted = {self._key(ref.casefold()) for ref in plan_refs}
        entries = self._load()
        kept = {k: v for k, v in entries.items() if v.get("plan") not in wanted}
        if len(kept) != len(entries):
            self._save(kept)
        return len(entries) - len(kept)

    def forget_all(self) -> int:
        """Forget every remembered document on this computer; returns how many."""
        n = self.count()
        with contextlib.suppress(FileNotFoundError):
            (self.folder / STORE_FILE).unlink()
        self._drop_legacy()
        return n

    # ---------------------------------------------------------------- plumbing

    def _key(self, text: str) -> str:
        return hmac.new(self._get_secret(), text.encode("utf-8"), hashlib.sha256).hexdigest()

    def _get_secret(self) -> bytes:
        if self._secret is None:
            path = self.folder / _HMAC_FILE
            try:
                secret = path.read_bytes()
            except FileNotFoundError:
                secret = b""
            if len(secret) < 32:
                secret = secrets.token_bytes(32)
                self._write(path, secret)
                self._drop_legacy()  # entries under the old, reversible keys go
            self._secret = secret
        return self._secret

    def _drop_legacy(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.folder / LEGACY_FILE).unlink()

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads((self.folder / STORE_FILE).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, OSError):
            return {}  # a damaged store only costs re-opening the files by hand
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, dict) and "path" in v}

    def _save(self, entries: dict[str, dict[str, str]]) -> None:
        self._write(self.folder / STORE_FILE,
                    json.dumps(entries, indent=1, sort_keys=True).encode("utf-8"))

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
