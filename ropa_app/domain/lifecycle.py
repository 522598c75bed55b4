"""Rules of a record's lifecycle that do not depend on storage."""

from __future__ import annotations

from datetime import datetime

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.enums import RecordStatus


def stamp_status(before: RecordDoc | None, after: RecordDoc, author: str, now: datetime) -> None:
    """Record who changed the status and when; who validated and when.

    Called on the document about to be saved; ``before`` is the stored version (None for a
    new record). A record created directly as validated is stamped too.
    """
    if before is not None and before.status == after.status:
        return
    after.status_changed_by = author
    after.status_changed_at = now
    if after.status is RecordStatus.VALIDATED:
        after.validated_by = author
        after.validated_at = now
