"""The ``ropa`` command: the window with no subcommand, headless subcommands otherwise.

Every failure the user can fix is printed as one line, ``ropa: error: ...``, with exit
status 1 (2 for a command line that does not parse); a traceback means a bug.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ropa_app import __version__
from ropa_app.store.errors import RopaError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def current_user() -> str:
    """Who is making changes, for the history: ``$ROPA_USER`` or the login name."""
    env = os.environ.get("ROPA_USER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers); still record something
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The command line's grammar."""
    parser = argparse.ArgumentParser(
        prog="ropa",
        description="Record of processing activities (GDPR Art. 30). "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"ropa {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="register to open: a file path or a database URL "
                             "(default: $ROPA_DB, else the register in your data folder)")
    parser.add_argument("--user", help="your name in the history (default: $ROPA_USER or login)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", help="open the window (the default)")
    demo = sub.add_parser("demo", help="add the demo organisation and its registers")
    demo.add_argument("--lang", choices=("fr", "en"), default="fr", help=argparse.SUPPRESS)

    lst = sub.add_parser("list", help="list the records")
    lst.add_argument("--org", help="only this organisation (exact name)")
    lst.add_argument("--register", choices=("controller", "processor"),
                     help="only this register")
    lst.add_argument("--lang", choices=("fr", "en"), default="en", help="label language")

    exp = sub.add_parser("export", help="export the register to FILE (.json, .pdf, .xlsx)")
    exp.add_argument("file", type=Path)
    exp.add_argument("--org", help="only this organisation (exact name)")
    exp.add_argument("--register", choices=("controller", "processor"), default="controller",
                     help="register to export as PDF or Excel (default: controller)")
    exp.add_argument("--lang", choices=("fr", "en"), default="fr", help="label language")
    exp.add_argument("--record", metavar="REF", help="only the record with this reference")
    exp.add_argument("--page-size", choices=("A4", "Letter"), default="A4",
                     help="PDF paper size (default: A4)")
    exp.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    exp.add_argument("--audit", action="store_true",
                     help="PDF or Excel register: add the audit readiness section (score, "
                          "findings of 'ropa check', reviews due)")

    imp = sub.add_parser("import", help="import FILE (.json, or .xlsx/.ods: ROPA's own "
                                        "workbook or the CNIL model) into the register")
    imp.add_argument("file", type=Path)
    imp.add_argument("--org", help="workbooks: the organisation to import into (exact name; "
                                   "created from the workbook when missing)")
    imp.add_argument("--register", choices=("controller", "processor"), default="controller",
                     help="workbooks: the register to import into (default: controller)")
    imp.add_argument("--lang", choices=("fr", "en"), default="fr", help="label language")
    imp.add_argument("--dry-run", action="store_true",
                     help="workbooks: print the preview and write nothing")

    chk = sub.add_parser("check", help="list what an auditor would raise (exit 3 on errors)")
    chk.add_argument("--org", help="only this organisation (exact name)")
    chk.add_argument("--register", choices=("controller", "processor"), help="only this register")
    chk.add_argument("--json", action="store_true", help="print the findings as JSON")
    chk.add_argument("--lang", choices=("fr", "en"), default="en", help="message language")

    sub.add_parser("schema", help="print the JSON Schema of the interchange format")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ropa`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command in (None, "gui"):
        from ropa_app.app import run_gui  # Qt is imported only for the window

        return run_gui(args.db, args.user or current_user())
    from ropa_app.cli import commands

    problem = commands.usage_problem(args)
    if problem is not None:  # a combination argparse cannot express: exit 2 like its errors
        print(f"ropa: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(commands.run(args, args.user or current_user()))
    except RopaError as exc:
        print(f"ropa: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("ropa: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
