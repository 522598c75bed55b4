"""Reading back a workbook written by ROPA (see :mod:`.writer`).

The hidden "ROPA data" sheet holds everything as JSON, so nothing is lost: organisation,
third parties, records with every field, history. The visible sheets are for people; an
import does not parse them back, but it compares them with the fingerprints taken at export
and lists every row edited by hand as a warning on its activity ("change not imported:
make it in ROPA"), so an edit is never dropped without a word.

A damaged data sheet (not JSON, wrong types, a newer format) is refused as a whole with
the sheet, row and column named; a record that breaks the register's rules is an invalid
item of the plan, the others import.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection
from typing import Any

from pydantic import ValidationError

from ropa_app.domain.documents import OrganisationDoc, RecordDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.models import HistoryEntryBase, ThirdPartyBase
from ropa_app.exchange.labels import text
from ropa_app.exchange.xlsx.cells import where
from ropa_app.exchange.xlsx.errors import ImportCancelled
from ropa_app.exchange.xlsx.grid import Workbook
from ropa_app.exchange.xlsx.layout import FLAT_COLUMNS
from ropa_app.exchange.xlsx.preview import ImportPlan, ItemStatus, Note, PlanItem, classify
from ropa_app.exchange.xlsx.writer import (
    DATA_MARK,
    DATA_SHEET,
    DATA_VERSION,
    cell_fingerprint,
    fingerprint,
)
from ropa_app.store.errors import InvalidDocumentError, RopaError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def is_own_workbook(book: Workbook) -> bool:
    """True when the workbook has ROPA's data sheet."""
    return DATA_SHEET in book.sheet_names


def _fail(row: int, column: int | None, message: str) -> InvalidDocumentError:
    return InvalidDocumentError([(where(DATA_SHEET, row, column), message)])


def _json(row: int, column: int, raw: Any, what: str) -> Any:
    if not isinstance(raw, str):
        raise _fail(row, column, f"{what} must be JSON text, found {type(raw).__name__} "
                    f"{raw!r:.60}")
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _fail(row, column, f"{what} is not valid JSON ({exc.msg} at character "
                    f"{exc.pos})") from exc


def _errors(exc: ValidationError) -> list[str]:
    out = []
    for e in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in e["loc"])
        out.append(f"{loc}: {e['msg']}" if loc else e["msg"])
    return out


def _header(rows: Any) -> dict[str, Any]:
    try:
        first = next(rows)
    except StopIteration:
        raise _fail(1, 1, "the sheet is empty") from None
    if not first or first[0] != DATA_MARK:
        raise _fail(1, 1, f"expected {DATA_MARK!r}, found {first[0] if first else None!r}")
    meta = _json(1, 2, first[1] if len(first) > 1 else None, "the header")
    if not isinstance(meta, dict):
        raise _fail(1, 2, "the header must be a JSON object")
    version = meta.get("format_version")
    if not isinstance(version, int):
        raise _fail(1, 2, f"format_version must be a number, found {version!r}")
    if version > DATA_VERSION:
        raise RopaError(f"{where(DATA_SHEET, 1, 2)}: the workbook was written by a newer "
                        f"version of ROPA (data format {version}); update the application")
    return meta


