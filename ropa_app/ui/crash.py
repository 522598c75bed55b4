"""What happens when the program hits a bug: the traceback is logged, the user is told.

An exception that reaches the event loop is a bug (the user-facing
:class:`~ropa_app.store.errors.RopaError` family is handled where it is raised). It must
never be a silent exit: :class:`CrashHandler`, installed as ``sys.excepthook``, appends the
traceback to the log file and shows a dialog naming that file.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

import platformdirs

from ropa_app import __version__
from ropa_app.ui.prompts import PromptService


def default_log_path() -> Path:
    """``ropa.log`` in the platform's user log folder."""
    return platformdirs.user_log_path("ropa", appauthor=False) / "ropa.log"


class CrashHandler:
    """A ``sys.excepthook`` that logs the traceback and shows the crash dialog.

    Args:
        prompts: shows the crash dialog.
        log_path: the log file the traceback is appended to.
    """

    def __init__(self, prompts: PromptService, log_path: Path | None = None) -> None:
        self._prompts = prompts
        self.log_path = log_path if log_path is not None else default_log_path()
        self._handling = False

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(text)
        if self._handling:  # the crash dialog itself failed: the traceback is on stderr
            return
        self._handling = True
        try:
            self._prompts.show_crash(self._write_log(text))
        finally:
            self._handling = False

    def _write_log(self, text: str) -> Path | None:
        """Append ``text`` to the log file; None if the file cannot be written."""
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with self.log_path.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {stamp} ROPA {__version__}: unexpected error\n{text}\n")
        except OSError as exc:
            sys.stderr.write(f"ropa: cannot write the log file {self.log_path}: {exc}\n")
            return None
        return self.log_path
