"""Edits in progress, kept on disk so a crash or a power cut loses nothing.

The editor writes the record being edited here (debounced, after each change); a save or a
revert removes it. At the next start, drafts left over are offered back. Drafts live in the
user's data folder, one JSON file per record being edited, grouped by register, and are
written atomically (temporary file, fsync, rename).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs
from pydantic import ValidationError

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.models import utcnow
from ropa_app.exchange.files import atomic_write


def default_drafts_folder() -> Path:
    """``drafts/`` in the user's data folder."""
    return platformdirs.user_data_path("ropa", appauthor=False) / "drafts"


@dataclass(frozen=True)
class Draft:
    """An unsaved edit.

    Attributes:
        key: identifies the draft within its register ("record-12", or "new-<uuid>").
        organisation_id: the organisation the record belongs to.
        record_id: the record being edited, None for a record never saved.
        base_version: the version the edit started from (None for a new record).
        doc: the record as the user left it.
        saved_at: when the draft was written.
    """

    key: str
    organisation_id: int
    record_id: int | None
    base_version: int | None
    doc: RecordDoc
    saved_at: datetime


class DraftStore:
    """Drafts of one register (identified by its location) in a folder."""

    def __init__(self, register_location: str, folder: Path | None = None) -> None:
        digest = hashlib.sha256(register_location.encode("utf-8")).hexdigest()[:16]
        self._folder = (folder or default_drafts_folder()) / digest
        self._location = register_location

    @property
    def folder(self) -> Path:
        """Where this register's drafts are written."""
        return self._folder

    def save(self, key: str, organisation_id: int, record_id: int | None,
             base_version: int | None, doc: RecordDoc) -> None:
        """Write (or overwrite) the draft ``key``."""
        self._folder.mkdir(parents=True, exist_ok=True)
        payload = {
            "register": self._location,
            "key": key,
            "organisation_id": organisation_id,
            "record_id": record_id,
            "base_version": base_version,
            "saved_at": utcnow().isoformat(),
            "doc": doc.model_dump(mode="json"),
        }
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        atomic_write(self._path(key), data)

    def discard(self, key: str) -> None:
        """Forget the draft ``key`` (after a save or a revert)."""
        self._path(key).unlink(missing_ok=True)

    def load_all(self) -> list[Draft]:
        """Every readable draft of this register, oldest first; unreadable files are skipped
        (a draft is a safety net: a damaged one must not stop the application)."""
        if not self._folder.is_dir():
            return []
        drafts = []
        for path in self._folder.glob("*.json"):
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                drafts.append(Draft(
                    key=raw["key"], organisation_id=int(raw["organisation_id"]),
                    record_id=raw["record_id"], base_version=raw["base_version"],
                    doc=RecordDoc.model_validate(raw["doc"]),
                    saved_at=datetime.fromisoformat(raw["saved_at"]),
                ))
            except (OSError, ValueError, KeyError, TypeError, ValidationError):
                continue
        return sorted(drafts, key=lambda d: d.saved_at)

    def _path(self, key: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in key)
        return self._folder / f"{safe}.json"


__all__ = ["Draft", "DraftStore", "default_drafts_folder"]
