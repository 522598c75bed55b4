"""Domain shapes and rules, without a database or Qt."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from ropa_app.domain.documents import RecordDoc, RecordPartyDoc, TransferDoc
from ropa_app.domain.enums import (
    Art9Condition,
    DataCategory,
    PartyRole,
    PurposeKind,
    RecordStatus,
    RegisterKind,
    RetentionUnit,
    TransferMechanism,
)
from ropa_app.domain.history import diff
from ropa_app.domain.lifecycle import stamp_status
from ropa_app.domain.models import DataCategoryEntryBase, PurposeBase
from ropa_app.domain.validation import record_problems


def test_core_imports_no_qt() -> None:
    """The core layers and the headless commands import without loading PySide6."""
    code = (
        "import sys, pkgutil, importlib, ropa_app\n"
        "for layer in ('domain', 'store', 'checks', 'exchange'):\n"
        "    pkg = importlib.import_module('ropa_app.' + layer)\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "import ropa_app.cli.commands\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "data",
    [
        {"reference": "", "name": "Paie"},
        {"reference": "R1", "name": ""},
        {"reference": "R1", "name": "Paie", "status": "done"},
        {"reference": "R1", "name": "Paie", "colour": "blue"},
        {"reference": "R1", "name": "Paie", "created_at": datetime(2026, 1, 1)},
        {"reference": "R1", "name": "Paie", "version": 0},
        {"reference": "R1", "name": "Paie", "purposes": [{"legal_basis": "art6"}]},
    ],
)
def test_record_shape_refuses_bad_values(data: dict) -> None:
    """Empty reference or name, unknown codes or fields, naive timestamps are refused."""
    with pytest.raises(ValidationError):
        RecordDoc.model_validate(data)


def _rec(**kw: object) -> RecordDoc:
    return RecordDoc.model_validate({"reference": "R1", "name": "Paie", **kw})


def test_integrity_rules_name_their_paths() -> None:
    """Each integrity rule reports the path of the faulty field."""
    doc = _rec(
        parties=[RecordPartyDoc(role=PartyRole.CLIENT_CONTROLLER, third_party="Client SA")],
        purposes=[PurposeBase(kind=PurposeKind.MAIN), PurposeBase(kind=PurposeKind.MAIN)],
        data_categories=[
            DataCategoryEntryBase(category=DataCategory.IDENTITY, retention_value=3),
            DataCategoryEntryBase(category=DataCategory.IDENTITY,
                                  art9_condition=Art9Condition.EXPLICIT_CONSENT),
            DataCategoryEntryBase(category=DataCategory.HEALTH, art10_ground="loi"),
        ],
        transfers=[TransferDoc(country="ZZ", mechanism=TransferMechanism.SCC_COMMISSION)],
        dpia_cnil_list=["not_on_the_list"],
    )
    paths = {p for p, _ in record_problems(doc, {"Client SA"})}
    assert paths == {
        "parties[0].role",  # a client controller belongs to the processor register
        "purposes[1].kind",
        "data_categories[0].retention_value",
        "data_categories[1].art9_condition",
        "data_categories[2].art10_ground",
        "transfers[0].country",
        "dpia_cnil_list[0]",
    }


def test_valid_record_has_no_problems() -> None:
    """A consistent record passes the integrity rules."""
    doc = _rec(
        register_kind=RegisterKind.PROCESSOR,
        parties=[RecordPartyDoc(role=PartyRole.CLIENT_CONTROLLER, third_party="Client SA")],
        data_categories=[DataCategoryEntryBase(category=DataCategory.HEALTH,
                                               retention_value=20,
                                               retention_unit=RetentionUnit.YEARS,
                                               art9_condition=Art9Condition.HEALTH_CARE)],
        transfers=[TransferDoc(country="US")],
    )
    assert record_problems(doc, {"Client SA"}) == []


def test_diff_lists_changed_paths_only() -> None:
    """The diff names each changed leaf with old and new values, nothing else."""
    before = _rec(purposes=[PurposeBase(description="Paie")])
    after = before.model_copy(deep=True)
    after.purposes.append(PurposeBase(kind=PurposeKind.SUB, description="Bulletins"))
    after.version = 7
    changes = diff(before, after)
    assert {"field": "purposes[1].description", "old": None, "new": "Bulletins"} in changes
    assert {"field": "purposes[1].kind", "old": None, "new": "sub"} in changes
    assert all(not c["field"].startswith(("version", "updated_at")) for c in changes)
    assert diff(before, before) == []


def test_status_stamps() -> None:
    """A status change stamps who and when; validation also stamps the validator."""
    now = datetime(2026, 5, 1, tzinfo=UTC)
    before = _rec()
    after = before.model_copy(deep=True)
    after.status = RecordStatus.IN_REVIEW
    stamp_status(before, after, "alice", now)
    assert (after.status_changed_by, after.status_changed_at) == ("alice", now)
    assert after.validated_by == ""
    same = after.model_copy(deep=True)
    stamp_status(after, same, "bob", now)
    assert same.status_changed_by == "alice"
