"""The review cycle: states, next dates and marking a record reviewed."""

from __future__ import annotations

from datetime import date

import pytest

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.enums import RecordStatus
from ropa_app.domain.review import (
    DUE_SOON_DAYS,
    ReviewState,
    add_months,
    mark_reviewed,
    review_state,
)

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(("next_review", "status", "state"), [
    (None, RecordStatus.VALIDATED, ReviewState.UNPLANNED),
    (date(2026, 11, 21), RecordStatus.VALIDATED, ReviewState.OVERDUE),
    (TODAY, RecordStatus.VALIDATED, ReviewState.DUE_SOON),
    (date(2026, 12, 22), RecordStatus.DRAFT, ReviewState.DUE_SOON),  # 30 days: still soon
    (date(2026, 12, 23), RecordStatus.VALIDATED, ReviewState.FRESH),
    (date(2020, 1, 1), RecordStatus.ARCHIVED, ReviewState.NOT_APPLICABLE),
    (None, RecordStatus.ARCHIVED, ReviewState.NOT_APPLICABLE),
])
def test_review_state(next_review: date | None, status: RecordStatus,
                      state: ReviewState) -> None:
    """Overdue before today, due soon within the window, archived records never due."""
    assert DUE_SOON_DAYS == 30
    assert review_state(next_review, status, TODAY) is state


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 11, 22), 12, date(2027, 11, 22)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 3, 31), 6, date(2026, 9, 30)),
    (date(2026, 5, 10), 120, date(2036, 5, 10)),
])
def test_add_months(day: date, months: int, expected: date) -> None:
    """Calendar months, on the last day of a shorter month."""
    assert add_months(day, months) == expected


def test_mark_reviewed_sets_who_when_and_next_date_on_a_copy() -> None:
    """The copy carries the review; the original is unchanged."""
    doc = RecordDoc(reference="T-1", name="Test", next_review=date(2025, 1, 1))
    reviewed = mark_reviewed(doc, "marie.dupont", TODAY, 18)
    assert (reviewed.last_review, reviewed.last_reviewed_by, reviewed.next_review) == (
        TODAY, "marie.dupont", date(2028, 5, 22))
    assert doc.last_review is None and doc.next_review == date(2025, 1, 1)


def test_mark_reviewed_refuses_a_zero_interval() -> None:
    """An interval under a month is a bug in the caller."""
    with pytest.raises(ValueError):
        mark_reviewed(RecordDoc(reference="T-1", name="Test"), "x", TODAY, 0)
