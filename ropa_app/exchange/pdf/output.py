"""What both PDF exports share around the layout: arguments, document information, writing."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ropa_app.domain.documents import OrganisationDoc
from ropa_app.exchange.fiche import format_date
from ropa_app.exchange.files import atomic_write
from ropa_app.exchange.labels import text
from ropa_app.store.errors import UnwritableLocationError

LANGS = ("fr", "en")


def check_lang(lang: str) -> str:
    """``lang`` if the exports speak it; a programming error otherwise."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; use 'fr' or 'en'")
    return lang


def generated_at(now: datetime | None) -> datetime:
    """The export's date: ``now`` (timezone-aware), or the current time."""
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("the export date must be timezone-aware")
    return now


def footer_line(now: datetime, lang: str, app_version: str) -> str:
    """"Generated on <date> — ROPA <version>"."""
    return text("pdf_generated", lang).format(date=format_date(now, lang), version=app_version)


def document_info(title: str, org: OrganisationDoc, subject: str, lang: str,
                  app_version: str) -> dict[str, Any]:
    """The PDF's document information (shown by viewers, read by indexers)."""
    keywords = ["RGPD" if lang == "fr" else "GDPR", "article 30" if lang == "fr" else "Article 30",
                org.name]
    return {"title": title, "author": org.name, "subject": subject, "keywords": keywords,
            "creator": f"ROPA {app_version}"}


def check_target(path: Path) -> None:
    """Fail early, before a long layout, when ``path`` obviously cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UnwritableLocationError(f"the folder {folder} does not exist; choose another folder")
    if path.is_dir():
        raise UnwritableLocationError(f"{path} is a folder; choose a file name")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UnwritableLocationError(
            f"cannot write in the folder {folder} (permission denied); choose another folder")


def write(path: Path, data: bytes) -> None:
    """Write the PDF through a temporary file in the same folder and a rename."""
    atomic_write(path, data)
