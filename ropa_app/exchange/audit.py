"""The "audit readiness" section of the register exports, in words: one source, two renderers.

:func:`audit_section` runs the compliance checks (:mod:`ropa_app.checks.engine`) and the
review figures (:mod:`ropa_app.checks.stats`) over one register and writes the result out
in French or English: a score, the findings (errors first, then warnings, then notices; the
organisation's own block before the records, records by reference) and the reviews due.
The Excel sheet (:mod:`ropa_app.exchange.xlsx.audit_sheet`) and the PDF section
(:mod:`ropa_app.exchange.pdf.audit`) only lay it out.

:func:`field_label` names the field to fix as a reader knows it: the engine's path
``purposes[0].legal_basis`` becomes "Finalité 1 › Base légale (art. 6.1)", with the labels
the exports already print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ropa_app.checks.engine import Finding, Score, check_register, score
from ropa_app.checks.rules import Severity
from ropa_app.checks.stats import register_stats
from ropa_app.domain.documents import OrganisationDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.domain.reference import load_reference
from ropa_app.exchange.fiche import format_date
from ropa_app.exchange.labels import TEXT, text

#: Severities in the order the section lists them.
SEVERITY_ORDER: dict[Severity, int] = {Severity.ERROR: 0, Severity.WARNING: 1,
                                       Severity.NOTICE: 2}
_SEVERITY_KEYS = {Severity.ERROR: "severity_error", Severity.WARNING: "severity_warning",
                  Severity.NOTICE: "severity_notice"}

#: Separator between the parts of a field's label.
SEP = " › "

# --- the field to fix ----------------------------------------------------------------------

#: A record's lists, named whole ("no purpose") by their block's title.
_LISTS = {"purposes": "block_purposes", "subjects": "block_subjects",
          "data_categories": "block_data", "recipients": "block_recipients",
          "security_measures": "block_security", "transfers": "block_transfers",
          "parties": "parties"}
#: One item of a list ("Finalité 1").
_ITEMS = {name: f"item_{name}" for name in _LISTS}
#: Fields whose label key is not their own name.
_LEAVES = {"retention_value": "retention", "retention_criterion": "retention",
           "art9_condition": "condition", "art10_ground": "condition", "dpia_decision": "dpia",
           "details": "precisions"}
#: Fields of a list item that mean something more precise there.
_IN_LIST = {("parties", "details"): "processing_categories",
            ("recipients", "third_party"): "processor_contract",
            ("transfers", "third_party"): "dpf_certification"}
_SEGMENT = re.compile(r"([a-z0-9_]+)(?:\[(\d+)\])?")


def _leaf(name: str, container: str | None) -> str | None:
    """The label key of field ``name`` (of an item of ``container``), if there is one."""
    if container is not None and (container, name) in _IN_LIST:
        return _IN_LIST[(container, name)]
    if container is None and name in _LISTS:
        return _LISTS[name]
    key = _LEAVES.get(name, name)
    return key if key in TEXT else None


def field_label(path: str, lang: str, *, organisation: bool = False) -> str:
    """The field at ``path`` as a reader knows it, in ``lang``.

    Args:
        path: a finding's path, in the document's spelling ("purposes[0].legal_basis").
        lang: "fr" or "en".
        organisation: the path is in the organisation's own block ("dpo_email"), not in a
            record.

    Returns:
        "Finalité 1 › Base légale (art. 6.1)", "Organisme › Adresse"...; the path itself
        when a part of it has no label (a path the engine learnt after this function).
    """
    if organisation:
        head, rest = ("dpo", path[4:]) if path.startswith("dpo_") else ("organisation", path)
        key = "person_name" if rest == "name" else _leaf(rest, None)
        return f"{text(head, lang)}{SEP}{text(key, lang)}" if key else path
    parts: list[str] = []
    container: str | None = None
    for segment in path.split("."):
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            return path
        name, index = match.groups()
        if index is not None:
            if container is not None or name not in _ITEMS:
                return path
            parts.append(text(_ITEMS[name], lang).format(n=int(index) + 1))
            container = name
            continue
        key = _leaf(name, container)
        if key is None:
            return path
        parts.append(text(key, lang))
    return SEP.join(parts)


# --- the section -------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingRow:
    """One line of the findings table.

    Attributes:
        severity: the finding's severity (renderers colour errors).
        cells: severity label, record reference (the word "Organisme" for the
            organisation's own block), record name, message, article, field to fix, rule id.
    """

    severity: Severity
    cells: tuple[str, ...]


@dataclass(frozen=True)
class MonthDue:
    """Reviews falling due in one month."""

    year: int
    month: int
    label: str  # "mai 2026", "May 2026"
    count: int


@dataclass(frozen=True)
class ScoreCard:
    """One figure of the score, for a renderer that shows them side by side.

    Attributes:
        value: the figure ("100 %", "2").
        caption: what it counts.
        severity: the severity counted, if any (a renderer colours a count above zero).
        count: the count itself (0 for the percentage).
    """

    value: str
    caption: str
    severity: Severity | None = None
    count: int = 0


@dataclass(frozen=True)
class AuditSection:
    """The audit readiness section of one register, written out in one language.

    Attributes:
        title: the section's title ("Conformité du registre").
        subtitle: the organisation and the register.
        checked_on: the day the register was checked.
        score: the figures of the score.
        score_line: the score in one sentence.
        facts: label / value lines for a summary block: date checked (a date), score (text),
            errors, warnings, notices (numbers).
        cards: the same figures, short: the percentage, then the counts by severity.
        findings_title, finding_columns, findings: the findings table.
        no_findings: what the table says when there is none.
        reviews_title, review_columns: the reviews table's title and headings.
        reviews: its lines: overdue, no date, then each of the next 12 months.
        months: the 12 months again, for a chart.
    """

    title: str
    subtitle: str
    checked_on: date
    score: Score
    score_line: str
    facts: tuple[tuple[str, str | int | date], ...]
    cards: tuple[ScoreCard, ...]
    findings_title: str
    finding_columns: tuple[str, ...]
    findings: tuple[FindingRow, ...]
    no_findings: str
    reviews_title: str
    review_columns: tuple[str, str]
    reviews: tuple[tuple[str, int], ...]
    months: tuple[MonthDue, ...]


def severity_label(severity: Severity, lang: str) -> str:
    """"Erreur", "Avertissement", "À examiner" (or the English words)."""
    return text(_SEVERITY_KEYS[severity], lang)


def month_label(year: int, month: int, lang: str) -> str:
    """"mai 2026" / "May 2026"."""
    return f"{text(f'month_{month}', lang)} {year}"


def _natural(reference: str) -> tuple[object, ...]:
    """A sort key putting "R-9" before "R-10"."""
    parts = re.split(r"(\d+)", reference.casefold())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors, warnings, notices; within each, the organisation's block first, then records
    by reference; a record's findings keep the engine's order (its fiche's order)."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.reference is not None,
                                           _natural(f.reference or "")))


def finding_columns(lang: str) -> tuple[str, ...]:
    """Headings of the findings table."""
    keys = ("audit_col_severity", "reference", "name", "audit_col_message", "audit_col_article",
            "audit_col_field", "audit_col_rule")
    return tuple(text(k, lang) for k in keys)


def audit_section(org: OrganisationDoc, register: RegisterKind, lang: str,
                  today: date) -> AuditSection:
    """The audit readiness of ``register`` of ``org`` on ``today``, written out in ``lang``."""
    register = RegisterKind(register)
    records = [r for r in org.records if r.register_kind is register]
    names = {r.reference: r.name for r in records}
    found = sort_findings(check_register(org, register, today))
    result = score(records, found)
    rows = tuple(FindingRow(f.severity, (
        severity_label(f.severity, lang),
        f.reference if f.reference is not None else text("organisation", lang),
        names.get(f.reference, "") if f.reference is not None else org.name,
        f.rule.message(lang),
        f.rule.article,
        field_label(f.path, lang, organisation=f.reference is None),
        f.rule.id,
    )) for f in found)
    figures = {"percent": result.percent, "clean": result.clean, "records": result.records,
               "errors": result.errors, "warnings": result.warnings, "notices": result.notices}
    stats = register_stats(records, today)
    months = tuple(MonthDue(y, m, month_label(y, m, lang), n)
                   for (y, m), n in stats.reviews_by_month.items())
    reviews = ((text("audit_reviews_overdue", lang), stats.reviews_overdue),
               (text("audit_reviews_unplanned", lang), stats.reviews_unplanned),
               *((m.label, m.count) for m in months))
    return AuditSection(
        title=text("audit_title", lang),
        subtitle=f"{org.name} — {load_reference().label(register, lang)}",
        checked_on=today,
        score=result,
        score_line=text("audit_score_line", lang).format(**figures),
        facts=(
            (text("audit_checked_on", lang), today),
            (text("audit_score", lang), text("audit_score_value", lang).format(**figures)),
            (text("audit_errors", lang), result.errors),
            (text("audit_warnings", lang), result.warnings),
            (text("audit_notices", lang), result.notices),
        ),
        cards=(
            ScoreCard(text("audit_percent", lang).format(**figures),
                      text("audit_card_score", lang).format(**figures)),
            ScoreCard(str(result.errors), text("audit_errors", lang), Severity.ERROR,
                      result.errors),
            ScoreCard(str(result.warnings), text("audit_warnings", lang), Severity.WARNING,
                      result.warnings),
            ScoreCard(str(result.notices), text("audit_notices", lang), Severity.NOTICE,
                      result.notices),
        ),
        findings_title=text("audit_findings", lang),
        finding_columns=finding_columns(lang),
        findings=rows,
        no_findings=text("audit_no_finding", lang),
        reviews_title=text("audit_reviews", lang),
        review_columns=(text("audit_col_due", lang), text("audit_col_records", lang)),
        reviews=reviews,
        months=months,
    )


def fact_text(value: str | int | date, lang: str) -> str:
    """A fact's value as text (dates in the language's format)."""
    if isinstance(value, date):
        return format_date(value, lang)
    return str(value)


__all__ = ["SEP", "SEVERITY_ORDER", "AuditSection", "FindingRow", "MonthDue", "ScoreCard",
           "audit_section",
           "fact_text", "field_label", "finding_columns", "month_label", "severity_label",
           "sort_findings"]
