"""Schema revisions this version of the application knows, oldest first.

Kept as constants so opening a register needs no migration machinery when it is current;
a test checks them against the migration scripts.
"""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_last_reviewed_by",
    "0003_search_text",
)
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
