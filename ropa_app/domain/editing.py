"""Rules for editing records that do not depend on storage or on Qt.

- :func:`conflicting_sections` / :func:`merge_sections`: when a save meets a newer version,
  what differs between the stored record and the user's, section by section (a section is
  one field, or one whole list such as the purposes), and a merged record from the user's
  choice of side for each.
- :func:`duplicate` and :func:`next_free_reference`: a copy of a record under a new
  reference, as a new draft.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.enums import RecordStatus
from ropa_app.domain.history import BOOKKEEPING

#: Fields the store maintains itself; never offered as a choice in a conflict.
_MAINTAINED = BOOKKEEPING | {"status_changed_by", "status_changed_at", "validated_by",
                             "validated_at", "register_kind"}


def conflicting_sections(theirs: RecordDoc, mine: RecordDoc) -> list[str]:
    """Names of the record's fields (lists counted whole) whose values differ, in order."""
    a = theirs.model_dump(mode="json")
    b = mine.model_dump(mode="json")
    return [name for name in RecordDoc.model_fields
            if name not in _MAINTAINED and a[name] != b[name]]


def merge_sections(theirs: RecordDoc, mine: RecordDoc, keep_theirs: Iterable[str]) -> RecordDoc:
    """The user's record with the named sections taken from the stored one instead.

    The result carries the stored version number, so saving it is a normal save on top of
    the newer version (and is itself refused if yet another save came in meanwhile).
    """
    data = mine.model_dump()
    stored = theirs.model_dump()
    for name in keep_theirs:
        data[name] = stored[name]
    data["version"] = theirs.version
    return RecordDoc.model_validate(data)


_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def next_free_reference(reference: str, taken: Collection[str]) -> str:
    """A reference like ``reference`` that is not taken: "RH-01" -> "RH-02" (or "RH-01-2")."""
    match = _TRAILING_NUMBER.match(reference)
    if match:
        stem, digits = match.groups()
        number = int(digits) + 1
        while True:
            candidate = f"{stem}{number:0{len(digits)}d}"
            if candidate not in taken:
                return candidate
            number += 1
    number = 2
    while f"{reference}-{number}" in taken:
        number += 1
    return f"{reference}-{number}"


def duplicate(doc: RecordDoc, taken: Collection[str], copy_suffix: str) -> RecordDoc:
    """A new draft copied from ``doc``: new free reference, name marked as a copy, no
    lifecycle stamps (the copy has not been validated or reviewed)."""
    data = doc.model_dump(exclude={"version", "created_at", "updated_at", "status_changed_by",
                                   "status_changed_at", "validated_by", "validated_at",
                                   "last_review", "last_reviewed_by", "next_review"})
    copy = RecordDoc.model_validate(data)
    copy.reference = next_free_reference(doc.reference, taken)
    copy.name = f"{doc.name} {copy_suffix}".strip()[:300]
    copy.status = RecordStatus.DRAFT
    return copy