def read_own(book: Workbook, existing_references: Collection[str], register: RegisterKind,
             progress: Progress | None = None, cancelled: Cancelled | None = None
             ) -> ImportPlan:
    """The import plan of a workbook written by ROPA."""
    rows = iter(book.rows(DATA_SHEET))
    meta = _header(rows)
    total: int = meta["records"] if isinstance(meta.get("records"), int) else 0
    plan = ImportPlan(book.path, "ropa", book.kind, register)
    source_register = meta.get("register")
    if source_register not in (None, register.value):
        plan.warnings.append(Note(DATA_SHEET, 1, 2,
                                  f"the workbook holds the {source_register} register; its "
                                  f"activities go to the {register.value} register"))
    problems: list[tuple[str, str]] = []
    checks: list[tuple[PlanItem, dict[str, Any]]] = []
    done = 0
    for index, row in enumerate(rows, start=2):
        if not row or all(v is None for v in row):
            continue
        kind = row[0]
        info = _json(index, 2, row[1] if len(row) > 1 else None, "the row's description")
        parts = [v for v in row[2:] if v is not None]
        if any(not isinstance(p, str) for p in parts):
            col = 3 + next(i for i, v in enumerate(row[2:]) if v is not None
                           and not isinstance(v, str))
            raise _fail(index, col, "the content must be JSON text")
        payload = _json(index, 3, "".join(parts), "the content")
        if kind == "organisation":
            try:
                plan.organisation = OrganisationDoc.model_validate(payload)
            except ValidationError as exc:
                problems += [(where(DATA_SHEET, index, 3), m) for m in _errors(exc)]
        elif kind == "third_party":
            try:
                plan.third_parties.append(ThirdPartyBase.model_validate(payload))
            except ValidationError as exc:
                problems += [(where(DATA_SHEET, index, 3), m) for m in _errors(exc)]
        elif kind == "history":
            try:
                plan.history.append(HistoryEntryBase.model_validate(payload))
            except ValidationError as exc:
                problems += [(where(DATA_SHEET, index, 3), m) for m in _errors(exc)]
        elif kind == "record":
            item = _record_item(index, payload, info, register)
            plan.items.append(item)
            checks.append((item, info if isinstance(info, dict) else {}))
            done += 1
            if cancelled is not None and done % 50 == 0 and cancelled():
                raise ImportCancelled("import cancelled; nothing was written")
            if progress is not None and total and done % max(1, total // 100) == 0:
                progress(done, total)
        else:
            raise _fail(index, 1, f"unknown row kind {kind!r} (expected organisation, "
                        "third_party, record or history)")
    if plan.organisation is None:
        problems.append((where(DATA_SHEET), "the organisation row is missing"))
    if problems:
        raise InvalidDocumentError(problems)
    for item in plan.items:
        item.history = [h for h in plan.history
                        if h.register_kind.value == source_register
                        and h.reference == item.reference]
    _check_visible_sheets(book, meta, checks, plan)
    classify(plan, existing_references)
    if progress is not None:
        progress(done, max(done, total))
    return plan


def _record_item(index: int, payload: Any, info: Any, register: RegisterKind) -> PlanItem:
    place = info.get("sheet", DATA_SHEET) if isinstance(info, dict) else DATA_SHEET
    ref = payload.get("reference", "") if isinstance(payload, dict) else ""
    name = payload.get("name", "") if isinstance(payload, dict) else ""
    item = PlanItem(ItemStatus.NEW, str(ref or ""), str(name or ""), str(place))
    try:
        record = RecordDoc.model_validate(payload)
    except ValidationError as exc:
        item.reasons += [f"{where(DATA_SHEET, index, 3)}: {m}" for m in _errors(exc)]
        return item
    record.register_kind = register
    item.record = record
    return item


def _check_visible_sheets(book: Workbook, meta: dict[str, Any],
                          checks: list[tuple[PlanItem, dict[str, Any]]],
                          plan: ImportPlan) -> None:
    """Warn, on its activity, about every visible row changed since the export."""
    lang: str = meta["lang"] if meta.get("lang") in ("fr", "en") else "fr"
    by_sheet: dict[str, list[tuple[PlanItem, int, int, str]]] = {}
    summary: dict[int, tuple[PlanItem, str]] = {}
    flat: dict[int, tuple[PlanItem, list[str]]] = {}
    for item, info in checks:
        try:
            by_sheet.setdefault(str(info["sheet"]), []).append(
                (item, int(info["first"]), int(info["last"]), str(info["hash"])))
            summary[int(info["summary_row"])] = (item, str(info["summary_hash"]))
            flat[int(info["flat_row"])] = (item, [str(h) for h in info["flat"]])
        except (KeyError, TypeError, ValueError):
            continue
    expected = [meta.get("summary_sheet"), meta.get("flat_sheet"), *by_sheet]
    for name in expected:
        if isinstance(name, str) and name not in book.sheet_names:
            plan.warnings.append(Note(name, None, None, "this sheet of the export is missing; "
                                      "the import does not need it"))
    name = meta.get("summary_sheet")
    if isinstance(name, str) and name in book.sheet_names:
        for index, row in enumerate(book.rows(name), start=1):
            if index in summary and fingerprint(row) != summary[index][1]:
                _edited(summary[index][0], name, index, None)
    name = meta.get("flat_sheet")
    if isinstance(name, str) and name in book.sheet_names:
        for index, row in enumerate(book.rows(name), start=1):
            if index not in flat:
                continue
            item, hashes = flat[index]
            cells = list(row) + [None] * max(0, len(hashes) - len(row))
            changed = [i for i, h in enumerate(hashes) if cell_fingerprint(cells[i]) != h]
            for i in changed:
                label = text(FLAT_COLUMNS[i][0], lang) if i < len(FLAT_COLUMNS) else ""
                _edited(item, name, index, i + 1, label)
    for name, regions in by_sheet.items():
        if name not in book.sheet_names:
            continue
        regions.sort(key=lambda r: r[1])
        _check_fiches(book, name, regions)


def _check_fiches(book: Workbook, name: str,
                  regions: list[tuple[PlanItem, int, int, str]]) -> None:
    k = 0
    digest = hashlib.blake2b(digest_size=8)
    for index, row in enumerate(book.rows(name), start=1):
        while k < len(regions) and index > regions[k][2]:
            k += 1
            digest = hashlib.blake2b(digest_size=8)
        if k >= len(regions):
            break
        item, first, last, expected = regions[k]
        if index < first:
            continue
        digest.update(fingerprint(row).encode())
        if index == last and digest.hexdigest() != expected:
            _edited(item, name, None, None, f"rows {first}-{last}")


def _edited(item: PlanItem, sheet: str, row: int | None, column: int | None,
            label: str = "") -> None:
    what = f" ({label})" if label else ""
    item.warnings.append(Note(
        sheet, row, column,
        f"edited by hand after the export{what}: this change is not imported (the import "
        "takes the data ROPA saved in the workbook); make it in ROPA"))
