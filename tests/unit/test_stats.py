"""The dashboard's figures: what each count includes and leaves out."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ropa_app.checks.stats import REVIEW_MONTHS, StatsCollector, register_stats
from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import RecordDoc, TransferDoc
from ropa_app.domain.enums import (
    DataCategory,
    LegalBasis,
    PurposeKind,
    RecordStatus,
    TransferMechanism,
)
from ropa_app.domain.models import DataCategoryEntryBase, PurposeBase

TODAY = date(2026, 11, 15)


def _rec(ref: str, status: RecordStatus = RecordStatus.VALIDATED,
         bases: tuple[LegalBasis | None, ...] = (LegalBasis.CONTRACT,),
         data: tuple[DataCategory, ...] = (DataCategory.IDENTITY,),
         transfers: tuple[TransferDoc, ...] = (),
         next_review: date | None = date(2027, 6, 1)) -> RecordDoc:
    purposes = [PurposeBase(kind=PurposeKind.MAIN if i == 0 else PurposeKind.SUB,
                            description=f"Purpose {i}", legal_basis=basis)
                for i, basis in enumerate(bases)]
    return RecordDoc(reference=ref, name=f"Activity {ref}", status=status, purposes=purposes,
                     data_categories=[DataCategoryEntryBase(category=c) for c in data],
                     transfers=list(transfers), next_review=next_review)


def test_by_status_counts_archived_records() -> None:
    """Every record counts in by_status, archived ones included, in the enum's order."""
    stats = register_stats([_rec("A"), _rec("B", RecordStatus.ARCHIVED),
                            _rec("C", RecordStatus.DRAFT), _rec("D")], TODAY)
    assert stats.records == 4
    assert stats.active == 3
    assert list(stats.by_status.items()) == [
        (RecordStatus.DRAFT, 1), (RecordStatus.VALIDATED, 2), (RecordStatus.ARCHIVED, 1)]


def test_archived_records_count_nowhere_else() -> None:
    """An archived record adds to no legal basis, data, transfer or review figure."""
    archived = _rec("A", RecordStatus.ARCHIVED, data=(DataCategory.HEALTH,),
                    transfers=(TransferDoc(country="US",
                                           mechanism=TransferMechanism.ADEQUACY),),
                    next_review=date(2020, 1, 1))
    stats = register_stats([archived], TODAY)
    assert stats.active == 0
    assert stats.by_legal_basis == {}
    assert stats.no_legal_basis == 0
    assert stats.by_data_category == {}
    assert stats.special_data == {}
    assert stats.with_special_data == 0
    assert stats.transfers_by_country == {}
    assert stats.transfers_by_mechanism == {}
    assert stats.transfers == {}
    assert stats.reviews_overdue == 0
    assert stats.reviews_unplanned == 0
    assert sum(stats.reviews_by_month.values()) == 0


def test_two_purposes_on_one_basis_count_once() -> None:
    """A record with two purposes on the same basis counts once for that basis."""
    stats = register_stats([
        _rec("A", bases=(LegalBasis.CONSENT, LegalBasis.CONSENT, LegalBasis.CONTRACT)),
        _rec("B", bases=(LegalBasis.CONTRACT,)),
    ], TODAY)
    assert stats.by_legal_basis == {LegalBasis.CONSENT: 1, LegalBasis.CONTRACT: 2}
    assert list(stats.by_legal_basis) == [LegalBasis.CONSENT, LegalBasis.CONTRACT]


def test_records_without_legal_basis_are_counted() -> None:
    """A record whose purposes have no legal basis (or that has none) is counted apart."""
    stats = register_stats([_rec("A", bases=(None,)), _rec("B", bases=()), _rec("C")], TODAY)
    assert stats.no_legal_basis == 2
    assert stats.by_legal_basis == {LegalBasis.CONTRACT: 1}


def test_data_categories_largest_first_and_special_data() -> None:
    """Data categories count records, largest first; special_data keeps Art. 9/10 only."""
    stats = register_stats([
        _rec("A", data=(DataCategory.IDENTITY, DataCategory.IDENTITY, DataCategory.HEALTH)),
        _rec("B", data=(DataCategory.IDENTITY, DataCategory.CRIMINAL)),
        _rec("C", data=(DataCategory.NIR,)),
    ], TODAY)
    assert list(stats.by_data_category.items()) == [
        (DataCategory.IDENTITY, 2), (DataCategory.CRIMINAL, 1), (DataCategory.HEALTH, 1),
        (DataCategory.NIR, 1)]
    assert stats.special_data == {DataCategory.HEALTH: 1, DataCategory.CRIMINAL: 1}
    assert stats.with_special_data == 2


