"""The periodic review of a record: when it is due, and what marking it reviewed changes.

Art. 30 asks for a register kept up to date, and Art. 24(1) for measures "reviewed and
updated where necessary"; the CNIL advises reviewing each activity at a set interval. Each
organisation sets its interval (``review_interval_months``); a record's ``next_review`` is
the date its review falls due.
"""

from __future__ import annotations

import calendar
from datetime import date
from enum import StrEnum

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.enums import RecordStatus

#: A review falling due within this many days is "due soon".
DUE_SOON_DAYS = 30


class ReviewState(StrEnum):
    """Where a record stands in its review cycle."""

    FRESH = "fresh"  # next review more than DUE_SOON_DAYS away
    DUE_SOON = "due_soon"  # next review within DUE_SOON_DAYS (today included)
    OVERDUE = "overdue"  # next review date passed
    UNPLANNED = "unplanned"  # no next review date
    NOT_APPLICABLE = "not_applicable"  # archived: the processing is no longer carried out


def review_state(next_review: date | None, status: RecordStatus, today: date) -> ReviewState:
    """The review state of a record with ``next_review`` and ``status`` on ``today``."""
    if status is RecordStatus.ARCHIVED:
        return ReviewState.NOT_APPLICABLE
    if next_review is None:
        return ReviewState.UNPLANNED
    if next_review < today:
        return ReviewState.OVERDUE
    if (next_review - today).days <= DUE_SOON_DAYS:
        return ReviewState.DUE_SOON
    return ReviewState.FRESH


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the month's last day when it is shorter
    (31 January + 1 month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def mark_reviewed(doc: RecordDoc, who: str, day: date, interval_months: int) -> RecordDoc:
    """A copy of ``doc`` reviewed by ``who`` on ``day``, next due ``interval_months`` later."""
    if interval_months < 1:
        raise ValueError("the review interval is at least one month")
    return doc.model_copy(update={
        "last_review": day,
        "last_reviewed_by": who,
        "next_review": add_months(day, interval_months),
    })


__all__ = ["DUE_SOON_DAYS", "ReviewState", "add_months", "mark_reviewed", "review_state"]
