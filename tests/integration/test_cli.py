"""The ``ropa`` command, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ropa_app import __version__


def ropa(*args: str, db: Path | None = None, env: dict[str, str] | None = None,
         ) -> subprocess.CompletedProcess[str]:
    """Run ``ropa`` with the test's environment; never opens a window."""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    cmd = [sys.executable, "-m", "ropa_app.cli.main"]
    if db is not None:
        cmd += ["--db", str(db)]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=full_env,
                          timeout=120, check=False)


def _one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ropa: error: "), result.stderr
    return lines[0]


def test_version() -> None:
    """``ropa --version`` prints the version and exits 0."""
    result = ropa("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ropa {__version__}"


def test_demo_then_list_shows_the_demo(tmp_path: Path) -> None:
    """``ropa demo`` then ``ropa list`` shows both registers of the demo organisation."""
    db = tmp_path / "reg.sqlite"
    made = ropa("demo", db=db)
    assert made.returncode == 0, made.stderr
    listed = ropa("list", "--lang", "fr", db=db)
    assert listed.returncode == 0, listed.stderr
    out = listed.stdout
    assert "Registre des activités de traitement du responsable" in out
    assert "sous-traitant" in out
    assert out.count("\n  ") >= 12  # one indented line per record
    again = ropa("demo", db=db)
    assert "already in this register" in _one_line_error(again)


def test_default_register_comes_from_environment(tmp_path: Path) -> None:
    """With no --db, $ROPA_DB names the register."""
    db = tmp_path / "env.sqlite"
    assert ropa("demo", env={"ROPA_DB": str(db)}).returncode == 0
    assert db.exists()


def test_export_import_export_through_files(tmp_path: Path) -> None:
    """Export to JSON, import into an empty register, export again: identical files."""
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert ropa("demo", db=tmp_path / "a.sqlite").returncode == 0
    assert ropa("export", str(first), db=tmp_path / "a.sqlite").returncode == 0
    imported = ropa("import", str(first), db=tmp_path / "b.sqlite")
    assert imported.returncode == 0, imported.stderr
    assert "Imported" in imported.stdout
    assert ropa("export", str(second), db=tmp_path / "b.sqlite").returncode == 0
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data["format"] == "ropa-register"


def test_export_one_record(tmp_path: Path) -> None:
    """``--record REF`` exports only that record."""
    db = tmp_path / "a.sqlite"
    ropa("demo", db=db)
    whole = tmp_path / "all.json"
    ropa("export", str(whole), db=db)
    ref = json.loads(whole.read_text(encoding="utf-8"))["organisations"][0]["records"][0][
        "reference"]
    one = tmp_path / "one.json"
    assert ropa("export", str(one), "--record", ref, db=db).returncode == 0
    records = json.loads(one.read_text(encoding="utf-8"))["organisations"][0]["records"]
    assert [r["reference"] for r in records] == [ref]
    missing = ropa("export", str(tmp_path / "x.json"), "--record", "NOPE-1", db=db)
    assert "NOPE-1" in _one_line_error(missing)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("import", "{tmp}/missing.json"), "does not exist"),
        (("import", "{tmp}/garbage.json"), "not valid JSON"),
        (("export", "{tmp}/no/such/folder/out.json"), "does not exist"),
        (("export", "{tmp}/out.docx"), "cannot tell the format"),
        (("list", "--org", "Nobody"), "no organisation named"),
    ],
)
def test_user_errors_are_one_line(tmp_path: Path, args: tuple[str, ...], words: str) -> None:
    """Missing files, bad input and unwritable targets give one clear line and exit 1."""
    (tmp_path / "garbage.json").write_text("{not json", encoding="utf-8")
    line = _one_line_error(ropa(*(a.format(tmp=tmp_path) for a in args),
                                db=tmp_path / "r.sqlite"))
    assert words in line


def test_unwritable_folder(tmp_path: Path) -> None:
    """Exporting into a folder that cannot be written is a one-line error, no partial file."""
    if os.geteuid() == 0:
        target_dir = Path("/proc/ropa-export-test")  # not writable even for root
    else:
        target_dir = tmp_path / "ro"
        target_dir.mkdir()
        target_dir.chmod(0o500)
    db = tmp_path / "r.sqlite"
    ropa("demo", db=db)
    line = _one_line_error(ropa("export", str(target_dir / "out.json"), db=db))
    assert "out.json" in line or str(target_dir) in line


