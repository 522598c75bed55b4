"""Benchmark of the Excel export and import on a 10,000-activity register.

One command, from the repository root::

    .venv/bin/python benchmarks/bench_xlsx.py [--activities 10000] [--keep DIR]

The register is the demo's controller register cloned with new references (deterministic).
Each phase runs in its own process so its peak memory is its own:

* ``export``  — :func:`write_register_xlsx`;
* ``plain-write`` — openpyxl's write-only mode writing the very cell values the export
  writes (no styles, merges, heights, print set-up, safe cells, data sheet fingerprints);
* ``import`` — :func:`read_workbook` on the exported workbook (preview plan, every record
  validated, every visible row fingerprinted);
* ``plain-read`` — openpyxl's read-only mode iterating every row of every sheet.

It prints the times, the ratios (targets: export ≤ 1.5 × plain write, import ≤ 2 × plain
read) and each phase's peak memory (maximum resident set size).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 5, 15, 9, 0, tzinfo=UTC)


def big_register(n: int):  # type: ignore[no-untyped-def]
    """The demo organisation with ``n`` controller activities cloned from the demo's."""
    from ropa_app.domain.demo import build_demo
    from ropa_app.domain.enums import RegisterKind

    org = build_demo(NOW)
    base = [r for r in org.records if r.register_kind is RegisterKind.CONTROLLER]
    records = []
    for i in range(n):
        rec = base[i % len(base)].model_copy(deep=True)
        rec.reference = f"{rec.reference}-{i:05d}"
        rec.name = f"{rec.name} ({i + 1})"
        records.append(rec)
    org.records = records
    return org


def phase(name: str, n: int, path: Path) -> dict[str, float]:
    """Run one phase in this process; return its time and peak memory."""
    from ropa_app.domain.enums import RegisterKind

    if name in ("export", "plain-write"):
        org = big_register(n)
    if name == "export":
        from ropa_app.exchange.xlsx import write_register_xlsx

        start = time.perf_counter()
        write_register_xlsx(path, org, RegisterKind.CONTROLLER, "fr", now=NOW)
        elapsed = time.perf_counter() - start
    elif name == "plain-write":
        from openpyxl import Workbook

        from ropa_app.exchange.xlsx.writer import cell_values

        values = cell_values(org, RegisterKind.CONTROLLER, "fr", now=NOW)
        start = time.perf_counter()
        wb = Workbook(write_only=True)
        for title, rows in values.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        wb.save(path.with_name("plain.xlsx"))
        elapsed = time.perf_counter() - start
    elif name == "import":
        from ropa_app.exchange.xlsx import read_workbook

        start = time.perf_counter()
        plan = read_workbook(path)
        elapsed = time.perf_counter() - start
        assert plan.counts["new"] == n, plan.counts
    elif name == "plain-read":
        from openpyxl import load_workbook

        start = time.perf_counter()
        wb = load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            for _row in ws.iter_rows(values_only=True):
                pass
        wb.close()
        elapsed = time.perf_counter() - start
    else:
        raise SystemExit(f"unknown phase {name}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return {"seconds": elapsed, "peak_mb": peak}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the workbooks in")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.activities, args.path)))
        return 0
    if args.keep is None:
        with tempfile.TemporaryDirectory(prefix="bench-xlsx-") as folder:
            return run(Path(folder), args.activities)
    args.keep.mkdir(parents=True, exist_ok=True)
    return run(args.keep, args.activities)


def run(folder: Path, activities: int) -> int:
    """Run every phase on a workbook in ``folder``; print the figures."""
    path = folder / "register.xlsx"
    results = {}
    for name in ("export", "plain-write", "import", "plain-read"):
        out = subprocess.run([sys.executable, __file__, "--phase", name, "--activities",
                              str(activities), "--path", str(path)],
                             check=True, capture_output=True, text=True, cwd=ROOT)
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
        seconds, peak = results[name]["seconds"], results[name]["peak_mb"]
        print(f"{name:12s} {seconds:7.2f} s   peak {peak:6.0f} MB", flush=True)
    size = path.stat().st_size / 1e6
    export_ratio = results["export"]["seconds"] / results["plain-write"]["seconds"]
    import_ratio = results["import"]["seconds"] / results["plain-read"]["seconds"]
    print(f"{activities:,} activities, workbook {size:.1f} MB")
    print(f"export / plain write-only: {export_ratio:.2f} (target <= 1.5)")
    print(f"import / plain read-only:  {import_ratio:.2f} (target <= 2)")
    return 0 if export_ratio <= 1.5 and import_ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
