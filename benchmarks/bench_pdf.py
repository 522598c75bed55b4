"""How long the register PDF takes, against plain reportlab laying out the same content.

    python benchmarks/bench_pdf.py [--records 1000] [--runs 3] [--lang fr] [--profile]
                                   [--no-memory | --tracemalloc]

Builds a deterministic register of ``--records`` activities (the demo's controller records,
cloned with new references and names), then times, in the same process and interleaved,

* ours: :func:`ropa_app.exchange.pdf.render_register_pdf` (cover, contents, summary,
  template, outline, one section per activity);
* baseline: a plain ``SimpleDocTemplate`` with the same fiche data, one Paragraph per field
  and one Table per block, no contents, outline, summary or page template;

and prints the medians, their ratio (target <= 1.5), pages per second and the peak memory
of one run of each, measured apart from the timed runs (peak RSS of a forked process, or
the peak Python heap with ``--tracemalloc``, which is exact but about five times slower).
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from ropa_app.domain.demo import build_demo
from ropa_app.domain.documents import OrganisationDoc
from ropa_app.domain.enums import RegisterKind
from ropa_app.exchange.fiche import build_fiche
from ropa_app.exchange.pdf import render_register_pdf
from ropa_app.exchange.pdf.fonts import BOLD, REGULAR, register_fonts

NOW = datetime(2026, 5, 15, 10, 0, tzinfo=UTC)


def big_register(count: int) -> OrganisationDoc:
    """The demo organisation with ``count`` controller activities cloned from the demo's."""
    org = build_demo(NOW)
    base = [r for r in org.records if r.register_kind is RegisterKind.CONTROLLER]
    records = []
    for i in range(count):
        src = base[i % len(base)]
        records.append(src.model_copy(deep=True, update={
            "reference": f"{src.reference}-{i + 1:04d}",
            "name": f"{src.name} ({i + 1})",
        }))
    return org.model_copy(update={"records": records})


def baseline_pdf(org: OrganisationDoc, lang: str) -> bytes:
    """Plain reportlab: the same fiche data, a Paragraph per field, a Table per block."""
    register_fonts()
    body = ParagraphStyle("b", fontName=REGULAR, fontSize=8, leading=9.8)
    bold = ParagraphStyle("h", parent=body, fontName=BOLD, fontSize=10, leading=13)
    story: list[Flowable] = []
    for rec in org.records:
        fiche = build_fiche(rec, org, lang)
        story.append(Paragraph(escape(f"{fiche.reference} — {fiche.name}"), bold))
        for block in fiche.blocks:
            story.append(Paragraph(escape(block.title), bold))
            for f in block.fields:
                if f.value:
                    story.append(Paragraph(escape(f"{f.label}: {f.value}"), body))
            if block.table is not None and block.table.rows:
                data = [[Paragraph(escape(c), body) for c in block.table.columns]]
                data += [[Paragraph(escape(c), body) for c in row] for row in block.table.rows]
                story.append(Table(data, repeatRows=1, style=TableStyle(
                    [("GRID", (0, 0), (-1, -1), 0.4, "#999999"),
                     ("VALIGN", (0, 0), (-1, -1), "TOP")])))
        story.append(PageBreak())
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                            topMargin=18 * mm, bottomMargin=15 * mm,
                            initialFontName=REGULAR)
    doc.build(story)
    return buffer.getvalue()


def ours_pdf(org: OrganisationDoc, lang: str) -> bytes:
    """The register export under test."""
    return render_register_pdf(org, RegisterKind.CONTROLLER, lang, now=NOW)


def timed(fn: Callable[[], bytes]) -> tuple[float, bytes]:
    start = time.perf_counter()
    data = fn()
    return time.perf_counter() - start, data


def peak_traced_mib(fn: Callable[[], bytes]) -> float:
    """Peak Python heap of one run (tracemalloc: exact, but makes the run ~5x slower)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _rss_kib() -> int:
    """The current resident set size (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() // 1024


def _child(fn: Callable[[], bytes], conn: Any) -> None:
    start = _rss_kib()
    fn()
    conn.send((start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    conn.close()


def peak_rss_mib(fn: Callable[[], bytes]) -> tuple[float, float]:
    """Peak RSS of a forked process doing one run, and its growth during the run (MiB)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, child))
    proc.start()
    start, peak = parent.recv()
    proc.join()
    return peak / 1024, (peak - start) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--profile", action="store_true",
                        help="profile one run of ours with pyinstrument instead")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="measure the peak Python heap with tracemalloc (slow)")
    args = parser.parse_args()

    org = big_register(args.records)
    register_fonts()
    ours = lambda: ours_pdf(org, args.lang)  # noqa: E731
    base = lambda: baseline_pdf(org, args.lang)  # noqa: E731
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        with profiler:
            ours()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return 0

    small = big_register(3)
    ours_pdf(small, args.lang), baseline_pdf(small, args.lang)  # warm up: fonts, imports
    # Memory first: forked from a process that has not laid out the big register yet, so
    # the growth measured is the run's own (freed memory is kept by the allocator after).
    memory = ""
    if args.tracemalloc:
        memory = (f"  peak Python heap (tracemalloc, one run each): ours "
                  f"{peak_traced_mib(ours):.0f} MiB, baseline {peak_traced_mib(base):.0f} MiB")
    elif not args.no_memory:
        (o_peak, o_grow), (b_peak, b_grow) = peak_rss_mib(ours), peak_rss_mib(base)
        memory = (f"  peak RSS (forked process, one run each): ours {o_peak:.0f} MiB "
                  f"(+{o_grow:.0f} during the run), baseline {b_peak:.0f} MiB (+{b_grow:.0f})")
    t_ours: list[float] = []
    t_base: list[float] = []
    for _ in range(args.runs):
        t, data_ours = timed(ours)
        t_ours.append(t)
        t, data_base = timed(base)
        t_base.append(t)
    pages_ours = len(PdfReader(io.BytesIO(data_ours)).pages)
    pages_base = len(PdfReader(io.BytesIO(data_base)).pages)
    m_ours, m_base = statistics.median(t_ours), statistics.median(t_base)
    print(f"register of {args.records} activities, {args.lang}, median of {args.runs} runs")
    print(f"  ours     {m_ours:7.2f} s  {pages_ours:5d} pages  {pages_ours / m_ours:6.0f} pages/s"
          f"  {len(data_ours) / 2**20:6.1f} MiB  runs {', '.join(f'{t:.2f}' for t in t_ours)}")
    print(f"  baseline {m_base:7.2f} s  {pages_base:5d} pages  {pages_base / m_base:6.0f} pages/s"
          f"  {len(data_base) / 2**20:6.1f} MiB  runs {', '.join(f'{t:.2f}' for t in t_base)}")
    ratio = m_ours / m_base
    print(f"  ratio    {ratio:7.2f}  (target <= 1.5: {'ok' if ratio <= 1.5 else 'TOO SLOW'})")
    if memory:
        print(memory)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
