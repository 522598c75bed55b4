"""The headless subcommands, over the same core as the window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ropa_app.domain.documents import OrganisationDoc, RegisterDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.reference import label
from ropa_app.exchange import json_io
from ropa_app.store.bulk import export_register, import_register
from ropa_app.store.database import OpenedRegister, open_register
from ropa_app.store.errors import DuplicateError, RopaError, UnwritableLocationError
from ropa_app.store.organisations import OrganisationStore
from ropa_app.store.records import RecordStore

#: Formats by file extension: what export writes and what import reads.
EXPORTERS = {".json", ".pdf", ".xlsx"}
IMPORTERS = {".json", ".xlsx", ".ods"}
WORKBOOKS = {".xlsx", ".ods"}
#: Formats that can carry the audit readiness section (``ropa export --audit``).
AUDIT_FORMATS = {".pdf", ".xlsx"}


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with a combination of options the parser accepted, if anything."""
    if args.command == "export" and args.audit:
        ext = args.file.suffix.lower()
        if ext in EXPORTERS and ext not in AUDIT_FORMATS:
            return (f"--audit adds a section to .pdf and .xlsx exports; a {ext} export has "
                    "none (use 'ropa check --json' for the findings as JSON)")
        if args.record:
            return "--audit applies to a whole register, not to one record (--record)"
    return None


def run(args: argparse.Namespace, user: str) -> int:
    """Run the subcommand named in ``args``."""
    if args.command == "schema":
        sys.stdout.write(json_io.schema_text())
        return 0
    handler = {"demo": _demo, "list": _list, "export": _export, "check": _check}.get(
        args.command)
    if args.command == "export":
        _check_export_target(args.file, args.force)
    if args.command == "import":
        _check_format(args.file, IMPORTERS)
        if args.file.suffix.lower() in WORKBOOKS:
            opened = open_register(args.db)
            try:
                return _import_workbook(opened, args, user)
            finally:
                opened.dispose()
        doc = json_io.read_register(args.file)  # validate before touching the register
        opened = open_register(args.db)
        try:
            return _import(opened, doc)
        finally:
            opened.dispose()
    opened = open_register(args.db)
    try:
        return handler(opened, args, user)  # type: ignore[operator]
    finally:
        opened.dispose()


def _check_format(path: Path, formats: set[str]) -> None:
    ext = path.suffix.lower()
    if ext not in formats:
        names = ", ".join(sorted(formats))
        if ext in (".xlsx", ".pdf", ".ods"):
            raise RopaError(f"the {ext} format is not available here; use {names}")
        raise RopaError(f"cannot tell the format of {path.name!r}: use a {names} file name")


def _check_export_target(path: Path, force: bool) -> None:
    _check_format(path, EXPORTERS)
    if path.exists() and not force:
        raise RopaError(f"{path} exists already; use --force to overwrite it")
    if not path.parent.exists() and str(path.parent):
        raise UnwritableLocationError(f"the folder {path.parent} does not exist")


def _demo(opened: OpenedRegister, args: argparse.Namespace, user: str) -> int:
    from ropa_app.domain.demo import build_demo

    doc = build_demo()
    try:
        summary = import_register(opened.engine, RegisterDoc(organisations=[doc]))
    except DuplicateError as exc:
        raise RopaError(f"the demo organisation {doc.name!r} is already in this register") from exc
    print(f"Demo organisation {doc.name!r} added to {opened.location}: "
          f"{summary.records} records, {summary.third_parties} third parties.")
    return 0


def _list(opened: OpenedRegister, args: argparse.Namespace, user: str) -> int:
    orgs = OrganisationStore(opened.engine).list()
    if args.org:
        orgs = [o for o in orgs if o.data.name == args.org]
        if not orgs:
            raise RopaError(f"no organisation named {args.org!r} in {opened.location}")
    if not orgs:
        print(f"The register {opened.location} is empty. Try 'ropa demo'.")
        return 0
    records = RecordStore(opened.engine, user)
    kinds = [RegisterKind(args.register)] if args.register else list(RegisterKind)
    for org in orgs:
        for kind in kinds:
            rows = records.list_summaries(org.id, kind)
            print(f"{org.data.name} — {label(kind, args.lang)} ({len(rows)})")
            width = max((len(r.reference) for r in rows), default=3)
            for r in rows:
                status = label(r.status, args.lang)
                print(f"  {r.reference:<{width}}  {r.name}  [{status}]")
            print()
    return 0


def _export(opened: OpenedRegister, args: argparse.Namespace, user: str) -> int:
    if args.org and OrganisationStore(opened.engine).find(args.org) is None:
        raise RopaError(f"no organisation named {args.org!r} in {opened.location}")
    doc = export_register(opened.engine, args.org)
    if args.record:
        for org in doc.organisations:
            org.records = [r for r in org.records if r.reference == args.record]
            org.history = [h for h in org.history if h.reference == args.record]
        doc.organisations = [o for o in doc.organisations if o.records]
        if not doc.organisations:
            raise RopaError(f"no record with reference {args.record!r}")
    if args.file.suffix.lower() in (".pdf", ".xlsx"):
        return _export_document(doc, args)
    json_io.write_register(args.file, doc)
    count = sum(len(o.records) for o in doc.organisations)
    print(f"Exported {count} records of {len(doc.organisations)} organisation(s) to {args.file}")
    return 0