def test_not_a_register_is_refused_untouched(tmp_path: Path) -> None:
    """Pointing --db at a text file says so in one line and leaves the file as it was."""
    bogus = tmp_path / "notes.txt"
    bogus.write_text("Registre papier\n", encoding="utf-8")
    line = _one_line_error(ropa("list", db=bogus))
    assert "not a ROPA register" in line
    assert bogus.read_text(encoding="utf-8") == "Registre papier\n"


def test_bad_arguments_exit_2() -> None:
    """An unknown subcommand or option is a usage error (exit 2)."""
    result = ropa("frobnicate")
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_invalid_import_leaves_register_empty(tmp_path: Path) -> None:
    """A JSON file with one bad value is refused whole, naming the path."""
    db = tmp_path / "a.sqlite"
    ropa("demo", db=db)
    out = tmp_path / "x.json"
    ropa("export", str(out), db=db)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["organisations"][0]["records"][-1]["status"] = "finished"
    out.write_text(json.dumps(data), encoding="utf-8")
    line = _one_line_error(ropa("import", str(out), db=tmp_path / "b.sqlite"))
    assert "records[" in line and "status" in line
    listed = ropa("list", db=tmp_path / "b.sqlite")
    assert "is empty" in listed.stdout


def test_check_prints_findings_and_exits_3_on_errors(tmp_path: Path) -> None:
    """``ropa check`` lists findings; errors (missing Art. 30 items) give exit status 3."""
    db = tmp_path / "a.sqlite"
    ropa("demo", db=db)
    clean = ropa("check", "--json", db=db)
    assert clean.returncode == 0, clean.stderr
    (org,) = json.loads(clean.stdout)
    rules = {(f["rule"], f["reference"]) for f in org["findings"]}
    assert ("status.draft", "IT-01") in rules and org["errors"] == 0
    export = tmp_path / "x.json"
    ropa("export", str(export), db=db)
    data = json.loads(export.read_text(encoding="utf-8"))
    data["organisations"][0]["records"][0]["purposes"] = []
    export.write_text(json.dumps(data), encoding="utf-8")
    ropa("import", str(export), db=tmp_path / "b.sqlite")
    broken = ropa("check", "--lang", "fr", db=tmp_path / "b.sqlite")
    assert broken.returncode == 3
    assert "Aucune finalité n'est décrite. [Art. 30(1)(b)]" in broken.stdout


def test_export_pdf_register_and_one_record(tmp_path: Path) -> None:
    """``ropa export FILE.pdf`` writes the register, ``--record`` one record's summary."""
    from pypdf import PdfReader

    db = tmp_path / "a.sqlite"
    ropa("demo", db=db)
    whole = ropa("export", str(tmp_path / "reg.pdf"), "--lang", "en", db=db)
    assert whole.returncode == 0, whole.stderr
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "reg.pdf").pages)
    assert "Record of processing activities" in text
    one = ropa("export", str(tmp_path / "one.pdf"), "--record", "SG-01", db=db)
    assert one.returncode == 0, one.stderr
    assert 1 <= len(PdfReader(tmp_path / "one.pdf").pages) <= 2


def test_excel_export_and_cnil_import(tmp_path: Path) -> None:
    """``ropa export FILE.xlsx`` writes the workbook; ``ropa import`` of a CNIL-model file
    previews then imports it, and ``--dry-run`` writes nothing."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "cnil" / "registre_cnil.xlsx"
    db = tmp_path / "a.sqlite"
    dry = ropa("import", str(fixture), "--dry-run", db=db)
    assert dry.returncode == 0, dry.stderr
    assert "5 new, 0 updated, 1 invalid" in dry.stdout
    assert "is empty" in ropa("list", db=db).stdout
    done = ropa("import", str(fixture), db=db)
    assert done.returncode == 0, done.stderr
    assert "5 new" in done.stdout.splitlines()[-1]
    out = tmp_path / "reg.xlsx"
    exported = ropa("export", str(out), db=db)
    assert exported.returncode == 0, exported.stderr
    from openpyxl import load_workbook

    assert "Liste des traitements" in load_workbook(out, read_only=True).sheetnames