def test_transfers_without_destination_are_skipped() -> None:
    """A transfer naming no country nor organisation counts nowhere; others count each."""
    stats = register_stats([_rec("A", transfers=(
        TransferDoc(recipient="Nowhere", mechanism=TransferMechanism.SCC_COMMISSION),
        TransferDoc(recipient="Blank", international_organisation="  "),
        TransferDoc(country="MA", mechanism=TransferMechanism.SCC_COMMISSION),
        TransferDoc(country="MA", mechanism=TransferMechanism.SCC_COMMISSION),
        TransferDoc(country="US", mechanism=TransferMechanism.ADEQUACY),
        TransferDoc(international_organisation=" OMS ", mechanism=None),
    ))], TODAY)
    assert stats.transfers_by_country == {"MA": 2, "OMS": 1, "US": 1}
    assert list(stats.transfers_by_country) == ["MA", "OMS", "US"]
    assert stats.transfers_by_mechanism == {
        TransferMechanism.SCC_COMMISSION: 2, TransferMechanism.ADEQUACY: 1, None: 1}
    assert stats.transfers == {("MA", TransferMechanism.SCC_COMMISSION): 2,
                               ("US", TransferMechanism.ADEQUACY): 1, ("OMS", None): 1}


def test_reviews_by_month_covers_twelve_months_in_order() -> None:
    """reviews_by_month has the 12 months from today's, in order, zero months included."""
    stats = register_stats([
        _rec("A", next_review=date(2026, 11, 30)),  # later this month: due, not overdue
        _rec("B", next_review=date(2026, 11, 15)),  # today: due, not overdue
        _rec("C", next_review=date(2027, 2, 1)),
        _rec("D", next_review=date(2027, 10, 31)),  # last month shown
        _rec("E", next_review=date(2027, 11, 1)),  # beyond the 12 months: not shown
    ], TODAY)
    assert len(stats.reviews_by_month) == REVIEW_MONTHS == 12
    assert list(stats.reviews_by_month) == [
        (2026, 11), (2026, 12), (2027, 1), (2027, 2), (2027, 3), (2027, 4), (2027, 5),
        (2027, 6), (2027, 7), (2027, 8), (2027, 9), (2027, 10)]
    assert stats.reviews_by_month[(2026, 11)] == 2
    assert stats.reviews_by_month[(2026, 12)] == 0
    assert stats.reviews_by_month[(2027, 2)] == 1
    assert stats.reviews_by_month[(2027, 10)] == 1
    assert sum(stats.reviews_by_month.values()) == 4


def test_overdue_and_unplanned_reviews() -> None:
    """A passed review date is overdue (earlier this month too); no date is unplanned."""
    stats = register_stats([
        _rec("A", next_review=date(2026, 11, 14)),
        _rec("B", next_review=date(2025, 1, 1)),
        _rec("C", RecordStatus.DRAFT, next_review=None),
        _rec("D", next_review=date(2027, 1, 1)),
    ], TODAY)
    assert stats.reviews_overdue == 2
    assert stats.reviews_unplanned == 1
    assert stats.reviews_by_month[(2026, 11)] == 0
    assert stats.reviews_by_month[(2027, 1)] == 1


def test_collector_counts_one_record_at_a_time() -> None:
    """Adding records one by one gives the figures of register_stats over all of them."""
    records = build_demo(datetime(2026, 11, 15, 9, 0, tzinfo=UTC)).records
    collector = StatsCollector(TODAY)
    for rec in records:
        collector.add(rec)
    assert collector.build() == register_stats(records, TODAY)
    assert collector.build().records == len(records)


def test_empty_register() -> None:
    """An empty register gives zeros and twelve empty months."""
    stats = register_stats([], TODAY)
    assert (stats.records, stats.active, stats.with_special_data) == (0, 0, 0)
    assert stats.by_status == {}
    assert list(stats.reviews_by_month.values()) == [0] * 12
