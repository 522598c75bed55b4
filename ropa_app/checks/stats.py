"""Figures about a register for its dashboard and the audit readiness section of exports.

Pure counting over documents (no database, no Qt). Records are added one at a time
(:meth:`StatsCollector.add`) so a background reader can count a large register without
keeping every record in memory. Archived records count in :attr:`RegisterStats.by_status`
only: every other figure describes the processing carried out today.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ropa_app.domain.documents import RecordDoc
from ropa_app.domain.enums import DataCategory, LegalBasis, RecordStatus, TransferMechanism
from ropa_app.domain.review import ReviewState, add_months, review_state

#: How many months ahead "reviews due per month" looks, the current month included.
REVIEW_MONTHS = 12


@dataclass(frozen=True)
class RegisterStats:
    """What a register holds, counted.

    Attributes:
        records: every record counted, archived ones included.
        active: records not archived.
        by_status: records per status (every record).
        by_legal_basis: active records with at least one purpose on each Art. 6(1) basis.
        no_legal_basis: active records with no legal basis on any purpose.
        by_data_category: active records processing each category of data.
        special_data: active records with special-category (Art. 9) or criminal-offence
            (Art. 10) data, per category; only those categories appear.
        with_special_data: active records with any special-category or criminal data.
        transfers_by_country: transfers outside the EEA per destination (an ISO 3166
            alpha-2 code, or the name of an international organisation).
        transfers_by_mechanism: transfers per Chapter V mechanism (None: not recorded).
        transfers: transfers per (destination, mechanism).
        reviews_overdue: active records whose next review date has passed.
        reviews_unplanned: active records with no next review date.
        reviews_by_month: active records whose review falls due in each of the
            :data:`REVIEW_MONTHS` months from ``today``'s, as ``(year, month)`` keys, in
            order, months with none included.
    """

    records: int
    active: int
    by_status: dict[RecordStatus, int]
    by_legal_basis: dict[LegalBasis, int]
    no_legal_basis: int
    by_data_category: dict[DataCategory, int]
    special_data: dict[DataCategory, int]
    with_special_data: int
    transfers_by_country: dict[str, int]
    transfers_by_mechanism: dict[TransferMechanism | None, int]
    transfers: dict[tuple[str, TransferMechanism | None], int]
    reviews_overdue: int
    reviews_unplanned: int
    reviews_by_month: dict[tuple[int, int], int]


def _ordered(counter: Counter, order: Iterable) -> dict:  # type: ignore[type-arg]
    """``counter``'s non-zero counts in ``order`` (an enum's order)."""
    return {key: counter[key] for key in order if counter[key]}


def _by_count(counter: Counter) -> dict:  # type: ignore[type-arg]
    """``counter``'s counts, largest first, then by key."""
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))))


@dataclass
class StatsCollector:
    """Counts records one at a time; :meth:`build` gives the figures.

    Args:
        today: the day reviews are compared with.
    """

    today: date
    _records: int = 0
    _active: int = 0
    _status: Counter[RecordStatus] = field(default_factory=Counter)
    _bases: Counter[LegalBasis] = field(default_factory=Counter)
    _no_basis: int = 0
    _data: Counter[DataCategory] = field(default_factory=Counter)
    _with_special: int = 0
    _countries: Counter[str] = field(default_factory=Counter)
    _mechanisms: Counter[TransferMechanism | None] = field(default_factory=Counter)
    _transfers: Counter[tuple[str, TransferMechanism | None]] = field(default_factory=Counter)
    _overdue: int = 0
    _unplanned: int = 0
    _due: Counter[tuple[int, int]] = field(default_factory=Counter)

    def add(self, rec: RecordDoc) -> None:
        """Count one record."""
        self._records += 1
        self._status[rec.status] += 1
        if rec.status is RecordStatus.ARCHIVED:
            return
        self._active += 1
        bases = {p.legal_basis for p in rec.purposes if p.legal_basis is not None}
        self._bases.update(bases)
        self._no_basis += not bases
        categories = {c.category for c in rec.data_categories}
        self._data.update(categories)
        self._with_special += any(c.is_sensitive for c in categories)
        for t in rec.transfers:
            where = t.country or t.international_organisation.strip()
            if not where:
                continue
            self._countries[where] += 1
            self._mechanisms[t.mechanism] += 1
            self._transfers[(where, t.mechanism)] += 1
        state = review_state(rec.next_review, rec.status, self.today)
        if state is ReviewState.OVERDUE:
            self._overdue += 1
        elif state is ReviewState.UNPLANNED:
            self._unplanned += 1
        else:
            assert rec.next_review is not None
            self._due[(rec.next_review.year, rec.next_review.month)] += 1

    def build(self) -> RegisterStats:
        """The figures of the records added so far."""
        first = self.today.replace(day=1)
        months = [add_months(first, i) for i in range(REVIEW_MONTHS)]
        return RegisterStats(
            records=self._records,
            active=self._active,
            by_status=_ordered(self._status, RecordStatus),
            by_legal_basis=_ordered(self._bases, LegalBasis),
            no_legal_basis=self._no_basis,
            by_data_category=_by_count(self._data),
            special_data=_ordered(self._data, [c for c in DataCategory if c.is_sensitive]),
            with_special_data=self._with_special,
            transfers_by_country=_by_count(self._countries),
            transfers_by_mechanism=_by_count(self._mechanisms),
            transfers=_by_count(self._transfers),
            reviews_overdue=self._overdue,
            reviews_unplanned=self._unplanned,
            reviews_by_month={(m.year, m.month): self._due[(m.year, m.month)] for m in months},
        )


def register_stats(records: Iterable[RecordDoc], today: date) -> RegisterStats:
    """The figures of ``records`` on ``today``."""
    collector = StatsCollector(today)
    for rec in records:
        collector.add(rec)
    return collector.build()


__all__ = ["REVIEW_MONTHS", "RegisterStats", "StatsCollector", "register_stats"]