def _one_organisation(doc: RegisterDoc, args: argparse.Namespace) -> OrganisationDoc:
    if len(doc.organisations) != 1:
        names = ", ".join(repr(o.name) for o in doc.organisations) or "none"
        raise RopaError(f"choose the organisation with --org (this register holds: {names})")
    return doc.organisations[0]


def _export_document(doc: RegisterDoc, args: argparse.Namespace) -> int:
    """The audit documents: PDF or Excel, of one register or one record."""
    org = _one_organisation(doc, args)
    register = RegisterKind(args.register)
    if args.file.suffix.lower() == ".pdf":
        from ropa_app.exchange.pdf import write_record_pdf, write_register_pdf

        if args.record:
            pages = write_record_pdf(args.file, org, org.records[0], lang=args.lang,
                                     page_size=args.page_size)
            print(f"Wrote the summary of {args.record} ({pages} pages) to {args.file}")
            return 0
        pages = write_register_pdf(args.file, org, register, lang=args.lang,
                                   page_size=args.page_size, audit=args.audit)
        what = f"{pages} pages"
    else:
        from ropa_app.exchange.xlsx import write_record_xlsx, write_register_xlsx

        if args.record:
            write_record_xlsx(args.file, org, org.records[0], lang=args.lang)
            print(f"Wrote the fiche of {args.record} to {args.file}")
            return 0
        write_register_xlsx(args.file, org, register, lang=args.lang, audit=args.audit)
        what = "workbook"
    if args.audit:
        what += ", with the audit readiness section"
    count = sum(1 for r in org.records if r.register_kind is register)
    print(f"Wrote the {register.value} register ({count} records, {what}) to {args.file}")
    return 0


def _import_workbook(opened: OpenedRegister, args: argparse.Namespace, user: str) -> int:
    """Read a workbook, print its preview, and (unless --dry-run) apply it all or nothing."""
    from ropa_app.exchange.xlsx import (
        ItemStatus,
        apply_plan,
        existing_references,
        preview_lines,
        read_workbook,
    )

    register = RegisterKind(args.register)
    orgs = OrganisationStore(opened.engine)
    target: str | int | None = args.org
    if target is None:
        known = orgs.list()
        if len(known) > 1:
            names = ", ".join(repr(o.data.name) for o in known)
            raise RopaError(f"choose the organisation with --org (this register holds: {names})")
        target = known[0].id if known else None
    taken = existing_references(opened.engine, target, register) if target is not None else set()
    plan = read_workbook(args.file, taken, register=register, lang=args.lang)
    for line in preview_lines(plan):
        print(line)
    if args.dry_run:
        return 0
    if not plan.count(ItemStatus.NEW) and not plan.count(ItemStatus.UPDATED):
        raise RopaError(f"{args.file.name}: nothing to import")
    if target is None:
        if plan.organisation is None:
            raise RopaError("this register has no organisation: name one with --org")
        target = plan.organisation.name
    summary = apply_plan(opened.engine, target, register, plan, user)
    print(f"Imported into {opened.location}: {summary.created} new, {summary.updated} updated, "
          f"{summary.unchanged} unchanged, {summary.skipped_invalid} invalid left out")
    return 0


def _import(opened: OpenedRegister, doc: RegisterDoc) -> int:
    summary = import_register(opened.engine, doc)
    print(f"Imported {summary.records} records, {summary.third_parties} third parties and "
          f"{summary.organisations} organisation(s) into {opened.location}")
    return 0


#: Exit status of ``ropa check`` when the register misses mandatory Art. 30 items.
EXIT_FINDINGS = 3


def _check(opened: OpenedRegister, args: argparse.Namespace, user: str) -> int:
    import json

    from ropa_app.checks.engine import check_register, score
    from ropa_app.checks.rules import Severity

    if args.org and OrganisationStore(opened.engine).find(args.org) is None:
        raise RopaError(f"no organisation named {args.org!r} in {opened.location}")
    register = RegisterKind(args.register) if args.register else None
    doc = export_register(opened.engine, args.org)
    results = []
    errors = 0
    for org in doc.organisations:
        findings = check_register(org, register)
        records = [r for r in org.records if register is None or r.register_kind is register]
        results.append((org, findings, score(records, findings)))
        errors += sum(1 for f in findings if f.severity is Severity.ERROR)
    if args.json:
        payload = [{"organisation": org.name, "score": s.percent, "records": s.records,
                    "errors": s.errors, "warnings": s.warnings, "notices": s.notices,
                    "findings": [f.to_json(args.lang) for f in findings]}
                   for org, findings, s in results]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for org, findings, s in results:
            print(f"{org.name}: {s.percent}% of {s.records} records complete — "
                  f"{s.errors} errors, {s.warnings} warnings, {s.notices} notices")
            for f in findings:
                where = f"{f.reference} {f.path}" if f.reference else f"organisation {f.path}"
                print(f"  {f.severity.value:<7}  {where}: {f.rule.message(args.lang)} "
                      f"[{f.rule.article}]")
    return EXIT_FINDINGS if errors else 0
